/**
 * The compact reference Send and Wait for Response puts in each button payload / list row id in
 * place of the user's own id. It names the waiting execution and carries n8n's own signature of
 * that choice's resume URL, so that the trigger, which receives the tap, can rebuild the URL on
 * this n8n and n8n itself refuses a reference that was altered.
 *
 * n8n 2.35 signs a resume URL (`getSignedResumeUrl`) as HMAC-SHA256, hex, over its path and query
 * without the `signature` parameter: `/webhook-waiting/<executionId>/<nodeId>?k=<choice>&w=<wait>`.
 * The reference holds exactly what is needed to rebuild that string, and the signature in base64url
 * (43 characters instead of 64):
 *
 *     wai1.<executionId>.<nodeId>.<wait>.<choice>.<signature>
 *
 * `nodeId` is a UUID written as 22 base64url characters (`u` + 22), or any other id as `b` + its
 * UTF-8 in base64url. `wait` identifies one wait of the node (a loop may ask twice in one execution).
 * With a UUID node id and a 12-digit execution id the reference is about 95 characters: well under
 * the smallest limits providers set (200 characters for a row id, 256 for a button payload).
 */

export const REFERENCE_PREFIX = 'wai1.';
/** Longest reference this module writes or reads. */
export const MAX_REFERENCE_LENGTH = 160;
/** Query parameters of the signed resume URL, in the order n8n signs them. */
export const CHOICE_PARAM = 'k';
export const WAIT_PARAM = 'w';
export const SIGNATURE_PARAM = 'signature';

export interface WaitReference {
	executionId: string;
	nodeId: string;
	/** Identifies one wait of the node in its execution. */
	waitId: string;
	/** 0-based index of the choice in the message. */
	choice: number;
	/** n8n's signature of the resume URL, 64 lowercase hex digits. */
	signature: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EXECUTION_ID = /^[0-9A-Za-z_-]{1,40}$/;
const WAIT_ID = /^[0-9a-z]{1,16}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function encodeReference(ref: WaitReference): string {
	if (!EXECUTION_ID.test(ref.executionId))
		throw new Error(`Cannot reference execution id "${ref.executionId}"`);
	if (!WAIT_ID.test(ref.waitId)) throw new Error(`Cannot reference wait id "${ref.waitId}"`);
	if (!Number.isInteger(ref.choice) || ref.choice < 0 || ref.choice > 99)
		throw new Error(`Cannot reference choice ${ref.choice}`);
	if (!/^[0-9a-f]{64}$/.test(ref.signature))
		throw new Error('The resume URL has no SHA-256 signature');
	const text = [
		'wai1',
		ref.executionId,
		encodeNodeId(ref.nodeId),
		ref.waitId,
		String(ref.choice),
		hexToBase64Url(ref.signature),
	].join('.');
	if (text.length > MAX_REFERENCE_LENGTH)
		throw new Error(`The reference would be ${text.length} characters long`);
	return text;
}

/** Whether a reply id looks like a reference (it may still be malformed or forged). */
export function looksLikeReference(id: unknown): id is string {
	return typeof id === 'string' && id.startsWith(REFERENCE_PREFIX);
}

/** The reference in a reply id, or `null` when it is not one of ours or is malformed. */
export function decodeReference(id: unknown): WaitReference | null {
	if (!looksLikeReference(id) || id.length > MAX_REFERENCE_LENGTH) return null;
	const parts = id.split('.');
	if (parts.length !== 6) return null;
	const [, executionId, node, waitId, choice, signature] = parts;
	if (!EXECUTION_ID.test(executionId) || !WAIT_ID.test(waitId) || !/^(0|[1-9][0-9]?)$/.test(choice))
		return null;
	const nodeId = decodeNodeId(node);
	if (nodeId === null) return null;
	if (signature.length !== 43 || !BASE64URL.test(signature)) return null;
	const hex = base64UrlToHex(signature);
	if (hex.length !== 64) return null;
	return { executionId, nodeId, waitId, choice: Number(choice), signature: hex };
}

/**
 * Path and query of the resume URL a reference stands for, relative to n8n's waiting-webhook base
 * (`…/webhook-waiting`): exactly what n8n signed, plus the signature.
 */
export function resumePath(ref: WaitReference): string {
	return (
		`/${encodeURIComponent(ref.executionId)}/${encodeURIComponent(ref.nodeId)}` +
		`?${CHOICE_PARAM}=${ref.choice}&${WAIT_PARAM}=${ref.waitId}&${SIGNATURE_PARAM}=${ref.signature}`
	);
}

/** Reads the signature back out of a URL made by `getSignedResumeUrl`. */
export function signatureOf(signedUrl: string): string {
	const match = /[?&]signature=([0-9a-f]{64})(?:&|$)/.exec(signedUrl);
	if (!match) throw new Error('n8n returned a resume URL without a signature');
	return match[1];
}

/**
 * A node id that stays one path segment in the resume URL: not empty, not `.` or `..` (which a URL
 * parser folds into the path around them), no control characters.
 */
function isPathSafeNodeId(nodeId: string): boolean {
	return (
		nodeId !== '' && nodeId !== '.' && nodeId !== '..' && !/[\u0000-\u001f\u007f]/.test(nodeId)
	);
}

function encodeNodeId(nodeId: string): string {
	if (!isPathSafeNodeId(nodeId)) throw new Error(`Cannot reference node id "${nodeId}"`);
	if (UUID.test(nodeId)) return 'u' + hexToBase64Url(nodeId.replace(/-/g, ''));
	return 'b' + utf8ToBase64Url(nodeId);
}

function decodeNodeId(text: string): string | null {
	const body = text.slice(1);
	if (!BASE64URL.test(body) || body === '') return null;
	if (text[0] === 'u') {
		if (body.length !== 22) return null;
		const hex = base64UrlToHex(body);
		if (hex.length !== 32) return null;
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	}
	if (text[0] === 'b') {
		const decoded = base64UrlToUtf8(body);
		return decoded === null || !isPathSafeNodeId(decoded) ? null : decoded;
	}
	return null;
}

// base64url without padding, written here because shipped code may not use Node's Buffer.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function bytesToBase64Url(bytes: number[]): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
		for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
	}
	return out;
}

function base64UrlToBytes(text: string): number[] | null {
	if (text.length % 4 === 1) return null;
	const bytes: number[] = [];
	let buffer = 0;
	let bits = 0;
	for (const char of text) {
		const value = ALPHABET.indexOf(char);
		if (value < 0) return null;
		buffer = (buffer << 6) | value;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes.push((buffer >> bits) & 255);
		}
	}
	// Canonical form only: leftover bits must be zero, so each byte string has one spelling.
	if ((buffer & ((1 << bits) - 1)) !== 0) return null;
	return bytes;
}

function hexToBase64Url(hex: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
	return bytesToBase64Url(bytes);
}

function base64UrlToHex(text: string): string {
	const bytes = base64UrlToBytes(text);
	if (bytes === null) return '';
	return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

function utf8ToBase64Url(text: string): string {
	return bytesToBase64Url([...new TextEncoder().encode(text)]);
}

function base64UrlToUtf8(text: string): string | null {
	const bytes = base64UrlToBytes(text);
	if (bytes === null) return null;
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
	} catch {
		return null;
	}
}
