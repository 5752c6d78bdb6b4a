/**
 * The mock's inbound media and read receipts (Download Media and Mark as Read):
 *
 *   GET  /cloud/{version}/{media-id}   Graph's media description (Bearer): { messaging_product, url, mime_type,
 *                                      sha256, file_size, id }, the url on this mock; unknown or expired ids get
 *                                      Graph's error 100 / subcode 33 ("does not exist"), with 404 or 400
 *   GET  /cloud/media/{media-id}       the bytes behind that url (Bearer, as Meta's lookaside URLs need)
 *   GET  /sinch/media/{name}, /messangi/media/{name}   a provider's own media URL (auth headers recorded, not required)
 *   GET  /files/{name}                 someone else's host (a CDN): no auth; also page.html (a web page) and
 *                                      redirect (302 to ?to=, else to the image)
 *   POST /cloud/{version}/{phone-number-id}/messages with status "read": a read receipt, answered { success: true }
 *
 * Every file's bytes are fixed (`MOCK_MEDIA`), so a test in a real n8n can compare them byte for byte.
 */
import { createHash } from 'node:crypto';

export interface MockMedia {
	/** Graph media id (digits) and file name under /sinch/media, /messangi/media and /files. */
	id: string;
	name: string;
	mimeType: string;
	bytes: Buffer;
	/** SHA-256 of `bytes`, hex. */
	sha256: string;
	/** What Graph states as file_size; default the real size, null: not stated. */
	statedSize?: number | null;
	/** What Graph states as sha256 when it differs from the real one. */
	statedSha256?: string;
	/** Sent without Content-Length (chunked), so that only the bytes received tell the size. */
	chunked?: boolean;
	/** Content-Disposition of the download. */
	disposition?: string;
}

