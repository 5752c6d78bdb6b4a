/**
 * Drops events already seen. Providers redeliver callbacks (Sinch retries a batch it thinks went
 * unanswered), so each delivered event's key — provider, message id, event kind and status state —
 * is remembered in the workflow's static data, bounded in count and age: the oldest keys go first.
 *
 * A small in-process memory backs the static data up: n8n persists static data only after the
 * webhook call ends, so a redelivery that arrives while the first call is still running would
 * otherwise pass.
 */
import type { IDataObject } from 'n8n-workflow';
import type { NormalisedEvent } from '../model/event';
import { isRecord } from './values';

/**
 * Most keys remembered in static data. n8n reads and rewrites the whole static data on every
 * callback that changes it: at 10,000 keys (540 KiB) that cost about 9 ms per callback
 * (BENCHMARKS.md); 2,000 keeps it near 2 ms. Bursts are also covered by the process memory below.
 */
export const DEDUPE_MAX_KEYS = 2_000;
/** Most keys the process memory holds (all workflows together); it costs nothing to persist. */
export const MEMORY_MAX_KEYS = 10_000;
/** How long a key is remembered. */
export const DEDUPE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Where the keys live in the node's static data: `{ [key]: epoch ms first seen }`. */
export const DEDUPE_STATIC_KEY = 'seenEvents';

/** The identity of an event, or `null` when it has no message id and cannot be recognised again. */
export function eventKey(event: NormalisedEvent): string | null {
	if (event.messageId === null) return null;
	return [event.provider, event.messageId, event.event, event.status?.state ?? ''].join('|');
}

/** Keys remembered by this process for a short while, shared by all workflows (scoped by caller). */
export class RecentKeys {
	private readonly keys = new Map<string, number>();

	constructor(
		private readonly maxKeys = MEMORY_MAX_KEYS,
		private readonly maxAgeMs = 10 * 60 * 1000,
	) {}

	has(key: string, now: number): boolean {
		const seenAt = this.keys.get(key);
		return seenAt !== undefined && now - seenAt < this.maxAgeMs;
	}

	add(key: string, now: number): void {
		this.keys.delete(key);
		this.keys.set(key, now);
		// Map order is insertion order: the first keys are the oldest.
		for (const [oldest, seenAt] of this.keys) {
			if (this.keys.size <= this.maxKeys && now - seenAt < this.maxAgeMs) break;
			this.keys.delete(oldest);
		}
	}

	clear(): void {
		this.keys.clear();
	}
}

/** The process-wide memory used by the trigger. */
export const recentKeys = new RecentKeys();

export interface DedupeResult {
	fresh: NormalisedEvent[];
	duplicates: NormalisedEvent[];
}

export interface DedupeOptions {
	now: number;
	/** Process memory and the scope (workflow and node) its keys belong to. */
	memory?: { keys: RecentKeys; scope: string };
}

/**
 * Splits events into those not seen before (remembered from now on) and duplicates — of earlier
 * callbacks or of an earlier entry in the same batch. Writes the pruned, bounded key set back to
 * `staticData` whenever it changed, by assigning a new object (which marks n8n's static data changed).
 */
export function dropDuplicates(
	staticData: IDataObject,
	events: NormalisedEvent[],
	options: DedupeOptions,
): DedupeResult {
	const { now, memory } = options;
	const stored = isRecord(staticData[DEDUPE_STATIC_KEY]) ? staticData[DEDUPE_STATIC_KEY] : {};
	const seen = new Map<string, number>();
	let changed = staticData[DEDUPE_STATIC_KEY] !== undefined && !isRecord(staticData[DEDUPE_STATIC_KEY]);
	for (const [key, seenAt] of Object.entries(stored)) {
		if (typeof seenAt === 'number' && now - seenAt < DEDUPE_MAX_AGE_MS) seen.set(key, seenAt);
		else changed = true;
	}

	const result: DedupeResult = { fresh: [], duplicates: [] };
	for (const event of events) {
		const key = eventKey(event);
		if (key === null) {
			result.fresh.push(event);
			continue;
		}
		const scoped = memory ? `${memory.scope}|${key}` : '';
		if (seen.has(key) || (memory !== undefined && memory.keys.has(scoped, now))) {
			result.duplicates.push(event);
			continue;
		}
		seen.set(key, now);
		memory?.keys.add(scoped, now);
		changed = true;
		result.fresh.push(event);
	}

	if (changed) staticData[DEDUPE_STATIC_KEY] = Object.fromEntries(newest(seen, DEDUPE_MAX_KEYS));
	return result;
}

/** The `max` most recently seen entries, oldest first. */
function newest(seen: Map<string, number>, max: number): Array<[string, number]> {
	const entries = [...seen.entries()];
	if (entries.length <= max) return entries;
	// Stable sort: keys seen at the same time keep their order.
	return entries.sort((a, b) => a[1] - b[1]).slice(entries.length - max);
}
