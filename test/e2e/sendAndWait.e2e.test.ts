/**
 * End-to-end: Send and Wait for Response in a real n8n 2.35.6 with the mock provider. A Webhook
 * starts each question; the WhatsApp Interactive node sends it (to the mock) and the execution
 * waits; the test posts the provider's tap callback to an active WhatsApp Interactive Trigger,
 * which forwards it to the waiting execution; a Switch after the node takes the branch of the
 * choice. Everything is read back through n8n's public API.
 */
import { createHmac } from 'crypto';
import * as fs from 'fs';
import { startMockProvider, type MockProvider } from '../mock-provider';
import { BUSINESS, cloudWebhook, sinchBatch } from '../trigger/fixtures';
import type { IDataObject } from 'n8n-workflow';
import {
	flowReplyCallback,
	freeTextWorkflow,
	locationCallback,
	messageCallback,
	statusCallback,
	type FreeTextProvider,
} from './freeText';
import {
	startN8n,
	freePort,
	type ExecutionSummary,
	type N8nInstance,
	type OwnerAccount,
} from './harness/n8n';
import {
	allExecutions,
	nodesRun,
	outputsOf,
	postJson,
	type HttpAnswer,
	readExample,
	readExampleCredentials,
	nodeNamed,
	referencesIn,
	retarget,
	type Workflow,
	type WorkflowNode,
	withExampleSecret,
} from './support';

// A busy 2-core machine: n8n may take long to start, resume and list executions.
jest.setTimeout(300000);

const OWNER: OwnerAccount = {
	email: 'owner@example.com',
	password: 'Passw0rd-e2e',
	firstName: 'Send',
	lastName: 'Wait',
};
const ACTION = 'n8n-nodes-whatsapp-interactive.whatsAppInteractive';
const TRIGGER = 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger';
const CREDS = {
	messangi: { messangiApi: { id: 'waiMessangiMock', name: 'Messangi (local mock)' } },
	sinchLatam: { sinchLatamApi: { id: 'waiSinchMock', name: 'Sinch LATAM (local mock)' } },
	whatsAppCloud: {
		whatsAppCloudApi: { id: 'waiCloudMock', name: 'WhatsApp Cloud API (local mock)' },
	},
};
// The Cloud API trigger checks Meta's signature (X-Hub-Signature-256) with the app secret.
const CLOUD_APP_SECRET = 'e2e-wait-app-secret-0123456789abcdef';
const CLOUD_PHONE_NUMBER_ID = '106540352242922';
const CLOUD_WEBHOOK = {
	id: 'waiE2eWaitCloudHook',
	name: 'WhatsApp Cloud API webhook (e2e wait)',
	type: 'whatsAppCloudWebhookApi',
	data: { appSecret: CLOUD_APP_SECRET, verifyToken: 'e2e-wait-verify-token-0123' },
};
type Provider = keyof typeof CREDS;
type Kind = 'buttons' | 'list';

const BUTTONS = [
	{ id: 'confirm', title: 'Confirm' },
	{ id: 'reschedule', title: 'Reschedule' },
	{ id: 'cancel', title: 'Cancel' },
];
const ROWS = [
	{ section: 'Morning', id: 'confirm', title: 'Keep 9:00', description: 'Your current time' },
	{ section: 'Morning', id: 'reschedule', title: 'Move to 11:00', description: 'Same day, later' },
	{ section: 'Other', id: 'cancel', title: 'Cancel it', description: 'Free the slot' },
	{ section: 'Other', id: 'call', title: 'Call me', description: 'We phone you' },
];
const BRANCH: Record<string, string> = {
	confirm: 'Confirmed',
	reschedule: 'Rescheduled',
	cancel: 'Cancelled',
	call: 'Call back',
};

let uuidCounter = 0;
const uuid = () => `5a17e2e0-0000-4000-8000-${String(++uuidCounter).padStart(12, '0')}`;

