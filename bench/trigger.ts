/**
 * Receiving in a real n8n: autocannon posting Sinch LATAM callback batches to production webhook
 * URLs of published workflows — this trigger (→ three NoOps), n8n's Webhook → Split Out → Switch
 * (→ the same three NoOps), and a bare Webhook node — then one 1,000-event batch, timed from the
 * POST to the items on the three outputs (the output nodes' start times in the saved execution).
 */
import { startN8n, type N8nInstance, type TaskData } from '../test/e2e/harness/n8n';
import { mainCpu, otherActivity, round, sleep, totalCpu, waitIdle } from './lib';
import {
	bareWebhookWorkflow,
	expectedCounts,
	routerWorkflow,
	sinchBatchTemplate,
	triggerWorkflow,
	HEADER_AUTH_CREDENTIAL,
	WEBHOOK_SECRET_CREDENTIAL,
	webhookSwitchWorkflow,
	type TriggerVariant,
} from './workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
	opts: Record<string, unknown>,
) => Promise<AutocannonResult>;

interface Histogram {
	average: number;
	mean: number;
	p50: number;
	p90: number;
	p99: number;
	max: number;
	total?: number;
}
interface AutocannonResult {
	requests: Histogram & { total: number; sent: number };
	latency: Histogram;
	duration: number;
	errors: number;
	timeouts: number;
	non2xx: number;
	statusCodeStats: Record<string, { count: number }>;
}

export interface TriggerOptions {
	tarball: string;
	durationS: number;
	/** Also: trigger without duplicate filtering, and all cases with execution saving off. */
	extra: boolean;
	log: (line: string) => void;
	connections?: number;
	batches?: number[];
	/** Offered rates of the sustained cases (default a quarter and a half of the bare Webhook's capacity). */
	rates?: number[];
	/** Also run every workflow at a fixed offered rate (default true). */
	sustained?: boolean;
	/** Extra environment for n8n. */
	env?: Record<string, string>;
	/** Only these workflows (ids); all when unset. */
	only?: string[];
	/** Run the closed-loop (capacity) cases (default true; without them, `rates` must be given). */
	capacity?: boolean;
}

export interface LoadRow {
	label: string;
	settings: string;
	/** 'capacity': closed loop (as fast as n8n answers); 'sustained': a fixed offered rate. */
	mode: 'capacity' | 'sustained';
	/** Offered rate (sustained mode), requests per second. */
	offered?: number;
	batch: number;
	rps: number;
	requests: number;
	p50: number;
	p90: number;
	p99: number;
	max: number;
	non2xx: number;
	errors: number;
	/** Cores the n8n process used during the run (1.0 = one core). */
	mainCores: number;
	groupCores: number;
	/** Seconds n8n stayed busy after the load stopped (executions still running). */
	drainS: number;
	/**
	 * Requests per second including the drain: what n8n actually processed. The trigger answers
	 * before n8n registers the execution (Sinch's 200 ms), so under overload its acknowledgement
	 * rate can run ahead of the executions; the Webhook node answers after registering it.
	 */
	processedRps: number;
	vsBare?: number;
	processedVsBare?: number;
}

export interface BigBatchRow {
	label: string;
	settings: string;
	ackMs: number;
	toOutputsMs: number;
	counts: number[];
	triggerNodeMs: number;
}

export interface TriggerResults {
	connections: number;
	durationS: number;
	load: LoadRow[];
	bigBatch: BigBatchRow[];
	otherProcesses: string[];
}

/** Event ids must never repeat across requests, cases or runs of one n8n (duplicates are dropped). */
let counter = 0;
const nextBody = (template: string) => template.split('@@N@@').join(String(++counter));

export const OWNER = {
	email: 'bench@example.com',
	password: 'Bench-Passw0rd',
	firstName: 'Bench',
	lastName: 'Mark',
};

