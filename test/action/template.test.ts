/**
 * Templates (WhatsApp Cloud API): Meta's example template objects encoded byte for byte, every
 * limit, the checks against a template's definition (all problems at once), the template list read
 * into the editor's options, Send Template against the mock provider (which checks a send as Meta
 * does), the 24-hour window's error, and the editor's fields per provider.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import {
	NodeHelpers,
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeParameters,
} from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { encodeWhatsAppCloudTemplate } from '../../nodes/shared/dialects/whatsAppCloud/encode';
import { decodeWhatsAppCloudCallback } from '../../nodes/shared/dialects/whatsAppCloud/decode';
import {
	checkTemplate,
	readComponents,
	readTemplateDefinition,
	templateComponents,
} from '../../nodes/shared/dialects/whatsapp/template';
import type { TemplateDefinition, TemplateFill } from '../../nodes/shared/model/template';
import { executeContext } from '../helpers/executeContext';
import { MOCK_TEMPLATES, startMockProvider, type MockProvider } from '../mock-provider';

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

const credentials = (extra: IDataObject = { businessAccountId: '102290129340398' }) => ({
	whatsAppCloudApi: {
		accessToken: TOKEN,
		apiVersion: 'v24.0',
		baseUrl: `${mock.url}/cloud`,
		...extra,
	},
});

const reminder = {
	to: '+1 650 555 1234',
	from: PHONE_NUMBER_ID,
	template: 'appointment_reminder|en_US',
	templateHeaderType: 'text',
	templateHeaderText: 'Ana',
	templateBody: { variable: [{ value: 'Friday' }, { value: '3:00 PM' }] },
};

async function run(
	params: IDataObject,
	extra: {
		items?: number;
		continueOnFail?: boolean;
		credentials?: ReturnType<typeof credentials> | {};
	} = {},
) {
	const ctx = executeContext({
		params: { provider: 'whatsAppCloud', operation: 'sendTemplate', ...params },
		credentials: extra.credentials ?? credentials(),
		...extra,
	});
	const [items] = await node.execute.call(ctx);
	return { items, calls: ctx.calls };
}

async function problems(params: IDataObject, withCredential = true): Promise<string> {
	try {
		await run(
			{ operation: 'buildPayload', sendAs: 'template', ...params },
			withCredential ? {} : { credentials: {} },
		);
	} catch (error) {
		const e = error as Error & { description?: string };
		return `${e.message}\n${e.description ?? ''}`;
	}
	throw new Error('the template was accepted');
}

describe("Meta's template examples, byte for byte", () => {
	const example = JSON.parse(fixture('template-interactive.json'));

	it('components written as JSON are read for the checks and sent exactly as written', () => {
		const issues: { path: string; message: string }[] = [];
		const fill = readComponents(issues, example.components, 'reminder', 'en_US');
		expect(issues).toEqual([]);
		expect(fill.header).toEqual({ kind: 'image', link: 'http(s)://URL' });
		expect(fill.body.map((value) => value.kind)).toEqual(['text', 'other', 'other']);
		expect(fill.buttons).toEqual([
			{ index: '0', subType: 'quick_reply', value: 'PAYLOAD' },
			{ index: '1', subType: 'quick_reply', value: 'PAYLOAD' },
		]);
		const encoded = encodeWhatsAppCloudTemplate(example, {
			to: '+16505551234',
			from: PHONE_NUMBER_ID,
			options: {},
		});
		expect(JSON.stringify(encoded.request?.body.template)).toBe(JSON.stringify(example));
		expect(encoded.request?.body).toMatchObject({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+16505551234',
			type: 'template',
		});
		expect(encoded.request?.path).toBe(`/${PHONE_NUMBER_ID}/messages`);
	});

	it('the fields build the same header, text and quick-reply components', () => {
		const fill: TemplateFill = {
			name: 'x',
			language: 'en_US',
			header: { kind: 'image', link: 'http(s)://URL' },
			body: [{ kind: 'text', text: 'TEXT_STRING' }],
			buttons: [
				{ index: 0, subType: 'quick_reply', value: 'PAYLOAD' },
				{ index: 1, subType: 'quick_reply', value: 'PAYLOAD' },
			],
		};
		const built = templateComponents(fill);
		const expected = [
			example.components[0],
			{ type: 'body', parameters: [example.components[1].parameters[0]] },
			example.components[2],
			example.components[3],
		];
		expect(JSON.stringify(built)).toBe(JSON.stringify(expected));
	});

	it('Send Template through the node: the request Meta documents, and the wamid back', async () => {
		const { items, calls } = await run(reminder);
		expect(calls.map((c) => c.url)).toEqual([
			`${mock.url}/cloud/v24.0/102290129340398/message_templates?fields=name,language,status,category,parameter_format,components&name=appointment_reminder&limit=250`,
			`${mock.url}/cloud/v24.0/${PHONE_NUMBER_ID}/messages`,
		]);
		expect(calls[1].body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+16505551234',
			type: 'template',
			template: {
				name: 'appointment_reminder',
				language: { code: 'en_US' },
				components: [
					{ type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Friday' },
							{ type: 'text', text: '3:00 PM' },
						],
					},
				],
			},
		});
		expect(items[0].json).toMatchObject({
			provider: 'whatsAppCloud',
			status: 'accepted',
			to: '+16505551234',
		});
		expect(String(items[0].json.messageId)).toMatch(/^wamid\./);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('limits and the template definition: every problem at once', () => {
	const definition = readTemplateDefinition(MOCK_TEMPLATES[0]) as TemplateDefinition;
	const fill = (over: Partial<TemplateFill>): TemplateFill => ({
		name: 'appointment_reminder',
		language: 'en_US',
		header: { kind: 'text', text: 'Ana' },
		body: [
			{ kind: 'text', text: 'Friday' },
			{ kind: 'text', text: '3 PM' },
		],
		buttons: [],
		...over,
	});
	const messages = (f: TemplateFill, d: TemplateDefinition = definition) =>
		checkTemplate(f, d).map((issue) => issue.message);
	/** Without a definition: Meta's limits only. */
	const unchecked = (f: TemplateFill) => checkTemplate(f, undefined).map((issue) => issue.message);

	it('a valid send has no problems', () => {
		expect(messages(fill({}))).toEqual([]);
	});

	it('name and language', () => {
		expect(unchecked(fill({ name: '' }))[0]).toMatch(
			/^Template is empty; choose an approved template/,
		);
		expect(unchecked(fill({ name: 'Appointment Reminder' }))[0]).toMatch(
			/not a template name; Meta's are lowercase letters, digits and underscores, up to 512/,
		);
		expect(unchecked(fill({ name: 'a'.repeat(513) }))[0]).toMatch(/up to 512 characters/);
		expect(unchecked(fill({ name: 'a'.repeat(512) }))).toEqual([]);
		expect(unchecked(fill({ language: undefined }))[0]).toMatch(
			/has no language; give name\|language \(e\.g\. appointment_reminder\|en_US\)/,
		);
		expect(unchecked(fill({ language: 'english' }))[0]).toMatch(/"english" is not a language code/);
	});

	it('header text up to 60 characters, body text up to 1024 (32768 when the body is alone), on one line', () => {
		expect(messages(fill({ header: { kind: 'text', text: 'x'.repeat(61) } }))).toEqual([
			expect.stringMatching(/^Header variable "x+…" is 61 characters; the limit is 60$/),
		]);
		expect(messages(fill({ header: { kind: 'text', text: 'x'.repeat(60) } }))).toEqual([]);
		const long = fill({
			body: [
				{ kind: 'text', text: 'x'.repeat(1025) },
				{ kind: 'text', text: 'ok' },
			],
		});
		expect(messages(long)).toEqual([
			expect.stringMatching(/^Body variable 1 "x+.*" is 1025 characters; the limit is 1024$/),
		]);
		const alone: TemplateFill = {
			name: 'solo',
			language: 'en',
			header: null,
			body: [{ kind: 'text', text: 'x'.repeat(32768) }],
			buttons: [],
		};
		expect(unchecked(alone)).toEqual([]);
		expect(unchecked({ ...alone, body: [{ kind: 'text', text: 'x'.repeat(32769) }] })[0]).toMatch(
			/is 32769 characters; the limit is 32768$/,
		);
		expect(
			messages(
				fill({
					body: [
						{ kind: 'text', text: 'line\nbreak' },
						{ kind: 'text', text: 'a\tb' },
					],
				}),
			),
		).toEqual([
			expect.stringMatching(
				/^Body variable 1 .* has a line break or a tab; template variables must be one line/,
			),
			expect.stringMatching(/^Body variable 2 .* has a line break or a tab/),
		]);
		expect(
			messages(
				fill({
					body: [
						{ kind: 'text', text: 'five     spaces' },
						{ kind: 'text', text: 'four    ok' },
					],
				}),
			),
		).toEqual([expect.stringMatching(/more than four spaces in a row/)]);
		expect(
			messages(
				fill({
					body: [
						{ kind: 'text', text: '' },
						{ kind: 'text', text: '   ' },
					],
				}),
			),
		).toEqual([
			'Body variable 1 is empty; it needs 1–1024 characters',
			'Body variable 2 is only spaces; write some text (1–1024 characters)',
		]);
	});

	it('buttons: index 0 to 9, one parameter each, payload up to 256 characters', () => {
		const f = fill({
			buttons: [
				{ index: 10, subType: 'quick_reply', value: 'x' },
				{ index: 0, subType: 'quick_reply', value: 'p'.repeat(257) },
				{ index: 0, subType: 'quick_reply', value: 'again' },
				{ index: 1, subType: 'flow', value: 'x' },
			],
		});
		expect(unchecked(f)).toEqual([
			expect.stringMatching(
				/^Button parameter 1 has index "10"; the index is the button's position in the template, 0 to 9$/,
			),
			expect.stringMatching(
				/^Quick-reply payload of button 1 \(index 0\) "p+…" is 257 characters; the limit is 256$/,
			),
			'Button parameter 3 is the second for button 1 (index 0); give each button at most one',
			expect.stringMatching(/^Button parameter 4 has sub_type "flow"/),
		]);
		expect(
			messages(fill({ buttons: [{ index: 1, subType: 'quick_reply', value: 'p'.repeat(256) }] })),
		).toEqual([]);
	});

	it('against the definition: status, header, variable count, buttons — all listed', () => {
		const pending = readTemplateDefinition(
			MOCK_TEMPLATES.find((t) => t.status === 'PENDING'),
		) as TemplateDefinition;
		expect(
			messages(
				{ ...fill({}), name: 'spring_sale', header: null, body: [{ kind: 'text', text: 'soon' }] },
				pending,
			),
		).toEqual([
			'Template "spring_sale" (en_US) is pending in your WhatsApp Business Account; only approved templates can be sent (WhatsApp Manager → Message templates)',
		]);
		expect(
			messages(
				fill({
					header: null,
					body: [{ kind: 'text', text: 'Friday' }],
					buttons: [{ index: 2, subType: 'quick_reply', value: 'x' }],
				}),
			),
		).toEqual([
			'Template "appointment_reminder" (en_US) has a variable in its header ("Reminder for {{1}}"); set Header to Text and give its value',
			'Template "appointment_reminder" (en_US) has 2 body variables ({{1}}, {{2}}); 1 is given. Give one value per variable, in order',
			'Template "appointment_reminder" (en_US) has no button 3 (index 2); its buttons are button 1 (index 0) "Confirm", button 2 (index 1) "Reschedule"',
		]);
		const order = readTemplateDefinition(
			MOCK_TEMPLATES.find((t) => t.name === 'order_update'),
		) as TemplateDefinition;
		expect(order.parameterFormat).toBe('NAMED');
		expect(
			messages(
				{
					name: 'order_update',
					language: 'en_US',
					header: { kind: 'text', text: 'x' },
					body: [
						{ kind: 'text', text: 'Ana', name: 'first_name' },
						{ kind: 'text', text: '?', name: 'colour' },
					],
					buttons: [{ index: 0, subType: 'quick_reply', value: 'x' }],
				},
				order,
			),
		).toEqual([
			'Template "order_update" (en_US) has an image header, not a text; set Header to Image',
			'Template "order_update" (en_US) needs body variable {{order_id}}; add it under Body Variables with its name',
			'Template "order_update" (en_US) has no body variable named {{colour}}; its variables are {{first_name}}, {{order_id}}',
			'Button 1 (index 0) of Template "order_update" (en_US) ("Track it") is a url button, not a quick reply; only quick replies take a payload',
			'Button 1 (index 0) of Template "order_update" (en_US) ("Track it") has a variable in its URL; add a Button Parameter for it (Button Index 0, type URL Variable)',
		]);
		expect(
			messages(
				{ name: 'order_update', language: 'en_US', header: null, body: [], buttons: [] },
				order,
			)[0],
		).toBe(
			'Template "order_update" (en_US) has an image header; set Header to Image and give the link of the image to send',
		);
		// Values without a Name for a named template: one line that says so (it used to add a
		// "needs …" line and a "has no body variable named (no name), (no name)" line).
		expect(
			messages(
				{
					name: 'order_update',
					language: 'en_US',
					header: { kind: 'image', link: 'https://example.com/a.jpg' },
					body: [
						{ kind: 'text', text: 'Ana' },
						{ kind: 'text', text: '42' },
					],
					buttons: [{ index: 0, subType: 'url', value: '42' }],
				},
				order,
			),
		).toEqual([
			'Template "order_update" (en_US) has named body variables ({{first_name}}, {{order_id}}); 2 values under Body Variables have no Name. Give each value the name of its variable, e.g. first_name',
		]);
		const hello = readTemplateDefinition(
			MOCK_TEMPLATES.find((t) => t.name === 'hello_world'),
		) as TemplateDefinition;
		expect(
			messages(
				{
					name: 'hello_world',
					language: 'en_US',
					header: { kind: 'text', text: 'x' },
					body: [],
					buttons: [],
				},
				hello,
			),
		).toEqual(['Template "hello_world" (en_US) has a fixed header; set Header to None']);
	});

	it('in the node: one error for the item with every problem, and the account asked once', async () => {
		const text = await problems({
			...reminder,
			templateHeaderText: 'x'.repeat(61),
			templateBody: { variable: [{ value: 'a\nb' }] },
		});
		expect(text).toMatch(/^The message has 3 problems \[item 0\]/);
		expect(text).toContain('• Header variable');
		expect(text).toContain('• Body variable 1 "a\\nb" has a line break');
		expect(text).toContain('has 2 body variables ({{1}}, {{2}}); 1 is given');
		expect(mock.requests.filter((r) => r.path.endsWith('/message_templates'))).toHaveLength(1);
	});

	it('a template the account does not have: refused before sending, as Meta would (132001)', async () => {
		const text = await problems({ ...reminder, template: 'appointment_reminder|fr_FR' });
		expect(text).toMatch(
			/^Your WhatsApp Business Account has no template "appointment_reminder" in language fr_FR; choose one from the list/,
		);
	});

	it('without a credential (Build Payload) only the limits are checked, and the output says so', async () => {
		const ctx = executeContext({
			params: {
				provider: 'whatsAppCloud',
				operation: 'buildPayload',
				sendAs: 'template',
				...reminder,
				templateBody: { variable: [{ value: 'only one' }] },
			},
		});
		const [items] = await node.execute.call(ctx);
		expect(items[0].json).toMatchObject({
			provider: 'whatsAppCloud',
			url: `https://graph.facebook.com/v24.0/${PHONE_NUMBER_ID}/messages`,
		});
		expect(items[0].json.warning).toMatch(
			/^Not checked against the template: no credential is chosen/,
		);
		expect((items[0].json.body as IDataObject).type).toBe('template');
	});

	it('Meta still refuses what could not be checked: its own message comes through', async () => {
		const { items } = await run(
			{ ...reminder, templateBody: { variable: [{ value: 'only one' }] } },
			{ credentials: credentials({ businessAccountId: '' }), continueOnFail: true },
		);
		expect(items[0].json.error).toBe(
			'WhatsApp Cloud API answered HTTP 400: (#132000) Number of parameters does not match the expected number of params: body: number of localizable_params (1) does not match the expected number of params (2) (code 132000, fbtrace_id mock-trace)',
		);
	});

	it('Continue On Fail: every item yields an output or an error item, in order', async () => {
		const ctx = executeContext({
			params: (i) => ({
				provider: 'whatsAppCloud',
				operation: 'sendTemplate',
				...reminder,
				...(i === 1 ? { templateBody: { variable: [] } } : {}),
			}),
			items: 3,
			credentials: credentials(),
			continueOnFail: true,
		});
		const [items] = await node.execute.call(ctx);
		expect(items.map((item) => (item.json.error ? 'error' : item.json.status))).toEqual([
			'accepted',
			'error',
			'accepted',
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(String(items[1].json.error)).toMatch(
			/has 2 body variables .* 0 are given.* \[item 1\]$/,
		);
	});

	it("Using JSON: Meta's components, checked against the definition", async () => {
		const text = await problems({
			...reminder,
			templateVariables: 'json',
			templateComponents: '[{"type": "body", "parameters": [{"type": "text", "text": "Friday"}]}]',
		});
		expect(text).toContain('has a variable in its header');
		expect(text).toContain('has 2 body variables ({{1}}, {{2}}); 1 is given');
		expect(
			await problems({
				...reminder,
				templateVariables: 'json',
				templateComponents: '{"type": "body"}',
			}),
		).toMatch(/Components \(JSON\) must be a list/);
		expect(
			await problems({
				...reminder,
				templateVariables: 'json',
				templateComponents: '[{"type": "body", ',
			}),
		).toMatch(/Components \(JSON\) is not valid JSON/);
	});
});

