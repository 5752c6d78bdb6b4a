import type { IDataObject } from 'n8n-workflow';
import type { NormalisedEvent, StatusState } from '../../nodes/shared/model/event';
import {
	DEDUPE_MAX_AGE_MS,
	DEDUPE_MAX_KEYS,
	DEDUPE_STATIC_KEY,
	dropDuplicates,
	eventKey,
	hashKey,
	KEY_WIDTH,
	MEMORY_MAX_AGE_MS,
	RecentKeys,
	type CompactStore,
} from '../../nodes/shared/trigger/dedupe';
import { triggerNode, workflowOver } from '../helpers/staticDataWorkflow';

const NOW = Date.UTC(2025, 0, 1, 12);

function status(messageId: string | null, state: StatusState = 'delivered'): NormalisedEvent {
	return {
		event: 'status',
		provider: 'sinchLatam',
		messageId,
		correlationId: null,
		from: null,
		to: null,
		timestamp: null,
		contactName: null,
		status: { state, providerStatus: null, code: null, error: null },
		raw: {},
	};
}

function reply(messageId: string): NormalisedEvent {
	return {
		...status(messageId),
		event: 'buttonReply',
		status: undefined,
		reply: { id: 'a', title: 'A' },
	};
}

describe('event keys', () => {
	it('are provider, message id, event kind and status state', () => {
		expect(eventKey(status('m1', 'read'))).toBe('sinchLatam|m1|status|read');
		expect(eventKey(reply('m1'))).toBe('sinchLatam|m1|buttonReply|');
		expect(eventKey({ ...reply('m1'), provider: 'messangi' })).toBe('messangi|m1|buttonReply|');
		expect(eventKey(status(null))).toBeNull();
	});
});

describe('hashKey', () => {
	it('is deterministic, KEY_WIDTH characters that JSON does not escape', () => {
		const h = hashKey('sinchLatam|m1|status|read');
		expect(h).toHaveLength(KEY_WIDTH);
		expect(h).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(hashKey('sinchLatam|m1|status|read')).toBe(h);
		expect(hashKey('sinchLatam|m1|status|sent')).not.toBe(h);
		expect(hashKey('')).toHaveLength(KEY_WIDTH);
	});

	it('gives 20,000 different keys 20,000 different hashes', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 20_000; i++)
			seen.add(hashKey(`sinchLatam|${i.toString(16)}-${(i * 7919) % 1000}|status|delivered`));
		expect(seen.size).toBe(20_000);
	});
});

const storeOf = (staticData: IDataObject) =>
	staticData[DEDUPE_STATIC_KEY] as unknown as CompactStore;
const keysIn = (store: CompactStore) =>
	Array.from({ length: store.keys.length / KEY_WIDTH }, (_, i) =>
		store.keys.slice(i * KEY_WIDTH, (i + 1) * KEY_WIDTH),
	);
const minute = (t: number) => Math.floor(t / 60_000);

