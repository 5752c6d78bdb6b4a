/**
 * What an inbound message holds, whatever the provider (docs/callbacks.md, "Messages"): the neutral
 * message types, how a provider's type name becomes one, and readers for the parts that look the
 * same at every provider (a location, a contact card). Dialects fill `InboundMessage` from their
 * callbacks; every part is there only where it applies.
 */
import type { IDataObject } from 'n8n-workflow';
import { child, firstText, isRecord, numeric, own, text } from './values';

/** The neutral message types. A provider's type with no neutral name keeps its own name, lower-cased. */
export const INBOUND_TYPES = [
	'text',
	'image',
	'audio',
	'video',
	'document',
	'sticker',
	'location',
	'contacts',
	'reaction',
	'order',
	/** A template's quick-reply button (its text, and its payload where given). */
	'button',
	/** An interactive answer that is no button or list reply (e.g. a Flow's `nfm_reply`). */
	'interactive',
	/** A notice from WhatsApp about the user (changed number, changed user id). */
	'system',
	/** WhatsApp could not pass the message on (Meta's `unsupported`, with `errors`). */
	'unsupported',
	/** No type given, or Meta's `unknown`. */
	'unknown',
] as const;

export type InboundType = (typeof INBOUND_TYPES)[number];

/**
 * Provider type names → neutral type, for names that differ from the neutral one once lower-cased.
 * Sinch LATAM's upper-case names (TEXT, IMAGE, AUDIO, DOCUMENT, STICKER, BUTTON, ORDER) and Meta's
 * names are the neutral ones lower-cased, so nothing needs listing yet. A Map: a type called
 * `constructor` is no entry.
 */
const ALIASES: ReadonlyMap<string, InboundType> = new Map<string, InboundType>();

const NEUTRAL: ReadonlyMap<string, InboundType> = new Map(
	INBOUND_TYPES.map((type) => [type, type]),
);

/**
 * The neutral type for a provider's type name: its neutral name when there is one, else the
 * provider's own name lower-cased (spaces and dashes as `_`); `unknown` when none is given.
 */
export function inboundType(given: unknown): string {
	const name = text(given);
	if (name === null) return 'unknown';
	const key = name
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return ALIASES.get(key) ?? NEUTRAL.get(key) ?? key;
}

export interface InboundMedia {
	/** The provider's media id (Cloud API: download it with the media endpoint). */
	id: string | null;
	/** Where to download it (Sinch LATAM's `mediaUrl`; the Cloud API's `url` needs the token). */
	url: string | null;
	mimeType: string | null;
	/** Documents: the file name the user sent. */
	fileName: string | null;
	/** Bytes, where the provider says. */
	size: number | null;
	sha256: string | null;
	/** Audio: recorded as a voice message (Cloud API `audio.voice`), where given. */
	voice?: boolean;
	/** Stickers: animated (Cloud API `sticker.animated`), where given. */
	animated?: boolean;
}

export interface InboundLocation {
	latitude: number | null;
	longitude: number | null;
	name: string | null;
	address: string | null;
	/** A web page about the place, where given (Cloud API). */
	url?: string | null;
}

/** One shared contact card, reduced to what a workflow usually needs; `raw` keeps all of it. */
export interface InboundContact {
	/** The formatted name, or the name's parts joined. */
	name: string | null;
	phones: string[];
	emails: string[];
	raw: IDataObject;
}

export interface InboundReaction {
	/** The emoji; `''` when the user removed their reaction. */
	emoji: string;
	/** The message reacted to. */
	messageId: string | null;
}

export interface InboundOrderItem {
	productRetailerId: string | null;
	quantity: number | null;
	itemPrice: number | null;
	currency: string | null;
}

export interface InboundOrder {
	catalogId: string | null;
	text: string | null;
	items: InboundOrderItem[];
}

export interface InboundButton {
	text: string | null;
	payload: string | null;
}

export interface InboundInteractive {
	/** The provider's interactive type, e.g. `nfm_reply`. */
	type: string | null;
	raw: IDataObject;
}

export interface InboundSystem {
	type: string | null;
	body: string | null;
	/** The user's new phone number, where given. */
	waId: string | null;
	/** The user's new business-scoped user id, where given. */
	userId: string | null;
}

export interface InboundError {
	code: number | null;
	title: string | null;
	details: string | null;
}

