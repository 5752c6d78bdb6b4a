/**
 * `npm run bench`: every benchmark of BENCHMARKS.md, printed as tables.
 *
 *   node .bench-build/bench/run.js [--only=encode,trigger-cpu,package,send,send-limits,trigger,media] [--quick] [--items=1000]
 *        [--only=queue [--queue-minutes=5 --queue-rate=4 --queue-batch=50 ...]]  (bench/queue.ts; not in the default set)
 *        [--only=waits [--waits=10000 --waits-messages=500 --waits-concurrency=10 --waits-rate=R]]
 *            (bench/waits.ts, open Free Text waits; not in the default set; --quick: 1,000 waits, 100 messages)
 *        [--latency=50] [--repeats=1] [--duration=10] [--no-extra] [--tarball=x.tgz] [--variants=id,id] [--no-capacity]
 *        [--n8n-env=KEY=VALUE,...]
 *
 * Everything runs on 127.0.0.1: the mock provider in this process, n8n 2.35.6 (Node 24) in child
 * processes. Run it when nothing else is using the machine: it warns about other n8n/jest
 * processes and lists them with the results (bench/results/latest.json).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as harness from '../test/e2e/harness/n8n';
import { runEncodeBench, type EncodeRow } from './encode';
import {
	describeTarball,
	otherActivity,
	packTarball,
	parseEnvList,
	REPO_ROOT,
	round,
	table,
	tmpDir,
	type Cell,
} from './lib';
import { runPackageBench } from './package';
import { runQueueCli } from './queue';
import {
	LIMIT_IN_FLIGHT,
	runSendBench,
	runSendLimitsBench,
	type LimitRow,
	type SendRow,
} from './send';
import { runTriggerBench, type LoadRow, type TriggerResults } from './trigger';
import { runTriggerCpuBench } from './trigger-cpu';
import { runMediaBench } from './media';
import { runWaitsBench } from './waits';

interface Args {
	only: Set<string>;
	quick: boolean;
	items: number;
	latency: number;
	repeats: number;
	duration: number;
	extra: boolean;
	/** Use this tarball instead of packing the repository (A/B runs of a patched build). */
	tarball?: string;
	/** Only these send variants, or trigger-bench workflows (workflow ids of bench/send.ts, bench/trigger.ts). */
	variants?: string[];
	/** The trigger bench without its closed-loop (capacity) runs (`--no-capacity`; needs `--rates`). */
	capacity: boolean;
	/** Extra environment for every n8n (e.g. N8N_EXPRESSION_ENGINE=legacy), for experiments. */
	n8nEnv: Record<string, string>;
	/** bench/waits.ts: open waits to register, message callbacks per pass, in flight, offered rate. */
	waits: number;
	waitsMessages: number;
	waitsConcurrency: number;
	waitsRate?: number;
	/** Callback batch sizes of the trigger bench (default 1 and 50). */
	batches?: number[];
	/** Offered rates of the trigger bench's sustained cases. */
	rates?: number[];
}

