/** Lists the business account's phone numbers for the From field (`GET /{waba-id}/phone_numbers`). */
import type { INodePropertyOptions } from 'n8n-workflow';
import { isRecord, text } from '../../model/values';
import type { LoadOptionsContext } from '../types';

export async function listPhoneNumbers(
	context: LoadOptionsContext,
	credentialType: string,
	baseUrl: (data: Record<string, unknown>) => string,
): Promise<INodePropertyOptions[]> {
	const data = await context.credentials(credentialType);
	if (!data) {
		// Shown by the editor under From (its list's loading issue).
		throw new Error(
			'Choose a WhatsApp Cloud API credential above to list its phone numbers. Without one (Build Payload), give the phone number ID with an expression.',
		);
	}
	const account = String(data.businessAccountId ?? '').trim();
	if (account === '') {
		throw new Error(
			'Add the WhatsApp Business Account ID to the credential to list its numbers, or give the phone number ID with an expression',
		);
	}
	const answer = await context.get(
		credentialType,
		`${baseUrl(data)}/${encodeURIComponent(account)}/phone_numbers?fields=id,display_phone_number,verified_name`,
	);
	const numbers =
		isRecord(answer) && Array.isArray(answer.data) ? answer.data.filter(isRecord) : [];
	return numbers.flatMap((entry) => {
		const id = text(entry.id);
		if (id === null) return [];
		const name = text(entry.verified_name);
		const shown = text(entry.display_phone_number);
		return [
			{
				name: [name, shown ? `(${shown})` : null].filter(Boolean).join(' ') || id,
				value: id,
				description: `Phone number ID ${id}`,
			},
		];
	});
}
