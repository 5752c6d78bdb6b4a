import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { receiveAnswer, type Question } from '../../nodes/WhatsAppInteractive/actions/sendAndWait';
import type { NormalisedEvent } from '../../nodes/shared/model/event';
import type { InboundMessage } from '../../nodes/shared/model/inbound';
import { readResumeAnswer } from '../../nodes/shared/trigger/forward';
import { answerProof, hopExtra, hopProof } from '../../nodes/shared/wait/hop';

const EXECUTION_ID = '42';
const NODE_ID = '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95';
const ANA = '5519900001111';
const ANA_ID = 'BR.1349120865530274191';
const REPROMPT_URL = 'https://graph.facebook.com/v24.0/106540352242922/messages';
const REPROMPT_BODY: IDataObject = {
	messaging_product: 'whatsapp',
	to: ANA,
	type: 'text',
	text: { body: 'Please answer with a number.' },
	biz_opaque_callback_data: 'wai1.ref',
};

function freeText(overrides: Partial<Question> = {}): Question {
	return {
		waitId: 'w1',
		messageType: 'text',
		body: 'How many units?',
		choices: [],
		responseType: 'freeText',
		validation: { rule: 'number' },
		passOn: false,
		reprompt: {
			text: 'Please answer with a number.',
			max: 2,
			url: REPROMPT_URL,
			body: REPROMPT_BODY,
		},
		...overrides,
	};
}

/** The waiting node's input: the item Send and Wait left when it asked. */
function waiting(question: Question, extra: IDataObject = {}): IDataObject {
	return {
		answered: false,
		timedOut: true,
		valid: false,
		text: null,
		message: null,
		provider: 'whatsAppCloud',
		to: ANA,
		messageId: 'wamid.question',
		correlationId: null,
		sentAt: '2026-12-01T10:00:00.000Z',
		waitUntil: null,
		question: question as unknown as IDataObject,
		...extra,
	};
}

const CREDENTIALS: Record<string, IDataObject> = {
	whatsAppCloudApi: { accessToken: 't', phoneNumberId: '106540352242922' },
	sinchLatamApi: { userName: 'ana', authenticationToken: 's3cret' },
};

interface Sent {
	status?: number;
	body?: IDataObject;
}

function context(
	body: IDataObject,
	current: IDataObject,
	send: (options: IDataObject) => Promise<unknown> = async () => ({ statusCode: 200, body: {} }),
) {
	const answer: Sent = {};
	const res = {
		status(code: number) {
			answer.status = code;
			return res;
		},
		json(value: IDataObject) {
			answer.body = value;
			return res;
		},
	};
	const httpRequestWithAuthentication = jest.fn(async (_type: string, options: IDataObject) =>
		send(options),
	);
	const getCredentials = jest.fn(async (type: string) => {
		const credential = CREDENTIALS[type];
		if (!credential) throw new Error('Node does not have any credentials set');
		return credential;
	});
	const logger = { warn: jest.fn(), info: jest.fn(), error: jest.fn(), debug: jest.fn() };
	const ctx = {
		logger,
		getNode: () => ({ id: NODE_ID, name: 'Ask' }),
		getRequestObject: () => ({
			originalUrl: `/webhook-waiting/${EXECUTION_ID}/${NODE_ID}?k=0&w=w1&signature=x`,
		}),
		getResponseObject: () => res,
		getQueryData: () => ({ k: '0', w: 'w1' }),
		getBodyData: () => body,
		evaluateExpression: () => current,
		getCredentials,
		helpers: { httpRequestWithAuthentication },
	} as unknown as IWebhookFunctions;
	return { ctx, answer, httpRequestWithAuthentication, getCredentials, logger };
}

function messageEvent(message: InboundMessage, extra: Partial<NormalisedEvent> = {}) {
	const event: NormalisedEvent = {
		event: 'message',
		provider: 'whatsAppCloud',
		messageId: 'wamid.answer',
		correlationId: null,
		from: ANA,
		to: '5511333330000',
		timestamp: '2026-12-01T10:05:00.000Z',
		contactName: 'Ana',
		userId: null,
		text: message.text ?? message.caption ?? null,
		message,
		raw: {},
		...extra,
	};
	return event;
}

