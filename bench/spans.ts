/**
 * Where one callback's time goes in n8n: starts `n8n start` with `bench/spans-preload.ts`, posts
 * one-event Sinch LATAM callbacks one after another (a pause between them, so nothing queues) to
 * the bare Webhook node, the Webhook → Split Out → Switch workflow (also answered from inside its
 * execution), the trigger and the router, and prints per
 * workflow the client's median acknowledgement and the median of each span of n8n's webhook
 * phase. Not part of `npm run bench`; after `npm run bench` (or a build of bench/):
 *
 *   node .bench-build/bench/spans.js [--requests=40] [--pause=250] [--tarball=x.tgz] [--env=K=V,...]
 */
import * as fs from 'fs';
import * as path from 'path';
import { startN8n } from '../test/e2e/harness/n8n';
import { median, packTarball, parseEnvList, sleep, tmpDir, waitIdle } from './lib';
import { OWNER, post } from './trigger';
import {
	bareWebhookWorkflow,
	routerWorkflow,
	sinchBatchTemplate,
	triggerWorkflow,
	WEBHOOK_SECRET_CREDENTIAL,
	webhookSwitchWorkflow,
} from './workflows';

/** The spans the preload writes, in the order of a request's path through n8n. */
const SPANS: Array<[string, string]> = [
	['total', "n8n's webhook handler, until the answer"],
	['isolate', 'waiting for expression isolates'],
	['node', "the node's webhook()"],
	['run', 'WorkflowRunner.run (store and start the execution)'],
	['staticSave', 'saving static data before the answer'],
	['setRunning', 'marking the execution running'],
	['before', "the execution's workflowExecuteBefore hooks"],
	['nodes', 'nodes run before the answer'],
	['responded', "a node's answer reached n8n (from the start)"],
];

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const opt = (name: string, fallback: string) =>
		argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
	const requests = Number(opt('requests', '40'));
	const pauseMs = Number(opt('pause', '250'));
	const variants = [
		bareWebhookWorkflow('benchBareHook01', 'bench-bare'),
		webhookSwitchWorkflow('benchHookSwitch1', 'bench-switch'),
		triggerWorkflow('benchTriggerV301', {}, 3),
		triggerWorkflow('benchTrigNoDup03', { ignoreDuplicates: false }, 3),
		webhookSwitchWorkflow('benchHookRespond', 'bench-respond', true),
		routerWorkflow('benchHookRouter1', 'bench-router'),
	];
	const labels = [
		'bare Webhook node',
		'Webhook → Split Out → Switch',
		'trigger v3, defaults (Webhook Secret, When Saved)',
		'trigger v3, Ignore Duplicates off',
		'Webhook → Respond to Webhook → Split Out → Switch',
		'Webhook → WhatsApp Interactive Router',
	];
	const extraEnv = parseEnvList(opt('env', ''));
	const work = tmpDir('wai-spans-');
	const spansFile = path.join(work, 'spans.jsonl');
	try {
		const tarball = opt('tarball', '') || packTarball(work).file;
		const n8n = await startN8n({
			tarball,
			workflows: variants.map((v) => v.workflow),
			activate: variants.map((v) => v.id),
			credentials: [WEBHOOK_SECRET_CREDENTIAL],
			port: 0,
			createOwner: OWNER,
			env: {
				NODE_OPTIONS: `--require=${path.join(__dirname, 'spans-preload.js')}`,
				WAI_SPANS_FILE: spansFile,
				...extraEnv,
			},
		});
		const template = sinchBatchTemplate(1);
		let n = 0;
		const client = new Map<string, number[]>();
		try {
			await waitIdle(n8n.pid, { timeoutMs: 60_000 });
			for (const variant of variants) {
				const ms: number[] = [];
				for (let i = 0; i < requests; i++) {
					const answer = await post(
						n8n.webhookUrl(variant.path),
						template.split('@@N@@').join(`s${++n}`),
					);
					if (answer.status !== 200) throw new Error(`${variant.label}: HTTP ${answer.status}`);
					ms.push(answer.ms);
					await sleep(pauseMs);
				}
				client.set(variant.path.split('/')[0].split('?')[0], ms);
			}
		} finally {
			await n8n.stop();
		}
		const rows = fs
			.readFileSync(spansFile, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as Record<string, number> & { path: string });
		console.log(
			`${requests} one-event callbacks per workflow, one at a time, ${pauseMs} ms apart; medians in ms\n`,
		);
		console.log(`| workflow | client | ${SPANS.map(([, what]) => what).join(' | ')} |`);
		console.log(`|---|--:|${SPANS.map(() => '--:').join('|')}|`);
		variants.forEach((variant, i) => {
			const key = variant.path.split('/')[0].split('?')[0];
			const mine = rows.filter((r) => r.path.split('/')[0] === key);
			const cells = SPANS.map(([span]) =>
				mine.some((r) => r[span] !== undefined)
					? median(mine.map((r) => r[span] ?? 0)).toFixed(1)
					: '–',
			);
			console.log(
				`| ${labels[i]} | ${median(client.get(key) ?? []).toFixed(1)} | ${cells.join(' | ')} |`,
			);
		});
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
