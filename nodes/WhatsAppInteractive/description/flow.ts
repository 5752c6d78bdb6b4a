/** The fields of a WhatsApp Flow (Message Type WhatsApp Flow, and Send and Wait's Response Type Form). */
import type { INodeProperties } from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';
import { forProviders, merged } from './display';

const FLOW_TOKEN: INodeProperties = {
	displayName: 'Flow Token',
	// Meta's `flow_token`, which is no secret: an identifier the Flow's reply echoes. Named so, as a
	// parameter named "token" would be taken for a secret (and hidden as a password) by n8n's checks.
	name: 'identifier',
	type: 'string',
	default: '',
	description:
		"Your identifier of this Flow's run: it comes back in the Flow's reply (flow.token), which carries no Flow ID",
};

/**
 * The fields of a WhatsApp Flow: which Flow (by ID or name), its button, where its first screen
 * comes from (this message, with optional data, or the Flow's endpoint), and the draft mode; the
 * Flow Token with `token` (Send and Wait's Form sets the token itself). `context`: when they show
 * (Message Type WhatsApp Flow, or Response Type Form), for the providers whose dialect takes Flows.
 */
export function flowFields(
	dialects: ReadonlyArray<Dialect>,
	context: NonNullable<INodeProperties['displayOptions']>,
	{ token }: { token: boolean },
): INodeProperties[] {
	const ids = dialects.filter((d) => d.kinds.flow).map((d) => d.id);
	if (ids.length === 0) return [];
	const on = (more: NonNullable<INodeProperties['displayOptions']> = {}) =>
		merged(merged(context, forProviders(dialects, ids)), more);
	return [
		{
			displayName: 'Identify Flow By',
			name: 'flowIdentifier',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'ID', value: 'id', description: "The Flow's ID, from WhatsApp Manager" },
				{
					name: 'Name',
					value: 'name',
					description: "The Flow's name; change it here if you rename the Flow",
				},
			],
			default: 'id',
			displayOptions: on(),
		},
		{
			displayName: 'Flow ID',
			name: 'flowId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1234567890',
			description: "The Flow's ID: WhatsApp Manager → Account tools → Flows",
			displayOptions: on({ hide: { flowIdentifier: ['name'] } }),
		},
		{
			displayName: 'Flow Name',
			name: 'flowName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'appointment_booking_v1',
			description: "The Flow's name, as in WhatsApp Manager",
			displayOptions: on({ show: { flowIdentifier: ['name'] } }),
		},
		{
			displayName: 'Button Text',
			name: 'flowCta',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Book!',
			description:
				'The label of the button that opens the Flow, up to 30 characters (Meta advises no emoji)',
			displayOptions: on(),
		},
		{
			displayName: 'First Screen From',
			name: 'flowAction',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'This Message',
					value: 'navigate',
					description: 'The Flow opens on the screen named here, with the data given here',
				},
				{
					name: "The Flow's Endpoint",
					value: 'data_exchange',
					description:
						'The Flow asks its endpoint for the first screen (a Flow with a data endpoint)',
				},
			],
			default: 'navigate',
			displayOptions: on(),
		},
		{
			displayName: 'First Screen',
			name: 'flowScreen',
			type: 'string',
			default: '',
			placeholder: 'APPOINTMENT',
			description:
				"The ID of the screen the Flow opens on (an entry screen of the Flow's JSON). Empty: the Flow's first screen.",
			displayOptions: on({ hide: { flowAction: ['data_exchange'] } }),
		},
		{
			displayName: 'Screen Data',
			name: 'flowData',
			type: 'json',
			default: '{}',
			description:
				'Optional values for the first screen, as a JSON object such as { "name": "Ana", "service": "Haircut" }: the screen reads them as ${data.name}. Needs a First Screen. {} sends none.',
			displayOptions: on({ hide: { flowAction: ['data_exchange'] } }),
		},
		{
			displayName: 'Flow Options',
			name: 'flowOptions',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: on(),
			options: [
				...(token ? [FLOW_TOKEN] : []),
				{
					displayName: 'Mode',
					name: 'mode',
					type: 'options',
					options: [
						{ name: 'Published', value: 'published' },
						{ name: 'Draft', value: 'draft', description: "Send the Flow's draft, to test it" },
					],
					default: 'published',
				},
			],
		},
	];
}
