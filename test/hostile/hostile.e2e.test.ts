/**
 * Hostile: every way someone other than the person asked could answer a Send and Wait question,
 * tried against a real n8n (the host N8N_TEST_HOST names: 2.35.6 by default, `newest`, `1.x`), and
 * every way a genuine answer could be acknowledged and then lost. Each attack is made while an
 * execution waits; it must leave the execution waiting. Each genuine answer after it must resume
 * the execution, be acknowledged only once n8n has stored the resumed run, and carry the number
 * that was asked.
 *
 * n8n's webhook URL (WEBHOOK_URL) points at a proxy in front of n8n, as in most installations; the
 * proxy passes callbacks through to n8n and answers `/webhook-waiting/` itself with what a
 * misconfigured or hostile proxy answers (401, 404, n8n's "starting up" page), so a trigger that
 * handed taps over through the public URL would lose them.
 *
 * At the end the suite prints, for the host: attempts, accepted (must be 0) and genuine answers
 * lost (must be 0).
 */
import * as http from 'http';
import { startMockProvider, type MockProvider } from '../mock-provider';
import { BUSINESS, sinchBatch } from '../trigger/fixtures';
import { freePort, N8N_VERSION, startN8n, type N8nInstance } from '../e2e/harness/n8n';
import {
	deliverCallback,
	executionIds,
	newExecutions,
	postJson,
	readExampleCredentials,
	referencesIn,
	retarget,
	withExampleSecret,
	type Workflow,
} from '../e2e/support';
import {
	decodeReference,
	encodeReference,
	resumePath,
	type WaitReference,
} from '../../nodes/shared/wait/reference';

jest.setTimeout(300000);

const ACTION = 'n8n-nodes-whatsapp-interactive.whatsAppInteractive';
const TRIGGER = 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger';
const HOST = process.env.N8N_TEST_HOST ?? '2.35.6';

let uuidCounter = 0;
const uuid = () => `0badc0de-0000-4000-8000-${String(++uuidCounter).padStart(12, '0')}`;

