import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * What the WhatsApp Interactive Trigger needs for Meta's webhooks: the app secret that signs every
 * callback (X-Hub-Signature-256) and the verify token of the URL verification. Inbound only.
 */
export class WhatsAppCloudWebhookApi implements ICredentialType {
	name = 'whatsAppCloudWebhookApi';

	displayName = 'WhatsApp Cloud API Webhook API';

	icon: Icon = {
		light: 'file:../nodes/WhatsAppInteractiveTrigger/whatsapp.svg',
		dark: 'file:../nodes/WhatsAppInteractiveTrigger/whatsapp.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-whatsapp-interactive/n8n-nodes-whatsapp-interactive#whatsapp-cloud-api';

	properties: INodeProperties[] = [
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret of the Meta app that sends the webhooks (App settings → Basic → App secret); it signs every callback',
		},
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"A long random value you choose, at least 16 characters; enter the same in the Meta app's webhook settings. Meta sends it once to verify the URL.",
		},
	];
}