describe("Using the Template's Fields (the resource mapper)", () => {
	const mapped = {
		to: reminder.to,
		from: reminder.from,
		template: reminder.template,
		templateVariables: 'template',
		templateFields: {
			mappingMode: 'defineBelow',
			value: {
				templateText: 'Reminder for {{1}} …',
				header_text: 'Ana',
				body_1: 'Friday',
				body_2: '3:00 PM',
			},
		},
	};
	const sent = (calls: Array<{ method: string; body: unknown }>) =>
		calls.filter((c) => c.method === 'POST').map((c) => c.body);

	it('sends the request the field-by-field way sends, checked against the definition', async () => {
		const byFields = await run(reminder);
		const byMapper = await run(mapped);
		expect(byMapper.items[0].json.status).toBe('accepted');
		expect(sent(byMapper.calls)).toEqual(sent(byFields.calls));
		expect(sent(byMapper.calls)).toHaveLength(1);
	});

	it('a value left out is named, as for the fields', async () => {
		const text = await problems({
			...mapped,
			templateFields: { value: { header_text: 'Ana', body_2: '3:00 PM' } },
		});
		expect(text).toContain('Body variable 1');
	});

	it("the node's resource-mapping method: the chosen template's fields, none before one is chosen, the reason without a credential", async () => {
		const context = (
			template: string | undefined,
			withCredential = true,
			operation = 'sendTemplate',
		) =>
			({
				getCurrentNodeParameter: (name: string) =>
					({ provider: 'whatsAppCloud', template, operation })[name],
				getNode: () => ({
					credentials: withCredential ? { whatsAppCloudApi: { id: '1', name: 'Cloud' } } : {},
				}),
				getCredentials: async () => credentials().whatsAppCloudApi,
				helpers: {
					httpRequestWithAuthentication: async (_type: string, options: IDataObject) =>
						await (
							await fetch(String(options.url), {
								headers: options.headers as Record<string, string>,
							})
						).json(),
				},
			}) as unknown as ILoadOptionsFunctions;
		const method = node.methods.resourceMapping.whatsAppCloudTemplateFields;
		const fields = await method.call(context('appointment_reminder|en_US'));
		expect(fields.fields.map((f) => f.id)).toEqual([
			'templateText',
			'header_text',
			'body_1',
			'body_2',
			'payload_0',
			'payload_1',
		]);
		expect(
			(await method.call(context('appointment_reminder|en_US', true, 'sendAndWait'))).fields.map(
				(f) => f.id,
			),
		).toEqual(['templateText', 'header_text', 'body_1', 'body_2']);
		expect(await method.call(context(undefined))).toEqual({
			fields: [],
			emptyFieldsNotice: 'Choose a template above to see what it needs',
		});
		const error = await method.call(context('appointment_reminder|en_US', false)).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^Choose a WhatsApp Cloud API credential above/);
	});
});

