/**
 * Reads the callback body. n8n parses JSON sent as `application/json` before the trigger runs; this
 * also accepts JSON sent as plain text or with no content type, from the parsed body or the raw bytes.
 */
import { isRecord } from '../model/values';

export const NOT_JSON =
	'The request body is not JSON. Send the callback as a JSON object or list, with the header "Content-Type: application/json"';
export const EMPTY_BODY =
	'The request body is empty. Send the callback as a JSON object or list, with the header "Content-Type: application/json"';

export const UNREADABLE_BODY =
	'The request body could not be read. Send the callback again, as a JSON object or list';

export type BodyResult = { ok: true; body: unknown } | { ok: false; message: string };

/** The parts of n8n's webhook request (an Express request) the trigger reads the body from. */
export interface CallbackRequest {
	/** The bytes received, once n8n has read them. */
	rawBody?: unknown;
	/** n8n's reader of the request stream into `rawBody` (it does nothing once they are read). */
	readRawBody?: () => Promise<void>;
	/** Whether the stream has been read to its end (then there is nothing left to read). */
	readableEnded?: boolean;
	headers?: Record<string, unknown>;
}

/**
 * Makes sure the raw bytes are there. For a webhook node at type version 1, n8n reads every
 * request's body before the trigger runs; from version 1.1 on it reads only JSON, text, form and
 * XML bodies, and leaves the others in the stream, for the node to read when it wants them (as
 * n8n's own Webhook node does with `readRawBody()`). A multipart body has been read into fields
 * by n8n already. Returns false when the stream could not be read.
 */
export async function ensureRawBody(request: CallbackRequest): Promise<boolean> {
	if (
		request.rawBody !== undefined ||
		typeof request.readRawBody !== 'function' ||
		request.readableEnded === true
	)
		return true;
	const contentType = request.headers?.['content-type'];
	if (typeof contentType === 'string' && contentType.toLowerCase().startsWith('multipart/'))
		return true;
	try {
		await request.readRawBody();
		return true;
	} catch {
		return false;
	}
}

/** `parsed`: what n8n made of the body; `raw`: the bytes received, when n8n kept them. */
export function readCallbackBody(parsed: unknown, raw: unknown): BodyResult {
	if (Array.isArray(parsed)) return { ok: true, body: parsed };
	if (isRecord(parsed) && Object.keys(parsed).length > 0) return { ok: true, body: parsed };
	if (typeof parsed === 'string' && parsed.trim() !== '') return parseJson(parsed);

	if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
		const rawText = typeof raw === 'string' ? raw : raw.toString('utf8');
		return rawText.trim() === '' ? { ok: false, message: EMPTY_BODY } : parseJson(rawText);
	}
	// Without the raw bytes, an empty parsed object is all there is to go on.
	if (isRecord(parsed)) return { ok: true, body: parsed };
	return { ok: false, message: EMPTY_BODY };
}

function parseJson(source: string): BodyResult {
	try {
		return { ok: true, body: JSON.parse(source.replace(/^\uFEFF/, '')) as unknown };
	} catch {
		return { ok: false, message: NOT_JSON };
	}
}