/** Posts one body; returns status, parsed body and milliseconds to the answer. */
export async function post(
	url: string,
	body: string,
	headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; ms: number }> {
	const t0 = performance.now();
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	const text = await res.text();
	const ms = performance.now() - t0;
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: res.status, json, ms };
}

async function load(
	n8n: N8nInstance,
	variant: TriggerVariant,
	batch: number,
	opts: { durationS: number; connections: number; rate?: number },
) {
	const template = sinchBatchTemplate(batch);
	const url = n8n.webhookUrl(variant.path);
	// Smoke check: the route works and (for the trigger) delivers every event.
	const smoke = await post(url, nextBody(template), variant.headers);
	if (smoke.status !== 200)
		throw new Error(
			`${variant.label}: POST ${url} answered ${smoke.status}: ${JSON.stringify(smoke.json)}`,
		);
	const delivered = (smoke.json as { delivered?: number }).delivered;
	if (delivered !== undefined && delivered !== batch)
		throw new Error(`${variant.label}: delivered ${delivered} of ${batch} events`);
	await waitIdle(n8n.pid, { timeoutMs: 60_000 });

	const cpu0 = totalCpu(n8n.pid);
	const main0 = mainCpu(n8n.pid);
	const t0 = Date.now();
	const result = await autocannon({
		url,
		connections: opts.rate
			? Math.max(1, Math.min(opts.connections, Math.floor(opts.rate)))
			: opts.connections,
		duration: opts.durationS,
		timeout: 30,
		...(opts.rate ? { overallRate: opts.rate } : {}),
		requests: [
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', ...variant.headers },
				setupRequest: (req: Record<string, unknown>) => ({ ...req, body: nextBody(template) }),
			},
		],
	});
	const seconds = (Date.now() - t0) / 1000;
	const mainCores = (mainCpu(n8n.pid) - main0) / seconds;
	const groupCores = (totalCpu(n8n.pid) - cpu0) / seconds;
	const drainMs = await waitIdle(n8n.pid, { timeoutMs: 180_000 });
	const ok = Number(result.statusCodeStats['200']?.count ?? 0);
	return {
		rps: ok / result.duration,
		processedRps: drainMs < 0 ? NaN : ok / (result.duration + drainMs / 1000),
		requests: result.requests.total,
		p50: result.latency.p50,
		p90: result.latency.p90,
		p99: result.latency.p99,
		max: result.latency.max,
		non2xx: result.non2xx,
		errors: result.errors,
		mainCores: round(mainCores, 2),
		groupCores: round(groupCores, 2),
		drainS: drainMs < 0 ? -1 : round(drainMs / 1000, 1),
	};
}

/** POSTs one 1,000-event batch; reads the saved execution for when the output nodes started. */
async function bigBatch(
	n8n: N8nInstance,
	variant: TriggerVariant,
	size: number,
): Promise<Omit<BigBatchRow, 'settings'>> {
	await waitIdle(n8n.pid, { timeoutMs: 60_000 });
	const before = await n8n.listExecutions({ workflowId: variant.id, limit: 1 });
	const t0 = Date.now();
	const ack = await post(n8n.webhookUrl(variant.path), nextBody(sinchBatchTemplate(size)));
	if (ack.status !== 200)
		throw new Error(`${variant.label}: 1,000-event batch answered ${ack.status}`);
	// Wait for the new execution to finish.
	let execution: Awaited<ReturnType<N8nInstance['getExecution']>> | undefined;
	for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
		const [latest] = await n8n.listExecutions({ workflowId: variant.id, limit: 1 });
		if (latest && latest.id !== before[0]?.id && latest.stoppedAt) {
			execution = await n8n.getExecution(latest.id);
			break;
		}
		await sleep(100);
	}
	if (!execution?.data)
		throw new Error(`${variant.label}: no finished execution after the 1,000-event batch`);
	const runData = execution.data.resultData.runData;
	const outputs = variant.outputNodes.map((name) => runData[name]?.[0] as TaskData | undefined);
	const counts = outputs.map((task) => task?.data?.main?.[0]?.length ?? 0);
	const expected = expectedCounts(size);
	if (counts.some((c, i) => c !== expected[i]))
		throw new Error(
			`${variant.label}: outputs got ${counts.join('/')}, expected ${expected.join('/')}`,
		);
	const started = Math.max(...outputs.map((task) => task?.startTime ?? NaN));
	const first =
		runData[Object.keys(runData).find((n) => !variant.outputNodes.includes(n)) ?? '']?.[0];
	return {
		label: variant.label,
		ackMs: round(ack.ms, 1),
		toOutputsMs: started - t0,
		counts,
		triggerNodeMs: first ? first.executionTime : NaN,
	};
}