const typed = (text: string, extra: Partial<NormalisedEvent> = {}) =>
	messageEvent({ type: 'text', text }, extra);

/** What the trigger of this process posts for a typed answer: the event, its re-prompt count, and the proof over both. */
function hop(event: unknown, reprompts = '0', proofReprompts = reprompts): IDataObject {
	const text = JSON.stringify(event);
	const target = { executionId: EXECUTION_ID, nodeId: NODE_ID, waitId: 'w1', choice: 0 };
	return { event: text, proof: hopProof(target, text, proofReprompts), reprompts };
}

describe('Free Text: a typed answer handed over by the trigger', () => {
	test('a valid answer resumes with its text, in the shape of n8n’s own free-text answer', async () => {
		const question = freeText();
		const body = hop(typed(' 12 '));
		const { ctx, answer, httpRequestWithAuthentication } = context(body, waiting(question));
		const result = await receiveAnswer(ctx);
		expect(answer).toEqual({});
		expect(httpRequestWithAuthentication).not.toHaveBeenCalled();
		expect(result.webhookResponse).toEqual({
			resumed: true,
			reason: 'resumed',
			proof: answerProof(body.proof as string, 'resumed'),
		});
		const item = result.workflowData![0][0];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			answered: true,
			timedOut: false,
			valid: true,
			text: '12',
			message: { type: 'text', text: ' 12 ' },
			from: ANA,
			userId: null,
			contactName: 'Ana',
			answeredAt: '2026-12-01T10:05:00.000Z',
			reprompts: 0,
			provider: 'whatsAppCloud',
			to: ANA,
			messageId: 'wamid.question',
			question,
			data: { text: '12' },
		});
		expect(item.json).not.toHaveProperty('invalid');
		// The trigger reads this answer as the node's own.
		expect(readResumeAnswer(200, result.webhookResponse, body.proof as string)).toBe('resumed');
	});

	test('an invalid answer with re-prompts left: the re-prompt is sent, and the node keeps waiting', async () => {
		const body = hop(typed('a dozen'));
		const { ctx, answer, httpRequestWithAuthentication, getCredentials } = context(
			body,
			waiting(freeText()),
		);
		const result = await receiveAnswer(ctx);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(getCredentials).toHaveBeenCalledWith('whatsAppCloudApi');
		expect(httpRequestWithAuthentication).toHaveBeenCalledTimes(1);
		const [type, options] = httpRequestWithAuthentication.mock.calls[0];
		expect(type).toBe('whatsAppCloudApi');
		expect(options).toMatchObject({
			method: 'POST',
			url: REPROMPT_URL,
			body: REPROMPT_BODY,
			headers: { Authorization: 'Bearer t' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			resumed: false,
			reason: 'reprompted',
			message: 'The answer was not taken (expected a number); asked again',
			proof: answerProof(body.proof as string, 'reprompted'),
		});
		expect(readResumeAnswer(200, answer.body, body.proof as string)).toBe('reprompted');
	});

	test('Sinch LATAM: the re-prompt carries its credential’s headers', async () => {
		const { ctx, answer, httpRequestWithAuthentication } = context(
			hop(typed('no')),
			waiting(freeText(), { provider: 'sinchLatam' }),
		);
		await receiveAnswer(ctx);
		expect(httpRequestWithAuthentication.mock.calls[0][0]).toBe('sinchLatamApi');
		expect(httpRequestWithAuthentication.mock.calls[0][1]).toMatchObject({
			headers: { UserName: 'ana', AuthenticationToken: 's3cret' },
		});
		expect(answer.body).toMatchObject({ reason: 'reprompted' });
	});

	test('one re-prompt sent of two: still asked again', async () => {
		const { ctx, answer, httpRequestWithAuthentication } = context(
			hop(typed('x'), '1'),
			waiting(freeText()),
		);
		await receiveAnswer(ctx);
		expect(httpRequestWithAuthentication).toHaveBeenCalledTimes(1);
		expect(answer.body).toMatchObject({ reason: 'reprompted' });
	});

	test('an invalid answer after the last re-prompt: resumes, marked not valid, with why', async () => {
		const body = hop(typed('still no'), '2');
		const { ctx, answer, httpRequestWithAuthentication } = context(body, waiting(freeText()));
		const result = await receiveAnswer(ctx);
		expect(answer).toEqual({});
		expect(httpRequestWithAuthentication).not.toHaveBeenCalled();
		expect(result.webhookResponse).toEqual({
			resumed: true,
			reason: 'resumed',
			proof: answerProof(body.proof as string, 'resumed'),
		});
		expect(result.workflowData![0][0].json).toMatchObject({
			answered: true,
			valid: false,
			invalid: 'expected a number',
			text: 'still no',
			data: { text: 'still no' },
			reprompts: 2,
		});
	});

	test('Max Re-Prompts 0: an invalid answer resumes at once', async () => {
		const question = freeText({
			reprompt: { text: 'again', max: 0, url: REPROMPT_URL, body: REPROMPT_BODY },
		});
		const { ctx, httpRequestWithAuthentication } = context(hop(typed('x')), waiting(question));
		const result = await receiveAnswer(ctx);
		expect(httpRequestWithAuthentication).not.toHaveBeenCalled();
		expect(result.workflowData![0][0].json).toMatchObject({ valid: false, reprompts: 0 });
	});

	test('no re-prompt kept with the question: an invalid answer resumes, marked not valid', async () => {
		const question = freeText({ reprompt: undefined });
		const { ctx } = context(hop(typed('x')), waiting(question));
		const result = await receiveAnswer(ctx);
		expect(result.workflowData![0][0].json).toMatchObject({
			valid: false,
			invalid: 'expected a number',
		});
	});

	test.each([
		[
			'the provider refuses it (500)',
			async () => ({ statusCode: 500, body: { error: { message: 'Internal' } } }),
		],
		['the request fails', async () => Promise.reject(new Error('socket hang up'))],
	])(
		'the re-prompt cannot be sent (%s): 502 without a proof, so the trigger asks for the callback again',
		async (_name, send) => {
			const body = hop(typed('x'));
			const { ctx, answer, logger } = context(body, waiting(freeText()), send);
			const result = await receiveAnswer(ctx);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(answer.status).toBe(502);
			expect(answer.body).toEqual({ resumed: false, message: 'The re-prompt could not be sent' });
			expect(answer.body).not.toHaveProperty('proof');
			expect(readResumeAnswer(502, answer.body, body.proof as string)).toBe('failed');
			expect(logger.warn).toHaveBeenCalledWith(
				expect.stringContaining('could not send a Free Text re-prompt'),
			);
		},
	);

	test('a message from another number: 403 otherRecipient, with the node’s proof', async () => {
		const body = hop(typed('12', { from: '5519900009999' }));
		const { ctx, answer } = context(body, waiting(freeText()));
		const result = await receiveAnswer(ctx);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer.status).toBe(403);
		expect(answer.body).toEqual({
			resumed: false,
			reason: 'otherRecipient',
			message: 'The message came from another number than the one asked',
			proof: answerProof(body.proof as string, 'otherRecipient'),
		});
	});

	test('the number asked, written differently: the same customer', async () => {
		const { ctx } = context(hop(typed('12', { from: '+55 19 90000-1111' })), waiting(freeText()));
		expect((await receiveAnswer(ctx)).workflowData).toHaveLength(1);
	});

	test('no number, but the user id asked: resumes; another user id does not', async () => {
		const asked = waiting(freeText(), { to: ANA_ID });
		const { ctx } = context(hop(typed('12', { from: null, userId: ANA_ID })), asked);
		const result = await receiveAnswer(ctx);
		expect(result.workflowData![0][0].json).toMatchObject({
			valid: true,
			from: null,
			userId: ANA_ID,
			text: '12',
		});
		const other = context(hop(typed('12', { from: null, userId: 'BR.1' })), asked);
		await receiveAnswer(other.ctx);
		expect(other.answer.status).toBe(403);
		expect(other.answer.body).toMatchObject({ reason: 'otherRecipient' });
		const none = context(hop(typed('12', { from: null, userId: null })), asked);
		await receiveAnswer(none.ctx);
		expect(none.answer.body).toMatchObject({ reason: 'otherRecipient' });
	});

	test('no number, a user id the question’s status named: resumes when the trigger ties it to the number asked (or the status named no number); not when it names another, nor without its proof', async () => {
		const target = { executionId: EXECUTION_ID, nodeId: NODE_ID, waitId: 'w1', choice: 0 };
		const tied = (tie: string, proofTie = tie) => {
			const text = JSON.stringify(typed('12', { from: null, userId: ANA_ID }));
			return {
				event: text,
				proof: hopProof(target, text, hopExtra('0', proofTie)),
				reprompts: '0',
				tie,
			};
		};
		for (const tie of [ANA, 'status']) {
			const { ctx } = context(tied(tie), waiting(freeText()));
			const result = await receiveAnswer(ctx);
			expect({ tie, json: result.workflowData?.[0][0].json }).toMatchObject({
				tie,
				json: { valid: true, from: null, userId: ANA_ID, text: '12' },
			});
		}
		const other = context(tied('5519900009999'), waiting(freeText()));
		await receiveAnswer(other.ctx);
		expect(other.answer.body).toMatchObject({ reason: 'otherRecipient' });
		// A tie the trigger did not prove: refused before anything is read.
		const forged = context(tied('status', ''), waiting(freeText()));
		await receiveAnswer(forged.ctx);
		expect(forged.answer).toMatchObject({ status: 403, body: { reason: 'unauthenticated' } });
		// A number in the answer wins: a tie cannot make another number the one asked.
		const text = JSON.stringify(typed('12', { from: '5519900009999', userId: ANA_ID }));
		const withNumber = context(
			{
				event: text,
				proof: hopProof(target, text, hopExtra('0', 'status')),
				reprompts: '0',
				tie: 'status',
			},
			waiting(freeText()),
		);
		await receiveAnswer(withNumber.ctx);
		expect(withNumber.answer.body).toMatchObject({ reason: 'otherRecipient' });
	});

	test.each([
		['a proof made for another re-prompt count', hop(typed('x'), '2', '0')],
		[
			'a proof made for a count, the count left out',
			{ ...hop(typed('x'), '0'), reprompts: undefined },
		],
		['a count as a number, not text', { ...hop(typed('x'), '0'), reprompts: 0 }],
	])('%s: 403 unauthenticated, nothing sent or resumed', async (_name, body) => {
		const { ctx, answer, httpRequestWithAuthentication } = context(
			body as IDataObject,
			waiting(freeText()),
		);
		const result = await receiveAnswer(ctx);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer.status).toBe(403);
		expect(answer.body).toMatchObject({ resumed: false, reason: 'unauthenticated' });
		expect(answer.body).not.toHaveProperty('proof');
		expect(httpRequestWithAuthentication).not.toHaveBeenCalled();
	});

	test('Also Output on Trigger: resumed, answered as passedOn', async () => {
		const body = hop(typed('12'));
		const { ctx } = context(body, waiting(freeText({ passOn: true })));
		const result = await receiveAnswer(ctx);
		expect(result.workflowData).toHaveLength(1);
		expect(result.webhookResponse).toEqual({
			resumed: true,
			reason: 'passedOn',
			proof: answerProof(body.proof as string, 'passedOn'),
		});
		expect(readResumeAnswer(200, result.webhookResponse, body.proof as string)).toBe('passedOn');
	});

	test('media answers: the caption is the text; a photo without one has none', async () => {
		const question = freeText({ validation: { rule: 'media', mediaTypes: ['image'] } });
		const photo = messageEvent({
			type: 'image',
			caption: 'the receipt',
			media: {
				id: 'm1',
				url: null,
				mimeType: 'image/jpeg',
				fileName: null,
				size: 10,
				sha256: null,
			},
		});
		const { ctx } = context(hop(photo), waiting(question));
		const json = (await receiveAnswer(ctx)).workflowData![0][0].json;
		expect(json).toMatchObject({
			valid: true,
			text: 'the receipt',
			message: { type: 'image', caption: 'the receipt' },
			data: { text: 'the receipt' },
		});
		const bare = { ...photo, text: null, message: { ...photo.message!, caption: undefined } };
		const again = context(hop(bare), waiting(question));
		const json2 = (await receiveAnswer(again.ctx)).workflowData![0][0].json;
		expect(json2).toMatchObject({ valid: true, text: null, data: { text: null } });
	});

	test('Any Message: a location resumes as it is', async () => {
		const question = freeText({ validation: { rule: 'any' } });
		const place = messageEvent({
			type: 'location',
			location: { latitude: -22.9, longitude: -47.06, name: 'Office', address: null },
		});
		const { ctx } = context(hop(place), waiting(question));
		const json = (await receiveAnswer(ctx)).workflowData![0][0].json;
		expect(json).toMatchObject({ valid: true, text: null, message: { type: 'location' } });
	});

	test('an answer for an earlier wait of the node: 409 otherMessage', async () => {
		const body = hop(typed('12'));
		const { ctx, answer } = context(body, waiting(freeText({ waitId: 'w0' })));
		await receiveAnswer(ctx);
		expect(answer.status).toBe(409);
		expect(answer.body).toMatchObject({ reason: 'otherMessage' });
	});
});

