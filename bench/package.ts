/**
 * Package cost: the packed tarball's size, and the time to `require()` the built nodes and
 * credentials (what n8n does for each community package at start), each in a fresh Node process.
 * Two figures: with n8n-workflow and zod already loaded (as they are inside n8n, which owns them),
 * i.e. this package's own cost; and cold, everything included.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { median, REPO_ROOT, round, type Packed } from './lib';

const SAMPLES = 9;

function probe(preload: boolean): string {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const files = [...pkg.n8n.credentials, ...pkg.n8n.nodes].map((f) => path.join(REPO_ROOT, f));
	return `
const { performance } = require('perf_hooks');
${preload ? "require('n8n-workflow'); require('zod/v4');" : ''}
const t0 = performance.now();
const loaded = ${JSON.stringify(files)}.map((f) => require(f));
for (const m of loaded) for (const C of Object.values(m)) if (typeof C === 'function') new C();
process.stdout.write(String(performance.now() - t0));`;
}

function sample(nodeBin: string, preload: boolean): number[] {
	const times: number[] = [];
	for (let i = 0; i < SAMPLES; i++) {
		const r = spawnSync(nodeBin, ['-e', probe(preload)], { cwd: REPO_ROOT, encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`require probe failed: ${r.stderr}`);
		times.push(Number(r.stdout));
	}
	return times;
}

export interface PackageResult {
	rows: Array<Record<string, string | number>>;
	tarball: { size: number; unpackedSize: number; entryCount: number };
}

export async function runPackageBench(packed: Packed, node24?: string): Promise<PackageResult> {
	const rows: Array<Record<string, string | number>> = [];
	const nodes: Array<[string, string]> = [[`system node ${process.version}`, process.execPath]];
	if (node24 && fs.existsSync(node24)) {
		const v = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
		nodes.push([`n8n's node ${v}`, node24]);
	}
	for (const [label, bin] of nodes) {
		const warm = sample(bin, true);
		const cold = sample(bin, false);
		rows.push({
			measure: `require() nodes + credentials, n8n-workflow and zod preloaded (${label})`,
			value: round(median(warm), 1),
			unit: `ms (median of ${SAMPLES})`,
		});
		rows.push({
			measure: `require() nodes + credentials, cold (${label})`,
			value: round(median(cold), 1),
			unit: `ms (median of ${SAMPLES})`,
		});
	}
	rows.push({
		measure: 'packed tarball (npm pack)',
		value: round(packed.size / 1024, 1),
		unit: 'KiB',
	});
	rows.push({
		measure: 'unpacked',
		value: round(packed.unpackedSize / 1024, 1),
		unit: `KiB in ${packed.entryCount} files`,
	});
	return {
		rows,
		tarball: {
			size: packed.size,
			unpackedSize: packed.unpackedSize,
			entryCount: packed.entryCount,
		},
	};
}
