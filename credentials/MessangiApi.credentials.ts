import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class MessangiApi implements ICredentialType {
	name = 'messangiApi';

	displayName = 'Messangi API';

	documentationUrl = 'https://github.com/n8n-nodes-whatsapp-interactive/n8n-nodes-whatsapp-interactive#messangi';

	icon = { light: 'file:../nodes/WhatsAppInteractive/whatsapp.svg', dark: 'file:../nodes/WhatsAppInteractive/whatsapp.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The bearer token from the Messangi admin console, or the Authorization header returned by its login endpoint (valid for 24 hours)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://elastic.messangi.me/balerion',
			description: 'The Messangi API address up to, but not including, /v3/messages. Ask Messangi if your account uses another one.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// Messangi has no read-only endpoint: post an empty message, which it can only refuse. A 4xx
	// about the body proves the key was accepted; 401 or 403 means it was not.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v3/messages',
			method: 'POST',
			body: { channel: 'WHATSAPP', request: {} },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Messangi refused the API key (HTTP 401). Copy a fresh key from the Messangi console.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'Messangi refused the API key (HTTP 403). Check that the key may send WhatsApp messages.' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'Nothing answers at this Base URL (HTTP 404). Check the Base URL.' },
			},
		],
	};
}
