/**
 * The router keeps the trigger's promises only if n8n's Webhook node holds the provider's request
 * open until the router answers it (Respond: "Using 'Respond to Webhook' Node"), and, for providers
 * that sign their callbacks, hands it the bytes received (Options → Raw Body). A Webhook node set
 * otherwise has answered the provider already, whatever the router decides: that is an error of
 * the workflow, said before anything is routed.
 */
import { NodeOperationError, type IExecuteFunctions, type IDataObject } from 'n8n-workflow';
import type { Dialect } from '../dialects/types';

export const WEBHOOK_NODE_TYPE = 'n8n-nodes-base.webhook';

export function checkWebhookNode(context: IExecuteFunctions, dialect: Dialect): void {
	// Only an execution that n8n's Webhook node started (or a test run in the editor): run any other
	// way (a sub-workflow, whose JSON can carry any workflow and node id), a router could borrow
	// another workflow's open waits and answer for the person asked.
	const mode = context.getMode?.() ?? 'webhook';
	const webhooks = context
		.getParentNodes(context.getNode().name, { includeNodeParameters: true })
		.filter((node) => node.type === WEBHOOK_NODE_TYPE && !node.disabled);
	if (mode !== 'manual' && (mode !== 'webhook' || webhooks.length === 0))
		throw new NodeOperationError(
			context.getNode(),
			"The router only runs in executions that n8n's Webhook node starts",
			{
				description:
					"Put the router right after the Webhook node that receives your provider's callbacks (docs/router.md); it does not run in sub-workflows or after other triggers.",
			},
		);
	for (const webhook of webhooks) {
		const parameters = webhook.parameters ?? {};
		if (parameters.responseMode !== 'responseNode')
			throw new NodeOperationError(
				context.getNode(),
				`The Webhook node "${webhook.name}" answers the provider before this router has checked the callback`,
				{
					description: `In "${webhook.name}", set Respond to "Using 'Respond to Webhook' Node" (and add a Respond to Webhook node after this router, which n8n asks for). The router then answers the provider itself: 401 to a forged callback, 200 only once n8n has stored it.`,
				},
			);
		const options = (parameters.options ?? {}) as IDataObject;
		if (dialect.trigger.signature && options.rawBody !== true)
			throw new NodeOperationError(
				context.getNode(),
				`The Webhook node "${webhook.name}" does not pass on the bytes ${dialect.displayName} signs`,
				{
					description: `In "${webhook.name}", add Options → Raw Body and turn it on: the router checks each callback's signature over the bytes received.`,
				},
			);
	}
}