async function runInstance(
	tarball: string,
	variants: Array<{
		variant: TriggerVariant;
		settings: string;
		batches: number[];
		big: boolean;
		sustained?: boolean;
	}>,
	env: Record<string, string>,
	opts: TriggerOptions,
	rows: LoadRow[],
	big: BigBatchRow[],
	envLabel: string,
): Promise<void> {
	opts.log(`trigger: starting n8n (${envLabel}) with ${variants.length} published workflows`);
	const n8n = await startN8n({
		tarball,
		workflows: variants.map((v) => v.variant.workflow),
		activate: variants.map((v) => v.variant.id),
		credentials: [WEBHOOK_SECRET_CREDENTIAL, HEADER_AUTH_CREDENTIAL],
		port: 0,
		env,
		createOwner: OWNER,
	});
	try {
		opts.log(`trigger: n8n ready in ${(n8n.readyMs / 1000).toFixed(1)} s at ${n8n.baseUrl}`);
		const batches = [...new Set(variants.flatMap((v) => v.batches))].sort((a, b) => a - b);
		const connections = opts.connections ?? 10;
		for (const batch of batches) {
			const mine = variants.filter((v) => v.batches.includes(batch));
			const run = async (v: (typeof variants)[number], mode: LoadRow['mode'], rate?: number) => {
				const r = await load(n8n, v.variant, batch, {
					durationS: opts.durationS,
					connections,
					rate,
				});
				const settings = [v.settings, envLabel].filter(Boolean).join(', ');
				opts.log(
					`trigger: ${v.variant.label} [${settings}] batch ${batch}, ${mode}${rate ? ` ${rate} req/s offered` : ''}: ${r.rps.toFixed(1)} req/s (processed ${r.processedRps.toFixed(1)}), p50 ${r.p50} ms, p99 ${r.p99} ms, non2xx ${r.non2xx}, n8n ${Math.round(r.mainCores * 100)}% CPU, drain ${r.drainS} s`,
				);
				const row: LoadRow = { label: v.variant.label, settings, mode, offered: rate, batch, ...r };
				rows.push(row);
				return row;
			};
			// Capacity: closed loop, as fast as n8n answers.
			const capacity = new Map<string, LoadRow>();
			if (opts.capacity !== false)
				for (const v of mine) capacity.set(v.variant.id, await run(v, 'capacity'));
			// Sustained: the same offered rates for every workflow, a quarter and a half of what the
			// bare Webhook node managed (loads n8n itself carries without queueing).
			const bare = mine.find((v) => v.variant.label === 'bare Webhook node');
			if (opts.sustained !== false && (bare || opts.rates)) {
				const cap = (bare && capacity.get(bare.variant.id)?.rps) || 4;
				for (const rate of opts.rates ?? [
					...new Set([Math.max(1, Math.floor(cap / 4)), Math.max(1, Math.floor(cap / 2))]),
				]) {
					for (const v of mine) if (v.sustained !== false) await run(v, 'sustained', rate);
				}
			}
		}
		for (const { variant, settings, big: doBig } of variants) {
			if (!doBig) continue;
			const r = await bigBatch(n8n, variant, 1000);
			opts.log(
				`trigger: 1,000-event batch, ${variant.label}: ack ${r.ackMs} ms, outputs after ${r.toOutputsMs} ms, ${r.counts.join('/')}`,
			);
			big.push({ ...r, settings: [settings, envLabel].filter(Boolean).join(', ') });
		}
	} finally {
		await n8n.stop();
	}
}

