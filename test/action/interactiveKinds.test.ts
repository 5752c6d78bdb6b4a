/**
 * Message Types CTA URL Button and Location Request (WhatsApp Cloud API): the requests equal Meta's
 * examples (test/fixtures/whatsAppCloud/SOURCES.md), from fields and from JSON; every limit at and
 * one past; providers that do not document them; Send and Wait refusing them; what the editor shows.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { type IDataObject, type INodeParameters } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { DIALECTS } from '../../nodes/shared/dialects';
import type { CarouselCard } from '../../nodes/shared/model/message';
import { executeContext } from '../helpers/executeContext';
import { build, problems } from '../helpers/buildPayload';
import { startMockProvider, type MockProvider } from '../mock-provider';
import { shownOptions, visibleParameters } from '../helpers/display';

const node = new WhatsAppInteractive();
const fixture = (name: string) =>
	JSON.parse(
		readFileSync(resolve(__dirname, '../fixtures/whatsAppCloud', name), 'utf8'),
	) as IDataObject;

const PHONE_NUMBER_ID = '106540352242922';
const cloud = { provider: 'whatsAppCloud', to: '+1 650 555 1234', from: PHONE_NUMBER_ID };

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
				flowOptions: { identifier: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.' },
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
		// The field's default, {}, is no Screen Data: nothing to refuse, nothing sent.
		const sent = await build(flowFields({ flowScreen: 'S', flowData: '{}' }));
		expect(
			((sent.body as IDataObject).interactive as IDataObject).action as IDataObject,
		).toMatchObject({ parameters: { flow_action_payload: { screen: 'S' } } });
		expect(JSON.stringify(sent.body)).not.toContain('"data"');
		expect(
			await problems(
				json({ type: 'flow', body: 'x', flow: { id: '1', cta: 'Go', screen: 'S', data: {} } }),
			),
		).toContain('Screen Data is an empty object');
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

const cardsFrom = (fixtureName: string): CarouselCard[] =>
	(
		((fixture(fixtureName).interactive as IDataObject).action as IDataObject).cards as IDataObject[]
	).map((card) => {
		const header = card.header as { type: 'image' | 'video'; image?: { link: string } };
		const action = card.action as IDataObject;
		const parameters = action.parameters as { display_text: string; url: string } | undefined;
		const buttons = (action.buttons as Array<{ quick_reply: { id: string; title: string } }>) ?? [];
		return {
			header: { type: header.type, url: header.image!.link },
			body: (card.body as { text: string }).text,
			...(parameters
				? { button: { title: parameters.display_text, url: parameters.url } }
				: { buttons: buttons.map((b) => b.quick_reply) }),
		};
	});
const CAROUSEL_BODY = 'Of course! Here are three of our latest arrivals, each under $25:';

describe('Carousel (Meta\'s "Interactive media carousel messages")', () => {
	it("fields, URL buttons: Meta's example's interactive object byte for byte", async () => {
		const expected = fixture('carousel-url.json');
		const out = await build({
			...cloud,
			messageType: 'carousel',
			bodyText: CAROUSEL_BODY,
			carouselButtons: 'url',
			cards: {
				card: cardsFrom('carousel-url.json').map((card) => ({
					headerType: card.header.type,
					mediaUrl: card.header.url,
					body: card.body,
					buttonText: card.button!.title,
					buttonUrl: card.button!.url,
				})),
			},
		});
		const body = out.body as IDataObject;
		expect(JSON.stringify(body.interactive)).toBe(JSON.stringify(expected.interactive));
		// Meta writes the recipient without the "+"; the node writes it with one, as for every message.
		expect({ ...body, to: '16505551234' }).toEqual(expected);
	});

	it("fields and JSON, quick replies: Meta's example's interactive object byte for byte", async () => {
		const expected = JSON.stringify(fixture('carousel-quick-reply.json').interactive);
		const cards = cardsFrom('carousel-quick-reply.json');
		const fromFields = await build({
			...cloud,
			messageType: 'carousel',
			bodyText: CAROUSEL_BODY,
			cards: {
				card: cards.map((card) => ({
					mediaUrl: card.header.url,
					body: card.body,
					replyId1: card.buttons![0].id,
					replyTitle1: card.buttons![0].title,
					replyId2: card.buttons![1].id,
					replyTitle2: card.buttons![1].title,
				})),
			},
		});
		const fromJson = await build(json({ type: 'carousel', body: CAROUSEL_BODY, cards }));
		expect(JSON.stringify((fromFields.body as IDataObject).interactive)).toBe(expected);
		expect(JSON.stringify((fromJson.body as IDataObject).interactive)).toBe(expected);
	});

	const card = (k: number, extra: IDataObject = {}) => ({
		header: { type: 'image', url: `https://example.com/${k}.jpg` },
		buttons: [{ id: `c${k}`, title: 'Pick' }],
		...extra,
	});

	it('limits: 2 and 10 cards accepted; 1 and 11 refused; card text 160 and 2 line breaks', async () => {
		for (const n of [2, 10])
			expect(
				(
					await build(
						json({
							type: 'carousel',
							body: 'b',
							cards: Array.from({ length: n }, (_, k) => card(k)),
						}),
					)
				).body,
			).toBeDefined();
		expect(await problems(json({ type: 'carousel', body: 'b', cards: [card(0)] }))).toContain(
			'Cards: 1 given; add at least 2 (up to 10)',
		);
		expect(
			await problems(
				json({ type: 'carousel', body: 'b', cards: Array.from({ length: 11 }, (_, k) => card(k)) }),
			),
		).toContain('Cards: 11 given; the limit is 10, remove 1');
		expect(
			(
				await build(
					json({
						type: 'carousel',
						body: 'b',
						cards: [card(0, { body: 't'.repeat(160) }), card(1, { body: 'a\nb\nc' })],
					}),
				)
			).body,
		).toBeDefined();
		const said = await problems(
			json({
				type: 'carousel',
				body: 'b'.repeat(1025),
				cards: [card(0, { body: 't'.repeat(161) }), card(1, { body: 'a\nb\nc\nd' })],
			}),
		);
		expect(said).toContain('is 1025 characters; the limit is 1024');
		expect(said).toContain('Card 1 text "');
		expect(said).toContain('is 161 characters; the limit is 160');
		expect(said).toContain('Card 2 text has 3 line breaks; the limit is 2');
	});

	it('buttons: none, both kinds, a card unlike the first, a repeated ID, a page that is not a link; a document header', async () => {
		const said = await problems(
			json({
				type: 'carousel',
				body: 'b',
				cards: [
					card(0, {
						buttons: [
							{ id: 'a', title: 'A' },
							{ id: 'b', title: 'B' },
						],
					}),
					card(1, { buttons: [{ id: 'a', title: 'A' }] }),
					card(2, { buttons: undefined }),
					card(3, { button: { title: 'Go', url: 'https://e.com' } }),
					card(4, { buttons: undefined, button: { title: 'Go', url: 'e.com' } }),
				],
			}),
		);
		expect(said).toContain(
			'Card 2 has 1 quick-reply button and card 1 has 2 quick-reply buttons; every card of a carousel needs the same buttons',
		);
		expect(said).toContain(
			'Card 3 has no button; give it one URL button or one or more quick-reply buttons',
		);
		expect(said).toContain(
			'Card 4 has a URL button and quick-reply buttons; give it one or the other',
		);
		expect(said).toContain('Card 5 has a URL button and card 1 has 2 quick-reply buttons');
		expect(said).toContain('Card 5 button URL "e.com" is not an http:// or https:// link');
		expect(said).toContain('Card 2 quick reply 1 ID');
		expect(
			await problems(
				json({
					type: 'carousel',
					body: 'b',
					cards: [card(0, { header: { type: 'document', url: 'https://e.com/a.pdf' } }), card(1)],
				}),
			),
		).toContain('Card 1 header type must be "image" or "video"');
	});

	it('fields: the first quick reply is required, the second only when given; each card reads its Media Type', async () => {
		const said = await problems({
			...cloud,
			messageType: 'carousel',
			bodyText: 'b',
			cards: {
				card: [
					{ mediaUrl: 'https://e.com/1.jpg' },
					{ mediaUrl: 'https://e.com/2.mp4', headerType: 'video', replyId1: 'x', replyTitle1: 'X' },
				],
			},
		});
		expect(said).toContain('Card 1 quick reply 1 ID is empty');
		expect(said).toContain('Card 1 quick reply 1 title is empty');
		expect(said).not.toContain('quick reply 2');
	});
});

describe("Product, Product List and Catalog (Meta's catalog message pages)", () => {
	it("Catalog: fields and JSON give Meta's example byte for byte", async () => {
		const expected = JSON.stringify(fixture('catalog.json'));
		const body =
			'Hello! Thanks for your interest. Ordering is easy. Just visit our catalog and add items to purchase.';
		const fromFields = await build({
			...cloud,
			messageType: 'catalog',
			bodyText: body,
			footerText: 'Best grocery deals on WhatsApp!',
			thumbnailProductRetailerId: '2lc20305pt',
		});
		const fromJson = await build(
			json({
				type: 'catalog',
				body,
				footer: 'Best grocery deals on WhatsApp!',
				thumbnailProductRetailerId: '2lc20305pt',
			}),
		);
		expect(JSON.stringify(fromFields.body)).toBe(expected);
		expect(JSON.stringify(fromJson.body)).toBe(expected);
	});

	it("Product: Meta's request object byte for byte; body and footer optional", async () => {
		const out = await build({
			...cloud,
			messageType: 'product',
			bodyText: 'BODY_TEXT',
			footerText: 'FOOTER_TEXT',
			catalogId: 'CATALOG_ID',
			productRetailerId: 'ID_TEST_ITEM_1',
		});
		expect(JSON.stringify(out.body)).toBe(JSON.stringify(fixture('product.json')));
		const bare = await build(json({ type: 'product', catalogId: '1', productRetailerId: 'sku' }));
		expect((bare.body as IDataObject).interactive).toEqual({
			type: 'product',
			action: { catalog_id: '1', product_retailer_id: 'sku' },
		});
	});

	it("Product List: Meta's request object byte for byte from JSON; fields group products by section", async () => {
		const expected = fixture('product-list.json');
		const section = { title: 'SECTION_TITLE', productRetailerIds: ['PRODUCT-SKU', 'PRODUCT-SKU'] };
		const fromJson = await build(
			json({
				type: 'productList',
				header: 'HEADER_CONTENT',
				body: 'BODY_CONTENT',
				footer: 'FOOTER_CONTENT',
				catalogId: 'CATALOG_ID',
				sections: [section, section],
			}),
		);
		expect(JSON.stringify(fromJson.body)).toBe(JSON.stringify(expected));
		const fromFields = await build({
			...cloud,
			messageType: 'productList',
			headerText: 'Our picks',
			bodyText: 'Take a look',
			catalogId: '42',
			products: {
				product: [
					{ section: 'Fruit', productRetailerId: 'apple' },
					{ section: 'Veg', productRetailerId: 'leek' },
					{ section: 'Fruit', productRetailerId: 'pear' },
				],
			},
		});
		expect(((fromFields.body as IDataObject).interactive as IDataObject).action).toEqual({
			catalog_id: '42',
			sections: [
				{
					title: 'Fruit',
					product_items: [{ product_retailer_id: 'apple' }, { product_retailer_id: 'pear' }],
				},
				{ title: 'Veg', product_items: [{ product_retailer_id: 'leek' }] },
			],
		});
	});

	it('limits: 30 products and 10 sections accepted, 31 and 11 refused; titles with more than one section; header 60', async () => {
		const list = (sections: unknown[], header = 'H') =>
			json({ type: 'productList', header, body: 'b', catalogId: '1', sections });
		const skus = (n: number, from = 0) => Array.from({ length: n }, (_, k) => `sku-${from + k}`);
		expect(
			(
				await build(
					list(
						Array.from({ length: 10 }, (_, s) => ({
							title: `S${s}`,
							productRetailerIds: skus(3, s * 3),
						})),
					),
				)
			).body,
		).toBeDefined();
		const said = await problems(
			list(
				[
					...Array.from({ length: 10 }, (_, s) => ({
						title: `S${s}`,
						productRetailerIds: skus(3, s * 3),
					})),
					{ productRetailerIds: ['one-more'] },
				],
				'h'.repeat(61),
			),
		);
		expect(said).toContain('Product sections: 11 given; the limit is 10, remove 1');
		expect(said).toContain('Products: 31 given; the limit is 30 across all sections, remove 1');
		expect(said).toContain('Section 11 title is empty');
		expect(said).toContain('is 61 characters; the limit is 60');
		expect(await problems(list([{ title: 'x'.repeat(25), productRetailerIds: [] }]))).toContain(
			'Section 1 has no products; add at least one product retailer ID',
		);
	});

	it('what each needs: a catalog and a product ID; a catalog message its body', async () => {
		const said = await problems({
			...cloud,
			messageType: 'product',
			catalogId: '',
			productRetailerId: ' ',
		});
		expect(said).toContain('Catalog ID is empty');
		expect(said).toContain('Product retailer ID is only spaces');
		expect(await problems({ ...cloud, messageType: 'catalog', bodyText: '' })).toContain(
			'Body is empty',
		);
	});
});

describe('providers that do not document them', () => {
	it('a message of such a type says so, even when it is malformed, instead of its structural problems', async () => {
		const said = await problems(
			json(
				{ type: 'carousel', body: 'b', buttons: [] },
				{ provider: 'messangi', to: '+1000000002', from: '1000000001' },
			),
		);
		expect(said).toContain(
			'Messangi takes no carousel messages ("type": "carousel"); WhatsApp Cloud API does',
		);
		expect(said).not.toContain('Cards is missing');
		expect(said).not.toContain('Unknown field');
	});

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

	const visible = (values: INodeParameters) =>
		visibleParameters(description, values, description.defaultVersion ?? 1);

	const optionsOf = (name: string, values: INodeParameters) =>
		shownOptions(description, name, values);

	it('only the Cloud API offers them, and not in Send and Wait', () => {
		for (const dialect of DIALECTS) {
			const offered = optionsOf('messageType', { provider: dialect.id, operation: 'send' });
			const cloud = dialect.id === 'whatsAppCloud';
			expect(offered.includes('ctaUrl')).toBe(cloud);
			expect(offered.includes('locationRequest')).toBe(cloud);
			expect(offered.includes('flow')).toBe(cloud);
			expect(offered.includes('carousel')).toBe(cloud);
			for (const type of ['product', 'productList', 'catalog'])
				expect(offered.includes(type)).toBe(cloud);
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

	it('Carousel: its Body, Card Buttons and Cards; no header, footer, reply buttons or rows', () => {
		const shown = visible({
			provider: 'whatsAppCloud',
			operation: 'send',
			messageType: 'carousel',
		});
		expect(shown).toEqual(expect.arrayContaining(['bodyText', 'carouselButtons', 'cards']));
		for (const name of ['headerType', 'footerText', 'buttons', 'rows', 'flowId', 'ctaButtonText'])
			expect(shown).not.toContain(name);
		const cards = description.properties.find((p) => p.name === 'cards')!;
		const values = (cards.options as Array<{ values: Array<{ name: string }> }>)[0].values;
		expect(values.map((v) => v.name)).toEqual([
			'headerType',
			'mediaUrl',
			'body',
			'replyId1',
			'replyTitle1',
			'replyId2',
			'replyTitle2',
			'buttonText',
			'buttonUrl',
		]);
	});

	it('Product, Product List, Catalog: each its own fields', () => {
		const shownFor = (messageType: string) =>
			visible({ provider: 'whatsAppCloud', operation: 'send', messageType });
		expect(shownFor('product')).toEqual(
			expect.arrayContaining(['bodyText', 'footerText', 'catalogId', 'productRetailerId']),
		);
		expect(shownFor('productList')).toEqual(
			expect.arrayContaining(['headerText', 'bodyText', 'footerText', 'catalogId', 'products']),
		);
		expect(shownFor('catalog')).toEqual(
			expect.arrayContaining(['bodyText', 'footerText', 'thumbnailProductRetailerId']),
		);
		for (const type of ['product', 'productList', 'catalog'])
			for (const name of ['headerType', 'buttons', 'rows', 'cards', 'flowId'])
				expect(shownFor(type)).not.toContain(name);
		expect(shownFor('catalog')).not.toContain('catalogId');
		expect(shownFor('product')).not.toContain('headerText');
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
