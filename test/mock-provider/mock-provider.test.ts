import { readFileSync } from 'fs';
import { resolve } from 'path';
import {
	EXPIRED_MEDIA_IDS,
	MOCK_MEDIA,
	startMockProvider,
	validateCloudBody,
	validateMessangiBody,
	validateSinchBody,
	type MockProvider,
} from './index';

// ------------------------------------------------------------------ seed examples (verbatim JSON)

const MESSANGI_BUTTON_SEED = {
	channel: 'WHATSAPP',
	request: {
		message: 'message text body of the registered template',
		clientId: 'clientId',
		externalId: '123456789abcde',
		to: '+1000000002',
		from: '1000000001',
		type: 'interactive',
		interactive: {
			type: 'button',
			header: { type: 'image', image: { link: 'https://example.com?media=image.png' } },
			body: {
				text: 'Hi Alex! Your appointment with Dr. Smith is scheduled for 3:00 PM on Friday, September 15th. If you need to make changes, please use the buttons below.',
			},
			footer: { text: 'Looking forward to seeing you!' },
			action: {
				buttons: [
					{ type: 'reply', reply: { id: '0', title: 'Change' } },
					{ type: 'reply', reply: { id: '1', title: 'Cancel' } },
				],
			},
		},
	},
};

const MESSANGI_LIST_SEED = {
	channel: 'WHATSAPP',
	request: {
		from: '1000000001',
		to: '+1000000002',
		type: 'interactive',
		interactive: {
			type: 'list',
			header: { type: 'text', text: 'Choose Your Meal Option' },
			body: { text: 'What would you like for lunch today? Please select an option below.' },
			footer: { text: "Foodie's Delight: Fresh meals, delivered fast." },
			action: {
				sections: [
					{
						title: "I'm Hungry!",
						rows: [
							{
								id: 'first-option',
								title: 'Grilled Chicken Salad',
								description: 'Fresh greens with a grilled chicken breast (300 kcal)',
							},
							{
								id: 'second-option',
								title: 'Veggie Wrap',
								description: 'Tortilla stuffed with fresh veggies and hummus (250 kcal)',
							},
						],
					},
					{
						title: 'Light Bites',
						rows: [
							{
								id: 'third-option',
								title: 'Fruit Bowl',
								description: 'A mix of seasonal fruits (150 kcal)',
							},
							{
								id: 'fourth-option',
								title: 'Greek Yogurt',
								description: 'Creamy yogurt with honey and granola (200 kcal)',
							},
						],
					},
				],
				button: 'Select Meal',
			},
		},
	},
};

const SINCH_LIST_SEED = {
	destinations: [{ correlationId: 'MyCorrelationId', destination: '5519900001111' }],
	message: {
		interactive: {
			messageInteractiveType: 'LIST',
			header: { text: 'Sample text' },
			body: { text: 'Main message text' },
			footer: { text: 'Footer text' },
			listAction: {
				button: 'button text',
				sections: [
					{
						rows: [
							{
								identifier: '9ab8d65e-d389-4123-b97b-702e658cc9e4',
								title: 'August 7, 11:00',
								description: 'Saturday, August 7, 2021. 11:00AM',
							},
							{
								identifier: '2051afef-e000-47d0-99a5-7d96c17968b2',
								title: 'August 7, 15:00',
								description: 'Saturday, August 7, 2021. 3:00PM',
							},
							{
								identifier: '55baac93-a513-45d0-ad9e-2e2271861fc8',
								title: 'August 9, 11:00',
								description: 'Monday, August 9, 2021. 11:00AM',
							},
							{
								identifier: 'e2703f03-689c-4d1e-b0e9-4045d6687605',
								title: 'August 9, 15:00',
								description: 'Monday, August 9, 2021. 4:00PM',
							},
						],
					},
				],
			},
			alternativeText: 'Simple message text',
		},
	},
};

/** The seed's REPLY_BUTTON example (trailing comma removed): it fills every header kind, so it is invalid. */
const SINCH_BUTTON_SEED_AS_PUBLISHED = {
	destinations: [{ correlationId: 'MyCorrelationId', destination: '5519900001111' }],
	message: {
		interactive: {
			messageInteractiveType: 'REPLY_BUTTON',
			header: {
				text: 'Sample text',
				image: { type: 'JPG', url: 'http://...jpg' },
				video: { type: 'MP4', url: 'http://...mp4' },
				document: { type: 'PDF', url: 'http://...pdf' },
				location: {
					geoPoint: '-22.894180,-47.047960',
					name: 'Wavy',
					address: 'Av. Cel. Silva Telles',
				},
			},
			body: { text: 'Main message text' },
			footer: { text: 'Footer text' },
			replyButtonAction: {
				buttons: [
					{ reply: { title: 'Display Text 1', payload: 'callback_payload_1' } },
					{ reply: { title: 'Display Text 2', payload: 'callback_payload_2' } },
				],
			},
			alternativeText: 'Simple message text',
		},
	},
};

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const sinchButton = (header: Record<string, unknown> | undefined = { text: 'Sample text' }) => {
	const b = clone(SINCH_BUTTON_SEED_AS_PUBLISHED) as {
		message: { interactive: Record<string, unknown> };
	};
	if (header) b.message.interactive.header = header;
	else delete b.message.interactive.header;
	return b;
};

// ------------------------------------------------------------------ helpers

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MESSANGI_AUTH = { Authorization: 'Bearer test-messangi-key' };
const SINCH_AUTH = { UserName: 'test-user', AuthenticationToken: 'test-token' };

interface Reply {
	status: number;
	statusText: string;
	headers: Headers;
	text: string;
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(
	url: string,
	init: {
		method?: string;
		body?: unknown;
		headers?: Record<string, string>;
		signal?: AbortSignal;
	} = {},
): Promise<Reply> {
	const method = init.method ?? 'POST';
	const body =
		init.body === undefined
			? undefined
			: typeof init.body === 'string'
				? init.body
				: JSON.stringify(init.body);
	const r = await fetch(url, {
		method,
		headers: {
			...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
			...init.headers,
		},
		body,
		signal: init.signal,
	});
	const text = await r.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: r.status, statusText: r.statusText, headers: r.headers, text, json };
}