describe('Response Type Location: the shared place answers', () => {
	const LOCATION_REPROMPT: IDataObject = {
		messaging_product: 'whatsapp',
		to: ANA,
		type: 'interactive',
		interactive: {
			type: 'location_request_message',
			body: { text: 'Please share a location: tap Send location below.' },
			action: { name: 'send_location' },
		},
		biz_opaque_callback_data: 'wai1.ref',
	};
	const locating = () =>
		freeText({
			messageType: 'locationRequest',
			body: 'Where should we pick you up?',
			responseType: 'location',
			validation: { rule: 'location' },
			reprompt: {
				text: 'Please share a location: tap Send location below.',
				max: 2,
				url: REPROMPT_URL,
				body: LOCATION_REPROMPT,
			},
		});
	const place = {
		latitude: -22.8941,
		longitude: -47.0479,
		name: 'City Clinic',
		address: 'Av. Cel. Silva Telles, Campinas',
	};

	test('a location resumes with it, as `location` and in `message`', async () => {
		const body = hop(messageEvent({ type: 'location', location: place }));
		const { ctx, httpRequestWithAuthentication } = context(body, waiting(locating()));
		const result = await receiveAnswer(ctx);
		expect(httpRequestWithAuthentication).not.toHaveBeenCalled();
		expect(result.workflowData![0][0].json).toMatchObject({
			answered: true,
			valid: true,
			location: place,
			message: { type: 'location', location: place },
			text: null,
		});
	});

	test('a text instead: the location request is sent again, and the node keeps waiting', async () => {
		const body = hop(typed('Rua Barão 12'));
		const { ctx, answer, httpRequestWithAuthentication } = context(body, waiting(locating()));
		const result = await receiveAnswer(ctx);
		expect(result.workflowData).toBeUndefined();
		expect(answer.body).toMatchObject({ resumed: false, reason: 'reprompted' });
		expect(httpRequestWithAuthentication).toHaveBeenCalledWith(
			'whatsAppCloudApi',
			expect.objectContaining({ url: REPROMPT_URL, body: LOCATION_REPROMPT }),
		);
	});

	test('no re-prompts left: goes on with the last answer, not valid, location null', async () => {
		const body = hop(typed('here'), '2');
		const { ctx } = context(body, waiting(locating()));
		const result = await receiveAnswer(ctx);
		expect(result.workflowData![0][0].json).toMatchObject({
			answered: true,
			valid: false,
			invalid: 'expected a location',
			location: null,
			text: 'here',
		});
	});

	test('a location from another number resumes nothing', async () => {
		const body = hop(
			messageEvent({ type: 'location', location: place }, { from: '5519900009999' }),
		);
		const { ctx, answer } = context(body, waiting(locating()));
		const result = await receiveAnswer(ctx);
		expect(result.workflowData).toBeUndefined();
		expect(answer).toMatchObject({ status: 403, body: { reason: 'otherRecipient' } });
	});
});

