/**
 * Download Media in a real n8n: a 5 MB file from a local server, downloaded by the node into n8n's
 * binary data, run with `n8n execute --id --rawOutput` (a fresh CLI process each time). Reported:
 * the node's own time (`executionTime`), the wall time of the run, and the CLI process's peak
 * resident memory, beside the same run without the download (Manual → No-Op), so that the
 * difference is what the download costs.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { executeWorkflow, prepareN8n, type WorkflowRun } from '../test/e2e/harness/n8n';
import type { Workflow } from '../test/e2e/support';
import { round } from './lib';

export interface MediaRow {
	variant: string;
	bytes: number;
	runs: number;
	/** Medians over the runs. */
	nodeMs: number;
	wallS: number;
	peakRssMiB: number;
	sha256Verified: boolean | null;
}

const ACTION = 'n8n-nodes-whatsapp-interactive.whatsAppInteractive';
const manual = {
	id: 'b0e5b0e5-0000-4000-8000-000000000001',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

function workflows(url: string): Workflow[] {
	return [
		{
			id: 'waiBenchMedia001',
			name: 'bench: Download Media',
			nodes: [
				manual,
				{
					id: 'b0e5b0e5-0000-4000-8000-000000000002',
					name: 'Download',
					type: ACTION,
					typeVersion: 1,
					position: [300, 0],
					parameters: { provider: 'sinchLatam', operation: 'downloadMedia', media: url },
				},
			],
			connections: { Start: { main: [[{ node: 'Download', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
		{
			id: 'waiBenchMedia002',
			name: 'bench: baseline',
			nodes: [
				manual,
				{
					id: 'b0e5b0e5-0000-4000-8000-000000000003',
					name: 'Download',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [300, 0],
					parameters: {},
				},
			],
			connections: { Start: { main: [[{ node: 'Download', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
	];
}

/** The highest resident memory (KiB) of the processes whose command line names the workflow, sampled every 20 ms. */
function watchRss(workflowId: string): () => number {
	let peak = 0;
	const timer = setInterval(() => {
		try {
			const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
			let sum = 0;
			for (const line of out.split('\n'))
				if (line.includes(`--id=${workflowId}`) && !line.includes('ps -eo'))
					sum += Number(line.trim().split(/\s+/)[0]) || 0;
			peak = Math.max(peak, sum);
		} catch {
			// a process that ended between listing and reading
		}
	}, 20);
	return () => {
		clearInterval(timer);
		return peak;
	};
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function runMediaBench(opts: {
	tarball: string;
	sizeBytes?: number;
	repeats?: number;
	log: (line: string) => void;
}): Promise<MediaRow[]> {
	const size = opts.sizeBytes ?? 5 * 1024 * 1024;
	const bytes = Buffer.alloc(size);
	for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const server = http.createServer((_req, res) => {
		res.writeHead(200, {
			'content-type': 'application/pdf',
			'content-length': String(size),
			'content-disposition': 'attachment; filename="bench.pdf"',
		});
		res.end(bytes);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench.pdf`;
	const wfs = workflows(url);
	const ctx = await prepareN8n({ tarball: opts.tarball, workflows: wfs, port: 0 });
	const rows: MediaRow[] = [];
	try {
		for (const wf of wfs) {
			const nodeMs: number[] = [];
			const wallS: number[] = [];
			const peaks: number[] = [];
			let verified: boolean | null = null;
			for (let k = 0; k < (opts.repeats ?? 3); k++) {
				const stop = watchRss(wf.id);
				const t0 = Date.now();
				const result = await executeWorkflow(ctx, wf.id, { timeoutMs: 300_000 });
				wallS.push((Date.now() - t0) / 1000);
				peaks.push(stop() / 1024);
				const run = result.run as WorkflowRun | undefined;
				const task = run?.data?.resultData?.runData?.Download?.[0];
				if (!task) throw new Error(`${wf.name}: no run of Download (exit ${result.code})`);
				nodeMs.push(task.executionTime);
				const json = task.data?.main?.[0]?.[0]?.json as
					{ downloadedMedia?: { sha256?: string; fileSize?: number } } | undefined;
				if (wf.id === 'waiBenchMedia001') {
					const got = json?.downloadedMedia;
					if (got?.sha256 !== sha256 || got?.fileSize !== size)
						throw new Error(`${wf.name}: downloaded ${JSON.stringify(got)}, not the file served`);
					verified = true;
				}
			}
			const row: MediaRow = {
				variant: wf.id === 'waiBenchMedia001' ? 'Download Media, 5 MB' : 'baseline (No-Op)',
				bytes: wf.id === 'waiBenchMedia001' ? size : 0,
				runs: nodeMs.length,
				nodeMs: median(nodeMs),
				wallS: round(median(wallS), 2),
				peakRssMiB: round(median(peaks), 1),
				sha256Verified: verified,
			};
			opts.log(
				`media: ${row.variant}: node ${row.nodeMs} ms, run ${row.wallS} s, CLI peak RSS ${row.peakRssMiB} MiB (medians of ${row.runs})`,
			);
			rows.push(row);
		}
	} finally {
		ctx.dispose();
		server.close();
	}
	return rows;
}
