/**
 * Message Types CTA URL Button and Location Request (WhatsApp Cloud API): the requests equal Meta's
 * examples (test/fixtures/whatsAppCloud/SOURCES.md), from fields and from JSON; every limit at and
 * one past; providers that do not document them; Send and Wait refusing them; what the editor shows.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { DIALECTS } from '../../nodes/shared/dialects';
import { executeContext } from '../helpers/executeContext';
import { startMockProvider, type MockProvider } from '../mock-provider';

const node = new WhatsAppInteractive();
const fixture = (name: string) =>
	JSON.parse(
		readFileSync(resolve(__dirname, '../fixtures/whatsAppCloud', name), 'utf8'),
	) as IDataObject;

const PHONE_NUMBER_ID = '106540352242922';
const cloud = { provider: 'whatsAppCloud', to: '+1 650 555 1234', from: PHONE_NUMBER_ID };

async function build(params: IDataObject): Promise<IDataObject> {
	const ctx = executeContext({ params: { operation: 'buildPayload', ...params } });
	const [[item]] = await node.execute.call(ctx);
	return item.json;
}

/** The error's message and description, or fails when the item is accepted. */
async function problems(params: IDataObject): Promise<string> {
	try {
		await build(params);
	} catch (error) {
		const e = error as Error & { description?: string };
		return `${e.message}\n${e.description ?? ''}`;
	}
	throw new Error('the message was accepted');
}

const json = (message: IDataObject, envelope: IDataObject = cloud) => ({
	...envelope,
	defineMessage: 'json',
	messageJson: JSON.stringify(message),
});

// Meta's example on its "Interactive CTA URL button messages" page.
const META_CTA = {
	image: 'https://www.luckyshrub.com/assets/lucky-shrub-banner-logo-v1.png',
	body: 'Tap the button below to see available dates.',
	title: 'See Dates',
	url: 'https://www.luckyshrub.com?clickID=kqDGWd24Q5TRwoEQTICY7W1JKoXvaZOXWAS7h1P76s0R7Paec4',
	footer: 'Dates subject to change.',
};
const META_LOCATION_BODY =
	"Let's start with your pickup. You can either manually *enter an address* or *share your current location*.";

const ctaFields = (params: IDataObject = {}) => ({
	...cloud,
	messageType: 'ctaUrl',
	bodyText: 'Book your visit',
	ctaButtonText: 'Book',
	ctaButtonUrl: 'https://example.com/book',
	...params,
});

const ctaJson = (message: IDataObject = {}) => ({
	type: 'ctaUrl',
	body: 'Book your visit',
	button: { title: 'Book', url: 'https://example.com/book' },
	...message,
});

