/**
 * WhatsApp Cloud API, action side: Meta's documented request examples encoded byte for byte
 * (fields and JSON), every header kind, every limit, the sender, errors and rate limits against
 * the mock provider, the credential test and the From list.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import {
	NodeOperationError,
	type ICredentialTestFunctions,
	type IDataObject,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';
import { build as buildPayload, problems as problemsOf } from '../helpers/buildPayload';
import { startMockProvider, type MockProvider } from '../mock-provider';

const fixture = (name: string) =>
	readFileSync(resolve(__dirname, '../fixtures/whatsAppCloud', name), 'utf8');
const node = new WhatsAppInteractive();
const PHONE_NUMBER_ID = '106540352242922';
const TOKEN = 'test-cloud-token';

let mock: MockProvider;
beforeAll(async () => {
	mock = await startMockProvider({ cloudToken: TOKEN });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const credentials = () => ({
	whatsAppCloudApi: { accessToken: TOKEN, apiVersion: 'v24.0', baseUrl: `${mock.url}/cloud` },
});

async function run(params: IDataObject, extra: { items?: number; continueOnFail?: boolean } = {}) {
	const ctx = executeContext({
		params: { provider: 'whatsAppCloud', ...params },
		credentials: credentials(),
		...extra,
	});
	const [items] = await node.execute.call(ctx);
	return { items, calls: ctx.calls };
}

/** Build Payload without a credential: the URL is Meta's default. */
const build = (params: IDataObject) => buildPayload({ provider: 'whatsAppCloud', ...params });
const problems = (params: IDataObject) => problemsOf({ provider: 'whatsAppCloud', ...params });

const buttonsFields = {
	to: '+1 650 555 1234',
	from: PHONE_NUMBER_ID,
	defineMessage: 'fields',
	messageType: 'buttons',
	headerType: 'image',
	headerMediaUrl: 'https://www.luckyshrub.com/media/workshop-banner.png',
	bodyText:
		'Hi Pablo! Your gardening workshop is scheduled for 9am tomorrow. Use the buttons if you need to reschedule. Thank you!',
	footerText: 'Lucky Shrub: Your gateway to succulents!™',
	buttons: {
		button: [
			{ id: 'change-button', title: 'Change' },
			{ id: 'cancel-button', title: 'Cancel' },
		],
	},
};

const shipping = [
	['I want it ASAP!', 'priority_express', 'Priority Mail Express', 'Next Day to 2 Days'],
	['I want it ASAP!', 'priority_mail', 'Priority Mail', '1–3 Days'],
	['I can wait a bit', 'usps_ground_advantage', 'USPS Ground Advantage', '2–5 Days'],
	['I can wait a bit', 'media_mail', 'Media Mail', '2–8 Days'],
];

const listFields = {
	to: '+16505551234',
	from: PHONE_NUMBER_ID,
	defineMessage: 'fields',
	messageType: 'list',
	headerType: 'text',
	headerText: 'Choose Shipping Option',
	bodyText: 'Which shipping option do you prefer?',
	footerText: 'Lucky Shrub: Your gateway to succulents™',
	listButtonText: 'Shipping Options',
	rows: {
		row: shipping.map(([section, id, title, description]) => ({ section, id, title, description })),
	},
};