const ASK: Workflow = {
	id: 'waiHostileAsk001',
	name: 'hostile: ask',
	nodes: [
		{
			id: uuid(),
			name: 'Start',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: uuid(),
			parameters: {
				httpMethod: 'POST',
				path: 'hostile-ask',
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			id: '0badc0de-a5c0-4000-8000-000000000001',
			name: 'Ask',
			type: ACTION,
			typeVersion: 1,
			position: [250, 0],
			credentials: { sinchLatamApi: { id: 'waiSinchMock', name: 'Sinch LATAM (local mock)' } },
			parameters: {
				provider: 'sinchLatam',
				operation: 'sendAndWait',
				to: '={{ $json.body.to }}',
				bodyText: 'Approve the refund of USD 5,000 to account 12345?',
				messageType: 'buttons',
				buttons: {
					button: [
						{ id: 'approve', title: 'Approve' },
						{ id: 'decline', title: 'Decline' },
					],
				},
				limitType: 'none',
			},
		},
		{
			id: uuid(),
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

/** The same question as Free Text: the number's next message is the answer. */
const ASK_TEXT: Workflow = {
	...ASK,
	id: 'waiHostileAskTxt',
	name: 'hostile: ask for a typed answer',
	nodes: ASK.nodes.map((node) =>
		node.name === 'Start'
			? {
					...node,
					id: '0badc0de-a5c0-4000-8000-000000000011',
					webhookId: '0badc0de-a5c0-4000-8000-000000000012',
					parameters: { ...node.parameters, path: 'hostile-ask-text' },
				}
			: node.name === 'Ask'
				? {
						...node,
						id: '0badc0de-a5c0-4000-8000-000000000013',
						parameters: {
							provider: 'sinchLatam',
							operation: 'sendAndWait',
							responseType: 'freeText',
							to: '={{ $json.body.to }}',
							message: 'Type the account number to send USD 5,000 to',
							limitType: 'none',
						},
					}
				: { ...node, id: '0badc0de-a5c0-4000-8000-000000000014' },
	),
};

const SECURED_HOOK = '0badc0de-7a95-4000-8000-00000000000a';
const OPEN_HOOK = '0badc0de-7a95-4000-8000-00000000000b';
const TAPS: Workflow = {
	id: 'waiHostileTaps01',
	name: 'hostile: taps',
	nodes: [
		{
			id: uuid(),
			name: 'Secured',
			type: TRIGGER,
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: SECURED_HOOK,
			parameters: { provider: 'sinchLatam', authentication: 'secret', ignoreDuplicates: true },
			credentials: {
				whatsAppInteractiveWebhookApi: {
					id: 'waiWebhookSecret',
					name: 'Webhook secret (local example)',
				},
			},
		},
		{
			id: uuid(),
			name: 'Open',
			type: TRIGGER,
			typeVersion: 1.1,
			position: [0, 300],
			webhookId: OPEN_HOOK,
			parameters: { provider: 'sinchLatam', authentication: 'none', ignoreDuplicates: true },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

/**
 * n8n's Webhook node (Respond: Using 'Respond to Webhook' Node) → WhatsApp Interactive Router
 * (Sinch LATAM, Webhook Secret) → one NoOp per output; the Respond to Webhook node n8n asks for
 * hangs off Button Reply (the router has answered by then).
 */
const ROUTER_TYPE = 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveRouter';
const ROUTER_PATH = 'hostile-router';
const ROUTER_OUTPUTS = ['List Reply', 'Button Reply', 'Status', 'Message'];
const ROUTER: Workflow = {
	id: 'waiHostileRouter',
	name: 'hostile: webhook and router',
	nodes: [
		{
			id: uuid(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '0badc0de-7a95-4000-8000-00000000000c',
			parameters: {
				httpMethod: 'POST',
				path: ROUTER_PATH,
				responseMode: 'responseNode',
				options: {},
			},
		},
		{
			id: uuid(),
			name: 'Router',
			type: ROUTER_TYPE,
			typeVersion: 1,
			position: [250, 0],
			parameters: { provider: 'sinchLatam' },
			credentials: {
				whatsAppInteractiveWebhookApi: {
					id: 'waiWebhookSecret',
					name: 'Webhook secret (local example)',
				},
			},
		},
		...ROUTER_OUTPUTS.map((name, k) => ({
			id: uuid(),
			name,
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [500, k * 150] as [number, number],
			parameters: {},
		})),
		{
			id: uuid(),
			name: 'Respond to Webhook',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [750, 150],
			parameters: { respondWith: 'noData', options: {} },
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Router', type: 'main', index: 0 }]] },
		Router: {
			main: ROUTER_OUTPUTS.map((name) => [{ node: name, type: 'main', index: 0 }]),
		},
		'Button Reply': { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

/** What the proxy in front of n8n answers on `/webhook-waiting/`. */
type ProxyMode = 'pass' | '401' | '404' | 'startup';
let proxyMode: ProxyMode = '401';
let proxy: http.Server;
let proxyBase: string;
let mock: MockProvider;
let n8n: N8nInstance;
const tally = { attempts: 0, accepted: 0, genuine: 0, lost: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startProxy(port: number, target: number): Promise<http.Server> {
	const server = http.createServer((req, res) => {
		if ((req.url ?? '').startsWith('/webhook-waiting/') && proxyMode !== 'pass') {
			req.resume();
			if (proxyMode === '401')
				res
					.writeHead(401, { 'content-type': 'text/html' })
					.end('<html>401 Authorization Required</html>');
			else if (proxyMode === '404')
				res.writeHead(404, { 'content-type': 'text/html' }).end('<html>404 Not Found</html>');
			else
				res.writeHead(200, { 'content-type': 'text/html' }).end('n8n is starting up. Please wait');
			return;
		}
		const upstream = http.request(
			{ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.writeHead(502).end('Bad Gateway'));
		req.pipe(upstream);
	});
	return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
	const tarball = process.env.WAI_E2E_TARBALL;
	if (!tarball)
		throw new Error('WAI_E2E_TARBALL is not set: run with jest -c jest.hostile.config.js');
	mock = await startMockProvider({ port: 0 });
	const port = await freePort();
	const proxyPort = await freePort();
	proxy = await startProxy(proxyPort, port);
	proxyBase = `http://127.0.0.1:${proxyPort}/`;
	const credentials = retarget(readExampleCredentials(), {
		n8nUrl: `http://127.0.0.1:${port}`,
		mockUrl: mock.url,
	});
	n8n = await startN8n({
		tarball,
		port,
		credentials,
		workflows: [ASK, ASK_TEXT, TAPS, ROUTER],
		activate: [ASK.id, ASK_TEXT.id, TAPS.id, ROUTER.id],
		createOwner: {
			email: 'hostile@example.com',
			password: 'Passw0rd-hostile',
			firstName: 'H',
			lastName: 'T',
		},
		// The URL n8n gives out for its webhooks is the proxy's, as behind a reverse proxy.
		env: { WEBHOOK_URL: proxyBase, N8N_WEBHOOK_URL: proxyBase },
	});
}, 600000);

afterAll(async () => {
	process.stderr.write(
		`\n[hostile n8n ${N8N_VERSION} (${HOST})] attempts ${tally.attempts}, accepted ${tally.accepted}, genuine answers ${tally.genuine}, lost ${tally.lost}\n`,
	);
	if (n8n) await n8n.stop();
	if (mock) await mock.close();
	if (proxy) await new Promise((r) => proxy.close(r));
}, 60000);

let numberCounter = 0;
const newNumber = () => `5519${String(970000000 + ++numberCounter)}`;

/** Asks `to`, waits until n8n has stored the wait; returns the references and the execution. */
async function ask(to: string): Promise<{ refs: string[]; executionId: string }> {
	const seen = mock.requests.length;
	const res = await postJson(`${n8n.baseUrl}/webhook/hostile-ask`, { to }, {}, 90000);
	expect(res.status).toBe(200);
	const deadline = Date.now() + 90000;
	let refs: string[] = [];
	while (refs.length === 0) {
		const request = mock.requests
			.slice(seen)
			.find((r) => JSON.stringify(r.body ?? null).includes(to) && referencesIn(r.body).length > 0);
		if (request) refs = referencesIn(request.body);
		else if (Date.now() > deadline) throw new Error(`no question to ${to} reached the mock`);
		else await sleep(100);
	}
	const executionId = decodeReference(refs[0])!.executionId;
	while ((await n8n.getExecution(executionId)).status !== 'waiting') {
		if (Date.now() > deadline) throw new Error(`execution ${executionId} never waited`);
		await sleep(200);
	}
	return { refs, executionId };
}

let tapCounter = 0;
function sinchTap(from: string, reference: string): Record<string, unknown> {
	return {
		id: `hostile-tap-${++tapCounter}`,
		source: from,
		origin: BUSINESS,
		userProfile: { name: 'Ana Souza', whatsAppId: from },
		message: {
			type: 'BUTTON',
			messageText: 'Approve',
			interactive: { type: 'BUTTON_REPLY', buttonReply: { payload: reference, title: 'Approve' } },
		},
		receivedDate: '2026-12-01T14:00:00Z',
	};
}

/** The trigger URLs as the provider has them: through the proxy. */
const securedUrl = () => withExampleSecret(`${proxyBase}webhook/${SECURED_HOOK}/webhook`);
const openUrl = () => `${proxyBase}webhook/${OPEN_HOOK}/webhook`;

/** Posts a callback as a provider does: again while it is answered 503. */
const deliver = async (url: string, body: unknown) =>
	(await deliverCallback(url, body)) as { status: number; body: any };

/** An attack while `executionId` waits: whatever it does, the execution must still wait. */
async function attack(executionId: string, what: () => Promise<unknown>): Promise<void> {
	tally.attempts++;
	await what();
	await sleep(300);
	const status = (await n8n.getExecution(executionId)).status;
	if (status !== 'waiting') tally.accepted++;
	expect(status).toBe('waiting');
}

/**
 * The resumed execution once it has finished successfully and n8n has saved its last run (the
 * workflow's last node, Answered, in its data). n8n 1.x with its default SQLite settings writes an
 * execution's status and its data in two statements: between them a reader sees 'success' with the
 * data saved when the execution resumed (Ask's waiting run taken off, nothing after it).
 */
async function finished(executionId: string) {
	const done = (e: {
		status: string;
		data?: { resultData: { runData: Record<string, unknown[]> } };
	}) => e.status === 'success' && Boolean(e.data?.resultData.runData.Answered?.length);
	const deadline = Date.now() + 90000;
	let exec = await n8n.getExecution(executionId);
	while (!done(exec) && Date.now() < deadline) {
		await sleep(250);
		exec = await n8n.getExecution(executionId);
	}
	expect(exec.status).toBe('success');
	return exec;
}

/** The resumed execution's Ask output, once the execution has finished successfully. */
async function askOutput(executionId: string): Promise<Record<string, any>> {
	const exec = await finished(executionId);
	return exec.data!.resultData.runData.Ask.at(-1)!.data!.main![0]![0].json as Record<string, any>;
}

/**
 * The genuine answer: the person asked taps `choice`. The trigger's 200 must mean n8n has stored
 * the resumed run (the execution no longer waits at that moment), and the output must carry the
 * number asked and the choice tapped.
 */
async function answer(to: string, refs: string[], executionId: string, choice = 0): Promise<void> {
	tally.genuine++;
	let kept = false;
	try {
		const res = await deliver(securedUrl(), sinchBatch(sinchTap(to, refs[choice])));
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ resumed: 1, notResumed: [] });
		expect((await n8n.getExecution(executionId)).status).not.toBe('waiting');
		const out = await askOutput(executionId);
		expect(out).toMatchObject({ answered: true, choice: { id: ['approve', 'decline'][choice] } });
		expect(String(out.from).replace(/\D/g, '')).toBe(to);
		kept = true;
	} finally {
		if (!kept) tally.lost++;
	}
}

/** The reference with some of its parts replaced, re-encoded (its signature is then not n8n's). */
function altered(reference: string, change: Partial<WaitReference>): string {
	return encodeReference({ ...decodeReference(reference)!, ...change });
}

/** A POST straight to n8n's waiting webhook, as someone holding a reference could make it. */
async function postWaiting(path: string, body: unknown) {
	return await postJson(`${n8n.baseUrl}/webhook-waiting${path}`, body, {}, 90000);
}

const forgedEvent = (from: string, reference: string) => ({
	event: 'buttonReply',
	provider: 'sinchLatam',
	from,
	contactName: 'Ana Souza',
	reply: { id: reference, title: 'Approve' },
});

describe(`on n8n ${N8N_VERSION}: no one but the person asked can answer`, () => {
	test('a resume with no signature, or a wrong one, straight to the waiting URL: nothing resumes', async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		const ref = decodeReference(refs[0])!;
		const bare = `/${executionId}/${ref.nodeId}?k=0&w=${ref.waitId}`;
		await attack(executionId, () => postWaiting(bare, { event: forgedEvent(to, refs[0]) }));
		await attack(executionId, () =>
			postWaiting(`${bare}&signature=${'0'.repeat(64)}`, { event: forgedEvent(to, refs[0]) }),
		);
		await answer(to, refs, executionId);
	});

	test("the genuine reference's own signed URL, posted straight to n8n with the recipient's number: nothing resumes", async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		const path = resumePath(decodeReference(refs[0])!);
		await attack(executionId, () => postWaiting(path, { event: forgedEvent(to, refs[0]) }));
		// Shaped as the trigger's hop, with a made-up proof.
		await attack(executionId, () =>
			postWaiting(path, { event: JSON.stringify(forgedEvent(to, refs[0])), proof: 'f'.repeat(64) }),
		);
		// Through the public URL (the proxy passing it on).
		proxyMode = 'pass';
		try {
			await attack(executionId, () =>
				postJson(
					`${proxyBase}webhook-waiting${path}`,
					{ event: forgedEvent(to, refs[0]) },
					{},
					90000,
				),
			);
		} finally {
			proxyMode = '401';
		}
		await answer(to, refs, executionId);
	});

	test('a reference replayed onto another execution, node, choice or wait: refused as tampered', async () => {
		const to = newNumber();
		const first = await ask(to);
		const second = await ask(to);
		const ref = decodeReference(first.refs[0])!;
		const tries: Array<[string, Partial<WaitReference>]> = [
			['another execution', { executionId: second.executionId }],
			['another node', { nodeId: '0badc0de-a5c0-4000-8000-000000000009' }],
			['another choice', { choice: 1 }],
			['another wait', { waitId: decodeReference(second.refs[0])!.waitId }],
		];
		for (const [, change] of tries) {
			const forged = altered(first.refs[0], change);
			await attack(second.executionId, async () => {
				const res = await deliver(securedUrl(), sinchBatch(sinchTap(to, forged)));
				expect(res.status).toBe(200);
				expect(res.body).toMatchObject({ resumed: 0, notResumed: [{ reason: 'tampered' }] });
			});
			expect((await n8n.getExecution(first.executionId)).status).toBe('waiting');
		}
		expect(ref.choice).toBe(0);
		await answer(to, first.refs, first.executionId, 1);
		await answer(to, second.refs, second.executionId);
	});

	test('a tap from a number that was not asked: refused; the right number still answers', async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		await attack(executionId, async () => {
			const res = await deliver(securedUrl(), sinchBatch(sinchTap(newNumber(), refs[0])));
			expect(res.body).toMatchObject({ resumed: 0, notResumed: [{ reason: 'otherRecipient' }] });
		});
		await answer(to, refs, executionId);
	});

	test("a tap through a trigger without authentication, with the recipient's own number: not handed over", async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		await attack(executionId, async () => {
			const res = await deliver(openUrl(), sinchBatch(sinchTap(to, refs[0])));
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ resumed: 0, notResumed: [{ reason: 'unauthenticated' }] });
			expect(JSON.stringify(res.body)).not.toContain(executionId);
		});
		await answer(to, refs, executionId);
	});

	test('forged taps racing the genuine one: the genuine one resumes', async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		tally.attempts += 6;
		const forged = [
			...[1, 2, 3].map(() => deliver(securedUrl(), sinchBatch(sinchTap(newNumber(), refs[1])))),
			...[1, 2, 3].map(() => deliver(openUrl(), sinchBatch(sinchTap(to, refs[1])))),
		];
		const genuine = answer(to, refs, executionId, 0);
		const results = await Promise.all(forged);
		await genuine;
		for (const res of results) expect(res.body.resumed ?? 0).toBe(0);
		const exec = await n8n.getExecution(executionId);
		const out = exec.data!.resultData.runData.Ask.at(-1)!.data!.main![0]![0].json as Record<
			string,
			any
		>;
		if (out.choice?.id !== 'approve') tally.accepted++;
		expect(out.choice).toMatchObject({ id: 'approve' });
	});

	test('a batch of 1 MiB of taps is refused whole before anything is handed over', async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		const taps = Array.from({ length: 5000 }, (_, k) =>
			sinchTap(k === 4999 ? to : newNumber(), refs[0]),
		);
		const batch = sinchBatch(...taps);
		expect(JSON.stringify(batch).length).toBeGreaterThan(1_000_000);
		await attack(executionId, async () => {
			const t0 = Date.now();
			const res = await postJson(securedUrl(), batch, {}, 90000);
			expect(res.status).toBe(413);
			expect(Date.now() - t0).toBeLessThan(30000);
		});
		await answer(to, refs, executionId);
	});

	test("a forged customer's part (the trigger's part header, a made-up proof), through the proxy, with and without the secret: 403, no execution", async () => {
		const before = await executionIds(n8n, TAPS.id);
		const part = JSON.stringify({
			events: [
				{
					event: 'message',
					provider: 'sinchLatam',
					messageId: 'forged-part-1',
					from: newNumber(),
					to: BUSINESS,
					text: 'I am someone else',
					raw: {},
				},
			],
			unrecognised: [],
		});
		for (const url of [securedUrl(), `${proxyBase}webhook/${SECURED_HOOK}/webhook`, openUrl()]) {
			for (const proof of ['0'.repeat(64), 'x', '']) {
				tally.attempts++;
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-whatsapp-interactive-part': proof },
					body: part,
				});
				if (res.status !== 403) tally.accepted++;
				expect({ url, proof, status: res.status }).toEqual({ url, proof, status: 403 });
			}
		}
		await sleep(500);
		expect(await executionIds(n8n, TAPS.id)).toEqual(before);
	});

	test('the same tap delivered again after it resumed: acknowledged, nothing runs twice', async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		await answer(to, refs, executionId);
		const again = await deliver(securedUrl(), sinchBatch(sinchTap(to, refs[1])));
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ resumed: 0 });
		const exec = await n8n.getExecution(executionId);
		expect(exec.data!.resultData.runData.Answered).toHaveLength(1);
	});
});

