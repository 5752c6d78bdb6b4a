/**
 * Open Free Text waits in a real n8n (`--only=waits`; not in the default set: its default run takes
 * about 5 to 7 minutes on a 2-core machine, so it is opt-in, like queue).
 *
 * Send and Wait → Response Type Free Text keeps one string per waiting customer in the trigger
 * node's static data (`freeTextWaits`, nodes/shared/wait/conversations.ts), and every inbound
 * message is looked up there (`takeAnswers`, nodes/shared/trigger/answers.ts). n8n loads a
 * workflow's static data from its database for every webhook request and saves it whole when it
 * changed — and the duplicate filter changes it on every message — so 10,000 open waits (about
 * 1.5 MB) may cost on every callback. This measures that:
 *
 * - one n8n (SQLite), one published workflow: a Cloud API trigger at type version 3 (Status States
 *   ['failed'], so the statuses below start no executions; Acknowledge: When Saved, the default),
 *   its Message output into a No-Op;
 * - phase "0 open waits": inbound text messages, one per callback, each from a customer of its own,
 *   signed (X-Hub-Signature-256) as Meta signs them; first closed loop at a fixed concurrency
 *   (capacity), then at a fixed offered rate (half of that capacity, the same rate in both phases);
 *   every answer must be 200 with `delivered: 1`;
 * - registering the waits: status callbacks (100 statuses each, posted one after another), each
 *   status to a customer of its own with a well-formed wait reference in `biz_opaque_callback_data`;
 *   then the workflow's static data is read back through n8n's public API: it must hold them all;
 * - phase "10,000 open waits": the same message load again, from customers without a wait, so no
 *   message is handed to a wait: what is measured is the lookup and the static data's cost.
 *
 * Messages that do answer an open wait are out of scope: they need real waiting executions (the
 * end-to-end suite has them, test/e2e/sendAndWait.e2e.test.ts).
 *
 * Latency is from the moment a request was due to its answer: in the closed loop that is when it
 * was sent; at a fixed rate it is its slot in the schedule, so a request held back because
 * `concurrency` were already in flight counts its wait (coordinated omission corrected, as
 * autocannon does in bench/trigger.ts). Acknowledged/s is callbacks over the pass; processed/s also
 * counts the drain, how long n8n stayed busy after the last answer (as in bench/trigger.ts).
 */
import { createHmac, randomBytes } from 'crypto';
import { startN8n, type N8nInstance } from '../test/e2e/harness/n8n';
import { messageCallback } from '../test/e2e/freeText';
import { cloudWebhook } from '../test/trigger/fixtures';
import { encodeReference } from '../nodes/shared/wait/reference';
import { WAITS_STATIC_KEY } from '../nodes/shared/wait/conversations';
import { otherActivity, percentile, round, sleep, totalCpu, waitIdle } from './lib';
import { OWNER, post } from './trigger';
import { PKG, uuidFor } from './workflows';

export interface WaitsOptions {
	tarball: string;
	/** Open waits to register between the phases (default 10,000). */
	waits?: number;
	/** Message callbacks per pass (default 500). */
	messages?: number;
	/** Requests in flight (default 10, as bench/trigger.ts). */
	concurrency?: number;
	/** Offered rate of the fixed-rate passes, req/s; default half the 0-waits capacity; 0: none. */
	rate?: number;
	/** Statuses per registering callback (default 100). */
	statusesPerCallback?: number;
	env?: Record<string, string>;
	log: (line: string) => void;
}

export interface WaitsRow {
	variant: string;
	openWaits: number;
	/** 'closed loop, N in flight' or 'R req/s offered'. */
	load: string;
	callbacks: number;
	ok: number;
	p50: number;
	p99: number;
	max: number;
	ackedPerS: number;
	processedPerS: number;
	drainS: number;
	/** CPU of n8n's process group per callback, pass and drain. */
	cpuMsPerCallback: number;
	/** Size of the workflow's static data (JSON) before the pass. */
	staticDataBytes: number;
}

export interface WaitsResults {
	openWaits: number;
	messagesPerPass: number;
	concurrency: number;
	rate: number;
	statusesPerCallback: number;
	/** Open waits found in the static data after registering, and after the last pass. */
	storedAfterRegistering: number;
	storedAtEnd: number;
	staticDataBytesAtEnd: number;
	rows: WaitsRow[];
	otherProcesses: string[];
}