function parseArgs(argv: string[]): Args {
	const get = (name: string) => {
		const hit = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
		if (!hit) return undefined;
		return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : 'true';
	};
	const quick = get('quick') === 'true';
	const only = get('only');
	return {
		only: new Set(
			(only ?? 'encode,trigger-cpu,package,send,send-limits,trigger,media')
				.split(',')
				.map((s) => s.trim()),
		),
		quick,
		items: Number(get('items') ?? 1000),
		latency: Number(get('latency') ?? 50),
		repeats: Number(get('repeats') ?? 1),
		duration: Number(get('duration') ?? (quick ? 5 : 10)),
		extra: get('no-extra') !== 'true' && !quick,
		tarball: get('tarball'),
		variants: get('variants')?.split(','),
		capacity: get('no-capacity') !== 'true',
		n8nEnv: parseEnvList(get('n8n-env')),
		waits: Number(get('waits') ?? (quick ? 1000 : 10_000)),
		waitsMessages: Number(get('waits-messages') ?? (quick ? 100 : 500)),
		waitsConcurrency: Number(get('waits-concurrency') ?? 10),
		waitsRate: get('waits-rate') === undefined ? undefined : Number(get('waits-rate')),
		batches: get('batches')?.split(',').map(Number),
		rates: get('rates')?.split(',').map(Number),
	};
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const busy = otherActivity();
	if (busy.length)
		log(
			`WARNING: other n8n/jest processes are running; numbers will be skewed:\n  ${busy.join('\n  ')}`,
		);

	// Queue mode (bench/queue.ts): minutes long, its own results file; only with --only=queue.
	if (args.only.has('queue')) {
		await harness.ensureHostInstalled();
		const work = tmpDir('wai-bench-queue-');
		try {
			const packed = args.tarball ? describeTarball(path.resolve(args.tarball)) : packTarball(work);
			await runQueueCli(
				process.argv.slice(2),
				packed.file,
				path.join(REPO_ROOT, 'bench', 'results'),
				log,
			);
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}
		args.only.delete('queue');
		if (args.only.size === 0) return;
	}

	const results: Record<string, unknown> = {
		date: new Date().toISOString(),
		machine: {
			cpus: os.cpus().length,
			model: os.cpus()[0]?.model,
			memGB: round(os.totalmem() / 2 ** 30, 1),
			kernel: os.release(),
		},
		node: process.version,
		args: { ...args, only: [...args.only] },
		otherProcessesAtStart: busy,
	};
	const out: string[] = [];
	const print = (text: string) => {
		out.push(text);
		process.stdout.write(`${text}\n`);
	};

	if (args.only.has('encode')) {
		log("encode + validate (this process, then n8n's Node 24 in a child process)");
		const runs: Array<{ node: string; rows: EncodeRow[] }> = [
			{ node: process.version, rows: runEncodeBench() },
		];
		const n24 = node24();
		if (n24 && fs.existsSync(n24)) {
			const child = spawnSync(n24, [path.join(__dirname, 'encode.js'), '--json'], {
				encoding: 'utf8',
				timeout: 120_000,
			});
			if (child.status === 0)
				runs.push(JSON.parse(child.stdout) as { node: string; rows: EncodeRow[] });
			else log(`encode under Node 24 failed: ${child.stderr}`);
		}
		results.encode = runs;
		print(
			table(
				'Encode + validate (messages per second, one core; JSON.stringify of the same payload in the same run)',
				runs.flatMap(({ node, rows }) =>
					rows.map((r) => ({
						node,
						dialect: r.dialect,
						message: r.message,
						input: r.mode,
						'msgs/s': Math.round(r.perSecond),
						'JSON.stringify/s': Math.round(r.stringifyPerSecond),
						'ratio to stringify': round(r.ratio, 3),
						'target 50k/s':
							r.perSecond >= 50_000
								? 'met'
								: `MISSED (${Math.round((r.perSecond / 50_000) * 100)}%)`,
					})),
				),
			),
		);
	}

	if (args.only.has('trigger-cpu')) {
		log('trigger work per callback (this process)');
		const rows = runTriggerCpuBench();
		results.triggerCpu = rows;
		print(
			table(
				`Trigger work per Sinch callback in this process, ${process.version} (read, decode, select, drop duplicates, route; no n8n)`,
				rows.map((r) => ({
					batch: r.batch,
					'Ignore Duplicates': r.dedupe === 'off' ? 'off' : `on, ${r.dedupe}`,
					'µs per request': r.usPerRequest,
					'µs per event': r.usPerEvent,
					'static data KiB': r.dedupe === 'off' ? '' : r.staticDataKiB,
					"n8n's parse + stringify of it, µs": r.dedupe === 'off' ? '' : r.staticDataUs,
				})),
			),
		);
	}

	let tarball: string | undefined;
	if (
		args.only.has('send') ||
		args.only.has('send-limits') ||
		args.only.has('trigger') ||
		args.only.has('media') ||
		args.only.has('waits')
	) {
		log('n8n host: scripts/install-n8n.sh (a no-op when installed)');
		await harness.ensureHostInstalled();
	}
	const work = tmpDir('wai-bench-');
	try {
		if (
			args.only.has('package') ||
			args.only.has('send') ||
			args.only.has('send-limits') ||
			args.only.has('trigger') ||
			args.only.has('media') ||
			args.only.has('waits')
		) {
			const packed = args.tarball ? describeTarball(path.resolve(args.tarball)) : packTarball(work);
			tarball = packed.file;
			if (args.only.has('package')) {
				log('package cost');
				const pkg = await runPackageBench(packed, node24());
				results.package = pkg;
				print(table('Package cost', pkg.rows as Array<Record<string, Cell>>));
			}
		}

		if (args.only.has('send') && tarball) {
			const rows = await runSendBench({
				tarball,
				items: args.items,
				latencyMs: args.latency,
				sweep: args.quick ? [50] : [5, 20, 50, 100],
				repeats: args.repeats,
				only: args.variants,
				limited: !args.quick,
				env: args.n8nEnv,
				log,
			});
			results.send = rows;
			const plain = rows.filter((r) => !r.limited);
			if (plain.length)
				print(
					table(
						`Sending ${args.items} items in n8n 2.35.6, mock provider ${args.latency} ms per request`,
						sendTable(plain),
					),
				);
			const limited = rows.filter((r) => r.limited);
			if (limited.length) {
				print(
					table(
						`Sending ${args.items} items to a provider that allows ${LIMIT_IN_FLIGHT} requests in flight (429 + Retry-After: 1 beyond), ${args.latency} ms per request`,
						limited.map((r) => ({
							variant: r.variant,
							'items ok': `${r.ok}/${r.items}`,
							'messages accepted by provider': r.accepted,
							'429 answers': r.rejected429,
							'node time s': r.nodeS,
							'wall time s': r.wallS,
							outcome: r.note ? `execution failed: ${r.note.slice(0, 80)}` : 'all items sent',
						})),
					),
				);
			}
		}

		if (args.only.has('send-limits') && tarball) {
			const load = loadAverage();
			const rows = await runSendLimitsBench({
				tarball,
				items: args.items,
				latencyMs: args.latency,
				limits: [10, 50, 200],
				repeats: args.repeats,
				env: args.n8nEnv,
				log,
			});
			results.sendLimits = { loadAtStart: load, loadAtEnd: loadAverage(), rows };
			print(
				table(
					`Sending ${args.items} items to providers that allow N requests in flight (429 + Retry-After: 1 beyond), ${args.latency} ms per request; load average ${load} → ${loadAverage()}`,
					limitTable(rows),
				),
			);
		}

		if (args.only.has('media') && tarball) {
			const media = await runMediaBench({ tarball, repeats: Math.max(3, args.repeats), log });
			results.media = media;
			print(
				table(
					'Download Media of a 5 MB file (n8n execute, medians of 3; peak RSS of the CLI process)',
					media as unknown as Array<Record<string, Cell>>,
				),
			);
		}

		if (args.only.has('waits') && tarball) {
			const waits = await runWaitsBench({
				tarball,
				waits: args.waits,
				messages: args.waitsMessages,
				concurrency: args.waitsConcurrency,
				rate: args.waitsRate,
				env: args.n8nEnv,
				log,
			});
			results.waits = waits;
			print(
				table(
					`Inbound messages with 0 and ${waits.openWaits.toLocaleString('en-US')} open Free Text waits (Cloud API trigger v3 → No-Op, one message per signed callback, Acknowledge: When Saved; ${waits.messagesPerPass} callbacks per pass)`,
					waits.rows.map((r) => ({
						variant: r.variant,
						'open waits': r.variant.startsWith('registering')
							? `0 → ${r.openWaits.toLocaleString('en-US')}`
							: r.openWaits,
						load: r.load,
						callbacks: r.callbacks,
						'p50 ms': r.p50,
						'p99 ms': r.p99,
						'max ms': r.max,
						'acked/s': r.ackedPerS,
						'processed/s': r.processedPerS,
						'drain s': r.drainS,
						'n8n CPU ms/callback': r.cpuMsPerCallback,
						'static data bytes': r.staticDataBytes,
					})),
				),
			);
			print(
				`Static data after registering: ${waits.storedAfterRegistering.toLocaleString('en-US')} open waits; at the end: ${waits.storedAtEnd.toLocaleString('en-US')}, ${waits.staticDataBytesAtEnd.toLocaleString('en-US')} bytes. Messages answering an open wait are not measured (they need real waiting executions).\n`,
			);
		}

		if (args.only.has('trigger') && tarball) {
			const trig = await runTriggerBench({
				tarball,
				durationS: args.duration,
				extra: args.extra,
				env: args.n8nEnv,
				batches: args.batches,
				rates: args.rates,
				only: args.variants,
				capacity: args.capacity,
				log,
			});
			results.trigger = trig;
			printTrigger(trig, print);
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}

	const targets = targetRows(results);
	if (targets.length) print(table('Targets of the issue', targets));

	results.otherProcessesAtEnd = otherActivity();
	results.totalSeconds = round((Date.now() - started) / 1000, 1);
	const dir = path.join(REPO_ROOT, 'bench', 'results');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
	fs.writeFileSync(path.join(dir, 'latest.md'), `${out.join('\n')}\n`);
	log(`done in ${results.totalSeconds} s; results in bench/results/latest.json and latest.md`);
}

/** n8n's Node 24 binary, when the n8n host is installed. */
function node24(): string | undefined {
	try {
		return path.join(harness.hostDir(), 'node_modules', '.bin', 'node');
	} catch {
		return undefined;
	}
}

/** The targets, met or missed, from whatever sections ran. */
function targetRows(results: Record<string, unknown>): Array<Record<string, Cell>> {
	const out: Array<Record<string, Cell>> = [];
	const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
	const send = results.send as SendRow[] | undefined;
	if (send) {
		const plain = send.filter((r) => !r.limited);
		for (const provider of ['messangi', 'sinchLatam']) {
			const base = plain.find(
				(r) => r.provider === provider && r.variant === 'HTTP Request 4.2, defaults',
			);
			const ours = plain.filter(
				(r) =>
					r.provider === provider &&
					r.variant.startsWith('this node') &&
					(r.variant.endsWith('defaults') || r.variant.includes('broadcast batching (500)')),
			);
			for (const r of ours) {
				if (!base) continue;
				const x = base.nodeS / r.nodeS;
				out.push({
					target: '1,000 sends ≥ 10× faster than HTTP Request defaults (node time)',
					case: `${r.provider}, ${r.variant}`,
					measured: `${round(x, 2)}×`,
					verdict: verdict(x >= 10),
				});
			}
		}
		const broadcast = plain.find((r) => r.variant === 'this node, broadcast batching (500)');
		if (broadcast)
			out.push({
				target: '1,000-recipient Sinch broadcast in ≤ 2 requests',
				case: broadcast.variant,
				measured: `${broadcast.requests} requests`,
				verdict: verdict(broadcast.requests <= 2 && broadcast.ok === broadcast.items),
			});
	}
	const limits = (results.sendLimits as { rows: LimitRow[] } | undefined)?.rows;
	if (limits) {
		for (const r of limits.filter((l) => l.variant.startsWith('this node, defaults'))) {
			if (r.limit !== undefined) {
				const ok = r.ok === r.items && r.refusedShare < 0.02 && (r.vsFloor ?? Infinity) <= 1.3;
				out.push({
					target: `1,000 sends, defaults, provider allowing ${r.limit} in flight: ≤ 1.3× floor, 0 failed, < 2 % 429`,
					case: r.variant,
					measured: `${r.vsFloor}× floor (${r.nodeS} s vs ${r.floorS} s), ${r.items - r.ok} failed, ${round(r.refusedShare * 100, 1)} % 429`,
					verdict: verdict(ok),
				});
			} else {
				const http = limits.find(
					(l) => l.limit === undefined && l.variant.startsWith('HTTP Request'),
				);
				if (http) {
					out.push({
						target:
							'1,000 sends, defaults, unlimited provider: at least as fast as HTTP Request defaults',
						case: r.variant,
						measured: `${r.nodeS} s vs ${http.nodeS} s HTTP Request + ${http.buildS ?? '?'} s Build Payload (node times)`,
						verdict:
							verdict(r.nodeS <= http.nodeS + (http.buildS ?? 0) && r.ok === r.items) +
							(r.nodeS > http.nodeS
								? ' (counting Build Payload; HTTP Request alone is faster)'
								: ''),
					});
				}
			}
		}
	}
	const trig = results.trigger as TriggerResults | undefined;
	if (trig) {
		// Issue #30: at batch 1, against the Webhook → Split Out → Switch workflow of the same run.
		const defaults = (label: string) =>
			trig.load.filter(
				(l) =>
					l.label === label &&
					l.batch === 1 &&
					l.settings.startsWith('defaults') &&
					!l.settings.includes('='),
			);
		const triggers = defaults('WhatsApp Interactive Trigger v3');
		const switches = defaults('Webhook → Split Out → Switch');
		const capacity = (rows: LoadRow[]) => rows.find((r) => r.mode === 'capacity')?.processedRps;
		const mine = capacity(triggers);
		const theirs = capacity(switches);
		if (mine !== undefined && theirs !== undefined)
			out.push({
				target: 'trigger processed capacity ≥ 1.0× the Switch workflow (batch 1)',
				case: 'closed loop',
				measured: `${round(mine, 1)} vs ${round(theirs, 1)} req/s: ${round(mine / theirs, 2)}×`,
				verdict: verdict(mine >= theirs),
			});
		const half = Math.max(
			...triggers.filter((r) => r.mode === 'sustained').map((r) => r.offered ?? 0),
		);
		const at = (rows: LoadRow[]) => rows.find((r) => r.mode === 'sustained' && r.offered === half);
		const t = at(triggers);
		const w = at(switches);
		if (t && w)
			out.push({
				target:
					'trigger ack p99 ≤ 1.2× the Switch workflow at half the bare Webhook capacity (batch 1)',
				case: `${half} req/s offered`,
				measured: `${t.p99} vs ${w.p99} ms: ${round(t.p99 / w.p99, 2)}×`,
				verdict: verdict(t.p99 <= 1.2 * w.p99),
			});
	}
	const encode = results.encode as Array<{ node: string; rows: EncodeRow[] }> | undefined;
	if (encode) {
		for (const run of encode) {
			const worst = run.rows.reduce((a, b) => (b.perSecond < a.perSecond ? b : a));
			out.push({
				target: 'encode + validate ≥ 50,000 msgs/s per core',
				case: `slowest: ${worst.dialect}, ${worst.message}, ${worst.mode}, ${run.node}`,
				measured: `${Math.round(worst.perSecond).toLocaleString('en-US')}/s`,
				verdict: verdict(worst.perSecond >= 50_000),
			});
		}
	}
	return out;
}

/** `uptime`'s load averages (1, 5, 15 min): other helpers share this machine. */
function loadAverage(): string {
	return os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' / ');
}

