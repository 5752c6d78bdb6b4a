import type { ICredentialType, INodeProperties } from 'n8n-workflow';

export class MessangiApi implements ICredentialType {
	name = 'messangiApi';

	displayName = 'Messangi API';

	documentationUrl =
		'https://github.com/n8n-nodes-whatsapp-interactive/n8n-nodes-whatsapp-interactive#messangi';

	icon = {
		light: 'file:../nodes/WhatsAppInteractive/whatsapp.svg',
		dark: 'file:../nodes/WhatsAppInteractive/whatsapp.dark.svg',
	} as const;

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
			description:
				'The Messangi API address up to, but not including, /v3/messages. Ask Messangi if your account uses another one.',
		},
	];

	// No `authenticate`: the nodes add the auth headers themselves (dialect `credential.authHeaders`).
	// n8n adds a "Custom API Call" operation to every node whose credential has one, and that
	// operation would hide this package's message fields (docs/architecture.md, "Custom API Call").

	// Tested by the WhatsApp Interactive node (testedBy), see nodes/WhatsAppInteractive/actions/credentialTest.ts.
}