export async function runTriggerBench(opts: TriggerOptions): Promise<TriggerResults> {
	const batches = opts.batches ?? [1, 50];
	const rows: LoadRow[] = [];
	const big: BigBatchRow[] = [];
	const main: Parameters<typeof runInstance>[1] = [
		{
			variant: bareWebhookWorkflow('benchBareHook01', 'bench-bare'),
			settings: 'defaults',
			batches,
			big: false,
		},
		{
			variant: webhookSwitchWorkflow('benchHookSwitch1', 'bench-switch'),
			settings: 'defaults',
			batches,
			big: true,
		},
		// The same, answered from inside the execution (Respond to Webhook first): what answering
		// only after a node in the workflow has run costs.
		{
			variant: webhookSwitchWorkflow('benchHookRespond', 'bench-respond', true),
			settings: 'defaults',
			batches,
			big: false,
		},
		// The router after n8n's Webhook node (Webhook Secret, defaults).
		{
			variant: routerWorkflow('benchHookRouter1', 'bench-router'),
			settings: 'defaults',
			batches,
			big: true,
		},
		// What the editor gives a new trigger: type version 3, Webhook Secret, When Saved.
		{
			variant: triggerWorkflow('benchTriggerV301', {}, 3),
			settings: 'defaults',
			batches,
			big: true,
		},
		// The acknowledgement before n8n stores the execution (the timing of every version before When Saved).
		{
			variant: triggerWorkflow('benchTrigAtOnce3', { options: { acknowledge: 'atOnce' } }, 3),
			settings: 'Acknowledge: At Once',
			batches,
			big: false,
		},
	];
	if (opts.extra) {
		// n8n's own check of a secret header before it answers (Header Auth on the Webhook node):
		// what refusing forged callbacks costs a workflow that answers before it runs.
		main.push({
			variant: webhookSwitchWorkflow('benchHookSwAuth1', 'bench-switch-auth', false, true),
			settings: 'defaults',
			batches,
			big: false,
		});
		// Without the duplicate filter the trigger writes no static data: what that write costs.
		main.push({
			variant: triggerWorkflow('benchTrigNoDup03', { ignoreDuplicates: false }, 3),
			settings: 'Ignore Duplicates off',
			batches,
			big: false,
		});
	}
	if (opts.only) {
		const only = new Set(opts.only);
		main.splice(0, main.length, ...main.filter((m) => only.has(m.variant.id)));
	}
	const envLabel = Object.entries(opts.env ?? {})
		.map(([k, v]) => `${k}=${v}`)
		.join(' ');
	await runInstance(opts.tarball, main, opts.env ?? {}, opts, rows, big, envLabel);
	if (opts.extra && batches.includes(50)) {
		const lean = main
			.filter((m) => m.settings === 'defaults')
			.map((m) => ({ ...m, batches: [50], big: false, sustained: false }));
		await runInstance(
			opts.tarball,
			lean,
			{ ...opts.env, EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' },
			opts,
			rows,
			big,
			[envLabel, 'EXECUTIONS_DATA_SAVE_ON_SUCCESS=none'].filter(Boolean).join(' '),
		);
	}
	for (const row of rows) {
		const bare = rows.find(
			(r) =>
				r.label === 'bare Webhook node' &&
				r.batch === row.batch &&
				r.mode === row.mode &&
				r.offered === row.offered &&
				r.settings.includes('=none') === row.settings.includes('=none'),
		);
		if (bare && row !== bare) {
			row.vsBare = row.rps / bare.rps;
			row.processedVsBare = row.processedRps / bare.processedRps;
		}
	}
	return {
		connections: opts.connections ?? 10,
		durationS: opts.durationS,
		load: rows,
		bigBatch: big,
		otherProcesses: otherActivity(),
	};
}
