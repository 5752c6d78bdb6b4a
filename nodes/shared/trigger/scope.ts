/**
 * Which trigger (or router) node a request is for, as the process memory of the trigger keys it (the duplicate
 * filter, the open waits, the kept credential): the workflow and the node.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

type Scoped = Pick<IWebhookFunctions, 'getWorkflow' | 'getNode'>;

export function nodeScope(context: Scoped): string {
	return `${context.getWorkflow().id ?? ''}|${context.getNode().id}`;
}
