/**
 * Sending in a real n8n: N items to the mock provider (fixed latency per request), this node vs
 * n8n's HTTP Request node sending the same bodies. Each workflow runs with
 * `n8n execute --id --rawOutput` (a fresh n8n CLI process, so the wall time includes its start-up);
 * the node's own time comes from the run data (`executionTime` of the node).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
	executeWorkflow,
	prepareN8n,
	type N8nContext,
	type WorkflowRun,
} from '../test/e2e/harness/n8n';
import { startMockProvider, type MockProvider, type RecordedRequest } from '../test/mock-provider';
import { round } from './lib';
import { startLimiter, type Limiter } from './limiter';
import { credentials, httpSendWorkflow, nodeSendWorkflow, type SendVariant } from './workflows';

export interface SendOptions {
	tarball: string;
	items: number;
	latencyMs: number;
	/** Concurrency values to sweep (Messangi), besides the default. */
	sweep: number[];
	/** Repeats of each variant (the median is reported). */
	repeats: number;
	/** Only these variant ids. */
	only?: string[];
	/** Also the rate-limited provider scenario. */
	limited: boolean;
	/** Extra environment for n8n. */
	env?: Record<string, string>;
	log: (line: string) => void;
}

export interface SendRow {
	variant: string;
	provider: string;
	/** Sent through a front that allows LIMIT_IN_FLIGHT concurrent requests (429 beyond). */
	limited: boolean;
	/** Requests the provider accepted (HTTP 200): messages that went out. */
	accepted: number;
	/** Requests refused with 429 by the rate-limited front. */
	rejected429: number;
	items: number;
	ok: number;
	failed: number;
	requests: number;
	maxInFlight: number;
	wallS: number;
	nodeS: number;
	/** Build Payload node (HTTP Request variants only). */
	buildS?: number;
	runs: number;
	note?: string;
}

/** Most requests the rate-limited front lets through at once. */
export const LIMIT_IN_FLIGHT = 50;

export function sendVariants(
	items: number,
	mockUrl: string,
	sweep: number[],
	limitedUrl?: string,
): SendVariant[] {
	const v: SendVariant[] = [
		nodeSendWorkflow('benchSendMsgDef', 'this node, defaults', 'messangi', items),
		httpSendWorkflow('benchHttpMsgDef', 'HTTP Request 4.2, defaults', 'messangi', items, mockUrl),
		httpSendWorkflow(
			'benchHttpMsgB50',
			'HTTP Request 4.2, batching 50 items / 1000 ms',
			'messangi',
			items,
			mockUrl,
			{ batchSize: 50, batchInterval: 1000 },
		),
		httpSendWorkflow(
			'benchHttpMsgB10',
			'HTTP Request 4.2, batching 10 items / 50 ms',
			'messangi',
			items,
			mockUrl,
			{ batchSize: 10, batchInterval: 50 },
		),
		nodeSendWorkflow('benchSendSinDef', 'this node, defaults', 'sinchLatam', items),
		nodeSendWorkflow(
			'benchSendSinBro',
			'this node, broadcast batching (500)',
			'sinchLatam',
			items,
			{ broadcastBatching: true },
		),
		nodeSendWorkflow(
			'benchSendSinB1k',
			'this node, broadcast batching (1000)',
			'sinchLatam',
			items,
			{ broadcastBatching: true, batchSize: 1000 },
		),
		httpSendWorkflow('benchHttpSinDef', 'HTTP Request 4.2, defaults', 'sinchLatam', items, mockUrl),
		httpSendWorkflow(
			'benchHttpSinB50',
			'HTTP Request 4.2, batching 50 items / 1000 ms',
			'sinchLatam',
			items,
			mockUrl,
			{ batchSize: 50, batchInterval: 1000 },
		),
	];
	for (const c of sweep) {
		v.push(
			nodeSendWorkflow(
				`benchSendMsgC${String(c).padStart(3, '0')}`,
				`this node, concurrency ${c}`,
				'messangi',
				items,
				{ concurrency: c },
			),
		);
	}
	if (limitedUrl) {
		v.push(
			nodeSendWorkflow('benchLimMsgDef', 'this node, defaults', 'messangi', items, {}, true),
			nodeSendWorkflow(
				'benchLimMsgC100',
				'this node, concurrency 100',
				'messangi',
				items,
				{ concurrency: 100 },
				true,
			),
			httpSendWorkflow(
				'benchLimHttpDef',
				'HTTP Request 4.2, defaults',
				'messangi',
				items,
				limitedUrl,
				undefined,
				true,
			),
			httpSendWorkflow(
				'benchLimHttpB50',
				'HTTP Request 4.2, batching 50 items / 1000 ms',
				'messangi',
				items,
				limitedUrl,
				{ batchSize: 50, batchInterval: 1000 },
				true,
			),
		);
	}
	return v;
}

