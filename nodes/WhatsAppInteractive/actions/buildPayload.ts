/** The Build Payload operation: the exact provider request for each item, without sending or credentials. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';
import { prepareItem } from './prepare';
import { errorItem } from './send';

export function buildPayload(ctx: IExecuteFunctions, dialect: Dialect): INodeExecutionData[] {
	return ctx.getInputData().map((_item, i) => {
		const prepared = prepareItem(ctx, dialect, i);
		if (!prepared.ok) {
			if (ctx.continueOnFail()) return errorItem(prepared.error, i);
			throw prepared.error;
		}
		const { request } = prepared;
		return {
			json: {
				provider: dialect.id,
				method: request.method,
				url: dialect.defaultBaseUrl + request.path,
				body: request.body,
			},
			pairedItem: { item: i },
		};
	});
}