function limitTable(rows: LimitRow[]): Array<Record<string, Cell>> {
	const http = (limit: number | undefined) =>
		rows.find((r) => r.limit === limit && r.variant.startsWith('HTTP Request'));
	return rows.map((r) => {
		const base = http(r.limit);
		const isNode = r.variant.startsWith('this node');
		return {
			'provider allows': r.limit === undefined ? 'unlimited' : `${r.limit} in flight`,
			variant: r.variant,
			'ok/items': `${r.ok}/${r.items}`,
			requests: r.requests,
			'429 answers': `${r.refused429} (${round(r.refusedShare * 100, 1)} %)`,
			'provider peak in flight': r.providerPeak,
			'node time s': r.nodeS,
			'wall time s': r.wallS,
			'floor s': r.floorS ?? '',
			'vs floor': r.vsFloor === undefined ? '' : `${r.vsFloor}×`,
			'vs HTTP defaults (node time)':
				isNode && base && base.ok === base.items ? `${round(base.nodeS / r.nodeS, 2)}×` : '',
			note: r.note
				? `execution failed: ${r.note.slice(0, 70)}`
				: r.buildS !== undefined
					? `+ Build Payload ${r.buildS} s`
					: '',
		};
	});
}

function sendTable(rows: SendRow[]): Array<Record<string, Cell>> {
	const baseline = (provider: string) =>
		rows.find(
			(r) => r.provider === provider && r.variant === 'HTTP Request 4.2, defaults' && !r.limited,
		);
	return rows.map((r) => {
		const base = baseline(r.provider);
		const isNode = r.variant.startsWith('this node');
		return {
			provider: r.provider === 'messangi' ? 'Messangi' : 'Sinch',
			variant: r.variant,
			'ok/items': `${r.ok}/${r.items}`,
			requests: r.requests,
			'max in flight': r.maxInFlight,
			'node time s': r.nodeS,
			'wall time s': r.wallS,
			'vs HTTP defaults (node time)': isNode && base ? `${round(base.nodeS / r.nodeS, 2)}×` : '',
			'vs HTTP defaults (wall)': isNode && base ? `${round(base.wallS / r.wallS, 2)}×` : '',
			note: r.buildS !== undefined ? `+ Build Payload ${r.buildS} s` : (r.note ?? ''),
		};
	});
}

