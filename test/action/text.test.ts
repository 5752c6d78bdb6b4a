/**
 * Message Type Text: the request each provider that documents text messages gets (equal to its
 * document's example where it has one), the limits (in code points), JSON mode, a kind a provider
 * does not take, Send and Wait refusing it, and what the editor offers.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import {
	NodeHelpers,
	type IDataObject,
	type INodeParameters,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { checkMessage } from '../../nodes/WhatsAppInteractive/actions/readMessage';
import { messageTypeProperties } from '../../nodes/WhatsAppInteractive/description/message';
import { DIALECTS, getDialect, type Dialect } from '../../nodes/shared/dialects';
import { parseMessage } from '../../nodes/shared/kinds';
import { executeContext } from '../helpers/executeContext';
import { build, problems } from '../helpers/buildPayload';
import { startMockProvider, type MockProvider } from '../mock-provider';
import { visibleParameters } from '../helpers/display';

const node = new WhatsAppInteractive();
const fixture = (folder: string, name: string) =>
	JSON.parse(readFileSync(resolve(__dirname, '../fixtures', folder, name), 'utf8')) as IDataObject;

const PHONE_NUMBER_ID = '106540352242922';
const META_BODY =
	"As requested, here's the link to our latest product: https://www.meta.com/quest/quest-3/";

const envelopes: Record<string, IDataObject> = {
	messangi: { provider: 'messangi', to: '+1000000002', from: '1000000001' },
	sinchLatam: { provider: 'sinchLatam', to: '+55 (19) 90000-1111' },
	whatsAppCloud: { provider: 'whatsAppCloud', to: '+1 650 555 1234', from: PHONE_NUMBER_ID },
};

const text = (provider: string, params: IDataObject = {}) => ({
	...envelopes[provider],
	messageType: 'text',
	...params,
});

const json = (provider: string, message: IDataObject, params: IDataObject = {}) => ({
	...envelopes[provider],
	defineMessage: 'json',
	messageJson: JSON.stringify(message),
	...params,
});

describe('WhatsApp Cloud API text (Meta, "Text messages")', () => {
	const expected = fixture('whatsAppCloud', 'text.json');

	it("fields: Body and Link Preview encode to Meta's example, to /{phone-number-id}/messages", async () => {
		const out = await build(text('whatsAppCloud', { bodyText: META_BODY, previewUrl: true }));
		expect(out.body).toEqual(expected);
		expect(out.url).toBe(`https://graph.facebook.com/v24.0/${PHONE_NUMBER_ID}/messages`);
	});

	it('JSON: the same message', async () => {
		const out = await build(
			json('whatsAppCloud', { type: 'text', body: META_BODY, previewUrl: true }),
		);
		expect(out.body).toEqual(expected);
	});

	it('without Link Preview, preview_url is false', async () => {
		const out = await build(text('whatsAppCloud', { bodyText: 'Hello' }));
		expect(out.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+16505551234',
			type: 'text',
			text: { body: 'Hello', preview_url: false },
		});
	});

	it('replies: "replyTo" in JSON, or the option Reply To Message ID, as context.message_id', async () => {
		const wamid = 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUI=';
		const fromJson = await build(
			json('whatsAppCloud', { type: 'text', body: 'Yes', replyTo: wamid }),
		);
		expect((fromJson.body as IDataObject).context).toEqual({ message_id: wamid });
		const fromOption = await build(
			text('whatsAppCloud', { bodyText: 'Yes', options: { replyToMessageId: wamid } }),
		);
		expect((fromOption.body as IDataObject).context).toEqual({ message_id: wamid });
		expect(
			await problems(
				json(
					'whatsAppCloud',
					{ type: 'text', body: 'Yes', replyTo: wamid },
					{ options: { replyToMessageId: 'wamid.other' } },
				),
			),
		).toContain(
			`The message replies to "${wamid}" ("replyTo") and the option Reply To Message ID to "wamid.other"; give one`,
		);
	});

	it('Correlation ID goes as biz_opaque_callback_data, as for every message', async () => {
		const out = await build(
			text('whatsAppCloud', { bodyText: 'Hi', options: { correlationId: 'order-1042' } }),
		);
		expect((out.body as IDataObject).biz_opaque_callback_data).toBe('order-1042');
	});
});

describe('Messangi text (docs.messangi.com, "Text Message")', () => {
	const expected = fixture('seeds', 'messangi-text.json');

	it("fields: Body and the option Reply To Message ID encode to Messangi's example", async () => {
		const out = await build(
			text('messangi', {
				bodyText: 'Welcome to EliPackage',
				options: { replyToMessageId: '1234567890ab' },
			}),
		);
		expect(out.body).toEqual(expected);
		// Byte for byte, as the page writes it (its `"type":"text"` without a space aside).
		expect(JSON.stringify(out.body)).toBe(JSON.stringify(expected));
		expect(out.url).toBe('https://elastic.messangi.me/balerion/v3/messages');
	});

	it('JSON: the same message', async () => {
		const out = await build(
			json('messangi', { type: 'text', body: 'Welcome to EliPackage', replyTo: '1234567890ab' }),
		);
		expect(out.body).toEqual(expected);
	});

	it('External ID, Client ID and Callback URLs as for interactive messages', async () => {
		const out = await build(
			text('messangi', {
				bodyText: 'Hi',
				options: {
					externalId: 'ext-1',
					clientId: 'client-1',
					callbackUrls: 'https://n8n.example.com/webhook/abc/webhook',
				},
			}),
		);
		expect(out.body).toEqual({
			channel: 'WHATSAPP',
			request: {
				message: 'Hi',
				clientId: 'client-1',
				externalId: 'ext-1',
				to: '+1000000002',
				from: '1000000001',
				type: 'text',
			},
			callbacks: ['https://n8n.example.com/webhook/abc/webhook'],
		});
	});

	it('Template Message cannot go with a text message (both are request.message)', async () => {
		expect(
			await problems(text('messangi', { bodyText: 'Hi', options: { templateMessage: 'T' } })),
		).toContain("Template Message: a text message's Body is sent as Messangi's request.message");
	});

	it('Reply To Message ID is refused on reply buttons (Messangi documents it for text only)', async () => {
		expect(
			await problems({
				...envelopes.messangi,
				messageType: 'buttons',
				bodyText: 'Pick',
				buttons: { button: [{ id: 'a', title: 'A' }] },
				options: { replyToMessageId: 'x' },
			}),
		).toContain('Reply To Message ID: Messangi documents replies for text messages only');
	});

	it('no link preview is documented: "previewUrl": true is refused, false is fine', async () => {
		expect(
			await problems(
				json('messangi', { type: 'text', body: 'https://x.example', previewUrl: true }),
			),
		).toContain('Messangi documents no link preview for text messages; leave out "previewUrl"');
		await expect(
			build(json('messangi', { type: 'text', body: 'Hi', previewUrl: false })),
		).resolves.toBeDefined();
	});
});

describe('Sinch LATAM text (Sinch LATAM WhatsApp technical documentation, "Envio de Mensagens")', () => {
	it('fields and JSON: message.messageText, with destination and correlation ID', async () => {
		const expected = {
			destinations: [{ correlationId: 'MyCorrelationId', destination: '5519900001111' }],
			message: { messageText: 'Hello from Wavy' },
		};
		const options = { correlationId: 'MyCorrelationId', alternativeText: 'not for text' };
		const fields = await build(text('sinchLatam', { bodyText: 'Hello from Wavy', options }));
		expect(fields.body).toEqual(expected);
		expect(fields.url).toBe('https://api-messaging.wavy.global/v1/whatsapp/send');
		const fromJson = await build(
			json('sinchLatam', { type: 'text', body: 'Hello from Wavy' }, { options }),
		);
		expect(fromJson.body).toEqual(expected);
	});

	it('documents neither a link preview nor replies: both refused, each named', async () => {
		const out = await problems(
			json('sinchLatam', { type: 'text', body: 'Hi', previewUrl: true, replyTo: 'abc' }),
		);
		expect(out).toContain('Sinch LATAM documents no link preview for text messages');
		expect(out).toContain('Sinch LATAM documents no replies to a message; leave out "replyTo"');
	});
});

describe('text limits, in code points', () => {
	const cases: Array<[string, number]> = [
		['whatsAppCloud', 4096],
		['sinchLatam', 4096],
		['messangi', 1024],
	];

	it.each(cases)('%s: an empty Body is refused', async (provider, max) => {
		expect(await problems(text(provider, { bodyText: '' }))).toContain(
			`Body is empty; it needs 1–${max} characters`,
		);
	});

	it.each(cases)('%s: a blank Body is refused', async (provider, max) => {
		expect(await problems(text(provider, { bodyText: ' \n\u00a0\t' }))).toContain(
			`Body is only spaces; write some text (1–${max} characters)`,
		);
	});

	it.each(cases)('%s: one character over the limit is refused', async (provider, max) => {
		expect(await problems(text(provider, { bodyText: 'x'.repeat(max + 1) }))).toContain(
			`is ${max + 1} characters; the limit is ${max}`,
		);
	});

	it.each(cases)(
		'%s: an emoji counts as one (the limit in pizzas passes, one more does not)',
		async (provider, max) => {
			const out = await build(text(provider, { bodyText: '🍕'.repeat(max) }));
			expect(JSON.stringify(out.body)).toContain('🍕'.repeat(max));
			expect(await problems(text(provider, { bodyText: '🍕'.repeat(max + 1) }))).toContain(
				`is ${max + 1} characters; the limit is ${max}`,
			);
		},
	);

	it('JSON mode: the same limits, with every problem of the item at once', async () => {
		const out = await problems(
			json('messangi', { type: 'text', body: 'x'.repeat(1025) }, { to: 'nobody' }),
		);
		expect(out).toContain('The message has 2 problems [item 0]');
		expect(out).toContain('is 1025 characters; the limit is 1024');
		expect(out).toContain('Recipient (To) "nobody"');
	});
});

describe('JSON mode text', () => {
	it('reads { "type": "text", "body", "previewUrl", "replyTo" }', () => {
		expect(
			parseMessage({ type: 'text', body: 'Hi', previewUrl: true, replyTo: 'wamid.1' }),
		).toEqual({
			message: { type: 'text', body: 'Hi', previewUrl: true, replyTo: 'wamid.1' },
			issues: [],
			kind: 'text',
		});
		expect(parseMessage('{ "type": "text", "body": "Hi", "previewUrl": null }')).toEqual({
			message: { type: 'text', body: 'Hi' },
			kind: 'text',
			issues: [],
		});
	});

	it('structural problems in words: interactive fields, a missing body, a preview that is not true or false', () => {
		const { issues } = parseMessage({
			type: 'text',
			previewUrl: 'yes',
			footer: 'Bye',
			buttons: [],
		});
		expect(issues.map((issue) => issue.message)).toEqual([
			'Body is missing',
			'Preview URL must be true or false, not a string',
			'Unknown fields "footer", "buttons"; remove them or check the spelling',
		]);
	});

	it('an unknown type names every kind', () => {
		expect(parseMessage({ type: 'poll', body: 'Hi' }).issues).toEqual([
			{
				path: 'type',
				message:
					'Type must be "buttons", "list", "text", "ctaUrl", "locationRequest", "flow", "carousel", "product", "productList" or "catalog"',
			},
		]);
	});
});

describe('a kind the provider does not take', () => {
	/** Sinch LATAM as if its dialect declared no text messages. */
	const withoutText = (): Dialect => {
		const sinch = getDialect('sinchLatam');
		const { text: _text, ...kinds } = sinch.kinds;
		return { ...sinch, kinds };
	};

	it('JSON "type": one problem that names the providers that take it', () => {
		const read = parseMessage({ type: 'text', body: 'Hello' });
		expect(checkMessage(read, withoutText())).toEqual([
			{
				path: 'type',
				message:
					'Sinch LATAM takes no text messages ("type": "text"); Messangi and WhatsApp Cloud API do: choose one of them as Provider, or send another type of message',
			},
		]);
	});

	it('every registered provider takes text today', () => {
		expect(DIALECTS.filter((d) => !d.kinds.text).map((d) => d.id)).toEqual([]);
	});
});

