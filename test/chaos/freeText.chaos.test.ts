/**
 * Chaos, typed answers (Send and Wait → Free Text): a real n8n (SQLite) asks customers one after
 * another, a few at a time; each customer's question status and answer are posted to the trigger as
 * the Cloud API would, again until they get a 200; and n8n is killed with SIGKILL while this goes
 * on, each time started again on the same database. Afterwards every answer the trigger
 * acknowledged as taken (`answered` in its 200) is looked up in the executions n8n saved.
 *
 * Done when: 0 acknowledged answers lost: each is in the saved data of its question's execution
 * (which finished, or, when a kill interrupted its run after n8n had stored it, is marked crashed
 * and keeps it, as the other chaos suites count). Also reported: how many finished, answers that
 * reached the trigger's Message output as well
 * (a redelivery after a kill that found the wait already over), and questions whose execution did
 * not survive a kill before it was waiting (no answer can be acknowledged for those).
 */
import { createHmac } from 'crypto';
import * as fs from 'fs';
import { startMockProvider, type MockProvider } from '../mock-provider';
import { freePort, startN8n, type N8nInstance } from '../e2e/harness/n8n';
import { messageCallback, statusCallback } from '../e2e/freeText';
import { readExampleCredentials, retarget, type Workflow } from '../e2e/support';
import { CLOUD_PHONE_NUMBER_ID } from '../trigger/fixtures';
import { sqliteExecutions } from './executions';

const KILLS = Number(process.env.WAI_CHAOS_KILLS ?? 2);
const CUSTOMERS = Number(process.env.WAI_CHAOS_ANSWERS ?? 30);
const APP_SECRET = 'chaos-free-text-app-secret-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

jest.setTimeout(900_000);

