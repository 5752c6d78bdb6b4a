/**
 * Drops what a callback carries that the node has seen: events older than the duplicate store
 * remembers (`./freshness.ts`) and events already received (`./dedupe.ts`), per node, in the
 * workflow's static data and this process's memory. Test runs remember nothing.
 */
import type { NormalisedEvent } from '../model/event';
import type { CallbackContext } from './context';
import { dropDuplicates, recentKeys } from './dedupe';
import { dropStale, dropsStale, staleLog } from './freshness';
import { nodeScope } from './scope';

export interface SeenOptions {
	/** Ignore Duplicates. */
	ignoreDuplicates: boolean;
	/** Options → Drop Stale Events (unset: on). */
	dropStale?: boolean;
	/** Remember the fresh events only once `settle(true)` says they were kept (`DedupeOptions.hold`). */
	hold: boolean;
	/** A test run (n8n's manual mode). */
	manual: boolean;
}

export interface Unseen {
	events: NormalisedEvent[];
	duplicates: number;
	stale: number;
	/** With `hold`: says whether the events were kept. */
	settle(kept: boolean): void;
}

export async function dropSeen(
	context: CallbackContext,
	events: NormalisedEvent[],
	options: SeenOptions,
): Promise<Unseen> {
	if (!options.ignoreDuplicates) return { events, duplicates: 0, stale: 0, settle: () => {} };
	// Test runs keep no static data; remembering their events would only confuse re-tests.
	const memory = options.manual ? undefined : { keys: recentKeys, scope: nodeScope(context) };
	// Older than the store remembers: a replay it could not recognise (./freshness.ts). Not in test
	// runs, which remember nothing and are often fed recorded callbacks.
	let stale: NormalisedEvent[] = [];
	let fresh = events;
	if (!options.manual && dropsStale(options.dropStale))
		({ fresh, stale } = dropStale(events, Date.now()));
	if (stale.length > 0) context.logger.warn(staleLog(stale));
	for (;;) {
		const result = dropDuplicates(context.getWorkflowStaticData('node'), fresh, {
			now: Date.now(),
			memory,
			hold: options.hold,
		});
		// A redelivery of a callback still being saved waits for that callback's answer.
		if (result.waitFor.length > 0) {
			await Promise.all(result.waitFor);
			continue;
		}
		return {
			events: result.fresh,
			duplicates: result.duplicates.length,
			stale: stale.length,
			settle: result.settle,
		};
	}
}
