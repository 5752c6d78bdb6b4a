import type { IDataObject } from 'n8n-workflow';
import {
	customerKeys,
	MAX_OPEN_WAITS,
	OpenWaits,
	WAITS_STATIC_KEY,
} from '../../nodes/shared/wait/conversations';
import { decodeReference, encodeReference } from '../../nodes/shared/wait/reference';

const NODE_ID = '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95';
const NOW = Date.UTC(2026, 11, 1, 10, 0, 0);

/** A wait's reference, as Send and Wait (Free Text) puts it in the correlation field. */
function ref(executionId: string, waitId = 'a1'): string {
	return encodeReference({
		executionId,
		nodeId: NODE_ID,
		waitId,
		choice: 0,
		signature: 'ab'.repeat(32),
	});
}

let scopes = 0;
/** A scope of its own: the process memory is per scope and lives as long as the module. */
const newScope = () => `wf-${++scopes}-${Math.random()}|trigger-node`;

const ANA = '5519900001111';
const ANA_TYPED = '+55 19 90000-1111';
const ANA_ID = 'BR.1349120865530274191';
const BUSINESS = '5511333330000';

describe('registering and finding open waits', () => {
	test('found by the customer’s number however it is written', () => {
		const waits = new OpenWaits({}, newScope());
		expect(waits.register(ref('1'), ANA_TYPED, null, BUSINESS, NOW)).toBe(true);
		const found = waits.find(ANA, null, BUSINESS);
		expect(found).not.toBeNull();
		expect(found!.wait).toEqual({
			ref: ref('1'),
			business: BUSINESS,
			reprompts: 0,
			at: NOW / 1000,
		});
		expect(found!.reference).toEqual(decodeReference(ref('1')));
		expect(found!.key).toBe(`p${ANA}`);
		expect(waits.find('+55 (19) 90000-1111', null, '+55 11 33333-0000')?.wait.ref).toBe(ref('1'));
		expect(waits.find('5519900002222', null, BUSINESS)).toBeNull();
	});

	test('found by the user id when the message has no number', () => {
		const waits = new OpenWaits({}, newScope());
		waits.register(ref('1'), ANA, ANA_ID, BUSINESS, NOW);
		expect(waits.find(null, ANA_ID, BUSINESS)?.key).toBe(`u${ANA_ID}`);
		expect(waits.find(undefined, ` ${ANA_ID} `, BUSINESS)?.wait.ref).toBe(ref('1'));
		expect(waits.find(null, 'BR.other', BUSINESS)).toBeNull();
		expect(waits.find(null, null, BUSINESS)).toBeNull();
	});

	test('a wait registered by user id only is found by it, not by a number', () => {
		const waits = new OpenWaits({}, newScope());
		expect(waits.register(ref('1'), null, ANA_ID, BUSINESS, NOW)).toBe(true);
		expect(waits.find(ANA, null, BUSINESS)).toBeNull();
		expect(waits.find(ANA, ANA_ID, BUSINESS)?.key).toBe(`u${ANA_ID}`);
	});

	test('another business number misses; a business not said on either side matches', () => {
		const waits = new OpenWaits({}, newScope());
		waits.register(ref('1'), ANA, null, BUSINESS, NOW);
		expect(waits.find(ANA, null, '5511444440000')).toBeNull();
		expect(waits.find(ANA, null, null)?.wait.ref).toBe(ref('1'));
		expect(waits.find(ANA, null, '')?.wait.ref).toBe(ref('1'));

		const unsaid = new OpenWaits({}, newScope());
		unsaid.register(ref('2'), ANA, null, null, NOW);
		expect(unsaid.find(ANA, null, '5511444440000')?.wait.business).toBe('');
	});

	test('a business that is an id, not a number, is compared as written', () => {
		const waits = new OpenWaits({}, newScope());
		waits.register(ref('1'), ANA, null, ' 106540352242922 ', NOW);
		// (15 digits read as a number: compared by its digits either way.)
		expect(waits.find(ANA, null, '106540352242922')).not.toBeNull();
		waits.register(ref('2'), '5519900002222', null, 'pnid|with|bars', NOW);
		expect(waits.find('5519900002222', null, 'pnidwithbars')).not.toBeNull();
	});

	test('a reference that is not one registers nothing', () => {
		const waits = new OpenWaits({}, newScope());
		expect(waits.register('wai1.broken', ANA, null, BUSINESS, NOW)).toBe(false);
		expect(waits.register('', ANA, null, BUSINESS, NOW)).toBe(false);
		expect(waits.find(ANA, null, BUSINESS)).toBeNull();
	});

	test('a customer that is neither a number nor a user id registers nothing', () => {
		const waits = new OpenWaits({}, newScope());
		expect(waits.register(ref('1'), 'not a number', '', BUSINESS, NOW)).toBe(false);
		expect(waits.register(ref('1'), null, '   ', BUSINESS, NOW)).toBe(false);
	});

	test('the same question’s statuses again keep the re-prompts counted so far', () => {
		const waits = new OpenWaits({}, newScope());
		waits.register(ref('1'), ANA, ANA_ID, BUSINESS, NOW);
		const found = waits.find(ANA, ANA_ID, BUSINESS)!;
		waits.reprompted(found, ANA, ANA_ID);
		// delivered, then read: the same reference again.
		expect(waits.register(ref('1'), ANA, ANA_ID, BUSINESS, NOW + 5_000)).toBe(false);
		expect(waits.find(ANA, null, BUSINESS)!.wait).toMatchObject({ reprompts: 1, at: NOW / 1000 });
		expect(waits.find(null, ANA_ID, BUSINESS)!.wait.reprompts).toBe(1);
	});

	test('a newer question to the same customer takes the place of the older one', () => {
		const waits = new OpenWaits({}, newScope());
		waits.register(ref('1'), ANA, ANA_ID, BUSINESS, NOW);
		waits.reprompted(waits.find(ANA, ANA_ID, BUSINESS)!, ANA, ANA_ID);
		expect(waits.register(ref('2'), ANA, ANA_ID, BUSINESS, NOW + 60_000)).toBe(true);
		expect(waits.find(ANA, null, BUSINESS)!.wait).toEqual({
			ref: ref('2'),
			business: BUSINESS,
			reprompts: 0,
			at: NOW / 1000 + 60,
		});
		expect(waits.find(null, ANA_ID, BUSINESS)!.wait.ref).toBe(ref('2'));
	});

	test('a re-prompt is counted under every key that names the wait, once per call', () => {
		const waits = new OpenWaits({}, newScope());
		waits.register(ref('1'), ANA, ANA_ID, BUSINESS, NOW);
		const first = waits.find(ANA, ANA_ID, BUSINESS)!;
		waits.reprompted(first, ANA, ANA_ID);
		waits.reprompted(waits.find(ANA, ANA_ID, BUSINESS)!, ANA, ANA_ID);
		expect(waits.find(ANA, null, BUSINESS)!.wait.reprompts).toBe(2);
		expect(waits.find(null, ANA_ID, BUSINESS)!.wait.reprompts).toBe(2);
	});

	test('a re-prompt of a wait replaced meanwhile counts nothing on the new one', () => {
		const waits = new OpenWaits({}, newScope());
		waits.register(ref('1'), ANA, null, BUSINESS, NOW);
		const old = waits.find(ANA, null, BUSINESS)!;
		waits.register(ref('2'), ANA, null, BUSINESS, NOW);
		waits.reprompted(old, ANA, null);
		expect(waits.find(ANA, null, BUSINESS)!.wait).toMatchObject({ ref: ref('2'), reprompts: 0 });
	});

	test('closed: gone under every key; an answered wait’s late status registers nothing', () => {
		const waits = new OpenWaits({}, newScope());
		waits.register(ref('1'), ANA, ANA_ID, BUSINESS, NOW);
		waits.close(ref('1'), ANA, ANA_ID, true);
		expect(waits.find(ANA, ANA_ID, BUSINESS)).toBeNull();
		// The question's "read" status comes after the answer.
		expect(waits.register(ref('1'), ANA, ANA_ID, BUSINESS, NOW + 1_000)).toBe(false);
		expect(waits.find(ANA, ANA_ID, BUSINESS)).toBeNull();
		// A new question to the customer is waited on.
		expect(waits.register(ref('2'), ANA, ANA_ID, BUSINESS, NOW + 2_000)).toBe(true);
	});

	test('the answered references are remembered for the trigger, not for one request', () => {
		const scope = newScope();
		new OpenWaits({}, scope).close(ref('1'), ANA, null, true);
		expect(new OpenWaits({}, scope).register(ref('1'), ANA, null, BUSINESS, NOW)).toBe(false);
		expect(new OpenWaits({}, newScope()).register(ref('1'), ANA, null, BUSINESS, NOW)).toBe(true);
	});

	test('closed because n8n no longer waits (not answered here): a status of it registers it again', () => {
		const waits = new OpenWaits({}, newScope());
		waits.register(ref('1'), ANA, null, BUSINESS, NOW);
		waits.close(ref('1'), ANA, null, false);
		expect(waits.find(ANA, null, BUSINESS)).toBeNull();
		expect(waits.register(ref('1'), ANA, null, BUSINESS, NOW)).toBe(true);
	});

	test('closing another reference leaves the customer’s wait open', () => {
		const waits = new OpenWaits({}, newScope());
		waits.register(ref('2'), ANA, null, BUSINESS, NOW);
		waits.close(ref('1'), ANA, null, true);
		expect(waits.find(ANA, null, BUSINESS)!.wait.ref).toBe(ref('2'));
	});

	test('messages taken are remembered by id; no id is never taken', () => {
		const scope = newScope();
		const waits = new OpenWaits({}, scope);
		expect(waits.wasTaken('wamid.1')).toBe(false);
		waits.took('wamid.1');
		waits.took(null);
		expect(waits.wasTaken('wamid.1')).toBe(true);
		expect(waits.wasTaken(null)).toBe(false);
		expect(new OpenWaits({}, scope).wasTaken('wamid.1')).toBe(true);
		expect(new OpenWaits({}, newScope()).wasTaken('wamid.1')).toBe(false);
	});

	test('a message taken and passed on is remembered as such', () => {
		const waits = new OpenWaits({}, newScope());
		waits.took('wamid.1');
		waits.took('wamid.2', true);
		expect([waits.wasTaken('wamid.1'), waits.wasPassedOn('wamid.1')]).toEqual([true, false]);
		expect([waits.wasTaken('wamid.2'), waits.wasPassedOn('wamid.2')]).toEqual([true, true]);
		expect(waits.wasPassedOn('wamid.3')).toBe(false);
		expect(waits.wasPassedOn(null)).toBe(false);
	});
});

