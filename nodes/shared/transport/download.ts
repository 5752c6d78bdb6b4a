/**
 * Downloading a file through n8n's request helpers (`httpRequest`, or `httpRequestWithAuthentication`
 * with the credential's auth headers), read as a stream so that a file over the cap is stopped
 * where it crosses it instead of being held whole in memory first.
 *
 * The auth headers go only to the origins the caller names: redirects are followed here, one hop at
 * a time, and a hop to any other origin goes without them (n8n's helper, like axios, would forward
 * custom headers such as Sinch's AuthenticationToken to wherever a redirect points).
 * A download is a GET and changes nothing at the provider, so rate limits, 5xx and broken
 * connections are retried (Max Retries), honouring `Retry-After`.
 */
import {
	sleep,
	type IAdditionalCredentialOptions,
	type IExecuteFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';
import { originOf } from '../dialects/media';
import { header, type RequestAuth } from './http';
import {
	classifyNetworkError,
	classifyStatus,
	DEFAULT_BACKOFF,
	MAX_RETRY_AFTER_MS,
	networkErrorCode,
	parseRetryAfter,
	retryDelay,
	type BackoffSettings,
} from './retry';

export interface DownloadSettings {
	timeoutMs: number;
	maxRetries: number;
	/** The most bytes accepted; a file beyond them fails as `tooLarge`. */
	maxBytes: number;
	backoff?: BackoffSettings;
}

export interface DownloadAuth extends RequestAuth {
	/** Origins (`URL.origin`) that get the auth headers; every other one is asked without them. */
	origins: ReadonlySet<string>;
	credential?: IAdditionalCredentialOptions;
}

export type DownloadOutcome =
	| {
			ok: true;
			status: number;
			headers: Record<string, unknown>;
			bytes: Buffer;
			/** The URL the bytes came from (after redirects). */
			url: string;
			attempts: number;
	  }
	| {
			ok: false;
			reason: 'status';
			status: number;
			headers: Record<string, unknown>;
			/** The answer's body: JSON when it parses, else its text (at most 64 KiB read). */
			body: unknown;
			attempts: number;
	  }
	| { ok: false; reason: 'tooLarge'; declared: number | null; received: number; attempts: number }
	| { ok: false; reason: 'network'; code: string; attempts: number }
	| { ok: false; reason: 'redirects'; attempts: number };

const MAX_REDIRECTS = 5;
const ERROR_BODY_BYTES = 64 * 1024;

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

export async function downloadWithRetry(
	ctx: IExecuteFunctions,
	url: string,
	auth: DownloadAuth | undefined,
	settings: DownloadSettings,
): Promise<DownloadOutcome> {
	for (let attempt = 0; ; attempt++) {
		const outcome = await downloadOnce(ctx, url, auth, settings, attempt + 1);
		let retryAfterMs: number | undefined;
		let retry = false;
		if (!outcome.ok && outcome.reason === 'status') {
			retry = classifyStatus(outcome.status) !== 'fail';
			retryAfterMs = parseRetryAfter(header(outcome.headers, 'retry-after'));
		} else if (!outcome.ok && outcome.reason === 'network') {
			retry = classifyNetworkError(outcome.code) !== 'fail';
		}
		if (
			!retry ||
			attempt >= settings.maxRetries ||
			(retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS)
		)
			return outcome;
		await sleep(retryDelay(attempt, retryAfterMs, settings.backoff ?? DEFAULT_BACKOFF));
	}
}

async function downloadOnce(
	ctx: IExecuteFunctions,
	first: string,
	auth: DownloadAuth | undefined,
	settings: DownloadSettings,
	attempts: number,
): Promise<DownloadOutcome> {
	let url = first;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const origin = originOf(url);
		const authorised = auth !== undefined && origin !== undefined && auth.origins.has(origin);
		const options: IHttpRequestOptions = {
			method: 'GET',
			url,
			headers: authorised ? { ...auth.headers } : {},
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: settings.timeoutMs,
		};
		let response: FullResponse;
		try {
			response = (
				authorised
					? await ctx.helpers.httpRequestWithAuthentication.call(
							ctx,
							auth.credentialType,
							options,
							auth.credential,
						)
					: await ctx.helpers.httpRequest(options)
			) as FullResponse;
		} catch (error) {
			return {
				ok: false,
				reason: 'network',
				code: networkErrorCode(error) ?? 'EUNKNOWN',
				attempts,
			};
		}
		const headers = response.headers ?? {};
		const status = response.statusCode;
		const location = header(headers, 'location');
		if (status >= 300 && status < 400 && typeof location === 'string' && location !== '') {
			discard(response.body);
			try {
				url = new URL(location, url).toString();
			} catch {
				return { ok: false, reason: 'status', status, headers, body: null, attempts };
			}
			continue;
		}
		if (status < 200 || status >= 300) {
			const read = await readBytes(response.body, ERROR_BODY_BYTES);
			return {
				ok: false,
				reason: 'status',
				status,
				headers,
				body: parseBody(read.bytes),
				attempts,
			};
		}
		const declared = Number(header(headers, 'content-length'));
		if (Number.isFinite(declared) && declared > settings.maxBytes) {
			discard(response.body);
			return { ok: false, reason: 'tooLarge', declared, received: 0, attempts };
		}
		let read: { bytes: Buffer; over: boolean; received: number };
		try {
			read = await readBytes(response.body, settings.maxBytes);
		} catch (error) {
			return {
				ok: false,
				reason: 'network',
				code: networkErrorCode(error) ?? 'ECONNRESET',
				attempts,
			};
		}
		if (read.over)
			return {
				ok: false,
				reason: 'tooLarge',
				declared: Number.isFinite(declared) ? declared : null,
				received: read.received,
				attempts,
			};
		return { ok: true, status, headers, bytes: read.bytes, url, attempts };
	}
	return { ok: false, reason: 'redirects', attempts };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
	);
}

function chunkBytes(chunk: unknown): Buffer {
	if (Buffer.isBuffer(chunk)) return chunk;
	if (chunk instanceof Uint8Array)
		return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
	if (chunk instanceof ArrayBuffer) return Buffer.from(chunk);
	if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
	if (chunk === undefined || chunk === null) return Buffer.alloc(0);
	// Parsed already (an n8n that did not honour `encoding`): its JSON text.
	return Buffer.from(JSON.stringify(chunk), 'utf8');
}

/**
 * The body's bytes, up to `limit`: a stream is read until it ends or crosses the limit, and then
 * closed (which ends the download). A body that came as a whole (Buffer, text) is measured.
 */
export async function readBytes(
	body: unknown,
	limit: number,
): Promise<{ bytes: Buffer; over: boolean; received: number }> {
	if (!isAsyncIterable(body)) {
		const bytes = chunkBytes(body);
		return bytes.length > limit
			? { bytes: bytes.subarray(0, limit), over: true, received: bytes.length }
			: { bytes, over: false, received: bytes.length };
	}
	const chunks: Buffer[] = [];
	let received = 0;
	// Leaving the loop early (`return`) closes the stream: the rest is never downloaded.
	for await (const chunk of body) {
		const bytes = chunkBytes(chunk);
		received += bytes.length;
		if (received > limit) return { bytes: Buffer.alloc(0), over: true, received };
		chunks.push(bytes);
	}
	return { bytes: Buffer.concat(chunks, received), over: false, received };
}

/** A stream that is not read: closed, so that its connection is freed. */
function discard(body: unknown): void {
	const stream = body as { destroy?: () => void } | null;
	if (stream && typeof stream.destroy === 'function') stream.destroy();
}

function parseBody(bytes: Buffer): unknown {
	const text = bytes.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}
