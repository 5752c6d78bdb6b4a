/**
 * The Send operation: validate every item first, then send through one concurrency gate for the
 * run (adaptive by default, see `limiter.ts`; and, for providers that batch, optional broadcast batching).
 * Output order equals input order; with Continue On Fail every item ends as an output item or an
 * error item.
 */
import { type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { Dialect, EncodedRequest, SendReceipt } from '../../shared/dialects';
import { resolveAuthHeaders } from '../../shared/dialects/credential';
import { handedCredential, sendingCredentials } from './credential';
import { postWithRetry } from '../../shared/transport/http';
import { AdaptiveGate, FixedGate, runClock, type Gate } from '../../shared/transport/limiter';
import { planUnits } from '../../shared/transport/plan';
import { unescapeHtml } from '../../shared/model/html';
import { LINE_BREAK, prepareItem } from './prepare';
import { lookUpTemplates, sendsTemplate } from './template';
import { providerError } from './providerError';
import { readSettings } from './settings';
import { redact } from '../../shared/transport/redact';

export async function send(
	ctx: IExecuteFunctions,
	dialect: Dialect,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);

	const ready: Array<{ index: number; request: EncodedRequest }> = [];
	const warnings = new Map<number, string>();
	const templates = sendsTemplate(ctx, 0)
		? await lookUpTemplates(ctx, dialect, items.length)
		: undefined;
	for (let i = 0; i < items.length; i++) {
		const prepared = prepareItem(ctx, dialect, i, templates);
		if (prepared.ok) {
			ready.push({ index: i, request: prepared.request });
			if (prepared.warning) warnings.set(i, prepared.warning);
		} else if (continueOnFail) results[i] = errorItem(prepared.error, i);
		else throw prepared.error; // Nothing has been sent yet.
	}
	if (ready.length === 0) return results as INodeExecutionData[];

	const settings = readSettings(ctx);
	const credentialType = dialect.credential.type;
	const credentials = await sendingCredentials(ctx, dialect);
	const baseUrl = dialect.baseUrl(credentials);
	const secrets = dialect.credential.secretFields.map((field) => String(credentials[field] ?? ''));
	const auth = {
		credentialType,
		headers: resolveAuthHeaders(dialect.credential.authHeaders, credentials),
	};

	const credential = handedCredential(ctx, dialect, credentials);

	const units = planUnits(dialect.batching, ready, settings.batching);
	const gate = makeGate(settings);
	let stop = false;
	let firstError: { index: number; error: Error } | undefined;
	const hooks = {
		cancelled: () => stop,
		credential,
		rateLimited: dialect.rateLimited,
		// Decided before the slot is freed, so that no further request starts once the run fails.
		settled: (outcome: { ok: boolean }) => {
			if (!outcome.ok && !continueOnFail) stop = true;
		},
	};

	await Promise.all(
		units.map(async (unit) => {
			if (stop) return;
			const url = baseUrl + unit.path;
			const outcome = await postWithRetry(ctx, auth, url, unit.body, settings, gate, hooks);
			if (!outcome) return; // Not sent: the run stopped at an earlier failure.
			if (outcome.ok) {
				const receipts = dialect.readReceipts(outcome.body, unit.requests);
				unit.items.forEach((index, k) => {
					const json = outputJson(dialect, receipts[k], outcome.body, secrets);
					if (warnings.has(index) && json.warning === undefined) json.warning = warnings.get(index);
					if (settings.includeRequest)
						json.request = {
							method: 'POST',
							url,
							body: dialect.shownBody?.(unit.body) ?? unit.body,
						};
					results[index] = { json, pairedItem: { item: index } };
				});
				return;
			}
			unit.items.forEach((index) => {
				const error = providerError(ctx, dialect, outcome, url, index, secrets, settings.timeoutMs);
				if (continueOnFail) {
					results[index] = errorItem(error, index);
				} else {
					stop = true;
					if (!firstError || index < firstError.index) firstError = { index, error };
				}
			});
		}),
	);

	if (firstError) throw firstError.error;
	return results as INodeExecutionData[];
}

function makeGate(settings: { concurrency: number; adaptive: boolean }): Gate {
	return settings.adaptive
		? new AdaptiveGate(settings.concurrency, runClock)
		: new FixedGate(settings.concurrency, runClock);
}

function outputJson(
	dialect: Dialect,
	receipt: SendReceipt,
	body: unknown,
	secrets: string[],
): IDataObject {
	const json: IDataObject = {
		provider: dialect.id,
		status: 'accepted',
		// One format for both providers (E.164 with "+"), whatever each one's request carries.
		to:
			typeof receipt.to === 'string' && !receipt.to.startsWith('+') ? `+${receipt.to}` : receipt.to,
		messageId: receipt.messageId,
	};
	if (receipt.batchId !== undefined) json.batchId = receipt.batchId;
	if (receipt.transactionId !== undefined) json.transactionId = receipt.transactionId;
	json.correlationId = receipt.correlationId;
	if (receipt.messageId === null) {
		json.warning = `${dialect.displayName} accepted the request but its answer had no message ID; the answer is under "response"`;
		json.response = redact(
			typeof body === 'object' ? body : String(body ?? ''),
			secrets,
		) as IDataObject;
	}
	return json;
}

/**
 * A failed item under Continue On Fail. Only `error` and `details` go in `json`: n8n routes such an
 * item to the node's error output (when set), and it keeps `json` as it is, whereas an item that
 * carries the error object itself has its `json` replaced by the bare message.
 */
export function errorItem(
	error: Error & { description?: string | null },
	index: number,
): INodeExecutionData {
	const details: IDataObject = {};
	// Plain text in the item: the editor's line breaks (`<br>`) become newlines, escaped text is read back.
	if (error.description)
		details.description = unescapeHtml(error.description.split(LINE_BREAK).join('\n'));
	const httpCode = (error as { httpCode?: string | null }).httpCode;
	if (httpCode) details.httpCode = httpCode;
	return { json: { error: error.message, details }, pairedItem: { item: index } };
}
