import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { DIALECTS, type Dialect } from '../../shared/dialects';
import { credentialsPlacement, providerParameter } from '../../shared/description/provider';
import { DOWNLOAD_MEDIA, mediaOperations, NOT_SENDING, onlyFor } from './media';

/** The node's From for a provider that declares a sender (`Dialect.envelope.from`). */
function fromParameter(dialect: Dialect): INodeProperties[] {
	const from = dialect.envelope.from;
	if (!from) return [];
	const { loadOptionsMethod, ...text } = from;
	return [
		{
			displayName: 'From',
			name: 'from',
			type: loadOptionsMethod ? 'options' : 'string',
			// n8n's editor keeps the From input of the provider before a switch and loads the list only
			// when the credential or a `loadOptionsDependsOn` parameter changes (editor-ui
			// ParameterInput.vue): naming Provider makes a switch load it, or say why it cannot.
			...(loadOptionsMethod
				? { typeOptions: { loadOptionsMethod, loadOptionsDependsOn: ['provider'] } }
				: {}),
			required: true,
			default: '',
			...text,
			// Mark as Read names the business number that received the message; a download needs none.
			displayOptions: { show: { provider: [dialect.id] }, hide: { operation: [DOWNLOAD_MEDIA] } },
		},
	];
}

/** The operations every provider offers; Download Media and Mark as Read follow where the dialect has them. */
const SENDING_OPERATIONS: INodePropertyOptions[] = [
	{
		name: 'Send',
		value: 'send',
		action: 'Send an interactive message',
		description: 'Send a reply-button, list or text message',
	},
	{
		name: 'Send Template',
		value: 'sendTemplate',
		action: 'Send an approved template',
		description:
			'Send an approved WhatsApp template, the only message WhatsApp takes outside the 24-hour window after the customer last wrote',
	},
	{
		name: 'Send and Wait for Response',
		value: 'sendAndWait',
		action: 'Send a message and wait for the tap',
		description:
			'Send a reply-button or list message, pause the workflow until the recipient taps a choice, then go on with it',
	},
	{
		name: 'Build Payload',
		value: 'buildPayload',
		action: 'Build the provider request without sending it',
		description: 'Validate the message and output the exact provider request, without sending it',
	},
];

/**
 * One Operation parameter per set of operations the providers offer (description/media.ts), each
 * shown for its providers only.
 */
function operationParameters(): INodeProperties[] {
	const groups = new Map<string, Dialect[]>();
	for (const dialect of DIALECTS) {
		const key = mediaOperations(dialect)
			.map((o) => o.value)
			.join();
		groups.set(key, [...(groups.get(key) ?? []), dialect]);
	}
	return [...groups.values()].map((dialects) => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [...SENDING_OPERATIONS, ...mediaOperations(dialects[0])],
		default: 'send',
		...(groups.size > 1 ? { displayOptions: onlyFor(dialects) } : {}),
	}));
}

export const commonProperties: INodeProperties[] = [
	providerParameter('The WhatsApp Business provider that sends the message'),
	...operationParameters(),
	credentialsPlacement,
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+55 19 90000-1111',
		description: 'Recipient phone number with country code. Spaces, dashes and brackets are fine.',
		displayOptions: { hide: { operation: NOT_SENDING } },
	},
	...DIALECTS.flatMap(fromParameter),
];