let mock: MockProvider;
let messangi: string;
let sinch: string;

beforeAll(async () => {
	mock = await startMockProvider();
	messangi = `${mock.url}/messangi/v3/messages`;
	sinch = `${mock.url}/sinch/v1/whatsapp/send`;
});
afterAll(async () => {
	await mock.close();
});
beforeEach(() => mock.reset());

// ------------------------------------------------------------------ basics

describe('startMockProvider', () => {
	it('listens on 127.0.0.1 with a random port', () => {
		expect(mock.port).toBeGreaterThan(0);
		expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
	});

	it('answers 404 JSON for unknown paths, in the provider style under a provider prefix', async () => {
		const a = await call(`${mock.url}/nope`, { body: {} });
		expect(a.status).toBe(404);
		expect(a.json.message).toContain('/nope');
		const m = await call(`${mock.url}/messangi/v2/messages`, { body: {}, headers: MESSANGI_AUTH });
		expect(m.status).toBe(404);
		expect(typeof m.json.message).toBe('string');
		const s = await call(`${mock.url}/sinch/v1/whatsapp/send/`, { body: {}, headers: SINCH_AUTH });
		expect(s.status).toBe(404);
		expect(s.json.errorCode).toBe(404);
		expect(mock.requests.map((r) => r.provider)).toEqual(['unknown', 'messangi', 'sinchLatam']);
	});

	it('answers 405 to other methods on the send endpoints', async () => {
		const r = await call(messangi, { method: 'GET', headers: MESSANGI_AUTH });
		expect(r.status).toBe(405);
		expect(r.headers.get('allow')).toBe('POST');
	});
});

// ------------------------------------------------------------------ Messangi

