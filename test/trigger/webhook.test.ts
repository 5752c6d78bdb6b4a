import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import { DEDUPE_STATIC_KEY, hashKey } from '../../nodes/shared/trigger/dedupe';
import {
	createWebhookContext,
	expectAnsweredOnce,
	type WebhookContextOptions,
} from '../helpers/webhookContext';
import {
	clientInfo,
	messangiButtonReply,
	messangiListReply,
	messangiStatus,
	sinchBatch,
	sinchButtonReply,
	sinchDeliveryFailure,
	sinchImage,
	sinchListReply,
	sinchStatus,
	sinchText,
} from './fixtures';

const trigger = new WhatsAppInteractiveTrigger();
const SECRET = 'correct-horse-battery-staple';
const CREDENTIALS = {
	whatsAppInteractiveWebhookApi: {
		secret: SECRET,
		headerName: 'X-Webhook-Secret',
		queryParameterName: 'secret',
		basicAuth: true,
	},
};

async function call(options: WebhookContextOptions & { parameters?: IDataObject }) {
	const mock = createWebhookContext({
		properties: trigger.description.properties,
		headers: { 'content-type': 'application/json' },
		...options,
		parameters: { provider: 'sinchLatam', ...options.parameters },
	});
	const result: IWebhookResponseData = await trigger.webhook.call(mock.context);
	// Exactly once (MockResponse throws on a second answer).
	expectAnsweredOnce(mock, result);
	return { ...mock, result, outputs: result.workflowData };
}

const kinds = (items: Array<{ json: IDataObject }> | undefined) =>
	(items ?? []).map((item) => item.json.messageId);