describe('the template picker', () => {
	const loadContext = (answers: unknown[], urls: string[], withCredential = true) =>
		({
			getCurrentNodeParameter: (name: string) =>
				name === 'provider' ? 'whatsAppCloud' : undefined,
			getNode: () => ({
				credentials: withCredential ? { whatsAppCloudApi: { id: '1', name: 'Cloud' } } : {},
			}),
			getCredentials: async () => ({
				accessToken: TOKEN,
				businessAccountId: '102290129340398',
				apiVersion: 'v24.0',
				baseUrl: 'https://graph.example',
			}),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IDataObject) => {
					urls.push(String(options.url));
					return answers.shift();
				},
			},
		}) as unknown as ILoadOptionsFunctions;

	it("reads Meta's list answer into options: approved first, name (language), status and what it needs", async () => {
		const urls: string[] = [];
		const options = await node.methods.loadOptions.whatsAppCloudTemplates.call(
			loadContext([JSON.parse(fixture('template-list.json'))], urls),
		);
		expect(urls).toEqual([
			'https://graph.example/v24.0/102290129340398/message_templates?fields=name,language,status,category,parameter_format,components&limit=250',
		]);
		expect(options).toEqual([
			{
				name: 'seasonal_promotion (en_US)',
				value: 'seasonal_promotion|en_US',
				description:
					'Approved · marketing · header variable · 3 body variables {{1}}, {{2}}, {{3}} · quick replies: Unsubscribe from Promos, Unsubscribe from All',
			},
			{
				name: 'order_confirmation (en_US)',
				value: 'order_confirmation|en_US',
				description: 'Pending · utility · 2 named body variables {{first_name}}, {{order_number}}',
			},
		]);
	});

	it("follows the after cursor on the credential's own host while Graph says there is a next page", async () => {
		const urls: string[] = [];
		const page = (name: string, next: boolean) => ({
			data: [{ name, language: 'en', status: 'APPROVED', components: [] }],
			paging: {
				cursors: { after: `c-${name}` },
				...(next ? { next: 'https://graph.facebook.com/…' } : {}),
			},
		});
		const options = await node.methods.loadOptions.whatsAppCloudTemplates.call(
			loadContext([page('b', true), page('a', false)], urls),
		);
		expect(options.map((o) => o.value)).toEqual(['a|en', 'b|en']);
		expect(urls[1]).toBe(
			'https://graph.example/v24.0/102290129340398/message_templates?fields=name,language,status,category,parameter_format,components&limit=250&after=c-b',
		);
	});

	it('without a credential it says what to do', async () => {
		const error = await node.methods.loadOptions.whatsAppCloudTemplates
			.call(loadContext([], [], false))
			.catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'Choose a WhatsApp Cloud API credential above to list its templates, or give name|language with an expression',
		);
	});
});

