/**
 * The conversation workflow the end-to-end suite runs in n8n (issue #28): one published workflow
 * with a trigger per provider at type version 3, whose Message output feeds Download Media, a text
 * answer and, for the Cloud API, Mark as Read. Payloads are the providers' documented shapes.
 */
import type { IDataObject } from 'n8n-workflow';
import { CLOUD_PHONE_NUMBER_ID, cloudWebhook } from '../trigger/fixtures';
import type { Workflow } from './support';

const TRIGGER = 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger';
const ACTION = 'n8n-nodes-whatsapp-interactive.whatsAppInteractive';
const SECRET_CRED = {
	whatsAppInteractiveWebhookApi: { id: 'waiWebhookSecret', name: 'Webhook secret (local example)' },
};
const CLOUD_CRED = {
	whatsAppCloudApi: { id: 'waiCloudMock', name: 'WhatsApp Cloud API (local mock)' },
};
const CLOUD_WEBHOOK_CRED = {
	whatsAppCloudWebhookApi: { id: 'waiCloudWebhook', name: 'WhatsApp Cloud API webhook (e2e)' },
};
const SINCH_CRED = { sinchLatamApi: { id: 'waiSinchMock', name: 'Sinch LATAM (local mock)' } };

/** The business's Cloud API phone number id, as the e2e Cloud workflows use it. */
export const PHONE_NUMBER_ID = CLOUD_PHONE_NUMBER_ID;

const uuid = (n: number) => `c0e7e2e0-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const conversationWorkflow: Workflow = {
	id: 'waiE2eConversat1',
	name: 'e2e: conversations (Message output, Download Media, Mark as Read)',
	nodes: [
		{
			id: uuid(1),
			name: 'Cloud messages',
			type: TRIGGER,
			typeVersion: 3,
			position: [0, 0],
			webhookId: uuid(101),
			credentials: CLOUD_WEBHOOK_CRED,
			parameters: { provider: 'whatsAppCloud' },
		},
		{
			id: uuid(2),
			name: 'Sinch messages',
			type: TRIGGER,
			typeVersion: 3,
			position: [0, 400],
			webhookId: uuid(102),
			credentials: SECRET_CRED,
			parameters: { provider: 'sinchLatam' },
		},
		{
			id: uuid(3),
			name: 'Download from Cloud',
			type: ACTION,
			typeVersion: 1,
			position: [400, 0],
			credentials: CLOUD_CRED,
			continueOnFail: true,
			parameters: { provider: 'whatsAppCloud', operation: 'downloadMedia' },
		},
		{
			id: uuid(4),
			name: 'Mark read',
			type: ACTION,
			typeVersion: 1,
			position: [400, 200],
			credentials: CLOUD_CRED,
			parameters: {
				provider: 'whatsAppCloud',
				operation: 'markAsRead',
				from: PHONE_NUMBER_ID,
				options: { typingIndicator: true },
			},
		},
		{
			id: uuid(5),
			name: 'Download from Sinch',
			type: ACTION,
			typeVersion: 1,
			position: [400, 400],
			credentials: SINCH_CRED,
			continueOnFail: true,
			parameters: { provider: 'sinchLatam', operation: 'downloadMedia' },
		},
		{
			id: uuid(6),
			name: 'Answer in Cloud',
			type: ACTION,
			typeVersion: 1,
			position: [400, -200],
			credentials: CLOUD_CRED,
			// A customer known only by a business-scoped user id has no number to send to: an error item.
			continueOnFail: true,
			parameters: {
				provider: 'whatsAppCloud',
				operation: 'send',
				to: '={{ $json.from }}',
				from: PHONE_NUMBER_ID,
				messageType: 'text',
				bodyText: '=Thanks {{ $json.contactName }}, we got your {{ $json.message.type }}.',
				options: { replyToMessageId: '={{ $json.messageId }}' },
			},
		},
		{
			id: uuid(7),
			name: 'Answer in Sinch',
			type: ACTION,
			typeVersion: 1,
			position: [400, 600],
			credentials: SINCH_CRED,
			parameters: {
				provider: 'sinchLatam',
				operation: 'send',
				to: '={{ $json.from }}',
				messageType: 'text',
				bodyText: '=We got your {{ $json.message.type }}.',
			},
		},
	],
	connections: {
		'Cloud messages': {
			main: [
				[],
				[],
				[],
				[
					{ node: 'Download from Cloud', type: 'main', index: 0 },
					{ node: 'Mark read', type: 'main', index: 0 },
					{ node: 'Answer in Cloud', type: 'main', index: 0 },
				],
			],
		},
		'Sinch messages': {
			main: [
				[],
				[],
				[],
				[
					{ node: 'Download from Sinch', type: 'main', index: 0 },
					{ node: 'Answer in Sinch', type: 'main', index: 0 },
				],
			],
		},
	},
	settings: { executionOrder: 'v1' },
};

/** A Cloud API webhook carrying `messages` from one user (Meta's messages webhook reference). */
export function cloudMessages(messages: IDataObject[], contacts?: IDataObject[]): string {
	return JSON.stringify(
		cloudWebhook({
			contacts: contacts ?? [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
			messages,
		}),
	);
}
