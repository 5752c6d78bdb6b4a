import type { ICredentialType, INodeProperties } from 'n8n-workflow';

export class SinchLatamApi implements ICredentialType {
	name = 'sinchLatamApi';

	displayName = 'Sinch LATAM WhatsApp API';

	documentationUrl =
		'https://github.com/n8n-nodes-whatsapp-interactive/n8n-nodes-whatsapp-interactive#sinch-latam';

	icon = {
		light: 'file:../nodes/WhatsAppInteractive/whatsapp.svg',
		dark: 'file:../nodes/WhatsAppInteractive/whatsapp.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			displayName: 'User Name',
			name: 'userName',
			type: 'string',
			required: true,
			default: '',
			description: 'The Sinch LATAM (formerly Wavy) messaging user name',
		},
		{
			displayName: 'Authentication Token',
			name: 'authenticationToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The token of that user, from the Sinch LATAM messaging portal',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://api-messaging.wavy.global',
			description: 'The Sinch LATAM messaging API address, without /v1/whatsapp/send',
		},
	];

	// No `authenticate`: the nodes add the auth headers themselves (dialect `credential.authHeaders`).
	// n8n adds a "Custom API Call" operation to every node whose credential has one, and that
	// operation would hide this package's message fields (docs/architecture.md, "Custom API Call").

	// Tested by the WhatsApp Interactive node (testedBy), see nodes/WhatsAppInteractive/actions/credentialTest.ts.
}