/** With `auto`, Message Type Auto and the choices as Choices: four rows' worth, so it goes as a list. */
function askWorkflow(
	id: string,
	provider: Provider,
	kind: Kind,
	limit: Record<string, unknown> = { limitType: 'none' },
	auto = false,
): Workflow {
	const message = auto
		? {
				messageType: 'auto',
				listButtonText: 'Choose',
				choices: { choice: ROWS.map(({ id, title, description }) => ({ id, title, description })) },
			}
		: {
				messageType: kind,
				...(kind === 'buttons'
					? { buttons: { button: BUTTONS } }
					: { listButtonText: 'Choose', rows: { row: ROWS } }),
			};
	const ask: WorkflowNode = {
		id: uuid(),
		name: 'Ask',
		type: ACTION,
		typeVersion: 1,
		position: [250, 0],
		credentials: CREDS[provider],
		parameters: {
			provider,
			operation: 'sendAndWait',
			to: '={{ $json.body.to }}',
			...(provider === 'messangi'
				? { from: '1000000001' }
				: provider === 'whatsAppCloud'
					? { from: CLOUD_PHONE_NUMBER_ID }
					: {}),
			bodyText:
				'=Hi {{ $json.body.name }}, your appointment is on Friday at 9:00. What would you like to do?',
			...message,
			...limit,
		},
	};
	const ids = kind === 'buttons' ? BUTTONS.map((b) => b.id) : ROWS.map((r) => r.id);
	const branches = [...ids.map((choice) => BRANCH[choice]), 'Timed out'];
	const rule = (choice: string) => ({
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [
				{
					id: uuid(),
					leftValue: '={{ $json.choice?.id ?? "" }}',
					rightValue: choice,
					operator: { type: 'string', operation: 'equals' },
				},
			],
			combinator: 'and',
		},
		renameOutput: true,
		outputKey: BRANCH[choice],
	});
	return {
		id,
		name: `e2e: send and wait, ${provider} ${kind}`,
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
					path: `ask-${id}`,
					responseMode: 'onReceived',
					options: {},
				},
			},
			ask,
			{
				id: uuid(),
				name: 'Branch',
				type: 'n8n-nodes-base.switch',
				typeVersion: 3.2,
				position: [500, 0],
				parameters: {
					rules: { values: ids.map(rule) },
					options: { fallbackOutput: 'extra', renameFallbackOutput: 'Timed out' },
				},
			},
			...branches.map((name, k) => ({
				id: uuid(),
				name,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [750, k * 150] as [number, number],
				parameters: {},
			})),
		],
		connections: {
			Start: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
			Ask: { main: [[{ node: 'Branch', type: 'main', index: 0 }]] },
			Branch: { main: branches.map((name) => [{ node: name, type: 'main', index: 0 }]) },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** One active workflow with a trigger per provider; its Button Reply output goes to a No-Op. */
const tapsWorkflow: Workflow = {
	id: 'waiE2eWaitTaps01',
	name: 'e2e: taps',
	nodes: (['messangi', 'sinchLatam', 'whatsAppCloud'] as Provider[]).flatMap((provider, k) => [
		{
			id: uuid(),
			name: `${provider} trigger`,
			type: TRIGGER,
			typeVersion: 1,
			position: [0, k * 300] as [number, number],
			webhookId: `5a17e2e0-7a95-4000-8000-00000000000${k}`,
			parameters:
				provider === 'whatsAppCloud'
					? { provider, outputOther: false, ignoreDuplicates: true }
					: { provider, authentication: 'secret', outputOther: false, ignoreDuplicates: true },
			credentials: (provider === 'whatsAppCloud'
				? { whatsAppCloudWebhookApi: { id: CLOUD_WEBHOOK.id, name: CLOUD_WEBHOOK.name } }
				: {
						whatsAppInteractiveWebhookApi: {
							id: 'waiWebhookSecret',
							name: 'Webhook secret (local example)',
						},
					}) as Record<string, { id: string; name: string }>,
		},
		{
			id: uuid(),
			name: `${provider} reply`,
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [300, k * 300] as [number, number],
			parameters: {},
		},
	]),
	connections: {
		'messangi trigger': { main: [[], [{ node: 'messangi reply', type: 'main', index: 0 }], []] },
		'sinchLatam trigger': {
			main: [[], [{ node: 'sinchLatam reply', type: 'main', index: 0 }], []],
		},
		'whatsAppCloud trigger': {
			main: [[], [{ node: 'whatsAppCloud reply', type: 'main', index: 0 }], []],
		},
	},
	settings: { executionOrder: 'v1' },
};

const WF = {
	messangiButtons: askWorkflow('waiE2eWaitMsgBtn', 'messangi', 'buttons'),
	messangiList: askWorkflow('waiE2eWaitMsgLst', 'messangi', 'list'),
	sinchButtons: askWorkflow('waiE2eWaitSnBtn1', 'sinchLatam', 'buttons'),
	sinchList: askWorkflow('waiE2eWaitSnLst1', 'sinchLatam', 'list'),
	cloudButtons: askWorkflow('waiE2eWaitClBtn1', 'whatsAppCloud', 'buttons'),
	cloudList: askWorkflow('waiE2eWaitClLst1', 'whatsAppCloud', 'list'),
	messangiAuto: askWorkflow('waiE2eWaitMsgAut', 'messangi', 'list', undefined, true),
	timeout: askWorkflow('waiE2eWaitTmout1', 'sinchLatam', 'buttons', {
		limitType: 'afterTimeInterval',
		resumeAmount: 2,
		resumeUnit: 'seconds',
	}),
};

/** Webhook → one WhatsApp Interactive node (Cloud API) with these parameters → No-Op. */
function cloudWorkflow(id: string, name: string, parameters: Record<string, unknown>): Workflow {
	return {
		id,
		name,
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
					path: `ask-${id}`,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: uuid(),
				name: 'Send',
				type: ACTION,
				typeVersion: 1,
				position: [250, 0],
				credentials: CREDS.whatsAppCloud,
				parameters: {
					provider: 'whatsAppCloud',
					to: '={{ $json.body.to }}',
					from: CLOUD_PHONE_NUMBER_ID,
					...parameters,
				},
			},
			{
				id: uuid(),
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [500, 0],
				parameters: {},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
			Send: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The mock's `appointment_reminder` (en_US): a header variable, two body variables, quick replies Confirm and Reschedule. */
const REMINDER = {
	template: 'appointment_reminder|en_US',
	templateHeaderType: 'text',
	templateHeaderText: '={{ $json.body.name }}',
	templateBody: { variable: [{ value: 'Friday' }, { value: '3:00 PM' }] },
};

const TEMPLATE_WF = {
	send: cloudWorkflow('waiE2eTplSend001', 'e2e: send template', {
		operation: 'sendTemplate',
		...REMINDER,
		templateButtons: {
			button: [
				{ index: 0, type: 'quick_reply', value: 'confirm' },
				{ index: 1, type: 'quick_reply', value: 'reschedule' },
			],
		},
	}),
	closed: cloudWorkflow('waiE2eTplClosed1', 'e2e: interactive message, window closed', {
		operation: 'send',
		messageType: 'buttons',
		bodyText: 'Will you come?',
		buttons: { button: [{ id: 'yes', title: 'Yes' }] },
	}),
};

const FREE_TEXT = {
	cloud: freeTextWorkflow('waiE2eFreeCloud1', 'whatsAppCloud'),
	sinch: freeTextWorkflow('waiE2eFreeSinch1', 'sinchLatam'),
	number: freeTextWorkflow('waiE2eFreeNumbr1', 'whatsAppCloud', { answerValidation: 'number' }),
	photo: freeTextWorkflow('waiE2eFreePhoto1', 'whatsAppCloud', {
		answerValidation: 'media',
		answerMediaTypes: ['image'],
		freeTextOptions: { maxReprompts: 1, repromptMessage: 'Send a photo of the problem, please.' },
	}),
	location: freeTextWorkflow('waiE2eFreeLocat1', 'whatsAppCloud', {
		responseType: 'location',
		message: 'Where should we pick you up?',
	}),
	form: freeTextWorkflow('waiE2eFreeForm01', 'whatsAppCloud', {
		responseType: 'form',
		message: 'Please book your visit.',
		flowId: '123456',
		flowCta: 'Book!',
		flowScreen: 'APPOINTMENT',
	}),
	timeout: freeTextWorkflow('waiE2eFreeTmout1', 'whatsAppCloud', {
		limitType: 'afterTimeInterval',
		resumeAmount: 2,
		resumeUnit: 'seconds',
	}),
};

let mock: MockProvider;
let port: number;
/** Kept for the restart at the end of this file, and deleted after it. */
let userFolder: string | undefined;
let n8n: N8nInstance;
let example: Workflow;
let templateExample: Workflow;
let intakeExample: Workflow;
let bookingExample: Workflow;
const timings: string[] = [];

beforeAll(async () => {
	const tarball = process.env.WAI_E2E_TARBALL;
	if (!tarball)
		throw new Error(
			'WAI_E2E_TARBALL is not set: run with jest -c jest.e2e.config.js (its globalSetup packs the package)',
		);
	mock = await startMockProvider({ port: 0 });
	port = await freePort();
	const credentials = [
		...retarget(readExampleCredentials(), {
			n8nUrl: `http://127.0.0.1:${port}`,
			mockUrl: mock.url,
		}),
		CLOUD_WEBHOOK,
	];
	example = retarget(readExample('05-send-and-wait-buttons.json'), {
		n8nUrl: `http://127.0.0.1:${port}`,
		mockUrl: mock.url,
	});
	intakeExample = retarget(readExample('09-cloud-support-intake.json'), {
		n8nUrl: `http://127.0.0.1:${port}`,
		mockUrl: mock.url,
	});
	bookingExample = retarget(readExample('10-cloud-booking-form.json'), {
		n8nUrl: `http://127.0.0.1:${port}`,
		mockUrl: mock.url,
	});
	templateExample = retarget(readExample('08-cloud-template-ask.json'), {
		n8nUrl: `http://127.0.0.1:${port}`,
		mockUrl: mock.url,
	});
	const workflows = [
		tapsWorkflow,
		example,
		templateExample,
		intakeExample,
		bookingExample,
		...Object.values(WF),
		...Object.values(TEMPLATE_WF),
		...Object.values(FREE_TEXT),
	];
	const t0 = Date.now();
	n8n = await startN8n({
		tarball,
		port,
		credentials,
		workflows,
		activate: workflows.map((w) => w.id),
		createOwner: OWNER,
		keepUserFolder: true,
	});
	userFolder = n8n.userFolder;
	timings.push(
		`n8n prepared (${workflows.length} workflows imported and published) and started in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
	);
}, 600000);

afterAll(async () => {
	if (n8n) await n8n.stop();
	if (mock) await mock.close();
	if (userFolder && process.env.N8N_E2E_KEEP_USER_FOLDER !== '1')
		fs.rmSync(userFolder, { recursive: true, force: true });
	if (timings.length)
		process.stderr.write(`\n[e2e send and wait] ${timings.join('\n[e2e send and wait] ')}\n`);
}, 60000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POST JSON with a generous timeout: on a busy 2-core machine n8n can take seconds to answer. */
const post = (url: string, body: unknown) =>
	postJson(url, body, {}, 90000) as Promise<Omit<HttpAnswer, 'body'> & { body: any }>;

const triggerUrl = (provider: Provider) => {
	const url = n8n.webhookUrl(
		`${tapsWorkflow.nodes.find((n) => n.name === `${provider} trigger`)!.webhookId}/webhook`,
	);
	// The Cloud API trigger checks Meta's signature; the others, the examples' webhook secret.
	return provider === 'whatsAppCloud' ? url : withExampleSecret(url);
};

const messangiNumber = (i: number) => `+1${String(100000000 + i)}`;
const sinchNumber = (i: number) => `5519${String(900000000 + i)}`;
const cloudNumber = (i: number) => `+1650${String(5550000 + i)}`;

/**
 * Starts a question and waits for its message at the mock; returns the message's references. Only
 * requests the mock received after this call count, so a number an earlier test asked cannot
 * hand back that older question.
 */
async function ask(wf: Workflow, to: string, name = 'Ana'): Promise<string[]> {
	const seen = mock.requests.length;
	const res = await post(n8n.webhookUrl(`ask-${wf.id}`), { to, name });
	expect(res.status).toBe(200);
	const digits = to.replace(/\D/g, '');
	const deadline = Date.now() + 90000;
	for (;;) {
		const request = mock.requests
			.slice(seen)
			.find(
				(r) => JSON.stringify(r.body ?? null).includes(digits) && referencesIn(r.body).length > 0,
			);
		if (request) return referencesIn(request.body);
		if (Date.now() > deadline) throw new Error(`no message to ${to} reached the mock`);
		await sleep(100);
	}
}

let tapCounter = 0;

function sinchTap(
	kind: Kind,
	from: string,
	reference: string,
	title = 'Confirm',
): Record<string, unknown> {
	const interactive =
		kind === 'buttons'
			? { type: 'BUTTON_REPLY', buttonReply: { payload: reference, title } }
			: { type: 'LIST_REPLY', listReply: { rowIdentifier: reference, rowTitle: title } };
	return {
		id: `in-tap-${++tapCounter}`,
		source: from,
		origin: BUSINESS,
		userProfile: { name: 'Ana Souza', whatsAppId: from },
		message: { type: kind === 'buttons' ? 'BUTTON' : 'TEXT', messageText: title, interactive },
		receivedDate: '2026-12-01T14:00:00Z',
	};
}

function messangiTap(
	kind: Kind,
	from: string,
	reference: string,
	title = 'Confirm',
): Record<string, unknown> {
	const key = kind === 'buttons' ? 'button_reply' : 'list_reply';
	return {
		id: `wamid.tap-${++tapCounter}`,
		from,
		to: '1000000001',
		timestamp: String(Math.floor(Date.now() / 1000)),
		contact: { profile: { name: 'Alex' } },
		message: { type: 'interactive', interactive: { type: key, [key]: { id: reference, title } } },
	};
}

/** A tap as Meta posts it: one entry, one change, the reply to the question (signed by the caller). */
function cloudTap(
	kind: Kind | 'template',
	from: string,
	reference: string,
	title = 'Confirm',
	inReplyTo = 'wamid.question',
): Record<string, unknown> {
	const key = kind === 'buttons' ? 'button_reply' : 'list_reply';
	const wa = from.replace(/\D/g, '');
	// A template's quick reply: `type: "button"` with the payload and the button's text.
	const message =
		kind === 'template'
			? { type: 'button', button: { payload: reference, text: title } }
			: { type: 'interactive', interactive: { type: key, [key]: { id: reference, title } } };
	return cloudWebhook({
		contacts: [{ profile: { name: 'Ana' }, wa_id: wa }],
		messages: [
			{
				context: { from: '15550783881', id: inReplyTo },
				from: wa,
				id: `wamid.tap-${++tapCounter}`,
				timestamp: String(Math.floor(Date.now() / 1000)),
				...message,
			},
		],
	});
}

/** Posts a Cloud API callback to a trigger, signed with the app secret of its webhook credential. */
async function postCloud(url: string, body: unknown, secret = CLOUD_APP_SECRET) {
	const raw = JSON.stringify(body);
	const signature = 'sha256=' + createHmac('sha256', secret).update(raw).digest('hex');
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': signature },
		body: raw,
	});
	return {
		status: res.status,
		body: (await res.json()) as {
			resumed?: number;
			notResumed?: Array<{ reason: string; executionId: string | null }>;
			delivered: number;
		},
	};
}

type Receipt = { resumed?: number; notResumed?: Array<{ reason: string }>; delivered: number };

/** One tap callback, posted once. */
async function tapOnce(
	provider: Provider,
	kind: Kind,
	from: string,
	reference: string,
): Promise<{ status: number; body: Receipt }> {
	if (provider === 'whatsAppCloud') {
		const raw = JSON.stringify(cloudTap(kind, from, reference));
		const signature = 'sha256=' + createHmac('sha256', CLOUD_APP_SECRET).update(raw).digest('hex');
		const res = await fetch(triggerUrl(provider), {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': signature },
			body: raw,
		});
		return { status: res.status, body: (await res.json()) as Receipt };
	}
	const body =
		provider === 'sinchLatam'
			? sinchBatch(sinchTap(kind, from, reference))
			: messangiTap(kind, from, reference);
	const res = await post(triggerUrl(provider), body);
	return { status: res.status, body: res.body as Receipt };
}

/**
 * A tap, sent again while the trigger answers 503, as a provider does: a tap that arrives before
 * n8n has stored the wait (the execution still "running") is not acknowledged.
 */
async function tap(provider: Provider, kind: Kind, from: string, reference: string) {
	let answer = await tapOnce(provider, kind, from, reference);
	for (let attempt = 1; answer.status === 503 && attempt < 40; attempt++) {
		await sleep(500);
		answer = await tapOnce(provider, kind, from, reference);
	}
	expect(answer.status).toBe(200);
	return answer.body;
}

async function executionsOf(wf: Workflow): Promise<ExecutionSummary[]> {
	return (await allExecutions(n8n, wf.id)).sort((a, b) => Number(a.id) - Number(b.id));
}

/** Waits until the workflow has `n` executions in `status` and returns them (oldest first). */
async function waitFor(
	wf: Workflow,
	status: string,
	n: number,
	timeoutMs = 90000,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = (await executionsOf(wf)).filter((e) => e.status === status);
		if (list.length >= n) return list;
		if (Date.now() > deadline)
			throw new Error(
				`${wf.id}: ${list.length} of ${n} executions are ${status} after ${timeoutMs} ms`,
			);
		await sleep(250);
	}
}

const askOutput = (exec: ExecutionSummary, node = 'Ask') =>
	outputsOf(exec, node)![0][0] as Record<string, any>;

describe.each([
	['messangi', 'buttons', WF.messangiButtons, messangiNumber(1), 1],
	['messangi', 'list', WF.messangiList, messangiNumber(2), 3],
	['sinchLatam', 'buttons', WF.sinchButtons, sinchNumber(1), 1],
	['sinchLatam', 'list', WF.sinchList, sinchNumber(2), 3],
	['whatsAppCloud', 'buttons', WF.cloudButtons, cloudNumber(1), 2],
	['whatsAppCloud', 'list', WF.cloudList, cloudNumber(2), 1],
	// Message Type Auto with four choices: a list, with the section title Messangi requires.
	['messangi', 'list (Message Type Auto)', WF.messangiAuto, messangiNumber(3), 2],
] as Array<[Provider, string, Workflow, string, number]>)(
	'%s %s',
	(provider, name, wf, to, choice) => {
		const kind: Kind = name.startsWith('list') ? 'list' : 'buttons';
		test('a tap resumes the execution with that choice, the Switch takes its branch, a second tap changes nothing', async () => {
			const before = (await executionsOf(wf)).length;
			const refs = await ask(wf, to);
			expect(refs).toHaveLength(kind === 'buttons' ? 3 : 4);
			for (const ref of refs) expect(ref.length).toBeLessThanOrEqual(120);
			const [waiting] = await waitFor(wf, 'waiting', 1);
			const tapsBefore = (await allExecutions(n8n, tapsWorkflow.id)).length;

			const receipt = await tap(provider, kind, to, refs[choice]);
			expect(receipt).toMatchObject({ resumed: 1, notResumed: [], delivered: 0 });
			const [done] = (await waitFor(wf, 'success', before + 1)).slice(-1);
			expect(done.id).toBe(waiting.id);
			const expected =
				kind === 'buttons'
					? BUTTONS[choice]
					: {
							id: ROWS[choice].id,
							title: ROWS[choice].title,
							description: ROWS[choice].description,
						};
			const out = askOutput(done);
			expect(out).toMatchObject({
				answered: true,
				timedOut: false,
				choice: expected,
				provider,
				messageId: expect.any(String),
			});
			expect(String(out.from).replace(/\D/g, '')).toBe(to.replace(/\D/g, ''));
			expect(out.event).toMatchObject({
				event: kind === 'buttons' ? 'buttonReply' : 'listReply',
				provider,
			});
			const id = kind === 'buttons' ? BUTTONS[choice].id : ROWS[choice].id;
			expect(nodesRun(done)).toContain(BRANCH[id]);
			expect(
				nodesRun(done).filter((n) => Object.values(BRANCH).includes(n) || n === 'Timed out'),
			).toEqual([BRANCH[id]]);

			const again = await tap(provider, kind, to, refs[0]);
			expect(again).toMatchObject({
				resumed: 0,
				notResumed: [{ reason: 'answered' }],
				delivered: 0,
			});
			await sleep(1000);
			expect(await executionsOf(wf)).toHaveLength(before + 1);
			const after = await n8n.getExecution(waiting.id);
			expect(after.data!.resultData.runData.Ask).toHaveLength(1);
			expect(askOutput(after)).toMatchObject({ choice: expected });
			// No tap started the trigger's own workflow.
			expect((await allExecutions(n8n, tapsWorkflow.id)).length).toBe(tapsBefore);
		});
	},
);

describe('taps that must not resume', () => {
	test('another number, an altered or malformed reference, and an old message are refused; the right tap still resumes', async () => {
		const wf = WF.sinchButtons;
		const to = sinchNumber(10);
		const refs = await ask(wf, to);
		const [waiting] = await waitFor(wf, 'waiting', 1);
		const tapsBefore = (await allExecutions(n8n, tapsWorkflow.id)).length;

		expect(await tap('sinchLatam', 'buttons', sinchNumber(11), refs[0])).toMatchObject({
			resumed: 0,
			notResumed: [{ reason: 'otherRecipient' }],
		});
		// Another choice index under the same signature: n8n refuses the signature.
		const parts = refs[0].split('.');
		const otherChoice = [...parts.slice(0, 4), '1', parts[5]].join('.');
		expect(await tap('sinchLatam', 'buttons', to, otherChoice)).toMatchObject({
			resumed: 0,
			notResumed: [{ reason: 'tampered' }],
		});
		// One character of the signature changed (the one it replaces decides the new one, so that
		// the reference really differs: comparing with the last character let it stay the same).
		const flipped = refs[1].slice(0, -2) + (refs[1].at(-2) === 'A' ? 'B' : 'A') + refs[1].slice(-1);
		expect(flipped).not.toBe(refs[1]);
		expect(await tap('sinchLatam', 'buttons', to, flipped)).toMatchObject({
			resumed: 0,
			notResumed: [{ reason: 'tampered' }],
		});
		// Not a reference at all: an ordinary reply, on the trigger's Button Reply output.
		const plain = await tap('sinchLatam', 'buttons', to, 'wai1.broken');
		expect(plain).toMatchObject({ delivered: 1 });
		expect(plain).not.toHaveProperty('resumed');
		expect((await n8n.getExecution(waiting.id)).status).toBe('waiting');

		expect(await tap('sinchLatam', 'buttons', to, refs[2])).toMatchObject({ resumed: 1 });
		const done = await waitForExecution(waiting.id, 'success');
		expect(askOutput(done).choice).toEqual(BUTTONS[2]);

		// Another choice of the answered message.
		expect(await tap('sinchLatam', 'buttons', to, refs[0])).toMatchObject({
			resumed: 0,
			notResumed: [{ reason: 'answered' }],
		});
		expect((await allExecutions(n8n, tapsWorkflow.id)).length).toBe(tapsBefore + 1);
	});

	test("an ordinary button reply still reaches the trigger's Button Reply output", async () => {
		const before = (await allExecutions(n8n, tapsWorkflow.id)).length;
		const res = await post(
			triggerUrl('sinchLatam'),
			sinchBatch(sinchTap('buttons', sinchNumber(12), 'plain-payload')),
		);
		expect(res.body).toMatchObject({ delivered: 1 });
		expect(res.body).not.toHaveProperty('resumed');
		const deadline = Date.now() + 90000;
		while ((await allExecutions(n8n, tapsWorkflow.id)).length < before + 1 && Date.now() < deadline)
			await sleep(250);
		if ((await allExecutions(n8n, tapsWorkflow.id)).length !== before + 1)
			process.stderr.write(n8n.logTail(80));
		expect((await allExecutions(n8n, tapsWorkflow.id)).length).toBe(before + 1);
	});
});

async function waitForExecution(
	id: string,
	status: string,
	timeoutMs = 90000,
): Promise<ExecutionSummary> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const exec = await n8n.getExecution(id);
		if (exec.status === status) return exec;
		if (Date.now() > deadline)
			throw new Error(`execution ${id} is ${exec.status}, not ${status}, after ${timeoutMs} ms`);
		await sleep(250);
	}
}

// n8n looks for executions to resume once a minute. The two 2-second waits of this file are set
// going here and checked after the minute of tests that follows, instead of each waiting for it.
const timedOut: {
	tap?: { to: string; refs: string[]; waiting: ExecutionSummary };
	freeText?: { to: string; waiting: ExecutionSummary };
} = {};

describe('time limit', () => {
	test('a 2-second Limit Wait Time is set going on a question with buttons and on a typed-answer question (checked after "many at once" and at the end of Free Text)', async () => {
		const to = sinchNumber(20);
		const refs = await ask(WF.timeout, to);
		const [waiting] = await waitFor(WF.timeout, 'waiting', 1);
		timedOut.tap = { to, refs, waiting };
		const freeTextTo = cloudNumber(70);
		const { waiting: freeTextWaiting } = await askFreeText(
			FREE_TEXT.timeout,
			'whatsAppCloud',
			freeTextTo,
		);
		timedOut.freeText = { to: freeTextTo, waiting: freeTextWaiting };
	});
});

describe('many at once', () => {
	test('200 executions wait at once; taps in random order resume each once with its own choice', async () => {
		const wf = WF.sinchList;
		const N = 200;
		const base = 2000;
		const before = new Set((await executionsOf(wf)).map((e) => e.id));
		const t0 = Date.now();
		const numbers = Array.from({ length: N }, (_, i) => sinchNumber(base + i));
		// Start them a few at a time, as webhook calls would arrive.
		const refs = new Map<string, string[]>();
		// Gently: n8n's SQLite write lock times out when a loaded 2-core machine saves many
		// executions at once (measured: 27 of 200 resumed executions lost to
		// "Timeout waiting for lock SqliteWriteConnectionMutex" at 5 callbacks at a time).
		for (let i = 0; i < N; i += 5) {
			const chunk = numbers.slice(i, i + 5);
			const got = await Promise.all(chunk.map((to) => ask(wf, to, `User ${to.slice(-3)}`)));
			chunk.forEach((to, k) => refs.set(to, got[k]));
		}
		const deadline = Date.now() + 180000;
		let waiting: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			waiting = (await executionsOf(wf)).filter((e) => !before.has(e.id) && e.status === 'waiting');
			if (waiting.length >= N) break;
			await sleep(500);
		}
		expect(waiting).toHaveLength(N);
		const askedMs = Date.now() - t0;

		// Random choices, random order, batches of 1–5 taps per Sinch callback, 2 callbacks at a time.
		let seed = 12345;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const chosen = new Map(numbers.map((to) => [to, Math.floor(random() * ROWS.length)]));
		const order = [...numbers].sort(() => random() - 0.5);
		const batches: string[][] = [];
		for (let i = 0; i < order.length;) {
			const size = 1 + Math.floor(random() * 5);
			batches.push(order.slice(i, i + size));
			i += size;
		}
		const t1 = Date.now();
		let resumed = 0;
		const refused: unknown[] = [];
		const answerMs: number[] = [];
		for (let i = 0; i < batches.length; i += 2) {
			const answers = await Promise.all(
				batches.slice(i, i + 2).map(async (batch) => {
					const t = Date.now();
					const a = await post(
						triggerUrl('sinchLatam'),
						sinchBatch(...batch.map((to) => sinchTap('list', to, refs.get(to)![chosen.get(to)!]))),
					);
					answerMs.push(Date.now() - t);
					return a;
				}),
			);
			for (const a of answers) {
				const body = a.body as { resumed?: number; notResumed?: unknown[] };
				if (a.status !== 200 || !Array.isArray(body?.notResumed)) {
					refused.push({ status: a.status, text: a.text.slice(0, 500) });
					continue;
				}
				resumed += body.resumed ?? 0;
				refused.push(...body.notResumed);
			}
		}
		expect(refused).toEqual([]);
		expect(resumed).toBe(N);

		const finishDeadline = Date.now() + 240000;
		let finished: ExecutionSummary[] = [];
		while (Date.now() < finishDeadline) {
			finished = (await executionsOf(wf)).filter(
				(e) => !before.has(e.id) && e.status === 'success',
			);
			if (finished.length >= N) break;
			await sleep(1000);
		}
		const tappedMs = Date.now() - t1;
		const statuses: Record<string, number> = {};
		for (const e of (await executionsOf(wf)).filter((x) => !before.has(x.id)))
			statuses[e.status] = (statuses[e.status] ?? 0) + 1;
		timings.push(`${N} resumed executions by status: ${JSON.stringify(statuses)}`);
		expect(statuses).toEqual({ success: N });
		expect(finished).toHaveLength(N);
		const all = (await executionsOf(wf)).filter((e) => !before.has(e.id));
		expect(all).toHaveLength(N); // none started twice, none started by a tap

		let right = 0;
		for (const exec of finished) {
			const out = askOutput(exec);
			const to = String(out.to).replace(/\D/g, '');
			const k = chosen.get(to)!;
			expect(out.choice).toEqual({
				id: ROWS[k].id,
				title: ROWS[k].title,
				description: ROWS[k].description,
			});
			expect(nodesRun(exec)).toContain(BRANCH[ROWS[k].id]);
			expect(exec.data!.resultData.runData.Ask).toHaveLength(1);
			right++;
		}
		expect(right).toBe(N);
		answerMs.sort((a, b) => a - b);
		const pct = (p: number) =>
			answerMs[Math.min(answerMs.length - 1, Math.floor((p / 100) * answerMs.length))];
		timings.push(
			`${N} questions sent and waiting in ${(askedMs / 1000).toFixed(1)} s; ${N} taps in ${batches.length} callbacks (2 at a time) forwarded and all ${N} executions finished in ${(tappedMs / 1000).toFixed(1)} s; ` +
				`trigger answer time per callback: median ${pct(50)} ms, p90 ${pct(90)} ms, max ${answerMs[answerMs.length - 1]} ms`,
		);
	}, 900000);
});

describe('time limit, a minute later', () => {
	test('the wait timed out with an item that says so, the Switch takes its fallback; a later tap changes nothing', async () => {
		const { to, refs, waiting } = timedOut.tap!;
		const done = await waitForExecution(waiting.id, 'success', 100000);
		const out = askOutput(done);
		expect(out).toMatchObject({
			answered: false,
			timedOut: true,
			choice: null,
			provider: 'sinchLatam',
			messageId: expect.any(String),
		});
		expect(String(out.to).replace(/\D/g, '')).toBe(to);
		expect(nodesRun(done)).toContain('Timed out');
		expect(nodesRun(done)).not.toContain('Confirmed');

		expect(await tap('sinchLatam', 'buttons', to, refs[0])).toMatchObject({
			resumed: 0,
			notResumed: [{ reason: 'notWaiting' }],
		});
		expect((await n8n.getExecution(waiting.id)).status).toBe('success');
	}, 150000);
});

describe('example 05', () => {
	test('run from its Manual Trigger, it waits; a tap on Reschedule at its own trigger takes the Reschedule branch', async () => {
		const run = await n8n.runManually(example.id);
		expect(run.run?.data.resultData.error).toBeUndefined();
		const [waiting] = await waitFor(example, 'waiting', 1);
		const refs = await ask0('5519900001111');
		expect(refs).toHaveLength(3);
		const trigger = example.nodes.find((n) => n.name === 'Sinch LATAM callbacks')!;
		const res = await post(
			withExampleSecret(n8n.webhookUrl(`${trigger.webhookId}/webhook`)),
			sinchBatch(sinchTap('buttons', '5519900001111', refs[1], 'Reschedule')),
		);
		expect(res.body).toMatchObject({ resumed: 1, notResumed: [], delivered: 0 });
		const done = await waitForExecution(waiting.id, 'success');
		expect(askOutput(done, 'Ask and wait')).toMatchObject({
			answered: true,
			choice: { id: 'reschedule', title: 'Reschedule' },
		});
		expect(nodesRun(done)).toEqual(
			expect.arrayContaining(['Ask and wait', 'Branch on the answer', 'Reschedule']),
		);
		expect(nodesRun(done)).not.toContain('Confirmed');
		expect(nodesRun(done)).not.toContain('No answer');
		// Only the asking execution: the trigger started nothing for the tap.
		expect(await executionsOf(example)).toHaveLength(1);
	}, 180000);
});

describe('templates (WhatsApp Cloud API)', () => {
	/** Starts a workflow by its webhook and returns its execution once it has ended. */
	async function runByWebhook(wf: Workflow, to: string): Promise<ExecutionSummary> {
		const before = new Set((await executionsOf(wf)).map((e) => e.id));
		expect((await post(n8n.webhookUrl(`ask-${wf.id}`), { to, name: 'Ana' })).status).toBe(200);
		const deadline = Date.now() + 90000;
		for (;;) {
			const ended = (await executionsOf(wf)).find(
				(e) => !before.has(e.id) && e.status !== 'running' && e.status !== 'new',
			);
			if (ended) return await n8n.getExecution(ended.id);
			if (Date.now() > deadline) throw new Error(`${wf.id} did not finish`);
			await sleep(250);
		}
	}

	test("Send Template: checked against the account's template, sent, and its quick-reply tap reaches the trigger's Button Reply output", async () => {
		const to = cloudNumber(30);
		const done = await runByWebhook(TEMPLATE_WF.send, to);
		expect(done.status).toBe('success');
		const out = outputsOf(done, 'Send')![0][0] as Record<string, any>;
		expect(out).toMatchObject({
			provider: 'whatsAppCloud',
			status: 'accepted',
			to: `+${to.replace(/\D/g, '')}`,
		});
		expect(out.warning).toBeUndefined();
		const sent = mock.requests.filter(
			(r) => r.method === 'POST' && JSON.stringify(r.body).includes(to.replace(/\D/g, '')),
		);
		expect(sent).toHaveLength(1);
		expect((sent[0].body as any).template).toEqual({
			name: 'appointment_reminder',
			language: { code: 'en_US' },
			components: [
				{ type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
				{
					type: 'body',
					parameters: [
						{ type: 'text', text: 'Friday' },
						{ type: 'text', text: '3:00 PM' },
					],
				},
				{
					type: 'button',
					sub_type: 'quick_reply',
					index: '0',
					parameters: [{ type: 'payload', payload: 'confirm' }],
				},
				{
					type: 'button',
					sub_type: 'quick_reply',
					index: '1',
					parameters: [{ type: 'payload', payload: 'reschedule' }],
				},
			],
		});
		expect(sent[0].answeredWith).toBe(200);
		expect(
			mock.requests.some((r) => r.method === 'GET' && r.path.endsWith('/message_templates')),
		).toBe(true);

		const tapsBefore = new Set((await allExecutions(n8n, tapsWorkflow.id)).map((e) => e.id));
		const answer = await postCloud(
			triggerUrl('whatsAppCloud'),
			cloudTap('template', to, 'reschedule', 'Reschedule', String(out.messageId)),
		);
		expect(answer).toMatchObject({ status: 200, body: { delivered: 1 } });
		const deadline = Date.now() + 90000;
		let routed: ExecutionSummary | undefined;
		while (!routed && Date.now() < deadline) {
			const fresh = (await allExecutions(n8n, tapsWorkflow.id)).find(
				(e) => !tapsBefore.has(e.id) && e.status === 'success',
			);
			if (fresh) routed = await n8n.getExecution(fresh.id);
			else await sleep(250);
		}
		expect(nodesRun(routed!)).toContain('whatsAppCloud reply');
		expect(outputsOf(routed!, 'whatsAppCloud reply')![0][0]).toMatchObject({
			event: 'buttonReply',
			provider: 'whatsAppCloud',
			reply: { id: 'reschedule', title: 'Reschedule' },
			inReplyTo: out.messageId,
		});
	});

	test('example 08: Send and Wait asks with the template; a tap on its Reschedule quick reply resumes it on that branch', async () => {
		const run = await n8n.runManually(templateExample.id);
		expect(run.run?.data.resultData.error).toBeUndefined();
		const [waiting] = await waitFor(templateExample, 'waiting', 1);
		const refs = await ask0('16505551234');
		expect(refs).toHaveLength(2);
		const request = mock.requests.find((r) => referencesIn(r.body).includes(refs[0]))!;
		expect((request.body as any).type).toBe('template');
		const trigger = templateExample.nodes.find((n) => n.name === 'WhatsApp Cloud API callbacks')!;
		const secret = readExampleCredentials().find((c) => c.type === 'whatsAppCloudWebhookApi')!.data
			.appSecret as string;
		const answer = await postCloud(
			n8n.webhookUrl(`${trigger.webhookId}/webhook`),
			cloudTap('template', '+16505551234', refs[1], 'Reschedule'),
			secret,
		);
		expect(answer).toMatchObject({
			status: 200,
			body: { resumed: 1, notResumed: [], delivered: 0 },
		});
		const done = await waitForExecution(waiting.id, 'success');
		expect(askOutput(done, 'Ask with a template')).toMatchObject({
			answered: true,
			choice: { id: 'Reschedule', title: 'Reschedule' },
			question: {
				messageType: 'template',
				template: 'appointment_reminder|en_US',
				body: 'Your appointment is on Friday at 3:00 PM. Will you come?',
			},
		});
		expect(nodesRun(done)).toEqual(
			expect.arrayContaining(['Ask with a template', 'Branch on the answer', 'Reschedule']),
		);
		expect(nodesRun(done)).not.toContain('Confirmed');
	}, 180000);

	test("the 24-hour window closed: the interactive message fails with Meta's 131047 and says to send a template", async () => {
		const to = cloudNumber(31);
		mock.closeWindows([to]);
		try {
			const done = await runByWebhook(TEMPLATE_WF.closed, to);
			expect(done.status).toBe('error');
			const error = done.data!.resultData.error as
				{ message?: string; description?: string } | undefined;
			expect(error?.message).toContain('(#131047) Re-engagement message');
			expect(error?.description).toMatch(
				/^The customer last wrote more than 24 hours ago, so WhatsApp takes only an approved template now\. Send one with the Send Template operation/,
			);
		} finally {
			mock.closeWindows([]);
		}
	});
});

/** The references of the message the mock received for a number (started some other way than `ask`). */
async function ask0(digits: string): Promise<string[]> {
	const deadline = Date.now() + 90000;
	for (;;) {
		const request = mock.requests.find(
			(r) => JSON.stringify(r.body ?? null).includes(digits) && referencesIn(r.body).length > 0,
		);
		if (request) return referencesIn(request.body);
		if (Date.now() > deadline) throw new Error(`no message to ${digits} reached the mock`);
		await sleep(100);
	}
}

/**
 * Send and Wait → Free Text: the question's status callback tells the trigger that the number's
 * next message answers the wait; that message resumes it. Posted again while the trigger answers
 * 503 (the wait not stored yet), as a provider does.
 */
async function settle(provider: FreeTextProvider, body: unknown) {
	const once = async () =>
		provider === 'whatsAppCloud'
			? await postCloud(triggerUrl(provider), body)
			: await post(triggerUrl(provider), body);
	let answer = await once();
	for (let attempt = 1; answer.status === 503 && attempt < 40; attempt++) {
		await sleep(500);
		answer = await once();
	}
	expect(answer.status).toBe(200);
	return answer.body as Receipt & { answered?: number; ignored?: number };
}

/** Asks, waits until the execution waits, and posts the question's status: returns the waiting execution. */
async function askFreeText(
	wf: Workflow,
	provider: FreeTextProvider,
	to: string,
): Promise<{ waiting: ExecutionSummary; reference: string }> {
	const before = new Set((await executionsOf(wf)).map((e) => e.id));
	const [reference] = await ask(wf, to);
	const deadline = Date.now() + 90000;
	let waiting: ExecutionSummary | undefined;
	while (!waiting) {
		waiting = (await executionsOf(wf)).find((e) => !before.has(e.id) && e.status === 'waiting');
		if (!waiting && Date.now() > deadline) throw new Error(`${wf.id}: no execution waits`);
		if (!waiting) await sleep(250);
	}
	await settle(provider, statusCallback(provider, to, reference));
	return { waiting, reference };
}

/** Requests the mock received that carry this text (a question or a re-prompt). */
const sentWith = (text: string) =>
	mock.requests.filter((r) => JSON.stringify(r.body ?? null).includes(text));

/**
 * Posts a Cloud API callback to an example's trigger ("Customer writes"), signed with the examples'
 * App Secret; again while the trigger answers 503, as Meta does.
 */
async function postToExample(wf: Workflow, body: unknown) {
	const url = n8n.webhookUrl(`${nodeNamed(wf, 'Customer writes').webhookId}/webhook`);
	const secret = readExampleCredentials().find((c) => c.type === 'whatsAppCloudWebhookApi')!.data
		.appSecret as string;
	let answer = await postCloud(url, body, secret);
	for (let attempt = 1; answer.status === 503 && attempt < 40; attempt++) {
		await sleep(500);
		answer = await postCloud(url, body, secret);
	}
	expect(answer.status).toBe(200);
	return answer.body as Receipt & { answered?: number };
}

/** The newest message to a number that carries this text, once the mock has it. */
async function sentTo(to: string, text: string): Promise<any> {
	const digits = to.replace(/\D/g, '');
	const deadline = Date.now() + 90000;
	for (;;) {
		const found = sentWith(text).filter((r) => JSON.stringify(r.body).includes(digits));
		if (found.length > 0) return found[found.length - 1].body;
		if (Date.now() > deadline) throw new Error(`no message with "${text}" reached the mock`);
		await sleep(200);
	}
}

describe('Form (a WhatsApp Flow)', () => {
	test("asked with a Flow whose token is the reference; an altered token and another number's reply resume nothing; the asked number's reply resumes with its fields, once", async () => {
		const [to, other] = [cloudNumber(90), cloudNumber(91)];
		const before = new Set((await executionsOf(FREE_TEXT.form)).map((e) => e.id));
		const [reference] = await ask(FREE_TEXT.form, to);
		const [question] = sentWith('Please book your visit.');
		expect(question.shapeErrors).toEqual([]);
		const parameters = (question.body as any).interactive.action.parameters;
		expect(parameters).toMatchObject({
			flow_id: '123456',
			flow_cta: 'Book!',
			flow_token: reference,
		});
		let waiting: ExecutionSummary | undefined;
		for (const deadline = Date.now() + 90000; !waiting; await sleep(250)) {
			waiting = (await executionsOf(FREE_TEXT.form)).find(
				(e) => !before.has(e.id) && e.status === 'waiting',
			);
			if (!waiting && Date.now() > deadline) throw new Error('no execution waits');
		}
		const fields = { date: '2026-12-10', time: '15:00' };
		// The token altered in its signature: n8n refuses the hop.
		const forged = reference.slice(0, -4) + (reference.endsWith('0000') ? '1111' : '0000');
		const refused = await settle('whatsAppCloud', flowReplyCallback(to, forged, fields));
		expect(refused.resumed ?? 0).toBe(0);
		const foreign = await settle('whatsAppCloud', flowReplyCallback(other, reference, fields));
		expect(foreign.notResumed).toEqual([expect.objectContaining({ reason: 'otherRecipient' })]);
		expect((await n8n.getExecution(waiting.id)).status).toBe('waiting');
		const genuine = await settle('whatsAppCloud', flowReplyCallback(to, reference, fields));
		expect(genuine.resumed).toBe(1);
		const done = await waitForExecution(waiting.id, 'success');
		expect(askOutput(done)).toMatchObject({
			answered: true,
			timedOut: false,
			data: fields,
			flow: { token: reference, response: { flow_token: reference, ...fields } },
		});
		// The same answer again (a new message id) resumes nothing: the wait is over.
		const again = await settle('whatsAppCloud', flowReplyCallback(to, reference, fields));
		expect(again.resumed ?? 0).toBe(0);
	});

	test('example 10: a customer writes; the booking form is a Flow whose submission resumes the execution, which confirms with a calendar link', async () => {
		const to = cloudNumber(92);
		const before = new Set((await executionsOf(bookingExample)).map((e) => e.id));
		expect(
			await postToExample(bookingExample, messageCallback('whatsAppCloud', to, 'Hi')),
		).toMatchObject({
			delivered: 1,
		});
		const question = await sentTo(to, 'pick a day and a time for your visit');
		expect(question.interactive).toMatchObject({
			type: 'flow',
			body: { text: 'Hi Ana! Tap Book to pick a day and a time for your visit.' },
			action: {
				name: 'flow',
				parameters: {
					flow_id: '1187352146052917',
					flow_cta: 'Book',
					flow_action: 'navigate',
					flow_action_payload: { screen: 'APPOINTMENT' },
				},
			},
		});
		const reference = question.interactive.action.parameters.flow_token as string;
		const [waiting] = (await waitFor(bookingExample, 'waiting', 1)).filter(
			(e) => !before.has(e.id),
		);
		expect(waiting).toBeDefined();
		const fields = { date: '2026-12-10', time: '15:00' };
		expect(
			await postToExample(bookingExample, flowReplyCallback(to, reference, fields)),
		).toMatchObject({
			resumed: 1,
			delivered: 0,
		});
		const done = await waitForExecution(waiting.id, 'success');
		expect(nodesRun(done)).toEqual(
			expect.arrayContaining(['Booking form', 'Booked?', 'Confirm with a calendar link']),
		);
		expect(nodesRun(done)).not.toContain('No booking');
		const [confirmation] = mock.requests.filter(
			(r) =>
				JSON.stringify(r.body ?? null).includes('calendar.example.com') &&
				JSON.stringify(r.body).includes(to.replace(/\D/g, '')),
		);
		expect(confirmation.shapeErrors).toEqual([]);
		expect((confirmation.body as any).interactive).toEqual({
			type: 'cta_url',
			header: { type: 'text', text: 'Casa Nova Clinic' },
			body: {
				text: 'You are booked for 2026-12-10 at 15:00. Tap below to add the visit to your calendar.',
			},
			footer: { text: 'Write to us here to change it' },
			action: {
				name: 'cta_url',
				parameters: {
					display_text: 'Add to Calendar',
					url: 'https://calendar.example.com/add?title=Casa%20Nova%20Clinic&date=2026-12-10&time=15%3A00',
				},
			},
		});
		// One execution for the booking: the Flow's reply started none.
		expect(
			(await executionsOf(bookingExample)).filter((e) => !before.has(e.id) && e.id !== waiting.id),
		).toEqual([]);
	}, 240000);
});

describe('Free Text (a typed answer)', () => {
	test.each([
		['whatsAppCloud', FREE_TEXT.cloud, cloudNumber(60)],
		['sinchLatam', FREE_TEXT.sinch, sinchNumber(60)],
	] as Array<[FreeTextProvider, Workflow, string]>)(
		'%s: the next message of the number asked resumes it with the text; the trigger starts nothing for it; a later message is an ordinary one',
		async (provider, wf, to) => {
			const { waiting, reference } = await askFreeText(wf, provider, to);
			// The question went as text, with the reference in the provider's correlation field.
			const question = sentWith(reference)[0].body as IDataObject;
			expect(JSON.stringify(question)).toContain('please describe the problem');
			const receipt = await settle(provider, messageCallback(provider, to, 'The screen is broken'));
			expect(receipt).toMatchObject({ answered: 1, delivered: 0 });
			const done = await waitForExecution(waiting.id, 'success');
			expect(askOutput(done)).toMatchObject({
				answered: true,
				timedOut: false,
				valid: true,
				text: 'The screen is broken',
				data: { text: 'The screen is broken' },
				reprompts: 0,
				message: { type: 'text', text: 'The screen is broken' },
				provider,
			});
			expect(nodesRun(done)).toContain('Done');

			// The wait is over: the next message is an ordinary one (this trigger's Other output is off).
			const later = await settle(provider, messageCallback(provider, to, 'Hello again'));
			expect(later).not.toHaveProperty('answered');
			// Neither message started an execution of the trigger's workflow (its statuses do).
			await sleep(500);
			const started = JSON.stringify(await allExecutions(n8n, tapsWorkflow.id));
			expect(started).not.toContain('The screen is broken');
			expect(started).not.toContain('Hello again');
		},
	);

	test('Answer Must Be Number: two wrong answers are re-prompted, the third is taken', async () => {
		const to = cloudNumber(61);
		const { waiting, reference } = await askFreeText(FREE_TEXT.number, 'whatsAppCloud', to);
		for (const [k, wrong] of ['a lot', 'twelve'].entries()) {
			expect(
				await settle('whatsAppCloud', messageCallback('whatsAppCloud', to, wrong)),
			).toMatchObject({ answered: 1, delivered: 0 });
			// The re-prompt went to the same number, with the same reference.
			const reprompts = sentWith('Please answer with a number.');
			expect(reprompts).toHaveLength(k + 1);
			expect(JSON.stringify(reprompts[k].body)).toContain(reference);
			expect(JSON.stringify(reprompts[k].body)).toContain(to.replace(/\D/g, ''));
			expect((await n8n.getExecution(waiting.id)).status).toBe('waiting');
		}
		await settle('whatsAppCloud', messageCallback('whatsAppCloud', to, '12'));
		const done = await waitForExecution(waiting.id, 'success');
		expect(askOutput(done)).toMatchObject({
			answered: true,
			valid: true,
			text: '12',
			reprompts: 2,
		});
	});

	test('the re-prompt cap reached: the next wrong answer resumes it, marked not valid', async () => {
		const to = cloudNumber(62);
		const { waiting } = await askFreeText(FREE_TEXT.photo, 'whatsAppCloud', to);
		await settle('whatsAppCloud', messageCallback('whatsAppCloud', to, 'I have no camera'));
		expect(sentWith('Send a photo of the problem, please.')).toHaveLength(1);
		await settle('whatsAppCloud', messageCallback('whatsAppCloud', to, 'really, none'));
		const done = await waitForExecution(waiting.id, 'success');
		expect(askOutput(done)).toMatchObject({
			answered: true,
			valid: false,
			invalid: 'expected image',
			text: 'really, none',
			reprompts: 1,
		});
		expect(sentWith('Send a photo of the problem, please.')).toHaveLength(1);
	});

	test('a photo passes Answer Must Be Media; its media descriptor is in the output', async () => {
		const to = cloudNumber(63);
		const { waiting } = await askFreeText(FREE_TEXT.photo, 'whatsAppCloud', to);
		await settle('whatsAppCloud', messageCallback('whatsAppCloud', to, 'the crack', true));
		const done = await waitForExecution(waiting.id, 'success');
		expect(askOutput(done)).toMatchObject({
			valid: true,
			text: 'the crack',
			message: { type: 'image', caption: 'the crack', media: { id: '1234567890' } },
		});
	});

	test('Response Type Location: asked with a location request; a text gets it again; a place from another number resumes nothing; the shared place resumes with it', async () => {
		const [to, other] = [cloudNumber(84), cloudNumber(85)];
		const { waiting, reference } = await askFreeText(FREE_TEXT.location, 'whatsAppCloud', to);
		const [question] = sentWith('Where should we pick you up?');
		expect(question.shapeErrors).toEqual([]);
		expect((question.body as any).interactive).toEqual({
			type: 'location_request_message',
			body: { text: 'Where should we pick you up?' },
			action: { name: 'send_location' },
		});
		await settle('whatsAppCloud', messageCallback('whatsAppCloud', to, 'Rua Barão 12'));
		const reprompts = sentWith('Please share a location: tap Send location below.');
		expect(reprompts).toHaveLength(1);
		expect((reprompts[0].body as any).interactive.type).toBe('location_request_message');
		expect((reprompts[0].body as any).biz_opaque_callback_data).toBe(reference);
		const place = {
			latitude: -22.894,
			longitude: -47.048,
			name: 'City Clinic',
			address: 'Campinas',
		};
		expect((await settle('whatsAppCloud', locationCallback(other, place))).answered ?? 0).toBe(0);
		expect((await n8n.getExecution(waiting.id)).status).toBe('waiting');
		expect(await settle('whatsAppCloud', locationCallback(to, place))).toMatchObject({
			answered: 1,
		});
		const done = await waitForExecution(waiting.id, 'success');
		expect(askOutput(done)).toMatchObject({
			answered: true,
			valid: true,
			location: place,
			message: { type: 'location', location: place },
			reprompts: 1,
		});
	});

	test("two people asked at once each get their own answer; a third person's message resumes nothing", async () => {
		const [ana, bia, caio] = [cloudNumber(64), cloudNumber(65), cloudNumber(66)];
		const first = await askFreeText(FREE_TEXT.cloud, 'whatsAppCloud', ana);
		const second = await askFreeText(FREE_TEXT.cloud, 'whatsAppCloud', bia);
		// One callback with the three customers' messages, the asked ones in the other order.
		const batch = messageCallback('whatsAppCloud', caio, 'Who are you?') as any;
		for (const [from, text] of [
			[bia, 'Bia here: no power'],
			[ana, 'Ana here: no water'],
		]) {
			const one = messageCallback('whatsAppCloud', from, text) as any;
			batch.entry[0].changes[0].value.messages.push(...one.entry[0].changes[0].value.messages);
			batch.entry[0].changes[0].value.contacts.push(...one.entry[0].changes[0].value.contacts);
		}
		expect(await settle('whatsAppCloud', batch)).toMatchObject({ answered: 2 });
		const [a, b] = await Promise.all([
			waitForExecution(first.waiting.id, 'success'),
			waitForExecution(second.waiting.id, 'success'),
		]);
		expect(askOutput(a).text).toBe('Ana here: no water');
		expect(askOutput(b).text).toBe('Bia here: no power');
	});

	test('example 09: a customer writes; the menu, the typed description and the photo each resume the same execution; the confirmation quotes them', async () => {
		const to = cloudNumber(80);
		const send = (body: unknown) => postToExample(intakeExample, body);
		const sent = (text: string) => sentTo(to, text);

		expect(await send(messageCallback('whatsAppCloud', to, 'Hi'))).toMatchObject({ delivered: 1 });
		const [waiting] = await waitFor(intakeExample, 'waiting', 1);
		const menu = referencesIn(await sent('What can we help you with?'));
		expect(menu).toHaveLength(3);
		expect(await send(cloudTap('list', to, menu[0], 'Something is broken'))).toMatchObject({
			resumed: 1,
		});

		const describe = referencesIn(await sent('Please describe the problem'));
		expect(describe).toHaveLength(1);
		await send(statusCallback('whatsAppCloud', to, describe[0]));
		expect(await send(messageCallback('whatsAppCloud', to, 'It does not turn on'))).toMatchObject({
			answered: 1,
			delivered: 0,
		});

		const photo = referencesIn(await sent('Please send a photo of it.'));
		await send(statusCallback('whatsAppCloud', to, photo[0], 'delivered'));
		expect(await send(messageCallback('whatsAppCloud', to, 'here', true))).toMatchObject({
			answered: 1,
		});

		const done = await waitForExecution(waiting.id, 'success');
		expect(nodesRun(done)).toEqual(
			expect.arrayContaining(['Menu', 'Describe the problem', 'Ask for a photo', 'Confirm']),
		);
		const confirmation = await sent('We opened a ticket');
		expect(confirmation).toMatchObject({ type: 'text' });
		expect(confirmation.text.body).toBe(
			'We opened a ticket: Something is broken, "It does not turn on", with your photo. We will write back within a day.',
		);
		// One execution for the whole conversation: the taps and answers started none.
		expect((await executionsOf(intakeExample)).filter((e) => e.id !== waiting.id)).toEqual([]);
	}, 240000);

	test("example 09: one callback with three customers' first messages starts three conversations, each asking its own customer", async () => {
		const url = n8n.webhookUrl(`${nodeNamed(intakeExample, 'Customer writes').webhookId}/webhook`);
		const secret = readExampleCredentials().find((c) => c.type === 'whatsAppCloudWebhookApi')!.data
			.appSecret as string;
		const numbers = [cloudNumber(81), cloudNumber(82), cloudNumber(83)];
		const before = new Set((await executionsOf(intakeExample)).map((e) => e.id));
		const batch = messageCallback('whatsAppCloud', numbers[0], 'Hi') as any;
		for (const to of numbers.slice(1)) {
			const one = messageCallback('whatsAppCloud', to, 'Hello') as any;
			batch.entry[0].changes[0].value.messages.push(...one.entry[0].changes[0].value.messages);
			batch.entry[0].changes[0].value.contacts.push(...one.entry[0].changes[0].value.contacts);
		}
		let answer = await postCloud(url, batch, secret);
		for (let attempt = 1; answer.status === 503 && attempt < 40; attempt++) {
			await sleep(500);
			answer = await postCloud(url, batch, secret);
		}
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ delivered: 3, executions: 3 });
		const deadline = Date.now() + 90000;
		let started: ExecutionSummary[] = [];
		while (started.length < 3) {
			started = (await executionsOf(intakeExample)).filter(
				(e) => !before.has(e.id) && e.status === 'waiting',
			);
			if (Date.now() > deadline) throw new Error(`${started.length} of 3 conversations wait`);
			await sleep(250);
		}
		// Each conversation asked its own customer: one menu to each number.
		for (const to of numbers) {
			const digits = to.replace(/\D/g, '');
			const menus = sentWith('What can we help you with?').filter((r) =>
				JSON.stringify(r.body).includes(digits),
			);
			expect({ to, menus: menus.length }).toEqual({ to, menus: 1 });
		}
	});

	test('the 2-second wait (set going under "time limit") timed out: its item says so, and a later answer resumes nothing', async () => {
		const done = await waitForExecution(timedOut.freeText!.waiting.id, 'success', 100000);
		expect(askOutput(done)).toMatchObject({
			answered: false,
			timedOut: true,
			valid: false,
			text: null,
		});
		const receipt = await settle(
			'whatsAppCloud',
			messageCallback('whatsAppCloud', timedOut.freeText!.to, 'sorry, late'),
		);
		expect(receipt).not.toHaveProperty('answered');
	}, 150000);
});

// Last in this file: it replaces the n8n every test above uses.
describe('Free Text across a restart', () => {
	test('n8n killed with SIGKILL while waiting: the answer after the restart resumes it', async () => {
		const to = cloudNumber(67);
		const { waiting } = await askFreeText(FREE_TEXT.cloud, 'whatsAppCloud', to);
		// n8n saves the trigger's static data (where the wait is registered) right after answering.
		await sleep(2000);
		process.kill(-n8n.pid, 'SIGKILL');
		for (let i = 0; i < 100 && !n8n.exited(); i++) await sleep(100);
		const apiKey = n8n.apiKey;
		const t0 = Date.now();
		n8n = await startN8n({ userFolder, port, keepUserFolder: true });
		n8n.apiKey = apiKey;
		timings.push(`n8n started again after SIGKILL in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

		const receipt = await settle(
			'whatsAppCloud',
			messageCallback('whatsAppCloud', to, 'Still broken after the restart'),
		);
		expect(receipt).toMatchObject({ answered: 1 });
		const done = await waitForExecution(waiting.id, 'success');
		expect(askOutput(done)).toMatchObject({ text: 'Still broken after the restart', valid: true });
	}, 300000);
});
