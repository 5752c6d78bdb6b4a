import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import type { NormalisedEvent, StatusState } from '../../nodes/shared/model/event';
import { takeAnswers, openWaitsOf, WAITS_STATIC_KEY } from '../../nodes/shared/trigger/answers';
import { hopTarget } from '../../nodes/shared/trigger/forward';
import {
	answerProof,
	checkHopProof,
	hopExtra,
	hopProof,
	type HopOutcome,
} from '../../nodes/shared/wait/hop';
import { decodeReference, encodeReference } from '../../nodes/shared/wait/reference';
import type { OpenWaits } from '../../nodes/shared/wait/conversations';

const WEBHOOK_ID = 'hook-1';
const NODE_ID = '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95';
const ANA = '5519900001111';
const BIA = '5519900003333';
const BUSINESS = '5519900002222';
const SIGNATURE = 'cd'.repeat(32);

function ref(executionId: string, waitId = 'a1'): string {
	return encodeReference({ executionId, nodeId: NODE_ID, waitId, choice: 0, signature: SIGNATURE });
}

/** A status of the question, as the dialects normalise it: from the business, to the customer. */
function status(
	correlationId: string | null,
	to = ANA,
	state: StatusState = 'delivered',
): NormalisedEvent {
	return {
		event: 'status',
		provider: 'sinchLatam',
		messageId: 'question-1',
		correlationId,
		from: BUSINESS,
		to,
		timestamp: '2026-12-01T10:00:05.000Z',
		contactName: null,
		status: { state, providerStatus: state.toUpperCase(), code: null, error: null },
		raw: {},
	};
}

let messages = 0;
/** A customer's text message. */
function message(text: string, from: string | null = ANA, extra: Partial<NormalisedEvent> = {}) {
	const event: NormalisedEvent = {
		event: 'message',
		provider: 'sinchLatam',
		messageId: `in-${++messages}`,
		correlationId: null,
		from,
		to: BUSINESS,
		timestamp: '2026-12-01T10:01:00.000Z',
		contactName: 'Ana',
		userId: null,
		text,
		message: { type: 'text', text },
		raw: {},
		...extra,
	};
	return event;
}

/** What the waiting node answers a hop: an outcome it proves, or any response at all. */
type NodeAnswer = HopOutcome | { statusCode: number; body: unknown };

interface Posted {
	url: URL;
	body: { event: string; proof: string; reprompts?: string; tie?: string };
	headers: IDataObject | undefined;
	/** Whether the proof is one the waiting node would take. */
	proofChecks: boolean;
}

let workflows = 0;

/**
 * The trigger's IWebhookFunctions as far as takeAnswers needs it, with n8n's waiting webhook
 * behind `helpers.httpRequest`: it answers each hop the way the node (or n8n) would.
 */