describe('CTA URL Button (Meta\'s "Interactive CTA URL button messages")', () => {
	const expected = fixture('cta-url.json');

	it("fields: an image header, body, button and footer give Meta's example byte for byte", async () => {
		const out = await build(
			ctaFields({
				headerType: 'image',
				headerMediaUrl: META_CTA.image,
				bodyText: META_CTA.body,
				ctaButtonText: META_CTA.title,
				ctaButtonUrl: META_CTA.url,
				footerText: META_CTA.footer,
			}),
		);
		expect(JSON.stringify(out.body)).toBe(JSON.stringify(expected));
		expect(out.url).toBe(`https://graph.facebook.com/v24.0/${PHONE_NUMBER_ID}/messages`);
	});

	it('JSON: the same message, byte for byte', async () => {
		const out = await build(
			json({
				type: 'ctaUrl',
				header: { type: 'image', url: META_CTA.image },
				body: META_CTA.body,
				footer: META_CTA.footer,
				button: { title: META_CTA.title, url: META_CTA.url },
			}),
		);
		expect(JSON.stringify(out.body)).toBe(JSON.stringify(expected));
	});

	it('each header type of the page: text, video, document; none at all', async () => {
		const interactive = async (params: IDataObject) =>
			((await build(ctaFields(params))).body as IDataObject).interactive as IDataObject;
		expect((await interactive({ headerType: 'text', headerText: 'Visits' })).header).toEqual({
			type: 'text',
			text: 'Visits',
		});
		for (const type of ['video', 'document'])
			expect(
				(await interactive({ headerType: type, headerMediaUrl: `https://example.com/f.${type}` }))
					.header,
			).toEqual({ type, [type]: { link: `https://example.com/f.${type}` } });
		expect(await interactive({})).toEqual({
			type: 'cta_url',
			body: { text: 'Book your visit' },
			action: {
				name: 'cta_url',
				parameters: { display_text: 'Book', url: 'https://example.com/book' },
			},
		});
	});

	it('limits at the edge are accepted: header 60, body 1024, footer 60, button 20 (emoji count one)', async () => {
		const out = await build(
			ctaFields({
				headerType: 'text',
				headerText: 'h'.repeat(59) + '🍕',
				bodyText: 'b'.repeat(1024),
				footerText: 'f'.repeat(60),
				ctaButtonText: 'x'.repeat(19) + '🍕',
			}),
		);
		expect(out.body).toBeDefined();
	});

	it('one past every limit: every problem of the item at once', async () => {
		const said = await problems(
			ctaFields({
				headerType: 'text',
				headerText: 'h'.repeat(61),
				bodyText: 'b'.repeat(1025),
				footerText: 'f'.repeat(61),
				ctaButtonText: 'x'.repeat(21),
				ctaButtonUrl: 'example.com/book',
			}),
		);
		expect(said).toContain('Header text "');
		expect(said).toContain('is 61 characters; the limit is 60');
		expect(said).toContain('is 1025 characters; the limit is 1024');
		expect(said).toContain('Button text "xxxxxxxxxxxxxxxxxxxxx" is 21 characters; the limit is 20');
		expect(said).toContain(
			'Button URL "example.com/book" is not an http:// or https:// link; write the whole address of the page, starting with https://',
		);
		expect(said.match(/the limit is/g)).toHaveLength(4);
	});

	it('an empty button, body or URL is named', async () => {
		const said = await problems(ctaFields({ bodyText: '', ctaButtonText: '', ctaButtonUrl: '' }));
		expect(said).toContain('Body is empty');
		expect(said).toContain('Button text is empty');
		expect(said).toContain('Button URL is empty');
	});

	it('JSON: a location header is refused with the header types it takes', async () => {
		const said = await problems(
			json(ctaJson({ header: { type: 'location', latitude: 1, longitude: 2 } })),
		);
		expect(said).toContain(
			'WhatsApp Cloud API does not support a location header on a CTA URL message; use text, image, video, document headers or none',
		);
	});

	it('JSON: a missing button says what it needs; buttons of a reply-button message are unknown', async () => {
		const { button: _button, ...withoutButton } = ctaJson();
		expect(await problems(json(withoutButton))).toContain(
			'Button is missing; a CTA URL message needs "button": { "title": "…", "url": "https://…" }',
		);
		expect(await problems(json(ctaJson({ buttons: [{ id: 'a', title: 'A' }] })))).toContain(
			'Unknown field "buttons"',
		);
	});
});

describe('Location Request (Meta\'s "Location request messages")', () => {
	const expected = fixture('location-request.json');

	it("fields and JSON give Meta's example", async () => {
		const fromFields = await build({
			...cloud,
			messageType: 'locationRequest',
			bodyText: META_LOCATION_BODY,
		});
		const fromJson = await build(json({ type: 'locationRequest', body: META_LOCATION_BODY }));
		expect(fromFields.body).toEqual(expected);
		expect(fromJson.body).toEqual(expected);
	});

	it('body: 1024 accepted, 1025 and empty refused', async () => {
		const at = (bodyText: string) => ({ ...cloud, messageType: 'locationRequest', bodyText });
		expect((await build(at('b'.repeat(1024)))).body).toBeDefined();
		expect(await problems(at('b'.repeat(1025)))).toContain('is 1025 characters; the limit is 1024');
		expect(await problems(at(''))).toContain('Body is empty');
	});

	it('JSON: a header or footer is an unknown field (the message has a body only)', async () => {
		const said = await problems(json({ type: 'locationRequest', body: 'Where?', footer: 'x' }));
		expect(said).toContain('Unknown field "footer"');
	});
});

