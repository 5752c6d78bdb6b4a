/**
 * Reads the Cloud API's answers: `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id: "wamid…" }] }`,
 * or Graph API errors `{ error: { message, type, code, error_subcode, error_data: { details }, fbtrace_id } }`
 * (Meta's "Error codes" page).
 */
import { isRecord, numeric, text } from '../../model/values';
import { pickString } from '../envelope';
import type { EncodedRequest, SendReceipt } from '../types';

export function readWhatsAppCloudReceipts(
	body: unknown,
	requests: EncodedRequest[],
): SendReceipt[] {
	const record = isRecord(body) ? body : {};
	const messages = Array.isArray(record.messages) ? record.messages : [];
	const contacts = Array.isArray(record.contacts) ? record.contacts : [];
	return requests.map((request, i) => ({
		messageId: pickString(messages[i], 'id'),
		to: pickString(contacts[i], 'wa_id') ?? request.to,
		correlationId: request.correlationId,
	}));
}

/** The error object of a Graph API answer, if it has one. */
function graphError(body: unknown) {
	const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
	if (!error) return undefined;
	const data = isRecord(error.error_data) ? error.error_data : {};
	return {
		message: text(error.message),
		code: numeric(error.code),
		subcode: numeric(error.error_subcode),
		details: text(data.details),
		trace: text(error.fbtrace_id),
	};
}

/** "(#131009) Parameter value is not valid: <details> (code 131009, subcode 2494010, fbtrace_id …)". */
export function whatsAppCloudErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 500) : undefined;
	const error = graphError(body);
	if (!error) return undefined;
	const ids = [
		error.code !== null ? `code ${error.code}` : null,
		error.subcode !== null ? `subcode ${error.subcode}` : null,
		error.trace !== null ? `fbtrace_id ${error.trace}` : null,
	].filter((part) => part !== null);
	const said = [
		error.message,
		error.details && error.details !== error.message ? error.details : null,
	]
		.filter((part) => part !== null)
		.join(': ');
	return `${said || 'no message'}${ids.length ? ` (${ids.join(', ')})` : ''}`;
}

/**
 * Throttling codes (Meta's "Error codes" page, throttling errors): 4 app call limit, 80007 business
 * account limit, 130429 message throughput, 131056 too many messages to one recipient; 613 is the
 * Graph API's own "calls exceeded the rate limit". Meta answers these with HTTP 400 or 429.
 */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 613, 80007, 130429, 131056]);

export function whatsAppCloudRateLimited(_status: number, body: unknown): boolean {
	const code = graphError(body)?.code;
	return code !== undefined && code !== null && RATE_LIMIT_CODES.has(code);
}

/** 190: the access token is invalid or expired (Graph API "OAuthException"). */
export function isTokenError(body: unknown): boolean {
	return graphError(body)?.code === 190;
}

/**
 * 131047 "Re-engagement message": more than 24 hours have passed since the customer last wrote, so
 * only a template may be sent (Meta's "Error codes" page). Meta answers it on the send, or later in
 * a `failed` status of the message.
 */
export const WINDOW_CLOSED_CODE = 131047;

export function whatsAppCloudWindowClosed(_status: number, body: unknown): boolean {
	return graphError(body)?.code === WINDOW_CLOSED_CODE;
}
