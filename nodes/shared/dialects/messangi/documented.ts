/**
 * What Messangi documents about its WhatsApp statuses (its "Interactive message" API page), kept
 * apart from the heuristics of `./decode.ts`. Names marked ASSUMED are not on that page.
 */
import type { StatusState } from '../../model/event';

/** Status names per state (compared in CONSTANT_CASE). */
const STATES: ReadonlyArray<[StatusState, readonly string[]]> = [
	// Documented: QUEUE, DEQUEUED, SENT. ASSUMED: the other spellings, DELIVERED and READ (usual in
	// WhatsApp's own statuses; Messangi's page names none for them).
	['queued', ['QUEUE', 'QUEUED', 'DEQUEUED', 'ENQUEUED', 'ACCEPTED', 'PENDING']],
	['sent', ['SENT', 'SENT_SUCCESS']],
	['delivered', ['DELIVERED', 'DELIVERED_SUCCESS']],
	['read', ['READ', 'READ_SUCCESS', 'SEEN']],
];
export const STATE_BY_NAME: ReadonlyMap<string, StatusState> = new Map(
	STATES.flatMap(([state, names]) => names.map((name) => [name, state] as const)),
);

/** Documented failures (FAILED is ASSUMED), with what each means for the person reading the item. */
export const MESSANGI_FAILURES: Readonly<Record<string, string>> = {
	CODE_NOT_ALLOWED: "The destination's country code is not allowed for this account.",
	INCOMPLETE: 'Messangi found the message request incomplete (a required field was missing).',
	BLACKLISTED: "The recipient is on this account's blacklist.",
	QUOTA_EXCEEDED:
		"The account's message quota is used up; raise it in Messangi or wait until it resets.",
	FAILED: 'Messangi reported the message as failed.',
};
