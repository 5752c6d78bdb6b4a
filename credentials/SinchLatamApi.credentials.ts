import type {
	IAuthenticateGeneric,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SinchLatamApi implements ICredentialType {
	name = 'sinchLatamApi';

	displayName = 'Sinch LATAM WhatsApp API';

	documentationUrl = 'https://github.com/n8n-nodes-whatsapp-interactive/n8n-nodes-whatsapp-interactive#sinch-latam';

	icon = { light: 'file:../nodes/WhatsAppInteractive/whatsapp.svg', dark: 'file:../nodes/WhatsAppInteractive/whatsapp.dark.svg' } as const;

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				UserName: '={{$credentials.userName}}',
				AuthenticationToken: '={{$credentials.authenticationToken}}',
			},
		},
	};

	// Tested by the WhatsApp Interactive node (testedBy), see nodes/WhatsAppInteractive/actions/credentialTest.ts.
}
