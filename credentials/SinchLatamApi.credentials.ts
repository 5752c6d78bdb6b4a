import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
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

	// A send with no destinations reaches nobody: Sinch answers 400 once the user and token are
	// accepted, and 401 when they are not.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/whatsapp/send',
			method: 'POST',
			body: { destinations: [], message: {} },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Sinch LATAM refused the user name or token (HTTP 401). Check both in the Sinch portal.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'Sinch LATAM refused this user (HTTP 403). Check that it may send WhatsApp messages.' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'Nothing answers at this Base URL (HTTP 404). Check the Base URL.' },
			},
		],
	};
}
