/**
 * The package in n8n's queue mode: one host for the whole file (scripts/queue-host.js) — Redis,
 * PostgreSQL, a main process, two `n8n webhook` processes behind a round-robin front, two
 * `n8n worker` processes — each n8n process with the packed package installed as n8n's Community
 * Nodes installer does. The mock provider runs in this process.
 */
import { startMockProvider, type MockProvider } from '../mock-provider';
import {
	BUSINESS,
	messangiButtonReply,
	messangiListReply,
	messangiStatus,
	sinchBatch,
	sinchButtonReply,
	sinchListReply,
	sinchStatus,
	sinchText,
	USER,
} from '../trigger/fixtures';
import { freePort, type OwnerAccount } from '../e2e/harness/n8n';
import {
	EXAMPLE_11_EVERY_BRANCH,
	executionIds,
	newExecutions,
	nodesRun,
	outputsOf,
	postJson,
	readExample,
	readExampleCredentials,
	retarget,
	triggerUrl,
	type Credential,
	type Workflow,
} from '../e2e/support';
import { startQueueHost, type QueueHost } from './host';

const OWNER: OwnerAccount = {
	email: 'owner@example.com',
	password: 'Passw0rd-queue',
	firstName: 'Queue',
	lastName: 'Mode',
};
const ACTION = 'n8n-nodes-whatsapp-interactive.whatsAppInteractive';
const MESSANGI_CRED = { messangiApi: { id: 'waiMessangiMock', name: 'Messangi (local mock)' } };
const SINCH_CRED = { sinchLatamApi: { id: 'waiSinchMock', name: 'Sinch LATAM (local mock)' } };

const messangiButtons = {
	provider: 'messangi',
	to: '+1000000002',
	from: '1000000001',
	messageType: 'buttons',
	bodyText: '=Queue mode {{ $json.body.run }}',
	buttons: {
		button: [
			{ id: 'yes', title: 'Yes' },
			{ id: 'no', title: 'No' },
		],
	},
};
const sinchButtons = {
	provider: 'sinchLatam',
	to: '+55 (19) 90000-1111',
	messageType: 'buttons',
	bodyText: '=Queue mode {{ $json.body.run }}',
	buttons: {
		button: [
			{ id: 'yes', title: 'Yes' },
			{ id: 'no', title: 'No' },
		],
	},
	options: { correlationId: '={{ "queue-" + $json.body.run }}' },
};

/** A production Webhook → Send and Build Payload for both providers: it can only run in a worker. */
const sendWorkflow: Workflow = {
	id: 'waiQueueSend0001',
	name: 'queue: send from a worker',
	nodes: [
		{
			id: '22222222-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '22222222-0000-4000-8000-0000000000aa',
			parameters: {
				httpMethod: 'POST',
				path: 'queue-send',
				responseMode: 'onReceived',
				options: {},
			},
		},
		...(
			[
				['Messangi send', MESSANGI_CRED, 'send', messangiButtons],
				['Sinch send', SINCH_CRED, 'send', sinchButtons],
				['Messangi payload', undefined, 'buildPayload', messangiButtons],
				['Sinch payload', undefined, 'buildPayload', sinchButtons],
			] as const
		).map(([name, credentials, operation, params], i) => ({
			id: `22222222-0000-4000-8000-00000000001${i}`,
			name,
			type: ACTION,
			typeVersion: 1,
			position: [300, i * 150] as [number, number],
			...(credentials ? { credentials } : {}),
			parameters: { ...params, operation },
		})),
	],
	connections: {
		Webhook: {
			main: [
				['Messangi send', 'Sinch send', 'Messangi payload', 'Sinch payload'].map((node) => ({
					node,
					type: 'main',
					index: 0,
				})),
			],
		},
	},
	settings: { executionOrder: 'v1' },
};

