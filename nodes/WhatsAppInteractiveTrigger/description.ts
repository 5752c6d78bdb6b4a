/** Parameters of the WhatsApp Interactive Trigger. `provider` and its values are public contract (docs/contract.md). */
import type { INodeProperties } from 'n8n-workflow';
import { DIALECTS } from '../shared/dialects';
import { STATUS_STATES } from '../shared/model/event';
import { credentialsPlacement, providerParameter } from '../shared/description/provider';
import { DEDUPE_MAX_AGE_MS, DEDUPE_MAX_KEYS } from '../shared/trigger/dedupe';
import { STALE_AFTER_MS } from '../shared/trigger/freshness';

/** Providers that sign their callbacks (`Dialect.trigger.signature`). */
const signing = DIALECTS.filter((d) => d.trigger.signature).map((d) => d.id);

const rememberedHours = DEDUPE_MAX_AGE_MS / (60 * 60 * 1000);
/** Hours after which an event is stale, to one decimal (23.9). */
const staleHours = Math.floor((STALE_AFTER_MS / (60 * 60 * 1000)) * 10) / 10;

/** Type versions whose triggers default to Authentication None (docs/contract.md). */
export const OPEN_BY_DEFAULT = [1, 1.1];

/** Type versions without the Message output: plain messages go to Other (docs/contract.md). */
export const BEFORE_MESSAGE_OUTPUT = [1, 1.1, 2];

/**
 * The Authentication choice, with the default of the type versions `rule` selects. Providers that
 * sign their callbacks are checked with their own credential instead, so it is hidden for them.
 */
function authenticationParameter(
	fallback: 'none' | 'secret',
	rule: { show: { '@version': number[] } } | { hide: { '@version': number[] } },
): INodeProperties {
	const hide = signing.length ? { provider: signing } : {};
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'None',
				value: 'none',
				description:
					'Accept every callback posted to the URL. Anyone who learns it can start this workflow.',
			},
			{
				name: 'Webhook Secret',
				value: 'secret',
				description: 'Accept only callbacks that carry the secret of the chosen credential',
			},
		],
		default: fallback,
		description:
			'How the trigger checks that a callback comes from your provider. A provider that does not sign its callbacks presents a shared secret in the URL, which keeps strangers out.',
		displayOptions:
			'show' in rule ? { show: rule.show, hide } : { hide: { ...rule.hide, ...hide } },
	};
}