describe('dropDuplicates', () => {
	it('passes new events, remembers them compactly, and drops them the second time', () => {
		const staticData: IDataObject = {};
		const first = dropDuplicates(staticData, [status('m1'), reply('m2')], { now: NOW });
		expect(first.fresh).toHaveLength(2);
		expect(first.duplicates).toHaveLength(0);
		expect(staticData[DEDUPE_STATIC_KEY]).toEqual({
			v: 2,
			w: expect.any(String),
			keys: hashKey('sinchLatam|m1|status|delivered') + hashKey('sinchLatam|m2|buttonReply|'),
			marks: [minute(NOW), 2],
		});

		const second = dropDuplicates(staticData, [status('m1'), reply('m2'), status('m3')], {
			now: NOW + 1000,
		});
		expect(second.fresh.map((e) => e.messageId)).toEqual(['m3']);
		expect(second.duplicates.map((e) => e.messageId)).toEqual(['m1', 'm2']);
		expect(storeOf(staticData).marks).toEqual([minute(NOW), 3]);
	});

	it('does not write the store when nothing new arrived', () => {
		const staticData: IDataObject = {};
		dropDuplicates(staticData, [status('m1')], { now: NOW });
		const store = staticData[DEDUPE_STATIC_KEY];
		dropDuplicates(staticData, [status('m1')], { now: NOW + 1 });
		expect(staticData[DEDUPE_STATIC_KEY]).toBe(store);
	});

	it('treats each status state of a message as its own event', () => {
		const staticData: IDataObject = {};
		dropDuplicates(staticData, [status('m1', 'sent')], { now: NOW });
		const later = dropDuplicates(staticData, [status('m1', 'delivered'), status('m1', 'sent')], {
			now: NOW,
		});
		expect(later.fresh.map((e) => e.status?.state)).toEqual(['delivered']);
		expect(later.duplicates.map((e) => e.status?.state)).toEqual(['sent']);
	});

	it('drops a repeat inside the same batch', () => {
		const result = dropDuplicates({}, [status('m1'), status('m1')], { now: NOW });
		expect(result.fresh).toHaveLength(1);
		expect(result.duplicates).toHaveLength(1);
	});

	it('always passes events without a message id, and does not store them', () => {
		const staticData: IDataObject = {};
		const result = dropDuplicates(staticData, [status(null), status(null)], { now: NOW });
		expect(result.fresh).toHaveLength(2);
		expect(staticData[DEDUPE_STATIC_KEY]).toBeUndefined();
	});

	it(`forgets keys older than ${DEDUPE_MAX_AGE_MS / 3_600_000} hours (to the minute)`, () => {
		const staticData: IDataObject = {};
		dropDuplicates(staticData, [status('old')], { now: NOW - DEDUPE_MAX_AGE_MS - 60_000 });
		dropDuplicates(staticData, [status('recent')], { now: NOW - DEDUPE_MAX_AGE_MS + 60_000 });
		const result = dropDuplicates(staticData, [status('old'), status('recent')], { now: NOW });
		expect(result.fresh.map((e) => e.messageId)).toEqual(['old']);
		const store = storeOf(staticData);
		expect(keysIn(store)).toEqual([
			hashKey('sinchLatam|recent|status|delivered'),
			hashKey('sinchLatam|old|status|delivered'),
		]);
		expect(store.marks).toEqual([minute(NOW - DEDUPE_MAX_AGE_MS + 60_000), 1, minute(NOW), 1]);
	});

	it(`keeps at most ${DEDUPE_MAX_KEYS} keys, evicting the oldest`, () => {
		const staticData: IDataObject = {};
		const memory = { keys: new RecentKeys(), scope: 'wf|n' };
		for (let b = 0; b * 1000 < DEDUPE_MAX_KEYS; b++) {
			const batch = Array.from({ length: 1000 }, (_, i) => status(`k${b * 1000 + i}`));
			dropDuplicates(staticData, batch, { now: NOW + b, memory });
		}
		expect(storeOf(staticData).keys).toHaveLength(DEDUPE_MAX_KEYS * KEY_WIDTH);
		dropDuplicates(staticData, [status('new-1'), status('new-2')], { now: NOW + 100 });
		const store = storeOf(staticData);
		expect(store.keys).toHaveLength(DEDUPE_MAX_KEYS * KEY_WIDTH);
		expect(store.marks.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0)).toBe(
			DEDUPE_MAX_KEYS,
		);
		const kept = new Set(keysIn(store));
		expect(kept.has(hashKey('sinchLatam|k0|status|delivered'))).toBe(false);
		expect(kept.has(hashKey('sinchLatam|k1|status|delivered'))).toBe(false);
		expect(kept.has(hashKey('sinchLatam|k2|status|delivered'))).toBe(true);
		expect(keysIn(store).at(-1)).toBe(hashKey('sinchLatam|new-2|status|delivered'));
	});

	it('reads the format-1 store ({ key: epoch ms }) and rewrites it in format 2', () => {
		const staticData: IDataObject = {
			[DEDUPE_STATIC_KEY]: {
				'sinchLatam|b|status|delivered': NOW - 1000,
				'sinchLatam|a|status|delivered': NOW - 5000,
				'sinchLatam|garbage|status|delivered': 'not a time',
			},
		};
		const result = dropDuplicates(staticData, [status('a'), status('b'), status('garbage')], {
			now: NOW,
		});
		expect(result.duplicates.map((e) => e.messageId)).toEqual(['a', 'b']);
		expect(result.fresh.map((e) => e.messageId)).toEqual(['garbage']);
		expect(storeOf(staticData)).toMatchObject({
			v: 2,
			keys: ['a', 'b', 'garbage']
				.map((id) => hashKey(`sinchLatam|${id}|status|delivered`))
				.join(''),
		});
	});

	it('recovers from a corrupted store', () => {
		for (const bad of [
			'oops',
			42,
			{ v: 2, w: 'x', keys: 'abc', marks: [1, 1] },
			{ v: 2, w: 'x', keys: hashKey('k'), marks: [1, 2] },
		]) {
			const staticData: IDataObject = { [DEDUPE_STATIC_KEY]: bad as IDataObject };
			expect(dropDuplicates(staticData, [status('m1')], { now: NOW }).fresh).toHaveLength(1);
			expect(storeOf(staticData)).toMatchObject({
				v: 2,
				keys: hashKey('sinchLatam|m1|status|delivered'),
				marks: [minute(NOW), 1],
			});
		}
		// Unreadable, and nothing new: still rewritten clean.
		const staticData: IDataObject = { [DEDUPE_STATIC_KEY]: 'oops' };
		dropDuplicates(staticData, [], { now: NOW });
		expect(storeOf(staticData)).toMatchObject({ v: 2, keys: '', marks: [] });
	});

	it('also drops what the process memory saw, for redeliveries that overtake the static data save', () => {
		const keys = new RecentKeys();
		dropDuplicates({}, [status('m1')], { now: NOW, memory: { keys, scope: 'wf-1|node-1' } });
		// A second request that started from static data loaded before the first one saved it:
		const overtaking = dropDuplicates({}, [status('m1')], {
			now: NOW + 50,
			memory: { keys, scope: 'wf-1|node-1' },
		});
		expect(overtaking.duplicates).toHaveLength(1);
		// Another workflow is another scope.
		const other = dropDuplicates({}, [status('m1')], {
			now: NOW + 50,
			memory: { keys, scope: 'wf-2|node-1' },
		});
		expect(other.fresh).toHaveLength(1);
	});

	it(`the process memory forgets its own keys after ${MEMORY_MAX_AGE_MS / 60_000} minutes`, () => {
		const keys = new RecentKeys();
		dropDuplicates({}, [status('m1')], { now: NOW, memory: { keys, scope: 's' } });
		expect(
			dropDuplicates({}, [status('m1')], {
				now: NOW + MEMORY_MAX_AGE_MS - 1,
				memory: { keys, scope: 's' },
			}).duplicates,
		).toHaveLength(1);
		expect(
			dropDuplicates({}, [status('m1')], {
				now: NOW + MEMORY_MAX_AGE_MS,
				memory: { keys, scope: 's' },
			}).fresh,
		).toHaveLength(1);
	});

	it('with the process memory, answers as without it over a long random run (the mirrored Set stays true)', () => {
		let seed = 7;
		const rand = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		const withMemory: IDataObject = {};
		const without: IDataObject = {};
		const memory = { keys: new RecentKeys(), scope: 'wf|n' };
		for (let call = 0; call < 200; call++) {
			const batch = Array.from({ length: 1 + rand(60) }, () =>
				status(`m${rand(3000)}`, rand(2) ? 'sent' : 'read'),
			);
			const now = NOW + call * 1000;
			const a = dropDuplicates(withMemory, batch, { now, memory });
			const b = dropDuplicates(without, batch, { now });
			expect(a.fresh.map(eventKey)).toEqual(b.fresh.map(eventKey));
			expect(withMemory[DEDUPE_STATIC_KEY]).toEqual({
				...(without[DEDUPE_STATIC_KEY] as object),
				w: expect.any(String),
			});
		}
	});
});