describe('Response Type Form: the Flow reply answers', () => {
	const form = (): Question => ({
		waitId: 'w1',
		messageType: 'flow',
		body: 'Please book your visit.',
		choices: [],
		responseType: 'form',
	});
	const flowReply = (response: IDataObject | null, extra: Partial<NormalisedEvent> = {}) =>
		messageEvent(
			{ type: 'interactive', interactive: { type: 'nfm_reply', raw: {} } },
			{ event: 'flowReply', text: null, flow: { token: 'wai1.ref', response }, ...extra },
		);
	const waitingForm = () => ({ ...waiting(form()), data: null, flow: null });

	test("resumes with the submitted fields as data (without the token) and the Flow's reply as flow", async () => {
		const response = { flow_token: 'wai1.ref', date: '2026-12-10', time: '15:00' };
		const body = hop(flowReply(response));
		const { ctx, answer } = context(body, waitingForm());
		const result = await receiveAnswer(ctx);
		expect(answer).toEqual({});
		expect(result.webhookResponse).toEqual({
			resumed: true,
			proof: answerProof(body.proof as string, 'resumed'),
		});
		expect(result.workflowData![0][0].json).toMatchObject({
			answered: true,
			timedOut: false,
			data: { date: '2026-12-10', time: '15:00' },
			flow: { token: 'wai1.ref', response },
			from: ANA,
		});
		expect(readResumeAnswer(200, result.webhookResponse, body.proof as string)).toBe('resumed');
	});

	test('a tap or a typed message carrying the reference resumes nothing; nor does an unreadable Flow reply', async () => {
		for (const event of [
			{ ...typed('2026-12-10'), event: 'buttonReply' as const, reply: { id: 'x', title: 'x' } },
			typed('2026-12-10'),
			flowReply(null),
		]) {
			const { ctx, answer } = context(hop(event), waitingForm());
			const result = await receiveAnswer(ctx);
			expect(result.workflowData).toBeUndefined();
			expect(answer).toMatchObject({ status: 400, body: { reason: 'unknownChoice' } });
		}
	});

	test("another number's Flow reply resumes nothing", async () => {
		const { ctx, answer } = context(
			hop(flowReply({ flow_token: 'wai1.ref', date: 'x' }, { from: '5519900009999' })),
			waitingForm(),
		);
		expect((await receiveAnswer(ctx)).workflowData).toBeUndefined();
		expect(answer).toMatchObject({ status: 403, body: { reason: 'otherRecipient' } });
	});
});