function printTrigger(t: TriggerResults, print: (s: string) => void): void {
	print(
		table(
			`Trigger under load: autocannon, up to ${t.connections} connections, ${t.durationS} s per case, Sinch callback batches`,
			t.load.map((r) => ({
				workflow: r.label,
				settings: r.settings,
				batch: r.batch,
				load: r.mode === 'capacity' ? 'closed loop (capacity)' : `${r.offered} req/s offered`,
				'acked req/s': round(r.rps, 1),
				'events/s': round(r.rps * r.batch, 0),
				'p50 ms': r.p50,
				'p99 ms': r.p99,
				'max ms': r.max,
				non2xx: r.non2xx,
				errors: r.errors,
				'n8n main CPU': `${Math.round(r.mainCores * 100)}%`,
				'drain s': r.drainS,
				'processed req/s': round(r.processedRps, 1),
				'vs bare Webhook (acked / processed)':
					r.vsBare === undefined
						? ''
						: `${round(r.vsBare, 2)}× / ${round(r.processedVsBare ?? NaN, 2)}×`,
			})),
		),
	);
	print(
		table(
			'One 1,000-event Sinch batch: POST to items on the three outputs',
			t.bigBatch.map((r) => ({
				workflow: r.label,
				'ack ms': r.ackMs,
				'to outputs ms': r.toOutputsMs,
				'list/button/status items': r.counts.join('/'),
				'trigger node ms': r.triggerNodeMs,
			})),
		),
	);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? error}\n`);
	process.exit(1);
});