/** A production Webhook → Send and Wait (Sinch LATAM buttons) → No-Op: it waits in PostgreSQL. */
const askWorkflow: Workflow = {
	id: 'waiQueueAsk00001',
	name: 'queue: send and wait',
	nodes: [
		{
			id: '33333333-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '33333333-0000-4000-8000-0000000000aa',
			parameters: {
				httpMethod: 'POST',
				path: 'queue-ask',
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			id: '33333333-0000-4000-8000-000000000002',
			name: 'Ask',
			type: ACTION,
			typeVersion: 1,
			position: [300, 0],
			credentials: SINCH_CRED,
			parameters: {
				provider: 'sinchLatam',
				operation: 'sendAndWait',
				to: '={{ $json.body.to }}',
				messageType: 'buttons',
				bodyText: 'Queue mode: keep the appointment?',
				buttons: {
					button: [
						{ id: 'yes', title: 'Yes' },
						{ id: 'no', title: 'No' },
					],
				},
				limitType: 'none',
			},
		},
		{
			id: '33333333-0000-4000-8000-000000000003',
			name: 'Answered',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [600, 0],
			parameters: {},
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
		Ask: { main: [[{ node: 'Answered', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

/** The same, asking for a typed answer (Send and Wait → Free Text). */
const askTextWorkflow: Workflow = {
	...askWorkflow,
	id: 'waiQueueAskText1',
	name: 'queue: ask for a typed answer',
	nodes: askWorkflow.nodes.map((node, k) => ({
		...node,
		id: `33333333-0000-4000-8000-00000000010${k}`,
		...(node.webhookId ? { webhookId: '33333333-0000-4000-8000-0000000001aa' } : {}),
		parameters:
			node.name === 'Webhook'
				? { ...node.parameters, path: 'queue-ask-text' }
				: node.name === 'Ask'
					? {
							provider: 'sinchLatam',
							operation: 'sendAndWait',
							responseType: 'freeText',
							to: '={{ $json.body.to }}',
							message: 'Queue mode: what is your order number?',
							answerValidation: 'number',
							limitType: 'none',
						}
					: node.parameters,
	})),
};

let mock: MockProvider;
let q: QueueHost;
let credentials: Credential[];
let routing: Workflow;
let router: Workflow;
const timings: string[] = [];
const secretOf = () => String(credentials.find((c) => c.id === 'waiWebhookSecret')!.data.secret);
/** Example 11's Webhook node, with the webhook secret the router checks. */
const routerUrl = () =>
	`${q.webhookUrl('sinch-busy-number')}?secret=${encodeURIComponent(secretOf())}`;

beforeAll(async () => {
	const tarball = process.env.WAI_E2E_TARBALL;
	if (!tarball)
		throw new Error(
			'WAI_E2E_TARBALL is not set: run with jest -c jest.queue.config.js (its globalSetup packs the package)',
		);
	mock = await startMockProvider({ port: 0 });
	const frontPort = await freePort();
	const target = { n8nUrl: `http://127.0.0.1:${frontPort}`, mockUrl: mock.url };
	credentials = retarget(readExampleCredentials(), target);
	routing = retarget(readExample('03-trigger-routing.json'), target);
	router = retarget(readExample('11-sinch-router-busy-number.json'), target);
	q = await startQueueHost({
		tarball,
		frontPort,
		credentials,
		workflows: [routing, router, sendWorkflow, askWorkflow, askTextWorkflow],
		activate: [routing.id, router.id, sendWorkflow.id, askWorkflow.id, askTextWorkflow.id],
		createOwner: OWNER,
	});
	timings.push(
		`queue host (Redis, Postgres, main, 2 webhook processes, 2 workers) started in ${(q.startMs / 1000).toFixed(1)} s`,
	);
}, 600000);

afterAll(async () => {
	if (q) await q.stop();
	if (mock) await mock.close();
	if (timings.length) process.stderr.write(`\n[queue] ${timings.join('\n[queue] ')}\n`);
}, 120000);

beforeEach(() => mock.reset());

describe('the host', () => {
	test('every n8n process runs in queue mode with the package loaded', () => {
		for (const p of [...q.webhooks, ...q.workers]) {
			expect(p.exited()).toBeNull();
			const log = p.logTail(400);
			expect(log).not.toMatch(/Unrecognized (node|credential) type/i);
		}
		expect(q.main.logTail(400)).toMatch(/Activated workflow/);
	});
});

describe('sending runs in a worker and reaches the mock provider', () => {
	test('Send (both providers) and Build Payload (both providers), started by a production webhook', async () => {
		const before = await executionIds(q.main, sendWorkflow.id);
		const runs = ['r1', 'r2'];
		for (const run of runs)
			expect((await postJson(q.webhookUrl('queue-send'), { run })).status).toBe(200);
		const execs = await newExecutions(q.main, sendWorkflow.id, before, runs.length, {
			timeoutMs: 60000,
		});
		expect(execs).toHaveLength(runs.length);
		const byWorker = q.executionWorkers();
		for (const exec of execs) {
			expect(exec.status).toBe('success');
			expect(exec.mode).toBe('webhook');
			// Run by a worker (the webhook processes and main never run production executions in queue mode).
			expect(byWorker[exec.id]).toEqual(expect.any(Number));
			const run = (outputsOf(exec, 'Webhook')![0][0].body as { run: string }).run;
			expect(outputsOf(exec, 'Messangi send')![0]).toEqual([
				expect.objectContaining({ provider: 'messangi' }),
			]);
			expect(outputsOf(exec, 'Sinch send')![0]).toEqual([
				expect.objectContaining({ provider: 'sinchLatam' }),
			]);
			const [messangiPayload] = outputsOf(exec, 'Messangi payload')![0];
			expect(messangiPayload).toMatchObject({ provider: 'messangi', method: 'POST' });
			expect(JSON.stringify(messangiPayload.body)).toContain(`Queue mode ${run}`);
			const [sinchPayload] = outputsOf(exec, 'Sinch payload')![0];
			expect(sinchPayload).toMatchObject({ provider: 'sinchLatam', method: 'POST' });
			expect(JSON.stringify(sinchPayload.body)).toContain(`queue-${run}`);
		}
		// Send reached the mock once per run and provider; Build Payload sent nothing.
		const bodies = (p: string) =>
			mock.requests.filter((r) => r.provider === p).map((r) => JSON.stringify(r.body));
		expect(bodies('messangi')).toHaveLength(runs.length);
		expect(bodies('sinchLatam')).toHaveLength(runs.length);
		for (const run of runs) {
			expect(bodies('messangi').some((b) => b.includes(`Queue mode ${run}`))).toBe(true);
			expect(bodies('sinchLatam').some((b) => b.includes(`queue-${run}`))).toBe(true);
		}
	});
});

describe('the trigger behind both webhook processes', () => {
	const sinchUrl = () =>
		`${triggerUrl(q, routing, 'Sinch LATAM callbacks')}?secret=${encodeURIComponent(secretOf())}`;
	const messangiUrl = () => triggerUrl(q, routing, 'Messangi callbacks');

	test("a mixed Sinch batch of two customers, through each webhook process: one execution per customer and one for the status (each part handed to the process's own listener), each event on its output", async () => {
		const before = await executionIds(q.main, routing.id);
		const served = new Set<string>();
		const OTHER = '5511988887777';
		for (const p of [0, 1]) {
			const batch = sinchBatch(
				sinchListReply(`q-mixed-list-${p}`, 'row-42'),
				sinchStatus(`q-mixed-status-${p}`, ['sent', 'delivered']),
				sinchButtonReply(`q-mixed-button-${p}`, 'change_appointment'),
				{
					...sinchText(`q-mixed-text-${p}`, 'Is there parking?'),
					source: OTHER,
					userProfile: { name: 'Bia', whatsAppId: OTHER },
				},
			);
			const res = await fetch(sinchUrl(), {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-queue-backend': String(p) },
				body: JSON.stringify(batch),
			});
			served.add(String(res.headers.get('x-queue-backend')));
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({
				received: 4,
				delivered: 4,
				duplicates: 0,
				ignored: 0,
				unrecognised: 0,
				executions: 3,
			});
		}
		expect([...served].sort()).toEqual(['0', '1']);
		const execs = await newExecutions(q.main, routing.id, before, 6, { timeoutMs: 60000 });
		expect(execs).toHaveLength(6);
		for (const exec of execs) expect(exec.status).toBe('success');
		const ran = (name: string) => execs.filter((e) => nodesRun(e).includes(name));
		expect(ran('List reply').map(nodesRun)).toEqual([
			['Button reply', 'List reply', 'Sinch LATAM callbacks'],
			['Button reply', 'List reply', 'Sinch LATAM callbacks'],
		]);
		expect(ran('Log status').map(nodesRun)).toEqual([
			['Log status', 'Sinch LATAM callbacks'],
			['Log status', 'Sinch LATAM callbacks'],
		]);
		expect(ran('Log message').map(nodesRun)).toEqual([
			['Log message', 'Sinch LATAM callbacks'],
			['Log message', 'Sinch LATAM callbacks'],
		]);
		for (const exec of ran('List reply')) {
			const [lists, buttons] = outputsOf(exec, 'Sinch LATAM callbacks')!;
			expect(lists).toEqual([
				expect.objectContaining({
					event: 'listReply',
					messageId: expect.stringMatching(/^q-mixed-list-/),
					reply: expect.objectContaining({ id: 'row-42' }),
				}),
			]);
			expect(buttons).toEqual([
				expect.objectContaining({
					event: 'buttonReply',
					from: USER,
					to: BUSINESS,
					reply: expect.objectContaining({ id: 'change_appointment' }),
				}),
			]);
		}
		for (const exec of ran('Log status')) {
			const [, , statuses] = outputsOf(exec, 'Sinch LATAM callbacks')!;
			expect(statuses).toEqual([
				expect.objectContaining({
					event: 'status',
					status: expect.objectContaining({ state: 'delivered', code: 4 }),
				}),
			]);
		}
		for (const exec of ran('Log message')) {
			const [, , , messages] = outputsOf(exec, 'Sinch LATAM callbacks')!;
			expect(messages).toEqual([
				expect.objectContaining({ event: 'message', from: OTHER, text: 'Is there parking?' }),
			]);
		}
	});

	test('Messangi callbacks through the front: one execution each, on the right branch', async () => {
		const before = await executionIds(q.main, routing.id);
		const secret = secretOf();
		const answers = [
			await postJson(
				messangiUrl(),
				{ ...messangiButtonReply('snake'), id: 'wamid.q-button' },
				{ 'X-Webhook-Secret': secret },
			),
			await postJson(
				messangiUrl(),
				{ ...messangiListReply('camel'), messageId: 'wamid.q-list' },
				{ 'X-Webhook-Secret': secret },
			),
			await postJson(
				`${messangiUrl()}?secret=${encodeURIComponent(secret)}`,
				messangiStatus('DELIVERED', { messageId: 'msg-q-status' }),
			),
		];
		expect(answers.map((a) => [a.status, (a.body as { delivered?: number }).delivered])).toEqual([
			[200, 1],
			[200, 1],
			[200, 1],
		]);
		const execs = await newExecutions(q.main, routing.id, before, 3, { timeoutMs: 60000 });
		expect(execs).toHaveLength(3);
		const branches = execs
			.map((e) =>
				nodesRun(e)
					.filter((n) => n !== 'Messangi callbacks')
					.join(','),
			)
			.sort();
		expect(branches).toEqual(['Button reply', 'List reply', 'Log status']);
		for (const e of execs) expect(e.status).toBe('success');
	});

	test('the webhook secret holds on both processes: 401, and no execution', async () => {
		const before = await executionIds(q.main, routing.id);
		const base = triggerUrl(q, routing, 'Sinch LATAM callbacks');
		const batch = sinchBatch(sinchButtonReply('q-unauthorised', 'x'));
		const statuses: number[] = [];
		for (const p of [0, 1]) {
			for (const url of [base, `${base}?secret=wrong-secret-wrong-secret`]) {
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-queue-backend': String(p) },
					body: JSON.stringify(batch),
				});
				statuses.push(res.status);
			}
		}
		expect(statuses).toEqual([401, 401, 401, 401]);
		// A good callback afterwards: once it has run, anything the refused ones had started would be listed too.
		expect(
			(await postJson(sinchUrl(), sinchBatch(sinchButtonReply('q-after-401', 'y')))).status,
		).toBe(200);
		const execs = await newExecutions(q.main, routing.id, before, 1, { timeoutMs: 60000 });
		expect(execs).toHaveLength(1);
		expect(outputsOf(execs[0], 'Sinch LATAM callbacks')![1]).toEqual([
			expect.objectContaining({ messageId: 'q-after-401' }),
		]);
	});

	test('a redelivery to the other webhook process is dropped as a duplicate', async () => {
		const before = await executionIds(q.main, routing.id);
		const batch = sinchBatch(sinchStatus('q-redelivered', ['sent']));
		const post = async (p: number) => {
			const res = await fetch(sinchUrl(), {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-queue-backend': String(p) },
				body: JSON.stringify(batch),
			});
			return { status: res.status, body: (await res.json()) as Record<string, number> };
		};
		const first = await post(0);
		expect(first).toEqual({
			status: 200,
			body: expect.objectContaining({ delivered: 1, duplicates: 0 }),
		});
		// n8n saves the trigger's static data after it has queued the execution: give it that moment.
		await new Promise((r) => setTimeout(r, 1000));
		const second = await post(1);
		expect(second).toEqual({
			status: 200,
			body: expect.objectContaining({ delivered: 0, duplicates: 1 }),
		});
		const execs = await newExecutions(q.main, routing.id, before, 1, {
			timeoutMs: 60000,
			settleMs: 1500,
		});
		expect(
			execs.map((e) => outputsOf(e, 'Sinch LATAM callbacks')![2].map((i) => i.messageId)),
		).toEqual([['q-redelivered']]);
	});
});

describe("the router behind n8n's Webhook node, in a worker (example 11)", () => {
	test('through each webhook process: the router answers from the worker, 200 with the receipt and each event on its branch; the same batch again: duplicates; without the secret: 401 and a failed execution', async () => {
		const batch = sinchBatch(
			sinchListReply('q-router-list', 'row-7'),
			sinchButtonReply('q-router-button', 'change_appointment'),
			sinchStatus('q-router-status', ['sent', 'delivered']),
			sinchText('q-router-text', 'Is there parking?'),
		);
		const receipt = { ignored: 0, unrecognised: 0, received: 4 };
		let before = await executionIds(q.main, router.id);
		const first = await postJson(routerUrl(), batch, { 'x-queue-backend': '0' });
		expect({ status: first.status, body: first.body }).toEqual({
			status: 200,
			body: { ...receipt, delivered: 4, duplicates: 0 },
		});
		const [run] = await newExecutions(q.main, router.id, before, 1, { timeoutMs: 60000 });
		expect(run.status).toBe('success');
		expect(q.executionWorkers()[run.id]).toBeDefined();
		expect(nodesRun(run)).toEqual(EXAMPLE_11_EVERY_BRANCH);
		const [lists, buttons, , messages] = outputsOf(run, 'Check and route')!;
		expect(lists).toEqual([
			expect.objectContaining({
				event: 'listReply',
				reply: expect.objectContaining({ id: 'row-7' }),
			}),
		]);
		expect(buttons).toEqual([expect.objectContaining({ event: 'buttonReply', from: USER })]);
		expect(messages).toEqual([expect.objectContaining({ text: 'Is there parking?' })]);

		// The provider sends it again (no answer reached it), to the other webhook process: the
		// worker reads what the first execution stored.
		before = await executionIds(q.main, router.id);
		const again = await postJson(routerUrl(), batch, { 'x-queue-backend': '1' });
		expect({ status: again.status, body: again.body }).toEqual({
			status: 200,
			body: { ...receipt, delivered: 0, duplicates: 4 },
		});
		await newExecutions(q.main, router.id, before, 1, { timeoutMs: 60000 });

		before = await executionIds(q.main, router.id);
		const forged = await postJson(
			q.webhookUrl('sinch-busy-number'),
			sinchBatch(sinchButtonReply('q-router-forged')),
		);
		expect(forged.status).toBe(401);
		const [refused] = await newExecutions(q.main, router.id, before, 1, { timeoutMs: 60000 });
		expect(refused.status).toBe('error');
		expect(nodesRun(refused)).not.toContain('Button reply');
	});
});

describe('credential tests on the main process (POST /rest/credentials/test, as the editor does)', () => {
	const test_ = async (id: string, data: Record<string, unknown>) => {
		const stored = credentials.find((c) => c.id === id)!;
		return q.main.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id, name: stored.name, type: stored.type, data: { ...stored.data, ...data } },
		});
	};

	test('Messangi, Sinch LATAM and the webhook secret: good ones pass, bad ones fail', async () => {
		expect(await test_('waiMessangiMock', {})).toMatchObject({ status: 'OK' });
		expect(await test_('waiMessangiMock', { apiKey: 'not-the-key' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/401/),
		});
		expect(await test_('waiSinchMock', {})).toMatchObject({ status: 'OK' });
		expect(await test_('waiSinchMock', { authenticationToken: 'not-the-token' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/401/),
		});
		expect(await test_('waiWebhookSecret', {})).toMatchObject({ status: 'OK' });
		expect(await test_('waiWebhookSecret', { secret: 'short' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/at least 16/),
		});
	});
});

describe('Send and Wait for Response in queue mode', () => {
	const sinchUrl = () =>
		`${triggerUrl(q, routing, 'Sinch LATAM callbacks')}?secret=${encodeURIComponent(secretOf())}`;
	const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

	/** Asks `to` through the front; returns the references once n8n has stored the wait. */
	async function ask(to: string): Promise<{ refs: string[]; executionId: string }> {
		const res = await postJson(q.webhookUrl('queue-ask'), { to }, {}, 90000);
		expect(res.status).toBe(200);
		const deadline = Date.now() + 90000;
		let refs: string[] = [];
		while (refs.length === 0) {
			const request = mock.requests.find((r) => JSON.stringify(r.body ?? null).includes(to));
			const found = JSON.stringify(request?.body ?? null).match(/wai1\.[A-Za-z0-9._-]+/g);
			if (found) refs = found;
			else if (Date.now() > deadline) throw new Error(`no question to ${to} reached the mock`);
			else await sleep(100);
		}
		const executionId = refs[0].split('.')[1];
		while ((await q.main.getExecution(executionId)).status !== 'waiting') {
			if (Date.now() > deadline) throw new Error(`execution ${executionId} never waited`);
			await sleep(200);
		}
		return { refs, executionId };
	}

	/** A tap posted to one webhook process (x-queue-backend), again while it is answered 503. */
	async function tap(backend: number, from: string, reference: string) {
		return await postTo(backend, {
			...sinchButtonReply(`q-tap-${from}-${reference.slice(-6)}-${backend}`, reference),
			source: from,
		});
	}

	/** A Sinch callback of one entry posted to one webhook process, again while it is answered 503. */
	async function postTo(backend: number, entry: Record<string, unknown>) {
		const body = JSON.stringify(sinchBatch(entry));
		for (let attempt = 0; ; attempt++) {
			const res = await fetch(sinchUrl(), {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-queue-backend': String(backend) },
				body,
			});
			if (res.status !== 503 || attempt >= 40)
				return { status: res.status, body: (await res.json()) as Record<string, unknown> };
			await sleep(500);
		}
	}

	async function finished(executionId: string) {
		const deadline = Date.now() + 90000;
		let exec = await q.main.getExecution(executionId);
		while (exec.status !== 'success' && Date.now() < deadline) {
			await sleep(250);
			exec = await q.main.getExecution(executionId);
		}
		expect(exec.status).toBe('success');
		return exec;
	}

	test('a tap through either webhook process resumes the question it answers, in a worker', async () => {
		for (const backend of [0, 1]) {
			const to = `551997000000${backend}`;
			const { refs, executionId } = await ask(to);
			const answer = await tap(backend, to, refs[1]);
			expect(answer).toMatchObject({ status: 200, body: { resumed: 1, notResumed: [] } });
			const exec = await finished(executionId);
			expect(outputsOf(exec, 'Ask')![0][0]).toMatchObject({
				answered: true,
				choice: { id: 'no', title: 'No' },
			});
		}
	});

	test('a tap through the router (example 11, in a worker) is not acknowledged: 503, and the question still waits; through the trigger it resumes', async () => {
		const to = '5519970000099';
		const { refs, executionId } = await ask(to);
		const viaRouter = await postJson(
			routerUrl(),
			sinchBatch({ ...sinchButtonReply('q-router-tap', refs[1]), source: to }),
			{},
			60000,
		);
		expect(viaRouter.status).toBe(503);
		await sleep(1000);
		expect((await q.main.getExecution(executionId)).status).toBe('waiting');
		const answer = await tap(1, to, refs[1]);
		expect(answer).toMatchObject({ status: 200, body: { resumed: 1, notResumed: [] } });
		const exec = await finished(executionId);
		expect(outputsOf(exec, 'Ask')![0][0]).toMatchObject({ choice: { id: 'no', title: 'No' } });
	});

	test("Free Text: the question's status through one webhook process, the answer and a re-prompted one through the other: it resumes in a worker", async () => {
		for (const [asked, answered] of [
			[0, 1],
			[1, 0],
		]) {
			const to = `55199710000${asked}${answered}`;
			const res = await postJson(q.webhookUrl('queue-ask-text'), { to }, {}, 90000);
			expect(res.status).toBe(200);
			const deadline = Date.now() + 90000;
			let ref: string | undefined;
			while (!ref) {
				const request = mock.requests.find((r) => JSON.stringify(r.body ?? null).includes(to));
				ref = JSON.stringify(request?.body ?? null).match(/wai1\.[A-Za-z0-9._-]+/)?.[0];
				if (!ref && Date.now() > deadline) throw new Error(`no question to ${to} reached the mock`);
				if (!ref) await sleep(100);
			}
			const executionId = ref.split('.')[1];
			while ((await q.main.getExecution(executionId)).status !== 'waiting') {
				if (Date.now() > deadline) throw new Error(`execution ${executionId} never waited`);
				await sleep(200);
			}
			const status = await postTo(asked, {
				id: `q-status-${to}`,
				correlationId: ref,
				destination: to,
				origin: '5519900002222',
				sent: true,
				sentStatusCode: 2,
				sentStatus: 'SENT_SUCCESS',
			});
			expect(status.status).toBe(200);
			// n8n writes the registration to PostgreSQL right after answering the status.
			await sleep(1000);
			const text = (id: string, messageText: string) => ({
				id,
				source: to,
				origin: '5519900002222',
				userProfile: { name: 'Ana', whatsAppId: to },
				message: { type: 'TEXT', messageText },
			});
			expect(await postTo(answered, text(`q-text-${to}-1`, 'soon'))).toMatchObject({
				status: 200,
				body: { answered: 1 },
			});
			// n8n writes the re-prompt count to PostgreSQL right after answering, as it did the status.
			await sleep(1000);
			// The re-prompt count lives in the database too: the other process goes on from it.
			expect(await postTo(asked, text(`q-text-${to}-2`, '4711'))).toMatchObject({
				status: 200,
				body: { answered: 1 },
			});
			const exec = await finished(executionId);
			expect(outputsOf(exec, 'Ask')![0][0]).toMatchObject({
				answered: true,
				valid: true,
				text: '4711',
				reprompts: 1,
			});
		}
	});

	test('two taps of the person asked, on both webhook processes at once: the question is answered once', async () => {
		const to = '5519970000009';
		const { refs, executionId } = await ask(to);
		const answers = await Promise.all([tap(0, to, refs[0]), tap(1, to, refs[1])]);
		for (const answer of answers) expect(answer.status).toBe(200);
		expect(answers.map((a) => a.body.resumed).sort()).toEqual([0, 1]);
		const exec = await finished(executionId);
		expect(exec.data!.resultData.runData.Answered).toHaveLength(1);
		const chosen = (outputsOf(exec, 'Ask')![0][0] as { choice: { id: string } }).choice.id;
		expect(chosen).toBe(answers[0].body.resumed === 1 ? 'yes' : 'no');
	});
});