function trigger(answers: NodeAnswer[] | ((posted: Posted) => NodeAnswer) = ['resumed']) {
	const staticData: IDataObject = {};
	const posted: Posted[] = [];
	const logger = { error: jest.fn(), warn: jest.fn(), info: jest.fn(), debug: jest.fn() };
	const workflowId = `answers-${++workflows}`;
	const httpRequest = jest.fn(async (options: IDataObject) => {
		const url = new URL(String(options.url));
		const body = options.body as Posted['body'];
		const [, executionId, nodeId] = url.pathname.split('/').filter((part) => part !== '');
		const proofChecks = checkHopProof(
			{
				executionId,
				nodeId,
				waitId: url.searchParams.get('w') ?? '',
				choice: Number(url.searchParams.get('k')),
			},
			body.event,
			body.proof,
			hopExtra(body.reprompts, body.tie),
		);
		const entry: Posted = {
			url,
			body,
			headers: options.headers as IDataObject | undefined,
			proofChecks,
		};
		posted.push(entry);
		const answer = typeof answers === 'function' ? answers(entry) : (answers.shift() ?? 'resumed');
		if (typeof answer === 'object') return answer;
		if (!proofChecks)
			return { statusCode: 403, body: { resumed: false, reason: 'unauthenticated' } };
		const resumed = answer === 'resumed' || answer === 'passedOn';
		return {
			statusCode: resumed || answer === 'reprompted' ? 200 : 409,
			body: { resumed, reason: answer, proof: answerProof(body.proof, answer) },
		};
	});
	const ctx = {
		logger,
		getWorkflow: () => ({ id: workflowId, name: 'Support', active: true }),
		getNode: () => ({ id: 'trigger-node-1', name: 'Trigger', webhookId: WEBHOOK_ID }),
		getRequestObject: () => ({
			socket: { localAddress: '127.0.0.1', localPort: 5678 },
			originalUrl: `/webhook/${WEBHOOK_ID}/webhook?secret=s`,
		}),
		getNodeWebhookUrl: () => `https://n8n.example.com/webhook/${WEBHOOK_ID}/webhook`,
		getWorkflowStaticData: () => staticData,
		helpers: { httpRequest },
	} as unknown as IWebhookFunctions;

	/** One callback, as the trigger handles it: its own waits over its static data, then saved. */
	const callback = async (events: NormalisedEvent[], authenticated = true) => {
		const waits = openWaitsOf(ctx);
		const result = await takeAnswers(ctx, events, authenticated, waits, hopTarget(ctx));
		waits.save();
		return { ...result, waits };
	};
	return { ctx, callback, posted, httpRequest, logger, staticData };
}

const found = (waits: OpenWaits, from: string | null = ANA) => waits.find(from, null, BUSINESS);