describe("WhatsApp Cloud API: Meta's examples, byte for byte", () => {
	it('reply buttons with an image header (fields)', async () => {
		const json = await build(buttonsFields);
		expect(json.url).toBe(`https://graph.facebook.com/v24.0/${PHONE_NUMBER_ID}/messages`);
		expect(JSON.stringify(json.body, null, 2)).toBe(fixture('buttons-image.json').trim());
	});

	it('reply buttons with an image header (JSON)', async () => {
		const json = await build({
			to: '+16505551234',
			from: PHONE_NUMBER_ID,
			defineMessage: 'json',
			messageJson: JSON.stringify({
				type: 'buttons',
				header: { type: 'image', url: buttonsFields.headerMediaUrl },
				body: buttonsFields.bodyText,
				footer: buttonsFields.footerText,
				buttons: buttonsFields.buttons.button,
			}),
		});
		expect(JSON.stringify(json.body, null, 2)).toBe(fixture('buttons-image.json').trim());
	});

	it('a list with two sections (fields)', async () => {
		const json = await build(listFields);
		expect(JSON.stringify(json.body, null, 2)).toBe(fixture('list.json').trim());
	});

	it('a list with two sections (JSON)', async () => {
		const json = await build({
			to: '+16505551234',
			from: PHONE_NUMBER_ID,
			defineMessage: 'json',
			messageJson: {
				type: 'list',
				header: { type: 'text', text: 'Choose Shipping Option' },
				body: 'Which shipping option do you prefer?',
				footer: 'Lucky Shrub: Your gateway to succulents™',
				list: {
					button: 'Shipping Options',
					sections: ['I want it ASAP!', 'I can wait a bit'].map((title) => ({
						title,
						rows: shipping
							.filter((r) => r[0] === title)
							.map(([, id, t, description]) => ({ id, title: t, description })),
					})),
				},
			},
		});
		expect(JSON.stringify(json.body, null, 2)).toBe(fixture('list.json').trim());
	});

	it.each([
		['text', { headerText: 'Workshop' }, { type: 'text', text: 'Workshop' }],
		[
			'image',
			{ headerMediaUrl: 'https://example.com/a.png' },
			{ type: 'image', image: { link: 'https://example.com/a.png' } },
		],
		[
			'video',
			{ headerMediaUrl: 'https://example.com/a.mp4' },
			{ type: 'video', video: { link: 'https://example.com/a.mp4' } },
		],
		[
			'document',
			{ headerMediaUrl: 'https://example.com/a.pdf' },
			{ type: 'document', document: { link: 'https://example.com/a.pdf' } },
		],
	])(
		'every header kind Cloud API allows on reply buttons: %s',
		async (headerType, fields, header) => {
			const json = await build({ ...buttonsFields, headerType, ...fields });
			expect((json.body as IDataObject).interactive).toMatchObject({ type: 'button', header });
		},
	);

	it('no header at all', async () => {
		const json = await build({ ...buttonsFields, headerType: 'none' });
		expect((json.body as IDataObject).interactive).not.toHaveProperty('header');
	});

	it('options: correlation ID as biz_opaque_callback_data, reply-to as context', async () => {
		const json = await build({
			...buttonsFields,
			options: { correlationId: 'order-2211', replyToMessageId: 'wamid.ABC' },
		});
		expect(json.body).toMatchObject({
			biz_opaque_callback_data: 'order-2211',
			context: { message_id: 'wamid.ABC' },
		});
	});
});

