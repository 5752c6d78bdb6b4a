/**
 * Decodes Messangi callbacks into normalised events. Only the status names are documented
 * (`./documented.ts`); the JSON shape of callbacks is not public (docs/providers.md), so
 * everything in this file is a heuristic, and each of these shapes is an ASSUMPTION:
 * - one object, a list, or either wrapped in `data`;
 * - WhatsApp's own webhook envelope (`entry[].changes[].value`), which Messangi may pass through
 *   (read with the shared, documented reader in `../whatsapp/webhook.ts`);
 * - replies in WhatsApp's `button_reply` / `list_reply` form, snake or camel case, at any depth,
 *   or a template button `{ payload, text }`;
 * - other messages in WhatsApp's form: a neutral `type` (text, image, … — model/inbound.ts) with an
 *   object of the same name, on the entry or in one of its containers, read with the shared reader
 *   (`../whatsapp/inbound.ts`, snake or camel case); the user's business-scoped user id under
 *   WhatsApp's `from_user_id` (`fromUserId`);
 * - statuses under one of STATUS_KEYS, ids, times, names and texts under the key lists below.
 */
import type { IDataObject } from 'n8n-workflow';
import type { DecodedCallback, EventReply, EventStatus, NormalisedEvent } from '../../model/event';
import { INBOUND_TYPES, type InboundMessage } from '../../model/inbound';
import { contextId, declaredType, field, readWhatsAppMessage } from '../whatsapp/inbound';
import { expandWebhookEnvelope, findContact, type WebhookContact } from '../whatsapp/webhook';
import { MESSANGI_FAILURES, STATE_BY_NAME } from './documented';

export { MESSANGI_FAILURES } from './documented';
import {
	child,
	constantCase,
	firstText,
	firstTimestamp,
	isRecord,
	numeric,
	own,
	text,
} from '../../model/values';

const EXPECTED =
	'Expected a Messangi callback: a JSON object (or a list of them, or either wrapped in "data") ' +
	'with a delivery "status" such as QUEUE, SENT, DELIVERED, READ or FAILED, a WhatsApp reply ' +
	'("button_reply" or "list_reply" with "id" and "title"), or a message with "from" and "text"';

// Failure names not in the table still read as failures when they say so.
const FAILURE_WORDS =
	/FAIL|ERROR|REJECT|BLACKLIST|BLOCK|INVALID|EXPIRE|UNDELIVER|NOT_DELIVERED|NOT_ALLOWED|EXCEEDED|INCOMPLETE/;

const STATUS_KEYS = [
	'status',
	'state',
	'statusName',
	'status_name',
	'messageStatus',
	'message_status',
	'deliveryStatus',
	'delivery_status',
	'event',
	'eventType',
	'event_type',
];
const ID_KEYS = [
	'messageId',
	'message_id',
	'messageUuid',
	'messageUUID',
	'notificationId',
	'notification_id',
	'wamid',
	'id',
	'uuid',
	'transactionId',
	'transaction_id',
];
const CORRELATION_KEYS = ['externalId', 'external_id', 'clientId', 'client_id'];
const FROM_KEYS = ['from', 'source', 'sender'];
/** WhatsApp's name for the sender's business-scoped user id, snake and camel case. */
const USER_ID_KEYS = ['from_user_id', 'fromUserId'];
const TO_KEYS = ['to', 'destination', 'recipient', 'recipient_id', 'recipientId', 'msisdn'];
const TIME_KEYS = [
	'timestamp',
	'date',
	'dateTime',
	'datetime',
	'statusDate',
	'status_date',
	'createdAt',
	'created_at',
	'updatedAt',
	'updated_at',
	'receivedAt',
	'time',
];
const NAME_KEYS = ['contactName', 'contact_name', 'profileName', 'profile_name'];
const TEXT_KEYS = ['text', 'body', 'messageText', 'message_text', 'message', 'content'];
const MEDIA_KEYS = ['image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts'];
/** The neutral types a WhatsApp-form message is recognised by (an unknown `type` is no message). */
const WHATSAPP_TYPES: ReadonlySet<string> = new Set<string>(INBOUND_TYPES);
const ERROR_TEXT_KEYS = [
	'errorMessage',
	'error_message',
	'errorDescription',
	'reason',
	'description',
	'detail',
	'details',
	'explain',
];
const CODE_KEYS = ['code', 'statusCode', 'status_code', 'errorCode', 'error_code'];

