/**
 * Drops events too old for the duplicate store to recognise. The store remembers an event for
 * DEDUPE_MAX_AGE_MS after it was first seen (pruned by the minute), so a callback replayed later
 * than that would pass as new. An event whose own timestamp is older than the store's memory,
 * less an allowance for the provider's clock running ahead of n8n's and the store's minute
 * rounding, is stale: it cannot be a first delivery the store would still recognise as a repeat,
 * so it is dropped rather than run again. Events without a timestamp are never stale (nothing to
 * judge them by), and neither are timestamps in the future.
 *
 * Off unless Options → Drop Stale Events is on, at every type version: providers send a callback
 * again for longer than the window (Meta for up to 7 days), so after an outage of n8n a genuine first
 * delivery can be older than it, and dropping it would acknowledge an event and lose it
 * (docs/callbacks.md#stale-events).
 */
import type { NormalisedEvent } from '../model/event';
import { DEDUPE_MAX_AGE_MS } from './dedupe';

/** How far the provider's clock may run ahead of n8n's without a replay slipping through. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** The store may forget a key up to a minute early (it keeps first-seen times per minute). */
const STORE_ROUNDING_MS = 60 * 1000;
/** Events whose timestamp is older than this are stale. */
export const STALE_AFTER_MS = DEDUPE_MAX_AGE_MS - CLOCK_SKEW_MS - STORE_ROUNDING_MS;

/** Whether the trigger drops stale events: only when Options → Drop Stale Events is on. */
export function dropsStale(option: boolean | undefined): boolean {
	return option === true;
}

export interface FreshnessResult {
	fresh: NormalisedEvent[];
	stale: NormalisedEvent[];
}

export function dropStale(events: readonly NormalisedEvent[], now: number): FreshnessResult {
	const result: FreshnessResult = { fresh: [], stale: [] };
	for (const event of events) {
		const at = event.timestamp === null ? NaN : Date.parse(event.timestamp);
		if (Number.isFinite(at) && now - at > STALE_AFTER_MS) result.stale.push(event);
		else result.fresh.push(event);
	}
	return result;
}

/** A line for the n8n log: how many events were dropped, and which (at most a few ids). */
export function staleLog(stale: readonly NormalisedEvent[]): string {
	const ids = stale.slice(0, 5).map((event) => `${event.messageId ?? '?'} (${event.timestamp})`);
	const more = stale.length > ids.length ? ` and ${stale.length - ids.length} more` : '';
	const hours = Math.round((STALE_AFTER_MS / 3_600_000) * 10) / 10;
	return `WhatsApp Interactive Trigger dropped ${stale.length} stale event${stale.length === 1 ? '' : 's'}, older than ${hours} hours, which the duplicate store can no longer recognise: ${ids.join(', ')}${more}`;
}