describe('two webhook processes sharing static data (queue mode), as n8n reads and writes it', () => {
	// n8n in queue mode: each webhook call reads the workflow (static data included) from the
	// database, runs the trigger, and writes the whole static data back if it changed.
	class Database {
		saved = '{}';
		read(): IDataObject {
			return JSON.parse(this.saved) as IDataObject;
		}
		write(staticData: IDataObject) {
			this.saved = JSON.stringify(staticData);
		}
	}
	const processA = { keys: new RecentKeys(), scope: 'wf|trigger' };
	const processB = { keys: new RecentKeys(), scope: 'wf|trigger' };

	it('a redelivery to the other process after the first call was saved is dropped', () => {
		const db = new Database();
		const a = db.read();
		expect(dropDuplicates(a, [status('x1')], { now: NOW, memory: processA }).fresh).toHaveLength(1);
		db.write(a);
		const b = db.read();
		expect(
			dropDuplicates(b, [status('x1')], { now: NOW + 10, memory: processB }).duplicates,
		).toHaveLength(1);
	});

	it('a key lost to a concurrent write is written back by its process, and then holds in the other', () => {
		const db = new Database();
		const memA = { keys: new RecentKeys(), scope: 's' };
		const memB = { keys: new RecentKeys(), scope: 's' };
		// A and B read the same copy; A saves, then B saves over it: the database lacks A's key.
		const a = db.read();
		const b = db.read();
		dropDuplicates(a, [status('lost')], { now: NOW, memory: memA });
		dropDuplicates(b, [status('other')], { now: NOW, memory: memB });
		db.write(a);
		db.write(b);
		expect(keysIn(storeOf(db.read()))).not.toContain(hashKey('sinchLatam|lost|status|delivered'));
		// The documented limit: a redelivery to B right now would pass.
		expect(
			dropDuplicates(db.read(), [status('lost')], {
				now: NOW + 5,
				memory: { keys: new RecentKeys(), scope: 's' },
			}).fresh,
		).toHaveLength(1);
		// A's next change writes its key back…
		const a2 = db.read();
		dropDuplicates(a2, [status('next')], { now: NOW + 10, memory: memA });
		db.write(a2);
		expect(keysIn(storeOf(db.read()))).toContain(hashKey('sinchLatam|lost|status|delivered'));
		// …and B drops the redelivery.
		const b2 = db.read();
		expect(
			dropDuplicates(b2, [status('lost'), status('other')], { now: NOW + 20, memory: memB })
				.duplicates,
		).toHaveLength(2);
	});

	it('a process that gets nothing new still writes back its keys that a concurrent write replaced', () => {
		const db = new Database();
		const memA = { keys: new RecentKeys(), scope: 's' };
		const memB = { keys: new RecentKeys(), scope: 's' };
		const a = db.read();
		const b = db.read();
		dropDuplicates(a, [status('mine')], { now: NOW, memory: memA });
		dropDuplicates(b, [status('theirs')], { now: NOW, memory: memB });
		db.write(a);
		db.write(b);
		const a2 = db.read();
		expect(
			dropDuplicates(a2, [status('mine')], { now: NOW + 10, memory: memA }).duplicates,
		).toHaveLength(1);
		db.write(a2);
		expect(new Set(keysIn(storeOf(db.read())))).toEqual(
			new Set(['mine', 'theirs'].map((id) => hashKey(`sinchLatam|${id}|status|delivered`))),
		);
	});
});

