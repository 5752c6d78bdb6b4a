/**
 * One provider request, with retries: the only place that does HTTP. It goes through
 * `httpRequestWithAuthentication` with the credential's auth headers (`RequestAuth`): the
 * credentials have no `authenticate` (see docs/architecture.md, "Custom API Call").
 * Every attempt passes the run's concurrency gate (`limiter.ts`) and tells it how it went; a
 * request waiting to be retried keeps its slot, so one request at a time stays in input order.
 */
import {
	sleep,
	type IAdditionalCredentialOptions,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';
import type { Gate, GateSignal, Permit } from './limiter';
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

export interface SendSettings {
	timeoutMs: number;
	maxRetries: number;
	/** Whether to retry requests that may have reached the provider (timeouts, resets, 5xx). */
	retryUncertain: boolean;
	backoff?: BackoffSettings;
}

export type HttpOutcome =
	| { ok: true; status: number; body: unknown; attempts: number }
	| {
			ok: false;
			status?: number;
			body?: unknown;
			/** Network error code when no HTTP answer came back. */
			code?: string;
			attempts: number;
			/** Whether the provider may have received the request even though it failed. */
			uncertain: boolean;
	  };

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

export interface SendHooks {
	/** Checked after each wait for a slot: true = send nothing more (the run is failing). */
	cancelled?: () => boolean;
	/** Called with the final outcome before the slot is freed, so a failing run stops the next send. */
	settled?: (outcome: HttpOutcome) => void;
	/** The n8n credential already read for this run: n8n then does not read and decrypt it per request. */
	credential?: IAdditionalCredentialOptions;
	/** Whether an error answer is a rate limit although its status is not 420, 429 or 503 (the provider's error code says so). */
	rateLimited?: (status: number, body: unknown) => boolean;
}

/** The credential a request is made with, and the auth headers filled in from it. */
export interface RequestAuth {
	credentialType: string;
	headers: Record<string, string>;
}

export async function postWithRetry(
	ctx: IExecuteFunctions,
	auth: RequestAuth,
	url: string,
	body: IDataObject,
	settings: SendSettings,
	gate: Gate,
	hooks: SendHooks = {},
): Promise<HttpOutcome | undefined> {
	return await requestWithRetry(ctx, auth, { method: 'POST', url, body }, settings, gate, hooks);
}

/** A JSON request (a POST with its body, or a GET), retried as `postWithRetry` describes. */
export async function requestWithRetry(
	ctx: IExecuteFunctions,
	auth: RequestAuth,
	request: { method: 'GET' | 'POST'; url: string; body?: IDataObject },
	settings: SendSettings,
	gate: Gate,
	hooks: SendHooks = {},
): Promise<HttpOutcome | undefined> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		headers: { ...auth.headers },
		...(request.body !== undefined ? { body: request.body } : {}),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: settings.timeoutMs,
	};
	let permit: Permit | undefined;
	for (let attempt = 0; ; attempt++) {
		let outcome: HttpOutcome;
		let retryAfterMs: number | undefined;
		let verdict;
		permit = permit ? gate.renew(permit) : await gate.acquire();
		if (hooks.cancelled?.()) {
			gate.release(permit, { kind: 'neutral' });
			return undefined;
		}
		let signal: GateSignal;
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				auth.credentialType,
				options,
				hooks.credential,
			)) as FullResponse;
			verdict = classifyStatus(response.statusCode);
			if (
				verdict !== 'success' &&
				verdict !== 'retrySafe' &&
				hooks.rateLimited?.(response.statusCode, response.body)
			)
				verdict = 'retrySafe';
			retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'));
			signal = gateSignal(verdict, retryAfterMs);
			outcome =
				verdict === 'success'
					? { ok: true, status: response.statusCode, body: response.body, attempts: attempt + 1 }
					: {
							ok: false,
							status: response.statusCode,
							body: response.body,
							attempts: attempt + 1,
							uncertain: verdict === 'retryUncertain',
						};
		} catch (error) {
			const code = networkErrorCode(error);
			verdict = classifyNetworkError(code);
			outcome = {
				ok: false,
				code: code ?? 'EUNKNOWN',
				attempts: attempt + 1,
				uncertain: verdict === 'retryUncertain',
			};
			signal = verdict === 'retrySafe' ? { kind: 'neutral' } : { kind: 'overload' };
		}
		const retry =
			verdict === 'retrySafe' || (verdict === 'retryUncertain' && settings.retryUncertain);
		const final =
			outcome.ok ||
			!retry ||
			attempt >= settings.maxRetries ||
			(retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS);
		if (final) hooks.settled?.(outcome);
		gate.release(permit, signal, !final);
		if (final) return outcome;
		await sleep(retryDelay(attempt, retryAfterMs, settings.backoff ?? DEFAULT_BACKOFF));
	}
}

function gateSignal(verdict: string, retryAfterMs: number | undefined): GateSignal {
	if (verdict === 'success') return { kind: 'success' };
	// A Retry-After longer than the node waits fails the request at once (below): no pause for it.
	if (verdict === 'retrySafe')
		return {
			kind: 'rateLimited',
			retryAfterMs:
				retryAfterMs !== undefined && retryAfterMs <= MAX_RETRY_AFTER_MS ? retryAfterMs : undefined,
		};
	if (verdict === 'retryUncertain') return { kind: 'overload' };
	return { kind: 'neutral' };
}

export function header(headers: Record<string, unknown> | undefined, name: string): unknown {
	if (!headers) return undefined;
	for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
	return undefined;
}
