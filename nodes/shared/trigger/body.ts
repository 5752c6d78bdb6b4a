/**
 * Reads the callback body. n8n parses JSON sent as `application/json` before the trigger runs; this
 * also accepts JSON sent as plain text or with no content type, from the parsed body or the raw bytes.
 */
import { isRecord } from '../model/values';

export const NOT_JSON =
	'The request body is not JSON. Send the callback as a JSON object or list, with the header "Content-Type: application/json"';
export const EMPTY_BODY =
	'The request body is empty. Send the callback as a JSON object or list, with the header "Content-Type: application/json"';

export type BodyResult = { ok: true; body: unknown } | { ok: false; message: string };

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
