/**
 * The chaos suite's provider: a steady stream of one-event callbacks, each with an id of its own,
 * posted to several targets at once (the trigger for each provider, and n8n's own Webhook node as
 * the reference). Like a provider, it sends a callback again until it gets a 200: after an error
 * status, a refused or reset connection, or no answer within `timeoutMs`. Every count is per
 * target; `lost` and `twice` are worked out afterwards from the executions n8n saved.
 */
import { createHmac } from 'crypto';
import * as http from 'http';
import { cloudWebhook, sinchBatch, sinchButtonReply } from '../trigger/fixtures';

export interface Callback {
	body: string;
	headers: Record<string, string>;
}

export interface Target {
	name: string;
	url: string;
	/** The callback for one event whose id is `id`; the id must appear in the saved execution. */
	make(id: string): Callback;
	/** Whether a 200 receipt said the event was a duplicate (the trigger's receipt; not the Webhook node's). */
	duplicateIn?(body: unknown): boolean;
}

/**
 * n8n's own answer while it starts (abstract-server.js, n8n 2.35.6): a 200 with this text for any
 * request between its database connecting and its migrations finishing, before any webhook runs.
 * A provider takes it for an acknowledgement; a load balancer that routes only to instances whose
 * /healthz/readiness answers 200 never lets it through.
 */
export const N8N_STARTING_UP = 'n8n is starting up. Please wait';

export interface TargetStats {
	sent: Set<string>;
	acknowledged: Set<string>;
	/** Ids that got a 200 from the trigger (or Webhook node) itself, not only n8n's startup page. */
	acknowledgedByNode: Set<string>;
	attempts: number;
	statuses: Record<string, number>;
	/** 200s whose receipt counted the event as a duplicate (a redelivery dropped). */
	droppedAsDuplicate: number;
	/** Ids posted twice at once (`echo`). */
	echoed: Set<string>;
	/** Per id, what each post of it got (time, answer, start of the body): printed for lost ids. */
	history: Map<string, string[]>;
}

export interface StreamOptions {
	/** Callbacks in flight at once, over all targets. */
	concurrency?: number;
	/** Pause of each sender between two callbacks (keeps the stream steady, not a flood). */
	pauseMs?: number;
	/** No answer within this: the callback counts as unanswered and is sent again. */
	timeoutMs?: number;
	/** Wait before a callback is sent again. */
	retryDelayMs?: number;
	/** Ids are `<tag>-<target>-<n>`. */
	tag: string;
	/**
	 * Share of new callbacks posted twice at once (the copy a few ms after the first), as a provider
	 * that retries early does: the copy arrives while n8n is still saving the first.
	 */
	echo?: number;
}

interface Pending {
	target: Target;
	id: string;
	dueAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function post(
	url: string,
	callback: Callback,
	timeoutMs: number,
): Promise<{ status: number; body: unknown }> {
	return new Promise((resolve) => {
		const request = http.request(
			url,
			{
				method: 'POST',
				agent: false,
				headers: { 'content-type': 'application/json', ...callback.headers },
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body: unknown = text;
					try {
						body = JSON.parse(text);
					} catch {
						/* not JSON */
					}
					resolve({ status: response.statusCode ?? 0, body });
				});
				response.on('error', () => resolve({ status: -1, body: null }));
			},
		);
		request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')));
		request.on('error', (error: NodeJS.ErrnoException) =>
			resolve({ status: error.message === 'timeout' ? -2 : -1, body: error.code ?? error.message }),
		);
		request.end(callback.body);
	});
}

export class CallbackStream {
	readonly stats = new Map<string, TargetStats>();
	private readonly retries: Pending[] = [];
	private generating = false;
	private running = false;
	private counter = 0;
	private next = 0;
	private senders: Array<Promise<void>> = [];
	private readonly echoes = new Set<Promise<void>>();
	private readonly opts: Required<StreamOptions>;

	constructor(
		private readonly targets: Target[],
		opts: StreamOptions,
	) {
		this.opts = {
			concurrency: 4,
			pauseMs: 80,
			timeoutMs: 5000,
			retryDelayMs: 400,
			echo: 0,
			...opts,
		};
		for (const t of targets)
			this.stats.set(t.name, {
				sent: new Set(),
				acknowledged: new Set(),
				acknowledgedByNode: new Set(),
				attempts: 0,
				statuses: {},
				droppedAsDuplicate: 0,
				echoed: new Set(),
				history: new Map(),
			});
	}

	/** Starts sending new callbacks (round robin over the targets) and redeliveries. */
	start(): void {
		this.generating = true;
		if (this.running) return;
		this.running = true;
		this.senders = Array.from({ length: this.opts.concurrency }, async () => await this.sender());
	}

	/** Stops making new callbacks; redeliveries go on. */
	stopNew(): void {
		this.generating = false;
	}

	/** Callbacks sent and not acknowledged yet. */
	unacknowledged(): number {
		let n = 0;
		for (const s of this.stats.values()) n += s.sent.size - s.acknowledged.size;
		return n;
	}

