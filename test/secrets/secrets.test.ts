/**
 * Secrets and URLs (issue "Hostile input, faults and secrets" — Secrets):
 *
 * - the Messangi API key and the Sinch token never appear in output items, error messages, error
 *   descriptions, or anything else a thrown error carries — including when the provider echoes the
 *   request headers back (in a JSON error body, a text body, a key, deep inside, or in a 200);
 * - only http:// and https:// URLs are accepted for media headers and Messangi callback URLs
 *   (javascript:, ftp:, file:, data:, relative and empty ones are rejected naming the field).
 *
 * - the trigger's callback secret: a missing secret and a wrong one get the same 401 (status, headers
 *   and body); the presented secret is compared in constant time (crypto.timingSafeEqual over
 *   equal-length values, whatever the length presented, also when wrong); the secret never appears
 *   in responses, output items or the log.
 */
import crypto from 'crypto';
import { inspect } from 'util';
import type { IDataObject, INodeExecutionData, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import { executeContext } from '../helpers/executeContext';
import {
	answerAsN8n,
	createWebhookContext,
	type WebhookContextOptions,
} from '../helpers/webhookContext';
import {
	startMockProvider,
	type MockProvider,
	type MockProviderName,
	type ScriptedResponse,
} from '../mock-provider';

// Distinctive values, with the characters real tokens have (base64 and JWT alphabets).
const API_KEY = 'eyJhbGciOiJIUzI1NiJ9.msg-KEY-7f3a9c1e5b.sig_Q2x+/=';
const SINCH_TOKEN = 'sinch+TOKEN/42d8e0b6a1==';
const SINCH_USER = 'acme-sinch-user';
/** The secret of each provider's credential: the one a run with that provider holds. */
const CLOUD_TOKEN = 'EAAJB+cloud/TOKEN-9e1c7a5d3f==';
const SECRET: Record<MockProviderName, string> = {
	messangi: API_KEY,
	sinchLatam: SINCH_TOKEN,
	whatsAppCloud: CLOUD_TOKEN,
};

let mock: MockProvider;
beforeAll(async () => {
	mock = await startMockProvider({
		messangiApiKey: API_KEY,
		sinchToken: SINCH_TOKEN,
		sinchUserName: SINCH_USER,
		cloudToken: CLOUD_TOKEN,
	});
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const credentials = () => ({
	messangiApi: { apiKey: API_KEY, baseUrl: `${mock.url}/messangi` },
	sinchLatamApi: {
		userName: SINCH_USER,
		authenticationToken: SINCH_TOKEN,
		baseUrl: `${mock.url}/sinch`,
	},
	whatsAppCloudApi: { accessToken: CLOUD_TOKEN, apiVersion: 'v24.0', baseUrl: `${mock.url}/cloud` },
});

const message = {
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

const sendParams =
	(provider: MockProviderName, options: IDataObject = {}) =>
	(i: number): IDataObject => ({
		provider,
		operation: 'send',
		to: `+55 19 90000-100${i}`,
		from: '15550001111',
		...message,
		options: { maxRetries: 0, ...options },
	});

/** Everything an output item or a thrown error exposes, as text: JSON, and a deep inspection. */
function exposed(value: unknown): string {
	const parts: string[] = [];
	try {
		parts.push(JSON.stringify(value) ?? '');
	} catch (error) {
		parts.push(`(not JSON: ${(error as Error).message})`);
	}
	parts.push(
		inspect(value, {
			depth: Infinity,
			showHidden: true,
			maxStringLength: Infinity,
			maxArrayLength: Infinity,
		}),
	);
	if (value instanceof Error) {
		const error = value as Error & {
			description?: unknown;
			cause?: unknown;
			context?: unknown;
			messages?: unknown;
		};
		parts.push(
			error.message,
			String(error.description ?? ''),
			error.stack ?? '',
			inspect(error.cause, { depth: Infinity }),
		);
		parts.push(JSON.stringify(error.context ?? {}), JSON.stringify(error.messages ?? []));
	}
	return parts.join('\n');
}

/** Where a secret shows (as is, escaped for JSON, or URL-encoded), with some context; '' when nowhere. */
function leaks(value: unknown, secrets: string[]): string {
	const text = exposed(value);
	for (const secret of secrets) {
		for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
			const at = text.indexOf(form);
			if (at >= 0) return `…${text.slice(Math.max(0, at - 300), at + form.length + 100)}…`;
		}
	}
	return '';
}

function expectNoSecret(value: unknown, secrets: string[]) {
	expect(leaks(value, secrets)).toBe('');
}

async function run(
	provider: MockProviderName,
	continueOnFail: boolean,
	options: IDataObject = {},
	items = 2,
) {
	const ctx = executeContext({
		params: sendParams(provider, options),
		items,
		continueOnFail,
		credentials: credentials(),
	});
	try {
		const [out] = await new WhatsAppInteractive().execute.call(ctx);
		return { items: out as INodeExecutionData[] };
	} catch (error) {
		return { error: error as Error };
	}
}

/** What a provider that echoes the request back could send. */
const headerEcho = {
	authorization: `Bearer ${API_KEY}`,
	Authorization: `Bearer ${API_KEY}`,
	authenticationtoken: SINCH_TOKEN,
	AuthenticationToken: SINCH_TOKEN,
	username: SINCH_USER,
};
const deep = (levels: number, leaf: unknown): unknown => {
	let node = leaf;
	for (let i = 0; i < levels; i++) node = { level: i, inner: node };
	return node;
};

const ECHOES: Array<[string, ScriptedResponse]> = [
	[
		'401 JSON body echoing the request headers',
		{
			status: 401,
			body: {
				message: `Invalid token Bearer ${API_KEY}`,
				errorMessage: `Token ${SINCH_TOKEN} rejected`,
				echo: { headers: headerEcho },
			},
		},
	],
	[
		'400 with the secret in errorMessage and error.description',
		{
			status: 400,
			body: {
				errorCode: 400,
				errorMessage: `Bad request from ${SINCH_TOKEN}`,
				error: { description: `key ${API_KEY}`, message: `key ${API_KEY}` },
			},
		},
	],
	[
		'403 with the secret as a JSON key',
		{
			status: 403,
			body: { [API_KEY]: 'forbidden', [SINCH_TOKEN]: 'forbidden', message: 'Forbidden' },
		},
	],
	[
		'500 text body echoing the raw request',
		{
			status: 500,
			headers: { 'Content-Type': 'text/plain' },
			rawBody: `POST /v3/messages\r\nAuthorization: Bearer ${API_KEY}\r\nAuthenticationToken: ${SINCH_TOKEN}\r\n\r\n`,
		},
	],
	[
		'429 HTML page echoing headers',
		{
			status: 429,
			headers: { 'Content-Type': 'text/html' },
			rawBody: `<html><body><pre>Authorization: Bearer ${API_KEY}\nAuthenticationToken: ${SINCH_TOKEN}</pre></body></html>`,
		},
	],
	[
		'400 with the headers echoed in an array',
		{
			status: 400,
			body: [
				{ header: 'Authorization', value: `Bearer ${API_KEY}` },
				{ header: 'AuthenticationToken', value: SINCH_TOKEN },
			],
		},
	],
	[
		'502 with the echo 30 levels deep',
		{ status: 502, body: { message: 'Bad gateway', trace: deep(30, { headers: headerEcho }) } },
	],
];

describe.each(['messangi', 'sinchLatam', 'whatsAppCloud'] as MockProviderName[])(
	'%s: the provider echoes the credentials in an error',
	(provider) => {
		describe.each(ECHOES)('%s', (_name, echo) => {
			it('Continue On Fail: the error items never contain the key or token, and say what happened', async () => {
				mock.enqueueFor(provider, echo, echo);
				const { items, error } = await run(provider, true);
				expect(error).toBeUndefined();
				expect(items).toHaveLength(2);
				for (const item of items!) {
					expect(item.json.error).toMatch(/answered HTTP \d{3}/);
					expectNoSecret(item, [SECRET[provider]]);
					expectNoSecret(item.json, [SECRET[provider]]);
					expectNoSecret(item.error, [SECRET[provider]]);
				}
			});

			it('without Continue On Fail: the thrown error never contains the key or token', async () => {
				mock.enqueueFor(provider, echo, echo);
				const { items, error } = await run(provider, false);
				expect(items).toBeUndefined();
				expect(error!.message).toMatch(/answered HTTP \d{3}/);
				expectNoSecret(error, [SECRET[provider]]);
			});
		});
	},
);

describe.each(['messangi', 'sinchLatam', 'whatsAppCloud'] as MockProviderName[])(
	'%s: the provider echoes the credentials in a success',
	(provider) => {
		it('a 200 without a message id whose body echoes the request headers: the output items never contain the key or token', async () => {
			const echo: ScriptedResponse = {
				status: 200,
				body: { accepted: true, echo: { headers: headerEcho } },
			};
			mock.enqueueFor(provider, echo, echo);
			const { items, error } = await run(provider, true);
			expect(error).toBeUndefined();
			for (const item of items!) {
				expect(item.json.status).toBe('accepted');
				expectNoSecret(item, [SECRET[provider]]);
			}
		});

		it('a 200 text body echoing the request: the output items never contain the key or token', async () => {
			const echo: ScriptedResponse = {
				status: 200,
				headers: { 'Content-Type': 'text/plain' },
				rawBody: `OK Authorization: Bearer ${API_KEY} AuthenticationToken: ${SINCH_TOKEN}`,
			};
			mock.enqueueFor(provider, echo, echo);
			const { items } = await run(provider, true);
			for (const item of items!) expectNoSecret(item, [SECRET[provider]]);
		});

		it('Include Request: the request in the output carries no credentials', async () => {
			const { items } = await run(provider, true, { includeRequest: true });
			for (const item of items!) {
				expect(item.json.status).toBe('accepted');
				expect(item.json.request).toBeDefined();
				expectNoSecret(item, [API_KEY, SINCH_TOKEN]);
			}
		});
	},
);

describe('credentials never reach Build Payload output or validation errors', () => {
	it.each(['messangi', 'sinchLatam'])('%s', async (provider) => {
		const ctx = executeContext({
			params: (i) => ({
				...sendParams(provider as MockProviderName)(i),
				operation: 'buildPayload',
				bodyText: i === 1 ? '' : 'Hi',
			}),
			items: 2,
			continueOnFail: true,
			credentials: credentials(),
		});
		const [out] = await new WhatsAppInteractive().execute.call(ctx);
		expect(out[1].json.error).toMatch(/Body/);
		expectNoSecret(out, [API_KEY, SINCH_TOKEN]);
	});
});

// ---------------------------------------------------------------- URLs

const BAD_URLS: Array<[string, string]> = [
	['javascript:', 'javascript:alert(document.cookie)'],
	['javascript: with an https tail', 'javascript://https://example.com/%0Aalert(1)'],
	['ftp:', 'ftp://example.com/brochure.pdf'],
	['file:', 'file:///etc/passwd'],
	[
		'data:',
		'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	],
	['mailto:', 'mailto:someone@example.com'],
	['ws:', 'ws://example.com/socket'],
	['relative path', '/images/brochure.pdf'],
	['relative file', 'brochure.pdf'],
	['scheme-relative', '//example.com/brochure.pdf'],
	['host without scheme', 'example.com/brochure.pdf'],
	['empty', ''],
	['spaces only', '   '],
	['scheme only', 'https://'],
];

/**
 * Strings that are not URLs as written, but that the WHATWG URL parser repairs (it trims spaces and
 * control characters, drops tabs and line breaks, turns "\" into "/", and accepts "https:/x" and
 * "https:x"). The node validates the repaired URL but sends the string as written.
 */
const REPAIRED_URLS: Array<[string, string]> = [
	['leading space', ' https://example.com/brochure.pdf'],
	['trailing line break (pasted from a sheet)', 'https://example.com/brochure.pdf\n'],
	['tab inside', 'https://exam\tple.com/brochure.pdf'],
	['one slash', 'https:/example.com/brochure.pdf'],
	['no slashes', 'https:example.com/brochure.pdf'],
	['backslashes', 'https:\\\\example.com\\brochure.pdf'],
	['space in the path', 'https://example.com/my brochure.pdf'],
];

async function build(params: IDataObject): Promise<{ body?: IDataObject; error?: Error }> {
	const ctx = executeContext({
		params: { operation: 'buildPayload', to: '+5519900001111', from: '15550001111', ...params },
	});
	try {
		const [[item]] = await new WhatsAppInteractive().execute.call(ctx);
		return { body: item.json.body as IDataObject };
	} catch (error) {
		return { error: error as Error };
	}
}

const mediaHeader = (provider: string, mode: 'fields' | 'json', url: string): IDataObject =>
	mode === 'fields'
		? { provider, ...message, headerType: 'document', headerMediaUrl: url, headerMediaType: 'PDF' }
		: {
				provider,
				defineMessage: 'json',
				messageJson: {
					type: 'buttons',
					header: { type: 'document', url, mediaType: 'PDF' },
					body: 'Hi',
					buttons: [{ id: 'a', title: 'A' }],
				},
			};

describe.each([
	['messangi', 'fields'],
	['messangi', 'json'],
	['sinchLatam', 'fields'],
	['sinchLatam', 'json'],
] as Array<[string, 'fields' | 'json']>)('%s, %s mode: media header URLs', (provider, mode) => {
	it.each(BAD_URLS)('%s is rejected, naming the field', async (_name, url) => {
		const { body, error } = await build(mediaHeader(provider, mode, url));
		expect(body).toBeUndefined();
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(/Header media URL/);
		// One problem: the message says it all, and no details repeat it.
		expect((error as NodeOperationError).description ?? undefined).toBeUndefined();
	});

	it.each(REPAIRED_URLS)('%s: rejected, or sent as a clean http(s) URL', async (_name, url) => {
		const { body, error } = await build(mediaHeader(provider, mode, url));
		if (error) {
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(/Header media URL/);
			return;
		}
		const sent = JSON.stringify(body).match(/"(?:link|url)":"([^"]*)"/)![1];
		expect(JSON.parse(`"${sent}"`)).toMatch(/^https?:\/\/[^\s\\/]+(\/[^\s\\]*)?$/i);
	});

	it('http:// and https:// links are accepted and sent unchanged', async () => {
		for (const url of [
			'https://example.com/brochure.pdf',
			'http://example.com/a/b/brochure.pdf?version=2#page=3',
		]) {
			const { body } = await build(mediaHeader(provider, mode, url));
			expect(JSON.stringify(body)).toContain(JSON.stringify(url));
		}
	});
});

describe('Messangi callback URLs (options.callbackUrls)', () => {
	const withCallbacks = (callbackUrls: unknown): IDataObject => ({
		provider: 'messangi',
		...message,
		options: { callbackUrls },
	});

	it.each(BAD_URLS.filter(([, url]) => url.trim() !== ''))(
		'%s is rejected, naming the field',
		async (_name, url) => {
			for (const value of [
				url,
				`https://n8n.example.com/webhook/a,${url}`,
				['https://n8n.example.com/webhook/a', url],
			]) {
				const { body, error } = await build(withCallbacks(value));
				expect(body).toBeUndefined();
				expect(error).toBeInstanceOf(NodeOperationError);
				expect(`${error!.message}\n${(error as NodeOperationError).description ?? ''}`).toMatch(
					/Callback URL [12]/,
				);
			}
		},
	);

	it.each(REPAIRED_URLS.filter(([, url]) => url.trim() === url))(
		'%s: rejected, or sent as a clean http(s) URL',
		async (_name, url) => {
			const { body, error } = await build(withCallbacks([url]));
			if (error) {
				expect(error.message).toMatch(/Callback URL 1/);
				return;
			}
			for (const sent of body!.callbacks as string[])
				expect(sent).toMatch(/^https?:\/\/[^\s\\/]+(\/[^\s\\]*)?$/i);
		},
	);

	it('empty means none: no callbacks are sent', async () => {
		for (const value of ['', undefined, ' , ']) {
			const { body } = await build(withCallbacks(value));
			expect(body).toBeDefined();
			expect(body!.callbacks).toBeUndefined();
		}
	});

	it('good URLs are sent as a list, in order', async () => {
		const { body } = await build(
			withCallbacks('https://a.example/hook, http://b.example/hook?x=1'),
		);
		expect(body!.callbacks).toEqual(['https://a.example/hook', 'http://b.example/hook?x=1']);
	});
});

// ---------------------------------------------------------------- the trigger's callback secret

const trigger = new WhatsAppInteractiveTrigger();
const CALLBACK_SECRET = 'Zq8+v/Lr3-NxW7_kP2sJ9tYc';
const webhookCredentials = (extra: IDataObject = {}) => ({
	whatsAppInteractiveWebhookApi: {
		secret: CALLBACK_SECRET,
		queryParameterName: 'secret',
		headerName: 'X-Webhook-Secret',
		basicAuth: true,
		...extra,
	},
});

const bodies: Record<string, unknown> = {
	sinchLatam: {
		total: 1,
		data: [
			{
				id: 'in-1',
				source: '5519900001111',
				origin: '5519900002222',
				message: {
					type: 'BUTTON',
					interactive: { type: 'BUTTON_REPLY', buttonReply: { payload: 'yes', title: 'Yes' } },
				},
				receivedAt: 1628344800000,
			},
		],
		clientInfo: { customerId: 1 },
	},
	messangi: {
		messageId: 'm-1',
		externalId: 'ext-1',
		status: 'DELIVERED',
		to: '+1000000002',
		from: '1000000001',
		timestamp: 1642531254980,
	},
};

async function callTrigger(provider: string, options: WebhookContextOptions) {
	const mock = createWebhookContext({
		properties: trigger.description.properties,
		parameters: { provider, authentication: 'secret' },
		body: bodies[provider],
		credentials: webhookCredentials(),
		...options,
		headers: { 'content-type': 'application/json', ...options.headers },
	});
	const result: IWebhookResponseData = await trigger.webhook.call(mock.context);
	// An accepted callback that starts an execution is answered by n8n, with the trigger's receipt.
	answerAsN8n(mock.response, result);
	return { ...mock, result };
}

const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Requests that do not carry the secret at all. */
const MISSING: Array<[string, Partial<WebhookContextOptions>]> = [
	['nothing', {}],
	['an empty query parameter', { query: { secret: '' } }],
	['an empty header', { headers: { 'X-Webhook-Secret': '' } }],
	['Basic auth without a password', { headers: { authorization: basic('sinch', '') } }],
	['a Bearer token instead of Basic', { headers: { authorization: `Bearer ${'x'.repeat(10)}` } }],
	['the secret under another query name', { query: { token: 'not-the-secret' } }],
];

/** Requests that carry a wrong secret. */
const WRONG: Array<[string, Partial<WebhookContextOptions>]> = [
	['a wrong query parameter', { query: { secret: 'wrong' } }],
	[
		'a wrong query parameter of the same length',
		{ query: { secret: CALLBACK_SECRET.replace(/.$/, '#') } },
	],
	['the secret with one character more', { query: { secret: `${CALLBACK_SECRET}x` } }],
	['a prefix of the secret', { query: { secret: CALLBACK_SECRET.slice(0, 8) } }],
	['the secret in another case', { query: { secret: CALLBACK_SECRET.toLowerCase() } }],
	['a wrong header', { headers: { 'X-Webhook-Secret': 'wrong' } }],
	['a wrong Basic auth password', { headers: { authorization: basic('sinch', 'wrong') } }],
	['a very long value', { query: { secret: 'a'.repeat(100_000) } }],
	['two query values, both wrong', { query: { secret: ['wrong', 'also-wrong'] } }],
];

describe.each(['sinchLatam', 'messangi'])('%s trigger: the callback secret', (provider) => {
	it('accepts the secret in the query, the header and as the Basic auth password', async () => {
		const accepted: WebhookContextOptions[] = [
			{ query: { secret: CALLBACK_SECRET } },
			{ headers: { 'X-Webhook-Secret': CALLBACK_SECRET } },
			{ headers: { authorization: basic('any', CALLBACK_SECRET) } },
		];
		for (const options of accepted) {
			const { response, result } = await callTrigger(provider, options);
			expect(response.statusCode).toBe(200);
			expect(result.workflowData).toBeDefined();
		}
	});

	it('a missing secret and a wrong one get the same 401: status, headers and body', async () => {
		const answers: Array<{ name: string; status: unknown; headers: unknown; body: unknown }> = [];
		for (const [name, options] of [...MISSING, ...WRONG]) {
			const { response, result } = await callTrigger(provider, options);
			expect(result.workflowData).toBeUndefined();
			answers.push({
				name,
				status: response.statusCode,
				headers: response.headers,
				body: response.body,
			});
		}
		for (const answer of answers) expect(answer.status).toBe(401);
		const first = answers[0];
		for (const answer of answers)
			expect({ name: answer.name, headers: answer.headers, body: answer.body }).toEqual({
				name: answer.name,
				headers: first.headers,
				body: first.body,
			});
	});

	it.each(WRONG)(
		'%s is compared with crypto.timingSafeEqual on equal-length values',
		async (_name, options) => {
			const spy = jest.spyOn(crypto, 'timingSafeEqual');
			try {
				const { response } = await callTrigger(provider, options);
				expect(response.statusCode).toBe(401);
				expect(spy).toHaveBeenCalled();
				for (const [a, b] of spy.mock.calls)
					expect((a as Buffer).length).toBe((b as Buffer).length);
				// Every value presented is compared (no early exit on the first mismatch).
				const presented = ([] as unknown[]).concat(
					options.query?.secret ?? [],
					options.headers?.['X-Webhook-Secret'] ?? [],
					options.headers?.authorization ?? [],
				);
				expect(spy.mock.calls.length).toBeGreaterThanOrEqual(presented.length);
			} finally {
				spy.mockRestore();
			}
		},
	);

	it('the right secret is also checked with crypto.timingSafeEqual, even next to a wrong one', async () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			const { response } = await callTrigger(provider, {
				query: { secret: CALLBACK_SECRET },
				headers: { 'X-Webhook-Secret': 'wrong' },
			});
			expect(response.statusCode).toBe(200);
			expect(spy.mock.calls.length).toBeGreaterThanOrEqual(2);
		} finally {
			spy.mockRestore();
		}
	});

	it('never repeats the secret: not in 401s, not in output items, not in the log', async () => {
		const texts: string[] = [];
		const requests: WebhookContextOptions[] = [
			{ query: { secret: CALLBACK_SECRET } },
			{ headers: { 'X-Webhook-Secret': CALLBACK_SECRET } },
			{ headers: { authorization: basic('any', CALLBACK_SECRET) } },
			...WRONG.map(([, o]) => o),
		];
		for (const options of requests) {
			const { response, result, logger } = await callTrigger(provider, options);
			texts.push(
				inspect(
					{
						headers: response.headers,
						body: response.body,
						result,
						log: [
							logger.error.mock.calls,
							logger.warn.mock.calls,
							logger.info.mock.calls,
							logger.debug.mock.calls,
						],
					},
					{ depth: Infinity, maxStringLength: Infinity },
				),
			);
		}
		for (const text of texts) {
			expect(text).not.toContain(CALLBACK_SECRET);
			expect(text).not.toContain(Buffer.from(`any:${CALLBACK_SECRET}`).toString('base64'));
		}
	});

	it('a broken secret credential is the owner’s problem: 500 without details, and the log says what to fix', async () => {
		const { response, logger } = await callTrigger(provider, {
			credentials: webhookCredentials({ secret: '' }),
			query: { secret: CALLBACK_SECRET },
		});
		expect(response.statusCode).toBe(500);
		expect(JSON.stringify(response.body)).not.toMatch(/empty secret/);
		expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/empty secret/));
	});
});
