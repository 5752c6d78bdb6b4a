/**
 * What the callback pipeline (`admit.ts`, the secret and signature checks, the hand-over of Send
 * and Wait answers, the duplicate filter's scope) needs from n8n: the part of a webhook's context
 * that the WhatsApp Interactive Trigger has in `webhook()`, and that the WhatsApp Interactive Router
 * builds in `execute()` from the request n8n's Webhook node received.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

export type CallbackContext = Pick<
	IWebhookFunctions,
	'logger' | 'getNode' | 'getWorkflow' | 'getCredentials' | 'getWorkflowStaticData'
> & {
	helpers: Pick<IWebhookFunctions['helpers'], 'httpRequest'>;
	getHeaderData(): object;
	getQueryData(): object;
};

/** The request's headers, as the checks read them. */
export function headersOf(context: CallbackContext): Record<string, string | string[] | undefined> {
	return context.getHeaderData() as Record<string, string | string[] | undefined>;
}

/** The request's query parameters. */
export function queryOf(context: CallbackContext): IDataObject {
	return context.getQueryData() as IDataObject;
}

/** How the node names itself: in n8n's log ("WhatsApp Interactive Trigger"), and in its answers ("trigger"). */
export interface NodeNames {
	label: string;
	noun: string;
}

export const TRIGGER_NAMES: NodeNames = { label: 'WhatsApp Interactive Trigger', noun: 'trigger' };
export const ROUTER_NAMES: NodeNames = { label: 'WhatsApp Interactive Router', noun: 'router' };
