/**
 * Reads Sinch LATAM's answers: `{ id, destinations: [{ id, correlationId, destination }] }`
 * (its own example also spells `Id` and `messages`), or `{ errorCode, errorMessage }`.
 */
import { pickString } from '../envelope';
import type { EncodedRequest, SendReceipt } from '../types';

export function readSinchReceipts(body: unknown, requests: EncodedRequest[]): SendReceipt[] {
	const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
	const batchId = pickString(record, 'id', 'Id', 'ID');
	const list = Array.isArray(record.destinations)
		? record.destinations
		: Array.isArray(record.messages)
			? record.messages
			: [];
	const entries = list as unknown[];
	const byDestination = new Map<string, unknown[]>();
	for (const entry of entries) {
		const destination = pickString(entry, 'destination', 'Destination');
		if (destination === null) continue;
		const queue = byDestination.get(destination) ?? [];
		queue.push(entry);
		byDestination.set(destination, queue);
	}
	return requests.map((request, i) => {
		// Match by destination where the provider echoes it; fall back to the position.
		const entry = byDestination.get(request.to)?.shift() ?? entries[i];
		return {
			messageId: pickString(entry, 'id', 'Id', 'ID'),
			batchId,
			to: request.to,
			correlationId: pickString(entry, 'correlationId', 'CorrelationId') ?? request.correlationId,
		};
	});
}

export function sinchErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 500) : undefined;
	return pickString(body, 'errorMessage', 'message', 'error') ?? undefined;
}