describe('routing a Sinch batch', () => {
	it('sends a mixed batch to all three outputs in one execution, keeping clientInfo on every item', async () => {
		const body = sinchBatch(
			sinchStatus('s-1', ['sent', 'delivered']),
			sinchButtonReply('b-1'),
			sinchListReply('l-1'),
			sinchDeliveryFailure('s-2', 104, 'NOT_DELIVERED'),
			sinchButtonReply('b-2', 'cancel'),
		);
		const { outputs, response } = await call({ body });

		expect(outputs).toHaveLength(3);
		expect(kinds(outputs?.[0])).toEqual(['l-1']);
		expect(kinds(outputs?.[1])).toEqual(['b-1', 'b-2']);
		expect(kinds(outputs?.[2])).toEqual(['s-1', 's-2']);
		for (const item of outputs!.flat()) expect(item.json.clientInfo).toEqual(clientInfo);
		expect(outputs?.[1][1].json.reply).toEqual({
			id: 'cancel',
			title: 'Change',
			description: null,
		});
		expect(outputs?.[2][1].json.status).toMatchObject({
			state: 'failed',
			providerStatus: 'NOT_DELIVERED',
			code: 104,
		});

		expect(response.statusCode).toBe(200);
		expect(response.body).toEqual({
			received: 5,
			delivered: 5,
			duplicates: 0,
			ignored: 0,
			unrecognised: 0,
		});
	});

	it('puts the normalised event on each item, so the next node can branch on reply.id', async () => {
		const { outputs } = await call({ body: sinchBatch(sinchListReply('l-9', 'row-3')) });
		expect(Object.keys(outputs![0][0].json).sort()).toEqual(
			[
				'clientInfo',
				'contactName',
				'correlationId',
				'event',
				'from',
				'messageId',
				'provider',
				'raw',
				'reply',
				'timestamp',
				'to',
			].sort(),
		);
		expect(outputs![0][0].json).toMatchObject({
			event: 'listReply',
			provider: 'sinchLatam',
			reply: { id: 'row-3' },
		});
	});

	it('acknowledges and drops text and media while the Other output is off', async () => {
		const { result, response } = await call({ body: sinchBatch(sinchText(), sinchImage()) });
		expect(result.workflowData).toBeUndefined();
		expect(response.body).toEqual({
			received: 2,
			delivered: 0,
			duplicates: 0,
			ignored: 2,
			unrecognised: 0,
		});
	});

	it('sends text, media and unrecognised entries to Other when it is on', async () => {
		const junk = { surprise: true };
		const { outputs, response } = await call({
			parameters: { outputOther: true },
			body: sinchBatch(sinchText('t-1', 'Hi'), sinchButtonReply('b-1'), junk, sinchImage('i-1')),
		});
		expect(outputs).toHaveLength(4);
		expect(kinds(outputs?.[1])).toEqual(['b-1']);
		expect(outputs?.[3].map((item) => item.json.text)).toEqual(['Hi', 'My receipt', null]);
		expect(outputs?.[3][2].json).toMatchObject({
			event: 'message',
			unrecognised: true,
			raw: junk,
			clientInfo,
		});
		expect(response.body).toEqual({
			received: 4,
			delivered: 4,
			duplicates: 0,
			ignored: 0,
			unrecognised: 1,
		});
	});

	it('sends text and media to the Message output at type version 3, by default', async () => {
		const { outputs, response } = await call({
			typeVersion: 3,
			parameters: { authentication: 'none' },
			body: sinchBatch(
				sinchText('t-1', 'Hi'),
				sinchButtonReply('b-1'),
				{ junk: 1 },
				sinchImage('i-1'),
			),
		});
		expect(outputs).toHaveLength(4);
		expect(kinds(outputs?.[1])).toEqual(['b-1']);
		expect(kinds(outputs?.[3])).toEqual(['t-1', 'i-1']);
		expect(response.body).toEqual({
			received: 4,
			delivered: 3,
			duplicates: 0,
			ignored: 1,
			unrecognised: 1,
		});
	});

	it('at type version 3 with Other on, keeps messages on Message and unrecognised entries on Other', async () => {
		const { outputs } = await call({
			typeVersion: 3,
			parameters: {
				authentication: 'none',
				outputOther: true,
				options: { executions: 'perCallback' },
			},
			body: sinchBatch(sinchText('t-1', 'Hi'), { junk: 1 }),
		});
		expect(outputs).toHaveLength(5);
		expect(kinds(outputs?.[3])).toEqual(['t-1']);
		expect(outputs?.[4].map((item) => item.json.unrecognised)).toEqual([true]);
	});

	it('at type version 3 with Message off, sends messages to Other as before, or drops them', async () => {
		const other = await call({
			typeVersion: 3,
			parameters: { authentication: 'none', outputMessage: false, outputOther: true },
			body: sinchBatch(sinchText('t-1', 'Hi')),
		});
		expect(other.outputs).toHaveLength(4);
		expect(kinds(other.outputs?.[3])).toEqual(['t-1']);
		const none = await call({
			typeVersion: 3,
			parameters: { authentication: 'none', outputMessage: false },
			body: sinchBatch(sinchText('t-2', 'Hi')),
		});
		expect(none.result.workflowData).toBeUndefined();
		expect(none.response.body).toMatchObject({ received: 1, delivered: 0, ignored: 1 });
	});

	it('counts unrecognised entries when Other is off and still delivers the rest', async () => {
		const { outputs, response } = await call({
			body: sinchBatch(sinchButtonReply('b-1'), { what: 'is this' }),
		});
		expect(kinds(outputs?.[1])).toEqual(['b-1']);
		expect(outputs?.flat()).toHaveLength(1);
		expect(response.body).toEqual({
			received: 2,
			delivered: 1,
			duplicates: 0,
			ignored: 1,
			unrecognised: 1,
		});
	});

	it('delivers only the status states chosen', async () => {
		const body = sinchBatch(
			sinchStatus('s-1', ['sent']),
			sinchDeliveryFailure('s-2', 210, 'INVALID_SESSION'),
			sinchListReply('l-1'),
		);
		const { outputs, response } = await call({ parameters: { statusStates: ['failed'] }, body });
		expect(kinds(outputs?.[2])).toEqual(['s-2']);
		expect(kinds(outputs?.[0])).toEqual(['l-1']);
		expect(response.body).toMatchObject({ delivered: 2, ignored: 1 });
	});

	it('delivers every status state by default', async () => {
		const body = sinchBatch(
			sinchStatus('s-1', ['sent']),
			sinchStatus('s-2', ['sent', 'delivered']),
			sinchStatus('s-3', ['sent', 'delivered', 'read']),
			sinchDeliveryFailure('s-4', 101, 'EXPIRED'),
		);
		const { outputs } = await call({ body });
		expect(outputs?.[2].map((item) => (item.json.status as IDataObject).state)).toEqual([
			'sent',
			'delivered',
			'read',
			'failed',
		]);
	});
});