describe('Messangi', () => {
	it('accepts the reply-button seed with the documented response shape', async () => {
		const before = Date.now();
		const r = await call(messangi, { body: MESSANGI_BUTTON_SEED, headers: MESSANGI_AUTH });
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/^application\/json/);
		expect(Object.keys(r.json)).toEqual(['meta']);
		expect(r.json.meta.explain).toBe('Send Notification');
		expect(r.json.meta.transactionId).toMatch(UUID);
		expect(r.json.meta.timestamp).toBeGreaterThanOrEqual(before);
		expect(mock.requests[0].shapeErrors).toEqual([]);
	});

	it('accepts the list seed (no request.message) and a lower-case "bearer" scheme', async () => {
		const r = await call(messangi, {
			body: MESSANGI_LIST_SEED,
			headers: { authorization: 'bearer test-messangi-key' },
		});
		expect(r.status).toBe(200);
		expect(r.json.meta.transactionId).toMatch(UUID);
	});

	it('gives each send its own transactionId', async () => {
		const [a, b] = await Promise.all([
			call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH }),
			call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH }),
		]);
		expect(a.json.meta.transactionId).not.toBe(b.json.meta.transactionId);
	});

	it.each([
		['missing', {}],
		['wrong key', { Authorization: 'Bearer nope' }],
		['not bearer', { Authorization: 'Basic dGVzdDp0ZXN0' }],
		['bare key', { Authorization: 'test-messangi-key' }],
	])('rejects %s auth with 401 before looking at the body', async (_label, headers) => {
		const r = await call(messangi, { body: MESSANGI_BUTTON_SEED, headers });
		expect(r.status).toBe(401);
		expect(r.json).toEqual({ message: 'Invalid or expired token' });
	});

	it('uses the configured key', async () => {
		const other = await startMockProvider({ messangiApiKey: 'k2' });
		try {
			const url = `${other.url}/messangi/v3/messages`;
			expect((await call(url, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH })).status).toBe(
				401,
			);
			expect(
				(await call(url, { body: MESSANGI_LIST_SEED, headers: { Authorization: 'Bearer k2' } }))
					.status,
			).toBe(200);
		} finally {
			await other.close();
		}
	});

	it('credential-test body: 400 shape error with good auth, 401 with bad auth', async () => {
		const body = { channel: 'WHATSAPP', request: {} };
		const good = await call(messangi, { body, headers: MESSANGI_AUTH });
		expect(good.status).toBe(400);
		expect(good.json.message).toBe('request.to is required');
		expect(good.json.errors).toContain('request.interactive is required');
		const bad = await call(messangi, { body, headers: { Authorization: 'Bearer wrong' } });
		expect(bad.status).toBe(401);
	});

	const invalid: Array<[string, (b: any) => void, RegExp]> = [
		// eslint-disable-line @typescript-eslint/no-explicit-any
		['channel', (b) => (b.channel = 'SMS'), /^channel must be "WHATSAPP"/],
		[
			'to without +',
			(b) => (b.request.to = '1000000002'),
			/^request\.to must be "\+" followed by 8–15 digits/,
		],
		[
			'from with +',
			(b) => (b.request.from = '+1000000001'),
			/^request\.from must contain digits only/,
		],
		['request.type', (b) => (b.request.type = 'image'), /^request\.type must be "interactive"/],
		[
			'interactive.type',
			(b) => (b.request.interactive.type = 'buttons'),
			/^request\.interactive\.type must be "button" or "list"/,
		],
		[
			'blank body',
			(b) => (b.request.interactive.body.text = '   '),
			/^request\.interactive\.body\.text must not be blank/,
		],
		[
			'4 buttons',
			(b) =>
				b.request.interactive.action.buttons.push(
					{ type: 'reply', reply: { id: '2', title: 'A' } },
					{ type: 'reply', reply: { id: '3', title: 'B' } },
				),
			/^request\.interactive\.action\.buttons must contain at most 3 buttons \(got 4\)/,
		],
		[
			'button type',
			(b) => (b.request.interactive.action.buttons[1].type = 'url'),
			/buttons\[1\]\.type must be "reply"/,
		],
		[
			'button title > 20',
			(b) => (b.request.interactive.action.buttons[0].reply.title = 'x'.repeat(21)),
			/buttons\[0\]\.reply\.title must be at most 20 characters \(got 21\)/,
		],
		[
			'duplicate ids',
			(b) => (b.request.interactive.action.buttons[1].reply.id = '0'),
			/buttons\[1\]\.reply\.id must be unique/,
		],
		[
			'location header',
			(b) => (b.request.interactive.header = { type: 'location' }),
			/header\.type must be one of text, image, video, document/,
		],
		[
			'media link',
			(b) => (b.request.interactive.header.image.link = 'ftp://x/y.png'),
			/header\.image\.link must be an http/,
		],
		[
			'callbacks not array',
			(b) => (b.callbacks = 'https://a.example/cb'),
			/^callbacks must be an array/,
		],
	];
	it.each(invalid)(
		'rejects a button message with bad %s (400 + message + errors)',
		async (_l, mutate, message) => {
			const body = clone(MESSANGI_BUTTON_SEED);
			mutate(body);
			const r = await call(messangi, { body, headers: MESSANGI_AUTH });
			expect(r.status).toBe(400);
			expect(r.json.message).toMatch(message);
			expect(r.json.errors[0]).toBe(r.json.message);
			expect(mock.requests[0].shapeErrors).toEqual(r.json.errors);
		},
	);

	it.each<[string, (b: any) => void, RegExp]>([
		// eslint-disable-line @typescript-eslint/no-explicit-any
		[
			'image header on a list',
			(b) =>
				(b.request.interactive.header = {
					type: 'image',
					image: { link: 'https://x.example/a.png' },
				}),
			/header\.type must be "text" on a list/,
		],
		[
			'missing button label',
			(b) => delete b.request.interactive.action.button,
			/action\.button is required/,
		],
		[
			'missing section title',
			(b) => delete b.request.interactive.action.sections[1].title,
			/sections\[1\]\.title is required/,
		],
		[
			'row title > 24',
			(b) => (b.request.interactive.action.sections[0].rows[0].title = '🍕'.repeat(25)),
			/rows\[0\]\.title must be at most 24 characters \(got 25\)/,
		],
		[
			'11 rows in total',
			(b) => {
				for (let i = 0; i < 7; i++)
					b.request.interactive.action.sections[1].rows.push({ id: `x${i}`, title: 't' });
			},
			/at most 10 rows in total \(got 11\)/,
		],
		[
			'duplicate row id across sections',
			(b) => (b.request.interactive.action.sections[1].rows[0].id = 'first-option'),
			/sections\[1\]\.rows\[0\]\.id must be unique/,
		],
	])('rejects a list with %s', async (_l, mutate, message) => {
		const body = clone(MESSANGI_LIST_SEED);
		mutate(body);
		const r = await call(messangi, { body, headers: MESSANGI_AUTH });
		expect(r.status).toBe(400);
		expect(r.json.errors.join('\n')).toMatch(message);
	});

	it('counts emoji as one character', () => {
		const body = clone(MESSANGI_LIST_SEED);
		body.request.interactive.action.sections[0].rows[0].title = '🍕'.repeat(24);
		expect(validateMessangiBody(body)).toEqual([]);
	});

	it('accepts optional callbacks, externalId and clientId', async () => {
		const body = {
			...clone(MESSANGI_LIST_SEED),
			callbacks: ['https://n8n.example/webhook/abc', 'http://127.0.0.1:5678/x'],
		};
		Object.assign(body.request, { externalId: 'ext-1', clientId: 'client-1', message: 'hi' });
		const r = await call(messangi, { body, headers: MESSANGI_AUTH });
		expect(r.status).toBe(200);
	});

	it('rejects a body that is not JSON, and a non-JSON content type', async () => {
		const a = await call(messangi, { body: '{"channel":', headers: MESSANGI_AUTH });
		expect(a.status).toBe(400);
		expect(a.json.message).toMatch(/^body is not valid JSON/);
		const b = await call(messangi, {
			body: JSON.stringify(MESSANGI_LIST_SEED),
			headers: { ...MESSANGI_AUTH, 'Content-Type': 'text/plain' },
		});
		expect(b.status).toBe(400);
		expect(b.json.message).toMatch(/^Content-Type must be application\/json/);
	});
});

// ------------------------------------------------------------------ Sinch LATAM

