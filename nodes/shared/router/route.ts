/**
 * One request that n8n's Webhook node received, through the router: the same checks, decoding,
 * hand-overs and duplicate filter as the trigger (`../trigger/admit.ts`, `../trigger/seen.ts`),
 * run inside the execution the Webhook node started. n8n has stored that execution, with the
 * request in it, before the router runs: the answer the router gives the provider is sent only
 * after that, and only once the checks have passed.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Dialect } from '../dialects/types';
import type { StatusState } from '../model/event';
import { admit, type Admitted } from '../trigger/admit';
import { WEBHOOK_CREDENTIAL } from '../trigger/authorise';
import { judgeWithCredential } from '../trigger/credentialCache';
import { readSecretSettings } from '../trigger/secret';
import { ROUTER_NAMES, type CallbackContext } from '../trigger/context';
import type { HopRoute } from '../trigger/forward';
import type { OutputLayout } from '../trigger/outputs';
import { sendReceipt, type ReceiptCounts } from '../trigger/respond';
import { toOutputs } from '../trigger/routing';
import { dropSeen } from '../trigger/seen';
import { answerVerification } from '../trigger/verify';
import { isVerification, type ReceivedRequest } from './request';
import { CollectedResponse } from './response';

/** The router's parameters, as read for one item. */
export interface RouterSettings {
	provider: string;
	checksSecret: boolean;
	layout: OutputLayout;
	states: StatusState[];
	ignoreDuplicates: boolean;
	dropStale?: boolean;
}

export interface Routed {
	/** The answer for the provider. */
	response: CollectedResponse;
	/** Items per output, when the request passed the checks. */
	outputs?: INodeExecutionData[][];
	receipt?: ReceiptCounts;
}

/**
 * Where the router hands Send and Wait answers over: n8n's waiting webhooks, at the base of the
 * resume URLs n8n makes (its webhook URL). The waiting node checks each hand-over's proof, which
 * only this n8n process can make: with n8n in one process the hand-over reaches it; in queue mode
 * it reaches another process and is refused (docs/router.md says to use the trigger there).
 */
export function waitingRoute(context: IExecuteFunctions): HopRoute {
	try {
		const url = context.getSignedResumeUrl();
		const at = url.indexOf(`/${context.getExecutionId()}/`);
		return { base: at > 0 ? url.slice(0, at) : null };
	} catch {
		return { base: null };
	}
}

/** The parts of n8n's context the shared pipeline reads, over the request of item `index`. */
function callbackContext(
	context: IExecuteFunctions,
	request: ReceivedRequest,
	index: number,
): CallbackContext {
	return {
		logger: context.logger,
		helpers: context.helpers,
		getNode: () => context.getNode(),
		getWorkflow: () => context.getWorkflow(),
		getCredentials: (async (type: string) =>
			await context.getCredentials(type, index)) as CallbackContext['getCredentials'],
		getWorkflowStaticData: (type: string) => context.getWorkflowStaticData(type),
		getHeaderData: () => request.headers,
		getQueryData: () => request.query,
	};
}

export async function routeRequest(
	context: IExecuteFunctions,
	dialect: Dialect,
	request: ReceivedRequest,
	index: number,
	settings: RouterSettings,
): Promise<Routed> {
	const response = new CollectedResponse();
	const callback = callbackContext(context, request, index);
	if (isVerification(request)) {
		await answerVerification(callback, response, dialect, ROUTER_NAMES);
		delete request.query[VERIFY_TOKEN_PARAMETER];
		return { response };
	}
	const signed = dialect.trigger.signature !== undefined;
	const admitted: Admitted | null = await admit(callback, response, dialect, {
		names: ROUTER_NAMES,
		checksSecret: settings.checksSecret,
		// A provider that signs: only the signed bytes count, and a request without them (a form
		// post, which n8n's Webhook node takes apart) is unreadable.
		rawBody: async () => (signed && request.raw === undefined ? undefined : { raw: request.raw }),
		parsedBody: () => (signed ? undefined : request.body),
		hopRoute: () => waitingRoute(context),
		layout: settings.layout,
		states: settings.states,
	});
	if (settings.checksSecret && !signed) await forgetSecret(callback, request);
	if (admitted === null) return { response };

	// The execution is stored already: the events are kept, so they count as seen at once.
	const seen = await dropSeen(callback, admitted.selected, {
		ignoreDuplicates: settings.ignoreDuplicates,
		dropStale: settings.dropStale,
		hold: false,
		manual: context.getMode() === 'manual',
	});
	const outputs = toOutputs(seen.events, admitted.unrecognised, {
		provider: settings.provider,
		...settings.layout,
		clientInfo: admitted.clientInfo,
	});
	for (const items of outputs) for (const item of items) item.pairedItem = { item: index };
	const receipt: ReceiptCounts = {
		...admitted.counts,
		delivered: outputs.reduce((count, items) => count + items.length, 0),
		duplicates: seen.duplicates,
		...(seen.stale > 0 ? { stale: seen.stale } : {}),
	};
	sendReceipt(response, receipt);
	return { response, outputs, receipt };
}

/** Meta's verification token, in the query of its verification request. */
const VERIFY_TOKEN_PARAMETER = 'hub.verify_token';

/**
 * Takes the webhook secret out of the request item (its query parameter, its header, the Basic
 * auth header), once it has been checked. n8n stored the item with the execution before the
 * router ran; when the execution ends n8n stores it again, from this same item, without the secret
 * (docs/router.md says so: until then it is in n8n's database).
 */
async function forgetSecret(callback: CallbackContext, request: ReceivedRequest): Promise<void> {
	let read;
	try {
		read = await judgeWithCredential(callback, WEBHOOK_CREDENTIAL, readSecretSettings, () => true);
	} catch {
		return;
	}
	if ('problem' in read) return;
	const { queryParameterName, headerName, basicAuth } = read.settings;
	if (queryParameterName !== '') delete request.query[queryParameterName];
	if (headerName !== '') delete request.headers[headerName.toLowerCase()];
	if (basicAuth) delete request.headers.authorization;
}