// Limits for walking unknown JSON, so that a huge or deeply nested body cannot stall the webhook.
const MAX_DEPTH = 8;
const MAX_VISITS = 2000;
const MAX_UNWRAP = 4;

/** One entry to decode, with context its envelope gave (WhatsApp's webhook: business number, contact names). */
interface Entry {
	value: unknown;
	business?: string | null;
	names?: Map<string, string>;
	contacts?: WebhookContact[];
}

export function decodeMessangiCallback(body: unknown): DecodedCallback {
	if (!isRecord(body) && !Array.isArray(body)) {
		return { events: [], unrecognised: [body], rejected: EXPECTED };
	}
	const entries = unwrap(body, 0);
	const events: NormalisedEvent[] = [];
	const unrecognised: unknown[] = [];
	for (const entry of entries) {
		const event = isRecord(entry.value) ? decodeEntry(entry.value, entry) : null;
		if (event === null) unrecognised.push(entry.value);
		else events.push(event);
	}
	const decoded: DecodedCallback = { events, unrecognised };
	if (events.length === 0 && unrecognised.length > 0) decoded.rejected = EXPECTED;
	return decoded;
}

/** Flattens lists, `data` wrappers and WhatsApp webhook envelopes into entries. */
function unwrap(value: unknown, depth: number): Entry[] {
	if (Array.isArray(value)) {
		return depth >= MAX_UNWRAP
			? value.map((v) => ({ value: v }))
			: value.flatMap((v) => unwrap(v, depth + 1));
	}
	if (!isRecord(value) || depth >= MAX_UNWRAP) return [{ value }];
	if (Array.isArray(value.entry)) {
		const expanded = expandWebhookEnvelope(value.entry);
		if (expanded.length > 0)
			return expanded.map(({ value: item, business, names, contacts }) => ({
				value: item,
				business,
				names,
				contacts,
			}));
	}
	// `data` wraps the callbacks unless the object is a callback by itself, without its `data`.
	const { data: inner, ...rest } = value;
	if ((Array.isArray(inner) || isRecord(inner)) && decodeEntry(rest, { value: rest }) === null) {
		return unwrap(inner, depth + 1);
	}
	return [{ value }];
}

function decodeEntry(record: IDataObject, entry: Entry): NormalisedEvent | null {
	const fields = new Fields(record);
	const reply = findReply(record);
	if (reply !== null) {
		const from = fields.pick(FROM_KEYS);
		return {
			...fields.base(reply.kind, entry),
			from,
			to: fields.pick(TO_KEYS) ?? text(child(record, 'context').from) ?? entry.business ?? null,
			contactName: fields.contactName(from, entry),
			reply: reply.reply,
		};
	}

	const status = readStatus(record, fields);
	if (status !== null) {
		const event: NormalisedEvent = {
			...fields.base('status', entry),
			from: fields.pick(FROM_KEYS) ?? entry.business ?? null,
			to: fields.pick(TO_KEYS),
			contactName: fields.contactName(null, entry),
			status,
		};
		// WhatsApp's name for the recipient's business-scoped user id, where the status has one.
		const userId = fields.pick(['recipient_user_id', 'recipientUserId']);
		if (userId !== null) event.userId = userId;
		return event;
	}

	const from = fields.pick(FROM_KEYS);
	const body = messageText(record);
	const mediaKey = MEDIA_KEYS.find((key) => isRecord(record[key]) || Array.isArray(record[key]));
	const whatsApp = fields.whatsAppForm();
	const userId = fields.userId(from, entry);
	if (
		(body !== null || mediaKey !== undefined || whatsApp !== null) &&
		(from !== null || userId !== null || fields.pick(ID_KEYS) !== null)
	) {
		const message = inboundMessage(record, whatsApp, mediaKey, body);
		return {
			...fields.base('message', entry),
			from,
			to: fields.pick(TO_KEYS) ?? entry.business ?? null,
			contactName: fields.contactName(from, entry, userId),
			userId,
			inReplyTo: (whatsApp !== null ? contextId(whatsApp) : null) ?? contextId(record),
			text: body ?? mediaCaption(record) ?? message.text ?? message.caption ?? null,
			message,
		};
	}
	return null;
}

