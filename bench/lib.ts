/**
 * Small helpers shared by the benchmarks: packing the package, CPU accounting of a process group
 * (to see whether n8n is saturated and to wait until it is idle again), statistics and tables.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = findRepoRoot();

function findRepoRoot(): string {
	let dir = __dirname;
	for (;;) {
		if (
			fs.existsSync(path.join(dir, 'package.json')) &&
			fs.existsSync(path.join(dir, 'scripts', 'n8n-host.js'))
		)
			return dir;
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error(`repository root not found above ${__dirname}`);
		dir = parent;
	}
}

export interface Packed {
	file: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
}

/** `npm pack` of the built package (dist/ must be current) into `dir`. */
export function packTarball(dir: string): Packed {
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, npm_config_update_notifier: 'false' },
	});
	const info = (
		JSON.parse(out) as Array<{
			filename: string;
			size: number;
			unpackedSize: number;
			entryCount: number;
		}>
	)[0];
	return {
		file: path.join(dir, info.filename),
		size: info.size,
		unpackedSize: info.unpackedSize,
		entryCount: info.entryCount,
	};
}

/** A tarball made elsewhere (e.g. a patched build), described like `packTarball`'s. */
export function describeTarball(file: string): Packed {
	const list = execFileSync('tar', ['-tzvf', file], { encoding: 'utf8' }).trim().split('\n');
	const unpackedSize = list.reduce(
		(sum, line) => sum + (Number(line.trim().split(/\s+/)[2]) || 0),
		0,
	);
	return { file, size: fs.statSync(file).size, unpackedSize, entryCount: list.length };
}

export function tmpDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// ---------------------------------------------------------------------------------------------
// CPU of a process group, from /proc (Linux)

const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds used so far by each live process of process group `pgid`, by pid. */
export function groupCpu(pgid: number): Map<number, { cpuS: number; comm: string }> {
	const out = new Map<number, { cpuS: number; comm: string }>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		const close = stat.lastIndexOf(')');
		const comm = stat.slice(stat.indexOf('(') + 1, close);
		const fields = stat.slice(close + 2).split(' ');
		// fields[0] = state (field 3); pgrp = field 5; utime = 14; stime = 15
		if (Number(fields[2]) !== pgid) continue;
		out.set(Number(entry), { cpuS: (Number(fields[11]) + Number(fields[12])) / TICKS, comm });
	}
	return out;
}

export function totalCpu(pgid: number): number {
	let sum = 0;
	for (const { cpuS } of groupCpu(pgid).values()) sum += cpuS;
	return sum;
}

/** CPU of the group's main process (pid = pgid) alone: n8n's event loop. */
export function mainCpu(pgid: number): number {
	return groupCpu(pgid).get(pgid)?.cpuS ?? 0;
}

/**
 * Waits until the process group uses less than `maxCores` over `windowMs` (n8n has finished the
 * executions a load test queued). Returns how long that took, or -1 after `timeoutMs`.
 */
export async function waitIdle(
	pgid: number,
	opts: { maxCores?: number; windowMs?: number; timeoutMs?: number } = {},
): Promise<number> {
	const maxCores = opts.maxCores ?? 0.05;
	const windowMs = opts.windowMs ?? 1000;
	const timeoutMs = opts.timeoutMs ?? 120_000;
	const start = Date.now();
	let before = totalCpu(pgid);
	let t = Date.now();
	for (;;) {
		await sleep(windowMs);
		const now = Date.now();
		const cpu = totalCpu(pgid);
		const cores = (cpu - before) / ((now - t) / 1000);
		// The idle window itself is not part of the wait.
		if (cores < maxCores) return Math.max(0, now - start - windowMs);
		if (now - start > timeoutMs) return -1;
		before = cpu;
		t = now;
	}
}

/** Settings given on the command line as `KEY=VALUE,KEY=VALUE` (a value may hold `=`, not `,`). */
export function parseEnvList(list: string | undefined): Record<string, string> {
	return Object.fromEntries(
		(list ?? '')
			.split(',')
			.filter(Boolean)
			.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
	);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// Statistics and output

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank];
}

export type Cell = string | number | null | undefined;

/** A plain-text table (also valid Markdown): what `npm run bench` prints. */
export function table(title: string, rows: Array<Record<string, Cell>>): string {
	if (rows.length === 0) return `${title}\n(no rows)\n`;
	const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	const text = (v: Cell) =>
		v === null || v === undefined ? '' : typeof v === 'number' ? formatNumber(v) : String(v);
	const cells = rows.map((r) => columns.map((c) => text(r[c])));
	const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
	const numeric = columns.map((c) =>
		rows.every((r) => r[c] === undefined || r[c] === null || typeof r[c] === 'number'),
	);
	const line = (values: string[]) =>
		`| ${values.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ')} |`;
	return [
		`### ${title}`,
		'',
		line(columns),
		`|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`,
		...cells.map(line),
		'',
	].join('\n');
}

export function formatNumber(v: number): string {
	if (!Number.isFinite(v)) return String(v);
	if (Number.isInteger(v)) return v.toLocaleString('en-US');
	const abs = Math.abs(v);
	const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
	return v.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
	});
}

export function round(v: number, digits = 0): number {
	const f = 10 ** digits;
	return Math.round(v * f) / f;
}

/** What else is running that could skew the numbers (other n8n or jest processes). */
export function otherActivity(excludePgids: number[] = []): string[] {
	const r = spawnSync('pgrep', ['-af', 'n8n|jest'], { encoding: 'utf8' });
	const self = new Set([process.pid, process.ppid]);
	const ownGroup = pgrpOf(process.pid);
	return (r.stdout || '')
		.split('\n')
		.filter(Boolean)
		.filter((line) => {
			const pid = Number(line.split(' ', 1)[0]);
			if (self.has(pid)) return false;
			if (/pgrep -af/.test(line)) return false;
			const pgrp = pgrpOf(pid);
			return pgrp !== undefined && pgrp !== ownGroup && !excludePgids.includes(pgrp);
		});
}

function pgrpOf(pid: number): number | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
	} catch {
		return undefined;
	}
}