describe('WhatsApp Cloud API: limits', () => {
	const long = (n: number) => 'x'.repeat(n);
	it.each([
		[
			'a 21-character button title',
			{ buttons: { button: [{ id: 'a', title: long(21) }] } },
			'Button 1 title',
		],
		[
			'a 257-character button ID',
			{ buttons: { button: [{ id: long(257), title: 'A' }] } },
			'Button 1 ID',
		],
		[
			'four buttons',
			{ buttons: { button: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id })) } },
			'the limit is 3',
		],
		['no button', { buttons: { button: [] } }, 'Buttons'],
		[
			'duplicate button IDs',
			{
				buttons: {
					button: [
						{ id: 'a', title: 'A' },
						{ id: 'a', title: 'B' },
					],
				},
			},
			'must be unique',
		],
		['a 1025-character body', { bodyText: long(1025) }, 'Body'],
		['a 61-character footer', { footerText: long(61) }, 'Footer'],
		['a 61-character header text', { headerType: 'text', headerText: long(61) }, 'Header text'],
		[
			'a location header',
			{ headerType: 'location', headerLatitude: '1', headerLongitude: '2' },
			'does not support a location header',
		],
		[
			'a media URL that is not http(s)',
			{ headerMediaUrl: 'ftp://example.com/a.png' },
			'not an http:// or https:// link',
		],
	])('reply buttons: %s is refused', async (_name, fields, expected) => {
		expect(await problems({ ...buttonsFields, ...fields })).toContain(expected);
	});

	const row = (k: number, extra: IDataObject = {}) => ({
		section: 'S',
		id: `r${k}`,
		title: `Row ${k}`,
		...extra,
	});
	it.each([
		[
			'eleven rows',
			{ rows: { row: Array.from({ length: 11 }, (_, k) => row(k)) } },
			'the limit is 10',
		],
		['a 25-character row title', { rows: { row: [row(1, { title: long(25) })] } }, 'Row 1 title'],
		['a 201-character row ID', { rows: { row: [row(1, { id: long(201) })] } }, 'Row 1 ID'],
		[
			'a 73-character row description',
			{ rows: { row: [row(1, { description: long(73) })] } },
			'Row 1 description',
		],
		[
			'a 25-character section title',
			{ rows: { row: [row(1, { section: long(25) })] } },
			'Section 1 title',
		],
		[
			'a row without a section title',
			{ rows: { row: [row(1, { section: '' })] } },
			'Section 1 title is empty',
		],
		['a 21-character list button label', { listButtonText: long(21) }, 'List button label'],
		[
			'an image header',
			{ headerType: 'image', headerMediaUrl: 'https://example.com/a.png' },
			'does not support an image header on a list message',
		],
	])('lists: %s is refused', async (_name, fields, expected) => {
		expect(await problems({ ...listFields, ...fields })).toContain(expected);
	});

	it('the largest message allowed passes: 3 buttons of 20, body 1024, footer 60, header 60, IDs 256', async () => {
		const json = await build({
			...buttonsFields,
			headerType: 'text',
			headerText: long(60),
			bodyText: long(1024),
			footerText: long(60),
			buttons: { button: ['a', 'b', 'c'].map((c) => ({ id: c.repeat(256), title: c.repeat(20) })) },
		});
		expect(((json.body as IDataObject).interactive as IDataObject).type).toBe('button');
	});

	it('a list body of 4096 characters passes (Meta\'s "Interactive list messages" page), in fields and JSON mode', async () => {
		const fields = await build({ ...listFields, bodyText: long(4096) });
		expect(
			(((fields.body as IDataObject).interactive as IDataObject).body as IDataObject).text,
		).toBe(long(4096));
		const message = {
			type: 'list',
			body: long(4096),
			list: { button: 'Open', sections: [{ title: 'S', rows: [{ id: 'a', title: 'A' }] }] },
		};
		const json = await build({
			to: listFields.to,
			from: PHONE_NUMBER_ID,
			defineMessage: 'json',
			messageJson: JSON.stringify(message),
		});
		expect((((json.body as IDataObject).interactive as IDataObject).body as IDataObject).text).toBe(
			long(4096),
		);
	});

	it('a reply-button body stays at 1024 on the Cloud API too: 1025 is refused with the limit named', async () => {
		expect(await problems({ ...buttonsFields, bodyText: long(1025) })).toContain(
			'is 1025 characters; the limit is 1024',
		);
	});

	it('a 4097-character list body is refused with the limit named', async () => {
		expect(await problems({ ...listFields, bodyText: long(4097) })).toContain(
			'is 4097 characters; the limit is 4096',
		);
	});

	it('the largest list allowed passes: 10 rows of 24 with 72-character descriptions and 200-character IDs', async () => {
		const rows = Array.from({ length: 10 }, (_, k) => ({
			section: `Section ${k % 2}`,
			id: `${k}`.padEnd(200, 'i'),
			title: long(23) + k,
			description: long(72),
		}));
		const json = await build({ ...listFields, rows: { row: rows } });
		expect(((json.body as IDataObject).interactive as IDataObject).type).toBe('list');
	});

	it.each([
		['empty', '', 'Sender (From) is empty'],
		['a phone number with "+"', '+1 555 078 3881', 'is not a phone number ID'],
	])('the sender (phone number ID) %s is refused', async (_name, from, expected) => {
		expect(await problems({ ...buttonsFields, from })).toContain(expected);
	});

	it('a correlation ID over 512 characters is refused', async () => {
		expect(await problems({ ...buttonsFields, options: { correlationId: long(513) } })).toContain(
			'the limit is 512',
		);
	});
});