/** Asks `to` for a typed answer and waits until n8n has stored the wait; returns its reference. */
async function askText(to: string): Promise<{ ref: string; executionId: string }> {
	const seen = mock.requests.length;
	const res = await postJson(`${n8n.baseUrl}/webhook/hostile-ask-text`, { to }, {}, 90000);
	expect(res.status).toBe(200);
	const deadline = Date.now() + 90000;
	let ref: string | undefined;
	while (!ref) {
		const request = mock.requests
			.slice(seen)
			.find((r) => JSON.stringify(r.body ?? null).includes(to) && referencesIn(r.body).length > 0);
		if (request) ref = referencesIn(request.body)[0];
		else if (Date.now() > deadline) throw new Error(`no question to ${to} reached the mock`);
		else await sleep(100);
	}
	const executionId = decodeReference(ref)!.executionId;
	while ((await n8n.getExecution(executionId)).status !== 'waiting') {
		if (Date.now() > deadline) throw new Error(`execution ${executionId} never waited`);
		await sleep(200);
	}
	return { ref, executionId };
}

/** Sinch LATAM's status of the question to `to`, echoing `correlationId`. */
const sinchStatus = (to: string, correlationId: string) => ({
	id: `hostile-status-${++tapCounter}`,
	correlationId,
	destination: to,
	origin: BUSINESS,
	sent: true,
	sentStatusCode: 2,
	sentStatus: 'SENT_SUCCESS',
	sentDate: '2026-12-01T14:00:00Z',
});