describe('routing Messangi callbacks', () => {
	it('routes a single status object, a list and data-wrapped callbacks', async () => {
		const single = await call({
			parameters: { provider: 'messangi' },
			body: messangiStatus('QUEUE'),
		});
		expect(single.outputs?.[2][0].json).toMatchObject({
			provider: 'messangi',
			status: { state: 'queued' },
		});

		const list = await call({
			parameters: { provider: 'messangi' },
			body: {
				data: [messangiButtonReply('camel'), messangiListReply('snake'), messangiStatus('FAILED')],
			},
		});
		expect(list.outputs?.map((items) => items.length)).toEqual([1, 1, 1]);
		expect(list.outputs?.[1][0].json.reply).toEqual({
			id: '0',
			title: 'Change',
			description: null,
		});
		expect(list.outputs?.[2][0].json.status).toMatchObject({
			state: 'failed',
			providerStatus: 'FAILED',
		});
	});
});

describe('duplicates', () => {
	it('starts one execution for the same callback posted twice', async () => {
		const staticData: IDataObject = {};
		const body = sinchBatch(sinchButtonReply('b-1'), sinchStatus('s-1', ['sent']));
		const first = await call({ body, staticData, workflowId: 'wf-dup' });
		expect(first.outputs?.flat()).toHaveLength(2);

		const second = await call({ body, staticData, workflowId: 'wf-dup' });
		expect(second.result.workflowData).toBeUndefined();
		expect(second.response.statusCode).toBe(200);
		expect(second.response.body).toEqual({
			received: 2,
			delivered: 0,
			duplicates: 2,
			ignored: 0,
			unrecognised: 0,
		});
		expect(staticData[DEDUPE_STATIC_KEY]).toMatchObject({
			v: 2,
			keys: hashKey('sinchLatam|b-1|buttonReply|') + hashKey('sinchLatam|s-1|status|sent'),
		});
	});

	it('delivers only the new entries of a redelivered batch, and a new status of a known message', async () => {
		const staticData: IDataObject = {};
		await call({ body: sinchBatch(sinchStatus('s-1', ['sent'])), staticData });
		const { outputs, response } = await call({
			body: sinchBatch(sinchStatus('s-1', ['sent']), sinchStatus('s-1', ['sent', 'delivered'])),
			staticData,
		});
		expect(outputs?.[2].map((item) => (item.json.status as IDataObject).state)).toEqual([
			'delivered',
		]);
		expect(response.body).toMatchObject({ delivered: 1, duplicates: 1 });
	});

	it('drops a redelivery that arrives before n8n saved the first call (same process)', async () => {
		const body = sinchBatch(sinchButtonReply('b-7'));
		await call({ body, staticData: {}, workflowId: 'wf-race' });
		// The second request loaded static data from before the first one was saved:
		const second = await call({ body, staticData: {}, workflowId: 'wf-race' });
		expect(second.result.workflowData).toBeUndefined();
		expect(second.response.body).toMatchObject({ duplicates: 1 });
	});

	it('does not carry test runs over in process memory', async () => {
		const body = sinchBatch(sinchButtonReply('b-8'));
		await call({ body, staticData: {}, workflowId: 'wf-manual', mode: 'manual' });
		const again = await call({ body, staticData: {}, workflowId: 'wf-manual', mode: 'manual' });
		expect(again.outputs?.[1]).toHaveLength(1);
	});

	it('delivers everything again when Ignore Duplicates is off', async () => {
		const staticData: IDataObject = {};
		const body = sinchBatch(sinchButtonReply('b-1'));
		await call({ body, staticData, parameters: { ignoreDuplicates: false } });
		const second = await call({ body, staticData, parameters: { ignoreDuplicates: false } });
		expect(second.outputs?.[1]).toHaveLength(1);
		expect(staticData[DEDUPE_STATIC_KEY]).toBeUndefined();
	});
});