describe('WhatsApp Cloud API: sending against the mock', () => {
	it('sends with the Bearer token to /{version}/{phone-number-id}/messages and outputs the wamid', async () => {
		const { items, calls } = await run({ operation: 'send', ...buttonsFields });
		expect(calls[0].url).toBe(`${mock.url}/cloud/v24.0/${PHONE_NUMBER_ID}/messages`);
		expect(mock.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(mock.requests[0].shapeErrors).toEqual([]);
		expect(items[0].json).toMatchObject({
			provider: 'whatsAppCloud',
			status: 'accepted',
			to: '+16505551234',
		});
		expect(String(items[0].json.messageId)).toMatch(/^wamid\./);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it("a list with a 4096-character body is sent, and the mock (Meta's list page) finds nothing wrong with it", async () => {
		const { items } = await run({ operation: 'send', ...listFields, bodyText: 'y'.repeat(4096) });
		expect(items[0].json.status).toBe('accepted');
		expect(mock.requests[0].shapeErrors).toEqual([]);
		expect((mock.requests[0].body as any).interactive.body.text).toHaveLength(4096);
	});

	it("reads Meta's answer: messages[0].id is the message ID", async () => {
		mock.enqueueFor('whatsAppCloud', {
			status: 200,
			body: JSON.parse(fixture('send-response.json')),
		});
		const { items } = await run({ operation: 'send', ...buttonsFields });
		expect(items[0].json.messageId).toBe(
			'wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA',
		);
	});

	it("an error object becomes a NodeApiError with Meta's message, code, subcode and trace ID", async () => {
		mock.enqueueFor('whatsAppCloud', {
			status: 400,
			body: {
				error: {
					message: '(#131009) Parameter value is not valid',
					type: 'OAuthException',
					code: 131009,
					error_subcode: 2494010,
					error_data: { details: 'Button title length invalid' },
					fbtrace_id: 'AbCdEf',
				},
			},
		});
		await expect(run({ operation: 'send', ...buttonsFields })).rejects.toMatchObject({
			message:
				'WhatsApp Cloud API answered HTTP 400: (#131009) Parameter value is not valid: Button title length invalid (code 131009, subcode 2494010, fbtrace_id AbCdEf)',
			httpCode: '400',
		});
	});

	it.each([4, 613, 80007, 130429, 131056])(
		'error code %s (HTTP 400) is a rate limit: retried, then sent',
		async (code) => {
			const body = JSON.parse(fixture('error-rate-limit.json')) as { error: IDataObject };
			body.error.code = code;
			mock.enqueueFor('whatsAppCloud', { status: 400, headers: { 'Retry-After': '0' }, body });
			const { items } = await run({
				operation: 'send',
				...buttonsFields,
				options: { maxRetries: 2 },
			});
			expect(mock.requests).toHaveLength(2);
			expect(items[0].json.status).toBe('accepted');
		},
	);

	it('another 400 is not retried, and Continue On Fail gives an error item', async () => {
		mock.enqueueFor('whatsAppCloud', {
			status: 400,
			body: { error: { message: '(#100) Invalid parameter', code: 100 } },
		});
		const { items } = await run(
			{ operation: 'send', ...buttonsFields, options: { maxRetries: 2 } },
			{ continueOnFail: true },
		);
		expect(mock.requests).toHaveLength(1);
		expect(items[0].json.error).toContain('(#100) Invalid parameter (code 100)');
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it("a rate limit that lasts says so in the error's advice", async () => {
		const body = JSON.parse(fixture('error-rate-limit.json')) as IDataObject;
		mock.enqueueFor(
			'whatsAppCloud',
			{ status: 400, headers: { 'Retry-After': '0' }, body },
			{ status: 400, headers: { 'Retry-After': '0' }, body },
		);
		await expect(
			run({ operation: 'send', ...buttonsFields, options: { maxRetries: 1 } }),
		).rejects.toMatchObject({
			description: expect.stringContaining('is limiting requests'),
		});
	});
});

describe('WhatsApp Cloud API: credential test and From list', () => {
	const test = node.methods.credentialTest.whatsAppCloudApiTest;
	const fns = {
		helpers: {
			request: async (options: IDataObject) => {
				const response = await fetch(String(options.uri), {
					method: String(options.method),
					headers: options.headers as Record<string, string>,
				});
				return { statusCode: response.status, body: await response.json().catch(() => undefined) };
			},
		},
	} as unknown as ICredentialTestFunctions;
	const credential = (data: IDataObject) => ({
		id: '1',
		name: 'c',
		type: 'whatsAppCloudApi',
		data: { apiVersion: 'v24.0', baseUrl: `${mock.url}/cloud`, ...data },
	});

	it("accepts a good token with a harmless GET of the account's phone numbers", async () => {
		const result = await test.call(
			fns,
			credential({ accessToken: TOKEN, businessAccountId: '102290129340398' }) as never,
		);
		expect(result).toEqual({
			status: 'OK',
			message: 'WhatsApp Cloud API accepted the credentials',
		});
		expect(mock.requests[0]).toMatchObject({
			method: 'GET',
			path: '/cloud/v24.0/102290129340398/phone_numbers',
		});
	});

	it('without an account ID, reads /me', async () => {
		const result = await test.call(fns, credential({ accessToken: TOKEN }) as never);
		expect(result.status).toBe('OK');
		expect(mock.requests[0].path).toBe('/cloud/v24.0/me');
	});

	it('refuses a bad token, saying what to do', async () => {
		const result = await test.call(fns, credential({ accessToken: 'wrong' }) as never);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Meta refused the access token');
	});

	it("lists the account's numbers for From", async () => {
		const ctx = {
			getNode: () => ({ credentials: { whatsAppCloudApi: { id: '1', name: 'Cloud' } } }),
			getCurrentNodeParameter: (name: string) =>
				name === 'provider' ? 'whatsAppCloud' : undefined,
			getCredentials: async () =>
				credential({ accessToken: TOKEN, businessAccountId: '102290129340398' }).data,
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IDataObject) => {
					// The node's own auth header (the credential has no `authenticate`).
					const response = await fetch(String(options.url), {
						headers: options.headers as Record<string, string>,
					});
					return await response.json();
				},
			},
		} as unknown as ILoadOptionsFunctions;
		const options = await node.methods.loadOptions.whatsAppCloudPhoneNumbers.call(ctx);
		expect(options).toEqual([
			{
				name: 'Lucky Shrub (+1 555-078-3881)',
				value: PHONE_NUMBER_ID,
				description: `Phone number ID ${PHONE_NUMBER_ID}`,
			},
		]);
	});

	it('for another provider (the editor reloads the list after a switch away), lists nothing and reports nothing', async () => {
		const ctx = {
			getNode: () => ({ credentials: { whatsAppCloudApi: { id: '1', name: 'Cloud' } } }),
			getCurrentNodeParameter: (name: string) => (name === 'provider' ? 'messangi' : undefined),
			getCredentials: async () => {
				throw new Error('Credentials not found');
			},
			helpers: { httpRequestWithAuthentication: async () => ({ data: [] }) },
		} as unknown as ILoadOptionsFunctions;
		await expect(node.methods.loadOptions.whatsAppCloudPhoneNumbers.call(ctx)).resolves.toEqual([]);
	});

	it('without a credential chosen (Build Payload, or a provider just switched to), From says why its list is empty and what to do', async () => {
		const ctx = {
			getNode: () => ({ credentials: { messangiApi: { id: '1', name: 'Messangi' } } }),
			getCurrentNodeParameter: (name: string) =>
				name === 'provider' ? 'whatsAppCloud' : undefined,
			getCredentials: async () => {
				throw new Error('Node does not require credentials');
			},
			helpers: { httpRequestWithAuthentication: async () => ({ data: [] }) },
		} as unknown as ILoadOptionsFunctions;
		const error = await node.methods.loadOptions.whatsAppCloudPhoneNumbers
			.call(ctx)
			.catch((e) => e);
		expect(error.message).toBe(
			'Choose a WhatsApp Cloud API credential above to list its phone numbers. Without one (Build Payload), give the phone number ID with an expression.',
		);
		// A node error: n8n logs it as one line (a plain Error is logged with its stack trace) and the
		// editor shows its message on the field's issue marker.
		expect(error).toBeInstanceOf(NodeOperationError);
	});
});
