/** Parameters of the WhatsApp Interactive Trigger. `provider` and its values are public contract (docs/contract.md). */
import type { INodeProperties } from 'n8n-workflow';
import { STATUS_STATES } from '../shared/model/event';
import { credentialsPlacement, providerParameter } from '../shared/description/provider';
import { DEDUPE_MAX_AGE_MS, DEDUPE_MAX_KEYS } from '../shared/trigger/dedupe';

const rememberedHours = DEDUPE_MAX_AGE_MS / (60 * 60 * 1000);

export const triggerProperties: INodeProperties[] = [
	providerParameter('The business messaging provider that posts the callbacks'),
	{
		displayName:
			'Copy the Production URL from Webhook URLs above. Messangi posts delivery statuses to the callback URLs given with each message: in the WhatsApp Interactive node, add the option Callback URLs and paste this URL. For replies from users, ask Messangi support to post your number\'s inbound messages to the same URL.',
		name: 'messangiSetup',
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: ['messangi'] } },
	},
	{
		displayName:
			'Copy the Production URL from Webhook URLs above and send it to Sinch support: they set one callback URL per account, which receives both replies and delivery statuses. The trigger answers each callback at once, well within the 200 ms Sinch waits before it retries.',
		name: 'sinchLatamSetup',
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: ['sinchLatam'] } },
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Webhook Secret', value: 'secret' },
		],
		default: 'none',
		description:
			'How the trigger checks that a callback comes from your provider. Neither provider signs its callbacks, so a shared secret in the URL is the way to keep strangers out.',
	},
	credentialsPlacement,
	{
		displayName:
			'Put the secret in the URL you give the provider, for example https://your-n8n/webhook/…/webhook?secret=YOUR_SECRET (the query parameter named in the credential). Callbacks without the right secret get HTTP 401 and start nothing.',
		name: 'secretSetup',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['secret'] } },
	},
	{
		displayName: 'Status States',
		name: 'statusStates',
		type: 'multiOptions',
		options: [
			{ name: 'Delivered', value: 'delivered', description: 'The message reached the phone' },
			{ name: 'Failed', value: 'failed', description: 'The message could not be sent or delivered; the item says why' },
			{ name: 'Queued', value: 'queued', description: 'The provider accepted the message but has not sent it yet (Messangi)' },
			{ name: 'Read', value: 'read', description: 'The user opened the message' },
			{ name: 'Sent', value: 'sent', description: 'The provider sent the message to WhatsApp' },
		],
		default: [...STATUS_STATES],
		description: 'Which delivery states go to the Status output; the others are acknowledged and dropped',
	},
	{
		displayName: 'Add Other Output',
		name: 'outputOther',
		type: 'boolean',
		default: false,
		description:
			'Whether to add a fourth output, Other, for plain text, media and anything else the provider posts. When off, those are acknowledged and dropped.',
	},
	{
		displayName: 'Ignore Duplicates',
		name: 'ignoreDuplicates',
		type: 'boolean',
		default: true,
		description: `Whether to drop events already received, since providers redeliver callbacks. The trigger remembers up to ${DEDUPE_MAX_KEYS.toLocaleString('en-US')} events for ${rememberedHours} hours in the workflow's static data.`,
	},
];
