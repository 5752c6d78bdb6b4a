/**
 * The normalised callback event (docs/providers.md): one n8n item per event, whatever the provider.
 * Dialects decode their callbacks into this shape; the trigger routes on `event`.
 */
import type { IDataObject } from 'n8n-workflow';
import type { InboundMessage } from './inbound';

export type EventKind = 'listReply' | 'buttonReply' | 'status' | 'message' | 'flowReply';

export type StatusState = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export const STATUS_STATES: readonly StatusState[] = [
	'queued',
	'sent',
	'delivered',
	'read',
	'failed',
];

export interface EventReply {
	id: string;
	title: string | null;
	description?: string | null;
}

export interface EventStatus {
	state: StatusState;
	providerStatus: string | null;
	code: number | null;
	error: string | null;
}

export interface EventFlow {
	token: string | null;
	response: IDataObject | null;
}

export interface NormalisedEvent {
	event: EventKind;
	/** The dialect's id (the `provider` parameter's value). */
	provider: string;
	messageId: string | null;
	correlationId: string | null;
	from: string | null;
	to: string | null;
	timestamp: string | null;
	contactName: string | null;
	/**
	 * The user's business-scoped user id (Meta's BSUID, e.g. `US.13491208655302741918`), beside `from`
	 * (their phone number, which Meta may leave out). On every `message` event (`null` when the
	 * callback has none); on replies and statuses only when the callback gives one.
	 */
	userId?: string | null;
	reply?: EventReply;
	/**
	 * The provider's id of the message this one answers or quotes (Cloud API `context.id`), when its
	 * callback can say (absent for providers whose callbacks cannot).
	 */
	inReplyTo?: string | null;
	status?: EventStatus;
	/** `message` events: the text, or the caption of media (as before `message` existed). */
	text?: string | null;
	/** `message` and `flowReply` events: what the message holds, normalised (model/inbound.ts). */
	message?: InboundMessage;
	/**
	 * `flowReply` events: what the customer submitted in a WhatsApp Flow. `token` is the message's
	 * `flow_token` (the Flow's reply names no Flow: the token tells which it answers), `response`
	 * the submitted fields (Meta's `response_json`, parsed; `null` when it is not a JSON object).
	 */
	flow?: EventFlow;
	raw: IDataObject;
	/** Extra context some providers send with a whole batch (e.g. a `clientInfo`). */
	clientInfo?: IDataObject;
}

/**
 * What a dialect makes of one callback request body. `events` are the entries it understood;
 * `unrecognised` are entries (or the whole body) that match no known callback shape.
 */
export interface DecodedCallback {
	events: NormalisedEvent[];
	unrecognised: unknown[];
	/**
	 * Set when the body as a whole matches no callback shape of the provider: says what was
	 * expected. The trigger answers 400 with it and starts no execution.
	 */
	rejected?: string;
	/** Batch context that belongs on every item, unrecognised entries included (e.g. a `clientInfo`). */
	clientInfo?: IDataObject;
}
