/**
 * Mark as Read: marks each item's inbound message as read (blue ticks), optionally showing a typing
 * indicator. A read receipt changes nothing when it is sent twice, so every failure that may be
 * passing (rate limits, 5xx, timeouts) is retried. Items go one after the other; with Continue On
 * Fail every item ends as an output item or an error item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';
import { resolveAuthHeaders } from '../../shared/dialects/credential';
import { isRecord } from '../../shared/model/values';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../../shared/transport/defaults';
import { requestWithRetry } from '../../shared/transport/http';
import { FixedGate, runClock } from '../../shared/transport/limiter';
import { redact } from '../../shared/transport/redact';
import { handedCredential, sendingCredentials } from './credential';
import { itemError, nodeError, rejectedAdvice } from './itemError';
import { providerError } from './providerError';
import { errorItem } from './send';

export async function markAsRead(
	ctx: IExecuteFunctions,
	dialect: Dialect,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const support = dialect.markAsRead;
	if (!support)
		throw itemError(
			ctx,
			`${dialect.displayName} has no Mark as Read in this node`,
			0,
			'Read receipts are sent through the WhatsApp Cloud API only; choose it as Provider, or another operation.',
		);
	const continueOnFail = ctx.continueOnFail();
	const credentials = await sendingCredentials(ctx, dialect);
	const baseUrl = dialect.baseUrl(credentials);
	const secrets = dialect.credential.secretFields.map((field) => String(credentials[field] ?? ''));
	const auth = {
		credentialType: dialect.credential.type,
		headers: resolveAuthHeaders(dialect.credential.authHeaders, credentials),
	};
	const credential = handedCredential(ctx, dialect, credentials);
	const settings = {
		timeoutMs: DEFAULT_TIMEOUT_MS,
		maxRetries: DEFAULT_MAX_RETRIES,
		// Marking a message read twice does no harm.
		retryUncertain: true,
	};
	const gate = new FixedGate(1, runClock);

	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const messageId = ctx.getNodeParameter('messageId', i, '') as unknown;
			const from = ctx.getNodeParameter('from', i, '') as unknown;
			const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
			const typingIndicator = options.typingIndicator === true;
			const encoded = support.encode(
				typeof messageId === 'string' || typeof messageId === 'number' ? String(messageId) : '',
				from as string,
				typingIndicator,
			);
			if (!encoded.request) {
				const [first, ...rest] = encoded.issues;
				throw itemError(
					ctx,
					rest.length ? `The request has ${encoded.issues.length} problems` : first.message,
					i,
					rest.length
						? encoded.issues.map((issue) => `• ${issue.message}`)
						: 'Correct it and run the node again.',
				);
			}
			const url = baseUrl + encoded.request.path;
			const outcome = await requestWithRetry(
				ctx,
				auth,
				{ method: 'POST', url, body: encoded.request.body },
				settings,
				gate,
				{ credential, rateLimited: dialect.rateLimited },
			);
			if (!outcome) throw itemError(ctx, 'The request was not sent', i, 'Run the node again.');
			if (!outcome.ok)
				throw rejectedAdvice(
					providerError(ctx, dialect, outcome, url, i, secrets, settings.timeoutMs),
					"The provider's message above says what to change. Message ID must be the ID of a message this phone number (From) received, such as the trigger's messageId.",
				);
			const answer = isRecord(outcome.body) ? outcome.body : { response: outcome.body };
			out.push({
				json: {
					...(redact(answer, secrets) as IDataObject),
					provider: dialect.id,
					messageId: encoded.request.body.message_id,
					typingIndicator,
				},
				pairedItem: { item: i },
			});
		} catch (error) {
			if (!continueOnFail) throw nodeError(ctx, error, i);
			out.push(errorItem(nodeError(ctx, error, i), i));
		}
	}
	return out;
}
