/** Parameters of the WhatsApp Interactive Trigger. `provider` and its values are public contract (docs/contract.md). */
import type { INodeProperties } from 'n8n-workflow';
import { DIALECTS } from '../shared/dialects';
import {
	authenticationParameter,
	dropStaleOption,
	ignoreDuplicatesParameter,
	noAuthenticationWarning,
	outputMessageParameter,
	outputOtherParameter,
	secretSetupNotice,
	statusStatesParameter,
} from '../shared/description/callbacks';
import { credentialsPlacement, providerParameter } from '../shared/description/provider';

/** Type versions whose triggers default to Authentication None (docs/contract.md). */
export const OPEN_BY_DEFAULT = [1, 1.1];

/** Type versions without the Message output: plain messages go to Other (docs/contract.md). */
export const BEFORE_MESSAGE_OUTPUT = [1, 1.1, 2];

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
	authenticationParameter('trigger', 'none', { show: { '@version': OPEN_BY_DEFAULT } }),
	authenticationParameter('trigger', 'secret', { hide: { '@version': OPEN_BY_DEFAULT } }),
	noAuthenticationWarning,
	credentialsPlacement,
	secretSetupNotice('https://your-n8n/webhook/…/webhook'),
	statusStatesParameter,
	// Versions before 3 have no Message output: their plain messages go to Other (docs/contract.md).
	outputMessageParameter({ hide: { '@version': BEFORE_MESSAGE_OUTPUT } }),
	outputOtherParameter('trigger'),
	ignoreDuplicatesParameter('trigger'),
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
			dropStaleOption,
		],
	},
];
