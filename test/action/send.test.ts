/**
 * Sending against the local mock provider: ids in the output, order, concurrency, retries,
 * provider errors, Continue On Fail and secrets.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';
import { startMockProvider, type MockProvider } from '../mock-provider';

let mock: MockProvider;
beforeAll(async () => {
	mock = await startMockProvider();
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const MESSANGI_KEY = 'test-messangi-key';
const SINCH_TOKEN = 'test-token';

const credentials = () => ({
	messangiApi: { apiKey: MESSANGI_KEY, baseUrl: `${mock.url}/messangi/` },
	sinchLatamApi: {
		userName: 'test-user',
		authenticationToken: SINCH_TOKEN,
		baseUrl: `${mock.url}/sinch`,
	},
});

const buttons = {
	defineMessage: 'fields',
	messageType: 'buttons',
	bodyText: 'Will you come on Friday?',
	buttons: {
		button: [
			{ id: 'yes', title: 'Yes' },
			{ id: 'no', title: 'No' },
		],
	},
};

const phone = (i: number) => `+55 19 90000-${String(1000 + i).padStart(4, '0')}`;

async function run(
	params: IDataObject | ((i: number) => IDataObject),
	items = 1,
	continueOnFail = false,
	creds = credentials(),
) {
	const ctx = executeContext({ params, items, continueOnFail, credentials: creds });
	const [out] = await new WhatsAppInteractive().execute.call(ctx);
	return out;
}

const sinch =
	(options: IDataObject = {}) =>
	(i: number) => ({
		provider: 'sinchLatam',
		operation: 'send',
		to: phone(i),
		...buttons,
		options: { correlationId: `c-${i}`, ...options },
	});

const messangi =
	(options: IDataObject = {}) =>
	(i: number) => ({
		provider: 'messangi',
		operation: 'send',
		to: phone(i),
		from: '15550001111',
		...buttons,
		options: { externalId: `ext-${i}`, ...options },
	});

describe('Send', () => {
	it('Messangi: sends with the bearer key and outputs the transaction id', async () => {
		const [item] = await run(messangi({ includeRequest: true }));
		expect(mock.requests).toHaveLength(1);
		const request = mock.requests[0];
		expect(request.path).toBe('/messangi/v3/messages');
		expect(request.headers.authorization).toBe(`Bearer ${MESSANGI_KEY}`);
		expect(request.shapeErrors).toEqual([]);
		expect((request.body as any).request.to).toBe('+5519900001000');
		expect((request.body as any).request.from).toBe('15550001111');
		expect(item.json).toMatchObject({
			provider: 'messangi',
			status: 'accepted',
			to: '+5519900001000',
			correlationId: 'ext-0',
			messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(item.json.transactionId).toBe(item.json.messageId);
		expect((item.json.request as IDataObject).body).toEqual(request.body);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('Sinch: sends with UserName/AuthenticationToken and outputs batch and destination ids', async () => {
		const [item] = await run(sinch());
		const request = mock.requests[0];
		expect(request.path).toBe('/sinch/v1/whatsapp/send');
		expect(request.headers.username).toBe('test-user');
		expect(request.headers.authenticationtoken).toBe(SINCH_TOKEN);
		expect(request.shapeErrors).toEqual([]);
		expect(item.json).toMatchObject({
			provider: 'sinchLatam',
			to: '+5519900001000',
			correlationId: 'c-0',
		});
		expect(item.json.batchId).toEqual(expect.any(String));
		expect(item.json.messageId).toEqual(expect.any(String));
		expect(item.json.messageId).not.toBe(item.json.batchId);
		expect(item.json).not.toHaveProperty('request');
	});

	it('keeps input order under concurrency with uneven latency, and never exceeds the concurrency bound', async () => {
		const latencies = Array.from({ length: 20 }, (_, i) => ((i * 37) % 5) * 15);
		for (const ms of latencies) mock.enqueueFor('sinchLatam', { kind: 'latency', ms });
		let inFlight = 0;
		let peak = 0;
		const ctx = executeContext({
			params: sinch({ concurrency: 4 }),
			items: 20,
			credentials: credentials(),
		});
		const original = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = async function (this: unknown, ...args: any[]) {
			inFlight++;
			peak = Math.max(peak, inFlight);
			try {
				return await (original as any).apply(this, args);
			} finally {
				inFlight--;
			}
		} as any;
		const [out] = await new WhatsAppInteractive().execute.call(ctx);
		expect(out.map((o) => o.json.to)).toEqual(
			Array.from({ length: 20 }, (_, i) => `+${phone(i).replace(/\D/g, '')}`),
		);
		expect(out.map((o) => o.pairedItem)).toEqual(
			Array.from({ length: 20 }, (_, i) => ({ item: i })),
		);
		expect(peak).toBe(4);
	});

	it.each([
		[429, { 'Retry-After': '0' }],
		[420, { 'Retry-After': '0' }],
		[503, {}],
	])('retries HTTP %i and then succeeds', async (status, headers) => {
		mock.enqueue({ status, headers }, { status, headers });
		const [item] = await run(sinch());
		expect(mock.requests.map((r) => r.answeredWith)).toEqual([status, status, 200]);
		expect(item.json.status).toBe('accepted');
	});

	it('honours Retry-After (seconds)', async () => {
		mock.enqueue({ status: 429, headers: { 'Retry-After': '1' } });
		const started = Date.now();
		await run(sinch());
		const [first, second] = mock.requests;
		expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(950);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it("gives up after Max Retries with the provider's own message", async () => {
		mock.enqueue(
			...Array.from({ length: 3 }, () => ({
				status: 429,
				headers: { 'Retry-After': '0' },
				body: { errorCode: 429, errorMessage: 'Too many requests for this account' },
			})),
		);
		const error = await run(sinch({ maxRetries: 2 })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Sinch LATAM answered HTTP 429: Too many requests for this account after 3 attempts',
		);
		expect(error.httpCode).toBe('429');
		expect(error.description).toMatch(/Lower Max Concurrent Requests/);
		expect(mock.requests).toHaveLength(3);
	});

	it('retries a refused connection', async () => {
		const closed = await startMockProvider();
		const url = closed.url;
		await closed.close();
		const creds = {
			...credentials(),
			sinchLatamApi: { ...credentials().sinchLatamApi, baseUrl: url },
		};
		const ctx = executeContext({ params: sinch({ maxRetries: 1 }), credentials: creds });
		const error = await new WhatsAppInteractive().execute.call(ctx).catch((e) => e);
		expect(ctx.calls).toHaveLength(2);
		expect(error.message).toMatch(
			/^Could not reach Sinch LATAM at http:\/\/127\.0\.0\.1:\d+\/v1\/whatsapp\/send \(ECONNREFUSED\) after 2 attempts$/,
		);
	});

	it('does not retry a 500 by default (the message may have been sent)', async () => {
		mock.enqueue({ status: 500 });
		const error = await run(messangi()).catch((e) => e);
		expect(mock.requests).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^Messangi answered HTTP 500/);
		expect(error.description).toMatch(/may or may not have accepted the message/);
	});

	it('retries a 500 when the user opts in', async () => {
		mock.enqueue({ status: 500 });
		const [item] = await run(messangi({ retryUncertain: true }));
		expect(mock.requests).toHaveLength(2);
		expect(item.json.status).toBe('accepted');
	});

	it('does not retry a timeout by default', async () => {
		mock.enqueue({ kind: 'timeout' });
		const error = await run(sinch({ timeout: 1000 })).catch((e) => e);
		expect(mock.requests).toHaveLength(1);
		expect(error.message).toBe('Sinch LATAM did not answer within 1000 ms');
	});

	it('does not retry a reset connection by default', async () => {
		mock.enqueue({ kind: 'reset' });
		const error = await run(sinch()).catch((e) => e);
		expect(mock.requests).toHaveLength(1);
		expect(error.message).toMatch(/^The connection to Sinch LATAM failed \(E[A-Z]+\)$/);
	});

	it('401 tells the user to check the credential, and never shows the secret', async () => {
		const creds = credentials();
		creds.sinchLatamApi.authenticationToken = 'wrong-token-1234';
		mock.enqueue({
			status: 401,
			body: { errorCode: 401, errorMessage: 'Bad token wrong-token-1234 for user test-user' },
		});
		const error = await run(sinch(), 1, false, creds).catch((e) => e);
		expect(error.message).toBe(
			'Sinch LATAM answered HTTP 401: Bad token [redacted] for user test-user',
		);
		expect(error.description).toMatch(/Check the Sinch LATAM credential/);
		expect(JSON.stringify(error)).not.toContain('wrong-token-1234');
	});

	it('Messangi error bodies: whatever message they carry', async () => {
		mock.enqueue({ status: 400, body: { meta: { explain: 'Invalid sender' } } });
		const error = await run(messangi()).catch((e) => e);
		expect(error.message).toBe('Messangi answered HTTP 400: Invalid sender');
	});

	it('a 200 whose body is not JSON still yields an item, with a warning', async () => {
		mock.enqueue({ status: 200, rawBody: 'OK' });
		const [item] = await run(messangi());
		expect(item.json.messageId).toBeNull();
		expect(item.json.warning).toMatch(/no message ID/);
		expect(item.json.response).toBe('OK');
	});

	it('validates every item before sending anything', async () => {
		const params = (i: number) => ({ ...sinch()(i), ...(i === 2 ? { bodyText: '' } : {}) });
		const error = await run(params, 4).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Body is empty; it needs 1–1024 characters [item 2]');
		expect(mock.requests).toHaveLength(0);
	});

	it('Continue On Fail: bad items become error items, the others are sent, order kept', async () => {
		mock.enqueue({ kind: 'latency', ms: 0 });
		const params = (i: number) => ({ ...sinch()(i), ...(i === 1 ? { to: 'call me' } : {}) });
		mock.enqueueFor(
			'sinchLatam',
			{ kind: 'latency', ms: 0 },
			{ status: 400, body: { errorCode: 400, errorMessage: 'Destination blocked' } },
		);
		const out: INodeExecutionData[] = await run(params, 4, true);
		expect(out).toHaveLength(4);
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(out[1].json.error).toBe(
			'Recipient (To) "call me" contains characters that are not digits; write it with the country code, e.g. +55 19 90000-1111 [item 1]',
		);
		const failed = out.filter((o) => o.json.error);
		expect(failed).toHaveLength(2);
		expect(failed.map((o) => o.json.error)).toContainEqual(
			'Sinch LATAM answered HTTP 400: Destination blocked',
		);
		expect(out.filter((o) => o.json.status === 'accepted')).toHaveLength(2);
		expect(mock.requests).toHaveLength(3);
	});
});

describe('Sinch broadcast batching', () => {
	it('sends identical messages as one request per batch, each item keeps its own ids', async () => {
		const out = await run(sinch({ broadcastBatching: true, batchSize: 4 }), 10);
		expect(mock.requests).toHaveLength(3);
		expect(mock.requests.map((r) => (r.body as any).destinations.length)).toEqual([4, 4, 2]);
		expect(out.map((o) => o.json.to)).toEqual(
			Array.from({ length: 10 }, (_, i) => `+${phone(i).replace(/\D/g, '')}`),
		);
		expect(out.map((o) => o.json.correlationId)).toEqual(
			Array.from({ length: 10 }, (_, i) => `c-${i}`),
		);
		expect(new Set(out.map((o) => o.json.messageId)).size).toBe(10);
	});

	it('keeps different messages apart', async () => {
		const params = (i: number) => ({
			...sinch({ broadcastBatching: true })(i),
			bodyText: i % 2 ? 'odd' : 'even',
		});
		await run(params, 6);
		expect(mock.requests).toHaveLength(2);
	});

	it('a failed batch fails exactly the items it carried', async () => {
		mock.enqueue({ status: 400, body: { errorCode: 400, errorMessage: 'nope' } });
		const out = await run(sinch({ broadcastBatching: true, batchSize: 3 }), 6, true);
		expect(
			out.slice(0, 3).every((o) => o.json.error === 'Sinch LATAM answered HTTP 400: nope'),
		).toBe(true);
		expect(out.slice(3).every((o) => o.json.status === 'accepted')).toBe(true);
	});
});

describe('Build Payload', () => {
	it("needs no credentials and sends nothing; without one the URL is the provider's default", async () => {
		const ctx = executeContext({ params: { ...sinch()(0), operation: 'buildPayload' } });
		const [[item]] = await new WhatsAppInteractive().execute.call(ctx);
		expect(item.json).toMatchObject({
			provider: 'sinchLatam',
			method: 'POST',
			url: 'https://api-messaging.wavy.global/v1/whatsapp/send',
		});
		expect(ctx.calls).toHaveLength(0);
	});

	it("with a credential chosen, shows the URL Send would use (the credential's Base URL and API version), still sending nothing", async () => {
		const sinchCtx = executeContext({
			params: { ...sinch()(0), operation: 'buildPayload' },
			credentials: credentials(),
		});
		const [[sinchItem]] = await new WhatsAppInteractive().execute.call(sinchCtx);
		expect(sinchItem.json.url).toBe(`${mock.url}/sinch/v1/whatsapp/send`);
		const cloud = {
			whatsAppCloudApi: {
				accessToken: 'secret',
				apiVersion: 'v21.0',
				baseUrl: 'https://graph.example.test/',
			},
		};
		const cloudCtx = executeContext({
			params: {
				...buttons,
				provider: 'whatsAppCloud',
				operation: 'buildPayload',
				to: '+1 650 555 1234',
				from: '106540352242922',
			},
			credentials: cloud,
		});
		const [[cloudItem]] = await new WhatsAppInteractive().execute.call(cloudCtx);
		expect(cloudItem.json.url).toBe('https://graph.example.test/v21.0/106540352242922/messages');
		expect(JSON.stringify(cloudItem.json)).not.toContain('secret');
		expect(sinchCtx.calls.length + cloudCtx.calls.length).toBe(0);
	});
});

describe('without a credential', () => {
	it('Send says which credential to choose, and sends nothing (Send and Wait: test/wait/sendAndWait.test.ts)', async () => {
		const ctx = executeContext({ params: sinch() });
		const error = await new WhatsAppInteractive().execute.call(ctx).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toBe('No Sinch LATAM credential is chosen [item 0]');
		expect(error?.description).toMatch(/Credential to connect with/);
		expect(ctx.calls).toHaveLength(0);
	});
});