describe('the webhook secret', () => {
	const secured = { authentication: 'secret' };
	const body = sinchBatch(sinchButtonReply('b-1'));
	const basic = (password: string) =>
		`Basic ${Buffer.from(`any-user:${password}`).toString('base64')}`;

	it('is required by a new trigger (type version 2) left at its defaults', async () => {
		const stranger = await call({ typeVersion: 2, credentials: CREDENTIALS, body });
		expect(stranger.response.statusCode).toBe(401);
		expect(stranger.result.workflowData).toBeUndefined();
		const provider = await call({
			typeVersion: 2,
			credentials: CREDENTIALS,
			body,
			query: { secret: SECRET },
		});
		expect(provider.response.statusCode).toBe(200);
		// A saved trigger at 1.1 keeps None, as it was saved.
		const saved = await call({ typeVersion: 1.1, body });
		expect(saved.response.statusCode).toBe(200);
	});

	it.each([
		['header', { headers: { 'X-Webhook-Secret': SECRET } }],
		['query parameter', { query: { secret: SECRET } }],
		['Basic auth password', { headers: { Authorization: basic(SECRET) } }],
	])('accepts the right secret in the %s', async (_where, request) => {
		const { outputs, response } = await call({
			parameters: secured,
			credentials: CREDENTIALS,
			body,
			...request,
		});
		expect(response.statusCode).toBe(200);
		expect(outputs?.[1]).toHaveLength(1);
	});

	it.each([
		['header', { headers: { 'X-Webhook-Secret': 'guess' } }],
		['query parameter', { query: { secret: 'guess' } }],
		['Basic auth password', { headers: { Authorization: basic('guess') } }],
	])('answers 401 to a wrong secret in the %s, with no execution', async (_where, request) => {
		const { result, response, staticData } = await call({
			parameters: secured,
			credentials: CREDENTIALS,
			body,
			...request,
		});
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({
			error: 'Unauthorized',
			message: expect.stringMatching(/^The webhook secret is missing or wrong/),
		});
		expect(result.workflowData).toBeUndefined();
		expect(staticData).toEqual({});
	});

	it('answers 401 to a missing secret exactly as to a wrong one, with a Basic challenge', async () => {
		const { result, response } = await call({
			parameters: secured,
			credentials: CREDENTIALS,
			body,
		});
		const wrong = await call({
			parameters: secured,
			credentials: CREDENTIALS,
			body,
			query: { secret: 'guess' },
		});
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual(wrong.response.body);
		expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
		expect(result.workflowData).toBeUndefined();
	});

	it('checks the secret before it reads the body', async () => {
		const { response } = await call({
			parameters: secured,
			credentials: CREDENTIALS,
			body: 'not json',
			rawBody: 'not json',
		});
		expect(response.statusCode).toBe(401);
	});

	it('does not read a body left in the stream for a caller without the secret', async () => {
		const { response, context } = await call({
			parameters: secured,
			credentials: CREDENTIALS,
			headers: {},
			body: {},
			unreadBody: 'not json',
		});
		expect(response.statusCode).toBe(401);
		expect(
			(context.getRequestObject() as unknown as { readRawBody: jest.Mock }).readRawBody,
		).not.toHaveBeenCalled();
	});

	it('ignores secrets when Authentication is None', async () => {
		const { response } = await call({ body, headers: { 'X-Webhook-Secret': 'whatever' } });
		expect(response.statusCode).toBe(200);
	});

	it('answers 500 and logs how to fix it when the credential is missing or unusable', async () => {
		const missing = await call({ parameters: secured, body, query: { secret: SECRET } });
		expect(missing.response.statusCode).toBe(500);
		expect(missing.result.workflowData).toBeUndefined();
		expect(missing.logger.error).toHaveBeenCalledWith(
			expect.stringContaining('choose a WhatsApp Interactive Webhook credential'),
		);

		const empty = await call({
			parameters: secured,
			credentials: {
				whatsAppInteractiveWebhookApi: { ...CREDENTIALS.whatsAppInteractiveWebhookApi, secret: '' },
			},
			body,
			query: { secret: '' },
		});
		expect(empty.response.statusCode).toBe(500);
		expect(empty.logger.error).toHaveBeenCalledWith(expect.stringContaining('empty secret'));
	});

	it('answers 500 to every callback while the secret is shorter than 16 characters, even when it matches', async () => {
		const short = 'a'.repeat(15);
		const { result, response, logger } = await call({
			parameters: secured,
			credentials: {
				whatsAppInteractiveWebhookApi: {
					...CREDENTIALS.whatsAppInteractiveWebhookApi,
					secret: short,
				},
			},
			body,
			query: { secret: short },
		});
		expect(response.statusCode).toBe(500);
		expect(result.workflowData).toBeUndefined();
		// The caller learns nothing about the secret; the owner reads how to fix it in the log.
		expect(JSON.stringify(response.body)).not.toContain('15');
		expect(logger.error).toHaveBeenCalledWith(
			expect.stringContaining('secret has 15 characters; use at least 16'),
		);
	});
});

