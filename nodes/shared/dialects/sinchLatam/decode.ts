/**
 * Decodes Sinch LATAM callbacks (docs/providers.md) into normalised events. Sinch posts batches,
 * `{ total, data: [ … ], clientInfo }`; each entry is an inbound message (button reply, list reply,
 * or any other message: `message.type` TEXT, IMAGE, AUDIO, DOCUMENT, STICKER, BUTTON, ORDER with
 * `messageText`, `mediaUrl`, `mimeType`, `caption`, `location`, `contacts`) or a delivery status.
 * Entries that fit neither are returned as unrecognised.
 */
import type { IDataObject } from 'n8n-workflow';
import type { DecodedCallback, EventStatus, NormalisedEvent, StatusState } from '../../model/event';
import { inboundType, readContacts, readLocation, type InboundMessage } from '../../model/inbound';
import {
	child,
	constantCase,
	firstText,
	firstTimestamp,
	isRecord,
	numeric,
	text,
} from '../../model/values';

const EXPECTED =
	'Expected a Sinch LATAM callback: a JSON object {"total", "data": [ … ], "clientInfo"} whose ' +
	'entries are messages (with "source" and "message") or statuses (with "destination" and ' +
	'"sent", "delivered" or "read")';

/** Sinch's documented failure codes, with what each means for the person reading the item. */
export const SINCH_FAILURES: Readonly<Record<number, { status: string; reason: string }>> = {
	101: {
		status: 'EXPIRED',
		reason: 'The message expired before it could be delivered: the phone stayed unreachable.',
	},
	102: {
		status: 'CARRIER_COMMUNICATION_ERROR',
		reason: 'Sinch could not reach the WhatsApp network; the send can be retried later.',
	},
	103: { status: 'REJECTED_BY_CARRIER', reason: 'WhatsApp rejected the message.' },
	104: { status: 'NOT_DELIVERED', reason: 'The message was not delivered to the phone.' },
	202: {
		status: 'INVALID_DESTINATION_NUMBER',
		reason: 'The destination number is not valid or has no WhatsApp account.',
	},
	204: {
		status: 'DESTINATION_BLOCKED_BY_OPTOUT',
		reason: 'The recipient opted out of messages from this account.',
	},
	206: {
		status: 'INVALID_MESSAGE_LENGTH',
		reason: 'The message is empty or longer than WhatsApp allows.',
	},
	207: { status: 'INVALID_MESSAGE_TEXT', reason: 'The message text is not valid.' },
	209: {
		status: 'INVALID_CONTENT',
		reason: 'The message content is not valid; check media URLs and the interactive fields.',
	},
	210: {
		status: 'INVALID_SESSION',
		reason:
			'There is no open 24-hour conversation with this user; send an approved template first.',
	},
	211: {
		status: 'DESTINATION_BLOCKED_BY_OPTIN',
		reason: 'The recipient has not opted in to messages from this account.',
	},
	212: {
		status: 'DESTINATION_BLOCKED_BY_WHITELIST',
		reason: "The destination is not on the account's list of allowed numbers.",
	},
	311: {
		status: 'INTERNAL_ERROR',
		reason: 'Sinch had an internal error; retry later or contact Sinch support.',
	},
};

/** The table by code: own entries only (a Map), whatever code a callback carries. */
const FAILURE_BY_CODE: ReadonlyMap<number, { status: string; reason: string }> = new Map(
	Object.entries(SINCH_FAILURES).map(([code, failure]) => [Number(code), failure]),
);

const FAILURE_BY_NAME = new Map(
	Object.entries(SINCH_FAILURES).map(([code, failure]) => [
		failure.status,
		{ code: Number(code), ...failure },
	]),
);

/** Success codes and names, per state. */
const SUCCESS: ReadonlyArray<{ state: StatusState; code: number; status: string }> = [
	{ state: 'sent', code: 2, status: 'SENT_SUCCESS' },
	{ state: 'delivered', code: 4, status: 'DELIVERED_SUCCESS' },
	{ state: 'read', code: 5, status: 'READ_SUCCESS' },
];

const RANK: Record<StatusState, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/** Status stages Sinch reports, each as a flag plus `<stage>StatusCode`, `<stage>Status`, `<stage>At`, `<stage>Date`. */
const STAGES = ['sent', 'delivered', 'read'] as const;

