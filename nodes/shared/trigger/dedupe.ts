/**
 * Drops events already seen. Providers redeliver callbacks (some retry a batch they think went
 * unanswered), so each delivered event's key — provider, message id, event kind and status state —
 * is remembered in the workflow's static data, bounded in count and age: the oldest keys go first.
 *
 * The store is compact (format 2): each key as an 11-character hash, all of them in one string,
 * oldest first, with the minute they were first seen kept per run of keys. n8n parses and writes
 * the whole static data on every callback that changes it, and one string costs it far less than
 * thousands of object keys (BENCHMARKS.md). Format 1 (`{ [key]: epoch ms }`) is still read.
 *
 * A process memory backs the static data up, per workflow and node:
 * - it keeps the hashes of the stored keys as a Set, rebuilt only when the store was written by
 *   someone else (each write carries a new write id), so a callback costs in proportion to its
 *   batch, not to the store;
 * - it remembers for a while the keys this process accepted, and counts them as seen even when
 *   the static data read for this callback does not have them yet. n8n saves static data only
 *   after the webhook call, and in queue mode every webhook process reads and writes the whole
 *   static data: a concurrent callback (in this process or another) can start from an older copy,
 *   and its write can replace a copy holding this process's keys. Those keys are written back with
 *   this process's next change, so the shared store heals.
 * - with `hold` (the trigger's "When Saved" acknowledgement), it holds the keys of a callback until
 *   its answer has left: a redelivery that arrives meanwhile waits for that answer, and is dropped
 *   if it was a 200, or taken as new if n8n could not save the execution. Held keys are never
 *   written to the static data, so a callback n8n failed to save leaves nothing behind.
 * What no process can see is a key another process accepted and has not saved yet: a redelivery
 * that reaches two webhook processes within that moment passes both (docs: scaling out).
 */
import type { IDataObject } from 'n8n-workflow';
import type { NormalisedEvent } from '../model/event';
import { isRecord } from '../model/values';

/**
 * Most keys remembered in static data: about 120 KiB in the compact format, which n8n parses and
 * writes in well under a millisecond (BENCHMARKS.md).
 */
export const DEDUPE_MAX_KEYS = 10_000;
/** Most keys a process remembers having accepted itself, per workflow and node. */
export const MEMORY_MAX_KEYS = 10_000;
/** How long a key is remembered. */
export const DEDUPE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** How long a process remembers the keys it accepted itself. */
export const MEMORY_MAX_AGE_MS = 10 * 60 * 1000;
/** Where the keys live in the node's static data. */
export const DEDUPE_STATIC_KEY = 'seenEvents';
/** Characters per hashed key in the compact store. */
export const KEY_WIDTH = 11;

const MINUTE_MS = 60_000;
/** Most workflow/node scopes a process keeps state for (the least recently used go first). */
const MAX_SCOPES = 200;

/**
 * Format 2 of the store. `keys`: KEY_WIDTH-character hashes, oldest first. `marks`: pairs
 * [minute since the epoch, how many keys of `keys` were first seen then], in the same order, so
 * that the counts add up to the number of keys. `w`: the id of the write that produced it.
 */
export interface CompactStore {
	v: 2;
	w: string;
	keys: string;
	marks: number[];
}