describe('Sinch LATAM', () => {
	it('accepts the LIST seed with the documented response shape', async () => {
		const r = await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH });
		expect(r.status).toBe(200);
		expect(r.json.id).toMatch(UUID);
		expect(r.json.destinations).toHaveLength(1);
		expect(r.json.destinations[0]).toEqual({
			id: expect.stringMatching(UUID),
			correlationId: 'MyCorrelationId',
			destination: '5519900001111',
		});
	});

	it('rejects the published REPLY_BUTTON seed (every header kind filled) and accepts it with one header', async () => {
		const bad = await call(sinch, { body: SINCH_BUTTON_SEED_AS_PUBLISHED, headers: SINCH_AUTH });
		expect(bad.status).toBe(400);
		expect(bad.json).toEqual({
			errorCode: 400,
			errorMessage:
				'message.interactive.header must have exactly one of text, image, video, document, location (got text, image, video, document, location)',
		});
		for (const header of [
			{ text: 'Sample text' },
			{ image: { type: 'JPG', url: 'http://x.example/a.jpg' } },
			{ video: { type: 'MP4', url: 'https://x.example/a.mp4' } },
			{ document: { type: 'PDF', url: 'https://x.example/a.pdf' } },
			{
				location: {
					geoPoint: '-22.894180,-47.047960',
					name: 'Wavy',
					address: 'Av. Cel. Silva Telles',
				},
			},
			undefined,
		]) {
			const ok = await call(sinch, { body: sinchButton(header), headers: SINCH_AUTH });
			expect([ok.status, ok.json.errorMessage]).toEqual([200, undefined]);
		}
	});

	it('answers one destination entry per destination, in request order', async () => {
		const body = clone(SINCH_LIST_SEED) as {
			destinations: Array<{ destination: string; correlationId?: string }>;
		};
		body.destinations = [
			{ destination: '5519900000001', correlationId: 'a' },
			{ destination: '5519900000002' },
			{ destination: '5519900000003', correlationId: 'c' },
		];
		const r = await call(sinch, { body, headers: SINCH_AUTH });
		expect(r.status).toBe(200);
		expect(
			r.json.destinations.map((d: { destination: string; correlationId: string | null }) => [
				d.destination,
				d.correlationId,
			]),
		).toEqual([
			['5519900000001', 'a'],
			['5519900000002', null],
			['5519900000003', 'c'],
		]);
		expect(new Set(r.json.destinations.map((d: { id: string }) => d.id)).size).toBe(3);
	});

	it('reads the auth headers case-insensitively', async () => {
		const r = await call(sinch, {
			body: SINCH_LIST_SEED,
			headers: { username: 'test-user', AUTHENTICATIONTOKEN: 'test-token' },
		});
		expect(r.status).toBe(200);
	});

	it.each([
		['missing', {}],
		['user only', { UserName: 'test-user' }],
		['wrong token', { UserName: 'test-user', AuthenticationToken: 'x' }],
		['wrong user', { UserName: 'x', AuthenticationToken: 'test-token' }],
	])('rejects %s auth with 401', async (_l, headers) => {
		const r = await call(sinch, { body: SINCH_LIST_SEED, headers });
		expect(r.status).toBe(401);
		expect(r.json).toEqual({ errorCode: 401, errorMessage: 'Authentication failed' });
	});

	it('credential-test body: 400 shape error with good auth, 401 with bad auth', async () => {
		const body = { destinations: [], message: {} };
		const good = await call(sinch, { body, headers: SINCH_AUTH });
		expect(good.status).toBe(400);
		expect(good.json.errorCode).toBe(400);
		expect(good.json.errorMessage).toBe('destinations must contain at least 1 destination (got 0)');
		const bad = await call(sinch, {
			body,
			headers: { UserName: 'test-user', AuthenticationToken: 'wrong' },
		});
		expect(bad.status).toBe(401);
		expect(mock.requests[0].shapeErrors).toContain('message.interactive is required');
	});

	it.each<[string, (b: any) => void, RegExp]>([
		// eslint-disable-line @typescript-eslint/no-explicit-any
		[
			'destination with +',
			(b) => (b.destinations[0].destination = '+5519900001111'),
			/^destinations\[0\]\.destination must be 8–15 digits only/,
		],
		[
			'1,001 destinations',
			(b) =>
				(b.destinations = Array.from({ length: 1001 }, (_, i) => ({
					destination: String(5519900000000 + i),
				}))),
			/^destinations must contain at most 1000 destinations/,
		],
		[
			'type',
			(b) => (b.message.interactive.messageInteractiveType = 'BUTTON'),
			/messageInteractiveType must be "LIST" or "REPLY_BUTTON"/,
		],
		[
			'image header on a LIST',
			(b) =>
				(b.message.interactive.header = { image: { type: 'PNG', url: 'https://x.example/a.png' } }),
			/header on a LIST accepts text only/,
		],
		[
			'empty footer',
			(b) => (b.message.interactive.footer.text = ''),
			/footer\.text must not be empty/,
		],
		[
			'no rows',
			(b) => (b.message.interactive.listAction.sections[0].rows = []),
			/sections\[0\]\.rows must contain at least 1 row/,
		],
		[
			'11 rows',
			(b) =>
				b.message.interactive.listAction.sections.push({
					rows: Array.from({ length: 7 }, (_, i) => ({ identifier: `r${i}`, title: 't' })),
				}),
			/at most 10 rows in total \(got 11\)/,
		],
		[
			'row without identifier',
			(b) => (b.message.interactive.listAction.sections[0].rows[1] = { id: 'x', title: 't' }),
			/rows\[1\]\.identifier is required/,
		],
		[
			'missing listAction',
			(b) => delete b.message.interactive.listAction,
			/message\.interactive\.listAction is required/,
		],
	])('rejects a LIST with %s', async (_l, mutate, message) => {
		const body = clone(SINCH_LIST_SEED);
		mutate(body);
		const r = await call(sinch, { body, headers: SINCH_AUTH });
		expect(r.status).toBe(400);
		expect(r.json.errorCode).toBe(400);
		expect(r.json.errorMessage).toMatch(message);
	});

	it.each<[string, (b: any) => void, RegExp]>([
		// eslint-disable-line @typescript-eslint/no-explicit-any
		[
			'4 buttons',
			(b) =>
				b.message.interactive.replyButtonAction.buttons.push(
					{ reply: { title: 'c', payload: 'c' } },
					{ reply: { title: 'd', payload: 'd' } },
				),
			/buttons must contain at most 3 buttons/,
		],
		[
			'no buttons',
			(b) => (b.message.interactive.replyButtonAction.buttons = []),
			/buttons must contain at least 1 button/,
		],
		[
			'payload > 256',
			(b) => (b.message.interactive.replyButtonAction.buttons[0].reply.payload = 'p'.repeat(257)),
			/buttons\[0\]\.reply\.payload must be at most 256 characters/,
		],
		[
			'duplicate payload',
			(b) =>
				(b.message.interactive.replyButtonAction.buttons[1].reply.payload = 'callback_payload_1'),
			/buttons\[1\]\.reply\.payload must be unique/,
		],
		[
			'video type',
			(b) =>
				(b.message.interactive.header = { video: { type: 'MOV', url: 'https://x.example/a.mov' } }),
			/header\.video\.type must be one of MP4/,
		],
		[
			'geoPoint',
			(b) => (b.message.interactive.header = { location: { geoPoint: '95,10' } }),
			/geoPoint must be "latitude,longitude"/,
		],
	])('rejects a REPLY_BUTTON with %s', async (_l, mutate, message) => {
		const body = sinchButton();
		mutate(body);
		const r = await call(sinch, { body, headers: SINCH_AUTH });
		expect(r.status).toBe(400);
		expect(r.json.errorMessage).toMatch(message);
	});

	it('validates a 1,000-destination body', () => {
		const body = clone(SINCH_LIST_SEED) as { destinations: unknown[] };
		body.destinations = Array.from({ length: 1000 }, (_, i) => ({
			destination: String(5519900000000 + i),
		}));
		expect(validateSinchBody(body)).toEqual([]);
	});
});