describe('the 24-hour window', () => {
	it("131047 on a send: Meta's message, and what to do", async () => {
		mock.closeWindows(['+16505551234']);
		const ctx = executeContext({
			params: {
				provider: 'whatsAppCloud',
				operation: 'send',
				to: '+1 650 555 1234',
				from: PHONE_NUMBER_ID,
				messageType: 'buttons',
				bodyText: 'Will you come?',
				buttons: { button: [{ id: 'yes', title: 'Yes' }] },
			},
			credentials: credentials(),
		});
		const error = await node.execute.call(ctx).then(
			() => {
				throw new Error('sent');
			},
			(e: Error & { description?: string }) => e,
		);
		expect(error.message).toBe(
			'WhatsApp Cloud API answered HTTP 400: (#131047) Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number. (code 131047, fbtrace_id mock-trace)',
		);
		expect(error.description).toMatch(
			/^The customer last wrote more than 24 hours ago, so WhatsApp takes only an approved template now\. Send one with the Send Template operation/,
		);
		// A template still goes out to the same recipient.
		const { items } = await run(reminder);
		expect(items[0].json.status).toBe('accepted');
	});

	it('131047 in a failed status callback says the same', () => {
		const decoded = decodeWhatsAppCloudCallback({
			object: 'whatsapp_business_account',
			entry: [
				{
					id: '1',
					changes: [
						{
							field: 'messages',
							value: {
								messaging_product: 'whatsapp',
								metadata: { phone_number_id: PHONE_NUMBER_ID },
								statuses: [
									{
										id: 'wamid.1',
										status: 'failed',
										timestamp: '1700000000',
										recipient_id: '16505551234',
										errors: [{ code: 131047, title: 'Re-engagement message' }],
									},
								],
							},
						},
					],
				},
			],
		});
		expect(decoded.events[0].status?.error).toBe(
			"Re-engagement message (code 131047; see Meta's Cloud API error codes). The customer last wrote more than 24 hours ago: send an approved template (Send Template), or wait until they write.",
		);
	});
});