// Failure names not in the table still read as failures when they say so.
const FAILURE_WORDS = /ERROR|FAIL|INVALID|BLOCKED|REJECTED|EXPIRED|NOT_DELIVERED/;

export function decodeSinchLatamCallback(body: unknown): DecodedCallback {
	let entries: unknown[];
	let clientInfo: IDataObject | undefined;
	let isBatch = false;
	if (isRecord(body) && (Array.isArray(body.data) || isRecord(body.data))) {
		entries = Array.isArray(body.data) ? body.data : [body.data];
		clientInfo = isRecord(body.clientInfo) ? body.clientInfo : undefined;
		isBatch = true;
	} else if (Array.isArray(body)) {
		entries = body;
	} else if (isRecord(body)) {
		entries = [body];
	} else {
		return { events: [], unrecognised: [body], rejected: EXPECTED };
	}

	const events: NormalisedEvent[] = [];
	const unrecognised: unknown[] = [];
	for (const entry of entries) {
		const event = decodeEntry(entry);
		if (event === null) {
			unrecognised.push(entry);
		} else {
			if (clientInfo !== undefined) event.clientInfo = clientInfo;
			events.push(event);
		}
	}

	const decoded: DecodedCallback = { events, unrecognised };
	if (clientInfo !== undefined) decoded.clientInfo = clientInfo;
	// A batch envelope is a callback even when no entry is understood; a bare body must match.
	if (!isBatch && events.length === 0 && unrecognised.length > 0) decoded.rejected = EXPECTED;
	return decoded;
}

function decodeEntry(entry: unknown): NormalisedEvent | null {
	if (!isRecord(entry)) return null;
	if (isRecord(entry.message) || text(entry.source) !== null) return decodeInbound(entry);
	return decodeStatus(entry);
}

function decodeInbound(entry: IDataObject): NormalisedEvent {
	const message = child(entry, 'message');
	const profile = child(entry, 'userProfile');
	const from = text(entry.source) ?? text(profile.whatsAppId);
	const base: NormalisedEvent = {
		event: 'message',
		provider: 'sinchLatam',
		messageId: text(entry.id),
		correlationId: text(entry.correlationId),
		from,
		to: text(entry.origin),
		timestamp: firstTimestamp([entry.receivedAt, entry.receivedDate]),
		contactName: text(profile.name),
		raw: entry,
	};
	// Sinch names no field for business-scoped user ids; it says they arrive where numbers did.
	const userId = bsuid(from) ?? bsuid(text(profile.whatsAppId));
	if (userId !== null) base.userId = userId;

	// Classify on message.interactive, not on message.type (docs/providers.md).
	const interactive = child(message, 'interactive');
	const kind = constantCase(text(interactive.type) ?? '');
	const button = isRecord(interactive.buttonReply)
		? interactive.buttonReply
		: child(interactive, 'button_reply');
	const list = isRecord(interactive.listReply)
		? interactive.listReply
		: child(interactive, 'list_reply');

	if (kind === 'BUTTON_REPLY' || (kind === '' && Object.keys(button).length > 0)) {
		const id = firstText(button, ['payload', 'id']) ?? text(button.title);
		if (id !== null) {
			return {
				...base,
				event: 'buttonReply',
				reply: { id, title: text(button.title) ?? text(message.messageText), description: null },
			};
		}
	}
	if (kind === 'LIST_REPLY' || (kind === '' && Object.keys(list).length > 0)) {
		const id = firstText(list, ['rowIdentifier', 'id', 'identifier']);
		if (id !== null) {
			return {
				...base,
				event: 'listReply',
				reply: {
					id,
					title: firstText(list, ['rowTitle', 'title']) ?? text(message.messageText),
					description: firstText(list, ['rowDescription', 'description']),
				},
			};
		}
	}
	return {
		...base,
		userId,
		text: firstText(message, ['messageText', 'caption', 'text']) ?? text(entry.message),
		message: inboundMessage(entry),
	};
}

/**
 * A business-scoped user id, as Sinch LATAM's page writes them (`US.13491208655302741918`: a
 * country code, a period, letters and digits), or `null` for anything else (a phone number).
 */
export function bsuid(value: string | null): string | null {
	return value !== null && /^[A-Z]{2}\.[A-Za-z0-9.]+$/.test(value.trim()) ? value.trim() : null;
}