const TRIGGER_HOOK = 'f7ee0000-0000-4000-8000-0000000000aa';
const ASK: Workflow = {
	id: 'waiChaosFreeAsk1',
	name: 'chaos: ask for a typed answer',
	nodes: [
		{
			id: 'f7ee0000-0000-4000-8000-000000000001',
			name: 'Start',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'f7ee0000-0000-4000-8000-0000000000bb',
			parameters: {
				httpMethod: 'POST',
				path: 'chaos-ask',
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			id: 'f7ee0000-0000-4000-8000-000000000002',
			name: 'Ask',
			type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractive',
			typeVersion: 1,
			position: [250, 0],
			credentials: {
				whatsAppCloudApi: { id: 'waiCloudMock', name: 'WhatsApp Cloud API (local mock)' },
			},
			parameters: {
				provider: 'whatsAppCloud',
				operation: 'sendAndWait',
				responseType: 'freeText',
				to: '={{ $json.body.to }}',
				from: CLOUD_PHONE_NUMBER_ID,
				message: '=Hi {{ $json.body.name }}, what is your order number?',
				limitType: 'none',
			},
		},
		{
			id: 'f7ee0000-0000-4000-8000-000000000003',
			name: 'Answered',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [500, 0],
			parameters: {},
		},
	],
	connections: {
		Start: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
		Ask: { main: [[{ node: 'Answered', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

/** The trigger (statuses start no executions; its Message output takes ordinary messages). */
const CALLBACKS: Workflow = {
	id: 'waiChaosFreeHook',
	name: 'chaos: typed answers',
	nodes: [
		{
			id: 'f7ee0000-0000-4000-8000-000000000011',
			name: 'Callbacks',
			type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
			typeVersion: 3,
			position: [0, 0],
			webhookId: TRIGGER_HOOK,
			credentials: {
				whatsAppCloudWebhookApi: { id: 'waiChaosFreeHook', name: 'Cloud API webhook (chaos)' },
			},
			parameters: { provider: 'whatsAppCloud', statusStates: ['failed'] },
		},
		{
			id: 'f7ee0000-0000-4000-8000-000000000012',
			name: 'Ordinary message',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [300, 0],
			parameters: {},
		},
	],
	connections: {
		Callbacks: { main: [[], [], [], [{ node: 'Ordinary message', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

interface Customer {
	to: string;
	answer: string;
	/** The question's reference, once the mock has it. */
	reference?: string;
	/** Whether a 200 said the answer was taken. */
	acknowledged: boolean;
	/** Posts of the answer until one was settled. */
	attempts: number;
}

describe('chaos, single process: typed answers while n8n is killed', () => {
	let userFolder: string | undefined;
	let current: N8nInstance | undefined;
	let mock: MockProvider | undefined;

	afterAll(async () => {
		if (current && !current.exited()) await current.stop();
		if (mock) await mock.close();
		if (userFolder && process.env.N8N_E2E_KEEP_USER_FOLDER !== '1')
			fs.rmSync(userFolder, { recursive: true, force: true });
	});

	it(`loses no acknowledged answer over ${KILLS} kills`, async () => {
		const tarball = process.env.WAI_E2E_TARBALL;
		if (!tarball)
			throw new Error(
				'WAI_E2E_TARBALL is not set: run with jest -c jest.chaos.config.js (its globalSetup packs the package)',
			);
		mock = await startMockProvider({ port: 0 });
		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		const credentials = [
			...retarget(readExampleCredentials(), { n8nUrl: base, mockUrl: mock.url }),
			{
				id: 'waiChaosFreeHook',
				name: 'Cloud API webhook (chaos)',
				type: 'whatsAppCloudWebhookApi',
				data: { appSecret: APP_SECRET, verifyToken: 'chaos-free-text-verify-0123' },
			},
		];
		current = await startN8n({
			tarball,
			port,
			credentials,
			workflows: [ASK, CALLBACKS],
			activate: [ASK.id, CALLBACKS.id],
			keepUserFolder: true,
			stopTimeoutMs: 30_000,
		});
		userFolder = current.userFolder;
		const node24 = current.host.node;
		const tag = `cft${Date.now().toString(36)}`;

		/**
		 * A signed Cloud API callback, posted until the trigger answers it (JSON: a 200, or a 503 that
		 * asks for it again), not n8n's start-up page or a refused connection.
		 */
		const deliver = async (body: unknown): Promise<Record<string, unknown>> => {
			const raw = JSON.stringify(body);
			const signature = 'sha256=' + createHmac('sha256', APP_SECRET).update(raw).digest('hex');
			for (;;) {
				try {
					const res = await fetch(`${base}/webhook/${TRIGGER_HOOK}/webhook`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': signature },
						body: raw,
						signal: AbortSignal.timeout(20_000),
					});
					const text = await res.text();
					if ((res.status === 200 || res.status === 503) && text.startsWith('{'))
						return { ...(JSON.parse(text) as Record<string, unknown>), status: res.status };
				} catch {
					/* n8n is down or restarting: as a provider, try again */
				}
				await sleep(500);
			}
		};

		const customers: Customer[] = Array.from({ length: CUSTOMERS }, (_, k) => ({
			to: `+1650${String(7770000 + k)}`,
			answer: `${tag}-answer-${k}`,
			acknowledged: false,
			attempts: 0,
		}));

		/** One customer's conversation: asked (again if the start went lost), status, then the answer. */
		const converse = async (customer: Customer): Promise<void> => {
			const digits = customer.to.replace(/\D/g, '');
			const deadline = Date.now() + 240_000;
			while (!customer.reference) {
				const sent = mock!.requests.find((r) => JSON.stringify(r.body ?? null).includes(digits));
				const found = JSON.stringify(sent?.body ?? null).match(/wai1\.[A-Za-z0-9._-]+/);
				if (found) {
					customer.reference = found[0];
					break;
				}
				if (Date.now() > deadline) return;
				try {
					await fetch(`${base}/webhook/chaos-ask`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ to: customer.to, name: 'Ana' }),
						signal: AbortSignal.timeout(20_000),
					});
				} catch {
					/* n8n down: ask again */
				}
				for (
					let i = 0;
					i < 10 && !mock!.requests.some((r) => JSON.stringify(r.body ?? null).includes(digits));
					i++
				)
					await sleep(300);
			}
			for (let attempt = 0; attempt < 40; attempt++) {
				if (
					(await deliver(statusCallback('whatsAppCloud', customer.to, customer.reference)))
						.status === 200
				)
					break;
				await sleep(500);
			}
			const message = messageCallback('whatsAppCloud', customer.to, customer.answer);
			// Again while the answer is not taken yet (the wait may not be stored yet, or n8n restarting).
			for (let attempt = 0; attempt < 20; attempt++) {
				customer.attempts++;
				const receipt = await deliver(message);
				if (receipt.status === 200 && Number(receipt.answered ?? 0) > 0) {
					customer.acknowledged = true;
					return;
				}
				// Not taken: the status may not have been saved before a kill; register it again.
				await deliver(
					statusCallback('whatsAppCloud', customer.to, customer.reference, 'delivered'),
				);
				await sleep(1000);
			}
		};

		// Four conversations at a time, while n8n is killed now and then.
		let next = 0;
		const lanes = Array.from({ length: 4 }, async () => {
			while (next < customers.length) await converse(customers[next++]);
		});
		const restarts: number[] = [];
		const killing = (async () => {
			for (let k = 0; k < KILLS; k++) {
				await sleep(3000 + Math.random() * 5000);
				try {
					process.kill(-current!.pid, 'SIGKILL');
				} catch {
					/* gone already */
				}
				for (let i = 0; i < 100 && !current!.exited(); i++) await sleep(100);
				await sleep(300 + Math.random() * 1200);
				const t0 = Date.now();
				current = await startN8n({ userFolder, port, keepUserFolder: true, stopTimeoutMs: 30_000 });
				restarts.push(Date.now() - t0);
			}
		})();
		await Promise.all([...lanes, killing]);
		await sleep(5000);
		await current.stop();

		const executions = await sqliteExecutions(node24, userFolder!, tag);
		const asked = executions.filter((e) => e.workflowId === ASK.id);
		const ordinary = executions.filter((e) => e.workflowId === CALLBACKS.id);
		const acknowledged = customers.filter((c) => c.acknowledged);
		// Kept: in the saved data of its question's execution, as the other chaos suites count (an
		// execution a kill interrupted after n8n stored the resumed run keeps it, marked crashed).
		const lost = acknowledged.filter((c) => !asked.some((e) => e.ids.includes(c.answer)));
		const finished = acknowledged.filter((c) =>
			asked.some((e) => e.status === 'success' && e.ids.includes(c.answer)),
		);
		const twice = acknowledged.filter((c) => ordinary.some((e) => e.ids.includes(c.answer)));
		const neverWaited = customers.filter((c) => !c.acknowledged);
		const statuses: Record<string, number> = {};
		for (const e of asked) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
		process.stdout.write(
			`\n[chaos] typed answers, n8n SIGKILLed ${KILLS} times (restarts took ${restarts.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s): ${customers.length} customers, ${acknowledged.length} answers acknowledged as taken, lost ${lost.length}, finished ${finished.length}, also on the Message output ${twice.length}; not acknowledged ${neverWaited.length}; asking executions by status ${JSON.stringify(statuses)}; answer posts ${customers.reduce((n, c) => n + c.attempts, 0)}\n`,
		);
		if (lost.length) process.stdout.write(`[chaos] lost: ${JSON.stringify(lost)}\n`);
		expect(acknowledged.length).toBeGreaterThan(customers.length / 2);
		expect(lost).toEqual([]);
	});
});
