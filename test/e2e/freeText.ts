/**
 * Send and Wait → Free Text in the end-to-end suite (issue #28): the asking workflows and the
 * callbacks a provider posts about them, in the providers' documented shapes. The question's status
 * callback carries the wait's reference in the correlation field (Cloud API
 * `biz_opaque_callback_data`, Sinch LATAM `correlationId`); the customer's message is plain.
 */
import type { IDataObject } from 'n8n-workflow';
import { BUSINESS, CLOUD_PHONE_NUMBER_ID, cloudWebhook, sinchBatch } from '../trigger/fixtures';
import type { Workflow } from './support';

const ACTION = 'n8n-nodes-whatsapp-interactive.whatsAppInteractive';
const CREDS = {
	sinchLatam: { sinchLatamApi: { id: 'waiSinchMock', name: 'Sinch LATAM (local mock)' } },
	whatsAppCloud: {
		whatsAppCloudApi: { id: 'waiCloudMock', name: 'WhatsApp Cloud API (local mock)' },
	},
};
export type FreeTextProvider = keyof typeof CREDS;

const uuid = (n: number) => `f7e0e2e0-0000-4000-8000-${String(n).padStart(12, '0')}`;
let nodes = 0;

/** Webhook → Send and Wait (Free Text, these parameters) → No-Op. */
export function freeTextWorkflow(
	id: string,
	provider: FreeTextProvider,
	parameters: IDataObject = {},
): Workflow {
	return {
		id,
		name: `e2e: free text, ${provider} (${id})`,
		nodes: [
			{
				id: uuid(++nodes),
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: uuid(1000 + nodes),
				parameters: {
					httpMethod: 'POST',
					path: `ask-${id}`,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: uuid(++nodes),
				name: 'Ask',
				type: ACTION,
				typeVersion: 1,
				position: [250, 0],
				credentials: CREDS[provider],
				parameters: {
					provider,
					operation: 'sendAndWait',
					responseType: 'freeText',
					to: '={{ $json.body.to }}',
					...(provider === 'whatsAppCloud' ? { from: CLOUD_PHONE_NUMBER_ID } : {}),
					message: '=Hi {{ $json.body.name }}, please describe the problem in a few words.',
					limitType: 'none',
					...parameters,
				},
			},
			{
				id: uuid(++nodes),
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [500, 0],
				parameters: {},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
			Ask: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

let counter = 0;

/** The question's status callback, as the provider posts it, with the reference echoed. */
export function statusCallback(
	provider: FreeTextProvider,
	to: string,
	reference: string,
	state: 'sent' | 'delivered' | 'read' = 'sent',
): IDataObject {
	const digits = to.replace(/\D/g, '');
	if (provider === 'whatsAppCloud')
		return cloudWebhook({
			statuses: [
				{
					id: `wamid.question-${++counter}`,
					status: state,
					timestamp: String(Math.floor(Date.now() / 1000)),
					recipient_id: digits,
					biz_opaque_callback_data: reference,
				},
			],
		});
	const sinch: Record<string, [string, string, number]> = {
		sent: ['sent', 'SENT_SUCCESS', 2],
		delivered: ['delivered', 'DELIVERED_SUCCESS', 4],
		read: ['read', 'READ_SUCCESS', 5],
	};
	const [field, status, code] = sinch[state];
	return sinchBatch({
		id: `question-${++counter}`,
		correlationId: reference,
		destination: digits,
		origin: BUSINESS,
		[field]: true,
		[`${field}StatusCode`]: code,
		[`${field}Status`]: status,
		[`${field}Date`]: new Date().toISOString(),
	});
}

/** A customer's message: text, or a photo (with a caption) when `image` is set. */
export function messageCallback(
	provider: FreeTextProvider,
	from: string,
	text: string,
	image = false,
): IDataObject {
	const digits = from.replace(/\D/g, '');
	const id = `wamid.answer-${++counter}`;
	if (provider === 'whatsAppCloud')
		return cloudWebhook({
			contacts: [{ profile: { name: 'Ana' }, wa_id: digits }],
			messages: [
				{
					from: digits,
					id,
					timestamp: String(Math.floor(Date.now() / 1000)),
					...(image
						? {
								type: 'image',
								image: {
									id: '1234567890',
									mime_type: 'image/jpeg',
									sha256: 'abc',
									caption: text,
								},
							}
						: { type: 'text', text: { body: text } }),
				},
			],
		});
	return sinchBatch({
		id,
		source: digits,
		origin: BUSINESS,
		userProfile: { name: 'Ana Souza', whatsAppId: digits },
		message: image
			? {
					type: 'IMAGE',
					mediaUrl: 'https://example.com/photo.jpg',
					mimeType: 'image/jpeg',
					caption: text,
				}
			: { type: 'TEXT', messageText: text },
		receivedDate: new Date().toISOString(),
	});
}

/** A Cloud API customer's shared location (Meta's "messages" webhook, `type: "location"`). */
export function locationCallback(
	from: string,
	location: { latitude: number; longitude: number; name?: string; address?: string },
): IDataObject {
	const digits = from.replace(/\D/g, '');
	return cloudWebhook({
		contacts: [{ profile: { name: 'Ana' }, wa_id: digits }],
		messages: [
			{
				from: digits,
				id: `wamid.place-${++counter}`,
				timestamp: String(Math.floor(Date.now() / 1000)),
				type: 'location',
				location,
			},
		],
	});
}

/** A Cloud API customer's submitted WhatsApp Flow (Meta's "Receiving a Flow response": `nfm_reply`). */
export function flowReplyCallback(from: string, token: string, fields: IDataObject): IDataObject {
	const digits = from.replace(/\D/g, '');
	return cloudWebhook({
		contacts: [{ profile: { name: 'Ana' }, wa_id: digits }],
		messages: [
			{
				context: { from: CLOUD_PHONE_NUMBER_ID, id: 'wamid.flow-question' },
				from: digits,
				id: `wamid.flow-${++counter}`,
				timestamp: String(Math.floor(Date.now() / 1000)),
				type: 'interactive',
				interactive: {
					type: 'nfm_reply',
					nfm_reply: {
						name: 'flow',
						body: 'Sent',
						response_json: JSON.stringify({ flow_token: token, ...fields }),
					},
				},
			},
		],
	});
}