describe('the editor', () => {
	const description = node.description;
	const visible = (values: INodeParameters) => {
		const at = { typeVersion: 1 };
		const resolved = (NodeHelpers.getNodeParameters(
			description.properties,
			values,
			true,
			false,
			at,
			description,
		) ?? {}) as INodeParameters;
		const all = { ...resolved, ...values };
		return description.properties
			.filter((p) => NodeHelpers.displayParameter(all, p, at, description))
			.map((p) => p.name);
	};

	it('Send Template on the Cloud API: the picker, the variables and the options; no message fields', () => {
		const shown = visible({
			provider: 'whatsAppCloud',
			operation: 'sendTemplate',
			templateHeaderType: 'text',
		});
		expect(shown).toEqual(
			expect.arrayContaining([
				'to',
				'from',
				'templateNotice',
				'template',
				'templateVariables',
				'templateHeaderType',
				'templateHeaderText',
				'templateBody',
				'templateButtons',
				'options',
			]),
		);
		expect(shown).not.toEqual(expect.arrayContaining(['bodyText']));
		expect(
			shown.filter((name) =>
				['bodyText', 'messageType', 'defineMessage', 'sendAs', 'noTemplatesNotice'].includes(name),
			),
		).toEqual([]);
		expect(
			visible({ provider: 'whatsAppCloud', operation: 'sendTemplate', templateVariables: 'json' }),
		).toEqual(expect.arrayContaining(['templateComponents']));
	});

	it('Send and Wait and Build Payload: Send As, and a template instead of the message', () => {
		expect(visible({ provider: 'whatsAppCloud', operation: 'sendAndWait' })).toEqual(
			expect.arrayContaining(['sendAs', 'bodyText']),
		);
		const asTemplate = visible({
			provider: 'whatsAppCloud',
			operation: 'sendAndWait',
			sendAs: 'template',
		});
		expect(asTemplate).toEqual(expect.arrayContaining(['template', 'templateBody', 'limitType']));
		expect(asTemplate).not.toContain('bodyText');
		expect(
			visible({ provider: 'whatsAppCloud', operation: 'sendAndWait', responseType: 'approval' }),
		).not.toContain('sendAs');
		expect(
			visible({ provider: 'whatsAppCloud', operation: 'buildPayload', sendAs: 'template' }),
		).toEqual(expect.arrayContaining(['template', 'templateBody']));
	});

	it('providers without templates: a notice that says so, and no template fields', () => {
		for (const provider of ['messangi', 'sinchLatam']) {
			const shown = visible({ provider, operation: 'sendTemplate' });
			expect(shown).toContain('noTemplatesNotice');
			expect(shown.filter((name) => name.startsWith('template'))).toEqual([]);
		}
	});

	it('and sending one there fails with the same words', async () => {
		const ctx = executeContext({
			params: { provider: 'messangi', operation: 'sendTemplate', to: '+5519900001111' },
			credentials: { messangiApi: { apiKey: 'k' } },
		});
		await expect(node.execute.call(ctx)).rejects.toThrow(
			'Messangi documents no message templates, so this node cannot send one through it [item 0]',
		);
	});
});

