import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { DIALECTS, getDialect } from '../shared/dialects';
import { loadOptionsMethods, resourceMappingMethods } from '../shared/description/loadOptions';
import { nodeCodex, providerList, providerSubtitle } from '../shared/description/provider';
import { buildPayload } from './actions/buildPayload';
import { credentialTests } from './actions/credentialTest';
import { downloadMedia } from './actions/downloadMedia';
import { markAsRead } from './actions/markAsRead';
import { send } from './actions/send';
import { receiveAnswer, sendAndWait } from './actions/sendAndWait';
import {
	approvalProperties,
	exceptForApproval,
	OWN_QUESTION_RESPONSES,
} from './description/approval';
import { commonProperties } from './description/common';
import { exceptForMedia, mediaProperties } from './description/media';
import { messageProperties } from './description/message';
import { optionsProperties } from './description/options';
import { formProperties } from './description/form';
import { freeTextProperties, locationProperties } from './description/freeText';
import { sendAndWaitProperties, sendAndWaitWebhooks } from './description/sendAndWait';
import { exceptForTemplate, sendAsProperties, templateProperties } from './description/template';

const WAITING_CHOICE =
	'Waiting for the number asked to tap a button or row in WhatsApp. The tap reaches this execution through an active WhatsApp Interactive Trigger for the same provider.';
const WAITING_APPROVAL =
	'Waiting for the number asked to approve or decline in WhatsApp. The tap reaches this execution through an active WhatsApp Interactive Trigger for the same provider.';

const WAITING_TEXT =
	'Waiting for the number asked to write back in WhatsApp. The answer reaches this execution through an active WhatsApp Interactive Trigger for the same provider, which must also receive the status callbacks of the question.';
const WAITING_FORM =
	'Waiting for the number asked to submit the WhatsApp Flow. Its reply reaches this execution through an active WhatsApp Interactive Trigger for the WhatsApp Cloud API.';
const WAITING_LOCATION =
	'Waiting for the number asked to share a location in WhatsApp. It reaches this execution through an active WhatsApp Interactive Trigger for the same provider, which must also receive the status callbacks of the question.';

export class WhatsAppInteractive implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Interactive',
		name: 'whatsAppInteractive',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['output'],
		// 1.1: Define Variables starts on Using the Template's Fields (docs/contract.md).
		version: [1, 1.1],
		codex: nodeCodex(['WhatsApp', 'Interactive', 'Buttons', 'List'], {
			Communication: ['Messaging'],
		}),
		// n8n's canvas cuts a subtitle after about 25 characters: short operation and provider names.
		subtitle: `={{({ buildPayload: "Payload", sendAndWait: "Send & wait", sendTemplate: "Template", downloadMedia: "Download", markAsRead: "Mark read" })[$parameter["operation"]] ?? "Send"}}: ${providerSubtitle('shortName')}`,
		description: `Send WhatsApp reply-button, list and text messages and approved templates, download media and mark messages as read through ${providerList()}`,
		defaults: { name: 'WhatsApp Interactive' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// One credential per provider, shown for that provider. Not `required`: Build Payload uses one
		// when chosen and works without; Send and Send and Wait refuse to run without one
		// (actions/credential.ts). n8n has no per-operation `required`.
		// Written with `hide`: n8n's editor takes a parameter that every credential's `show` names with
		// all its values (here `provider`) for the "main auth field", removes it from the panel and
		// leaves only the credential picker to switch it (editor-ui nodeTypesUtils getMainAuthField).
		// `hide` rules are not read that way, so Provider stays a normal field in both operations.
		// Written out, not derived from the registry: n8n's scanner (credential-test-required) reads
		// `name` and `testedBy` only from a literal list here. test/action/registry.test.ts checks that
		// it is the registry's (each dialect's credential type and `testedBy`, the others hidden).
		credentials: [
			{
				name: 'messangiApi',
				required: false,
				testedBy: 'messangiApiTest',
				displayOptions: { hide: { provider: ['sinchLatam', 'whatsAppCloud'] } },
			},
			{
				name: 'sinchLatamApi',
				required: false,
				testedBy: 'sinchLatamApiTest',
				displayOptions: { hide: { provider: ['messangi', 'whatsAppCloud'] } },
			},
			{
				name: 'whatsAppCloudApi',
				required: false,
				testedBy: 'whatsAppCloudApiTest',
				displayOptions: { hide: { provider: ['messangi', 'sinchLatam'] } },
			},
		],
		// Send and Wait for Response's restart webhook (description/sendAndWait.ts), as n8n's own
		// send-and-wait nodes declare theirs: n8n registers no restart webhook at a third party, so the
		// node has no `webhookMethods`.
		webhooks: sendAndWaitWebhooks,
		// What n8n's canvas says on a waiting Send and Wait node, instead of its generic "Waiting for input".
		waitingNodeTooltip: `={{ $parameter["responseType"] === "approval" ? ${JSON.stringify(WAITING_APPROVAL)} : $parameter["responseType"] === "freeText" ? ${JSON.stringify(WAITING_TEXT)} : $parameter["responseType"] === "location" ? ${JSON.stringify(WAITING_LOCATION)} : $parameter["responseType"] === "form" ? ${JSON.stringify(WAITING_FORM)} : ${JSON.stringify(WAITING_CHOICE)} }}`,
		// Send and Wait for Response's Approval builds its own message: the message fields and the
		// sending options are not shown for it, which also keeps them out of the approval tool n8n
		// derives from this node for its AI Agent (docs/ai-agents.md).
		properties: [
			...commonProperties,
			...approvalProperties,
			...freeTextProperties,
			...locationProperties,
			...formProperties,
			...sendAsProperties,
			...templateProperties,
			...exceptForMedia([
				...exceptForApproval(exceptForTemplate(messageProperties), OWN_QUESTION_RESPONSES),
				...exceptForApproval(optionsProperties),
			]),
			...sendAndWaitProperties,
			...mediaProperties,
		],
	};

	methods = {
		credentialTest: credentialTests(DIALECTS),
		loadOptions: loadOptionsMethods(DIALECTS),
		resourceMapping: resourceMappingMethods(DIALECTS),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveAnswer(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const dialect = getDialect(this.getNodeParameter('provider', 0) as string);
		const operation = this.getNodeParameter('operation', 0) as string;
		if (operation === 'sendAndWait') return await sendAndWait(this, dialect);
		if (operation === 'downloadMedia') return [await downloadMedia(this, dialect)];
		if (operation === 'markAsRead') return [await markAsRead(this, dialect)];
		// Send Template goes the way of Send: the item's template is read instead of a message (actions/prepare.ts).
		const items =
			operation === 'buildPayload' ? await buildPayload(this, dialect) : await send(this, dialect);
		return [items];
	}
}