// ------------------------------------------------------------------ scripted faults

describe('scripted responses', () => {
	it('429 with Retry-After, in each provider style, then normal behaviour resumes', async () => {
		mock.enqueue(
			{ status: 429, headers: { 'Retry-After': '1' } },
			{ status: 429, headers: { 'Retry-After': '1' } },
		);
		const m = await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH });
		expect(m.status).toBe(429);
		expect(m.headers.get('retry-after')).toBe('1');
		expect(m.json).toEqual({ message: 'Too many requests' });
		const s = await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH });
		expect(s.status).toBe(429);
		expect(s.json).toEqual({ errorCode: 429, errorMessage: 'Too many requests' });
		expect((await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH })).status).toBe(200);
		expect(mock.requests.map((r) => r.answeredWith)).toEqual([429, 429, 200]);
	});

	it.each([420, 500, 503])('%i with a provider-style JSON body', async (status) => {
		mock.enqueue({ status });
		const s = await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH });
		expect(s.status).toBe(status);
		expect(s.json.errorCode).toBe(status);
		expect(typeof s.json.errorMessage).toBe('string');
		mock.enqueue({ status });
		const m = await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH });
		expect(m.status).toBe(status);
		expect(typeof m.json.message).toBe('string');
	});

	it('overrides auth and shape checks (the request is still shape-checked and recorded)', async () => {
		mock.enqueue({ status: 200 });
		const r = await call(sinch, {
			body: { destinations: [{ destination: '5519900001111' }], message: {} },
		});
		expect(r.status).toBe(200);
		expect(r.json.destinations[0].destination).toBe('5519900001111');
		expect(mock.requests[0].shapeErrors).toContain('message.interactive is required');
	});

	it('uses a given body or rawBody, e.g. a 200 that is not JSON', async () => {
		mock.enqueue(
			{ status: 500, body: { oops: true } },
			{ status: 200, rawBody: '<html>gateway</html>', headers: { 'Content-Type': 'text/html' } },
			{ status: 200, rawBody: '{"meta":' },
		);
		const a = await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH });
		expect([a.status, a.json]).toEqual([500, { oops: true }]);
		const b = await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH });
		expect([b.status, b.text, b.headers.get('content-type')]).toEqual([
			200,
			'<html>gateway</html>',
			'text/html',
		]);
		const c = await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH });
		expect([c.status, c.text, c.json]).toEqual([200, '{"meta":', undefined]);
		expect(c.headers.get('content-type')).toMatch(/^application\/json/);
	});

	it('timeout: accepts the request and never answers', async () => {
		mock.enqueue({ kind: 'timeout' });
		await expect(
			call(messangi, {
				body: MESSANGI_LIST_SEED,
				headers: MESSANGI_AUTH,
				signal: AbortSignal.timeout(300),
			}),
		).rejects.toThrow();
		expect(mock.requests).toHaveLength(1);
		expect(mock.requests[0].answeredWith).toBe('timeout');
		expect(mock.requests[0].answeredAt).toBeUndefined();
		// the next request is served normally
		expect(
			(await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH })).status,
		).toBe(200);
	});

	it('reset: destroys the connection after reading the body', async () => {
		mock.enqueue({ kind: 'reset' });
		await expect(call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH })).rejects.toThrow();
		expect(mock.requests[0].answeredWith).toBe('reset');
		expect(mock.requests[0].body).toEqual(SINCH_LIST_SEED);
		expect((await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH })).status).toBe(200);
	});

	it('latency: delays the answer, then the given response (or normal behaviour)', async () => {
		mock.enqueue({ kind: 'latency', ms: 200, then: { status: 503 } }, { kind: 'latency', ms: 150 });
		let t = Date.now();
		const a = await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH });
		expect(a.status).toBe(503);
		expect(Date.now() - t).toBeGreaterThanOrEqual(190);
		t = Date.now();
		const b = await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH });
		expect(b.status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
	});

	it('enqueueFor targets one provider, and is used before the shared queue', async () => {
		mock.enqueueFor('sinchLatam', { status: 420 });
		mock.enqueue({ status: 500 });
		const m = await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH });
		const s1 = await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH });
		const s2 = await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH });
		expect([m.status, s1.status, s2.status]).toEqual([500, 420, 200]);
	});

	it('does not spend the queue on unknown paths', async () => {
		mock.enqueue({ status: 503 });
		expect((await call(`${mock.url}/other`, { body: {} })).status).toBe(404);
		expect(
			(await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH })).status,
		).toBe(503);
	});

	it('rejects malformed scripts', () => {
		expect(() => mock.enqueue({ kind: 'nap' } as never)).toThrow(/kind/);
		expect(() => mock.enqueue({ status: 'x' } as never)).toThrow(/status/);
	});

	it('close() frees hung timeout sockets', async () => {
		const m2 = await startMockProvider();
		m2.enqueue({ kind: 'timeout' });
		const pending = call(`${m2.url}/messangi/v3/messages`, {
			body: MESSANGI_LIST_SEED,
			headers: MESSANGI_AUTH,
		});
		while (m2.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
		const t = Date.now();
		await m2.close();
		expect(Date.now() - t).toBeLessThan(1000);
		await expect(pending).rejects.toThrow();
	});
});

