/**
 * When a request may be tried again, and how long to wait.
 *
 * - Never reached the provider, or was refused before processing (420, 429, 503, connection
 *   refused, host not found): safe to retry, always retried up to the maximum.
 * - May have reached the provider (a timeout after sending, a reset, other 5xx): retried only if
 *   the user opts in, since the message could otherwise be sent twice.
 * - Anything else (4xx): the request itself is wrong; never retried.
 */

export type Verdict = 'success' | 'retrySafe' | 'retryUncertain' | 'fail';

const RATE_LIMITED = new Set([420, 429, 503]);
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

export function classifyStatus(status: number): Verdict {
	if (status >= 200 && status < 300) return 'success';
	if (RATE_LIMITED.has(status)) return 'retrySafe';
	if (status >= 500) return 'retryUncertain';
	return 'fail';
}

/** Network errors: refused connections never reached the provider; timeouts and resets may have. */
export function classifyNetworkError(code: string | undefined): Verdict {
	if (code && NOT_SENT_CODES.has(code)) return 'retrySafe';
	return 'retryUncertain';
}

export interface BackoffSettings {
	baseMs: number;
	maxMs: number;
	random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 500, maxMs: 30_000 };

/** Longest wait a `Retry-After` may impose; beyond this the item fails with the provider's word. */
export const MAX_RETRY_AFTER_MS = 120_000;

/**
 * Delay before retry number `attempt` (0-based): exponential with "equal jitter" (half fixed,
 * half random), or the provider's `Retry-After` when it gives one.
 */
export function retryDelay(
	attempt: number,
	retryAfterMs: number | undefined,
	settings = DEFAULT_BACKOFF,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
	const random = settings.random ?? Math.random;
	const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const raw = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
	const date = Date.parse(raw);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** The error code of a failed HTTP call, wherever the HTTP client put it. */
export function networkErrorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const record = current as Record<string, unknown>;
		if (typeof record.code === 'string' && /^E[A-Z_]+$/.test(record.code)) return record.code;
		current = record.cause;
	}
	const message = error instanceof Error ? error.message : String(error);
	const match =
		/\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ECONNABORTED|ENOTFOUND|EAI_AGAIN|EPIPE|ESOCKETTIMEDOUT)\b/.exec(
			message,
		);
	if (match) return match[1];
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	return undefined;
}