describe('dropDuplicates with n8n static data', () => {
	// n8n saves static data after a webhook call only when its change flag is set (WorkflowStaticDataService).
	const node = triggerNode('Trigger', 'n1');
	const workflowWith = (staticData: IDataObject) => workflowOver(staticData, node);

	it('marks the workflow static data as changed when it remembers a key, and it survives a save', () => {
		const workflow = workflowWith({});
		dropDuplicates(workflow.getStaticData('node', node), [status('m1')], { now: NOW });
		expect(workflow.staticData.__dataChanged).toBe(true);

		// What n8n writes to the database and reads back for the next call:
		const saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		const next = workflowWith(saved);
		const again = dropDuplicates(next.getStaticData('node', node), [status('m1')], {
			now: NOW + 1,
		});
		expect(again.duplicates).toHaveLength(1);
		expect(next.staticData.__dataChanged).toBe(false);
	});

	it('(n8n behaviour the trigger works around) a second Workflow over the same static data clears the flag', () => {
		// n8n 2.x's WorkflowRunner.run() wraps the webhook's static data object in a new Workflow
		// before its deferred "onReceived" answer saves it: the flag is gone by then. The trigger
		// sets it again when n8n reads its receipt (test/trigger/acknowledge.test.ts).
		const raw: IDataObject = {};
		const webhookWorkflow = workflowWith(raw);
		dropDuplicates(webhookWorkflow.getStaticData('node', node), [status('m1')], { now: NOW });
		expect(webhookWorkflow.staticData.__dataChanged).toBe(true);
		workflowWith(raw);
		expect(webhookWorkflow.staticData.__dataChanged).toBe(false);
	});
});
