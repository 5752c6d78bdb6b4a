/** Parameters of the WhatsApp Interactive Router (docs/contract.md). */
import type { INodeProperties } from 'n8n-workflow';
import {
	authenticationParameter,
	dropStaleOption,
	ignoreDuplicatesParameter,
	noAuthenticationWarning,
	outputMessageParameter,
	outputOtherParameter,
	secretSetupNotice,
	SIGNING,
	statusStatesParameter,
} from '../shared/description/callbacks';
import { credentialsPlacement, docsLink, providerParameter } from '../shared/description/provider';

export const routerProperties: INodeProperties[] = [
	{
		displayName: `Put this node right after the Webhook node that receives your provider's callbacks, and set that Webhook node to HTTP Method POST and Respond "Using 'Respond to Webhook' Node" (n8n then also asks for a Respond to Webhook node anywhere after this one). This node answers the provider itself, once n8n has stored the execution and the callback has passed its checks. ${docsLink('docs/router.md', 'How to set it up')}`,
		name: 'webhookSetup',
		type: 'notice',
		default: '',
	},
	providerParameter('The business messaging provider that posts the callbacks'),
	...(SIGNING.length
		? [
				{
					displayName:
						"This provider signs the bytes it sends: turn on Options → Raw Body in the Webhook node, or every callback is refused. For the URL's verification (a GET), allow GET too: the router answers it.",
					name: 'rawBodySetup',
					type: 'notice',
					default: '',
					displayOptions: { show: { provider: SIGNING } },
				} as INodeProperties,
			]
		: []),
	authenticationParameter('router', 'secret'),
	noAuthenticationWarning,
	credentialsPlacement,
	secretSetupNotice('https://your-n8n/webhook/your-path'),
	statusStatesParameter,
	outputMessageParameter(),
	outputOtherParameter('router'),
	ignoreDuplicatesParameter('router'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [dropStaleOption],
	},
];
