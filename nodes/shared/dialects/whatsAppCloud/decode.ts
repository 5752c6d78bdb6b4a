/**
 * Decodes Cloud API webhooks (Meta's "messages" webhook reference: every inbound message type,
 * interactive replies, statuses) into normalised events. The body is `{ object:
 * "whatsapp_business_account", entry: [...] }`; every `entry[].changes[].value` may carry
 * `messages[]` (replies, text, media…) and `statuses[]` (sent, delivered, read, failed with
 * `errors[]`). The message types are read by `../whatsapp/inbound.ts`. Business-scoped user ids:
 * `messages[].from_user_id`, `statuses[].recipient_user_id` and `contacts[].user_id`
 * (docs/providers.md says where those names come from).
 */
import type { IDataObject } from 'n8n-workflow';
import type { DecodedCallback, EventStatus, NormalisedEvent, StatusState } from '../../model/event';
import { child, firstText, firstTimestamp, isRecord, numeric, text } from '../../model/values';
import { contextId, readFlowReply, readWhatsAppMessage } from '../whatsapp/inbound';
import { expandWebhookEnvelope, findContact, type WebhookItem } from '../whatsapp/webhook';
import { WINDOW_CLOSED_CODE } from './response';

const EXPECTED =
	'Expected a WhatsApp Cloud API webhook: a JSON object {"object": "whatsapp_business_account", "entry": [ … ]} ' +
	'whose entry[].changes[].value has "messages" or "statuses"';

/** Meta's status names. A Map: a name like `constructor` is no state. */
const STATES: ReadonlyMap<string, StatusState> = new Map([
	['sent', 'sent'],
	['delivered', 'delivered'],
	['read', 'read'],
	['failed', 'failed'],
]);

export function decodeWhatsAppCloudCallback(body: unknown): DecodedCallback {
	if (!isRecord(body) || !Array.isArray(body.entry))
		return { events: [], unrecognised: [body], rejected: EXPECTED };
	const events: NormalisedEvent[] = [];
	const unrecognised: unknown[] = [];
	for (const item of expandWebhookEnvelope(body.entry)) {
		const event = isRecord(item.value)
			? item.kind === 'message'
				? decodeMessage(item.value, item)
				: decodeStatus(item.value, item)
			: null;
		if (event === null) unrecognised.push(item.value);
		else events.push(event);
	}
	// Changes without messages or statuses (account updates, `errors` of the whole change) go to Other.
	for (const entry of body.entry) {
		for (const change of isRecord(entry) && Array.isArray(entry.changes) ? entry.changes : []) {
			const value = isRecord(change) ? child(change, 'value') : {};
			if (!Array.isArray(value.messages) && !Array.isArray(value.statuses))
				unrecognised.push(change);
		}
	}
	return { events, unrecognised };
}

function base(record: IDataObject, event: NormalisedEvent['event']): NormalisedEvent {
	return {
		event,
		provider: 'whatsAppCloud',
		messageId: text(record.id),
		correlationId: null,
		from: null,
		to: null,
		timestamp: firstTimestamp([record.timestamp]),
		contactName: null,
		raw: record,
	};
}

function decodeMessage(message: IDataObject, item: WebhookItem): NormalisedEvent | null {
	const from = text(message.from);
	const contact = findContact(item.contacts, from, text(message.from_user_id));
	// A user with a username may come without a phone number: the BSUID identifies them then.
	const userId = text(message.from_user_id) ?? contact?.userId ?? null;
	if (from === null && userId === null && text(message.id) === null) return null;
	const event: NormalisedEvent = {
		...base(message, 'message'),
		from,
		to: item.business,
		contactName: contact?.name ?? null,
	};
	if (userId !== null) event.userId = userId;
	const context = child(message, 'context');
	const interactive = child(message, 'interactive');
	const kind = text(interactive.type);
	const reply =
		kind === 'button_reply'
			? child(interactive, 'button_reply')
			: kind === 'list_reply'
				? child(interactive, 'list_reply')
				: null;
	const id = reply ? text(reply.id) : null;
	if (reply && id !== null) {
		return {
			...event,
			event: kind === 'list_reply' ? 'listReply' : 'buttonReply',
			reply: {
				id,
				title: text(reply.title),
				description: kind === 'list_reply' ? text(reply.description) : null,
			},
			inReplyTo: text(context.id),
		};
	}
	// A quick-reply button of a template: `type: "button"`, `button: { payload, text }`.
	const button = child(message, 'button');
	if (text(message.type) === 'button' && text(button.payload) !== null) {
		return {
			...event,
			event: 'buttonReply',
			reply: { id: text(button.payload)!, title: text(button.text), description: null },
			inReplyTo: text(context.id),
		};
	}
	// What a customer submitted in a WhatsApp Flow: an event of its own, with the fields parsed.
	const flow = readFlowReply(interactive);
	if (flow !== null) {
		return {
			...event,
			event: 'flowReply',
			userId,
			inReplyTo: contextId(message),
			text: null,
			message: readWhatsAppMessage(message),
			flow,
		};
	}
	const type = text(message.type);
	const media = type !== null ? child(message, type) : {};
	return {
		...event,
		userId,
		inReplyTo: contextId(message),
		text: text(child(message, 'text').body) ?? firstText(media, ['caption', 'body']),
		message: readWhatsAppMessage(message),
	};
}

function decodeStatus(status: IDataObject, item: WebhookItem): NormalisedEvent | null {
	const given = text(status.status);
	const state = given !== null ? STATES.get(given.toLowerCase()) : undefined;
	if (state === undefined) return null;
	const errors = Array.isArray(status.errors) ? status.errors.filter(isRecord) : [];
	const first = errors[0] ?? {};
	const detail: EventStatus = {
		state,
		providerStatus: given,
		code: numeric(first.code),
		error: state === 'failed' ? failure(first) : null,
	};
	const to = text(status.recipient_id);
	const userId =
		text(status.recipient_user_id) ?? findContact(item.contacts, to, null)?.userId ?? null;
	const event: NormalisedEvent = {
		...base(status, 'status'),
		correlationId: text(status.biz_opaque_callback_data),
		from: item.business,
		to,
		status: detail,
	};
	if (userId !== null) event.userId = userId;
	return event;
}

function failure(error: IDataObject): string {
	const title = firstText(error, ['title', 'message']);
	const details = text(child(error, 'error_data').details);
	const code = numeric(error.code);
	const said = [title, details && details !== title ? details : null]
		.filter((part) => part !== null)
		.join(': ');
	const reported = `${said || 'WhatsApp reported the message as failed'}${code !== null ? ` (code ${code}; see Meta's Cloud API error codes)` : ''}`;
	// 131047: sent after the 24-hour window closed (Meta often says so only here, after a 200).
	return code === WINDOW_CLOSED_CODE
		? `${reported}. The customer last wrote more than 24 hours ago: send an approved template (Send Template), or wait until they write.`
		: reported;
}
