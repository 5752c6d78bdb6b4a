import type {
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DIALECTS, getDialect } from '../shared/dialects';
import { nodeCodex, providerList, providerSubtitle } from '../shared/description/provider';
import { STATUS_STATES, type StatusState } from '../shared/model/event';
import { admit, type PartCounts } from '../shared/trigger/admit';
import { WEBHOOK_CREDENTIAL } from '../shared/trigger/authorise';
import { ensureRawBody, type CallbackRequest } from '../shared/trigger/body';
import { signatureCredentialTests, testWebhookSecret } from '../shared/trigger/credentialTest';
import { remarkStore } from '../shared/trigger/dedupe';
import { dropSeen } from '../shared/trigger/seen';
import { answerVerification } from '../shared/trigger/verify';
import { TRIGGER_NAMES } from '../shared/trigger/context';
import { hopTarget } from '../shared/trigger/forward';
import { WAITS_STATIC_KEY } from '../shared/trigger/answers';
import { configuredOutputs, type OutputLayout } from '../shared/trigger/outputs';
import {
	PART_HEADER,
	partUrl,
	postParts,
	readPart,
	splitByCustomer,
	type ExecutionsPer,
	type Part,
} from '../shared/trigger/split';
import { partAnswerProof } from '../shared/wait/hop';
import {
	addReceipts,
	sendError,
	sendReceipt,
	whenAnswered,
	type ReceiptCounts,
	type WebhookResponse,
} from '../shared/trigger/respond';
import { toOutputs } from '../shared/trigger/routing';
import { readSecretSettings } from '../shared/trigger/secret';
import { triggerProperties } from './description';

/** The answer to a callback cut into customers' parts when n8n did not store every part. */
const UNSTORED_PART =
	"n8n could not store every customer's part of this callback; send the callback again (the parts already stored are dropped as duplicates)";

/** Providers that verify the URL with a GET first. */
const VERIFYING = DIALECTS.filter((d) => d.trigger.verification);