/** Static data that counts how often the waits' store is set on it (what marks it changed for n8n). */
function watchedStaticData(initial: IDataObject = {}): { data: IDataObject; sets: () => number } {
	let store: unknown = initial[WAITS_STATIC_KEY];
	let count = 0;
	const data: IDataObject = { ...initial };
	Object.defineProperty(data, WAITS_STATIC_KEY, {
		enumerable: true,
		configurable: true,
		get: () => store,
		set: (value: unknown) => {
			count++;
			store = value;
		},
	});
	return { data, sets: () => count };
}

describe('saving into the trigger’s static data', () => {
	test('nothing written, nothing set: a request that only reads changes nothing', () => {
		const stored = { [`p${ANA}`]: `${ref('1')}|${BUSINESS}|0|1` };
		const { data, sets } = watchedStaticData({ [WAITS_STATIC_KEY]: stored });
		const waits = new OpenWaits(data, newScope());
		expect(waits.find(ANA, null, BUSINESS)!.wait.ref).toBe(ref('1'));
		expect(waits.wasTaken('wamid.1')).toBe(false);
		// A status of the same question again writes nothing either.
		expect(waits.register(ref('1'), ANA, null, BUSINESS, NOW)).toBe(false);
		waits.save();
		expect(sets()).toBe(0);
		const empty = watchedStaticData();
		new OpenWaits(empty.data, newScope()).save();
		expect(empty.sets()).toBe(0);
		expect(empty.data[WAITS_STATIC_KEY]).toBeUndefined();
	});

	test('what was written is saved as one string per customer, and the store set again', () => {
		const { data, sets } = watchedStaticData({ other: 'kept' });
		const waits = new OpenWaits(data, newScope());
		waits.register(ref('1'), ANA_TYPED, ANA_ID, '+55 11 33333-0000', NOW);
		waits.save();
		expect(sets()).toBe(1);
		expect(data[WAITS_STATIC_KEY]).toEqual({
			[`p${ANA}`]: `${ref('1')}|${BUSINESS}|0|${NOW / 1000}`,
			// Under the user id: also the number the status tied it to.
			[`u${ANA_ID}`]: `${ref('1')}|${BUSINESS}|0|${NOW / 1000}|${ANA}`,
		});
		expect(data.other).toBe('kept');
	});

	test('what is stored is read by the next request, re-prompts and all; a removal is saved', () => {
		const staticData: IDataObject = {};
		const first = new OpenWaits(staticData, newScope());
		first.register(ref('1'), ANA, null, BUSINESS, NOW);
		first.reprompted(first.find(ANA, null, BUSINESS)!, ANA, null);
		first.save();
		// Another process, with no memory of it: reads what n8n stored.
		const copy = structuredClone(staticData);
		const second = new OpenWaits(copy, newScope());
		expect(second.find(ANA, null, BUSINESS)!.wait).toEqual({
			ref: ref('1'),
			business: BUSINESS,
			reprompts: 1,
			at: NOW / 1000,
		});
		second.close(ref('1'), ANA, null, true);
		second.save();
		expect(copy[WAITS_STATIC_KEY]).toEqual({});
	});

	test('a stored entry that is not one (altered, or of another format) is no wait', () => {
		const staticData: IDataObject = {
			[WAITS_STATIC_KEY]: {
				[`p${ANA}`]: 'wai1.broken|x|0|0',
				p5519900002222: 42,
				p5519900003333: `${ref('3')}|${BUSINESS}|-4|soon`,
			},
		};
		const waits = new OpenWaits(staticData, newScope());
		expect(waits.find(ANA, null, BUSINESS)).toBeNull();
		expect(waits.find('5519900002222', null, BUSINESS)).toBeNull();
		expect(waits.find('5519900003333', null, BUSINESS)!.wait).toEqual({
			ref: ref('3'),
			business: BUSINESS,
			reprompts: 0,
			at: 0,
		});
		for (const broken of [null, 'text', ['a']]) {
			const other = new OpenWaits({ [WAITS_STATIC_KEY]: broken }, newScope());
			expect(other.find(ANA, null, BUSINESS)).toBeNull();
		}
	});

	test('a store that is not an object is replaced when something is written', () => {
		const staticData: IDataObject = { [WAITS_STATIC_KEY]: ['not', 'a', 'store'] };
		const waits = new OpenWaits(staticData, newScope());
		waits.register(ref('1'), ANA, null, BUSINESS, NOW);
		waits.save();
		expect(staticData[WAITS_STATIC_KEY]).toEqual({
			[`p${ANA}`]: `${ref('1')}|${BUSINESS}|0|${NOW / 1000}`,
		});
	});

	test('two requests at once in one process: each saves what the other wrote (no lost update)', () => {
		const scope = newScope();
		const saved: IDataObject = { [WAITS_STATIC_KEY]: {} };
		// n8n loads a copy of the static data for each request, and saves each copy whole.
		const copyA = structuredClone(saved);
		const copyB = structuredClone(saved);
		const a = new OpenWaits(copyA, scope);
		const b = new OpenWaits(copyB, scope);
		a.register(ref('1'), ANA, null, BUSINESS, NOW);
		// B runs while A has not saved: it finds A's wait from memory, not from its copy.
		expect(b.find(ANA, null, BUSINESS)!.wait.ref).toBe(ref('1'));
		b.register(ref('2'), '5519900002222', null, BUSINESS, NOW);
		a.save();
		b.save();
		// Whichever copy n8n saves last has both.
		for (const copy of [copyA, copyB])
			expect(Object.keys(copy[WAITS_STATIC_KEY] as IDataObject).sort()).toEqual([
				'p5519900001111',
				'p5519900002222',
			]);
	});

	test('a removal in one request is saved by another request of the same process too', () => {
		const scope = newScope();
		const saved: IDataObject = {};
		const first = new OpenWaits(saved, scope);
		first.register(ref('1'), ANA, null, BUSINESS, NOW);
		first.save();
		const copyA = structuredClone(saved);
		const copyB = structuredClone(saved);
		const a = new OpenWaits(copyA, scope);
		const b = new OpenWaits(copyB, scope);
		a.close(ref('1'), ANA, null, true);
		expect(b.find(ANA, null, BUSINESS)).toBeNull();
		b.register(ref('2'), '5519900002222', null, BUSINESS, NOW);
		b.save();
		expect(copyB[WAITS_STATIC_KEY]).not.toHaveProperty(`p${ANA}`);
		expect(copyB[WAITS_STATIC_KEY]).toHaveProperty('p5519900002222');
	});

	test('what another webhook process wrote later wins over this process’s memory: a newer question, more re-prompts', () => {
		const scope = newScope();
		const here = new OpenWaits({}, scope);
		here.register(ref('1'), ANA, null, BUSINESS, NOW);
		// Another process counted a re-prompt of the same wait, and saved it.
		const stored: IDataObject = {};
		const there = new OpenWaits(stored, newScope());
		there.register(ref('1'), ANA, null, BUSINESS, NOW);
		there.reprompted(there.find(ANA, null, BUSINESS)!, ANA, null);
		there.save();
		const next = new OpenWaits(structuredClone(stored), scope);
		expect(next.find(ANA, null, BUSINESS)!.wait).toMatchObject({ ref: ref('1'), reprompts: 1 });
		// Saving here keeps the other process's count.
		next.register(ref('9'), '5519900002222', null, BUSINESS, NOW);
		const copy = structuredClone(stored);
		const saving = new OpenWaits(copy, scope);
		saving.register(ref('8'), '5519900003333', null, BUSINESS, NOW);
		saving.save();
		expect(String((copy[WAITS_STATIC_KEY] as IDataObject)[`p${ANA}`])).toContain('|1|');
		// A question registered there a minute later replaces the one this process remembers.
		const later: IDataObject = {};
		const elsewhere = new OpenWaits(later, newScope());
		elsewhere.register(ref('2'), ANA, null, BUSINESS, NOW + 60_000);
		elsewhere.save();
		const seen = new OpenWaits(later, scope);
		expect(seen.find(ANA, null, BUSINESS)!.wait.ref).toBe(ref('2'));
	});

	test('another trigger (another scope) does not see this one’s memory', () => {
		const a = new OpenWaits({}, newScope());
		a.register(ref('1'), ANA, null, BUSINESS, NOW);
		const other: IDataObject = {};
		const b = new OpenWaits(other, newScope());
		expect(b.find(ANA, null, BUSINESS)).toBeNull();
		b.register(ref('2'), '5519900002222', null, BUSINESS, NOW);
		b.save();
		expect(Object.keys(other[WAITS_STATIC_KEY] as IDataObject)).toEqual(['p5519900002222']);
	});

	test(`at most ${MAX_OPEN_WAITS} waits are kept: the oldest registered go first`, () => {
		const stored: IDataObject = {};
		for (let k = 0; k < MAX_OPEN_WAITS; k++)
			stored[`p55199${String(k).padStart(7, '0')}`] = `${ref(String(k))}|${BUSINESS}|0|${k}`;
		const staticData: IDataObject = { [WAITS_STATIC_KEY]: stored };
		const waits = new OpenWaits(staticData, newScope());
		// The oldest customer is asked again: their entry moves to the end and is kept.
		waits.register(ref('fresh0'), '551990000000', null, BUSINESS, NOW);
		waits.register(ref('new'), ANA, null, BUSINESS, NOW);
		waits.save();
		const kept = staticData[WAITS_STATIC_KEY] as IDataObject;
		const keys = Object.keys(kept);
		expect(keys).toHaveLength(MAX_OPEN_WAITS);
		expect(keys.slice(-2)).toEqual(['p551990000000', `p${ANA}`]);
		// One new customer over the cap: the oldest that was not written again is gone.
		expect(kept).not.toHaveProperty('p551990000001');
		expect(keys[0]).toBe('p551990000002');
		expect(kept['p551990000000']).toBe(`${ref('fresh0')}|${BUSINESS}|0|${NOW / 1000}`);
		expect(waits.find('551990000001', null, BUSINESS)).toBeNull();
		expect(waits.find('551990019999', null, BUSINESS)!.wait.ref).toBe(ref('19999'));
	});

	test('saved in the order written: a wait written again moves behind the others', () => {
		const staticData: IDataObject = {};
		const waits = new OpenWaits(staticData, newScope());
		waits.register(ref('1'), '5519900000001', null, BUSINESS, NOW);
		waits.register(ref('2'), '5519900000002', null, BUSINESS, NOW);
		waits.register(ref('3'), '5519900000003', null, BUSINESS, NOW);
		waits.save();
		waits.reprompted(waits.find('5519900000001', null, BUSINESS)!, '5519900000001', null);
		waits.save();
		expect(Object.keys(staticData[WAITS_STATIC_KEY] as IDataObject)).toEqual([
			'p5519900000002',
			'p5519900000003',
			'p5519900000001',
		]);
	});
});