/** Most requests the mock had open at once. */
function maxInFlight(requests: RecordedRequest[]): number {
	const events: Array<[number, number]> = [];
	for (const r of requests) {
		events.push([r.receivedAt, 1]);
		events.push([r.answeredAt ?? r.receivedAt, -1]);
	}
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let open = 0;
	let max = 0;
	for (const [, d] of events) {
		open += d;
		max = Math.max(max, open);
	}
	return max;
}

interface Measured {
	wallS: number;
	nodeS: number;
	buildS?: number;
	ok: number;
	failed: number;
	requests: number;
	accepted: number;
	rejected429: number;
	maxInFlight: number;
	error?: string;
}

async function measure(
	ctx: N8nContext,
	mock: MockProvider,
	limiter: Limiter,
	variant: SendVariant,
	items: number,
): Promise<Measured> {
	const first = mock.requests.length;
	const rejected0 = limiter.rejected();
	const t0 = process.hrtime.bigint();
	const result = await executeWorkflow(ctx, variant.id, { timeoutMs: 600_000 });
	const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
	const sent = mock.requests.slice(first);
	const run = result.run as WorkflowRun | undefined;
	const runData = run?.data?.resultData?.runData ?? {};
	const task = runData[variant.sendNode]?.[0];
	const out = task?.data?.main?.[0] ?? [];
	const ok = out.filter((item) => {
		const j = item.json as Record<string, unknown>;
		// This node: status accepted; HTTP Request: the provider's answer (Messangi meta, Sinch id).
		return (
			j.status === 'accepted' ||
			j.meta !== undefined ||
			(typeof j.id === 'string' && Array.isArray(j.destinations))
		);
	}).length;
	const build = variant.extraNodes?.[0] ? runData[variant.extraNodes[0]]?.[0] : undefined;
	const error =
		result.code !== 0 || !task
			? (run?.data?.resultData?.error?.message ??
				`exit ${result.code}: ${result.stderr.slice(-400)}`)
			: undefined;
	return {
		wallS,
		nodeS: task ? task.executionTime / 1000 : NaN,
		buildS: build ? build.executionTime / 1000 : undefined,
		ok,
		failed: items - ok,
		requests: sent.length,
		accepted: sent.filter((r) => r.answeredWith === 200).length,
		rejected429: limiter.rejected() - rejected0,
		maxInFlight: maxInFlight(sent),
		error,
	};
}

