/**
 * Send and Wait for Response's Response Type, and what Approval asks with: a question and two
 * reply buttons. The names follow n8n's own send-and-wait nodes (`message`, `responseType`,
 * `approvalOptions.values.approveLabel` / `disapproveLabel`), because n8n 2.x derives a
 * "Request human approval for tools" node from this one by those names: it puts its own `message`
 * (with `$tool` expressions) in place of ours, fixes `responseType` to `approval` and keeps
 * `approvalOptions` (docs/ai-agents.md).
 */
import type { INodeProperties } from 'n8n-workflow';

export const APPROVE_LABEL = 'Approve';
export const DECLINE_LABEL = 'Decline';

/**
 * The Response Types besides Approval that ask with their own question (the `message` field), not
 * with the message fields: a typed answer, a shared place, a Flow's form.
 */
export const OWN_QUESTION_RESPONSES = ['freeText', 'location', 'form'];

const waiting = { operation: ['sendAndWait'] };
const approval = { ...waiting, responseType: ['approval'] };

/**
 * The question (n8n's own name, `message`), for the Response Types that ask with one: n8n shows the
 * property whose display options match, each with its own placeholder and description.
 */
export function questionProperty(
	show: Record<string, string[]>,
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder,
		description,
		displayOptions: { show },
	};
}

export const approvalProperties: INodeProperties[] = [
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'The recipient answers a question with an Approve or a Decline button',
			},
			{
				name: 'Form (WhatsApp Flow)',
				value: 'form',
				description:
					'WhatsApp Cloud API: the recipient fills in a WhatsApp Flow, a form inside WhatsApp, and submits it',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description:
					'The recipient answers a question by writing back in WhatsApp (or sending a photo, a voice note, a document or a location)',
			},
			{
				name: 'Location',
				value: 'location',
				description:
					"WhatsApp Cloud API: the recipient shares a place with WhatsApp's Send Location button",
			},
			{
				name: 'Message Choices',
				value: 'choice',
				description:
					'The recipient taps one of the buttons or list rows of the message defined below',
			},
		],
		default: 'choice',
		displayOptions: { show: waiting },
	},
	questionProperty(
		approval,
		'e.g. Refund order 1042 (USD 80)?',
		'The question the recipient approves or declines',
	),
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		description:
			'The labels of the buttons, or Approve Only. Without these options: Approve and Decline.',
		// Empty, as in n8n's nodes: without it the node asks with Approve and Decline. (A filled-in
		// default also breaks n8n-workflow 2.35's getNodeParameters when the value is not set.)
		default: {},
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Decline', value: 'double' },
						],
						default: 'double',
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: APPROVE_LABEL,
						description: 'At most 20 characters',
					},
					{
						displayName: 'Decline Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: DECLINE_LABEL,
						description: 'At most 20 characters',
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
		displayOptions: { show: approval },
	},
];

/**
 * The same parameters, not shown for Approval (which builds its message from the question and the
 * labels), nor for `also` (Free Text, which asks with its question as text, hides the message
 * fields but keeps the sending options). Written as `hide`, since Message Choices is the default
 * (see description/message.ts).
 */
export function exceptForApproval(
	properties: INodeProperties[],
	also: string[] = [],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			hide: { ...property.displayOptions?.hide, responseType: ['approval', ...also] },
		},
	}));
}
