import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret of the WhatsApp Interactive Trigger. Neither provider signs its callbacks, so
 * the URL given to the provider carries this secret and the trigger checks it. It is inbound only:
 * nothing here calls an API, and the node's `webhookSecretTest` checks it instead of a request.
 */
export class WhatsAppInteractiveWebhookApi implements ICredentialType {
	name = 'whatsAppInteractiveWebhookApi';

	displayName = 'WhatsApp Interactive Webhook API';

	icon: Icon = {
		light: 'file:../nodes/WhatsAppInteractiveTrigger/whatsapp.svg',
		dark: 'file:../nodes/WhatsAppInteractiveTrigger/whatsapp.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-whatsapp-interactive/n8n-nodes-whatsapp-interactive#readme';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long random value, at least 16 characters: with a shorter one the trigger cannot be activated. Callbacks must carry it, or the trigger answers 401 and starts nothing.',
		},
		{
			displayName: 'Query Parameter Name',
			name: 'queryParameterName',
			type: 'string',
			default: 'secret',
			description:
				'Query parameter that may carry the secret, as in …/webhook?secret=YOUR_SECRET; the usual choice for Sinch LATAM, whose support sets only a URL. Leave empty to not accept it there.',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Webhook-Secret',
			description:
				'HTTP header that may carry the secret. Leave empty to not accept it in a header.',
		},
		{
			displayName: 'Accept HTTP Basic Auth',
			name: 'basicAuth',
			type: 'boolean',
			default: true,
			description:
				'Whether to accept the secret as the password of HTTP Basic auth, with any user name, as in https://any:YOUR_SECRET@your-n8n/…',
		},
	];
}