// ------------------------------------------------------------------ latency and load

describe('latency', () => {
	it('global latency delays each request on its own timer (concurrent requests overlap)', async () => {
		mock.setLatency(200);
		const t = Date.now();
		const replies = await Promise.all(
			Array.from({ length: 20 }, () => call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH })),
		);
		const elapsed = Date.now() - t;
		expect(replies.every((r) => r.status === 200)).toBe(true);
		expect(elapsed).toBeGreaterThanOrEqual(190);
		expect(elapsed).toBeLessThan(1000);
	});

	it('latencyMs option applies to every answer, errors included; reset() clears it', async () => {
		const m2 = await startMockProvider({ latencyMs: 150 });
		try {
			const t = Date.now();
			expect((await call(`${m2.url}/sinch/v1/whatsapp/send`, { body: {} })).status).toBe(401);
			expect(Date.now() - t).toBeGreaterThanOrEqual(140);
			m2.reset();
			const t2 = Date.now();
			await call(`${m2.url}/sinch/v1/whatsapp/send`, { body: {} });
			expect(Date.now() - t2).toBeLessThan(140);
		} finally {
			await m2.close();
		}
	});

	it('answers 1,000 requests at concurrency 50 with 50 ms latency each', async () => {
		mock.setLatency(50);
		const total = 1000;
		let next = 0;
		let ok = 0;
		const t = Date.now();
		await Promise.all(
			Array.from({ length: 50 }, async () => {
				while (next < total) {
					next++;
					const r = await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH });
					if (r.status === 200) ok++;
				}
			}),
		);
		const elapsed = Date.now() - t;
		expect(ok).toBe(total);
		expect(mock.requests).toHaveLength(total);
		// Each request waited its own 50 ms: 20 rounds of 50 at the least. How fast beyond that is
		// a benchmark's question (bench/), not a test's.
		expect(elapsed).toBeGreaterThanOrEqual((total / 50) * 50 - 50);
	}, 60_000);
});

// ------------------------------------------------------------------ recording

describe('recording', () => {
	it('records every request with its details, faulted ones included', async () => {
		mock.enqueue({ status: 500 });
		await call(`${messangi}?trace=1`, {
			body: MESSANGI_BUTTON_SEED,
			headers: { ...MESSANGI_AUTH, 'X-Test': 'a' },
		});
		await call(sinch, {
			body: SINCH_LIST_SEED,
			headers: { UserName: 'bad', AuthenticationToken: 'bad' },
		});
		const [a, b] = mock.requests;
		expect(a).toMatchObject({
			provider: 'messangi',
			method: 'POST',
			path: '/messangi/v3/messages',
			query: { trace: '1' },
			rawBody: JSON.stringify(MESSANGI_BUTTON_SEED),
			body: MESSANGI_BUTTON_SEED,
			answeredWith: 500,
			shapeErrors: [],
		});
		expect(a.headers['x-test']).toBe('a');
		expect(a.headers.authorization).toBe('Bearer test-messangi-key');
		expect(typeof a.receivedAt).toBe('number');
		expect(a.answeredAt).toBeGreaterThanOrEqual(a.receivedAt);
		expect(b).toMatchObject({ provider: 'sinchLatam', answeredWith: 401, shapeErrors: [] });
	});

	it('reset() empties the same array in place', async () => {
		const ref = mock.requests;
		await call(messangi, { body: {}, headers: MESSANGI_AUTH });
		expect(ref).toHaveLength(1);
		mock.reset();
		expect(ref).toHaveLength(0);
		expect(mock.requests).toBe(ref);
	});
});

// ------------------------------------------------------------------ control API

describe('control API', () => {
	it('drives the mock over HTTP and is neither recorded nor delayed', async () => {
		const base = `${mock.url}/__mock`;
		expect((await call(`${base}/health`, { method: 'GET' })).json).toEqual({ ok: true });

		expect(
			(
				await call(`${base}/enqueue`, {
					body: [{ status: 429, headers: { 'Retry-After': '2' } }, { kind: 'reset' }],
				})
			).json,
		).toEqual({ ok: true, queued: 2 });
		expect(
			(await call(`${base}/enqueue?provider=sinchLatam`, { body: { status: 420 } })).status,
		).toBe(200);
		expect((await call(`${base}/latency`, { body: { ms: 100 } })).json).toEqual({
			ok: true,
			latencyMs: 100,
		});

		const t = Date.now();
		const s = await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH });
		expect(s.status).toBe(420);
		expect(Date.now() - t).toBeGreaterThanOrEqual(90);
		const m = await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH });
		expect([m.status, m.headers.get('retry-after')]).toEqual([429, '2']);
		await expect(
			call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH }),
		).rejects.toThrow();

		const t2 = Date.now();
		const list = await call(`${base}/requests`, { method: 'GET' });
		expect(Date.now() - t2).toBeLessThan(90);
		expect(
			list.json.map((r: { provider: string; answeredWith: unknown }) => [
				r.provider,
				r.answeredWith,
			]),
		).toEqual([
			['sinchLatam', 420],
			['messangi', 429],
			['messangi', 'reset'],
		]);
		expect(
			(await call(`${base}/requests?provider=sinchLatam`, { method: 'GET' })).json,
		).toHaveLength(1);

		expect((await call(`${base}/reset`, { body: {} })).json).toEqual({ ok: true });
		expect((await call(`${base}/requests`, { method: 'GET' })).json).toEqual([]);
		const t3 = Date.now();
		expect(
			(await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH })).status,
		).toBe(200);
		expect(Date.now() - t3).toBeLessThan(90);
	});

	it('rejects bad control requests with 400/404', async () => {
		const base = `${mock.url}/__mock`;
		expect((await call(`${base}/enqueue`, { body: [{ kind: 'nap' }] })).status).toBe(400);
		expect((await call(`${base}/enqueue`, { body: '[' })).status).toBe(400);
		expect((await call(`${base}/enqueue?provider=x`, { body: [{ status: 500 }] })).status).toBe(
			400,
		);
		expect((await call(`${base}/latency`, { body: { ms: 'slow' } })).status).toBe(400);
		expect((await call(`${base}/nothing`, { method: 'GET' })).status).toBe(404);
		// nothing was queued by the failed calls
		expect(
			(await call(messangi, { body: MESSANGI_LIST_SEED, headers: MESSANGI_AUTH })).status,
		).toBe(200);
	});
});