export const triggerProperties: INodeProperties[] = [
	providerParameter('The business messaging provider that posts the callbacks'),
	// Each provider's set-up notice (`Dialect.trigger.notice`), named after the provider.
	...DIALECTS.map((dialect): INodeProperties => ({
		displayName: dialect.trigger.notice,
		name: `${dialect.id}Setup`,
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: [dialect.id] } },
	})),
	// Two properties of one name, one per type version (n8n picks the one whose `@version` rule
	// holds, as its own Webhook node does): saved workflows store a parameter only when it differs
	// from its default, so changing the default in place would turn every saved trigger left at
	// None into Webhook Secret. Versions 1 and 1.1 keep None; from 2 a new trigger starts secured.
	authenticationParameter('none', { show: { '@version': OPEN_BY_DEFAULT } }),
	authenticationParameter('secret', { hide: { '@version': OPEN_BY_DEFAULT } }),
	{
		displayName: `Authentication is None: anyone who learns this URL can post replies and statuses that start this workflow, with any sender number; for the same reason it passes no Send and Wait for Response answers on. Choose Webhook Secret and give the provider the URL with the secret in it.`,
		name: 'noAuthenticationWarning',
		type: 'notice',
		default: '',
		displayOptions: {
			show: { authentication: ['none'] },
			...(signing.length ? { hide: { provider: signing } } : {}),
		},
	},
	credentialsPlacement,
	{
		displayName:
			'Put the secret in the URL you give the provider, for example https://your-n8n/webhook/…/webhook?secret=YOUR_SECRET (the query parameter named in the credential). Callbacks without the right secret get HTTP 401 and start nothing.',
		name: 'secretSetup',
		type: 'notice',
		default: '',
		displayOptions: {
			show: { authentication: ['secret'] },
			...(signing.length ? { hide: { provider: signing } } : {}),
		},
	},
	{
		displayName: 'Status States',
		name: 'statusStates',
		type: 'multiOptions',
		options: [
			{ name: 'Delivered', value: 'delivered', description: 'The message reached the phone' },
			{
				name: 'Failed',
				value: 'failed',
				description: 'The message could not be sent or delivered; the item says why',
			},
			{
				name: 'Queued',
				value: 'queued',
				description:
					'The provider accepted the message but has not sent it yet (not every provider reports it)',
			},
			{ name: 'Read', value: 'read', description: 'The user opened the message' },
			{ name: 'Sent', value: 'sent', description: 'The provider sent the message to WhatsApp' },
		],
		default: [...STATUS_STATES],
		description:
			'Which delivery states go to the Status output; the others are acknowledged and dropped',
	},
	{
		displayName: 'Add Message Output',
		name: 'outputMessage',
		type: 'boolean',
		default: true,
		description:
			'Whether to add a Message output for everything a customer sends that is not a reply tap: text, photos, voice notes, documents, locations, contacts, reactions. When off, those go to Other if it is on, and are otherwise acknowledged and dropped.',
		// Versions before 3 have no Message output: their plain messages go to Other (docs/contract.md).
		displayOptions: { hide: { '@version': BEFORE_MESSAGE_OUTPUT } },
	},
	{
		displayName: 'Add Other Output',
		name: 'outputOther',
		type: 'boolean',
		default: false,
		description:
			'Whether to add an Other output for what the provider posts that the trigger does not recognise (and, without a Message output, plain messages). When off, those are acknowledged and dropped.',
	},
	{
		displayName: 'Ignore Duplicates',
		name: 'ignoreDuplicates',
		type: 'boolean',
		default: true,
		description: `Whether to drop events already received, since providers redeliver callbacks. The trigger remembers up to ${DEDUPE_MAX_KEYS.toLocaleString('en-US')} events for ${rememberedHours} hours in the workflow's static data.`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Acknowledge',
				name: 'acknowledge',
				type: 'options',
				options: [
					{
						name: 'When Saved',
						value: 'whenSaved',
						description:
							'Answer the provider once n8n has stored the execution. If n8n cannot store it, the provider gets an error and sends the callback again.',
					},
					{
						name: 'At Once',
						value: 'atOnce',
						description:
							'Answer before n8n stores the execution. Slightly faster, but a callback that arrives while n8n stops, restarts or cannot write to its database is lost: the provider got its answer and does not send it again.',
					},
				],
				default: 'whenSaved',
				description:
					'When the trigger tells the provider that a callback was received. On n8n 1.x, n8n answers at once whatever is chosen here: When Saved needs n8n 2.x.',
			},
			{
				displayName: 'Executions',
				name: 'executions',
				type: 'options',
				options: [
					{
						name: 'One per Customer',
						value: 'perCustomer',
						description:
							"Each customer in a callback gets an execution of their own; the callback's statuses share one more. A conversation workflow (Send and Wait asks one person at a time) needs this.",
					},
					{
						name: 'One per Callback',
						value: 'perCallback',
						description:
							'Everything a callback carries runs in one execution, several customers included. Fewer executions for providers that batch.',
					},
				],
				default: 'perCustomer',
				description:
					'How many executions a callback that carries several customers (Sinch LATAM sends batches) starts. Unset: One per Customer in a trigger added now, One per Callback in triggers saved before version 3.',
			},
			{
				displayName: 'Drop Stale Events',
				name: 'dropStale',
				type: 'boolean',
				default: true,
				description: `Whether to drop replies and statuses whose own time is more than ${staleHours} hours old, which Ignore Duplicates can no longer recognise, so that a callback replayed later does not run again. A provider that sends a callback again after a long outage of n8n (Meta: for up to 7 days) then has it dropped too. Needs Ignore Duplicates.`,
			},
		],
	},
];
