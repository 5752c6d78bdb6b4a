import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { DIALECTS, getDialect } from '../shared/dialects';
import { nodeCodex, providerSubtitle } from '../shared/description/provider';
import { STATUS_STATES, type StatusState } from '../shared/model/event';
import { checkWebhookNode } from '../shared/router/webhookNode';
import { NOT_A_REQUEST, readRequest } from '../shared/router/request';
import { CollectedResponse } from '../shared/router/response';
import { routeRequest, type RouterSettings } from '../shared/router/route';
import { signatureCredentialTests, testWebhookSecret } from '../shared/trigger/credentialTest';
import { configuredOutputs, outputCount } from '../shared/trigger/outputs';
import { addReceipts, type ReceiptCounts } from '../shared/trigger/respond';
import { routerProperties } from './description';

export class WhatsAppInteractiveRouter implements INodeType {
	description: INodeTypeDescription = {
		// Not usable as an AI tool: the router answers a request that n8n's Webhook node holds open,
		// which an agent's tool call never has (n8n would list a "Router Tool" that cannot work). Set,
		// and left unset, for n8n's scanner, which asks every node to say.
		usableAsTool: undefined,
		displayName: 'WhatsApp Interactive Router',
		name: 'whatsAppInteractiveRouter',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['transform'],
		version: 1,
		codex: nodeCodex(['WhatsApp', 'Webhook', 'Callback', 'Router', 'Reply', 'Status', 'Message']),
		subtitle: `=${providerSubtitle()}`,
		description:
			"Check and route the WhatsApp callbacks that n8n's Webhook node receives, and answer the provider once n8n has stored them: for busy numbers and large batches",
		defaults: {
			name: 'WhatsApp Interactive Router',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		// As the trigger's (written out for n8n's scanner; test/action/registry.test.ts compares them).
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
		properties: routerProperties,
	};

	methods = {
		credentialTest: {
			webhookSecretTest: testWebhookSecret,
			...signatureCredentialTests(DIALECTS),
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const provider = this.getNodeParameter('provider', 0) as string;
		const dialect = getDialect(provider);
		checkWebhookNode(this, dialect);

		const settings: RouterSettings = {
			provider,
			checksSecret: this.getNodeParameter('authentication', 0, 'secret') === 'secret',
			layout: {
				outputMessage: this.getNodeParameter('outputMessage', 0, true) as boolean,
				outputOther: this.getNodeParameter('outputOther', 0, false) as boolean,
			},
			states: this.getNodeParameter('statusStates', 0, [...STATUS_STATES]) as StatusState[],
			ignoreDuplicates: this.getNodeParameter('ignoreDuplicates', 0, true) as boolean,
			dropStale: (this.getNodeParameter('options', 0, {}) as { dropStale?: boolean }).dropStale,
		};
		const outputs: INodeExecutionData[][] = Array.from(
			{ length: outputCount(settings.layout) },
			() => [],
		);
		const receipts: ReceiptCounts[] = [];
		let refused: { response: CollectedResponse; index: number } | undefined;
		for (let index = 0; index < items.length; index++) {
			const request = await readRequest(this, items[index], index);
			if (request === null) {
				const error = new NodeOperationError(this.getNode(), NOT_A_REQUEST, { itemIndex: index });
				if (!this.continueOnFail()) throw error;
				outputs[0].push({ json: { error: error.message }, pairedItem: { item: index } });
				continue;
			}
			const routed = await routeRequest(this, dialect, request, index, settings);
			if (routed.outputs) routed.outputs.forEach((list, output) => outputs[output].push(...list));
			if (routed.receipt) receipts.push(routed.receipt);
			else if (routed.response.statusCode >= 400) {
				refused ??= { response: routed.response, index };
				if (this.continueOnFail())
					outputs[0].push({
						json: { error: routed.response.message, statusCode: routed.response.statusCode },
						pairedItem: { item: index },
					});
			} else if (items.length === 1) {
				// A verification request: its answer is the challenge.
				await this.sendResponse(routed.response.toResponse());
				return outputs;
			}
		}

		// One answer for the request the Webhook node holds: the first refusal, or the receipt.
		if (refused) {
			await this.sendResponse(refused.response.toResponse());
			if (!this.continueOnFail())
				throw new NodeOperationError(
					this.getNode(),
					`Refused the callback (HTTP ${refused.response.statusCode}): ${refused.response.message}`,
					{
						itemIndex: refused.index,
						description:
							'The provider got this answer. A forged or altered callback is refused on purpose; for anything else the answer says what to fix.',
					},
				);
			return outputs;
		}
		const receipt = new CollectedResponse();
		receipt.json(receipts.length === 1 ? receipts[0] : addReceipts(receipts));
		await this.sendResponse(receipt.toResponse());
		return outputs;
	}
}