export async function runSendBench(opts: SendOptions): Promise<SendRow[]> {
	const mock = await startMockProvider({
		latencyMs: opts.latencyMs,
		messangiApiKey: 'bench-messangi-key',
		sinchUserName: 'bench-user',
		sinchToken: 'bench-token',
	});
	const limiter = await startLimiter(mock.url, LIMIT_IN_FLIGHT);
	const variants = sendVariants(
		opts.items,
		mock.url,
		opts.sweep,
		opts.limited ? limiter.url : undefined,
	).filter((v) => !opts.only || opts.only.includes(v.id));
	let ctx: N8nContext | undefined;
	try {
		opts.log(
			`send: preparing n8n (package, ${variants.length} workflows, credentials); mock provider at ${mock.url}, latency ${opts.latencyMs} ms`,
		);
		ctx = await prepareN8n({
			tarball: opts.tarball,
			workflows: variants.map((v) => v.workflow),
			port: 0,
			env: opts.env,
		});
		const credFile = path.join(ctx.userFolder, 'bench-credentials.json');
		fs.writeFileSync(credFile, JSON.stringify(credentials(mock.url, limiter.url)));
		const imported = await ctx.cli(['import:credentials', `--input=${credFile}`]);
		if (imported.code !== 0)
			throw new Error(`import:credentials failed: ${imported.stdout}\n${imported.stderr}`);

		const rows: SendRow[] = [];
		for (const variant of variants) {
			const runs: Measured[] = [];
			for (let r = 0; r < opts.repeats; r++) {
				const m = await measure(ctx, mock, limiter, variant, opts.items);
				opts.log(
					`send: ${variant.provider} / ${variant.label}${variant.limited ? ` (provider allows ${LIMIT_IN_FLIGHT} in flight)` : ''}: wall ${m.wallS.toFixed(2)} s, node ${m.nodeS.toFixed(3)} s, ${m.requests} requests (${m.accepted} accepted, ${m.rejected429} refused 429), ${m.ok} ok${m.error ? `, ERROR ${m.error}` : ''}`,
				);
				runs.push(m);
				if (m.error) break;
			}
			// The run with the median node time represents the variant.
			const sorted = [...runs].sort((a, b) => a.nodeS - b.nodeS);
			const m = sorted[(sorted.length - 1) >> 1];
			rows.push({
				variant: variant.label,
				provider: variant.provider,
				limited: variant.limited === true,
				accepted: m.accepted,
				rejected429: m.rejected429,
				items: opts.items,
				ok: m.ok,
				failed: m.failed,
				requests: m.requests,
				maxInFlight: m.maxInFlight,
				wallS: round(m.wallS, 2),
				nodeS: round(m.nodeS, 3),
				buildS: m.buildS === undefined ? undefined : round(m.buildS, 3),
				runs: runs.length,
				note: m.error,
			});
		}
		return rows;
	} finally {
		ctx?.dispose();
		await limiter.close();
		await mock.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Providers with an in-flight limit (issue 14): the mock provider's rate-limit mode, one mock per
// limit, each answering 429 with Retry-After: 1 beyond its limit, 50 ms per accepted request.

export interface LimitRow {
	/** Requests the provider works on at once; undefined = unlimited. */
	limit?: number;
	variant: string;
	items: number;
	ok: number;
	requests: number;
	refused429: number;
	/** Share of requests answered 429. */
	refusedShare: number;
	/** Most requests the provider worked on at once. */
	providerPeak: number;
	nodeS: number;
	wallS: number;
	/** Build Payload's time (HTTP Request variants: building the bodies is not in HTTP Request's time). */
	buildS?: number;
	/** 1000 × latency ÷ limit. */
	floorS?: number;
	vsFloor?: number;
	note?: string;
}

export interface LimitOptions {
	tarball: string;
	items: number;
	latencyMs: number;
	limits: number[];
	repeats: number;
	env?: Record<string, string>;
	log: (line: string) => void;
}

const limitCredId = (limit: number | undefined) =>
	`benchCredMsgL${limit === undefined ? 'inf' : String(limit).padStart(3, '0')}`;

export async function runSendLimitsBench(opts: LimitOptions): Promise<LimitRow[]> {
	const cases: Array<number | undefined> = [...opts.limits, undefined];
	const mocks = new Map<number | undefined, MockProvider>();
	for (const limit of cases) {
		mocks.set(
			limit,
			await startMockProvider({
				latencyMs: opts.latencyMs,
				messangiApiKey: 'bench-messangi-key',
				sinchUserName: 'bench-user',
				sinchToken: 'bench-token',
				maxInFlight: limit,
				retryAfterS: 1,
			}),
		);
	}
	const variants: Array<{ limit: number | undefined; variant: SendVariant }> = [];
	for (const limit of cases) {
		const tag = limit === undefined ? 'Inf' : String(limit).padStart(3, '0');
		const url = mocks.get(limit)!.url;
		const withCred = (v: SendVariant): SendVariant => {
			const send = (v.workflow.nodes as Array<Record<string, unknown>>).find(
				(n) => n.name === 'Send',
			);
			if (send)
				send.credentials = {
					messangiApi: { id: limitCredId(limit), name: `Bench Messangi limit ${tag}` },
				};
			return v;
		};
		variants.push({
			limit,
			variant: withCred(
				nodeSendWorkflow(
					`benchLim${tag}Adapt`,
					'this node, defaults (adaptive)',
					'messangi',
					opts.items,
				),
			),
		});
		if (limit !== undefined) {
			variants.push({
				limit,
				variant: withCred(
					nodeSendWorkflow(
						`benchLim${tag}FixL`,
						`this node, fixed ${limit} (the limit, known)`,
						'messangi',
						opts.items,
						{ concurrencyMode: 'fixed', concurrency: limit },
					),
				),
			});
		}
		variants.push({
			limit,
			variant: withCred(
				nodeSendWorkflow(
					`benchLim${tag}Fix20`,
					'this node, fixed 20 (0.1.0 default)',
					'messangi',
					opts.items,
					{ concurrencyMode: 'fixed', concurrency: 20 },
				),
			),
		});
		variants.push({
			limit,
			variant: httpSendWorkflow(
				`benchLim${tag}Http`,
				'HTTP Request 4.2, defaults',
				'messangi',
				opts.items,
				url,
			),
		});
	}
	let ctx: N8nContext | undefined;
	try {
		opts.log(
			`send-limits: preparing n8n (${variants.length} workflows); limits ${cases.map((c) => c ?? 'none').join(', ')}, latency ${opts.latencyMs} ms`,
		);
		ctx = await prepareN8n({
			tarball: opts.tarball,
			workflows: variants.map((v) => v.variant.workflow),
			port: 0,
			env: opts.env,
		});
		const credFile = path.join(ctx.userFolder, 'bench-limit-credentials.json');
		fs.writeFileSync(
			credFile,
			JSON.stringify(
				cases.map((limit) => ({
					id: limitCredId(limit),
					name: `Bench Messangi limit ${limit === undefined ? 'Inf' : String(limit).padStart(3, '0')}`,
					type: 'messangiApi',
					data: { apiKey: 'bench-messangi-key', baseUrl: `${mocks.get(limit)!.url}/messangi` },
				})),
			),
		);
		const imported = await ctx.cli(['import:credentials', `--input=${credFile}`]);
		if (imported.code !== 0)
			throw new Error(`import:credentials failed: ${imported.stdout}\n${imported.stderr}`);

		const rows: LimitRow[] = [];
		for (const { limit, variant } of variants) {
			const mock = mocks.get(limit)!;
			const runs: LimitRow[] = [];
			for (let r = 0; r < opts.repeats; r++) {
				mock.reset();
				mock.setLatency(opts.latencyMs);
				mock.setLimit(limit, 1);
				const refusedCounter = { rejected: () => mock.limited() } as unknown as Limiter;
				const m = await measure(ctx, mock, refusedCounter, variant, opts.items);
				const floorS =
					limit === undefined ? undefined : (opts.items * opts.latencyMs) / limit / 1000;
				const row: LimitRow = {
					limit,
					variant: variant.label,
					items: opts.items,
					ok: m.ok,
					requests: m.requests,
					refused429: m.rejected429,
					refusedShare: m.requests ? m.rejected429 / m.requests : 0,
					providerPeak: mock.peakInFlight(),
					nodeS: round(m.nodeS, 3),
					wallS: round(m.wallS, 2),
					buildS: m.buildS === undefined ? undefined : round(m.buildS, 3),
					floorS,
					vsFloor: floorS === undefined ? undefined : round(m.nodeS / floorS, 2),
					note: m.error,
				};
				opts.log(
					`send-limits: limit ${limit ?? 'none'} / ${variant.label}: node ${m.nodeS.toFixed(3)} s, ${m.ok}/${opts.items} ok, ${m.requests} requests, ${m.rejected429} × 429, provider peak ${row.providerPeak}${m.error ? `, ERROR ${m.error}` : ''}`,
				);
				runs.push(row);
				if (m.error) break;
			}
			const sorted = [...runs].sort((a, b) => a.nodeS - b.nodeS);
			rows.push(sorted[(sorted.length - 1) >> 1]);
		}
		return rows;
	} finally {
		ctx?.dispose();
		for (const mock of mocks.values()) await mock.close();
	}
}