/**
 * The message part: read from the WhatsApp-form container when there is one, else from the media
 * key found on the entry, else the text.
 */
function inboundMessage(
	record: IDataObject,
	whatsApp: IDataObject | null,
	mediaKey: string | undefined,
	body: string | null,
): InboundMessage {
	if (whatsApp !== null) return readWhatsAppMessage(whatsApp);
	if (mediaKey !== undefined)
		return readWhatsAppMessage({ type: mediaKey, [mediaKey]: record[mediaKey] });
	return { type: 'text', text: body };
}

/** Field lookups over the entry and the containers Messangi may nest them in. */
class Fields {
	private readonly sources: IDataObject[];

	constructor(private readonly record: IDataObject) {
		this.sources = [
			record,
			...['message', 'request', 'payload', 'notification'].map((key) => child(record, key)),
		];
	}

	pick(keys: readonly string[]): string | null {
		for (const source of this.sources) {
			const value = firstText(source, keys);
			if (value !== null) return value;
		}
		return null;
	}

	base(event: NormalisedEvent['event'], entry: Entry): NormalisedEvent {
		return {
			event,
			provider: 'messangi',
			messageId: this.pick(ID_KEYS),
			correlationId: this.pick(CORRELATION_KEYS),
			from: null,
			to: null,
			timestamp: firstTimestamp([
				...this.sources.flatMap((source) => TIME_KEYS.map((key) => source[key])),
				child(this.record, 'meta').timestamp,
			]),
			contactName: null,
			raw: entry.value as IDataObject,
		};
	}

	contactName(from: string | null, entry: Entry, userId: string | null = null): string | null {
		return (
			this.pick(NAME_KEYS) ??
			text(child(this.record, 'profile').name) ??
			text(child(this.record, 'contact').name) ??
			text(child(child(this.record, 'contact'), 'profile').name) ??
			text(child(this.record, 'userProfile').name) ??
			(from !== null ? (entry.names?.get(from) ?? null) : null) ??
			(userId !== null ? (entry.names?.get(userId) ?? null) : null)
		);
	}

	/** The sender's business-scoped user id: WhatsApp's `from_user_id`, or its envelope's contact. */
	userId(from: string | null, entry: Entry): string | null {
		return (
			this.pick(USER_ID_KEYS) ??
			(entry.contacts ? (findContact(entry.contacts, from, null)?.userId ?? null) : null)
		);
	}

	/**
	 * The entry, or the first of its containers, that is a message in WhatsApp's form: a neutral
	 * `type` and an own field of that name (snake or camel case).
	 */
	whatsAppForm(): IDataObject | null {
		for (const source of this.sources) {
			const type = declaredType(source);
			if (type === null || !WHATSAPP_TYPES.has(type.toLowerCase())) continue;
			const part = field(source, type.toLowerCase());
			if (part !== undefined && part !== null) return source;
		}
		return null;
	}
}

