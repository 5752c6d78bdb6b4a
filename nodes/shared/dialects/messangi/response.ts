/** Reads Messangi's answers: `{ meta: { transactionId, timestamp, explain } }`, or an error body. */
import { pickString } from '../envelope';
import type { EncodedRequest, SendReceipt } from '../types';

export function readMessangiReceipts(body: unknown, requests: EncodedRequest[]): SendReceipt[] {
	const meta =
		body && typeof body === 'object' ? (body as Record<string, unknown>).meta : undefined;
	const transactionId =
		pickString(meta, 'transactionId', 'transactionID', 'id') ??
		pickString(body, 'transactionId', 'id');
	const explain = pickString(meta, 'explain');
	return requests.map((request) => ({
		messageId: transactionId,
		transactionId,
		to: request.to,
		correlationId: request.correlationId,
		explain,
	}));
}

/** Messangi's error bodies are undocumented: take whatever message the body has. */
export function messangiErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 500) : undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	const meta = record.meta as Record<string, unknown> | undefined;
	return (
		pickString(
			record,
			'message',
			'errorMessage',
			'error_description',
			'explain',
			'detail',
			'title',
		) ??
		pickString(meta, 'explain', 'message') ??
		pickString(record.error, 'message', 'description') ??
		(typeof record.error === 'string' ? record.error : undefined) ??
		undefined
	);
}
