/**
 * The duplicate store, before and after format 2 (issue 14), per callback as n8n runs it in a
 * webhook process: JSON.parse of the stored static data (n8n loads the workflow row), the trigger's
 * dropDuplicates, JSON.stringify for the save when it changed. Batches of 50 new Sinch events
 * against a full store, in one process (the store is the one this process wrote) and in two
 * processes taking turns on one store (queue mode: every callback finds the other's write).
 *
 *   node .bench-build/bench/queue-dedupe.js      (after npx tsc -p tsconfig.bench.json)
 *
 * Times are CPU time of this thread (process.cpuUsage), so other processes on a busy machine do not
 * inflate them; each row is the mean over 300 callbacks after the store reached its steady state.
 *
 * Format 1 is the previous implementation (`{ [key]: epoch ms }`, the process memory a flat Map),
 * kept below as the baseline, with its key limit as a parameter.
 */
import type { IDataObject } from 'n8n-workflow';
import type { NormalisedEvent } from '../nodes/shared/model/event';
import { DEDUPE_MAX_KEYS, dropDuplicates, RecentKeys } from '../nodes/shared/trigger/dedupe';
import { round } from './lib';

// ---- format 1 (as shipped before format 2) --------------------------------------------------
class V1Memory {
	private readonly keys = new Map<string, number>();
	has(key: string, now: number): boolean {
		const at = this.keys.get(key);
		return at !== undefined && now - at < 600_000;
	}
	add(key: string, now: number): void {
		this.keys.delete(key);
		this.keys.set(key, now);
		for (const [oldest, at] of this.keys) {
			if (this.keys.size <= 10_000 && now - at < 600_000) break;
			this.keys.delete(oldest);
		}
	}
}
function v1Drop(
	staticData: IDataObject,
	events: NormalisedEvent[],
	now: number,
	memory: V1Memory,
	maxKeys: number,
): number {
	const raw = staticData.seenEvents;
	const stored =
		raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
	const seen = new Map<string, number>();
	let changed = false;
	for (const [key, at] of Object.entries(stored)) {
		if (typeof at === 'number' && now - at < 86_400_000) seen.set(key, at);
		else changed = true;
	}
	let fresh = 0;
	for (const e of events) {
		const key = [e.provider, e.messageId, e.event, e.status?.state ?? ''].join('|');
		const scoped = `wf|node|${key}`;
		if (seen.has(key) || memory.has(scoped, now)) continue;
		seen.set(key, now);
		memory.add(scoped, now);
		changed = true;
		fresh++;
	}
	if (changed) {
		let entries = [...seen.entries()];
		if (entries.length > maxKeys)
			entries = entries.sort((a, b) => a[1] - b[1]).slice(entries.length - maxKeys);
		staticData.seenEvents = Object.fromEntries(entries);
	}
	return fresh;
}

// ---- the benchmark -------------------------------------------------------------------------
let counter = 0;
function batch(n: number): NormalisedEvent[] {
	return Array.from({ length: n }, (_, j) => ({
		event: 'status',
		provider: 'sinchLatam',
		messageId: `${(++counter).toString(16).padStart(8, '0')}-5b1c-4a0e-9f7e-${String(j).padStart(12, '0')}`,
		correlationId: null,
		from: null,
		to: null,
		timestamp: null,
		contactName: null,
		status: { state: 'delivered', providerStatus: null, code: null, error: null },
		raw: {},
	}));
}

interface Row {
	format: string;
	keys: number;
	processes: number;
	'store KiB': number;
	'dropDuplicates µs': number;
	"n8n's parse + stringify µs": number;
	'total µs per callback': number;
}

function run(
	format: 'v1' | 'v2',
	maxKeys: number,
	processes: 1 | 2,
	batchSize = 50,
	measured = 300,
): Row {
	const now0 = Date.UTC(2026, 11, 1);
	let db = JSON.stringify({ 'node:Callbacks': {} });
	const v1 = Array.from({ length: processes }, () => new V1Memory());
	const v2 = Array.from({ length: processes }, () => new RecentKeys());
	// CPU time of this thread (getrusage), not wall time: other processes on the machine do not count.
	const cpu = () => {
		const u = process.cpuUsage();
		return u.user + u.system;
	};
	const call = (p: number, events: NormalisedEvent[], now: number) => {
		const t0 = cpu();
		const all = JSON.parse(db) as Record<string, IDataObject>;
		const node = all['node:Callbacks'];
		const t1 = cpu();
		if (format === 'v1') v1Drop(node, events, now, v1[p], maxKeys);
		else dropDuplicates(node, events, { now, memory: { keys: v2[p], scope: 'wf|node' } });
		const t2 = cpu();
		db = JSON.stringify(all);
		const t3 = cpu();
		return { ours: t2 - t1, n8n: t1 - t0 + (t3 - t2) };
	};
	// Fill the store (and, in two processes, both memories) to steady state.
	for (let i = 0; i * batchSize < maxKeys * 1.5; i++)
		call(i % processes, batch(batchSize), now0 + i * 10);
	let ours = 0;
	let n8n = 0;
	for (let i = 0; i < measured; i++) {
		const r = call(i % processes, batch(batchSize), now0 + 1_000_000 + i * 10);
		ours += r.ours;
		n8n += r.n8n;
	}
	return {
		format: format === 'v1' ? 'format 1 { key: epoch ms }' : 'format 2 (compact)',
		keys: maxKeys,
		processes,
		'store KiB': round(db.length / 1024, 1),
		'dropDuplicates µs': round(ours / measured),
		"n8n's parse + stringify µs": round(n8n / measured),
		'total µs per callback': round((ours + n8n) / measured),
	};
}

export function runQueueDedupeBench(): Row[] {
	const rows: Row[] = [];
	for (const processes of [1, 2] as const) {
		rows.push(run('v1', 2_000, processes));
		rows.push(run('v1', 10_000, processes));
		rows.push(run('v2', DEDUPE_MAX_KEYS, processes));
	}
	return rows;
}

if (require.main === module) {
	// Warm-up pass, then the measured one.
	runQueueDedupeBench();
	const rows = runQueueDedupeBench();
	const cols = Object.keys(rows[0]) as Array<keyof Row>;
	process.stdout.write(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|\n`);
	for (const r of rows) process.stdout.write(`| ${cols.map((c) => r[c]).join(' | ')} |\n`);
	process.stdout.write(
		`\nbatch 50 new events per callback, full store; ${process.version}; load ${require('os')
			.loadavg()
			.map((x: number) => x.toFixed(1))
			.join(' ')}\n`,
	);
}