describe('typed answers handed to the waiting execution', () => {
	test('a status with a reference registers the wait; the customer’s next message is handed over', async () => {
		const t = trigger(['resumed']);
		const asked = status(ref('1'));
		const first = await t.callback([asked]);
		expect(first).toMatchObject({ others: [asked], taken: 0, failed: false });
		expect(t.httpRequest).not.toHaveBeenCalled();
		expect(found(first.waits)?.wait).toMatchObject({ ref: ref('1'), reprompts: 0 });
		expect(t.staticData[WAITS_STATIC_KEY]).toHaveProperty(`p${ANA}`);

		const answer = message('My order did not arrive');
		const second = await t.callback([answer]);
		expect(second).toMatchObject({ others: [], taken: 1, failed: false });
		expect(t.posted).toHaveLength(1);
		const [hop] = t.posted;
		const reference = decodeReference(ref('1'))!;
		expect(hop.url.toString()).toBe(
			`http://127.0.0.1:5678/webhook-waiting/1/${NODE_ID}?k=0&w=a1&signature=${reference.signature}`,
		);
		expect(hop.body).toEqual({
			event: JSON.stringify(answer),
			proof: hopProof(reference, JSON.stringify(answer), '0'),
			reprompts: '0',
		});
		expect(hop.proofChecks).toBe(true);
		// n8n's public host, which n8n 1.x checks the signature against.
		expect(hop.headers).toEqual({ host: 'n8n.example.com' });
		expect(t.httpRequest.mock.calls[0][0]).toMatchObject({
			method: 'POST',
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
		// Resumed: the wait is over, and saved so.
		expect(found(second.waits)).toBeNull();
		expect(t.staticData[WAITS_STATIC_KEY]).toEqual({});
	});

	test('the question’s status and the answer in one callback: registered first, then handed over', async () => {
		const t = trigger(['resumed']);
		const asked = status(ref('1'));
		const answer = message('yes');
		const result = await t.callback([answer, asked]);
		expect(result).toMatchObject({ others: [asked], taken: 1, failed: false });
		expect(t.posted).toHaveLength(1);
	});

	test('passedOn: the execution resumed, and the message also stays on the outputs', async () => {
		const t = trigger(['passedOn']);
		await t.callback([status(ref('1'))]);
		const answer = message('yes');
		const result = await t.callback([answer]);
		expect(result).toMatchObject({ others: [answer], taken: 1, failed: false });
		expect(found(result.waits)).toBeNull();
		// The wait is closed for good: a late "read" status registers nothing.
		await t.callback([status(ref('1'), ANA, 'read')]);
		expect(found(openWaitsOf(t.ctx))).toBeNull();
	});

	test('reprompted: the message is taken, the wait stays, and the next hop says one re-prompt was sent', async () => {
		const t = trigger(['reprompted', 'resumed']);
		await t.callback([status(ref('1'))]);
		const wrong = message('tomorrow');
		const first = await t.callback([wrong]);
		expect(first).toMatchObject({ others: [], taken: 1, failed: false });
		expect(found(first.waits)?.wait.reprompts).toBe(1);
		expect((t.staticData[WAITS_STATIC_KEY] as IDataObject)[`p${ANA}`]).toMatch(/\|1\|\d+$/);

		const right = message('42');
		const second = await t.callback([right]);
		expect(second).toMatchObject({ others: [], taken: 1, failed: false });
		expect(t.posted.map((hop) => hop.body.reprompts)).toEqual(['0', '1']);
		const reference = decodeReference(ref('1'))!;
		expect(t.posted[1].body.proof).toBe(hopProof(reference, JSON.stringify(right), '1'));
		expect(t.posted[1].proofChecks).toBe(true);
		expect(found(second.waits)).toBeNull();
	});

	test('notWaiting (n8n: the execution does not exist): the wait is closed, the message is an ordinary one', async () => {
		const t = trigger([
			{ statusCode: 404, body: { code: 404, message: 'The execution "1" does not exist.' } },
		]);
		await t.callback([status(ref('1'))]);
		const answer = message('hello?');
		const result = await t.callback([answer]);
		expect(result).toMatchObject({ others: [answer], taken: 0, failed: false });
		expect(found(result.waits)).toBeNull();
		expect(t.logger.info).toHaveBeenCalledWith(expect.stringContaining('notWaiting'));
		// The next message is not handed over again.
		await t.callback([message('anyone?')]);
		expect(t.posted).toHaveLength(1);
	});

	test('notWaiting from the node itself closes the wait too', async () => {
		const t = trigger(['notWaiting']);
		await t.callback([status(ref('1'))]);
		const result = await t.callback([message('hi')]);
		expect(result.others).toHaveLength(1);
		expect(found(result.waits)).toBeNull();
	});

	test('otherRecipient: the wait stays open for the number asked, the message is an ordinary one', async () => {
		const t = trigger(['otherRecipient', 'resumed']);
		await t.callback([status(ref('1'))]);
		const answer = message('hi');
		const first = await t.callback([answer]);
		expect(first).toMatchObject({ others: [answer], taken: 0, failed: false });
		expect(found(first.waits)?.wait.ref).toBe(ref('1'));
		const second = await t.callback([message('again')]);
		expect(second.taken).toBe(1);
	});

	test('an answer whose proof is not the node’s: failed, nothing closed, the provider sends it again', async () => {
		const t = trigger(({ body }) => ({
			statusCode: 200,
			body: { resumed: true, reason: 'resumed', proof: answerProof(body.proof + '0', 'resumed') },
		}));
		await t.callback([status(ref('1'))]);
		const answer = message('hi');
		const result = await t.callback([answer]);
		expect(result.failed).toBe(true);
		expect(result.taken).toBe(0);
		expect(found(result.waits)?.wait.ref).toBe(ref('1'));
		expect(result.waits.wasTaken(answer.messageId)).toBe(false);
		expect(t.logger.warn).toHaveBeenCalledWith(
			expect.stringContaining('could not hand an answer to execution 1'),
		);
	});

	test.each([
		['no proof', { statusCode: 200, body: { resumed: true, reason: 'resumed' } }],
		['n8n starting up', { statusCode: 503, body: 'n8n is starting up. Please wait' }],
		['a re-prompt that could not be sent', { statusCode: 502, body: { resumed: false } }],
	])('%s: failed', async (_name, answer) => {
		const t = trigger([answer as NodeAnswer]);
		await t.callback([status(ref('1'))]);
		const result = await t.callback([message('hi')]);
		expect(result.failed).toBe(true);
		expect(found(result.waits)?.wait.reprompts).toBe(0);
	});

	test('n8n cannot be reached: failed', async () => {
		const t = trigger();
		t.httpRequest.mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:5678'));
		await t.callback([status(ref('1'))]);
		const result = await t.callback([message('hi')]);
		expect(result.failed).toBe(true);
		expect(t.logger.error).toHaveBeenCalledWith(expect.stringContaining('ECONNREFUSED'));
	});

	test('an unauthenticated callback: nothing handed over, the message kept, the owner told', async () => {
		const t = trigger();
		await t.callback([status(ref('1'))]);
		const answer = message('hi');
		const result = await t.callback([answer], false);
		expect(result).toMatchObject({ others: [answer], taken: 0, failed: false });
		expect(t.httpRequest).not.toHaveBeenCalled();
		expect(t.logger.error).toHaveBeenCalledWith(
			expect.stringContaining("this trigger's Authentication is None"),
		);
		// The wait stays open for an authenticated answer.
		expect(found(result.waits)?.wait.ref).toBe(ref('1'));
	});

	test('a failed question is not waited on', async () => {
		const t = trigger();
		const failed = status(ref('1'), ANA, 'failed');
		const result = await t.callback([failed]);
		expect(result.others).toEqual([failed]);
		expect(found(result.waits)).toBeNull();
		expect(t.staticData[WAITS_STATIC_KEY]).toBeUndefined();
		const answer = message('hi');
		expect((await t.callback([answer])).others).toEqual([answer]);
		expect(t.httpRequest).not.toHaveBeenCalled();
	});

	test('a status whose correlation field is not a reference registers nothing', async () => {
		const t = trigger();
		await t.callback([status('order-42'), status('wai1.not.a.reference')]);
		expect(t.staticData[WAITS_STATIC_KEY]).toBeUndefined();
		await t.callback([message('hi')]);
		expect(t.httpRequest).not.toHaveBeenCalled();
	});

	test('two messages of the customer in one callback: the first answers, the second is an ordinary message', async () => {
		const t = trigger(['resumed']);
		await t.callback([status(ref('1'))]);
		const first = message('My name is Ana');
		const second = message('and I need help');
		const result = await t.callback([first, second]);
		expect(result).toMatchObject({ others: [second], taken: 1, failed: false });
		expect(t.posted).toHaveLength(1);
		expect(t.posted[0].body.event).toBe(JSON.stringify(first));
	});

	test('re-prompted, then answered, in one callback: in order, the second hop counting the re-prompt', async () => {
		const t = trigger(['reprompted', 'resumed']);
		await t.callback([status(ref('1'))]);
		const result = await t.callback([message('x'), message('42')]);
		expect(result).toMatchObject({ others: [], taken: 2, failed: false });
		expect(t.posted.map((hop) => [hop.body.reprompts, hop.proofChecks])).toEqual([
			['0', true],
			['1', true],
		]);
	});

	test('customers are handed over each to their own wait; a customer without one is left alone', async () => {
		const t = trigger(({ url }) => (url.pathname.includes('/2/') ? 'passedOn' : 'resumed'));
		await t.callback([status(ref('1'), ANA), status(ref('2'), BIA)]);
		const fromAna = message('a', ANA);
		const fromBia = message('b', BIA);
		const stranger = message('c', '5519900004444');
		const result = await t.callback([fromAna, stranger, fromBia]);
		expect(result).toMatchObject({ others: [stranger, fromBia], taken: 2, failed: false });
		expect(t.posted.map((hop) => hop.url.pathname.split('/')[2]).sort()).toEqual(['1', '2']);
	});

	test('a redelivered message a wait took already is consumed, not handed over again', async () => {
		const t = trigger(['resumed']);
		await t.callback([status(ref('1'))]);
		const answer = message('yes');
		await t.callback([answer]);
		// A new question to the same customer meanwhile: the redelivery must not answer it.
		await t.callback([status(ref('2'))]);
		const again = await t.callback([{ ...answer }]);
		expect(again).toMatchObject({ others: [], taken: 1, failed: false });
		expect(t.posted).toHaveLength(1);
		expect(found(again.waits)?.wait.ref).toBe(ref('2'));
	});

	test('a redelivered message that was passed on is not handed over again either, and stays an ordinary message', async () => {
		const t = trigger(['passedOn', 'resumed']);
		await t.callback([status(ref('1'))]);
		const answer = message('yes');
		expect((await t.callback([answer])).others).toEqual([answer]);
		await t.callback([status(ref('2'))]);
		const again = await t.callback([{ ...answer }]);
		expect(again).toMatchObject({ others: [answer], taken: 1, failed: false });
		expect(t.posted).toHaveLength(1);
		expect(found(again.waits)?.wait.ref).toBe(ref('2'));
	});

	test('a message passed on, in a callback sent again (it was not acknowledged): stays on the outputs, not handed over again', async () => {
		// Ana's answer resumes her wait and is passed on; Bia's could not be handed over, so the
		// trigger answers the callback with an error and puts nothing on its outputs.
		const t = trigger(({ url }) =>
			url.pathname.includes('/1/')
				? 'passedOn'
				: t.posted.length <= 2
					? { statusCode: 503, body: 'n8n is starting up. Please wait' }
					: 'resumed',
		);
		await t.callback([status(ref('1'), ANA), status(ref('2'), BIA)]);
		const fromAna = message('yes', ANA);
		const fromBia = message('no', BIA);
		const first = await t.callback([fromAna, fromBia]);
		expect(first.failed).toBe(true);
		// The provider sends the same callback again.
		const again = await t.callback([{ ...fromAna }, { ...fromBia }]);
		expect(again).toMatchObject({ failed: false, taken: 2 });
		// Ana's message was never on the outputs: passed on, it goes there now.
		expect(again.others).toEqual([fromAna]);
		expect(t.posted.filter((hop) => hop.url.pathname.includes('/1/'))).toHaveLength(1);
	});

	test('a message with no number is handed over by the customer’s user id, tied to the number the question’s status named', async () => {
		const t = trigger(['resumed']);
		await t.callback([{ ...status(ref('1')), userId: 'BR.1349120865530274191' }]);
		const answer = message('hi', null, { userId: 'BR.1349120865530274191' });
		const result = await t.callback([answer]);
		expect(result.taken).toBe(1);
		expect(t.posted).toHaveLength(1);
		expect(t.posted[0].body.tie).toBe(ANA);
		expect(t.posted[0].proofChecks).toBe(true);
	});

	test('a status that named only the user id: the hop says the status tied it; a message with a number carries no tie', async () => {
		const t = trigger(['resumed', 'resumed']);
		await t.callback([{ ...status(ref('1'), null as unknown as string), userId: 'BR.1' }]);
		await t.callback([message('hi', null, { userId: 'BR.1' })]);
		expect(t.posted[0].body.tie).toBe('status');
		expect(t.posted[0].proofChecks).toBe(true);
		await t.callback([status(ref('2'))]);
		await t.callback([message('hi')]);
		expect(t.posted[1].body).not.toHaveProperty('tie');
	});

	test('a request that does not say where n8n listens: failed, with why', async () => {
		const t = trigger();
		await t.callback([status(ref('1'))]);
		(t.ctx as unknown as { getRequestObject: () => IDataObject }).getRequestObject = () => ({
			originalUrl: `/webhook/${WEBHOOK_ID}/webhook`,
		});
		const result = await t.callback([message('hi')]);
		expect(result.failed).toBe(true);
		expect(t.httpRequest).not.toHaveBeenCalled();
		expect(t.logger.error).toHaveBeenCalledWith(
			expect.stringContaining('does not say which address this n8n listens on'),
		);
	});
});