export class WhatsAppInteractiveTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Interactive Trigger',
		name: 'whatsAppInteractiveTrigger',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1 (same parameters and outputs). n8n evaluates an expression for every
		// request to a webhook node at version 1 (its old Webhook node's binaryData option), which
		// costs an expression isolate call per callback; at 1.1 it does not. Saved workflows keep 1.
		// 2 behaves as 1.1 (n8n tests `typeVersion === 1` and `> 1` there), except that a new
		// trigger's Authentication defaults to Webhook Secret instead of None (docs/contract.md).
		// 3 adds the Message output for plain messages, on by default; before 3 they go to Other.
		version: [1, 1.1, 2, 3],
		defaultVersion: 3,
		codex: nodeCodex(['WhatsApp', 'Webhook', 'Button', 'List', 'Reply', 'Status', 'Message']),
		subtitle: `=${providerSubtitle()}`,
		// n8n's node search shows the action and this trigger as one entry, "WhatsApp Interactive",
		// with this description (editor-ui generateMergedNodesAndActions): it describes both.
		description: `Send WhatsApp reply buttons and lists through ${providerList()}, and start workflows when customers reply or write, or a message status changes`,
		defaults: {
			name: 'WhatsApp Interactive Trigger',
		},
		triggerPanel: {
			header: 'Receives the callbacks your provider posts to this URL',
			executionsHelp: {
				inactive:
					"<b>While building your workflow</b>, click 'Listen for test event', enter the test URL as the callback URL at your provider, then reply to one of your messages from WhatsApp (tap a button, pick a row, or write). The event shows up here, on the output it belongs to.<br /><br /><b>To run automatically</b>, publish the workflow and give your provider the production URL, as the notice under Provider says.",
				active:
					'<b>While building your workflow</b>, click \'Listen for test event\', enter the test URL as the callback URL at your provider, then reply to one of your messages from WhatsApp. The event shows up here.<br /><br /><b>The workflow is published</b>: every reply, message and status the provider posts to the production URL starts an execution, listed under <a data-key="executions">executions</a>.',
			},
			activationHint:
				"Once the workflow is published, your provider's callbacks to the production URL run it without this button.",
		},
		inputs: [],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		// The webhook secret's credential, and the signing credential of each provider that signs its
		// callbacks (`Dialect.trigger.signature`), which has no Authentication choice.
		// Written out, not derived from the registry: n8n's scanner (credential-test-required) reads
		// `name` and `testedBy` only from a literal list here. test/action/registry.test.ts checks that
		// it is the registry's.
		credentials: [
			{
				name: 'whatsAppInteractiveWebhookApi',
				required: true,
				testedBy: 'webhookSecretTest',
				displayOptions: {
					show: { authentication: ['secret'] },
					hide: { provider: ['whatsAppCloud'] },
				},
			},
			{
				name: 'whatsAppCloudWebhookApi',
				required: true,
				testedBy: 'whatsAppCloudWebhookApiTest',
				displayOptions: { hide: { provider: ['messangi', 'sinchLatam'] } },
			},
		],
		webhooks: [
			// A GET on the same URL for providers that verify it first (answered in `webhook()`). Not
			// listed in the panel: its URL is the POST's, which the panel shows.
			...(VERIFYING.length
				? [
						{
							name: 'setup',
							httpMethod: 'GET',
							responseMode: 'onReceived',
							path: 'webhook',
							ndvHideUrl: true,
						} as const,
					]
				: []),
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// n8n answers a callback that starts an execution once it has stored it (Acknowledge:
				// When Saved), with the node's `webhookResponse` only when this is empty: left undefined,
				// n8n 2.x takes its default, the text "firstEntryJson", as the body.
				responseData: '',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		credentialTest: {
			webhookSecretTest: testWebhookSecret,
			...signatureCredentialTests(DIALECTS),
		},
	};

	webhookMethods = {
		default: {
			// The callback URL is given to the provider by hand (each provider's notice says how), so
			// there is nothing to look up or register:
			// n8n always runs `create`, which checks the trigger's own setup instead.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// Providers that sign their callbacks have no Authentication choice.
				const provider = this.getNodeParameter('provider', '') as string;
				const signs = DIALECTS.find((d) => d.id === provider)?.trigger.signature;
				if (signs || this.getNodeParameter('authentication', 'none') !== 'secret') return true;
				const read = readSecretSettings(await this.getCredentials(WEBHOOK_CREDENTIAL));
				if ('problem' in read) {
					throw new NodeOperationError(this.getNode(), read.problem, {
						description:
							'Open the credential chosen in the WhatsApp Interactive Trigger and fix it.',
					});
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Nothing was registered at the provider, so nothing is removed there.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject() as WebhookResponse;
		try {
			return await receive(this, res);
		} catch (error) {
			// An exception would make n8n answer 500 and also start a failed execution: answer here.
			this.logger.error(
				`WhatsApp Interactive Trigger could not handle a callback: ${(error as Error).message}`,
			);
			if (!res.headersSent) {
				sendError(
					res,
					500,
					'The trigger could not handle this callback; the n8n log has the details',
				);
			}
			return { noWebhookResponse: true };
		}
	}
}

/**
 * One callback: check the secret, read and decode the body, drop what the user did not ask for
 * and what was seen before, and hand the rest to the outputs. A callback that starts an execution
 * is acknowledged by n8n once it has stored the execution (Acknowledge: When Saved): its receipt
 * goes back as `webhookResponse`, which n8n 2.x sends only after `WorkflowRunner.run()` has
 * created the execution, and answers 500 instead if that fails. Everything else is answered here.
 */
async function receive(
	context: IWebhookFunctions,
	res: WebhookResponse,
): Promise<IWebhookResponseData> {
	const provider = context.getNodeParameter('provider') as string;
	const dialect = getDialect(provider);

	if (context.getWebhookName() === 'setup') return await verify(context, res);

	// A customer's part of a callback this trigger cut itself (shared/trigger/split.ts).
	const partHeader = context.getHeaderData()[PART_HEADER];
	if (partHeader !== undefined) return await receivePart(context, res, partHeader);

	const request = context.getRequestObject() as CallbackRequest;
	const layout = readLayout(context);
	const admitted = await admit(context, res, dialect, {
		names: TRIGGER_NAMES,
		checksSecret: context.getNodeParameter('authentication', 'none') === 'secret',
		rawBody: async () => ((await ensureRawBody(request)) ? { raw: request.rawBody } : undefined),
		parsedBody: () => context.getBodyData(),
		hopRoute: () => hopTarget(context),
		layout,
		states: context.getNodeParameter('statusStates', [...STATUS_STATES]) as StatusState[],
	});
	if (admitted === null) return { noWebhookResponse: true };
	const { selected, counts } = admitted;
	const part: Part = { events: selected, unrecognised: admitted.unrecognised };
	if (admitted.clientInfo !== undefined) part.clientInfo = admitted.clientInfo;

	// One execution per customer (shared/trigger/split.ts): each customer's part goes back to this
	// trigger on this process's listener. Not in test runs, whose webhook takes one call only.
	if (executionsPer(context) === 'perCustomer' && context.getMode() !== 'manual') {
		const parts = splitByCustomer(
			selected,
			layout.outputOther ? admitted.unrecognised : [],
			admitted.clientInfo,
		);
		const url = parts.length > 1 ? partUrl(context) : null;
		if (url !== null) return await answerParts(context, res, url, parts, counts);
	}
	return deliver(context, res, layout, part, counts);
}

/** What the Message and Other switches say (Message exists from type version 3). */
function readLayout(context: IWebhookFunctions): OutputLayout {
	return {
		outputMessage: context.getNodeParameter('outputMessage', false) as boolean,
		outputOther: context.getNodeParameter('outputOther', false) as boolean,
	};
}

/** Options → Executions; unset: one per customer from type version 3, one per callback before. */
function executionsPer(context: IWebhookFunctions): ExecutionsPer {
	const options = context.getNodeParameter('options', {}) as { executions?: string };
	if (options.executions === 'perCallback' || options.executions === 'perCustomer')
		return options.executions;
	return context.getNode().typeVersion >= 3 ? 'perCustomer' : 'perCallback';
}

/**
 * A part of a callback that this trigger cut and posted to itself: the proof says this process
 * made it out of an authenticated callback, so neither the secret nor a signature is asked again.
 */
async function receivePart(
	context: IWebhookFunctions,
	res: WebhookResponse,
	proof: unknown,
): Promise<IWebhookResponseData> {
	const request = context.getRequestObject() as CallbackRequest;
	const read = (await ensureRawBody(request))
		? readPart(proof, request.rawBody, context.getNode().webhookId)
		: { ok: false as const };
	if (read === null || !read.ok) {
		sendError(res, 403, 'This part of a callback was not cut by this n8n process');
		return { noWebhookResponse: true };
	}
	const { part } = read;
	return deliver(
		context,
		res,
		readLayout(context),
		part,
		{
			received: part.events.length + part.unrecognised.length,
			ignored: 0,
			unrecognised: part.unrecognised.length,
		},
		partAnswerProof(read.proof),
	);
}

/**
 * Posts each customer's part to this trigger and answers the provider once every part has been
 * answered: 200 with the sums of their receipts, or 503 when any was not (the provider sends the
 * callback again; the parts stored already are then dropped as duplicates).
 */
async function answerParts(
	context: IWebhookFunctions,
	res: WebhookResponse,
	url: string,
	parts: Part[],
	counts: PartCounts,
): Promise<IWebhookResponseData> {
	const receipts: ReceiptCounts[] = [];
	for (const outcome of await postParts(context, url, parts)) {
		if (outcome.ok) receipts.push(outcome.receipt);
		else
			context.logger.warn(
				`WhatsApp Interactive Trigger could not start the execution of one customer's part of a callback: ${outcome.why}; the provider is asked to send the callback again`,
			);
	}
	if (receipts.length < parts.length) {
		sendError(res, 503, UNSTORED_PART);
		return { noWebhookResponse: true };
	}
	const { delivered, duplicates, stale } = addReceipts(receipts);
	sendReceipt(res, {
		...counts,
		delivered,
		duplicates,
		...(stale ? { stale } : {}),
		executions: receipts.filter((receipt) => receipt.delivered > 0).length,
	});
	return { noWebhookResponse: true };
}

/**
 * The events of one execution: drop stale events and duplicates, put the rest on the outputs and
 * answer (once stored, with When Saved). `partProof`: the answer to a part this trigger posted to
 * itself, which carries it so the trigger that cut the part can trust the answer.
 */
async function deliver(
	context: IWebhookFunctions,
	res: WebhookResponse,
	layout: OutputLayout,
	part: Part,
	counts: PartCounts,
	partProof?: string,
): Promise<IWebhookResponseData> {
	const provider = context.getNodeParameter('provider') as string;
	const options = context.getNodeParameter('options', {}) as {
		acknowledge?: string;
		dropStale?: boolean;
	};
	const whenSaved = options.acknowledge !== 'atOnce';

	const { events, duplicates, stale, settle } = await dropSeen(context, part.events, {
		ignoreDuplicates: context.getNodeParameter('ignoreDuplicates', true) as boolean,
		dropStale: options.dropStale,
		hold: whenSaved,
		manual: context.getMode() === 'manual',
	});

	const outputs = toOutputs(events, part.unrecognised, {
		provider,
		...layout,
		clientInfo: part.clientInfo,
	});
	const delivered = outputs.reduce((count, items) => count + items.length, 0);
	const receipt: ReceiptCounts = {
		...counts,
		delivered,
		duplicates,
		...(stale > 0 ? { stale } : {}),
		...(partProof !== undefined ? { part: partProof } : {}),
	};
	if (delivered > 0 && whenSaved) {
		// n8n answers with the receipt once the execution is stored; the events count as seen from then on.
		whenAnswered(res, settle);
		return answerOnceStored(context, receipt, outputs);
	}
	sendReceipt(res, receipt);
	settle(true);
	return delivered > 0
		? { noWebhookResponse: true, workflowData: outputs }
		: { noWebhookResponse: true };
}

/**
 * The result for n8n to answer once it has stored the execution. n8n 2.x reads `webhookResponse`
 * only then, right before it saves the static data — but by then `WorkflowRunner.run()` has wrapped
 * the same static data in a new `Workflow`, which clears its "changed" flag, and the duplicate store
 * this callback wrote would not be saved (docs/architecture.md). Reading the receipt writes the
 * store again, which marks the static data changed for that save. Read earlier, it changes nothing.
 */
function answerOnceStored(
	context: IWebhookFunctions,
	receipt: ReceiptCounts,
	outputs: INodeExecutionData[][],
): IWebhookResponseData {
	const remark = remarkStore(context.getWorkflowStaticData('node'), [WAITS_STATIC_KEY]);
	return {
		workflowData: outputs,
		get webhookResponse() {
			remark();
			return receipt;
		},
	};
}

/** A GET on the webhook URL: the verification handshake of providers that have one. */
async function verify(
	context: IWebhookFunctions,
	res: WebhookResponse,
): Promise<IWebhookResponseData> {
	const dialect = getDialect(context.getNodeParameter('provider') as string);
	await answerVerification(context, res, dialect, TRIGGER_NAMES);
	return { noWebhookResponse: true };
}