describe('named variables', () => {
	it("a named header variable gets its name from the template's definition; the body's names are the user's", async () => {
		const { checkTemplateItem } = await import('../../nodes/WhatsAppInteractive/actions/template');
		const definition = readTemplateDefinition({
			name: 'welcome',
			language: 'en',
			status: 'APPROVED',
			parameter_format: 'NAMED',
			components: [
				{ type: 'HEADER', format: 'TEXT', text: 'Hi {{first_name}}' },
				{ type: 'BODY', text: 'Your code is {{code}}.' },
			],
		}) as TemplateDefinition;
		const fill: TemplateFill = {
			name: 'welcome',
			language: 'en',
			header: { kind: 'text', text: 'Ana' },
			body: [{ kind: 'text', text: '1042', name: 'code' }],
			buttons: [],
		};
		const checked = checkTemplateItem(
			{ fill, components: templateComponents(fill), issues: [], fromFields: true },
			new Map([['welcome|en', { definition }]]),
		);
		expect(checked.issues).toEqual([]);
		expect(checked.read.components).toEqual([
			{ type: 'header', parameters: [{ type: 'text', text: 'Ana', parameter_name: 'first_name' }] },
			{ type: 'body', parameters: [{ type: 'text', text: '1042', parameter_name: 'code' }] },
		]);
		// Components written as JSON are sent as written.
		const asJson = checkTemplateItem(
			{ fill, components: [{ type: 'body' }], issues: [] },
			new Map([['welcome|en', { definition }]]),
		);
		expect(asJson.read.components).toEqual([{ type: 'body' }]);
	});
});
