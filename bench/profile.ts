/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and sums self time by function and by file
 * group, so a profile can be quoted in BENCHMARKS.md as a small table.
 */
import * as fs from 'fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

export interface ProfileSummary {
	totalMs: number;
	top: Array<{ fn: string; where: string; selfMs: number; pct: number }>;
	groups: Array<{ group: string; selfMs: number; pct: number }>;
}

/** Scripts of this package: installed in n8n's nodes folder, or built in the repository. */
export const PACKAGE_URL =
	/\.n8n\/nodes\/node_modules\/n8n-nodes-whatsapp-interactive\/|\/(dist|\.bench-build)\/(nodes|credentials)\//;

/** Which part of the system a script URL belongs to. */
/**
 * A frame of a node's run (this package's action code, or the HTTP Request node), not of loading
 * it (a module's top-level code is an anonymous function at line 0): the profile window of a send,
 * from its first sample to the last response it handled.
 */
export const nodeExecuteFrame = (frame: ProfileNode['callFrame']): boolean =>
	((PACKAGE_URL.test(frame.url) && /\/(actions|transport)\//.test(frame.url)) ||
		/nodes\/HttpRequest\//.test(frame.url)) &&
	!(frame.functionName === '' && frame.lineNumber === 0);

/** A webhook node's `webhook()` (this trigger's or n8n's Webhook node): the profile window of a load test. */
export const webhookFrame = (frame: ProfileNode['callFrame']): boolean =>
	frame.functionName === 'webhook' &&
	/WhatsAppInteractiveTrigger\.node\.js|nodes\/Webhook\/Webhook\.node\.js/.test(frame.url);

export function groupOf(url: string): string {
	if (url === '') return '(native / GC / idle)';
	if (PACKAGE_URL.test(url)) return 'this package';
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(
		url.replace(/.*node_modules\/(?=(?:@[^/]+\/)?[^/]+\/)/, 'node_modules/'),
	);
	if (m) return m[1];
	if (url.startsWith('node:')) return 'node core';
	return url
		.replace(/^file:\/\//, '')
		.split('/')
		.slice(-2)
		.join('/');
}

/**
 * `window`: only samples between the first and the last sample whose stack has a frame from a
 * script matching it (e.g. this package: the node's execution, without n8n's start-up).
 */
export function summarizeProfile(
	file: string,
	topN = 15,
	window?: RegExp | ((frame: ProfileNode['callFrame']) => boolean),
	toEnd = false,
): ProfileSummary & { windowMs?: number } {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	let from = 0;
	let to = profile.samples.length - 1;
	let windowMs: number | undefined;
	if (window) {
		const parent = new Map<number, number>();
		for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
		const hit = new Map<number, boolean>();
		const matches = (id: number): boolean => {
			const known = hit.get(id);
			if (known !== undefined) return known;
			const node = byId.get(id);
			const p = parent.get(id);
			const value =
				(node !== undefined &&
					(typeof window === 'function'
						? window(node.callFrame)
						: window.test(node.callFrame.url))) ||
				(p !== undefined && matches(p));
			hit.set(id, value);
			return value;
		};
		const idx = profile.samples.map((id, i) => (matches(id) ? i : -1)).filter((i) => i >= 0);
		if (idx.length) {
			from = idx[0];
			to = toEnd ? profile.samples.length - 1 : idx[idx.length - 1];
			windowMs = Math.round(
				profile.timeDeltas.slice(from + 1, to + 1).reduce((a, b) => a + b, 0) / 1000,
			);
		}
	}
	const self = new Map<number, number>();
	for (let i = from; i <= to; i++) {
		const dt = profile.timeDeltas[i] ?? 0;
		self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
	}
	let total = 0;
	const fns = new Map<string, { fn: string; where: string; us: number }>();
	const groups = new Map<string, number>();
	for (const [id, us] of self) {
		const node = byId.get(id);
		if (!node) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		if (functionName === '(idle)' || functionName === '(program)') continue;
		total += us;
		const where = url
			? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '')}:${lineNumber + 1}`
			: '';
		const key = `${functionName}@${where}`;
		const entry = fns.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
		entry.us += us;
		fns.set(key, entry);
		const g = functionName === '(garbage collector)' ? '(garbage collector)' : groupOf(url);
		groups.set(g, (groups.get(g) ?? 0) + us);
	}
	const pct = (us: number) => Math.round((us / total) * 1000) / 10;
	return {
		windowMs,
		totalMs: Math.round(total / 1000),
		top: [...fns.values()]
			.sort((a, b) => b.us - a.us)
			.slice(0, topN)
			.map((e) => ({
				fn: e.fn,
				where: e.where,
				selfMs: Math.round(e.us / 100) / 10,
				pct: pct(e.us),
			})),
		groups: [...groups.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, topN)
			.map(([group, us]) => ({ group, selfMs: Math.round(us / 100) / 10, pct: pct(us) })),
	};
}

if (require.main === module) {
	const [file, n] = process.argv.slice(2);
	const s = summarizeProfile(
		file,
		Number(n ?? 25),
		process.argv[4] === 'execute'
			? nodeExecuteFrame
			: process.argv[4] === 'webhook'
				? webhookFrame
				: process.argv[4]
					? new RegExp(process.argv[4])
					: undefined,
		process.argv[5] === 'end',
	);
	console.log(`window ${s.windowMs ?? 'all'} ms; sampled (non-idle) ${s.totalMs} ms`);
	console.table(s.groups);
	console.table(s.top);
}
