/**
 * WhatsApp's own webhook envelope, as Meta documents it for the Cloud API and as providers that
 * pass WhatsApp's format through may forward it:
 * `{ object: "whatsapp_business_account", entry: [{ id, changes: [{ field: "messages", value }] }] }`
 * where `value` has `metadata` (the business number), `contacts` (profile names by `wa_id`),
 * and `messages[]` or `statuses[]`.
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
	/** Profile names by WhatsApp ID, from `contacts`. */
	names: Map<string, string>;
	/** The change's `value` without its lists, for context. */
	change: IDataObject;
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
			for (const contact of Array.isArray(value.contacts) ? value.contacts : []) {
				const id = isRecord(contact) ? text(contact.wa_id) : null;
				const name = isRecord(contact) ? text(child(contact, 'profile').name) : null;
				if (id !== null && name !== null) names.set(id, name);
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
							change: rest,
						})),
					);
			}
		}
	}
	return out;
}
