import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { SendSettings } from '../../shared/transport/http';
import {
	DEFAULT_BATCH_SIZE,
	DEFAULT_MAX_CONCURRENCY,
	DEFAULT_MAX_RETRIES,
	DEFAULT_TIMEOUT_MS,
	MAX_BATCH_SIZE,
	MAX_CONCURRENCY,
} from '../../shared/transport/defaults';

export interface NodeSettings extends SendSettings {
	/** Fixed: requests at once. Adaptive: the most requests at once. */
	concurrency: number;
	/** Whether the node finds the provider's concurrency by itself (the default) or keeps `concurrency`. */
	adaptive: boolean;
	includeRequest: boolean;
	batching: { enabled: boolean; size: number };
}

/** Sending options apply to the whole run, so they are read from the first item. */
export function readSettings(ctx: IExecuteFunctions): NodeSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const number = (key: string, fallback: number, min: number, max: number) => {
		const value = Number(options[key] ?? fallback);
		return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
	};
	return {
		concurrency: number('concurrency', DEFAULT_MAX_CONCURRENCY, 1, MAX_CONCURRENCY),
		adaptive: options.concurrencyMode !== 'fixed',
		maxRetries: number('maxRetries', DEFAULT_MAX_RETRIES, 0, 10),
		timeoutMs: number('timeout', DEFAULT_TIMEOUT_MS, 1000, 600_000),
		retryUncertain: options.retryUncertain === true,
		includeRequest: options.includeRequest === true,
		batching: {
			enabled: options.broadcastBatching === true,
			size: number('batchSize', DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE),
		},
	};
}