const WORKFLOW_ID = 'benchWaitsCloud1';
const TRIGGER_NAME = 'Trigger';
const APP_SECRET = 'bench-waits-app-secret-0123456789abcdef';
const CREDENTIAL = {
	id: 'benchCloudHook01',
	name: 'Bench Cloud API webhook',
	type: 'whatsAppCloudWebhookApi',
	data: { appSecret: APP_SECRET, verifyToken: 'bench-waits-verify-token-0123' },
};
const WARMUP = 20;
/** Customers with a wait: 5511 97… ; customers writing in: 5511 98… (phase 0) and 5511 99… . */
const WAITING_BASE = 5511970000000;
const WRITERS_BASE = [5511980000000, 5511990000000];

function workflow(): { workflow: object; path: string } {
	const webhookId = uuidFor(`${WORKFLOW_ID}-trigger`);
	return {
		path: `${webhookId}/webhook`,
		workflow: {
			id: WORKFLOW_ID,
			name: 'bench: Free Text open waits',
			nodes: [
				{
					id: uuidFor(`${WORKFLOW_ID}-trigger-node`),
					name: TRIGGER_NAME,
					type: `${PKG}.whatsAppInteractiveTrigger`,
					typeVersion: 3,
					position: [0, 0],
					webhookId,
					credentials: { whatsAppCloudWebhookApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
					parameters: { provider: 'whatsAppCloud', statusStates: ['failed'], outputMessage: true },
				},
				{
					id: uuidFor(`${WORKFLOW_ID}-messages`),
					name: 'Messages',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [300, 0],
					parameters: {},
				},
			],
			// Outputs at version 3: List Reply, Button Reply, Status, Message.
			connections: {
				[TRIGGER_NAME]: { main: [[], [], [], [{ node: 'Messages', type: 'main', index: 0 }]] },
			},
			active: false,
			settings: { executionOrder: 'v1' },
			pinData: {},
		},
	};
}

interface Shot {
	body: string;
	headers: Record<string, string>;
}

/** A callback body as Meta signs it: HMAC-SHA256 of the raw bytes with the app secret. */
function signed(payload: unknown): Shot {
	const body = JSON.stringify(payload);
	return {
		body,
		headers: {
			'X-Hub-Signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`,
		},
	};
}

/** `count` text messages, one per callback, each from a customer of its own. */
function messageShots(base: number, first: number, count: number): Shot[] {
	return Array.from({ length: count }, (_, k) =>
		signed(
			messageCallback('whatsAppCloud', String(base + first + k), `Hello, message ${first + k}`),
		),
	);
}

/** A well-formed wait reference (any 64-hex signature is well-formed for registering). */
function reference(i: number): string {
	return encodeReference({
		executionId: String(100_000 + i),
		nodeId: uuidFor(`bench-waits-asker-${i % 7}`),
		waitId: `w${i.toString(36)}`,
		choice: 0,
		signature: randomBytes(32).toString('hex'),
	});
}

/** One Cloud API callback with the statuses of questions `first`..`first + count - 1`. */
function statusShot(first: number, count: number): Shot {
	const now = String(Math.floor(Date.now() / 1000));
	return signed(
		cloudWebhook({
			statuses: Array.from({ length: count }, (_, k) => ({
				id: `wamid.bench-question-${first + k}`,
				status: 'sent',
				timestamp: now,
				recipient_id: String(WAITING_BASE + first + k),
				biz_opaque_callback_data: reference(first + k),
			})),
		}),
	);
}

interface Answer {
	status: number;
	json: unknown;
	latencyMs: number;
}

/**
 * Posts the shots: closed loop with `concurrency` in flight, or at `rate` per second (at most
 * `concurrency` in flight; latency from each request's slot in the schedule).
 */
async function shoot(
	url: string,
	shots: Shot[],
	opts: { concurrency: number; rate?: number },
): Promise<{ answers: Answer[]; seconds: number }> {
	const answers: Answer[] = new Array(shots.length);
	const send = async (i: number, due: number) => {
		try {
			const r = await post(url, shots[i].body, shots[i].headers);
			answers[i] = { status: r.status, json: r.json, latencyMs: performance.now() - due };
		} catch (error) {
			answers[i] = { status: 0, json: String(error), latencyMs: performance.now() - due };
		}
	};
	const t0 = performance.now();
	if (!opts.rate) {
		let next = 0;
		await Promise.all(
			Array.from({ length: Math.min(opts.concurrency, shots.length) }, async () => {
				while (next < shots.length) {
					const i = next++;
					await send(i, performance.now());
				}
			}),
		);
	} else {
		const inFlight = new Set<Promise<void>>();
		for (let i = 0; i < shots.length; i++) {
			const due = t0 + (i * 1000) / opts.rate;
			const wait = due - performance.now();
			if (wait > 0) await sleep(wait);
			while (inFlight.size >= opts.concurrency) await Promise.race(inFlight);
			const p = send(i, due).finally(() => inFlight.delete(p));
			inFlight.add(p);
		}
		await Promise.all(inFlight);
	}
	return { answers, seconds: (performance.now() - t0) / 1000 };
}

/** Problems in the answers: each must be 200 with these receipt counts. */
function check(answers: Answer[], expect: Record<string, number>): string[] {
	const problems: string[] = [];
	answers.forEach((a, i) => {
		const receipt = (a.json ?? {}) as Record<string, unknown>;
		const wrong = Object.entries(expect).filter(([k, v]) => receipt[k] !== v);
		if (a.status !== 200 || wrong.length > 0)
			problems.push(`#${i}: ${a.status} ${JSON.stringify(a.json).slice(0, 200)}`);
	});
	return problems;
}

/** The workflow's static data as n8n stores it: its size and the open waits it holds. */
async function staticData(n8n: N8nInstance): Promise<{ bytes: number; waits: number }> {
	const wf = await n8n.publicApi<{ staticData?: Record<string, unknown> | null }>(
		'GET',
		`/workflows/${WORKFLOW_ID}`,
	);
	const data = wf.staticData ?? {};
	const node = data[`node:${TRIGGER_NAME}`] as Record<string, unknown> | undefined;
	const waits = node?.[WAITS_STATIC_KEY] as Record<string, unknown> | undefined;
	return {
		bytes: Buffer.byteLength(JSON.stringify(data)),
		waits: waits ? Object.keys(waits).length : 0,
	};
}

async function measure(
	n8n: N8nInstance,
	url: string,
	shots: Shot[],
	row: Pick<WaitsRow, 'variant' | 'openWaits'>,
	opts: { concurrency: number; rate?: number; expect: Record<string, number> },
	log: (line: string) => void,
): Promise<WaitsRow> {
	await waitIdle(n8n.pid, { timeoutMs: 120_000 });
	const before = await staticData(n8n);
	const cpu0 = totalCpu(n8n.pid);
	const { answers, seconds } = await shoot(url, shots, opts);
	const drainMs = await waitIdle(n8n.pid, { timeoutMs: 300_000 });
	const cpuS = totalCpu(n8n.pid) - cpu0;
	const problems = check(answers, opts.expect);
	if (problems.length > 0)
		throw new Error(
			`waits: ${row.variant}, ${row.openWaits} open waits: ${problems.length} of ${answers.length} answers were not 200 with ${JSON.stringify(opts.expect)}:\n  ${problems.slice(0, 5).join('\n  ')}\n${n8n.logTail(30)}`,
		);
	const latencies = answers.map((a) => a.latencyMs);
	const drainS = drainMs < 0 ? NaN : drainMs / 1000;
	const result: WaitsRow = {
		...row,
		load: opts.rate ? `${opts.rate} req/s offered` : `closed loop, ${opts.concurrency} in flight`,
		callbacks: answers.length,
		ok: answers.length - problems.length,
		p50: round(percentile(latencies, 50), 1),
		p99: round(percentile(latencies, 99), 1),
		max: round(Math.max(...latencies), 1),
		ackedPerS: round(answers.length / seconds, 1),
		processedPerS: round(answers.length / (seconds + drainS), 1),
		drainS: round(drainS, 1),
		cpuMsPerCallback: round((cpuS * 1000) / answers.length, 1),
		staticDataBytes: before.bytes,
	};
	log(
		`waits: ${result.variant}, ${result.openWaits} open waits, ${result.load}: ${result.callbacks} callbacks, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.ackedPerS} acked/s, ${result.processedPerS} processed/s (drain ${result.drainS} s), ${result.cpuMsPerCallback} ms n8n CPU per callback, static data ${before.bytes} bytes`,
	);
	return result;
}

export async function runWaitsBench(opts: WaitsOptions): Promise<WaitsResults> {
	const open = opts.waits ?? 10_000;
	const messages = opts.messages ?? 500;
	const concurrency = opts.concurrency ?? 10;
	const perCallback = opts.statusesPerCallback ?? 100;
	const { workflow: wf, path } = workflow();
	opts.log('waits: starting n8n with the Cloud API trigger workflow');
	const n8n = await startN8n({
		tarball: opts.tarball,
		credentials: [CREDENTIAL],
		workflows: [wf],
		activate: [WORKFLOW_ID],
		port: 0,
		env: opts.env ?? {},
		createOwner: OWNER,
	});
	const rows: WaitsRow[] = [];
	try {
		opts.log(`waits: n8n ready in ${(n8n.readyMs / 1000).toFixed(1)} s at ${n8n.baseUrl}`);
		const url = n8n.webhookUrl(path);
		const delivered = { delivered: 1 };
		let rate = opts.rate;
		let sent = 0;
		const phase = async (waits: number, writers: number) => {
			const base = WRITERS_BASE[writers];
			// Warm-up (not measured): the first executions, and after registering, the first loads.
			const warm = await shoot(url, messageShots(base, sent, WARMUP), { concurrency: 1 });
			sent += WARMUP;
			const bad = check(warm.answers, delivered);
			if (bad.length > 0)
				throw new Error(`waits: warm-up answers: ${bad.join('; ')}\n${n8n.logTail(30)}`);
			const capacity = await measure(
				n8n,
				url,
				messageShots(base, sent, messages),
				{ variant: 'inbound text messages', openWaits: waits },
				{ concurrency, expect: delivered },
				opts.log,
			);
			sent += messages;
			rows.push(capacity);
			// The same offered rate in both phases: half of what n8n acknowledged without waits.
			const measured = Number.isFinite(capacity.processedPerS)
				? capacity.processedPerS
				: capacity.ackedPerS;
			rate ??= Math.max(1, Math.floor(measured / 2));
			if (rate > 0) {
				rows.push(
					await measure(
						n8n,
						url,
						messageShots(base, sent, messages),
						{ variant: 'inbound text messages', openWaits: waits },
						{ concurrency, rate, expect: delivered },
						opts.log,
					),
				);
				sent += messages;
			}
		};

		await phase(0, 0);

		// Registering: status callbacks one after another, each naming `perCallback` customers.
		const shots: Shot[] = [];
		for (let first = 0; first < open; first += perCallback)
			shots.push(statusShot(first, Math.min(perCallback, open - first)));
		const registering = await measure(
			n8n,
			url,
			shots,
			{
				variant: `registering waits (status callbacks, ${perCallback} statuses each)`,
				openWaits: 0,
			},
			{ concurrency: 1, expect: { delivered: 0 } },
			opts.log,
		);
		registering.openWaits = open;
		rows.push(registering);
		const registered = await staticData(n8n);
		if (registered.waits !== open)
			throw new Error(
				`waits: the static data holds ${registered.waits} open waits after registering ${open}`,
			);
		opts.log(
			`waits: the static data holds ${registered.waits} open waits, ${registered.bytes} bytes`,
		);

		await phase(open, 1);

		const end = await staticData(n8n);
		if (end.waits !== open)
			throw new Error(
				`waits: the static data holds ${end.waits} open waits at the end, not ${open}`,
			);
		return {
			openWaits: open,
			messagesPerPass: messages,
			concurrency,
			rate: rate ?? 0,
			statusesPerCallback: perCallback,
			storedAfterRegistering: registered.waits,
			storedAtEnd: end.waits,
			staticDataBytesAtEnd: end.bytes,
			rows,
			otherProcesses: otherActivity([n8n.pid]),
		};
	} finally {
		await n8n.stop();
	}
}
