import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import {
	WHATSAPP_CLOUD_DEFAULT_HOST,
	WHATSAPP_CLOUD_DEFAULT_VERSION,
} from '../nodes/shared/dialects/whatsAppCloud/auth';

/**
 * Meta's WhatsApp Cloud API. The fields Access Token and Business Account ID are those of n8n's
 * built-in WhatsApp credential (`whatsAppApi`), which a community node may not reference (n8n's
 * community-node rule `no-credential-reuse`), plus the Graph API version and host.
 */
export class WhatsAppCloudApi implements ICredentialType {
	name = 'whatsAppCloudApi';

	displayName = 'WhatsApp Cloud API';

	documentationUrl =
		'https://github.com/n8n-nodes-whatsapp-interactive/n8n-nodes-whatsapp-interactive#whatsapp-cloud-api';

	icon = {
		light: 'file:../nodes/WhatsAppInteractive/whatsapp.svg',
		dark: 'file:../nodes/WhatsAppInteractive/whatsapp.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"A System User access token with the whatsapp_business_messaging permission (Meta Business Settings → System users), or the temporary token of the app's API Setup page",
		},
		{
			displayName: 'Business Account ID',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			placeholder: '102290129340398',
			description:
				'The WhatsApp Business Account ID (API Setup page). With it the node lists your phone numbers for From.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: WHATSAPP_CLOUD_DEFAULT_VERSION,
			description: 'The Graph API version in request URLs, such as v24.0',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: WHATSAPP_CLOUD_DEFAULT_HOST,
			description:
				'The Graph API host, without the version. Change it only for a proxy or a test server.',
		},
	];

	// No `authenticate`: the nodes add the auth headers themselves (dialect `credential.authHeaders`).
	// n8n adds a "Custom API Call" operation to every node whose credential has one, and that
	// operation would hide this package's message fields (docs/architecture.md, "Custom API Call").
}