/** A customer's plain text message. */
const sinchText = (from: string, text: string) => ({
	id: `hostile-text-${++tapCounter}`,
	source: from,
	origin: BUSINESS,
	userProfile: { name: 'Ana Souza', whatsAppId: from },
	message: { type: 'TEXT', messageText: text },
	receivedDate: '2026-12-01T14:00:00Z',
});

/** The genuine typed answer through the secured trigger: resumes, stored before the 200, with its text. */
async function answerText(to: string, executionId: string, text: string): Promise<void> {
	tally.genuine++;
	let kept = false;
	try {
		const res = await deliver(securedUrl(), sinchBatch(sinchText(to, text)));
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ answered: 1, delivered: 0 });
		expect((await n8n.getExecution(executionId)).status).not.toBe('waiting');
		const out = await askOutput(executionId);
		expect(out).toMatchObject({ answered: true, text });
		expect(String(out.from).replace(/\D/g, '')).toBe(to);
		kept = true;
	} finally {
		if (!kept) tally.lost++;
	}
}

describe(`on n8n ${N8N_VERSION}: no one but the person asked can give a typed answer (Free Text)`, () => {
	test('through a trigger without authentication, a status and a message with the number asked: not handed over', async () => {
		const to = newNumber();
		const { ref, executionId } = await askText(to);
		await attack(executionId, async () => {
			expect((await deliver(openUrl(), sinchBatch(sinchStatus(to, ref)))).status).toBe(200);
			const res = await deliver(openUrl(), sinchBatch(sinchText(to, '000-111-222')));
			expect(res.status).toBe(200);
			expect(res.body).not.toHaveProperty('answered');
		});
		await deliver(securedUrl(), sinchBatch(sinchStatus(to, ref)));
		await answerText(to, executionId, 'AC 12345');
	});

	test("the question's reference (it travels in the provider's correlation field) posted straight to n8n: nothing resumes", async () => {
		const to = newNumber();
		const { ref, executionId } = await askText(to);
		const path = resumePath(decodeReference(ref)!);
		const event = { event: 'message', provider: 'sinchLatam', from: to, text: '000-111-222' };
		await attack(executionId, () => postWaiting(path, { event }));
		await attack(executionId, () =>
			postWaiting(path, { event: JSON.stringify(event), proof: 'f'.repeat(64), reprompts: '0' }),
		);
		await deliver(securedUrl(), sinchBatch(sinchStatus(to, ref)));
		await answerText(to, executionId, 'AC 12345');
	});

	test('another number writes, and a status that names another number for the question: the wait stays for the number asked', async () => {
		const to = newNumber();
		const intruder = newNumber();
		const { ref, executionId } = await askText(to);
		await deliver(securedUrl(), sinchBatch(sinchStatus(to, ref)));
		await attack(executionId, async () => {
			const res = await deliver(securedUrl(), sinchBatch(sinchText(intruder, '000-111-222')));
			expect(res.body).not.toHaveProperty('answered');
		});
		// A status (with the secret) that points the question at the intruder: the node refuses them.
		await attack(executionId, async () => {
			await deliver(securedUrl(), sinchBatch(sinchStatus(intruder, ref)));
			const res = await deliver(securedUrl(), sinchBatch(sinchText(intruder, '000-111-222')));
			expect(res.status).toBe(200);
			expect(res.body).not.toHaveProperty('answered');
		});
		await answerText(to, executionId, 'AC 12345');
	});

	test('the answer delivered again after it resumed, and a later message: nothing runs twice', async () => {
		const to = newNumber();
		const { ref, executionId } = await askText(to);
		await deliver(securedUrl(), sinchBatch(sinchStatus(to, ref)));
		const message = sinchText(to, 'AC 12345');
		tally.genuine++;
		const first = await deliver(securedUrl(), sinchBatch(message));
		expect(first.body).toMatchObject({ answered: 1 });
		const again = await deliver(securedUrl(), sinchBatch(message));
		expect(again.status).toBe(200);
		const later = await deliver(securedUrl(), sinchBatch(sinchText(to, 'AC 99999')));
		expect(later.body).not.toHaveProperty('answered');
		const exec = await finished(executionId);
		expect(exec.data!.resultData.runData.Answered).toHaveLength(1);
		const out = exec.data!.resultData.runData.Ask.at(-1)!.data!.main![0]![0].json as Record<
			string,
			any
		>;
		if (out.text !== 'AC 12345') tally.lost++;
		expect(out.text).toBe('AC 12345');
	});
});

