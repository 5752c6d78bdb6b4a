import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';
import { docsLink } from '../../shared/description/provider';
import { OWN_QUESTION_RESPONSES } from './approval';

const waiting = { operation: ['sendAndWait'] };

/**
 * The node's only webhook: Send and Wait for Response's restart webhook, as n8n's own send-and-wait
 * nodes have (nodes-base utils/sendAndWait/descriptions.ts, sendAndWaitWebhooksDescription). n8n
 * serves it under /webhook-waiting/ only while an execution waits at this node, and registers
 * nothing at a provider for it, so the node has no `webhookMethods`. The WhatsApp Interactive
 * Trigger forwards a tap to <n8n>/webhook-waiting/<executionId>/<nodeId>?k=…&w=…&signature=…; n8n
 * checks the signature, finds this entry (path = the node's id, restartWebhook) and calls the
 * node's `webhook()`. POST only: the trigger forwards by POST.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		// n8n answers once it has stored the resumed run, with the node's `webhookResponse` only when
		// this is empty (left undefined, n8n 2.x answers its default, "firstEntryJson").
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];

const LIMIT_OPTIONS: INodeProperties['options'] = [
	{ name: 'None', value: 'none', description: 'Wait for the answer as long as it takes' },
	{
		name: 'After Time Interval',
		value: 'afterTimeInterval',
		description: 'Stop waiting after an amount of time',
	},
	{
		name: 'At Specified Time',
		value: 'atSpecifiedTime',
		description: 'Stop waiting at a date and time',
	},
];

/** Parameters only Send and Wait for Response has; the node appends them to the others. */
export const sendAndWaitProperties: INodeProperties[] = [
	{
		displayName: `The workflow pauses until the recipient taps a button or picks a row. Only the number asked can answer, and the first tap counts; typed replies do not answer (they reach the trigger's outputs). Taps reach n8n through an active WhatsApp Interactive Trigger for the same provider that checks its callbacks (Webhook Secret, or the Cloud API's signature). ${docsLink('docs/send-and-wait.md#who-can-answer', 'Who can answer, and how to set it up')}`,
		name: 'sendAndWaitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: waiting, hide: { responseType: OWN_QUESTION_RESPONSES } },
	},
	// Limit Wait Time, twice under one name: n8n shows, and fills in the default of, the one whose
	// display options match. Message Choices waits without a limit unless told otherwise. Approval
	// (and so the approval tool n8n derives for an AI Agent, whose Response Type is fixed to
	// Approval) stops after an hour (Amount 1 and Unit Hours are those fields' defaults): an agent
	// waiting for a person who never answers would hold its execution forever. Separate defaults
	// keep every Message Choices workflow as it was; docs/contract.md says why Approval's may
	// change. The code falls back the same way (`defaultLimitType`, actions/approval.ts).
	{
		displayName: 'Limit Wait Time',
		name: 'limitType',
		type: 'options',
		noDataExpression: true,
		options: LIMIT_OPTIONS,
		default: 'none',
		description:
			'When to stop waiting for an answer. When it comes, the node outputs an item that says it timed out.',
		displayOptions: { show: waiting, hide: { responseType: ['approval'] } },
	},
	{
		displayName: 'Limit Wait Time',
		name: 'limitType',
		type: 'options',
		noDataExpression: true,
		options: LIMIT_OPTIONS,
		default: 'afterTimeInterval',
		description:
			'When to stop waiting for the answer; by default after an hour. When it comes, the node outputs an item that says it was not approved.',
		displayOptions: { show: { ...waiting, responseType: ['approval'] } },
	},
	{
		displayName: 'Amount',
		name: 'resumeAmount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 1,
		description: 'How long to wait',
		displayOptions: { show: { ...waiting, limitType: ['afterTimeInterval'] } },
	},
	{
		displayName: 'Unit',
		name: 'resumeUnit',
		type: 'options',
		options: [
			{ name: 'Seconds', value: 'seconds' },
			{ name: 'Minutes', value: 'minutes' },
			{ name: 'Hours', value: 'hours' },
			{ name: 'Days', value: 'days' },
		],
		default: 'hours',
		displayOptions: { show: { ...waiting, limitType: ['afterTimeInterval'] } },
	},
	{
		displayName: 'Max Date and Time',
		name: 'maxDateAndTime',
		type: 'dateTime',
		default: '',
		description: 'Stop waiting at this date and time',
		displayOptions: { show: { ...waiting, limitType: ['atSpecifiedTime'] } },
	},
];