/** The shallowest WhatsApp reply object in the record, breadth first, within the walk limits. */
function findReply(
	record: IDataObject,
): { kind: 'buttonReply' | 'listReply'; reply: EventReply } | null {
	let level: unknown[] = [record];
	let visits = 0;
	for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
		const next: unknown[] = [];
		for (const node of level) {
			if (++visits > MAX_VISITS) return null;
			if (Array.isArray(node)) {
				next.push(...node);
				continue;
			}
			if (!isRecord(node)) continue;
			for (const [key, value] of Object.entries(node)) {
				if (!isRecord(value)) {
					if (Array.isArray(value)) next.push(value);
					continue;
				}
				const found = asReply(key, value);
				if (found !== null) return found;
				next.push(value);
			}
		}
		level = next;
	}
	return null;
}

function asReply(
	key: string,
	value: IDataObject,
): { kind: 'buttonReply' | 'listReply'; reply: EventReply } | null {
	const name = key.toLowerCase().replace(/[_-]/g, '');
	let kind: 'buttonReply' | 'listReply';
	if (name === 'buttonreply') kind = 'buttonReply';
	else if (name === 'listreply') kind = 'listReply';
	// A template quick-reply button: `button: { payload, text }`.
	else if (name === 'button' && text(value.payload) !== null) kind = 'buttonReply';
	else return null;

	const id = firstText(value, ['id', 'payload', 'rowIdentifier', 'row_identifier']);
	if (id === null) return null;
	return {
		kind,
		reply: {
			id,
			title: firstText(value, ['title', 'text', 'rowTitle', 'row_title']),
			description: firstText(value, ['description', 'rowDescription', 'row_description']),
		},
	};
}

function readStatus(record: IDataObject, fields: Fields): EventStatus | null {
	for (const source of [record, child(record, 'status'), child(record, 'request')]) {
		for (const key of STATUS_KEYS) {
			const value = source[key];
			const given = isRecord(value)
				? firstText(value, ['name', 'status', 'state', 'value'])
				: text(value);
			if (given === null) continue;
			const name = constantCase(given);
			const state = STATE_BY_NAME.get(name) ?? (FAILURE_WORDS.test(name) ? 'failed' : undefined);
			if (state === undefined) continue;
			return {
				state,
				providerStatus: given,
				code: statusCode(record, isRecord(value) ? value : {}),
				error: state === 'failed' ? failureMessage(record, name, fields) : null,
			};
		}
	}
	return null;
}

function statusCode(record: IDataObject, status: IDataObject): number | null {
	const firstError =
		Array.isArray(record.errors) && isRecord(record.errors[0]) ? record.errors[0] : {};
	for (const source of [status, record, child(record, 'error'), firstError]) {
		for (const key of CODE_KEYS) {
			const code = numeric(source[key]);
			if (code !== null) return code;
		}
	}
	return null;
}

function failureMessage(record: IDataObject, name: string, fields: Fields): string {
	const error = record.error;
	const firstError =
		Array.isArray(record.errors) && isRecord(record.errors[0]) ? record.errors[0] : {};
	const given =
		(isRecord(error)
			? firstText(error, ['message', 'title', 'description', 'detail'])
			: text(error)) ??
		fields.pick(ERROR_TEXT_KEYS) ??
		firstText(firstError, ['message', 'title']) ??
		text(child(firstError, 'error_data').details);
	const known = own(MESSANGI_FAILURES, name);
	if (given !== null && known !== undefined) return `${known} Messangi says: ${given}`;
	return (
		given ??
		known ??
		`Messangi reported ${name}; see its WhatsApp status list or ask Messangi support.`
	);
}

function messageText(record: IDataObject): string | null {
	for (const key of TEXT_KEYS) {
		const value = record[key];
		if (isRecord(value)) {
			const inner = firstText(value, ['body', 'text', 'messageText', 'message_text']);
			if (inner !== null) return inner;
		} else {
			const inner = text(value);
			if (inner !== null) return inner;
		}
	}
	return null;
}

function mediaCaption(record: IDataObject): string | null {
	for (const key of MEDIA_KEYS) {
		const caption = text(child(record, key).caption);
		if (caption !== null) return caption;
	}
	return null;
}
