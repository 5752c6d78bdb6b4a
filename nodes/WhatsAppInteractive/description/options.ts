import type { INodeProperties } from 'n8n-workflow';
import { DIALECTS, type Dialect } from '../../shared/dialects';
import {
	DEFAULT_BATCH_SIZE,
	DEFAULT_MAX_CONCURRENCY,
	DEFAULT_MAX_RETRIES,
	DEFAULT_TIMEOUT_MS,
	MAX_BATCH_SIZE,
	MAX_CONCURRENCY,
} from '../../shared/transport/defaults';

type Option = INodeProperties;

/**
 * Options that only matter when a request is sent: not offered in Build Payload. Written as
 * `hide` so that a further sending operation gets them without a change here.
 */
const sendOnly: Option['displayOptions'] = { hide: { '/operation': ['buildPayload'] } };

/**
 * Options about sending many items at once: not offered where one message is sent per execution
 * (Send and Wait for Response asks one question) or none is sent (Build Payload).
 */
const manyItemsOnly: Option['displayOptions'] = {
	hide: { '/operation': ['buildPayload', 'sendAndWait'] },
};
const MANY_ITEMS_OPTIONS = new Set(['concurrencyMode', 'concurrency']);

/** n8n lists a collection's options in the order given: alphabetical, as its own nodes do. */
const sorted = (options: Option[]): Option[] =>
	[...options].sort((a, b) => a.displayName.localeCompare(b.displayName));

const sendingOptionList: Option[] = [
	{
		displayName: 'Include Request',
		name: 'includeRequest',
		type: 'boolean',
		default: false,
		description:
			'Whether to add the request sent to the provider (method, URL, body) to each output item',
	},
	{
		displayName: 'Concurrency',
		name: 'concurrencyMode',
		type: 'options',
		options: [
			{
				name: 'Adaptive',
				value: 'adaptive',
				description:
					'Start with a few requests at once and send more while the provider answers quickly; send fewer when it answers 420, 429 or 503 or slows down',
			},
			{
				name: 'Fixed',
				value: 'fixed',
				description: 'Always keep Max Concurrent Requests under way',
			},
		],
		default: 'adaptive',
		description: 'How many requests the node has under way at once when it sends many items',
	},
	{
		displayName: 'Max Concurrent Requests',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
		default: DEFAULT_MAX_CONCURRENCY,
		description:
			'The most requests under way at once. With Concurrency set to Adaptive the node stays at or below this number and finds a lower one by itself when the provider needs it.',
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

const sendingOptions: Option[] = sendingOptionList.map((option) => ({
	...option,
	displayOptions: MANY_ITEMS_OPTIONS.has(option.name) ? manyItemsOnly : sendOnly,
}));

/** For providers that take many destinations in one request (`Dialect.batching`). */
const batchingOptions: Option[] = [
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
		default: DEFAULT_BATCH_SIZE,
		description: 'The most recipients one request carries',
		displayOptions: { show: { broadcastBatching: [true] }, hide: manyItemsOnly?.hide },
	},
	{
		displayName: 'Broadcast Batching',
		name: 'broadcastBatching',
		type: 'boolean',
		default: false,
		description:
			'Whether to send items whose messages are identical (only the recipient and correlation ID differ) as one request with many destinations. Much faster for campaigns; a rejected request fails every item it carried.',
		displayOptions: manyItemsOnly,
	},
];

/** One Options collection per provider: its own options, batching where it batches, and the sending options. */
function optionsFor(dialect: Dialect): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { provider: [dialect.id] } },
		options: sorted([
			...dialect.options,
			...(dialect.batching ? batchingOptions : []),
			...sendingOptions,
		]),
	};
}

export const optionsProperties: INodeProperties[] = DIALECTS.map(optionsFor);