	/** Stops new callbacks, waits until every callback was acknowledged (or `timeoutMs`), then stops. */
	async drain(timeoutMs: number): Promise<void> {
		this.stopNew();
		const deadline = Date.now() + timeoutMs;
		while (this.unacknowledged() > 0 && Date.now() < deadline) await sleep(100);
		this.running = false;
		await Promise.all([...this.senders, ...this.echoes]);
	}

	private take(): Pending | null {
		const now = Date.now();
		const due = this.retries.findIndex((p) => p.dueAt <= now);
		if (due >= 0) return this.retries.splice(due, 1)[0];
		if (!this.generating) return null;
		const target = this.targets[this.next++ % this.targets.length];
		const id = `${this.opts.tag}-${target.name}-${++this.counter}`;
		const stats = this.stats.get(target.name)!;
		stats.sent.add(id);
		if (Math.random() < this.opts.echo) {
			stats.echoed.add(id);
			const echo = sleep(5).then(async () => await this.send({ target, id, dueAt: now }, false));
			this.echoes.add(echo);
			void echo.finally(() => this.echoes.delete(echo));
		}
		return { target, id, dueAt: now };
	}

	/** Posts one callback and records the answer; an unanswered one is sent again later if `retry`. */
	private async send(job: Pending, retry: boolean): Promise<void> {
		const stats = this.stats.get(job.target.name)!;
		stats.attempts++;
		const answer = await post(job.target.url, job.target.make(job.id), this.opts.timeoutMs);
		const key =
			answer.body === N8N_STARTING_UP
				? '200 starting up'
				: answer.status > 0
					? String(answer.status)
					: answer.status === -2
						? 'timeout'
						: `connection ${String(answer.body)}`;
		stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
		const line = `${new Date().toISOString().slice(11, 23)} ${key} ${JSON.stringify(answer.body)?.slice(0, 120) ?? ''}`;
		stats.history.set(job.id, [...(stats.history.get(job.id) ?? []), line]);
		if (answer.status === 200) {
			stats.acknowledged.add(job.id);
			if (answer.body !== N8N_STARTING_UP) stats.acknowledgedByNode.add(job.id);
			if (job.target.duplicateIn?.(answer.body)) stats.droppedAsDuplicate++;
		} else if (retry) {
			this.retries.push({ ...job, dueAt: Date.now() + this.opts.retryDelayMs });
		}
	}

	private async sender(): Promise<void> {
		while (this.running) {
			const job = this.take();
			if (!job) {
				await sleep(20);
				continue;
			}
			await this.send(job, true);
			await sleep(this.opts.pauseMs);
		}
	}
}

const triggerDuplicate = (body: unknown) =>
	typeof body === 'object' &&
	body !== null &&
	((body as { duplicates?: number }).duplicates ?? 0) > 0;

/** One Sinch LATAM button reply, its id as the message id. */
export function sinchTarget(url: string): Target {
	return {
		name: 'sinchLatam',
		url,
		make: (id) => ({ body: JSON.stringify(sinchBatch(sinchButtonReply(id))), headers: {} }),
		duplicateIn: triggerDuplicate,
	};
}

/** One Messangi button reply (its callback is the message object itself). */
export function messangiTarget(url: string): Target {
	return {
		name: 'messangi',
		url,
		make: (id) => ({
			body: JSON.stringify({
				id,
				from: '+1000000002',
				to: '1000000001',
				timestamp: '1642531300',
				contact: { profile: { name: 'Alex' } },
				message: {
					type: 'interactive',
					interactive: { type: 'button_reply', button_reply: { id: '0', title: 'Change' } },
				},
			}),
			headers: {},
		}),
		duplicateIn: triggerDuplicate,
	};
}

/** One Cloud API button reply, signed with the app secret as Meta signs it. */
export function cloudTarget(url: string, appSecret: string): Target {
	return {
		name: 'whatsAppCloud',
		url,
		make: (id) => {
			const body = JSON.stringify(
				cloudWebhook({
					contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
					messages: [
						{
							from: '16505551234',
							id,
							timestamp: '1712595443',
							type: 'interactive',
							interactive: {
								type: 'button_reply',
								button_reply: { id: 'yes', title: 'Yes' },
							},
						},
					],
				}),
			);
			const signature = 'sha256=' + createHmac('sha256', appSecret).update(body).digest('hex');
			return { body, headers: { 'x-hub-signature-256': signature } };
		},
		duplicateIn: triggerDuplicate,
	};
}

/** n8n's own Webhook node: the reference. Its body carries the id. */
export function webhookNodeTarget(url: string): Target {
	return {
		name: 'webhookNode',
		url,
		make: (id) => ({ body: JSON.stringify({ id }), headers: {} }),
	};
}

/** An execution as far as the counts go: its status and the callback ids in its data. */
export interface SavedExecution {
	id: string;
	workflowId: string;
	status: string;
	/** When n8n created it (epoch ms). */
	createdAt: number;
	/** Whether its data row exists. */
	hasData: boolean;
	ids: string[];
}