describe(`on n8n ${N8N_VERSION}: a webhook secret changed in n8n`, () => {
	// The trigger keeps its credential for a few seconds (shared/trigger/credentialCache.ts): the
	// new secret must work at once, and the old one must stop working as soon as the new one is used.
	test('the new secret is accepted at once; then the old one is refused; a wrong one never passes', async () => {
		const example = readExampleCredentials().find((c) => c.id === 'waiWebhookSecret')!;
		const data = example.data as Record<string, unknown>;
		const oldSecret = String(data.secret);
		const newSecret = `${oldSecret}-changed`;
		const url = (secret: string) =>
			`${proxyBase}webhook/${SECURED_HOOK}/webhook?secret=${encodeURIComponent(secret)}`;
		const text = () => sinchBatch(sinchText(newNumber(), 'hello'));
		const update = (secret: string) =>
			n8n.rest('PATCH', `/credentials/${example.id}`, {
				name: example.name,
				type: example.type,
				data: { ...data, secret },
			});
		// The old secret is read and kept.
		expect((await postJson(url(oldSecret), text(), {}, 90000)).status).toBe(200);
		await update(newSecret);
		try {
			expect((await postJson(url(newSecret), text(), {}, 90000)).status).toBe(200);
			expect((await postJson(url(oldSecret), text(), {}, 90000)).status).toBe(401);
			expect((await postJson(url('wrong'), text(), {}, 90000)).status).toBe(401);
		} finally {
			await update(oldSecret);
		}
		expect((await postJson(url(oldSecret), text(), {}, 90000)).status).toBe(200);
		expect((await postJson(url(newSecret), text(), {}, 90000)).status).toBe(401);
	});
});

