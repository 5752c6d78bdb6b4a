import type { INodeProperties } from 'n8n-workflow';

/** 1,000 sends at 50 ms latency: 6.3 s at 10, 3.4 s at 20; n8n itself saturates near 40 (BENCHMARKS.md). */
export const DEFAULT_CONCURRENCY = 20;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_BATCH_SIZE = 500;
export const MAX_BATCH_SIZE = 1000;

type Option = INodeProperties;

const sendingOptions: Option[] = [
	{
		displayName: 'Include Request',
		name: 'includeRequest',
		type: 'boolean',
		default: false,
		description: 'Whether to add the request sent to the provider (method, URL, body) to each output item',
	},
	{
		displayName: 'Max Concurrent Requests',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: DEFAULT_CONCURRENCY,
		description: 'How many requests may be under way at once when the node sends many items',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: DEFAULT_MAX_RETRIES,
		description:
			'How often to retry a request the provider refused for rate limiting (420, 429, 503) or could not be reached for. Waits grow exponentially and follow Retry-After.',
	},
	{
		displayName: 'Retry Requests That May Have Been Delivered',
		name: 'retryUncertain',
		type: 'boolean',
		default: false,
		description:
			'Whether to also retry timeouts, dropped connections and server errors other than 503. The provider may already have accepted such a request, so the recipient could get the message twice.',
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: DEFAULT_TIMEOUT_MS,
		description: 'How long to wait for the provider to answer one request, in milliseconds',
	},
];

export const optionsProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { provider: ['messangi'] } },
		options: [
			{
				displayName: 'Callback URLs',
				name: 'callbackUrls',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…/webhook',
				description:
					'Where Messangi posts delivery statuses for this message, comma-separated. Paste the WhatsApp Interactive Trigger\'s production URL here.',
			},
			{
				displayName: 'Client ID',
				name: 'clientId',
				type: 'string',
				default: '',
				description: 'Your own ID for the recipient; Messangi echoes it in status callbacks',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Your own ID for this message, for reports; Messangi echoes it in status callbacks',
			},
			...sendingOptions,
			{
				displayName: 'Template Message',
				name: 'templateMessage',
				type: 'string',
				default: '',
				description: 'The text body of a registered template, sent as Messangi\'s "message" field when given',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { provider: ['sinchLatam'] } },
		options: [
			{
				displayName: 'Alternative Text',
				name: 'alternativeText',
				type: 'string',
				default: '',
				description: "Text sent instead when the recipient's phone cannot show interactive messages",
			},
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
				default: DEFAULT_BATCH_SIZE,
				description: 'With Broadcast Batching on: the most recipients one request carries',
			},
			{
				displayName: 'Broadcast Batching',
				name: 'broadcastBatching',
				type: 'boolean',
				default: false,
				description:
					'Whether to send items whose messages are identical (only the recipient and correlation ID differ) as one request with many destinations. Much faster for campaigns; a rejected request fails every item it carried.',
			},
			{
				displayName: 'Correlation ID',
				name: 'correlationId',
				type: 'string',
				default: '',
				description: 'Your own ID for this message; Sinch returns it in status callbacks and replies',
			},
			...sendingOptions,
		],
	},
];