export interface Counts {
	target: string;
	sent: number;
	acknowledged: number;
	saved: number;
	finished: number;
	/**
	 * Acknowledged by the trigger (or the Webhook node), and in no execution — less the executions
	 * whose data n8n replaced (`emptied`), each of which stands for one callback nobody can name now.
	 */
	lost: number;
	/**
	 * Executions of this target's workflow, created while this stream ran, that hold no callback id:
	 * n8n replaced their data with an error record (a job its worker died on, say).
	 */
	emptied: number;
	emptiedStatuses: Record<string, number>;
	/** Acknowledged ids found in no execution (before `emptied` is taken off). */
	notFound: number;
	/** Acknowledged only by n8n's startup page (`N8N_STARTING_UP`), and in no execution. */
	lostToStartupPage: number;
	/** In more than one execution. */
	twice: number;
	/** Of those, ids that were posted twice at once (`echo`): redeliveries Ignore Duplicates did not catch. */
	echoedTwice: number;
	echoed: number;
	/** Redeliveries answered 200 as duplicates. */
	droppedAsDuplicate: number;
	attempts: number;
	statuses: Record<string, number>;
	lostIds: string[];
	twiceIds: string[];
	/** What each lost id's posts got. */
	lostHistory: Record<string, string[]>;
}

/**
 * Joins what the stream saw with the executions n8n saved for the target's workflow; `window`:
 * when the stream ran (executions created then without any id are counted as `emptied`).
 */
export function countTarget(
	name: string,
	stats: TargetStats,
	executions: SavedExecution[],
	window: { from: number; to: number },
): Counts {
	const inExecutions = new Map<string, number>();
	const finished = new Set<string>();
	for (const execution of executions) {
		for (const id of new Set(execution.ids)) {
			if (!stats.sent.has(id)) continue;
			inExecutions.set(id, (inExecutions.get(id) ?? 0) + 1);
			if (execution.status === 'success') finished.add(id);
		}
	}
	const emptiedExecutions = executions.filter(
		(e) => e.ids.length === 0 && e.createdAt >= window.from - 50 && e.createdAt <= window.to,
	);
	const emptiedStatuses: Record<string, number> = {};
	for (const e of emptiedExecutions)
		emptiedStatuses[e.status] = (emptiedStatuses[e.status] ?? 0) + 1;
	const lostIds = [...stats.acknowledgedByNode].filter((id) => !inExecutions.has(id));
	const lostToStartupPage = [...stats.acknowledged].filter(
		(id) => !stats.acknowledgedByNode.has(id) && !inExecutions.has(id),
	).length;
	const twiceIds = [...inExecutions].filter(([, n]) => n > 1).map(([id]) => id);
	return {
		target: name,
		sent: stats.sent.size,
		acknowledged: stats.acknowledged.size,
		saved: inExecutions.size,
		finished: finished.size,
		lost: Math.max(0, lostIds.length - emptiedExecutions.length),
		emptied: emptiedExecutions.length,
		emptiedStatuses,
		notFound: lostIds.length,
		lostToStartupPage,
		twice: twiceIds.length,
		echoedTwice: twiceIds.filter((id) => stats.echoed.has(id)).length,
		echoed: stats.echoed.size,
		droppedAsDuplicate: stats.droppedAsDuplicate,
		attempts: stats.attempts,
		statuses: stats.statuses,
		lostIds: lostIds.slice(0, 10),
		lostHistory: Object.fromEntries(
			lostIds.slice(0, 10).map((id) => [id, stats.history.get(id) ?? []]),
		),
		twiceIds: twiceIds.slice(0, 10),
	};
}

/** The ids a saved execution's data holds (its text searched for `<tag>-<target>-<n>`). */
export function idsIn(text: string, tag: string): string[] {
	return text.match(new RegExp(`${tag}-[A-Za-z]+-\\d+`, 'g')) ?? [];
}

/** A table of counts, one line per target, for the test's output. */
export function formatCounts(title: string, counts: Counts[]): string {
	const head = `| ${title} | sent | acknowledged | saved | finished | lost | acknowledged, not found | executions n8n emptied | lost to n8n's startup page | delivered twice | posted twice at once | of those, delivered twice | redeliveries dropped | attempts | answers |`;
	const rule = '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|';
	const rows = counts.map(
		(c) =>
			`| ${c.target} | ${c.sent} | ${c.acknowledged} | ${c.saved} | ${c.finished} | ${c.lost} | ${c.notFound} | ${c.emptied}${
				c.emptied
					? ` (${Object.entries(c.emptiedStatuses)
							.map(([k, v]) => `${k} ${v}`)
							.join(', ')})`
					: ''
			} | ${c.lostToStartupPage} | ${c.twice} | ${c.echoed} | ${c.echoedTwice} | ${c.droppedAsDuplicate} | ${c.attempts} | ${Object.entries(
				c.statuses,
			)
				.map(([k, v]) => `${k}: ${v}`)
				.join(', ')} |`,
	);
	return [head, rule, ...rows].join('\n');
}