/** The message part of an inbound entry (the callback page's Message table). */
function inboundMessage(entry: IDataObject): InboundMessage {
	const message = child(entry, 'message');
	const location = isRecord(message.location) ? readLocation(message.location) : null;
	const contacts = readContacts(message.contacts);
	const given = text(message.type);
	const type =
		given !== null
			? inboundType(given)
			: location !== null
				? 'location'
				: contacts.length > 0
					? 'contacts'
					: text(message.mediaUrl) !== null
						? 'unknown'
						: text(message.messageText) !== null || text(entry.message) !== null
							? 'text'
							: 'unknown';
	const out: InboundMessage = { type };
	const body = text(message.messageText) ?? text(entry.message);
	if (body !== null) out.text = body;
	const caption = text(message.caption);
	if (caption !== null) out.caption = caption;
	const url = text(message.mediaUrl);
	const mimeType = text(message.mimeType);
	if (url !== null || mimeType !== null)
		out.media = { id: null, url, mimeType, fileName: null, size: null, sha256: null };
	if (location !== null) out.location = location;
	if (contacts.length > 0) out.contacts = contacts;
	if (type === 'button') out.button = { text: body, payload: null };
	return out;
}

interface StageSignal {
	state: StatusState;
	status: string | null;
	code: number | null;
	when: unknown[];
}

function decodeStatus(entry: IDataObject): NormalisedEvent | null {
	const signals = STAGES.map((stage) => readStage(entry, stage)).filter(
		(signal): signal is StageSignal => signal !== null,
	);
	if (signals.length === 0) return null;

	const failure = signals.find((signal) => signal.state === 'failed');
	const decisive =
		failure ??
		signals.reduce((best, signal) => (RANK[signal.state] > RANK[best.state] ? signal : best));

	const status: EventStatus = {
		state: decisive.state,
		providerStatus: decisive.status,
		code: decisive.code,
		error: failure ? failureReason(failure) : null,
	};
	return {
		event: 'status',
		provider: 'sinchLatam',
		messageId: text(entry.id),
		correlationId: text(entry.correlationId),
		from: text(entry.origin),
		to: text(entry.destination),
		timestamp: firstTimestamp([
			...decisive.when,
			...signals.flatMap((signal) => signal.when),
			entry.receivedAt,
			entry.receivedDate,
		]),
		contactName: text(child(entry, 'userProfile').name),
		status,
		raw: entry,
	};
}

/** What one stage (`sent`, `delivered`, `read`) of a status entry says, or `null` when it says nothing. */
function readStage(entry: IDataObject, stage: (typeof STAGES)[number]): StageSignal | null {
	const code = numeric(entry[`${stage}StatusCode`]);
	const given = text(entry[`${stage}Status`]);
	const name = given === null ? null : constantCase(given);
	const when = [entry[`${stage}At`], entry[`${stage}Date`]];

	if (
		(code !== null && (code >= 100 || FAILURE_BY_CODE.has(code))) ||
		(name !== null && isFailureName(name))
	) {
		const known = code !== null ? FAILURE_BY_CODE.get(code) : undefined;
		const byName = name !== null ? FAILURE_BY_NAME.get(name) : undefined;
		return {
			state: 'failed',
			status: given ?? known?.status ?? null,
			code: code ?? byName?.code ?? null,
			when,
		};
	}
	const success =
		SUCCESS.find((s) => s.code === code) ??
		SUCCESS.find((s) => name !== null && (s.status === name || s.state.toUpperCase() === name)) ??
		(isTrue(entry[stage]) ? SUCCESS.find((s) => s.state === stage) : undefined);
	if (success === undefined) return null;
	return {
		state: success.state,
		status: given ?? (code !== null ? success.status : null),
		code: code ?? (given !== null ? success.code : null),
		when,
	};
}

function isFailureName(name: string): boolean {
	return FAILURE_BY_NAME.has(name) || FAILURE_WORDS.test(name);
}

function isTrue(value: unknown): boolean {
	return value === true || value === 'true' || value === 'TRUE';
}

function failureReason(signal: StageSignal): string {
	const known =
		(signal.code !== null ? FAILURE_BY_CODE.get(signal.code) : undefined) ??
		(signal.status !== null ? FAILURE_BY_NAME.get(constantCase(signal.status)) : undefined);
	if (known) return known.reason;
	const what = signal.status ?? 'a failure';
	return `Sinch reported ${what}${signal.code !== null ? ` (code ${signal.code})` : ''}; see Sinch's status codes or ask Sinch support.`;
}
