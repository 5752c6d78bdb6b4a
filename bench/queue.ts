/**
 * Queue-mode benchmark (`npm run bench -- --only=queue`): n8n 2.35.6 in queue mode from
 * scripts/queue-host.js — Redis, PostgreSQL, main, two webhook processes behind a round-robin
 * front, two workers — with the packed package in every process. Not in CI (it runs for minutes).
 *
 *   --queue-minutes=5      sustained load duration
 *   --queue-rate=4         requests per second offered (open loop)
 *   --queue-batch=50       Sinch events per request (4 × 50 × 60 = 12,000 events per minute)
 *   --queue-redeliver=0.1  share of requests redelivered, in four equal parts: to the same webhook
 *                          process or to the other one, each either at the same moment as the
 *                          first request (concurrently) or 0.5–5 s after its answer
 *   --queue-sends=10000    sends, as 20 executions of 500 recipients, spread over the workers
 *   --queue-capacity=30    seconds of closed-loop load (8 connections) for the capacity comparison
 *   --no-single            skip the single-process comparison
 *   --queue-front=hash     the front routes by URL (one trigger, one webhook process), as README's
 *                          "Scaling out" recommends; requests are then not pinned to a process
 *   --queue-env=K=V,…      extra environment for every queue-mode n8n process (e.g. DB_POSTGRESDB_POOL_SIZE=10)
 *
 * Phases: (1) what n8n does with the trigger's static data across webhook processes (time from the
 * answer to the row in Postgres; same event to both processes at once; different events at once);
 * (2) the sustained load, counting every event: delivered once, or dropped as a duplicate; (3)
 * closed-loop capacity through the front; (4) sends over two workers; (5) the same trigger load
 * and capacity against one `n8n start` (SQLite, regular mode) on the same machine.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { hashKey } from '../nodes/shared/trigger/dedupe';
import {
	sinchBatch,
	sinchButtonReply,
	sinchListReply,
	sinchStatus,
} from '../test/trigger/fixtures';
import { startMockProvider } from '../test/mock-provider';
import * as harness from '../test/e2e/harness/n8n';
import { startQueueHost, type QueueHost } from '../test/queue/host';
import { parseEnvList, percentile, round, sleep, table, type Cell } from './lib';

export interface QueueArgs {
	minutes: number;
	rate: number;
	batch: number;
	redeliver: number;
	sends: number;
	capacityS: number;
	single: boolean;
	/** Extra environment for every queue-mode n8n process (--queue-env=K=V,K=V). */
	env: Record<string, string>;
	/** --queue-front=hash: the front sends each URL to one webhook process, and nothing is pinned. */
	front: 'round-robin' | 'hash';
}

export function parseQueueArgs(argv: string[]): QueueArgs {
	const get = (name: string, dflt: number) => {
		const hit = argv.find((a) => a.startsWith(`--${name}=`));
		return hit ? Number(hit.slice(hit.indexOf('=') + 1)) : dflt;
	};
	return {
		minutes: get('queue-minutes', 5),
		rate: get('queue-rate', 4),
		batch: get('queue-batch', 50),
		redeliver: get('queue-redeliver', 0.1),
		sends: get('queue-sends', 10_000),
		capacityS: get('queue-capacity', 30),
		single: !argv.includes('--no-single'),
		front: argv.includes('--queue-front=hash') ? 'hash' : 'round-robin',
		env: parseEnvList(argv.find((a) => a.startsWith('--queue-env='))?.slice('--queue-env='.length)),
	};
}

const TRIGGER_WF = 'waiBenchQueueTrg';
const TRIGGER_NODE = 'Callbacks';
const TRIGGER_HOOK = '33333333-0000-4000-8000-0000000000aa';
const SEND_WF = 'waiBenchQueueSnd';