describe('Send and Wait for Response', () => {
	async function ask(params: IDataObject): Promise<string> {
		const ctx = executeContext({
			params: { operation: 'sendAndWait', responseType: 'choice', ...params },
		});
		try {
			await node.execute.call(ctx);
		} catch (error) {
			return (error as Error).message;
		}
		throw new Error('the question was asked');
	}

	it('refuses a text message, fields or JSON: there is nothing to tap', async () => {
		const said =
			'Send and Wait for Response waits for a tap on a choice, and a text message has none; choose Message Type Reply Buttons, List or Auto (in JSON, "type": "buttons" or "list") [item 0]';
		expect(await ask(text('sinchLatam', { bodyText: 'Hi' }))).toBe(said);
		expect(await ask(json('sinchLatam', { type: 'text', body: 'Hi' }))).toBe(said);
	});
});

describe('Send', () => {
	let mock: MockProvider;
	beforeAll(async () => {
		mock = await startMockProvider({ cloudToken: 'test-cloud-token' });
	});
	afterAll(() => mock.close());

	it('sends the text request and outputs the receipt', async () => {
		mock.enqueueFor('whatsAppCloud', {
			status: 200,
			body: fixture('whatsAppCloud', 'send-response.json'),
		});
		const ctx = executeContext({
			params: { operation: 'send', ...text('whatsAppCloud', { bodyText: 'Your order shipped' }) },
			credentials: {
				whatsAppCloudApi: {
					accessToken: 'test-cloud-token',
					apiVersion: 'v24.0',
					baseUrl: `${mock.url}/cloud`,
				},
			},
		});
		const [[item]] = await node.execute.call(ctx);
		expect(item.json).toMatchObject({ provider: 'whatsAppCloud', status: 'accepted' });
		expect(mock.requests.map((r) => r.body)).toEqual([
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '+16505551234',
				type: 'text',
				text: { body: 'Your order shipped', preview_url: false },
			},
		]);
	});
});

