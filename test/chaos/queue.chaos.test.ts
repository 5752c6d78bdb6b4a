/**
 * Chaos, queue mode: n8n with Redis (its queue kept in an append-only file), PostgreSQL, one main,
 * two webhook processes behind a round-robin front, two workers; the trigger for every provider and
 * n8n's own Webhook node beside it. For each case a steady stream of callbacks with ids of their own
 * goes to all of them while one part fails, and a provider sends every callback again until it
 * gets a 200 (`stream.ts`):
 *   - a webhook process killed with SIGKILL (and started again),
 *   - a worker killed with SIGKILL (and started again),
 *   - Redis restarted,
 *   - PostgreSQL stopped at once (every connection dropped) and started again some seconds later.
 * Afterwards every acknowledged id is looked up in the executions n8n saved in PostgreSQL.
 *
 * Done when: 0 acknowledged callbacks lost in every case, for every provider's callback format with
 * Acknowledge: When Saved, as for the Webhook node. The trigger at At Once is only reported.
 */
import { startQueueHost, type QueueHost } from '../queue/host';
import { postgresExecutions } from './executions';
import { CallbackStream, countTarget, formatCounts, type Counts } from './stream';
import { CHAOS_CREDENTIALS, chaosWorkflows, targetsFor, TRIGGERS } from './workflows';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const somewhere = (min: number, max: number) => sleep(min + Math.random() * (max - min));

jest.setTimeout(1_200_000);

interface Case {
	name: string;
	fault(host: QueueHost): Promise<void>;
}

const CASES: Case[] = [
	{
		name: 'webhook process SIGKILL',
		fault: async (host) => await host.webhooks[0].killAndRestart(1000),
	},
	{ name: 'worker SIGKILL', fault: async (host) => await host.workers[0].killAndRestart(1000) },
	{ name: 'Redis restart', fault: async (host) => await host.redis.restart(2000) },
	{ name: 'PostgreSQL down 5 s', fault: async (host) => await host.postgres.restart(5000) },
];

describe('chaos, queue mode', () => {
	let host: QueueHost | undefined;

	afterAll(async () => {
		await host?.stop();
	});

	it('loses no acknowledged callback when a webhook process, a worker, Redis or PostgreSQL fails (Acknowledge: When Saved)', async () => {
		const tarball = process.env.WAI_E2E_TARBALL;
		if (!tarball)
			throw new Error(
				'WAI_E2E_TARBALL is not set: run with jest -c jest.chaos.config.js (its globalSetup packs the package)',
			);
		const workflows = chaosWorkflows();
		host = await startQueueHost({
			tarball,
			credentials: CHAOS_CREDENTIALS,
			workflows,
			activate: workflows.map((w) => w.id),
			redisPersist: true,
			postgresDurable: true,
			workerConcurrency: 10,
			// A job of a killed worker is taken up again by the other once Bull sees it stalled.
			env: { QUEUE_WORKER_STALLED_INTERVAL: '5000' },
		});
		const run = Date.now().toString(36);
		const results: Array<{
			name: string;
			tag: string;
			stream: CallbackStream;
			window: { from: number; to: number };
		}> = [];
		for (const [k, c] of CASES.entries()) {
			const tag = `chq${run}c${k}`;
			const stream = new CallbackStream(targetsFor(host.frontUrl), {
				tag,
				concurrency: 6,
				pauseMs: 40,
				timeoutMs: 5000,
				retryDelayMs: 500,
				echo: 0.15,
			});
			const window = { from: Date.now(), to: 0 };
			stream.start();
			await somewhere(3000, 5000);
			await c.fault(host);
			await somewhere(3000, 5000);
			await stream.drain(120_000);
			window.to = Date.now();
			results.push({ name: c.name, tag, stream, window });
		}
		// Executions still queued or running finish (a killed worker's job is taken up once stalled).
		await sleep(15_000);

		const failures: string[] = [];
		for (const { name, tag, stream, window } of results) {
			const executions = await postgresExecutions(host.sql, tag);
			const byWorkflow = (id: string) => executions.filter((e) => e.workflowId === id);
			const counts: Counts[] = [
				...TRIGGERS.map((t, i) =>
					countTarget(t.name, stream.stats.get(t.name)!, byWorkflow(workflows[i].id), window),
				),
				countTarget(
					'webhookNode',
					stream.stats.get('webhookNode')!,
					byWorkflow('waiChaosWebhookNode'),
					window,
				),
			];
			process.stdout.write(
				`\n[chaos] queue mode, ${name}: ${executions.length} executions saved\n${formatCounts(name, counts)}\n`,
			);
			for (const c of counts)
				if (c.lost || c.twice)
					process.stdout.write(
						`[chaos] ${name}, ${c.target}: lost ${JSON.stringify(c.lostIds)} twice ${JSON.stringify(c.twiceIds)}\n${JSON.stringify(c.lostHistory, null, 1)}\n`,
					);
			if (stream.unacknowledged() > 0)
				failures.push(`${name}: ${stream.unacknowledged()} callbacks never acknowledged`);
			for (const c of counts) {
				if (c.acknowledged < 5)
					failures.push(`${name}, ${c.target}: only ${c.acknowledged} acknowledged`);
				if (c.target !== 'sinchLatamAtOnce' && c.lost > 0)
					failures.push(`${name}, ${c.target}: ${c.lost} acknowledged and lost`);
			}
		}
		expect(failures).toEqual([]);
	});
});