const triggerWorkflow = {
	id: TRIGGER_WF,
	name: 'bench: queue trigger',
	nodes: [
		{
			id: '33333333-0000-4000-8000-000000000001',
			name: TRIGGER_NODE,
			type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: TRIGGER_HOOK,
			parameters: { provider: 'sinchLatam' },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

const sendWorkflow = {
	id: SEND_WF,
	name: 'bench: queue sends',
	nodes: [
		{
			id: '33333333-0000-4000-8000-000000000011',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '33333333-0000-4000-8000-0000000000bb',
			parameters: {
				httpMethod: 'POST',
				path: 'bench-queue-send',
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			id: '33333333-0000-4000-8000-000000000012',
			name: 'Recipients',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fieldToSplitOut: 'body.recipients', include: 'noOtherFields', options: {} },
		},
		{
			id: '33333333-0000-4000-8000-000000000013',
			name: 'Send',
			type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractive',
			typeVersion: 1,
			position: [400, 0],
			credentials: { sinchLatamApi: { id: 'waiSinchMock', name: 'Sinch LATAM (local mock)' } },
			parameters: {
				provider: 'sinchLatam',
				operation: 'send',
				to: '={{ $json.phone }}',
				messageType: 'buttons',
				bodyText: '=Hi {{ $json.id }}, see you on Friday?',
				buttons: {
					button: [
						{ id: 'yes', title: 'Yes' },
						{ id: 'no', title: 'No' },
					],
				},
				options: { correlationId: '={{ $json.id }}' },
			},
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Recipients', type: 'main', index: 0 }]] },
		Recipients: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

// ---------------------------------------------------------------------------------------------
// HTTP

const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

interface Answer {
	status: number;
	ms: number;
	backend: number | null;
	body: { received?: number; delivered?: number; duplicates?: number } | undefined;
}

function post(url: string, body: unknown, backend?: number): Promise<Answer> {
	const u = new URL(url);
	const data = Buffer.from(JSON.stringify(body));
	const t0 = performance.now();
	return new Promise((resolve) => {
		const headers: Record<string, string | number> = {
			'content-type': 'application/json',
			'content-length': data.length,
		};
		if (backend !== undefined) headers['x-queue-backend'] = backend;
		const req = http.request(
			{
				host: u.hostname,
				port: u.port,
				path: u.pathname + u.search,
				method: 'POST',
				headers,
				agent,
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => {
					let parsed;
					try {
						parsed = JSON.parse(text);
					} catch {
						parsed = undefined;
					}
					const b = res.headers['x-queue-backend'];
					resolve({
						status: res.statusCode ?? 0,
						ms: performance.now() - t0,
						backend: b === undefined ? null : Number(b),
						body: parsed,
					});
				});
			},
		);
		req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
		req.on('error', () =>
			resolve({ status: 0, ms: performance.now() - t0, backend: null, body: undefined }),
		);
		req.end(data);
	});
}

// ---------------------------------------------------------------------------------------------
// Events

let rngState = 12345;
function rand(): number {
	rngState = (rngState * 1103515245 + 12345) % 2 ** 31;
	return rngState / 2 ** 31;
}

function batchOf(prefix: string, n: number): { body: unknown; ids: string[] } {
	const ids: string[] = [];
	const data: unknown[] = [];
	for (let j = 0; j < n; j++) {
		const id = `${prefix}-${j}`;
		ids.push(id);
		data.push(
			j % 3 === 0
				? sinchStatus(id, ['sent'])
				: j % 3 === 1
					? sinchButtonReply(id, 'yes')
					: sinchListReply(id, 'row-1'),
		);
	}
	return { body: sinchBatch(...data), ids };
}

// ---------------------------------------------------------------------------------------------
// Counting what the executions delivered (Postgres + n8n's own `flatted`)

function flattedParse(hostDir: string): (s: string) => unknown {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(path.join(hostDir, 'node_modules', 'flatted')) as { parse(s: string): unknown })
		.parse;
}

async function finishedCount(q: QueueHost, workflowId: string): Promise<number> {
	const out = await q.sql(
		`SELECT count(*) FROM execution_entity WHERE "workflowId" = '${workflowId}' AND status NOT IN ('new', 'running', 'waiting')`,
	);
	return Number(out.trim());
}

/**
 * Waits until `expected` executions have finished, or nothing progressed for 60 s (finished
 * executions, plus `progress()` when given, e.g. requests at the mock); returns the drain time in ms.
 */
async function drain(
	q: QueueHost,
	workflowId: string,
	expected: number,
	since: number,
	progress: () => number = () => 0,
): Promise<{ ms: number; finished: number }> {
	let last = -1;
	let lastChange = Date.now();
	for (;;) {
		const n = await finishedCount(q, workflowId);
		if (n >= expected) return { ms: Date.now() - since, finished: n };
		if (n + progress() !== last) {
			last = n + progress();
			lastChange = Date.now();
		}
		if (Date.now() - lastChange > 60_000) return { ms: -1, finished: n };
		await sleep(500);
	}
}

/** messageId → how many times an execution of the trigger workflow delivered it (any output). */
async function deliveredCounts(
	q: QueueHost,
	parse: (s: string) => unknown,
): Promise<{ counts: Map<string, number>; executions: number }> {
	const counts = new Map<string, number>();
	let lastId = 0;
	let executions = 0;
	for (;;) {
		const out = await q.sql(
			`SELECT ee.id, ed.data FROM execution_entity ee JOIN execution_data ed ON ed."executionId" = ee.id WHERE ee."workflowId" = '${TRIGGER_WF}' AND ee.id > ${lastId} ORDER BY ee.id LIMIT 200`,
		);
		const lines = out.split('\n').filter(Boolean);
		if (!lines.length) break;
		for (const line of lines) {
			const tab = line.indexOf('\t');
			lastId = Number(line.slice(0, tab));
			executions++;
			const data = parse(line.slice(tab + 1)) as {
				resultData?: {
					runData?: Record<
						string,
						Array<{ data?: { main?: Array<Array<{ json: { messageId?: string } }> | null> } }>
					>;
				};
			};
			const runs = data.resultData?.runData?.[TRIGGER_NODE] ?? [];
			for (const run of runs)
				for (const items of run.data?.main ?? [])
					for (const item of items ?? []) {
						const id = String(item.json.messageId);
						counts.set(id, (counts.get(id) ?? 0) + 1);
					}
		}
	}
	return { counts, executions };
}

async function storedStore(q: QueueHost): Promise<{ keys: string; bytes: number } | undefined> {
	const out = (
		await q.sql(`SELECT "staticData" FROM workflow_entity WHERE id = '${TRIGGER_WF}'`)
	).trim();
	if (!out) return undefined;
	const data = JSON.parse(out) as Record<string, Record<string, { keys?: string }>>;
	for (const [k, v] of Object.entries(data)) {
		if (k.startsWith('node:') && v.seenEvents && typeof v.seenEvents.keys === 'string')
			return { keys: v.seenEvents.keys, bytes: out.length };
	}
	return { keys: '', bytes: out.length };
}

const has = (
	keys: string,
	id: string,
	kind: 'status' | 'buttonReply' | 'listReply',
	state = '',
) => {
	const h = hashKey(['sinchLatam', id, kind, state].join('|'));
	for (let i = 0; i < keys.length; i += h.length)
		if (keys.slice(i, i + h.length) === h) return true;
	return false;
};

// ---------------------------------------------------------------------------------------------
// Phases

interface LoadResult {
	label: string;
	seconds: number;
	requests: number;
	originals: number;
	redeliveries: Record<string, number>;
	events: number;
	eventsPerMin: number;
	non2xx: number;
	ackP50: number;
	ackP99: number;
	ackMax: number;
	ackedDelivered: number;
	ackedDuplicates: number;
	executionsExpected: number;
	drainS: number;
	lost: number;
	notAcknowledged: number;
	statuses: Record<string, number>;
	deliveredTwice: number;
	deliveredTwiceByKind: Record<string, number>;
	cpuLoad: string;
}

type Kind = 'same-later' | 'same-concurrent' | 'other-later' | 'other-concurrent';

/** Open-loop load: `rate` req/s for `seconds`, with redeliveries. `backendOf(i)` pins originals (queue mode) or undefined. */
async function sustained(
	url: string,
	args: {
		rate: number;
		batch: number;
		seconds: number;
		redeliver: number;
		backends: number;
		prefix: string;
	},
): Promise<{
	answers: Array<{ kind: Kind | 'original'; a: Answer; ids: string[] }>;
	byId: Map<string, Kind | 'original'>;
}> {
	const answers: Array<{ kind: Kind | 'original'; a: Answer; ids: string[] }> = [];
	const pending: Array<Promise<void>> = [];
	const total = Math.round(args.rate * args.seconds);
	const t0 = Date.now();
	const redeliveredKind = new Map<string, Kind | 'original'>();
	for (let i = 0; i < total; i++) {
		const due = t0 + (i * 1000) / args.rate;
		const wait = due - Date.now();
		if (wait > 0) await sleep(wait);
		const { body, ids } = batchOf(`${args.prefix}${i}`, args.batch);
		const backend = args.backends > 1 ? i % args.backends : undefined;
		const other = backend === undefined ? undefined : (backend + 1) % args.backends;
		let kind: Kind | null = null;
		if (rand() < args.redeliver) {
			const r = rand();
			kind =
				r < 0.25
					? 'same-later'
					: r < 0.5
						? 'same-concurrent'
						: r < 0.75
							? 'other-later'
							: 'other-concurrent';
		}
		if (kind) for (const id of ids) redeliveredKind.set(id, kind);
		const first = post(url, body, backend).then((a) => {
			answers.push({ kind: 'original', a, ids });
		});
		pending.push(first);
		if (kind === 'other-concurrent' || kind === 'same-concurrent') {
			const k = kind;
			pending.push(
				post(url, body, k === 'same-concurrent' ? backend : other).then(
					(a) => void answers.push({ kind: k, a, ids }),
				),
			);
		} else if (kind) {
			const k = kind;
			pending.push(
				first.then(async () => {
					await sleep(500 + rand() * 4500);
					const a = await post(url, body, k === 'same-later' ? backend : other);
					answers.push({ kind: k, a, ids });
				}),
			);
		}
	}
	await Promise.all(pending);
	return { answers, byId: redeliveredKind };
}

function loadCpu(): string {
	const [one, five] = os.loadavg();
	return `load ${round(one, 1)} / ${round(five, 1)}`;
}

async function closedLoop(
	url: string,
	seconds: number,
	connections: number,
	batch: number,
	prefix: string,
): Promise<{ requests: number; ok: number; p99: number; ms: number }> {
	const end = Date.now() + seconds * 1000;
	let n = 0;
	let ok = 0;
	const lat: number[] = [];
	const t0 = Date.now();
	await Promise.all(
		Array.from({ length: connections }, async () => {
			while (Date.now() < end) {
				const { body } = batchOf(`${prefix}${n++}`, batch);
				const a = await post(url, body);
				lat.push(a.ms);
				if (a.status === 200) ok++;
			}
		}),
	);
	return { requests: lat.length, ok, p99: round(percentile(lat, 99)), ms: Date.now() - t0 };
}

function summarise(
	label: string,
	seconds: number,
	run: {
		answers: Array<{ kind: Kind | 'original'; a: Answer; ids: string[] }>;
		byId: Map<string, Kind | 'original'>;
	},
	counts: Map<string, number> | undefined,
	batch: number,
	drainS: number,
): LoadResult {
	const originals = run.answers.filter((x) => x.kind === 'original');
	const lat = run.answers.map((x) => x.a.ms);
	const redeliveries: Record<string, number> = {
		'same-later': 0,
		'same-concurrent': 0,
		'other-later': 0,
		'other-concurrent': 0,
	};
	for (const x of run.answers) if (x.kind !== 'original') redeliveries[x.kind]++;
	let lost = 0;
	let notAcknowledged = 0;
	let twice = 0;
	const twiceByKind: Record<string, number> = {
		original: 0,
		'same-later': 0,
		'same-concurrent': 0,
		'other-later': 0,
		'other-concurrent': 0,
	};
	const acked = new Set<string>();
	for (const x of run.answers) if (x.a.status === 200) for (const id of x.ids) acked.add(id);
	if (counts) {
		for (const x of originals) {
			for (const id of x.ids) {
				const c = counts.get(id) ?? 0;
				// Lost: acknowledged (some request carrying it got 200) and never delivered. Events no
				// request got a 200 for were refused: the provider keeps them and retries.
				if (c === 0 && acked.has(id)) lost++;
				if (!acked.has(id)) notAcknowledged++;
				if (c > 1) {
					twice++;
					twiceByKind[run.byId.get(id) ?? 'original']++;
				}
			}
		}
	}
	const statuses: Record<string, number> = {};
	for (const x of run.answers)
		statuses[String(x.a.status)] = (statuses[String(x.a.status)] ?? 0) + 1;
	return {
		label,
		seconds,
		requests: run.answers.length,
		originals: originals.length,
		redeliveries,
		events: originals.length * batch,
		eventsPerMin: Math.round((originals.length * batch) / (seconds / 60)),
		non2xx: run.answers.filter((x) => x.a.status !== 200).length,
		ackP50: round(percentile(lat, 50)),
		ackP99: round(percentile(lat, 99)),
		ackMax: round(Math.max(...lat)),
		ackedDelivered: run.answers.reduce((s, x) => s + (x.a.body?.delivered ?? 0), 0),
		ackedDuplicates: run.answers.reduce((s, x) => s + (x.a.body?.duplicates ?? 0), 0),
		executionsExpected: run.answers.filter((x) => (x.a.body?.delivered ?? 0) > 0).length,
		drainS,
		lost,
		notAcknowledged,
		statuses,
		deliveredTwice: twice,
		deliveredTwiceByKind: twiceByKind,
		cpuLoad: loadCpu(),
	};
}

export async function runQueueBench(
	opts: QueueArgs & { tarball: string; log: (line: string) => void },
): Promise<{ results: Record<string, unknown>; markdown: string[] }> {
	const { log } = opts;
	const md: string[] = [];
	const results: Record<string, unknown> = { args: { ...opts, log: undefined } };
	const mock = await startMockProvider({ port: 0, latencyMs: 20 });
	const credentials = [
		{
			id: 'waiSinchMock',
			name: 'Sinch LATAM (local mock)',
			type: 'sinchLatamApi',
			data: {
				userName: 'test-user',
				authenticationToken: 'test-token',
				baseUrl: `${mock.url}/sinch`,
			},
		},
	];
	const hostDir = harness.hostDir();
	const parse = flattedParse(hostDir);
	log(`queue host: starting Redis, Postgres, main, 2 webhook processes, 2 workers (${loadCpu()})`);
	const q = await startQueueHost({
		tarball: opts.tarball,
		credentials,
		workflows: [triggerWorkflow, sendWorkflow],
		activate: [TRIGGER_WF, SEND_WF],
		createOwner: {
			email: 'bench@example.com',
			password: 'Passw0rd-bench',
			firstName: 'Bench',
			lastName: 'Queue',
		},
		env: opts.env,
		frontMode: opts.front,
	});
	log(`queue host ready in ${round(q.startMs / 1000, 1)} s`);
	const url = q.webhookUrl(`${TRIGGER_HOOK}/webhook`);
	try {
		// (1) Static data across webhook processes.
		log('phase 1: static data across webhook processes');
		const saveMs: number[] = [];
		for (let i = 0; i < 20; i++) {
			const id = `sd-save-${i}`;
			const a = await post(url, sinchBatch(sinchStatus(id, ['sent'])), i % 2);
			const tAck = Date.now();
			for (;;) {
				const s = await storedStore(q);
				if (s && has(s.keys, id, 'status', 'sent')) break;
				if (Date.now() - tAck > 10_000) break;
				await sleep(5);
			}
			saveMs.push(Date.now() - tAck + a.ms * 0);
		}
		let bothDelivered = 0;
		const pairs = 40;
		for (let i = 0; i < pairs; i++) {
			const body = sinchBatch(sinchStatus(`sd-same-${i}`, ['sent']));
			const [a, b] = await Promise.all([post(url, body, 0), post(url, body, 1)]);
			if ((a.body?.delivered ?? 0) > 0 && (b.body?.delivered ?? 0) > 0) bothDelivered++;
		}
		// Different events at the same moment on both processes: is each key in the store right after, and after the next write?
		let missingRightAfter = 0;
		let missingAfterNext = 0;
		for (let i = 0; i < pairs; i++) {
			await Promise.all([
				post(url, sinchBatch(sinchStatus(`sd-a-${i}`, ['sent'])), 0),
				post(url, sinchBatch(sinchStatus(`sd-b-${i}`, ['sent'])), 1),
			]);
			await sleep(300);
			const s1 = await storedStore(q);
			missingRightAfter +=
				(has(s1!.keys, `sd-a-${i}`, 'status', 'sent') ? 0 : 1) +
				(has(s1!.keys, `sd-b-${i}`, 'status', 'sent') ? 0 : 1);
		}
		// One more event through each process: each writes back its own keys if they were lost.
		await post(url, sinchBatch(sinchStatus('sd-heal-0', ['sent'])), 0);
		await sleep(300);
		await post(url, sinchBatch(sinchStatus('sd-heal-1', ['sent'])), 1);
		await sleep(500);
		const s2 = await storedStore(q);
		for (let i = 0; i < pairs; i++)
			missingAfterNext +=
				(has(s2!.keys, `sd-a-${i}`, 'status', 'sent') ? 0 : 1) +
				(has(s2!.keys, `sd-b-${i}`, 'status', 'sent') ? 0 : 1);
		const phase1 = {
			answerToSavedMs: {
				p50: round(percentile(saveMs, 50)),
				p99: round(percentile(saveMs, 99)),
				max: Math.max(...saveMs),
			},
			sameEventBothAtOnce: { pairs, bothDelivered },
			differentEventsAtOnce: {
				keys: pairs * 2,
				missingRightAfter,
				missingAfterNextWrite: missingAfterNext,
			},
		};
		results.staticData = phase1;
		md.push(
			table('Static data across two webhook processes (queue mode)', [
				{
					measure: 'answer → static data row holds the key (polled every 5 ms), 20 callbacks',
					value: `p50 ${phase1.answerToSavedMs.p50} ms, p99 ${phase1.answerToSavedMs.p99} ms, max ${phase1.answerToSavedMs.max} ms`,
				},
				{
					measure: `same event posted to both processes at once, ${pairs} pairs`,
					value: `${bothDelivered} delivered twice`,
				},
				{
					measure: `different events to both processes at once, ${pairs} pairs (${pairs * 2} keys)`,
					value: `${missingRightAfter} keys missing from the stored copy right after; ${missingAfterNext} after each process's next write`,
				},
			]),
		);
		log(JSON.stringify(phase1));

		// (2) Sustained load.
		const seconds = Math.round(opts.minutes * 60);
		log(
			`phase 2: ${seconds} s at ${opts.rate} req/s × ${opts.batch} events, ${opts.redeliver * 100}% redelivered (${loadCpu()})`,
		);
		const before = await finishedCount(q, TRIGGER_WF);
		const run = await sustained(url, {
			rate: opts.rate,
			batch: opts.batch,
			seconds,
			redeliver: opts.redeliver,
			backends: opts.front === 'hash' ? 1 : 2,
			prefix: 'L',
		});
		const loadEnd = Date.now();
		const expected = before + run.answers.filter((x) => (x.a.body?.delivered ?? 0) > 0).length;
		log(`load done (${loadCpu()}); waiting for ${expected - before} executions`);
		const d = await drain(q, TRIGGER_WF, expected, loadEnd);
		const { counts, executions } = await deliveredCounts(q, parse);
		const load = summarise(
			`queue mode: front (${opts.front === 'hash' ? 'by URL' : 'round robin'}) → 2 webhook processes → 2 workers${
				Object.keys(opts.env).length
					? `, ${Object.entries(opts.env)
							.map(([k, v]) => `${k}=${v}`)
							.join(' ')}`
					: ''
			}`,
			seconds,
			run,
			counts,
			opts.batch,
			d.ms < 0 ? -1 : round(d.ms / 1000, 1),
		);
		const byStatus = await q.sql(
			`SELECT status, count(*) FROM execution_entity WHERE "workflowId" = '${TRIGGER_WF}' GROUP BY status`,
		);
		const logErrors = [...q.webhooks, ...q.workers].map((p) => ({
			process: `${p.kind} ${p.index}`,
			errorLines: fs
				.readFileSync(p.logFile, 'utf8')
				.split('\n')
				.filter((l) => /error/i.test(l)).length,
			sample: fs
				.readFileSync(p.logFile, 'utf8')
				.split('\n')
				.filter((l) => /error/i.test(l))
				.slice(0, 3),
		}));
		const pingFailures = [...q.webhooks, ...q.workers].map(
			(p) =>
				`${p.kind} ${p.index}: ${(fs.readFileSync(p.logFile, 'utf8').match(/Database ping failed/g) ?? []).length}`,
		);
		results.load = {
			...load,
			databasePingFailures: pingFailures,
			executionsRead: executions,
			finished: d.finished,
			executionsByStatus: byStatus.trim().split('\n'),
			logErrors,
		};
		const store = await storedStore(q);
		results.storeAfterLoad = {
			keys: (store?.keys.length ?? 0) / 11,
			staticDataBytes: store?.bytes,
		};
		log(JSON.stringify(results.load));

		// (3) Capacity through the front.
		log(`phase 3: closed loop ${opts.capacityS} s, 8 connections (${loadCpu()})`);
		const beforeCap = await finishedCount(q, TRIGGER_WF);
		const cap = await closedLoop(url, opts.capacityS, 8, opts.batch, 'C');
		const capEnd = Date.now();
		const capDrain = await drain(q, TRIGGER_WF, beforeCap + cap.ok, capEnd);
		results.capacityQueue = { ...cap, drainMs: capDrain.ms, cpuLoad: loadCpu() };

		// (4) Sends over two workers.
		log(`phase 4: ${opts.sends} sends over 2 workers (${loadCpu()})`);
		mock.reset();
		mock.setLatency(20);
		const perExec = 500;
		const nExec = Math.ceil(opts.sends / perExec);
		const beforeSend = await finishedCount(q, SEND_WF);
		const tSend = Date.now();
		const acks = await Promise.all(
			Array.from({ length: nExec }, (_, e) =>
				post(q.webhookUrl('bench-queue-send'), {
					recipients: Array.from(
						{ length: Math.min(perExec, opts.sends - e * perExec) },
						(_, i) => ({
							id: `S${e}-${i}`,
							phone: `+55 19 9${String(e * perExec + i).padStart(8, '0')}`,
						}),
					),
				}),
			),
		);
		const sendDrain = await drain(
			q,
			SEND_WF,
			beforeSend + nExec,
			tSend,
			() => mock.requests.length,
		);
		const ids = await q.sql(
			`SELECT id, status FROM execution_entity WHERE "workflowId" = '${SEND_WF}' ORDER BY id`,
		);
		const workersByExec = q.executionWorkers();
		const execRows = ids
			.split('\n')
			.filter(Boolean)
			.map((l) => l.split('\t'));
		const perWorker: Record<string, number> = {};
		for (const [id] of execRows)
			perWorker[`worker ${workersByExec[id] ?? '?'}`] =
				(perWorker[`worker ${workersByExec[id] ?? '?'}`] ?? 0) + 1;
		const byCorrelation = new Map<string, number>();
		for (const r of mock.requests) {
			const cid = JSON.stringify(r.body).match(/"correlationId":"([^"]+)"/)?.[1] ?? '?';
			byCorrelation.set(cid, (byCorrelation.get(cid) ?? 0) + 1);
		}
		const failedData = await q.sql(
			`SELECT ed.data FROM execution_entity ee JOIN execution_data ed ON ed."executionId" = ee.id WHERE ee."workflowId" = '${SEND_WF}' AND ee.status <> 'success' LIMIT 5`,
		);
		const errors = failedData
			.split('\n')
			.filter(Boolean)
			.map((l) => {
				const run = parse(l) as { resultData?: { error?: { message?: string } } };
				return String(run.resultData?.error?.message ?? '?').slice(0, 200);
			});
		const sends = {
			errors,
			sends: opts.sends,
			executions: nExec,
			acked: acks.filter((a) => a.status === 200).length,
			seconds: sendDrain.ms < 0 ? -1 : round(sendDrain.ms / 1000, 1),
			requestsAtMock: mock.requests.length,
			distinctMessages: byCorrelation.size,
			sentTwice: [...byCorrelation.values()].filter((c) => c > 1).length,
			missing: opts.sends - [...byCorrelation.keys()].filter((k) => k.startsWith('S')).length,
			statuses: execRows
				.map((r) => r[1])
				.reduce<Record<string, number>>((m, s) => ((m[s] = (m[s] ?? 0) + 1), m), {}),
			perWorker,
			cpuLoad: loadCpu(),
		};
		results.sends = sends;
		log(JSON.stringify(sends));
	} finally {
		await q.stop();
	}

	// (5) Single process on the same machine.
	if (opts.single) {
		log(`phase 5: one \`n8n start\` (SQLite, regular mode) (${loadCpu()})`);
		const n8n = await harness.startN8n({
			tarball: opts.tarball,
			workflows: [triggerWorkflow],
			activate: [TRIGGER_WF],
			port: 0,
			createOwner: {
				email: 'bench@example.com',
				password: 'Passw0rd-bench',
				firstName: 'B',
				lastName: 'S',
			},
		});
		try {
			const singleUrl = n8n.webhookUrl(`${TRIGGER_HOOK}/webhook`);
			const count = async () => {
				let n = 0;
				let cursor: string | undefined;
				do {
					const page = await n8n.publicApi<{
						data: Array<{ id: string; finished: boolean; status: string }>;
						nextCursor?: string | null;
					}>(
						'GET',
						`/executions?workflowId=${TRIGGER_WF}&limit=250${cursor ? `&cursor=${cursor}` : ''}`,
					);
					n += page.data.filter((e) => !['new', 'running', 'waiting'].includes(e.status)).length;
					cursor = page.nextCursor ?? undefined;
				} while (cursor);
				return n;
			};
			const drainSingle = async (expected: number, since: number) => {
				let last = -1;
				let lastChange = Date.now();
				for (;;) {
					const n = await count();
					if (n >= expected) return Date.now() - since;
					if (n !== last) [last, lastChange] = [n, Date.now()];
					if (Date.now() - lastChange > 60_000) return -1;
					await sleep(1000);
				}
			};
			const seconds = 60;
			const run = await sustained(singleUrl, {
				rate: opts.rate,
				batch: opts.batch,
				seconds,
				redeliver: opts.redeliver,
				backends: 1,
				prefix: 'P',
			});
			const end = Date.now();
			const expected = run.answers.filter((x) => (x.a.body?.delivered ?? 0) > 0).length;
			const dms = await drainSingle(expected, end);
			results.singleLoad = summarise(
				'single process: `n8n start`, SQLite',
				seconds,
				run,
				undefined,
				opts.batch,
				dms < 0 ? -1 : round(dms / 1000, 1),
			);
			const before = await count();
			const cap = await closedLoop(singleUrl, opts.capacityS, 8, opts.batch, 'D');
			const capEnd = Date.now();
			const capDrain = await drainSingle(before + cap.ok, capEnd);
			results.capacitySingle = { ...cap, drainMs: capDrain, cpuLoad: loadCpu() };
		} finally {
			await n8n.stop();
		}
	}
	await mock.close();

	// Tables.
	const load = results.load as LoadResult | undefined;
	const loads = [load, results.singleLoad as LoadResult | undefined].filter(
		(x): x is LoadResult => !!x,
	);
	md.push(
		table(
			'Sustained Sinch callback load with redeliveries',
			loads.map((l) => ({
				setup: l.label,
				seconds: l.seconds,
				'requests (originals + redeliveries)': `${l.requests} (${l.originals} + ${l.requests - l.originals})`,
				'redeliveries: same process later / at once, other process later / at once': `${l.redeliveries['same-later']} / ${l.redeliveries['same-concurrent']} / ${l.redeliveries['other-later']} / ${l.redeliveries['other-concurrent']}`,
				'events/min': l.eventsPerMin,
				'ack p50 / p99 / max ms': `${l.ackP50} / ${l.ackP99} / ${l.ackMax}`,
				'answers by status': JSON.stringify(l.statuses),
				'dropped as duplicates (acks)': l.ackedDuplicates,
				'drain s': l.drainS,
				'lost (acknowledged, never delivered)': l.label.startsWith('queue')
					? l.lost
					: 'not counted',
				'events never acknowledged (provider retries)': l.label.startsWith('queue')
					? l.notAcknowledged
					: '',
				'delivered twice': l.label.startsWith('queue')
					? `${l.deliveredTwice} (same later ${l.deliveredTwiceByKind['same-later']}, same at once ${l.deliveredTwiceByKind['same-concurrent']}, other later ${l.deliveredTwiceByKind['other-later']}, other at once ${l.deliveredTwiceByKind['other-concurrent']})`
					: 'not counted',
				'machine load at end': l.cpuLoad,
			})) as Array<Record<string, Cell>>,
		),
	);
	const caps = [
		['queue mode (front → 2 webhook processes, 2 workers)', results.capacityQueue],
		['single process (`n8n start`, SQLite)', results.capacitySingle],
	].filter(([, c]) => c) as Array<
		[
			string,
			{ requests: number; ok: number; p99: number; ms: number; drainMs: number; cpuLoad: string },
		]
	>;
	md.push(
		table(
			`Capacity: closed loop, 8 connections, ${opts.capacityS} s, batches of ${opts.batch}`,
			caps.map(([label, c]) => ({
				setup: label,
				'acked req/s': round(c.ok / (c.ms / 1000), 1),
				'events/s': round((c.ok * opts.batch) / (c.ms / 1000)),
				'ack p99 ms': c.p99,
				'drain s': c.drainMs < 0 ? 'did not finish' : round(c.drainMs / 1000, 1),
				'processed req/s': c.drainMs < 0 ? '' : round(c.ok / ((c.ms + c.drainMs) / 1000), 1),
				'machine load': c.cpuLoad,
			})),
		),
	);
	const s = results.sends as Record<string, unknown> | undefined;
	if (s) {
		md.push(
			table(`Sends over two workers (mock provider 20 ms per request)`, [
				{
					sends: s.sends as number,
					executions: s.executions as number,
					'all finished after s': s.seconds as number,
					'requests at the mock': s.requestsAtMock as number,
					'sent twice': s.sentTwice as number,
					missing: s.missing as number,
					'executions per worker': JSON.stringify(s.perWorker),
					statuses: JSON.stringify(s.statuses),
				},
			]),
		);
	}
	agent.destroy();
	return { results, markdown: md };
}

/** `--only=queue` entry point from bench/run.ts: writes bench/results/queue-latest.{json,md}. */
export async function runQueueCli(
	argv: string[],
	tarball: string,
	resultsDir: string,
	log: (line: string) => void,
): Promise<void> {
	const args = parseQueueArgs(argv);
	const started = Date.now();
	const { results, markdown } = await runQueueBench({ ...args, tarball, log });
	const all = {
		date: new Date().toISOString(),
		machine: {
			cpus: os.cpus().length,
			model: os.cpus()[0]?.model,
			memGB: round(os.totalmem() / 2 ** 30, 1),
			kernel: os.release(),
		},
		node: process.version,
		...results,
		totalSeconds: round((Date.now() - started) / 1000, 1),
	};
	fs.mkdirSync(resultsDir, { recursive: true });
	fs.writeFileSync(path.join(resultsDir, 'queue-latest.json'), `${JSON.stringify(all, null, 2)}\n`);
	fs.writeFileSync(path.join(resultsDir, 'queue-latest.md'), `${markdown.join('\n')}\n`);
	for (const m of markdown) process.stdout.write(`${m}\n`);
	log(
		`queue bench done in ${all.totalSeconds} s; results in bench/results/queue-latest.json and queue-latest.md`,
	);
}
