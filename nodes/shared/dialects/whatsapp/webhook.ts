/**
 * WhatsApp's own webhook envelope, as Meta documents it for the Cloud API and as providers that
 * pass WhatsApp's format through may forward it:
 * `{ object: "whatsapp_business_account", entry: [{ id, changes: [{ field: "messages", value }] }] }`
 * where `value` has `metadata` (the business number), `contacts` (the user's profile name, phone
 * number `wa_id` and business-scoped user id `user_id`), and `messages[]` or `statuses[]`.
 *
 * Business-scoped user ids (docs/providers.md, "WhatsApp Cloud API"): Meta adds `user_id` to
 * `contacts[]` and may leave `wa_id` (and a message's `from`) out for users with a username, so a
 * contact is found by either id.
 */
import type { IDataObject } from 'n8n-workflow';
import { child, isRecord, text } from '../../model/values';

export interface WebhookItem {
	value: unknown;
	kind: 'message' | 'status';
	/** `metadata.display_phone_number`: the business number the change concerns. */
	business: string | null;
	/** `metadata.phone_number_id`. */
	phoneNumberId: string | null;
	/** Profile names by WhatsApp ID (`wa_id`) and by business-scoped user id (`user_id`), from `contacts`. */
	names: Map<string, string>;
	/** The change's `contacts`, read. */
	contacts: WebhookContact[];
	/** The change's `value` without its lists, for context. */
	change: IDataObject;
}

export interface WebhookContact {
	/** `wa_id`: the user's phone number; absent for some users with a username. */
	waId: string | null;
	/** `user_id`: the user's business-scoped user id (BSUID). */
	userId: string | null;
	/** `profile.name`. */
	name: string | null;
}

/**
 * The contact a message or status is about: the one whose `user_id` or `wa_id` is the item's, or
 * the change's only contact when that one contradicts neither id.
 */
export function findContact(
	contacts: readonly WebhookContact[],
	phone: string | null,
	userId: string | null,
): WebhookContact | undefined {
	const byId =
		(userId !== null ? contacts.find((c) => c.userId === userId) : undefined) ??
		(phone !== null ? contacts.find((c) => c.waId === phone) : undefined);
	if (byId !== undefined || contacts.length !== 1) return byId;
	const [only] = contacts;
	const agrees =
		(phone === null || only.waId === null) && (userId === null || only.userId === null);
	return agrees ? only : undefined;
}

/** Every message and status of `entry[].changes[].value`, in order; `[]` when there is none. */
export function expandWebhookEnvelope(entries: unknown[]): WebhookItem[] {
	const out: WebhookItem[] = [];
	for (const entry of entries) {
		if (!isRecord(entry) || !Array.isArray(entry.changes)) continue;
		for (const change of entry.changes) {
			const value = isRecord(change) ? child(change, 'value') : {};
			const metadata = child(value, 'metadata');
			const business = text(metadata.display_phone_number);
			const phoneNumberId = text(metadata.phone_number_id);
			const names = new Map<string, string>();
			const contacts: WebhookContact[] = [];
			for (const contact of Array.isArray(value.contacts) ? value.contacts : []) {
				if (!isRecord(contact)) continue;
				const read: WebhookContact = {
					waId: text(contact.wa_id),
					userId: text(contact.user_id),
					name: text(child(contact, 'profile').name),
				};
				contacts.push(read);
				for (const id of [read.waId, read.userId])
					if (id !== null && read.name !== null) names.set(id, read.name);
			}
			const { messages, statuses, ...rest } = value;
			for (const [kind, list] of [
				['message', messages],
				['status', statuses],
			] as const) {
				if (Array.isArray(list))
					out.push(
						...list.map((item) => ({
							value: item,
							kind,
							business,
							phoneNumberId,
							names,
							contacts,
							change: rest,
						})),
					);
			}
		}
	}
	return out;
}
