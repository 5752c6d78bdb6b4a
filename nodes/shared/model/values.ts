/**
 * Readers for untrusted callback JSON. Providers add, rename and omit fields; these helpers never
 * throw and never trust a type, so an unexpected value reads as "absent" instead of breaking.
 */
import type { IDataObject } from 'n8n-workflow';

export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or a finite number written as a string; anything else is `null`. */
export function text(value: unknown): string | null {
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/** A finite number, or a string that is exactly one; anything else is `null`. */
export function numeric(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	return null;
}

/** The first key of `keys` that holds text in `record`. */
export function firstText(record: IDataObject, keys: readonly string[]): string | null {
	for (const key of keys) {
		const value = text(record[key]);
		if (value !== null) return value;
	}
	return null;
}

/** The object under `key`, or an empty object. */
export function child(record: IDataObject, key: string): IDataObject {
	const value = own(record, key);
	return isRecord(value) ? value : {};
}

/**
 * `record[key]` when `record` itself has that key, else `undefined`: a key from a callback body
 * (`constructor`, `__proto__`, `toString`…) never reaches the prototype's members.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

// Epoch values below this are seconds, above it milliseconds (1e11 s is the year 5138; 1e11 ms is 1973).
const SECONDS_LIMIT = 1e11;
// Dates outside 1990–2200 are treated as nonsense rather than shown as a real time.
const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);

/**
 * An ISO-8601 UTC timestamp from epoch seconds or milliseconds (number or digit string) or a
 * date string; Java-style offsets without a colon (`2021-08-07T11:00:00-0300`) are accepted.
 */
function isoTimestamp(value: unknown): string | null {
	const epoch = numeric(value);
	if (epoch !== null) {
		const ms = Math.abs(epoch) < SECONDS_LIMIT ? epoch * 1000 : epoch;
		return ms >= MIN_MS && ms <= MAX_MS ? new Date(ms).toISOString() : null;
	}
	if (typeof value !== 'string') return null;
	const normalised = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	const ms = Date.parse(normalised);
	return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS ? new Date(ms).toISOString() : null;
}

/** The first of `values` that reads as a timestamp. */
export function firstTimestamp(values: readonly unknown[]): string | null {
	for (const value of values) {
		const iso = isoTimestamp(value);
		if (iso !== null) return iso;
	}
	return null;
}

/** Upper case with spaces and dashes as underscores: `not-delivered` → `NOT_DELIVERED`. */
export function constantCase(value: string): string {
	return value
		.trim()
		.replace(/[\s-]+/g, '_')
		.toUpperCase();
}
