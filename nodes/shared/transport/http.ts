/**
 * One provider request, with retries: the only place that does HTTP. It goes through
 * `httpRequestWithAuthentication`, so the credential's `authenticate` adds the auth headers.
 */
import { sleep, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions } from 'n8n-workflow';
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

export async function postWithRetry(
	ctx: IExecuteFunctions,
	credentialType: string,
	url: string,
	body: IDataObject,
	settings: SendSettings,
): Promise<HttpOutcome> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: settings.timeoutMs,
	};
	for (let attempt = 0; ; attempt++) {
		let outcome: HttpOutcome;
		let retryAfterMs: number | undefined;
		let verdict;
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialType,
				options,
			)) as FullResponse;
			verdict = classifyStatus(response.statusCode);
			retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'));
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
			outcome = { ok: false, code: code ?? 'EUNKNOWN', attempts: attempt + 1, uncertain: verdict === 'retryUncertain' };
		}
		const retry = verdict === 'retrySafe' || (verdict === 'retryUncertain' && settings.retryUncertain);
		if (outcome.ok || !retry || attempt >= settings.maxRetries) return outcome;
		if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) return outcome;
		await sleep(retryDelay(attempt, retryAfterMs, settings.backoff ?? DEFAULT_BACKOFF));
	}
}

function header(headers: Record<string, unknown> | undefined, name: string): unknown {
	if (!headers) return undefined;
	for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
	return undefined;
}