/** The identity of an event, or `null` when it has no message id and cannot be recognised again. */
export function eventKey(event: NormalisedEvent): string | null {
	if (event.messageId === null) return null;
	return [event.provider, event.messageId, event.event, event.status?.state ?? ''].join('|');
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A 64-bit non-cryptographic hash of a key (two 32-bit multiply-xorshift lanes, cyrb53-style
 * mixing) as KEY_WIDTH characters that JSON never escapes. Two different keys share a hash with
 * a probability of about n²/2⁶⁵ for n stored keys (3·10⁻¹² at 10,000): such an event would be
 * taken for a duplicate.
 */
export function hashKey(key: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < key.length; i++) {
		const c = key.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	let a = h1 >>> 0;
	let b = h2 >>> 0;
	let out = '';
	for (let i = 0; i < 5; i++) {
		out += ALPHABET[a & 63] + ALPHABET[b & 63];
		a >>>= 6;
		b >>>= 6;
	}
	// 2 bits of each lane are left.
	return out + ALPHABET[(a & 3) | ((b & 3) << 2)];
}

/** What a process keeps for one workflow and node. */
interface ScopeState {
	/** The write id of the store that `set`, `keys` and `marks` mirror, or null for none. */
	w: string | null;
	set: Set<string>;
	keys: string;
	marks: number[];
	/** Hashes this process accepted, with when (epoch ms), oldest first. */
	own: Map<string, number>;
	/**
	 * Hashes of callbacks still in flight (`hold`): accepted by this process, not yet answered. A
	 * redelivery of one waits for the promise, which settles when the first callback's answer leaves.
	 */
	pending: Map<string, Promise<void>>;
	/** Keys accepted since the store was last written: the next call writes it even if it adds nothing. */
	dirty: boolean;
}

function emptyState(): ScopeState {
	return {
		w: null,
		set: new Set(),
		keys: '',
		marks: [],
		own: new Map(),
		pending: new Map(),
		dirty: false,
	};
}

/** The process memory: per scope (workflow and node) the mirrored store and the keys accepted here. */
export class RecentKeys {
	private readonly scopes = new Map<string, ScopeState>();

	constructor(
		readonly maxKeys = MEMORY_MAX_KEYS,
		readonly maxAgeMs = MEMORY_MAX_AGE_MS,
	) {}

	/** The state of a scope, created when missing; the least recently used scopes are dropped. */
	state(scope: string): ScopeState {
		let state = this.scopes.get(scope);
		if (state) {
			this.scopes.delete(scope);
		} else {
			state = emptyState();
		}
		this.scopes.set(scope, state);
		for (const oldest of this.scopes.keys()) {
			if (this.scopes.size <= MAX_SCOPES) break;
			this.scopes.delete(oldest);
		}
		return state;
	}

	clear(): void {
		this.scopes.clear();
	}
}

/** The process-wide memory used by the trigger. */
export const recentKeys = new RecentKeys();

export interface DedupeResult {
	fresh: NormalisedEvent[];
	duplicates: NormalisedEvent[];
	/**
	 * Events of this callback that another callback in flight holds (`hold`): nothing was decided or
	 * remembered, and the caller waits for these promises and asks again. Empty otherwise.
	 */
	waitFor: Array<Promise<void>>;
	/**
	 * With `hold`: tells the memory whether the fresh events were kept (`true`: the answer that
	 * acknowledges them left; they are duplicates from now on) or not (`false`: their redelivery is
	 * new again). Without `hold` the fresh events are remembered at once and this does nothing.
	 */
	settle(kept: boolean): void;
}

export interface DedupeOptions {
	now: number;
	/** Process memory and the scope (workflow and node) its keys belong to. */
	memory?: { keys: RecentKeys; scope: string };
	/**
	 * Remember the fresh events only once `settle(true)` says they were kept. Until then their keys
	 * are held: a redelivery waits (`waitFor`), and they are not written to the static data, so a
	 * failed callback leaves no key behind. Needs `memory`.
	 */
	hold?: boolean;
}

const NOTHING_TO_SETTLE = (): void => {};

let writeCounter = 0;
// Unique enough across processes: a clash only costs one rebuild of the Set.
const writeTag = Math.floor(Math.random() * 2 ** 48).toString(36);
function newWriteId(): string {
	writeCounter = (writeCounter + 1) % Number.MAX_SAFE_INTEGER;
	return `${writeTag}.${writeCounter.toString(36)}`;
}

function isCompactStore(value: unknown): value is CompactStore {
	if (
		!isRecord(value) ||
		value.v !== 2 ||
		typeof value.w !== 'string' ||
		typeof value.keys !== 'string'
	)
		return false;
	const { keys, marks } = value as { keys: string; marks: unknown };
	if (!Array.isArray(marks) || marks.length % 2 !== 0 || keys.length % KEY_WIDTH !== 0)
		return false;
	let count = 0;
	for (let i = 0; i < marks.length; i += 2) {
		const [minute, n] = [marks[i], marks[i + 1]];
		if (!Number.isInteger(minute) || !Number.isInteger(n) || (n as number) < 0) return false;
		count += n as number;
	}
	return count * KEY_WIDTH === keys.length;
}

/**
 * Loads what `stored` holds into `state` (replacing what it mirrored). Returns whether the store
 * must be written back even if nothing else changes: it was unreadable, or in format 1.
 */
function load(state: ScopeState, stored: unknown): boolean {
	state.set = new Set();
	state.keys = '';
	state.marks = [];
	state.w = null;
	if (stored === undefined) return false;
	if (isCompactStore(stored)) {
		state.w = stored.w;
		state.keys = stored.keys;
		state.marks = stored.marks.slice();
		for (let i = 0; i < stored.keys.length; i += KEY_WIDTH)
			state.set.add(stored.keys.slice(i, i + KEY_WIDTH));
		return false;
	}
	if (!isRecord(stored)) return true;
	// Format 1: { [key]: epoch ms first seen }.
	const entries: Array<[string, number]> = [];
	for (const [key, seenAt] of Object.entries(stored)) {
		if (typeof seenAt === 'number' && Number.isFinite(seenAt)) entries.push([key, seenAt]);
	}
	entries.sort((a, b) => a[1] - b[1]);
	for (const [key, seenAt] of entries) append(state, hashKey(key), Math.floor(seenAt / MINUTE_MS));
	return Object.keys(stored).length > 0;
}

/** Appends a hash first seen in `minute` (not already in the set). */
function append(state: ScopeState, hash: string, minute: number): void {
	if (state.set.has(hash)) return;
	state.set.add(hash);
	state.keys += hash;
	const last = state.marks.length - 2;
	if (last >= 0 && state.marks[last] === minute) state.marks[last + 1]++;
	else state.marks.push(minute, 1);
}

/** Drops the oldest `n` keys. */
function dropOldest(state: ScopeState, n: number): void {
	if (n <= 0) return;
	const cut = n * KEY_WIDTH;
	for (let i = 0; i < cut; i += KEY_WIDTH) state.set.delete(state.keys.slice(i, i + KEY_WIDTH));
	state.keys = state.keys.slice(cut);
	dropOldestMarks(state.marks, n);
}

/** Takes the oldest `n` keys off the counts in `marks` (in place). */
function dropOldestMarks(marks: number[], n: number): void {
	let left = n;
	let i = 0;
	while (left > 0 && i < marks.length) {
		const take = Math.min(left, marks[i + 1]);
		marks[i + 1] -= take;
		left -= take;
		if (marks[i + 1] === 0) i += 2;
	}
	if (i > 0) marks.splice(0, i);
}

/**
 * The store to write: the mirrored one plus `held` (this callback's keys, first seen in `minute`),
 * bounded to DEDUPE_MAX_KEYS. The mirror itself is left as it is: held keys join it only once kept.
 */
function storeWith(
	state: ScopeState,
	held: string[],
	minute: number,
): { keys: string; marks: number[] } {
	let keys = state.keys + held.join('');
	const marks = state.marks.slice();
	if (held.length > 0) {
		const last = marks.length - 2;
		if (last >= 0 && marks[last] === minute) marks[last + 1] += held.length;
		else marks.push(minute, held.length);
	}
	const over = keys.length / KEY_WIDTH - DEDUPE_MAX_KEYS;
	if (over > 0) {
		keys = keys.slice(over * KEY_WIDTH);
		dropOldestMarks(marks, over);
	}
	return { keys, marks };
}

/** Keys first seen before `oldestMinute` are forgotten. Returns whether any were. */
function pruneByAge(state: ScopeState, oldestMinute: number): boolean {
	let n = 0;
	for (let i = 0; i < state.marks.length && state.marks[i] < oldestMinute; i += 2)
		n += state.marks[i + 1];
	dropOldest(state, n);
	return n > 0;
}

function pruneOwn(state: ScopeState, now: number, maxKeys: number, maxAgeMs: number): void {
	for (const [hash, at] of state.own) {
		if (state.own.size <= maxKeys && now - at < maxAgeMs) break;
		state.own.delete(hash);
	}
}

/**
 * Splits events into those not seen before (remembered from now on, or with `hold` once settled
 * as kept) and duplicates — of earlier callbacks or of an earlier entry in the same batch. Writes
 * the store back to `staticData` whenever it changed, by assigning a new object (which marks n8n's
 * static data changed). A write n8n does not save is made again by the next call: its store's
 * write id is not the one n8n hands back, so the call reloads it and adds this process's keys.
 */
export function dropDuplicates(
	staticData: IDataObject,
	events: NormalisedEvent[],
	options: DedupeOptions,
): DedupeResult {
	const { now, memory } = options;
	const hold = options.hold === true && memory !== undefined;
	const minute = Math.floor(now / MINUTE_MS);
	const stored = staticData[DEDUPE_STATIC_KEY];
	const state = memory ? memory.keys.state(memory.scope) : emptyState();
	let changed = state.dirty;

	// Reuse the mirrored Set when the store is the one this process wrote (or last loaded).
	const mirrored = state.w !== null && isRecord(stored) && stored.v === 2 && stored.w === state.w;
	if (!mirrored) {
		if (load(state, stored)) changed = true;
		if (memory) {
			// Keys this process accepted that this copy lacks: a concurrent write replaced them. When
			// the store is full, keys older than its oldest were evicted for room, not lost: not those.
			pruneOwn(state, now, memory.keys.maxKeys, memory.keys.maxAgeMs);
			const horizon =
				state.keys.length >= DEDUPE_MAX_KEYS * KEY_WIDTH ? state.marks[0] * MINUTE_MS : -Infinity;
			for (const [hash, at] of state.own) {
				if (at >= horizon && !state.set.has(hash)) {
					append(state, hash, Math.floor(at / MINUTE_MS));
					changed = true;
				}
			}
		}
	}
	if (pruneByAge(state, Math.floor((now - DEDUPE_MAX_AGE_MS) / MINUTE_MS) + 1)) changed = true;

	const result: DedupeResult = {
		fresh: [],
		duplicates: [],
		waitFor: [],
		settle: NOTHING_TO_SETTLE,
	};
	const held = new Set<string>();
	for (const event of events) {
		const key = eventKey(event);
		if (key === null) {
			result.fresh.push(event);
			continue;
		}
		const hash = hashKey(key);
		const inFlight = state.pending.get(hash);
		if (inFlight) {
			result.waitFor.push(inFlight);
			continue;
		}
		if (state.set.has(hash) || held.has(hash)) {
			result.duplicates.push(event);
			continue;
		}
		result.fresh.push(event);
		if (hold) {
			held.add(hash);
			continue;
		}
		accept(state, hash, minute, now, memory !== undefined);
		changed = true;
	}
	if (result.waitFor.length > 0) return { ...result, fresh: [], duplicates: [] };
	if (memory) pruneOwn(state, now, memory.keys.maxKeys, memory.keys.maxAgeMs);
	const heldKeys = [...held];
	if (heldKeys.length > 0) result.settle = holdKeys(state, heldKeys, minute, now);

	const count = state.keys.length / KEY_WIDTH;
	if (count > DEDUPE_MAX_KEYS) dropOldest(state, count - DEDUPE_MAX_KEYS);

	if (changed || heldKeys.length > 0) {
		// Held keys go into this callback's copy of the store only: n8n saves that copy with this
		// callback (or not at all), never with another one, so a callback that fails leaves no key.
		const w = newWriteId();
		const { keys, marks } = storeWith(state, heldKeys, minute);
		if (heldKeys.length === 0) state.w = w;
		state.dirty = false;
		const store: CompactStore = { v: 2, w, keys, marks };
		staticData[DEDUPE_STATIC_KEY] = store as unknown as IDataObject;
	}
	return result;
}

/** Remembers a hash as seen: in the mirrored store, and among the keys this process accepted. */
function accept(state: ScopeState, hash: string, minute: number, now: number, own: boolean): void {
	append(state, hash, minute);
	if (own) {
		state.own.delete(hash);
		state.own.set(hash, now);
	}
}

/**
 * Holds `hashes` until the callback that brought them is answered, and returns what settles them:
 * kept, they are accepted (and written with the next call that writes the store); not kept, they
 * are let go. Either way a redelivery waiting for them asks again.
 */
function holdKeys(
	state: ScopeState,
	hashes: string[],
	minute: number,
	now: number,
): (kept: boolean) => void {
	let release!: () => void;
	const settled = new Promise<void>((resolve) => (release = resolve));
	for (const hash of hashes) state.pending.set(hash, settled);
	let done = false;
	return (kept: boolean) => {
		if (done) return;
		done = true;
		for (const hash of hashes) {
			if (state.pending.get(hash) === settled) state.pending.delete(hash);
			if (kept && !state.set.has(hash)) accept(state, hash, minute, now, true);
		}
		if (kept) state.dirty = true;
		release();
	};
}

/**
 * Returns what marks `staticData` changed again with the stores it holds now (the duplicate store,
 * and any other `keys`): for n8n 2.x, which clears the change flag of a webhook's static data while
 * it stores the execution, and saves it afterwards only if the flag is set (docs/architecture.md).
 * Does nothing for a store that is not there.
 */
export function remarkStore(staticData: IDataObject, keys: string[] = []): () => void {
	const stores = [DEDUPE_STATIC_KEY, ...keys].map((key) => [key, staticData[key]] as const);
	return () => {
		for (const [key, store] of stores) if (store !== undefined) staticData[key] = store;
	};
}