describe(`on n8n ${N8N_VERSION}: a genuine answer is never acknowledged and then lost`, () => {
	test.each(['401', '404', 'startup'] as ProxyMode[])(
		'a proxy in front of the waiting URL answering %s: the tap is handed over on n8n itself and resumes',
		async (mode) => {
			proxyMode = mode;
			try {
				const to = newNumber();
				const { refs, executionId } = await ask(to);
				await answer(to, refs, executionId);
			} finally {
				proxyMode = '401';
			}
		},
	);

	test('a tap that arrives before n8n has stored the wait is not acknowledged until it is taken', async () => {
		const to = newNumber();
		const res = await postJson(`${n8n.baseUrl}/webhook/hostile-ask`, { to }, {}, 90000);
		expect(res.status).toBe(200);
		// Tap as soon as the question reaches the provider, without waiting for n8n to store the wait.
		let refs: string[] = [];
		const deadline = Date.now() + 90000;
		while (refs.length === 0 && Date.now() < deadline) {
			const request = mock.requests.find((r) => JSON.stringify(r.body ?? null).includes(to));
			if (request) refs = referencesIn(request.body);
			else await sleep(20);
		}
		const executionId = decodeReference(refs[0])!.executionId;
		await answer(to, refs, executionId);
	});
});

describe(`on n8n ${N8N_VERSION}: through n8n's Webhook node and the WhatsApp Interactive Router`, () => {
	/** The router's URL as the provider has it: through the proxy, with the secret unless `secret` is false. */
	const routerUrl = (secret = true) => {
		const url = `${proxyBase}webhook/${ROUTER_PATH}`;
		return secret ? withExampleSecret(url) : url;
	};

	/** The genuine answer through the router, with the proxy passing n8n's waiting URL on. */
	async function answerThroughRouter(to: string, refs: string[], executionId: string) {
		tally.genuine++;
		let kept = false;
		proxyMode = 'pass';
		try {
			const res = await deliver(routerUrl(), sinchBatch(sinchTap(to, refs[0])));
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ resumed: 1, notResumed: [] });
			// The router's 200 comes after the resumed run is stored.
			expect((await n8n.getExecution(executionId)).status).not.toBe('waiting');
			const out = await askOutput(executionId);
			expect(out).toMatchObject({ answered: true, choice: { id: 'approve' } });
			expect(String(out.from).replace(/\D/g, '')).toBe(to);
			kept = true;
		} finally {
			proxyMode = '401';
			if (!kept) tally.lost++;
		}
	}

	test('a tap without the secret, or with a wrong one: 401, nothing resumes, the execution fails', async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		const before = await executionIds(n8n, ROUTER.id);
		for (const url of [routerUrl(false), `${routerUrl(false)}?secret=guessed`]) {
			await attack(executionId, async () => {
				const res = await postJson(url, sinchBatch(sinchTap(to, refs[0])), {}, 90000);
				expect(res.status).toBe(401);
			});
		}
		const runs = await newExecutions(n8n, ROUTER.id, before, 2);
		expect(runs.map((run) => run.status)).toEqual(['error', 'error']);
		await answerThroughRouter(to, refs, executionId);
	});

	test('a tap from a number that was not asked: acknowledged as refused, the question still waits', async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		proxyMode = 'pass';
		try {
			await attack(executionId, async () => {
				const res = await deliver(routerUrl(), sinchBatch(sinchTap(newNumber(), refs[0])));
				expect(res.status).toBe(200);
				expect(res.body).toMatchObject({ resumed: 0, notResumed: [{ reason: 'otherRecipient' }] });
			});
		} finally {
			proxyMode = '401';
		}
		await answerThroughRouter(to, refs, executionId);
	});

	test('a proxy in front of the waiting URL answering 401: the genuine tap is not acknowledged (503), and resumes once it passes', async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		// The router hands answers over at n8n's webhook URL: the proxy's answer settles nothing.
		const blocked = await postJson(routerUrl(), sinchBatch(sinchTap(to, refs[0])), {}, 90000);
		expect(blocked.status).toBe(503);
		expect((await n8n.getExecution(executionId)).status).toBe('waiting');
		await answerThroughRouter(to, refs, executionId);
	});

	test('the same tap delivered again after it resumed: acknowledged, nothing runs twice', async () => {
		const to = newNumber();
		const { refs, executionId } = await ask(to);
		await answerThroughRouter(to, refs, executionId);
		proxyMode = 'pass';
		try {
			const again = await deliver(routerUrl(), sinchBatch(sinchTap(to, refs[0])));
			expect(again.status).toBe(200);
			expect(again.body).toMatchObject({ resumed: 0 });
		} finally {
			proxyMode = '401';
		}
		const exec = await n8n.getExecution(executionId);
		expect(exec.data!.resultData.runData.Answered).toHaveLength(1);
	});
});

afterAll(() => {
	expect(tally.accepted).toBe(0);
	expect(tally.lost).toBe(0);
});