describe('the editor', () => {
	const description = node.description;

	/** The Message Type entries the editor offers for these values, from `properties`. */
	function offered(properties: INodeProperties[], values: INodeParameters): string[] {
		const d = { ...description, properties } as INodeTypeDescription;
		const all = { defineMessage: 'fields', ...values };
		const shown = properties.filter(
			(p) =>
				p.name === 'messageType' && NodeHelpers.displayParameter(all, p, { typeVersion: 1 }, d),
		);
		expect(shown).toHaveLength(1);
		return (shown[0].options as Array<{ value: string }>).map((o) => o.value);
	}

	const visible = (values: INodeParameters) => visibleParameters(description, values);

	it.each(DIALECTS.map((d) => d.id))(
		'%s: Send and Build Payload offer Text; Send and Wait does not (Auto stays buttons or list)',
		(provider) => {
			for (const operation of ['send', 'buildPayload'])
				expect(offered(description.properties, { provider, operation })).toEqual([
					'buttons',
					'list',
					'auto',
					'text',
					// The Cloud API's own types (interactiveKinds.test.ts).
					...(provider === 'whatsAppCloud'
						? ['ctaUrl', 'locationRequest', 'flow', 'carousel', 'product', 'productList', 'catalog']
						: []),
				]);
			expect(offered(description.properties, { provider, operation: 'sendAndWait' })).toEqual([
				'buttons',
				'list',
				'auto',
			]);
		},
	);

	it('Text is offered only to providers whose dialect declares it', () => {
		const sinch = getDialect('sinchLatam');
		const { text: _text, ...kinds } = sinch.kinds;
		const registry = DIALECTS.map((d) => (d === sinch ? { ...sinch, kinds } : d));
		const properties = messageTypeProperties(registry);
		expect(offered(properties, { provider: 'sinchLatam', operation: 'send' })).toEqual([
			'buttons',
			'list',
			'auto',
		]);
		for (const provider of ['messangi', 'whatsAppCloud'])
			expect(offered(properties, { provider, operation: 'send' })).toContain('text');
		for (const provider of DIALECTS.map((d) => d.id))
			expect(offered(properties, { provider, operation: 'sendAndWait' })).not.toContain('text');
	});

	it('Text shows the window notice and the Body; Link Preview for the Cloud API only; no header, footer or buttons', () => {
		for (const provider of DIALECTS.map((d) => d.id)) {
			const shown = visible({ provider, operation: 'send', messageType: 'text' });
			expect(shown).toEqual(expect.arrayContaining(['textNotice', 'bodyText']));
			for (const name of ['headerType', 'headerText', 'footerText', 'buttons', 'rows', 'choices'])
				expect(shown).not.toContain(name);
			expect(shown.includes('previewUrl')).toBe(provider === 'whatsAppCloud');
		}
	});

	it("each provider's Body says its own length; the notice says when WhatsApp takes text", () => {
		const bodies = description.properties.filter(
			(p) => p.name === 'bodyText' && p.displayOptions?.show?.messageType?.includes('text'),
		);
		const shownFor = (provider: string) =>
			bodies.find((p) =>
				NodeHelpers.displayParameter(
					{ provider, defineMessage: 'fields', messageType: 'text' },
					p,
					{ typeVersion: 1 },
					description,
				),
			)?.description;
		expect(shownFor('messangi')).toMatch(/^The text, 1 to 1024 characters/);
		expect(shownFor('sinchLatam')).toMatch(/^The text, 1 to 4096 characters/);
		expect(shownFor('whatsAppCloud')).toMatch(/^The text, 1 to 4096 characters/);
		const notice = description.properties.find((p) => p.name === 'textNotice');
		expect(notice?.displayName).toContain(
			"WhatsApp takes a text message only within 24 hours of the customer's last message",
		);
	});
});
