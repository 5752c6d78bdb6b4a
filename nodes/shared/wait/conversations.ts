/**
 * The open Free Text waits a WhatsApp Interactive Trigger knows of: which wait the next message of
 * a customer answers. Send and Wait (Free Text) sends its question with the wait's reference in the
 * provider's correlation field (`Dialect.correlationOption`); the provider echoes it in the
 * question's status callbacks, and the trigger, on such a status, records
 * customer → reference here. The customer's next message is then handed to that wait.
 *
 * Kept in the trigger node's static data, which n8n stores in its database with the workflow: it
 * survives a restart and every webhook process of a queue-mode n8n reads it. One string per
 * customer (`ref|business|reprompts|at`), so that n8n's change tracking wraps one object, not one
 * per entry. Lookups and writes are one property each.
 *
 * n8n loads static data afresh for every webhook request and saves it whole afterwards, so two
 * callbacks handled at once by one process could each save a copy without the other's entry. This
 * process's recent writes are therefore kept in memory too, and written again into every copy it
 * saves; lookups read them first. Two webhook processes writing at the same moment can still lose
 * one's entry until that process writes again (docs/conversations.md).
 */
import type { IDataObject } from 'n8n-workflow';
import { parsePhone } from '../model/phone';
import { decodeReference, type WaitReference } from './reference';

/** The key in the trigger node's static data. */
export const WAITS_STATIC_KEY = 'freeTextWaits';
/** Open waits kept per trigger; beyond it the oldest registered are forgotten. */
export const MAX_OPEN_WAITS = 20_000;
/** Recent writes this process keeps in memory and writes again into every copy it saves. */
const RECENT_WRITES = 1_000;

/** One open wait, as the trigger keeps it. */
export interface OpenWait {
	/** The wait's reference (`reference.ts`), as sent in the correlation field. */
	ref: string;
	/** The business number (or phone number id) that asked; empty when the status did not say. */
	business: string;
	/** Re-prompts sent so far for this wait. */
	reprompts: number;
	/** When the wait was registered, in seconds since the epoch. */
	at: number;
	/**
	 * The digits of the number the question went to, as its status said, when the status also
	 * named the customer's user id: then an answer that comes with the user id and no number is
	 * known to be from that number.
	 */
	phone?: string;
}

/** A customer as a key: the digits of their number, or their business-scoped user id. */
export function customerKeys(phone: unknown, userId: unknown): string[] {
	const keys: string[] = [];
	const parsed = parsePhone(phone);
	if (parsed.ok) keys.push(`p${parsed.digits}`);
	if (typeof userId === 'string' && userId.trim() !== '') keys.push(`u${userId.trim()}`);
	return keys;
}

/** A business number compared by its digits; any other id as written. */
function businessKey(value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') return '';
	const parsed = parsePhone(value);
	return parsed.ok ? parsed.digits : value.trim();
}

function encode(wait: OpenWait): string {
	const text = `${wait.ref}|${wait.business.replace(/\|/g, '')}|${wait.reprompts}|${wait.at}`;
	return wait.phone ? `${text}|${wait.phone}` : text;
}

function decode(text: unknown): OpenWait | null {
	if (typeof text !== 'string') return null;
	const [ref, business, reprompts, at, phone] = text.split('|');
	if (decodeReference(ref) === null) return null;
	const count = Number(reprompts);
	const wait: OpenWait = {
		ref,
		business: business ?? '',
		reprompts: Number.isInteger(count) && count >= 0 ? count : 0,
		at: Number(at) || 0,
	};
	if (phone && /^[0-9]{6,15}$/.test(phone)) wait.phone = phone;
	return wait;
}

/**
 * This process's recent write of one customer's entry: the value written (`null` for a removal),
 * and when: the wait's registration, or the removal's time, in seconds.
 */
interface Write {
	value: string | null;
	at: number;
}

/** This process's recent writes per trigger. */
const recent = new Map<string, Map<string, Write>>();
/** References this process saw answered, per trigger: a late status of theirs registers nothing. */
const answered = new Map<string, Map<string, true>>();
/**
 * Messages this process handed to a wait, per trigger: a redelivery of one is not a new message.
 * `true` for a message passed on (Also Output on Trigger), which also belongs on the outputs.
 */
const takenMessages = new Map<string, Map<string, boolean>>();

/** Whether a stored wait is newer than this process's write of the same customer's entry. */
function newer(stored: OpenWait, own: Write): boolean {
	if (stored.at !== own.at) return stored.at > own.at;
	const mine = decode(own.value);
	return mine !== null && mine.ref === stored.ref && stored.reprompts > mine.reprompts;
}

function bounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
	map.delete(key);
	map.set(key, value);
	for (const oldest of map.keys()) {
		if (map.size <= max) break;
		map.delete(oldest);
	}
}

/** The open waits of one trigger (`scope`: its workflow and node) over this request's static data. */
export class OpenWaits {
	private readonly writes: Map<string, Write>;
	private readonly done: Map<string, true>;
	private readonly taken: Map<string, boolean>;
	private wrote = false;

	constructor(
		private readonly staticData: IDataObject,
		scope: string,
	) {
		this.writes = recent.get(scope) ?? new Map();
		recent.set(scope, this.writes);
		this.done = answered.get(scope) ?? new Map();
		answered.set(scope, this.done);
		this.taken = takenMessages.get(scope) ?? new Map();
		takenMessages.set(scope, this.taken);
	}

