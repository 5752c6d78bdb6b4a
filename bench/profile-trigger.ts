/**
 * CPU profile of a started n8n (`n8n start` under `--cpu-prof`) while autocannon posts Sinch
 * callback batches to one published workflow: where n8n's main thread spends a webhook request.
 * Not part of `npm run bench`; run it by hand:
 *
 *   node .bench-build/bench/profile-trigger.js [bare|switch|trigger|trigger-nodedupe] [--batch=50]
 *        [--duration=8] [--connections=10] [--env=KEY=VALUE,...]
 */
import * as fs from 'fs';
import * as path from 'path';
import { startN8n } from '../test/e2e/harness/n8n';
import { packTarball, parseEnvList, tmpDir, waitIdle } from './lib';
import { summarizeProfile, webhookFrame } from './profile';
import {
	bareWebhookWorkflow,
	sinchBatchTemplate,
	triggerWorkflow,
	webhookSwitchWorkflow,
} from './workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<{
	requests: { average: number; total: number };
	latency: { p50: number; p99: number };
}>;

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const which = argv.find((a) => !a.startsWith('--')) ?? 'trigger';
	const opt = (name: string, fallback: string) =>
		argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
	const batch = Number(opt('batch', '50'));
	const variant =
		which === 'bare'
			? bareWebhookWorkflow('profBare0000001', 'prof-bare')
			: which === 'switch'
				? webhookSwitchWorkflow('profSwitch00001', 'prof-switch')
				: which === 'trigger-nodedupe'
					? triggerWorkflow('profTrigNoDup01', { ignoreDuplicates: false })
					: triggerWorkflow('profTrigger0001');
	const extraEnv = parseEnvList(opt('env', ''));
	const work = tmpDir('wai-proft-');
	const profDir = path.join(work, 'prof');
	try {
		const packed = packTarball(work);
		const n8n = await startN8n({
			tarball: packed.file,
			workflows: [variant.workflow],
			activate: [variant.id],
			port: 0,
			env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profDir}`, ...extraEnv },
		});
		let n = 0;
		let total = 0;
		const template = sinchBatchTemplate(batch);
		try {
			await waitIdle(n8n.pid, { timeoutMs: 60_000 });
			const r = await autocannon({
				url: n8n.webhookUrl(variant.path),
				connections: Number(opt('connections', '10')),
				duration: Number(opt('duration', '8')),
				requests: [
					{
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						setupRequest: (req: Record<string, unknown>) => ({
							...req,
							body: template.split('@@N@@').join(`p${++n}`),
						}),
					},
				],
			});
			total = r.requests.total;
			console.log(
				`${variant.label}, batch ${batch}: ${r.requests.average} req/s (${total} requests), p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
			);
			await waitIdle(n8n.pid, { timeoutMs: 120_000 });
		} finally {
			await n8n.stop();
		}
		const files = fs.readdirSync(profDir).map((f) => path.join(profDir, f));
		const main = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
		const keep = path.join(process.cwd(), `.bench-build/trigger-${which}-${batch}.cpuprofile`);
		fs.copyFileSync(main, keep);
		// From the first webhook() call (start-up excluded)
		// To the end: the executions a load test queued finish after its last request (waitIdle above).
		const s = summarizeProfile(main, 40, webhookFrame, true);
		console.log(
			`profile ${keep}: window ${s.windowMs} ms, busy ${s.totalMs} ms = ${(s.totalMs / total).toFixed(1)} ms per request`,
		);
		console.table(
			s.groups.map((g) => ({ ...g, msPerRequest: Math.round((g.selfMs / total) * 100) / 100 })),
		);
		console.table(s.top);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