describe('each wait takes one kind of answer', () => {
	const flowReply = messageEvent(
		{ type: 'interactive', interactive: { type: 'nfm_reply', raw: {} } },
		{
			event: 'flowReply',
			text: null,
			flow: { token: 'wai1.ref', response: { flow_token: 'wai1.ref' } },
		},
	);
	const tapped = {
		...typed('Yes'),
		event: 'buttonReply' as const,
		reply: { id: 'wai1.ref', title: 'Yes' },
	};

	test('a Flow reply or a tap does not answer Free Text or Location', async () => {
		for (const event of [flowReply, tapped]) {
			const { ctx, answer } = context(hop(event), waiting(freeText()));
			expect((await receiveAnswer(ctx)).workflowData).toBeUndefined();
			expect(answer).toMatchObject({ status: 400, body: { reason: 'unknownChoice' } });
		}
	});

	test('a Flow reply or a typed message does not answer a question with choices', async () => {
		const choices: Question = {
			waitId: 'w1',
			messageType: 'buttons',
			body: 'Will you come?',
			choices: [{ id: 'yes', title: 'Yes' }],
		};
		for (const event of [flowReply, typed('yes')]) {
			const { ctx, answer } = context(hop(event), { ...waiting(choices), choice: null });
			expect((await receiveAnswer(ctx)).workflowData).toBeUndefined();
			expect(answer).toMatchObject({ status: 400, body: { reason: 'unknownChoice' } });
		}
		// The tap itself is taken.
		const { ctx } = context(hop(tapped), { ...waiting(choices), choice: null });
		expect((await receiveAnswer(ctx)).workflowData![0][0].json).toMatchObject({
			answered: true,
			choice: { id: 'yes', title: 'Yes' },
		});
	});
});