describe('prototype keys', () => {
	test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'])(
		'a user id "%s" is a customer like any other',
		(userId) => {
			const staticData: IDataObject = {};
			const waits = new OpenWaits(staticData, newScope());
			expect(waits.find(null, userId, BUSINESS)).toBeNull();
			expect(waits.register(ref('1'), null, userId, BUSINESS, NOW)).toBe(true);
			expect(waits.find(null, userId, BUSINESS)!.wait.ref).toBe(ref('1'));
			waits.save();
			const stored = staticData[WAITS_STATIC_KEY] as IDataObject;
			expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
			expect(Object.keys(stored)).toEqual([`u${userId}`]);
			// Read back from the static data alone, by a process without the memory.
			const other = new OpenWaits(structuredClone(staticData), newScope());
			expect(other.find(null, userId, BUSINESS)!.wait.ref).toBe(ref('1'));
			other.close(ref('1'), null, userId, true);
			expect(other.find(null, userId, BUSINESS)).toBeNull();
			expect(({} as IDataObject).polluted).toBeUndefined();
		},
	);

	test('a stored store whose entries are inherited, not own, holds no wait', () => {
		const inherited = Object.create({ [`p${ANA}`]: `${ref('1')}|${BUSINESS}|0|0` }) as IDataObject;
		const waits = new OpenWaits({ [WAITS_STATIC_KEY]: inherited }, newScope());
		expect(waits.find(ANA, null, BUSINESS)).toBeNull();
	});

	test('message ids that are prototype keys are taken like any other', () => {
		const waits = new OpenWaits({}, newScope());
		expect(waits.wasTaken('__proto__')).toBe(false);
		expect(waits.wasTaken('constructor')).toBe(false);
		waits.took('constructor');
		expect(waits.wasTaken('constructor')).toBe(true);
		expect(waits.wasTaken('__proto__')).toBe(false);
	});

	test('customer keys: the number’s digits and the trimmed user id', () => {
		expect(customerKeys(ANA_TYPED, ` ${ANA_ID} `)).toEqual([`p${ANA}`, `u${ANA_ID}`]);
		expect(customerKeys('__proto__', '__proto__')).toEqual(['u__proto__']);
		expect(customerKeys(null, null)).toEqual([]);
	});
});
