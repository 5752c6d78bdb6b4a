/**
 * The Build Payload operation: the exact provider request for each item, without sending. With a
 * credential chosen, the URL is the one Send would use (its Base URL, API version); without one,
 * the provider's default.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';
import { chosenCredentials } from './credential';
import { prepareItem } from './prepare';
import { errorItem } from './send';
import { lookUpTemplates, sendsTemplate } from './template';

export async function buildPayload(
	ctx: IExecuteFunctions,
	dialect: Dialect,
): Promise<INodeExecutionData[]> {
	const credentials = await chosenCredentials(ctx, dialect);
	const baseUrl = credentials ? dialect.baseUrl(credentials) : dialect.defaultBaseUrl;
	const items = ctx.getInputData();
	const templates = sendsTemplate(ctx, 0)
		? await lookUpTemplates(ctx, dialect, items.length)
		: undefined;
	return items.map((_item, i) => {
		const prepared = prepareItem(ctx, dialect, i, templates);
		if (!prepared.ok) {
			if (ctx.continueOnFail()) return errorItem(prepared.error, i);
			throw prepared.error;
		}
		const { request } = prepared;
		return {
			json: {
				provider: dialect.id,
				method: request.method,
				url: baseUrl + request.path,
				// The request as sent, with what an item must not show redacted (callback URL secrets).
				body: dialect.shownBody?.(request.body) ?? request.body,
				...(prepared.warning ? { warning: prepared.warning } : {}),
			},
			pairedItem: { item: i },
		};
	});
}