/** Deterministic bytes: a recognisable header, then a pattern that differs at every position. */
function bytesOf(size: number, seed: number, head = ''): Buffer {
	const buf = Buffer.alloc(size);
	for (let i = 0; i < size; i++) buf[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
	Buffer.from(head, 'latin1').copy(buf, 0);
	return buf;
}

function media(entry: Omit<MockMedia, 'sha256'>): MockMedia {
	return { ...entry, sha256: createHash('sha256').update(entry.bytes).digest('hex') };
}

export const MB = 1024 * 1024;

export const MOCK_MEDIA: Record<
	'image' | 'document' | 'huge' | 'unannounced' | 'damaged' | 'audio',
	MockMedia
> = {
	image: media({
		id: '1000000001',
		name: 'photo.jpg',
		mimeType: 'image/jpeg',
		bytes: bytesOf(3000, 1, '\xff\xd8\xff\xe0'),
	}),
	document: media({
		id: '1000000002',
		name: 'invoice.pdf',
		mimeType: 'application/pdf',
		bytes: bytesOf(70_000, 2, '%PDF-1.7\n'),
		disposition: 'attachment; filename="invoice.pdf"',
	}),
	// Graph says 200 MB: a node with a smaller cap must not download it.
	huge: media({
		id: '1000000003',
		name: 'film.mp4',
		mimeType: 'video/mp4',
		bytes: bytesOf(4096, 3),
		statedSize: 200 * MB,
	}),
	// 2 MB + 1 byte, its size stated nowhere (no file_size, chunked): only counting the bytes finds it.
	unannounced: media({
		id: '1000000004',
		name: 'long.mp4',
		mimeType: 'video/mp4',
		bytes: bytesOf(2 * MB + 1, 4),
		statedSize: null,
		chunked: true,
	}),
	// Graph states another SHA-256 than the file's.
	damaged: media({
		id: '1000000005',
		name: 'voice.ogg',
		mimeType: 'audio/ogg; codecs=opus',
		bytes: bytesOf(5000, 5, 'OggS'),
		statedSha256: '0'.repeat(64),
	}),
	audio: media({
		id: '1000000006',
		name: 'note.ogg',
		mimeType: 'audio/ogg; codecs=opus',
		bytes: bytesOf(1234, 6, 'OggS'),
	}),
};

/** Ids Meta no longer has: answered with Graph's "does not exist" error, with HTTP 404 and 400. */
export const EXPIRED_MEDIA_IDS = { notFound: '1000000404', badRequest: '1000000400' };

const byId = (id: string) => Object.values(MOCK_MEDIA).find((m) => m.id === id);
const byName = (name: string) => Object.values(MOCK_MEDIA).find((m) => m.name === name);

export interface MediaAnswer {
	status: number;
	headers?: Record<string, string>;
	payload: string | Buffer;
	/** Without Content-Length, in several chunks. */
	chunked?: boolean;
}

const graphGone = (id: string) => ({
	error: {
		message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
		type: 'GraphMethodException',
		code: 100,
		error_subcode: 33,
		fbtrace_id: 'mock-trace',
	},
});

const graphTokenError = {
	error: {
		message: 'Invalid OAuth access token - Cannot parse access token',
		type: 'OAuthException',
		code: 190,
		fbtrace_id: 'mock-trace',
	},
};

const jsonAnswer = (status: number, body: unknown): MediaAnswer => ({
	status,
	headers: { 'Content-Type': 'application/json; charset=utf-8' },
	payload: JSON.stringify(body),
});

function fileAnswer(m: MockMedia): MediaAnswer {
	return {
		status: 200,
		headers: {
			'Content-Type': m.mimeType,
			...(m.disposition ? { 'Content-Disposition': m.disposition } : {}),
		},
		payload: m.bytes,
		chunked: m.chunked,
	};
}

export const CLOUD_MEDIA_INFO = /^\/cloud\/v\d+\.\d+\/(\d+)$/;
const CLOUD_MEDIA_FILE = /^\/cloud\/media\/(\d+)$/;
const PROVIDER_MEDIA_FILE = /^\/(sinch|messangi)\/media\/([^/]+)$/;
const FOREIGN_FILE = /^\/files\/([^/]+)$/;

/**
 * The answer for a media route, or undefined when the request is none (the caller goes on with its
 * own routes). `cloudAuthorised` says whether the request carries the Cloud API's token.
 */
export function mediaAnswer(
	method: string,
	path: string,
	query: Record<string, string>,
	cloudAuthorised: boolean,
	baseUrl: string,
): MediaAnswer | undefined {
	if (method !== 'GET') return undefined;
	let m = CLOUD_MEDIA_INFO.exec(path);
	if (m) {
		if (!cloudAuthorised) return jsonAnswer(401, graphTokenError);
		const id = m[1];
		if (id === EXPIRED_MEDIA_IDS.badRequest) return jsonAnswer(400, graphGone(id));
		const found = byId(id);
		if (!found) return jsonAnswer(404, graphGone(id));
		const stated = found.statedSize === undefined ? found.bytes.length : found.statedSize;
		return jsonAnswer(200, {
			messaging_product: 'whatsapp',
			url: `${baseUrl}/cloud/media/${id}?mid=${id}&ext=${Math.floor(Date.now() / 1000) + 300}&hash=mock`,
			mime_type: found.mimeType,
			sha256: found.statedSha256 ?? found.sha256,
			// Meta writes it as a string in its examples.
			...(stated === null ? {} : { file_size: String(stated) }),
			id,
		});
	}
	m = CLOUD_MEDIA_FILE.exec(path);
	if (m) {
		if (!cloudAuthorised) return jsonAnswer(401, graphTokenError);
		const found = byId(m[1]);
		return found ? fileAnswer(found) : jsonAnswer(404, graphGone(m[1]));
	}
	m = PROVIDER_MEDIA_FILE.exec(path);
	if (m) {
		const found = byName(decodeURIComponent(m[2]));
		return found ? fileAnswer(found) : jsonAnswer(404, { message: 'Media not found' });
	}
	m = FOREIGN_FILE.exec(path);
	if (m) {
		const name = decodeURIComponent(m[1]);
		if (name === 'page.html')
			return {
				status: 200,
				headers: { 'Content-Type': 'text/html; charset=utf-8' },
				payload: '<!doctype html><title>Sign in</title><p>Please sign in.</p>',
			};
		if (name === 'redirect')
			return {
				status: 302,
				// `?to=` another address (another host), else the image here.
				headers: { Location: query.to ?? `/files/${MOCK_MEDIA.image.name}` },
				payload: '',
			};
		const found = byName(name);
		return found
			? fileAnswer(found)
			: { status: 404, payload: 'Not found', headers: { 'Content-Type': 'text/plain' } };
	}
	return undefined;
}

/** Whether a path is one of the media routes (so that it is not answered as an unknown route). */
export function isMediaPath(path: string): boolean {
	return [CLOUD_MEDIA_INFO, CLOUD_MEDIA_FILE, PROVIDER_MEDIA_FILE, FOREIGN_FILE].some((r) =>
		r.test(path),
	);
}

/** A Cloud API read receipt (Meta's "Typing indicators"): the shape problems, empty when valid. */
export function validateCloudReadBody(body: unknown): string[] {
	const errors: string[] = [];
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return ['body must be a JSON object'];
	const b = body as Record<string, unknown>;
	if (b.messaging_product !== 'whatsapp')
		errors.push(
			`messaging_product must be "whatsapp" (got ${JSON.stringify(b.messaging_product) ?? 'nothing'})`,
		);
	if (b.status !== 'read') errors.push(`status must be "read" (got ${JSON.stringify(b.status)})`);
	if (typeof b.message_id !== 'string' || b.message_id === '')
		errors.push('message_id must be the wamid of a received message');
	if (b.typing_indicator !== undefined) {
		const t = b.typing_indicator as Record<string, unknown> | null;
		if (typeof t !== 'object' || t === null || t.type !== 'text' || Object.keys(t).length !== 1)
			errors.push('typing_indicator must be { "type": "text" }');
	}
	for (const key of Object.keys(b))
		if (!['messaging_product', 'status', 'message_id', 'typing_indicator'].includes(key))
			errors.push(`unexpected field ${key}`);
	return errors;
}

/** Whether a Cloud API POST to /messages is a read receipt rather than a message. */
export function isReadReceipt(body: unknown): boolean {
	return (
		typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'read'
	);
}
