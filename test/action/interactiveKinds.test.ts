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

	it('the CTA fields are not shown for the other types (nothing stale after switching)', () => {
		for (const messageType of ['buttons', 'list', 'auto', 'text', 'locationRequest']) {
			const shown = visible({ provider: 'whatsAppCloud', operation: 'send', messageType });
			expect(shown).not.toContain('ctaButtonText');
			expect(shown).not.toContain('ctaButtonUrl');
		}
	});
});
