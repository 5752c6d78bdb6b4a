/**
 * An inbound message in WhatsApp's own form, as Meta's "messages" webhook reference documents it:
 * `type` names the message type and an object of the same name holds it (`text: { body }`,
 * `image: { id, url, mime_type, sha256, caption }`, `document: { …, filename }`,
 * `audio: { …, voice }`, `sticker: { …, animated }`, `location: { latitude, longitude, name, address,
 * url }`, `contacts: [ … ]`, `reaction: { message_id, emoji }`, `order: { catalog_id, text,
 * product_items }`, `button: { text, payload }`, `interactive: { type, … }`, `system: { type, body,
 * wa_id, user_id }`, `unsupported: { type }`), with `errors[]` on unsupported messages and
 * `context: { id, forwarded, frequently_forwarded }`.
 *
 * Every field is read in Meta's snake case and, for providers that pass the format on in camel
 * case (Messangi, docs/providers.md), in camel case too. Keys come from the callback, so every
 * lookup is an own-key lookup.
 */
import type { IDataObject } from 'n8n-workflow';
import type { EventFlow } from '../../model/event';
import {
	flag,
	inboundType,
	readContacts,
	readErrors,
	readLocation,
	type InboundMedia,
	type InboundMessage,
} from '../../model/inbound';
import { isRecord, numeric, own, text } from '../../model/values';

/** `snake_case` → `snakeCase`. */
export function camel(name: string): string {
	return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** `record[name]` in snake or camel case, own keys only. */
export function field(record: IDataObject, name: string): unknown {
	const value = own(record, name);
	if (value !== undefined && value !== null) return value;
	const alt = camel(name);
	return alt === name ? undefined : own(record, alt);
}

function object(record: IDataObject, name: string): IDataObject | null {
	const value = field(record, name);
	return isRecord(value) ? value : null;
}

const MEDIA_TYPES: ReadonlySet<string> = new Set([
	'image',
	'audio',
	'video',
	'document',
	'sticker',
]);

/** The message's declared type (`type`), or `null` when it declares none. */
export function declaredType(message: IDataObject): string | null {
	return text(own(message, 'type'));
}

/** A media object: id, url (or `link`), MIME type, file name, size, SHA-256, voice, animated. */
export function readMedia(part: IDataObject): InboundMedia {
	const media: InboundMedia = {
		id: text(field(part, 'id')),
		url: text(field(part, 'url')) ?? text(field(part, 'link')),
		mimeType: text(field(part, 'mime_type')),
		fileName: text(field(part, 'filename')),
		size: numeric(field(part, 'file_size')),
		sha256: text(field(part, 'sha256')),
	};
	const voice = flag(field(part, 'voice'));
	if (voice !== null) media.voice = voice;
	const animated = flag(field(part, 'animated'));
	if (animated !== null) media.animated = animated;
	return media;
}

/**
 * The neutral message of a WhatsApp-form message. `type` is taken from `type` (or `fallbackType`
 * when the message declares none); each part is read from the object of its name.
 */
export function readWhatsAppMessage(message: IDataObject, fallbackType?: string): InboundMessage {
	const declared = declaredType(message) ?? fallbackType ?? null;
	const type = inboundType(declared);
	const raw =
		declared === null
			? undefined
			: (field(message, declared) ?? field(message, declared.toLowerCase()));
	const part = isRecord(raw) ? raw : null;
	const out: InboundMessage = { type };

	if (type === 'text') {
		out.text = part !== null ? text(field(part, 'body')) : text(raw);
	} else if (MEDIA_TYPES.has(type) && part !== null) {
		out.media = readMedia(part);
		if (type !== 'audio' && type !== 'sticker') out.caption = text(field(part, 'caption'));
	} else if (type === 'location' && part !== null) {
		const location = readLocation(part);
		if (location !== null) out.location = location;
	} else if (type === 'contacts') {
		out.contacts = readContacts(raw);
	} else if (type === 'reaction' && part !== null) {
		out.reaction = {
			emoji: text(field(part, 'emoji')) ?? '',
			messageId: text(field(part, 'message_id')),
		};
	} else if (type === 'order' && part !== null) {
		const items = field(part, 'product_items');
		out.order = {
			catalogId: text(field(part, 'catalog_id')),
			text: text(field(part, 'text')),
			items: (Array.isArray(items) ? items : []).filter(isRecord).map((item) => ({
				productRetailerId: text(field(item, 'product_retailer_id')),
				quantity: numeric(field(item, 'quantity')),
				itemPrice: numeric(field(item, 'item_price')),
				currency: text(field(item, 'currency')),
			})),
		};
	} else if (type === 'button' && part !== null) {
		out.button = { text: text(field(part, 'text')), payload: text(field(part, 'payload')) };
	} else if (type === 'interactive' && part !== null) {
		out.interactive = { type: text(own(part, 'type')), raw: part };
	} else if (type === 'system' && part !== null) {
		out.system = {
			type: text(own(part, 'type')),
			body: text(own(part, 'body')),
			waId: text(field(part, 'wa_id')) ?? text(field(part, 'new_wa_id')),
			userId: text(field(part, 'user_id')),
		};
	} else if (type === 'unsupported' && part !== null) {
		out.unsupported = { type: text(own(part, 'type')) };
	}

	const errors = readErrors(own(message, 'errors'));
	if (errors.length > 0) out.errors = errors;

	const context = object(message, 'context');
	if (context !== null) {
		const forwarded = flag(field(context, 'forwarded'));
		if (forwarded !== null) out.forwarded = forwarded;
		const frequently = flag(field(context, 'frequently_forwarded'));
		if (frequently !== null) out.frequentlyForwarded = frequently;
	}
	return out;
}

/** `context.id`: the message this one answers or quotes. */
export function contextId(message: IDataObject): string | null {
	const context = object(message, 'context');
	return context === null ? null : text(field(context, 'id'));
}

/**
 * A WhatsApp Flow's reply (Meta's "Receiving a Flow response": `interactive.type: "nfm_reply"`,
 * `nfm_reply: { name: "flow", body: "Sent", response_json }`): the submitted fields, parsed from
 * `response_json` (a JSON string), and their `flow_token`. `null` for anything else, an address
 * message's `nfm_reply` included.
 */
export function readFlowReply(interactive: IDataObject): EventFlow | null {
	if (text(own(interactive, 'type')) !== 'nfm_reply') return null;
	const reply = object(interactive, 'nfm_reply');
	if (reply === null) return null;
	const name = text(field(reply, 'name'));
	if (name !== null && name !== 'flow') return null;
	const raw = field(reply, 'response_json');
	let response: IDataObject | null = null;
	if (typeof raw === 'string') {
		try {
			const parsed: unknown = JSON.parse(raw);
			response = isRecord(parsed) ? parsed : null;
		} catch {
			response = null;
		}
	} else if (isRecord(raw)) response = raw;
	return { token: response ? text(own(response, 'flow_token')) : null, response };
}