const flowFields = (params: IDataObject = {}) => ({
	...cloud,
	messageType: 'flow',
	bodyText: 'Book your visit',
	flowId: '123456',
	flowCta: 'Book!',
	...params,
});

describe('WhatsApp Flow (Meta\'s "Sending a Flow")', () => {
	const META = {
		header: 'Flow message header',
		body: 'Flow message body',
		footer: 'Flow message footer',
	};

	it("fields: Meta's sample with minimum parameters (by the Flow's name)", async () => {
		const out = await build(
			flowFields({
				headerType: 'text',
				headerText: META.header,
				bodyText: META.body,
				footerText: META.footer,
				flowIdentifier: 'name',
				flowName: 'appointment_booking_v1',
			}),
		);
		expect(out.body).toEqual(fixture('flow-minimum.json'));
	});

	it("fields and JSON: Meta's sample with all parameters (by ID, token, first screen and its data)", async () => {
		const expected = fixture('flow-all.json');
		const data = { product_name: 'name', product_description: 'description', product_price: 100 };
		const fromFields = await build(
			flowFields({
				headerType: 'text',
				headerText: META.header,
				bodyText: META.body,
				footerText: META.footer,
				flowScreen: '<SCREEN_NAME>',
				flowData: JSON.stringify(data),
				flowOptions: { token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.' },
			}),
		);
		const fromJson = await build(
			json({
				type: 'flow',
				header: { type: 'text', text: META.header },
				body: META.body,
				footer: META.footer,
				flow: {
					id: '123456',
					cta: 'Book!',
					token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
					action: 'navigate',
					screen: '<SCREEN_NAME>',
					data,
				},
			}),
		);
		expect(fromFields.body).toEqual(expected);
		expect(fromJson.body).toEqual(expected);
	});

	it('draft mode and data exchange: mode "draft", flow_action "data_exchange" without a payload', async () => {
		const out = await build(
			flowFields({ flowAction: 'data_exchange', flowOptions: { mode: 'draft' } }),
		);
		expect(((out.body as IDataObject).interactive as IDataObject).action).toEqual({
			name: 'flow',
			parameters: {
				flow_message_version: '3',
				flow_id: '123456',
				flow_cta: 'Book!',
				mode: 'draft',
				flow_action: 'data_exchange',
			},
		});
	});

	it('limits: button 30 accepted, 31 refused; header 60, body 1024, footer 60; a media header refused', async () => {
		expect(
			(await build(flowFields({ flowCta: 'x'.repeat(30), bodyText: 'b'.repeat(1024) }))).body,
		).toBeDefined();
		const said = await problems(
			flowFields({
				flowCta: 'x'.repeat(31),
				bodyText: 'b'.repeat(1025),
				footerText: 'f'.repeat(61),
				headerType: 'text',
				headerText: 'h'.repeat(61),
			}),
		);
		expect(said).toContain(
			'Flow button text "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is 31 characters; the limit is 30',
		);
		expect(said.match(/the limit is/g)).toHaveLength(4);
		expect(
			await problems(
				json({
					type: 'flow',
					header: { type: 'image', url: 'https://e.com/a.png' },
					body: 'x',
					flow: { id: '1', cta: 'Go' },
				}),
			),
		).toContain(
			'WhatsApp Cloud API does not support an image header on a Flow message; use text header or none',
		);
	});

	it('which Flow: an empty ID, an ID that is not digits, both an ID and a name', async () => {
		expect(await problems(flowFields({ flowId: '' }))).toContain('Flow ID is empty;');
		expect(await problems(flowFields({ flowIdentifier: 'name', flowName: ' ' }))).toContain(
			'Flow Name is empty;',
		);
		expect(await problems(flowFields({ flowId: 'booking' }))).toContain(
			'Flow ID "booking" is not a Flow\'s ID (digits only, e.g. 1234567890); to name the Flow, use its name instead',
		);
		expect(
			await problems(json({ type: 'flow', body: 'x', flow: { id: '1', name: 'n', cta: 'Go' } })),
		).toContain('Give the Flow\'s "id" or its "name", not both');
	});

	it('first screen and data: data needs a screen, must be a non-empty object, and goes only with navigate', async () => {
		expect(await problems(flowFields({ flowData: '{"a":1}' }))).toContain(
			"First Screen is empty; the Screen Data goes to a screen: give that screen's ID",
		);
		expect(await problems(flowFields({ flowScreen: 'S', flowData: '[1]' }))).toContain(
			'Screen Data must be a JSON object such as { "name": "Ana" }, not a list',
		);
		expect(await problems(flowFields({ flowScreen: 'S', flowData: '{a' }))).toContain(
			'Screen Data is not valid JSON',
		);
		expect(await problems(flowFields({ flowScreen: 'S', flowData: '{}' }))).toContain(
			'Screen Data is an empty object',
		);
		expect(
			await problems(
				json({
					type: 'flow',
					body: 'x',
					flow: { id: '1', cta: 'Go', action: 'data_exchange', screen: 'S' },
				}),
			),
		).toContain('With "action": "data_exchange" the Flow\'s endpoint sends the first screen');
		expect(
			await problems(json({ type: 'flow', body: 'x', flow: { id: '1', cta: 'Go', mode: 'live' } })),
		).toContain('must be "published" or "draft"');
	});

	it('JSON: a missing flow says what it needs', async () => {
		expect(await problems(json({ type: 'flow', body: 'x' }))).toContain(
			'Flow is missing; a Flow message needs "flow": { "id" (or "name"), "cta": "button label" }',
		);
	});
});

describe('providers that do not document them', () => {
	it.each([
		['messangi', { provider: 'messangi', to: '+1000000002', from: '1000000001' }],
		['sinchLatam', { provider: 'sinchLatam', to: '+55 19 90000 1111' }],
	])('%s: one problem that names the Cloud API', async (_id, envelope) => {
		const name = _id === 'messangi' ? 'Messangi' : 'Sinch LATAM';
		expect(await problems(json(ctaJson(), envelope))).toContain(
			`${name} takes no CTA URL messages ("type": "ctaUrl"); WhatsApp Cloud API does`,
		);
		expect(await problems(json({ type: 'locationRequest', body: 'Where?' }, envelope))).toContain(
			`${name} takes no location request messages ("type": "locationRequest"); WhatsApp Cloud API does`,
		);
	});
});

describe('Send and Wait for Response', () => {
	it('refuses both: a tap on them sends nothing back to wait for', async () => {
		for (const params of [ctaFields(), json({ type: 'locationRequest', body: 'Where?' })]) {
			const ctx = executeContext({
				params: { operation: 'sendAndWait', responseType: 'choice', ...params },
			});
			const error = await node.execute.call(ctx).catch((e: Error) => e);
			expect((error as Error).message).toMatch(
				/^Send and Wait for Response waits for a tap on a choice, and a (CTA URL|location request) message has none; choose Message Type Reply Buttons, List or Auto/,
			);
		}
	});
});

describe('Send', () => {
	let mock: MockProvider;
	beforeAll(async () => {
		mock = await startMockProvider({ cloudToken: 'test-cloud-token' });
	});
	afterAll(() => mock.close());

	it('sends both requests to /{phone-number-id}/messages and outputs the receipts', async () => {
		for (let k = 0; k < 2; k++)
			mock.enqueueFor('whatsAppCloud', { status: 200, body: fixture('send-response.json') });
		const credentials = {
			whatsAppCloudApi: {
				accessToken: 'test-cloud-token',
				apiVersion: 'v24.0',
				baseUrl: `${mock.url}/cloud`,
			},
		};
		for (const params of [ctaFields(), json({ type: 'locationRequest', body: 'Where?' })]) {
			const ctx = executeContext({ params: { operation: 'send', ...params }, credentials });
			const [[item]] = await node.execute.call(ctx);
			expect(item.json).toMatchObject({ provider: 'whatsAppCloud', status: 'accepted' });
		}
		expect(mock.requests.map((r) => (r.body as IDataObject).interactive)).toEqual([
			{
				type: 'cta_url',
				body: { text: 'Book your visit' },
				action: {
					name: 'cta_url',
					parameters: { display_text: 'Book', url: 'https://example.com/book' },
				},
			},
			{
				type: 'location_request_message',
				body: { text: 'Where?' },
				action: { name: 'send_location' },
			},
		]);
	});
});

describe('the editor', () => {
	const description = node.description;

	function visible(values: INodeParameters): string[] {
		const resolved = NodeHelpers.getNodeParameters(
			description.properties,
			values,
			true,
			false,
			{ typeVersion: description.defaultVersion ?? 1 },
			description,
		);
		return Object.keys(resolved ?? {});
	}

	/** The options of the one shown `name` parameter. */
	function optionsOf(name: string, values: INodeParameters): string[] {
		const shown = description.properties.filter(
			(p) =>
				p.name === name &&
				NodeHelpers.displayParameter(
					{ defineMessage: 'fields', ...values },
					p,
					{ typeVersion: 1 },
					description,
				),
		);
		expect(shown).toHaveLength(1);
		return (shown[0].options as Array<{ value: string }>).map((o) => o.value);
	}

	it('only the Cloud API offers them, and not in Send and Wait', () => {
		for (const dialect of DIALECTS) {
			const offered = optionsOf('messageType', { provider: dialect.id, operation: 'send' });
			const cloud = dialect.id === 'whatsAppCloud';
			expect(offered.includes('ctaUrl')).toBe(cloud);
			expect(offered.includes('locationRequest')).toBe(cloud);
			expect(offered.includes('flow')).toBe(cloud);
			expect(
				optionsOf('messageType', { provider: dialect.id, operation: 'sendAndWait' }),
			).not.toContain('ctaUrl');
		}
	});

	it('CTA URL Button: header (text or media), body, footer, Button Text and URL; no reply buttons or rows', () => {
		const base = { provider: 'whatsAppCloud', operation: 'send', messageType: 'ctaUrl' };
		expect(optionsOf('headerType', base)).toEqual(['none', 'text', 'image', 'video', 'document']);
		const shown = visible({ ...base, headerType: 'image' });
		expect(shown).toEqual(
			expect.arrayContaining([
				'headerType',
				'headerMediaUrl',
				'bodyText',
				'footerText',
				'ctaButtonText',
				'ctaButtonUrl',
			]),
		);
		for (const name of ['buttons', 'rows', 'choices', 'listButtonText', 'textNotice'])
			expect(shown).not.toContain(name);
	});

	it('Location Request: its Body only', () => {
		const shown = visible({
			provider: 'whatsAppCloud',
			operation: 'send',
			messageType: 'locationRequest',
		});
		expect(shown).toContain('bodyText');
		for (const name of [
			'headerType',
			'footerText',
			'buttons',
			'ctaButtonText',
			'ctaButtonUrl',
			'previewUrl',
		])
			expect(shown).not.toContain(name);
	});

	it('WhatsApp Flow: a text header only, the Flow by ID (or name), button, first screen and data; nothing of the endpoint mode', () => {
		const base = { provider: 'whatsAppCloud', operation: 'send', messageType: 'flow' };
		expect(optionsOf('headerType', base)).toEqual(['none', 'text']);
		const shown = visible(base);
		expect(shown).toEqual(
			expect.arrayContaining([
				'flowIdentifier',
				'flowId',
				'flowCta',
				'flowAction',
				'flowScreen',
				'flowData',
				'flowOptions',
				'bodyText',
				'footerText',
			]),
		);
		for (const name of ['flowName', 'buttons', 'rows', 'ctaButtonText'])
			expect(shown).not.toContain(name);
		const byName = visible({ ...base, flowIdentifier: 'name', flowAction: 'data_exchange' });
		expect(byName).toContain('flowName');
		for (const name of ['flowId', 'flowScreen', 'flowData']) expect(byName).not.toContain(name);
	});

	it('the CTA fields are not shown for the other types (nothing stale after switching)', () => {
		for (const messageType of ['buttons', 'list', 'auto', 'text', 'locationRequest', 'flow']) {
			const shown = visible({ provider: 'whatsAppCloud', operation: 'send', messageType });
			expect(shown).not.toContain('ctaButtonText');
			expect(shown).not.toContain('ctaButtonUrl');
			if (messageType !== 'flow')
				expect(shown.filter((name) => name.startsWith('flow'))).toEqual([]);
		}
	});
});