describe('malformed bodies', () => {
	it('answers 400 to a body that is not JSON, saying what to send', async () => {
		const { result, response } = await call({
			headers: { 'content-type': 'text/plain' },
			body: 'hello there',
			rawBody: 'hello there',
		});
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({
			error: 'Bad Request',
			message: expect.stringMatching(/^The request body is not JSON/),
		});
		expect(result.workflowData).toBeUndefined();
	});

	it('answers 400 to an empty body', async () => {
		const { response } = await call({ body: {}, rawBody: '' });
		expect(response.statusCode).toBe(400);
		expect((response.body as IDataObject).message).toMatch(/^The request body is empty/);
	});

	it('reads JSON sent as plain text or without a content type', async () => {
		const json = JSON.stringify(sinchBatch(sinchButtonReply('b-1')));
		const asText = await call({
			headers: { 'content-type': 'text/plain' },
			body: json,
			rawBody: json,
		});
		expect(asText.outputs?.[1]).toHaveLength(1);
		const untyped = await call({ headers: {}, body: {}, rawBody: Buffer.from(json) });
		expect(untyped.outputs?.[1]).toHaveLength(1);
	});

	it.each([
		['sinchLatam', /^Expected a Sinch LATAM callback/],
		['messangi', /^Expected a Messangi callback/],
	])(
		'answers 400 to JSON that matches no %s callback, saying what was expected',
		async (provider, expected) => {
			const { result, response } = await call({
				parameters: { provider },
				body: { hello: 'world' },
			});
			expect(response.statusCode).toBe(400);
			expect((response.body as IDataObject).message).toMatch(expected);
			expect(result.workflowData).toBeUndefined();
		},
	);

	describe('bodies n8n leaves unread (type version 1.1: content types other than JSON, text, form, XML)', () => {
		const json = JSON.stringify(sinchBatch(sinchButtonReply('b-1')));

		it.each([
			['application/octet-stream', { 'content-type': 'application/octet-stream' }],
			['no content type', {}],
		])('reads JSON sent as %s from the request stream', async (_label, headers) => {
			const { outputs, context } = await call({ headers, body: {}, unreadBody: json });
			expect(outputs?.[1]).toHaveLength(1);
			const request = context.getRequestObject() as unknown as { readRawBody: jest.Mock };
			expect(request.readRawBody).toHaveBeenCalledTimes(1);
		});

		it('does not read the stream again when n8n has read the body', async () => {
			const { outputs, context } = await call({ body: JSON.parse(json) });
			expect(outputs?.[1]).toHaveLength(1);
			expect((context.getRequestObject() as { readRawBody?: unknown }).readRawBody).toBeUndefined();
		});

		it('checks the Cloud API signature over bytes read from the stream', async () => {
			const { createHmac } = await import('node:crypto');
			const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
			const signature = 'sha256=' + createHmac('sha256', 'app-secret').update(raw).digest('hex');
			const { response } = await call({
				parameters: { provider: 'whatsAppCloud' },
				headers: { 'content-type': 'application/octet-stream', 'x-hub-signature-256': signature },
				body: {},
				unreadBody: raw,
				credentials: { whatsAppCloudWebhookApi: { verifyToken: 'v', appSecret: 'app-secret' } },
			});
			expect(response.statusCode).toBe(200);
		});

		it('answers 400 when the stream cannot be read (an aborted request)', async () => {
			const { response, result } = await call({
				headers: {},
				body: {},
				unreadBody: new Error('request aborted'),
			});
			expect(response.statusCode).toBe(400);
			expect((response.body as IDataObject).message).toMatch(/^The request body could not be read/);
			expect(result.workflowData).toBeUndefined();
		});
	});

	it('answers 400 to JSON that is not an object or a list', async () => {
		const { response } = await call({ body: {}, rawBody: '42' });
		expect(response.statusCode).toBe(400);
	});

	it('never lets an exception escape: it answers 500 and logs instead', async () => {
		const { result, response, logger } = await call({
			parameters: { provider: 'whatsappCloud' },
			body: sinchBatch(),
		});
		expect(response.statusCode).toBe(500);
		expect(result.workflowData).toBeUndefined();
		expect(logger.error).toHaveBeenCalledWith(
			expect.stringContaining('Unknown provider "whatsappCloud"'),
		);
	});
});