	private stored(): IDataObject | undefined {
		const value = this.staticData[WAITS_STATIC_KEY];
		return value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as IDataObject)
			: undefined;
	}

	private storedWait(key: string): OpenWait | null {
		const stored = this.stored();
		return stored && Object.prototype.hasOwnProperty.call(stored, key) ? decode(stored[key]) : null;
	}

	/**
	 * The entry as this process last wrote it, unless the stored one is newer (written by another
	 * webhook process of a queue-mode n8n): registered later, or the same wait with more re-prompts.
	 */
	private read(key: string): OpenWait | null {
		const own = this.writes.get(key);
		const stored = this.storedWait(key);
		if (own === undefined) return stored;
		return stored !== null && newer(stored, own) ? stored : decode(own.value);
	}

	private write(key: string, wait: OpenWait | null): void {
		const write: Write =
			wait === null
				? { value: null, at: Math.floor(Date.now() / 1000) }
				: { value: encode(wait), at: wait.at };
		bounded(this.writes, key, write, RECENT_WRITES);
		this.wrote = true;
	}

	/** The wait a customer's message answers, if any: looked up by number, then by user id. */
	find(
		phone: unknown,
		userId: unknown,
		business: unknown,
	): { wait: OpenWait; reference: WaitReference; key: string } | null {
		const asked = businessKey(business);
		for (const key of customerKeys(phone, userId)) {
			const wait = this.read(key);
			if (wait === null) continue;
			if (wait.business !== '' && asked !== '' && wait.business !== asked) continue;
			const reference = decodeReference(wait.ref);
			if (reference !== null) return { wait, reference, key };
		}
		return null;
	}

	/**
	 * A status of a question that carries a wait's reference: the customer's next message answers
	 * that wait. A newer question to the same customer takes the place of an older one; a status of
	 * the same question again (sent, delivered, read) changes nothing.
	 */
	register(ref: string, phone: unknown, userId: unknown, business: unknown, now: number): boolean {
		if (decodeReference(ref) === null || this.done.has(ref)) return false;
		let changed = false;
		const keys = customerKeys(phone, userId);
		const number = parsePhone(phone);
		for (const key of keys) {
			if (this.read(key)?.ref === ref) continue;
			const wait: OpenWait = {
				ref,
				business: businessKey(business),
				reprompts: 0,
				at: Math.floor(now / 1000),
			};
			// The status tied the user id to the number asked: kept under the user id's key.
			if (key.startsWith('u') && number.ok) wait.phone = number.digits;
			this.write(key, wait);
			changed = true;
		}
		return changed;
	}

	/** Whether this process handed the message with this id to a wait already (a redelivery). */
	wasTaken(messageId: string | null): boolean {
		return messageId !== null && this.taken.has(messageId);
	}

	/**
	 * Whether a message a wait took was also passed on to the outputs: a redelivery of it (its
	 * callback was not acknowledged, so nothing went out) goes to the outputs again.
	 */
	wasPassedOn(messageId: string | null): boolean {
		return messageId !== null && this.taken.get(messageId) === true;
	}

	/** A message a wait took: remembered, so that a redelivery of it is not taken for a new one. */
	took(messageId: string | null, passedOn = false): void {
		if (messageId !== null) bounded(this.taken, messageId, passedOn, RECENT_WRITES);
	}

	/** The wait asked again: one more re-prompt counted, under every key that names it. */
	reprompted(found: { wait: OpenWait; key: string }, phone: unknown, userId: unknown): void {
		for (const key of customerKeys(phone, userId)) {
			const wait = this.read(key);
			if (wait?.ref === found.wait.ref) this.write(key, { ...wait, reprompts: wait.reprompts + 1 });
		}
	}

	/**
	 * The wait is over, or this customer's messages are not for it: forgotten under every key.
	 * `finished`: it will never take an answer (answered, timed out, stopped), so a late status of
	 * its question registers nothing again in this process.
	 */
	close(ref: string, phone: unknown, userId: unknown, finished: boolean): void {
		if (finished) bounded(this.done, ref, true, RECENT_WRITES);
		for (const key of customerKeys(phone, userId)) {
			if (this.read(key)?.ref === ref) this.write(key, null);
		}
	}

	/**
	 * Writes this process's recent writes into the static data n8n will save, when this request
	 * wrote any: O(recent writes), and only on requests that change something.
	 */
	save(): void {
		if (!this.wrote) return;
		const stored = this.stored() ?? {};
		for (const [key, write] of this.writes) {
			// A wait registered later by another process stays.
			const there = decode(stored[key]);
			if (there !== null && newer(there, write)) continue;
			// Deleted first, so that a rewritten entry moves to the end: the oldest stay in front.
			delete stored[key];
			if (write.value !== null) stored[key] = write.value;
		}
		const keys = Object.keys(stored);
		for (let k = 0; k < keys.length - MAX_OPEN_WAITS; k++) delete stored[keys[k]];
		// Set on the static data itself, which is what marks it changed for n8n to save.
		this.staticData[WAITS_STATIC_KEY] = stored;
	}
}