export interface InboundMessage {
	/** One of INBOUND_TYPES, or the provider's own type name lower-cased. */
	type: string;
	text?: string | null;
	caption?: string | null;
	media?: InboundMedia;
	location?: InboundLocation;
	contacts?: InboundContact[];
	reaction?: InboundReaction;
	order?: InboundOrder;
	button?: InboundButton;
	interactive?: InboundInteractive;
	system?: InboundSystem;
	/** Meta's `unsupported.type`: what the user sent that WhatsApp could not pass on. */
	unsupported?: { type: string | null };
	/** Errors the provider attached to the message (Meta's `errors[]` on unsupported messages). */
	errors?: InboundError[];
	/** Forwarded by the user (Cloud API `context.forwarded`), where given. */
	forwarded?: boolean;
	/** Forwarded many times (Cloud API `context.frequently_forwarded`), where given. */
	frequentlyForwarded?: boolean;
}

/** `true` or `false`, also written as a string; anything else is `null`. */
export function flag(value: unknown): boolean | null {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	return null;
}

/** The first own key of `keys` in `record` (snake or camel case spellings of one field). */
export function pick(record: IDataObject, keys: readonly string[]): unknown {
	for (const key of keys) {
		const value = own(record, key);
		if (value !== undefined && value !== null) return value;
	}
	return undefined;
}

/**
 * A location: `latitude` and `longitude` (numbers, or strings holding one), or `geoPoint: "lat,lng"`
 * as Sinch LATAM writes it; `null` when the record says nothing of a place.
 */
export function readLocation(record: IDataObject): InboundLocation | null {
	let latitude = numeric(own(record, 'latitude'));
	let longitude = numeric(own(record, 'longitude'));
	const geoPoint = text(own(record, 'geoPoint'));
	if ((latitude === null || longitude === null) && geoPoint !== null) {
		const [lat, lng, ...rest] = geoPoint.split(',');
		if (rest.length === 0) {
			latitude = numeric(lat);
			longitude = numeric(lng);
		}
	}
	const location: InboundLocation = {
		latitude,
		longitude,
		name: text(own(record, 'name')),
		address: text(own(record, 'address')),
	};
	const url = text(own(record, 'url'));
	if (url !== null) location.url = url;
	const saysSomething =
		location.latitude !== null ||
		location.longitude !== null ||
		location.name !== null ||
		location.address !== null;
	return saysSomething ? location : null;
}

/**
 * Contact cards in WhatsApp's shape (`name.formatted_name`, `phones[].phone`, `emails[].email`), snake
 * or camel case; a card that is no object is skipped.
 */
export function readContacts(list: unknown): InboundContact[] {
	if (!Array.isArray(list)) return [];
	return list.filter(isRecord).map((card) => {
		const given = own(card, 'name');
		const name = isRecord(given)
			? (firstText(given, ['formatted_name', 'formattedName']) ??
				joined([
					pick(given, ['first_name', 'firstName']),
					pick(given, ['middle_name', 'middleName']),
					pick(given, ['last_name', 'lastName']),
				]))
			: text(given);
		return {
			name,
			phones: listOf(own(card, 'phones'), ['phone', 'wa_id', 'waId']),
			emails: listOf(own(card, 'emails'), ['email']),
			raw: card,
		};
	});
}

/** The Cloud API's error objects (`code`, `title`, `message`, `error_data.details`). */
export function readErrors(list: unknown): InboundError[] {
	if (!Array.isArray(list)) return [];
	return list.filter(isRecord).map((error) => ({
		code: numeric(own(error, 'code')),
		title: firstText(error, ['title', 'message']),
		details: text(child(error, 'error_data').details) ?? text(own(error, 'details')),
	}));
}

function joined(parts: unknown[]): string | null {
	const words = parts.map(text).filter((part): part is string => part !== null);
	return words.length > 0 ? words.join(' ') : null;
}

/** The text under the first of `keys` of each object in `list` (or each string in it). */
function listOf(list: unknown, keys: readonly string[]): string[] {
	if (!Array.isArray(list)) return [];
	const out: string[] = [];
	for (const item of list) {
		const value = isRecord(item) ? firstText(item, keys) : text(item);
		if (value !== null) out.push(value);
	}
	return out;
}