// ------------------------------------------------------------------ rate-limit mode

describe('rate-limit mode (maxInFlight)', () => {
	it("works on N requests at once and answers the rest 429 with Retry-After at once, in each provider's format", async () => {
		mock.setLatency(100);
		mock.setLimit(3, 2);
		const results = await Promise.all(
			Array.from({ length: 5 }, (_, i) =>
				i % 2 === 0
					? call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH })
					: call(messangi, { body: MESSANGI_BUTTON_SEED, headers: MESSANGI_AUTH }),
			),
		);
		const statuses = results.map((r) => r.status).sort();
		expect(statuses).toEqual([200, 200, 200, 429, 429]);
		for (const r of results.filter((x) => x.status === 429)) {
			expect(r.headers.get('retry-after')).toBe('2');
		}
		const refused = mock.requests.filter((r) => r.answeredWith === 429);
		expect(refused).toHaveLength(2);
		for (const r of refused) expect(r.answeredAt! - r.receivedAt).toBeLessThan(50);
		expect(mock.limited()).toBe(2);
		expect(mock.peakInFlight()).toBe(3);
	});

	it('frees a slot when an answer is written; reset() turns the mode off', async () => {
		mock.setLimit(1);
		expect((await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH })).status).toBe(200);
		expect((await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH })).status).toBe(200);
		expect(mock.limited()).toBe(0);
		mock.setLimit(0);
		expect((await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH })).status).toBe(429);
		mock.reset();
		expect((await call(sinch, { body: SINCH_LIST_SEED, headers: SINCH_AUTH })).status).toBe(200);
		expect(mock.limited()).toBe(0);
	});

	it('is set through the control API too', async () => {
		const set = await call(`${mock.url}/__mock/limit`, { body: { maxInFlight: 0, retryAfter: 3 } });
		expect(set.status).toBe(200);
		const refused = await call(messangi, { body: MESSANGI_BUTTON_SEED, headers: MESSANGI_AUTH });
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('3');
		expect((await call(`${mock.url}/__mock/limit`, { body: { maxInFlight: 'x' } })).status).toBe(
			400,
		);
		await call(`${mock.url}/__mock/limit`, { body: { maxInFlight: null } });
		expect(
			(await call(messangi, { body: MESSANGI_BUTTON_SEED, headers: MESSANGI_AUTH })).status,
		).toBe(200);
	});
});

describe('WhatsApp Cloud API', () => {
	const seed = (name: string) =>
		JSON.parse(
			readFileSync(resolve(__dirname, '../fixtures/whatsAppCloud', name), 'utf8'),
		) as Record<string, unknown>;
	let cloud: MockProvider;
	beforeAll(async () => {
		cloud = await startMockProvider({ cloudToken: 'tok' });
	});
	afterAll(() => cloud.close());
	const send = (body: unknown, token = 'tok', path = '/cloud/v24.0/106540352242922/messages') =>
		fetch(cloud.url + path, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify(body),
		});

	it("accepts Meta's examples and answers a wamid", async () => {
		expect(validateCloudBody(seed('buttons-image.json'))).toEqual([]);
		expect(validateCloudBody(seed('list.json'))).toEqual([]);
		const answer = (await (await send(seed('list.json'))).json()) as {
			messages: Array<{ id: string }>;
			contacts: Array<{ wa_id: string }>;
		};
		expect(answer.messages[0].id).toMatch(/^wamid\./);
		expect(answer.contacts[0].wa_id).toBe('16505551234');
	});

	it("accepts Meta's CTA URL, location request and Flow examples, and refuses what their pages rule out", () => {
		for (const name of [
			'flow-minimum.json',
			'flow-all.json',
			'carousel-url.json',
			'carousel-quick-reply.json',
			'catalog.json',
			'product.json',
			'product-list.json',
		])
			expect(validateCloudBody(seed(name))).toEqual([]);
		const carousel = seed('carousel-url.json') as any;
		expect(
			validateCloudBody({
				...carousel,
				interactive: {
					...carousel.interactive,
					action: { cards: carousel.interactive.action.cards.slice(0, 1) },
				},
			}),
		).toEqual(['interactive.action.cards must be a list of 2 to 10 cards']);
		const minimum = seed('flow-minimum.json');
		const flowAction = (minimum.interactive as any).action;
		expect(
			validateCloudBody({
				...minimum,
				interactive: {
					...(minimum.interactive as object),
					action: { ...flowAction, parameters: { ...flowAction.parameters, flow_id: '1' } },
				},
			}),
		).toEqual(['interactive.action.parameters needs flow_id or flow_name, not both']);
		const cta = seed('cta-url.json');
		const location = seed('location-request.json');
		expect(validateCloudBody(cta)).toEqual([]);
		expect(validateCloudBody(location)).toEqual([]);
		const interactive = cta.interactive as Record<string, unknown>;
		expect(
			validateCloudBody({
				...cta,
				interactive: {
					...interactive,
					action: { name: 'cta_url', parameters: { display_text: 'x'.repeat(21), url: 'x' } },
				},
			}),
		).toEqual([
			'interactive.action.parameters.display_text must be at most 20 characters (got 21)',
			'interactive.action.parameters.url must be a web address',
		]);
		expect(
			validateCloudBody({
				...location,
				interactive: { ...(location.interactive as object), footer: { text: 'x' } },
			}),
		).toEqual(['interactive.footer is not a parameter of this message']);
	});

	it('refuses a wrong token with Graph error 190, and a bad body with code 100', async () => {
		const refused = await send(seed('list.json'), 'nope');
		expect(refused.status).toBe(401);
		expect(((await refused.json()) as { error: { code: number } }).error.code).toBe(190);
		const bad = { ...seed('list.json'), messaging_product: 'sms' };
		expect(validateCloudBody(bad)).toEqual(['messaging_product must be "whatsapp" (got "sms")']);
		const answer = await send(bad);
		expect(answer.status).toBe(400);
		expect(
			((await answer.json()) as { error: { code: number; message: string } }).error,
		).toMatchObject({ code: 100, message: expect.stringContaining('messaging_product') });
	});

	it('answers the phone number list and /me with the token', async () => {
		const list = await fetch(`${cloud.url}/cloud/v24.0/102290129340398/phone_numbers`, {
			headers: { authorization: 'Bearer tok' },
		});
		expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(1);
		expect(
			(await fetch(`${cloud.url}/cloud/v24.0/me`, { headers: { authorization: 'Bearer wrong' } }))
				.status,
		).toBe(401);
	});
});

