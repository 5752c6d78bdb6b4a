/**
 * Provider failures as `NodeApiError`: the HTTP status, the provider's own message, and what to do.
 * Secrets (API key, token) are scrubbed from everything the error carries, in case the provider
 * echoes request headers back.
 */
import { NodeApiError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';
import type { HttpOutcome } from '../../shared/transport/http';
import { escapeHtml } from '../../shared/model/html';
import { redact } from '../../shared/transport/redact';

export function providerError(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	outcome: Extract<HttpOutcome, { ok: false }>,
	url: string,
	itemIndex: number,
	secrets: string[],
	timeoutMs: number,
): NodeApiError {
	const name = dialect.displayName;
	const tries = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : '';
	let message: string;
	let description: string;
	if (outcome.status !== undefined) {
		const said = dialect.errorMessage(outcome.body);
		message = `${name} answered HTTP ${outcome.status}${said ? `: ${said}` : ''}${tries}`;
		description = dialect.windowClosed?.(outcome.status, outcome.body)
			? WINDOW_CLOSED_ADVICE
			: advice(
					name,
					outcome.status,
					outcome.uncertain,
					dialect.rateLimited?.(outcome.status, outcome.body) ?? false,
				);
	} else if (
		outcome.code === 'ETIMEDOUT' ||
		outcome.code === 'ECONNABORTED' ||
		outcome.code === 'ESOCKETTIMEDOUT'
	) {
		message = `${name} did not answer within ${timeoutMs} ms${tries}`;
		description = uncertainAdvice();
	} else if (outcome.uncertain) {
		message = `The connection to ${name} failed (${outcome.code})${tries}`;
		description = uncertainAdvice();
	} else {
		message = `Could not reach ${name} at ${url} (${outcome.code})${tries}`;
		description = `Check the Base URL in the ${name} credential and that this n8n can reach it.`;
	}
	// `networkError`, not `code`: NodeApiError would swap our message for a generic one per code.
	const response: JsonObject = {
		httpCode: outcome.status ?? null,
		networkError: outcome.code ?? null,
		body: (outcome.body ?? null) as JsonObject,
	};
	const text = redact(message, secrets) as string;
	const error = new NodeApiError(ctx.getNode(), redact(response, secrets) as JsonObject, {
		message: text,
		// Written here, not taken from the provider; escaped all the same, as n8n shows it as HTML.
		description: escapeHtml(redact(description, secrets) as string),
		httpCode: outcome.status !== undefined ? String(outcome.status) : undefined,
		itemIndex,
	});
	// n8n replaces messages that mention a network error code with a generic sentence; ours says more.
	error.message = text;
	return error;
}

/** The customer last wrote more than 24 hours ago: what the user can do (docs/templates.md). */
export const WINDOW_CLOSED_ADVICE =
	'The customer last wrote more than 24 hours ago, so WhatsApp takes only an approved template now. Send one with the Send Template operation (Send and Wait can ask with one too: Send As → Template, its quick replies are the choices), or wait until the customer writes again.';

function advice(name: string, status: number, uncertain: boolean, rateLimited: boolean): string {
	if (status === 401 || status === 403) {
		return `${name} refused the credentials. Check the ${name} credential (its key or token and Base URL) and test it in n8n's credential screen.`;
	}
	if (rateLimited || status === 420 || status === 429 || status === 503) {
		return `${name} is limiting requests. Lower Max Concurrent Requests, or raise Max Retries, in the node's options.`;
	}
	if (uncertain) return uncertainAdvice();
	if (status === 404)
		return `Nothing answers at this address. Check the Base URL in the ${name} credential.`;
	return `${name} rejected the request. Its message above says what to change; run the Build Payload operation to see the exact request.`;
}

function uncertainAdvice(): string {
	return 'The provider may or may not have accepted the message, so it was not retried (a retry could send it twice). Check before resending, or turn on "Retry Requests That May Have Been Delivered".';
}
