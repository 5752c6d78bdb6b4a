/**
 * WhatsApp's `interactive` object (type `button` or `list`, `header`, `body`, `footer`, `action`),
 * as Meta documents it for the Cloud API. Providers that pass WhatsApp's format through send the
 * same object inside their own envelope. Also its `cta_url`, `location_request_message` and `flow`
 * types (Meta's "Interactive CTA URL button messages", "Location request messages" and "Sending a
 * Flow" pages), in the order of the pages' examples.
 */
import type { IDataObject } from 'n8n-workflow';
import type {
	CarouselMessage,
	CatalogMessage,
	ProductListMessage,
	ProductMessage,
	CtaUrlMessage,
	FlowMessage,
	Header,
	InteractiveMessage,
	LocationRequestMessage,
} from '../../model/message';

export function interactiveObject(message: InteractiveMessage): IDataObject {
	const out: IDataObject = { type: message.type === 'buttons' ? 'button' : 'list' };
	if (message.header) out.header = header(message.header);
	out.body = { text: message.body };
	if (message.footer !== undefined && message.footer !== '') out.footer = { text: message.footer };
	if (message.type === 'buttons') {
		out.action = {
			buttons: (message.buttons ?? []).map((b) => ({
				type: 'reply',
				reply: { id: b.id, title: b.title },
			})),
		};
	} else {
		const list = message.list!;
		out.action = {
			sections: list.sections.map((section) => ({
				title: section.title,
				rows: section.rows.map((row) => {
					const r: IDataObject = { id: row.id, title: row.title };
					if (row.description !== undefined && row.description !== '')
						r.description = row.description;
					return r;
				}),
			})),
			button: list.button,
		};
	}
	return out;
}

/** `cta_url`: header, body, the button as `action.parameters`, footer. */
export function ctaUrlObject(message: CtaUrlMessage): IDataObject {
	const out: IDataObject = { type: 'cta_url' };
	if (message.header) out.header = header(message.header);
	out.body = { text: message.body };
	out.action = {
		name: 'cta_url',
		parameters: { display_text: message.button.title, url: message.button.url },
	};
	if (message.footer !== undefined && message.footer !== '') out.footer = { text: message.footer };
	return out;
}

/** `location_request_message`: the body, and the `send_location` action WhatsApp draws as a button. */
export function locationRequestObject(message: LocationRequestMessage): IDataObject {
	return {
		type: 'location_request_message',
		body: { text: message.body },
		action: { name: 'send_location' },
	};
}

/**
 * `flow`: header, body, footer, and `action.parameters` as Meta's "Sending a Flow" page lists them:
 * `flow_message_version` "3", `flow_token`, `flow_id` or `flow_name`, `flow_cta`, `mode` (only for a
 * draft: published is the default), `flow_action` and `flow_action_payload` (`screen`, and `data`
 * as a JSON object serialised as a string, as that page's current text and example write it).
 */
export function flowObject(message: FlowMessage): IDataObject {
	const out: IDataObject = { type: 'flow' };
	if (message.header) out.header = header(message.header);
	out.body = { text: message.body };
	if (message.footer !== undefined && message.footer !== '') out.footer = { text: message.footer };
	const f = message.flow;
	const parameters: IDataObject = { flow_message_version: '3' };
	if (f.token !== undefined && f.token !== '') parameters.flow_token = f.token;
	if (f.id !== undefined && f.id.trim() !== '') parameters.flow_id = f.id.trim();
	else parameters.flow_name = (f.name ?? '').trim();
	parameters.flow_cta = f.cta;
	if (f.mode === 'draft') parameters.mode = 'draft';
	const screen = f.screen?.trim() ?? '';
	if (f.action === 'data_exchange') parameters.flow_action = 'data_exchange';
	else if (screen !== '' || f.data !== undefined) {
		parameters.flow_action = 'navigate';
		const payload: IDataObject = { screen };
		if (f.data !== undefined) payload.data = JSON.stringify(f.data);
		parameters.flow_action_payload = payload;
	}
	out.action = { name: 'flow', parameters };
	return out;
}

/**
 * `carousel` (Meta's "Interactive media carousel messages"): the body, then each card with its
 * `card_index`, `type: "cta_url"` (as both of the page's examples write it, quick replies included),
 * its image or video header, optional body, and either a URL button (`name: "cta_url"`) or
 * `buttons` of `type: "quick_reply"`.
 */
export function carouselObject(message: CarouselMessage): IDataObject {
	return {
		type: 'carousel',
		body: { text: message.body },
		action: {
			cards: message.cards.map((card, k) => {
				const out: IDataObject = {
					card_index: k,
					type: 'cta_url',
					header: { type: card.header.type, [card.header.type]: { link: card.header.url } },
				};
				if (card.body !== undefined && card.body !== '') out.body = { text: card.body };
				out.action = card.button
					? {
							name: 'cta_url',
							parameters: { display_text: card.button.title, url: card.button.url },
						}
					: {
							buttons: (card.buttons ?? []).map((b) => ({
								type: 'quick_reply',
								quick_reply: { id: b.id, title: b.title },
							})),
						};
				return out;
			}),
		},
	};
}

/**
 * `product` (Meta's "Single-product messages"): optional body and footer, and the product as
 * `action: { catalog_id, product_retailer_id }` (no `name`, no header).
 */
export function productObject(message: ProductMessage): IDataObject {
	const out: IDataObject = { type: 'product' };
	if (message.body !== undefined && message.body !== '') out.body = { text: message.body };
	if (message.footer !== undefined && message.footer !== '') out.footer = { text: message.footer };
	out.action = { catalog_id: message.catalogId, product_retailer_id: message.productRetailerId };
	return out;
}

/**
 * `product_list` (Meta's "Multi-product messages"): a text header, body, optional footer, and
 * `action: { catalog_id, sections: [{ title, product_items: [{ product_retailer_id }] }] }`.
 */
export function productListObject(message: ProductListMessage): IDataObject {
	const out: IDataObject = {
		type: 'product_list',
		header: { type: 'text', text: message.header },
		body: { text: message.body },
	};
	if (message.footer !== undefined && message.footer !== '') out.footer = { text: message.footer };
	out.action = {
		catalog_id: message.catalogId,
		sections: message.sections.map((section) => ({
			...(section.title !== undefined && section.title !== '' ? { title: section.title } : {}),
			product_items: section.productRetailerIds.map((id) => ({ product_retailer_id: id })),
		})),
	};
	return out;
}

/**
 * `catalog_message` (Meta's "Catalog messages"): body, `action: { name: "catalog_message",
 * parameters?: { thumbnail_product_retailer_id } }`, optional footer, in the order of its example.
 */
export function catalogObject(message: CatalogMessage): IDataObject {
	const out: IDataObject = { type: 'catalog_message', body: { text: message.body } };
	out.action = {
		name: 'catalog_message',
		...(message.thumbnailProductRetailerId
			? { parameters: { thumbnail_product_retailer_id: message.thumbnailProductRetailerId } }
			: {}),
	};
	if (message.footer !== undefined && message.footer !== '') out.footer = { text: message.footer };
	return out;
}

function header(h: Header): IDataObject {
	if (h.type === 'text') return { type: 'text', text: h.text };
	// The limits of every dialect that sends this object refuse location headers before encoding.
	if (h.type === 'location') return { type: 'location' };
	return { type: h.type, [h.type]: { link: h.url } };
}