// ------------------------------------------------------------------ media and read receipts (media.ts)

describe('media routes and read receipts', () => {
	let media: MockProvider;
	beforeAll(async () => {
		media = await startMockProvider({ cloudToken: 'media-token' });
	});
	afterEach(() => media.reset());
	afterAll(() => media.close());

	const get = (path: string, headers: Record<string, string> = {}) =>
		fetch(`${media.url}${path}`, { headers, redirect: 'manual' });
	const bearer = { authorization: 'Bearer media-token' };

	it('Graph describes a media id with a URL on the mock, and that URL serves the bytes with the token only', async () => {
		const image = MOCK_MEDIA.image;
		expect((await get(`/cloud/v24.0/${image.id}`)).status).toBe(401);
		const described = (await (await get(`/cloud/v24.0/${image.id}`, bearer)).json()) as Record<
			string,
			string
		>;
		expect(described).toMatchObject({
			messaging_product: 'whatsapp',
			mime_type: 'image/jpeg',
			sha256: image.sha256,
			file_size: String(image.bytes.length),
			id: image.id,
		});
		expect(described.url.startsWith(`${media.url}/cloud/media/${image.id}?`)).toBe(true);
		const path = described.url.slice(media.url.length);
		expect((await get(path)).status).toBe(401);
		const file = await get(path, bearer);
		expect(file.headers.get('content-type')).toBe('image/jpeg');
		expect(Buffer.from(await file.arrayBuffer()).equals(image.bytes)).toBe(true);
		expect(media.requests.map((r) => [r.provider, r.path, r.answeredWith])).toEqual([
			['whatsAppCloud', `/cloud/v24.0/${image.id}`, 401],
			['whatsAppCloud', `/cloud/v24.0/${image.id}`, 200],
			['whatsAppCloud', `/cloud/media/${image.id}`, 401],
			['whatsAppCloud', `/cloud/media/${image.id}`, 200],
		]);
	});

	it("expired ids get Graph's 'does not exist' error (100/33), with 404 and 400", async () => {
		for (const [id, status] of [
			[EXPIRED_MEDIA_IDS.notFound, 404],
			[EXPIRED_MEDIA_IDS.badRequest, 400],
		] as const) {
			const answer = await get(`/cloud/v24.0/${id}`, bearer);
			expect(answer.status).toBe(status);
			expect(await answer.json()).toMatchObject({ error: { code: 100, error_subcode: 33 } });
		}
	});

	it('a huge file is stated, an unannounced one comes without Content-Length', async () => {
		const huge = (await (await get(`/cloud/v24.0/${MOCK_MEDIA.huge.id}`, bearer)).json()) as {
			file_size: string;
		};
		expect(Number(huge.file_size)).toBe(200 * 1024 * 1024);
		const unannounced = await get(`/cloud/media/${MOCK_MEDIA.unannounced.id}`, bearer);
		expect(unannounced.headers.get('content-length')).toBeNull();
		expect(Buffer.from(await unannounced.arrayBuffer()).equals(MOCK_MEDIA.unannounced.bytes)).toBe(
			true,
		);
	});

	it('provider and foreign media URLs, a web page and a redirect', async () => {
		const sinch = await get(`/sinch/media/${MOCK_MEDIA.document.name}`, { username: 'u' });
		expect(sinch.headers.get('content-disposition')).toBe('attachment; filename="invoice.pdf"');
		expect(Buffer.from(await sinch.arrayBuffer()).equals(MOCK_MEDIA.document.bytes)).toBe(true);
		expect(media.requests[0].headers.username).toBe('u');
		expect((await get('/files/page.html')).headers.get('content-type')).toMatch(/^text\/html/);
		const redirect = await get('/files/redirect?to=http%3A%2F%2Flocalhost%2Ffiles%2Fx');
		expect([redirect.status, redirect.headers.get('location')]).toEqual([
			302,
			'http://localhost/files/x',
		]);
		expect((await get('/files/nothing.jpg')).status).toBe(404);
	});

	it('a read receipt is recorded and answered { success: true }; a wrong one gets a shape error', async () => {
		const post = (body: unknown) =>
			fetch(`${media.url}/cloud/v24.0/106540352242922/messages`, {
				method: 'POST',
				headers: { ...bearer, 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		const good = {
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: 'wamid.X',
			typing_indicator: { type: 'text' },
		};
		const ok = await post(good);
		expect([ok.status, await ok.json()]).toEqual([200, { success: true }]);
		expect(media.requests[0].body).toEqual(good);
		expect(media.requests[0].shapeErrors).toEqual([]);
		const bad = await post({ ...good, typing_indicator: { type: 'audio' } });
		expect(bad.status).toBe(400);
		expect(media.requests[1].shapeErrors).toEqual(['typing_indicator must be { "type": "text" }']);
	});
});
