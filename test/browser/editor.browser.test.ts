/// <reference lib="dom" />
/**
 * The package as a user meets it: n8n's editor (the pinned n8n 2.35.6, package installed as the
 * Community Nodes installer does) in headless Chromium. One n8n, one browser for the whole file.
 *
 * Covered: the node search; the action panel in every state reachable from the UI (provider ×
 * operation × define-message × message type × header type) with valid values and no issue
 * marker; switches that must leave nothing stale; adding and removing buttons and rows; the
 * options on offer; the credential forms with Test against the mock provider; the trigger panel
 * and its outputs on the canvas; executing an example and reading the output panel; an invalid
 * message's error; no Custom API Call; Build Payload with a credential; From after a provider
 * switch; the Send and Wait notice's link; subtitles on the canvas. Saves the README's
 * screenshots into docs/images/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { startMockProvider, type MockProvider } from '../mock-provider';
import { freePort, startN8n, type N8nInstance } from '../e2e/harness/n8n';
import {
	deliverCallback,
	readExample,
	readExampleCredentials,
	REPO_ROOT,
	retarget,
	triggerUrl,
	withExampleSecret,
	type Workflow,
} from '../e2e/support';
import { BUSINESS, sinchBatch } from '../trigger/fixtures';
import { Editor, launchBrowser, loginCookie, type Browser } from './editor';

const OWNER = {
	email: 'owner@example.com',
	password: 'Passw0rd-browser',
	firstName: 'Browser',
	lastName: 'Tests',
};
// WAI_BROWSER_IMAGES: where the screenshots go (default docs/images, which the README shows).
const IMAGES = process.env.WAI_BROWSER_IMAGES || path.join(REPO_ROOT, 'docs', 'images');
const PACKAGE = 'n8n-nodes-whatsapp-interactive';
const ACTION_WF = 'waiBrowserAction';
const TRIGGER_WF = 'waiBrowserTrigger';
const ERROR_WF = 'waiBrowserErrors';
const AGENT_WF = 'waiBrowserAgent01';
const APPROVAL_WF = 'waiBrowserApprove';
const TEMPLATE_WF = 'waiBrowserTemplate';
const NO_CREDENTIAL_WF = 'waiBrowserNoCred';
const MAPPER_WF = 'waiBrowserMapper';
const ROUTER_WF = 'waiBrowserRouter';

const action = (id: string, name: string): Workflow => ({
	id,
	name,
	nodes: [
		{
			id: `${id}-m`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: `${id}-a`,
			name: 'WhatsApp Interactive',
			type: `${PACKAGE}.whatsAppInteractive`,
			typeVersion: 1,
			position: [240, 0],
			parameters: {},
		},
	],
	connections: { Start: { main: [[{ node: 'WhatsApp Interactive', type: 'main', index: 0 }]] } },
});

/** An AI Agent with its chat model (example 07's) and no tools yet. */
function agentWorkflow(example: Workflow): Workflow {
	const pick = (name: string) => example.nodes.find((n) => n.name === name)!;
	return {
		id: AGENT_WF,
		name: 'Browser: agent tools',
		nodes: [pick('Start'), pick('Booking agent'), pick('OpenAI Chat Model')],
		connections: {
			Start: example.connections.Start,
			'OpenAI Chat Model': example.connections['OpenAI Chat Model'],
		},
		settings: { executionOrder: 'v1' },
	};
}

const BUILD_WF = 'waiBrowserBuildPayload';
const SUBTITLE_WF = 'waiBrowserSubtitles';
const SUBTITLE_CASES = ['messangi', 'sinchLatam', 'whatsAppCloud'].flatMap((provider) =>
	['send', 'sendTemplate', 'sendAndWait', 'buildPayload'].map((operation) => ({
		provider,
		operation,
		name: `${provider} ${operation}`,
	})),
);

const buildPayload = action(BUILD_WF, 'Browser: Build Payload');
buildPayload.nodes[1].parameters = {
	provider: 'whatsAppCloud',
	operation: 'buildPayload',
	to: '+1 650 555 1234',
	from: '106540352242922',
	bodyText: 'Your table for two is booked',
	buttons: { button: [{ id: 'ok', title: 'OK' }] },
};

/** Send Template on the Cloud API with the Messangi credential still set (as after a provider switch). */
const noCredential = action(NO_CREDENTIAL_WF, 'Browser: template without credential');
noCredential.nodes[1].parameters = { provider: 'whatsAppCloud', operation: 'sendTemplate' };
noCredential.nodes[1].credentials = {
	messangiApi: { id: 'waiMessangiMock', name: 'Messangi (local mock)' },
};

/** A node as the editor adds one now (type version 1.1): Build Payload of a template on the Cloud API. */
const mapper = action(MAPPER_WF, 'Browser: template fields');
mapper.nodes[1].typeVersion = 1.1;
mapper.nodes[1].parameters = {
	provider: 'whatsAppCloud',
	operation: 'buildPayload',
	sendAs: 'template',
	to: '+1 650 555 1234',
	from: '106540352242922',
};
mapper.nodes[1].credentials = {
	whatsAppCloudApi: { id: 'waiCloudMock', name: 'WhatsApp Cloud API (local mock)' },
};

/** The new message types' tests: one workflow each, a node on the Cloud API with its credential. */
const CLOUD_KIND_WFS = {
	offered: 'waiBrowserKindOffer',
	fields: 'waiBrowserKindFields',
	stale: 'waiBrowserKindStale',
	cards: 'waiBrowserKindCards',
	carouselShot: 'waiBrowserCarousel',
	form: 'waiBrowserFormShot',
};
const cloudKindWorkflows = Object.entries(CLOUD_KIND_WFS).map(([key, id]) => {
	const wf = action(id, `Browser: message types (${key})`);
	wf.nodes[1].parameters = { provider: 'whatsAppCloud', from: '106540352242922' };
	wf.nodes[1].credentials = {
		whatsAppCloudApi: { id: 'waiCloudMock', name: 'WhatsApp Cloud API (local mock)' },
	};
	return wf;
});

const fresh: Workflow[] = [
	action(ACTION_WF, 'Browser: action panel'),
	...cloudKindWorkflows,
	mapper,
	action(TEMPLATE_WF, 'Browser: templates'),
	noCredential,
	buildPayload,
	{
		id: SUBTITLE_WF,
		name: 'Browser: subtitles',
		nodes: SUBTITLE_CASES.map(({ provider, operation, name }, i) => ({
			id: `${SUBTITLE_WF}-${i}`,
			name,
			type: `${PACKAGE}.whatsAppInteractive`,
			typeVersion: 1,
			position: [(i % 3) * 320, Math.floor(i / 3) * 240] as [number, number],
			parameters: { provider, operation },
		})),
		connections: {},
	},
	action(ERROR_WF, 'Browser: error'),
	action(APPROVAL_WF, 'Browser: approval'),
	{
		id: TRIGGER_WF,
		name: 'Browser: trigger panel',
		nodes: [
			{
				id: `${TRIGGER_WF}-t`,
				name: 'WhatsApp Interactive Trigger',
				type: `${PACKAGE}.whatsAppInteractiveTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				webhookId: 'b7d2c9a4-0d7e-4a51-9d7e-2f1c3b5a6e01',
			},
		],
		connections: {},
	},
	{
		// n8n's Webhook node set as docs/router.md says, and a router added after it with nothing set.
		id: ROUTER_WF,
		name: 'Browser: router',
		nodes: [
			{
				id: `${ROUTER_WF}-w`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				parameters: {
					httpMethod: 'POST',
					path: 'browser-router',
					responseMode: 'responseNode',
					options: {},
				},
				webhookId: 'b7d2c9a4-0d7e-4a51-9d7e-2f1c3b5a6e02',
			},
			{
				id: `${ROUTER_WF}-r`,
				name: 'WhatsApp Interactive Router',
				type: `${PACKAGE}.whatsAppInteractiveRouter`,
				typeVersion: 1,
				position: [260, 0],
				parameters: {},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'WhatsApp Interactive Router', type: 'main', index: 0 }]] },
		},
	},
];

let mock: MockProvider;
let n8n: N8nInstance;
let browser: Browser;
let ed: Editor;
const visited: string[] = [];
let askExample: Workflow;

beforeAll(async () => {
	// WAI_BROWSER_TARBALL: run the suite against another build (e.g. an earlier commit's, to see a test fail before its fix).
	const tarball = process.env.WAI_BROWSER_TARBALL || process.env.WAI_E2E_TARBALL;
	if (!tarball)
		throw new Error(
			'WAI_E2E_TARBALL is not set: run with jest -c jest.browser.config.js (its globalSetup packs the package)',
		);
	mock = await startMockProvider({ port: 0 });
	const port = await freePort();
	const target = { n8nUrl: `http://127.0.0.1:${port}`, mockUrl: mock.url };
	// WAI_BROWSER_EXAMPLES: another examples/ folder (with WAI_BROWSER_TARBALL, an earlier commit's).
	const exampleDir = process.env.WAI_BROWSER_EXAMPLES;
	const load = (f: string): Workflow =>
		exampleDir
			? (JSON.parse(fs.readFileSync(path.join(exampleDir, f), 'utf8')) as Workflow)
			: readExample(f);
	const examples = [
		'01-messangi-appointment-buttons.json',
		'03-trigger-routing.json',
		'05-send-and-wait-buttons.json',
	].map((f) => retarget(load(f), target));
	askExample = examples[2];
	n8n = await startN8n({
		tarball,
		port,
		credentials: retarget(readExampleCredentials(), target),
		workflows: [
			...examples,
			...fresh,
			agentWorkflow(retarget(load('07-agent-asks-before-it-acts.json'), target)),
		],
		// Example 05's trigger receives the tap, so its workflow is published (active), as a user would.
		activate: [askExample.id],
		createOwner: OWNER,
		readyTimeoutMs: 300000, // a shared 2-core machine can take minutes
	});
	browser = await launchBrowser(
		n8n.baseUrl,
		await loginCookie(n8n.baseUrl, OWNER.email, OWNER.password),
	);
	ed = new Editor(browser.page, n8n.baseUrl);
	fs.mkdirSync(IMAGES, { recursive: true });
}, 600000);

afterAll(async () => {
	if (visited.length)
		console.log(`Action panel states visited (${visited.length}):\n  ${visited.join('\n  ')}`);
	await browser?.close();
	await n8n?.stop();
	await mock?.close();
}, 60000);

const shot = (name: string) => browser.page.screenshot({ path: path.join(IMAGES, name) });

/** A picture of the open node's panel from its first field. */
async function panelShot(name: string): Promise<void> {
	await ed.params.evaluate((root) => {
		for (let el: HTMLElement | null = root as HTMLElement; el; el = el.parentElement)
			if (el.scrollHeight > el.clientHeight) el.scrollTop = 0;
	});
	await ed.settle();
	await shot(name);
}

// ---------------------------------------------------------------------------------------------

describe('AI agent tools', () => {
	it("the derived approval tool is in the agent's tool picker, attaches to it, and its panel shows the question, provider, credential, recipient, labels and limits with no issue marker", async () => {
		await ed.openWorkflow(AGENT_WF);
		const edges = await browser.page.getByTestId('edge').count();
		await browser.page
			.locator(
				'[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"][data-node-name="Booking agent"] [data-test-id="canvas-handle-plus"]',
			)
			.click();
		await browser.page.getByTestId('node-creator-search-bar').fill('WhatsApp Interactive');
		const all = browser.page.getByTestId('item-iterator-item');
		await all.first().waitFor();
		await ed.settle();
		const approval = all.filter({
			has: browser.page
				.getByTestId('node-creator-item-description')
				.getByText('Request human approval for tools'),
		});
		// The node creator fills its list in steps on a cold editor (this is the suite's first test;
		// once more than 30 s in CI): wait for the entry, then count.
		await approval.first().waitFor({ timeout: 90000 });
		await ed.settle();
		expect(await approval.count()).toBe(1);
		expect((await approval.getByTestId('node-creator-item-name').innerText()).trim()).toBe(
			'WhatsApp Interactive',
		);
		await approval.click();
		await ed.ndv.waitFor({ timeout: 30000 });
		await ed.params.waitFor();
		expect(await ed.shown()).toEqual([
			'message',
			'provider',
			'to',
			'from',
			'approvalOptions',
			'limitType',
			'resumeAmount',
			'resumeUnit',
		]);
		expect((await ed.panel()).order).toEqual([
			'message',
			'provider',
			'@credential',
			'to',
			'from',
			'approvalOptions',
			'@notice',
			'limitType',
			'resumeAmount',
			'resumeUnit',
		]);
		// n8n's own question, with the tool's name and input.
		expect(await ed.input('message').innerText()).toMatch(/\$tool\.name/);
		await ed.select('provider', 'Sinch LATAM');
		await chooseCredential('Sinch LATAM (local mock)');
		expect(
			await ed.params.getByTestId('node-credentials-select').locator('input').first().inputValue(),
		).toBe('Sinch LATAM (local mock)');
		await ed.fill('to', '+55 19 90000-1111');
		const panel = await ed.panel();
		expect(panel.order).toEqual([
			'message',
			'provider',
			'@credential',
			'to',
			'approvalOptions',
			'@notice',
			'limitType',
			'resumeAmount',
			'resumeUnit',
		]);
		expect(panel.issues).toEqual([]);
		// Approval Options, added: the type of approval and both labels, with n8n's defaults.
		await ed.addEntry('approvalOptions');
		const labels = await ed.panel();
		expect(labels.paths).toEqual(
			expect.arrayContaining([
				'approvalOptions.values.approvalType',
				'approvalOptions.values.approveLabel',
				'approvalOptions.values.disapproveLabel',
			]),
		);
		expect(await ed.valueOf('approvalOptions.values.approveLabel')).toBe('Approve');
		expect(await ed.valueOf('approvalOptions.values.disapproveLabel')).toBe('Decline');
		expect(labels.issues).toEqual([]);
		await shot('agent-approval-tool.png');
		await ed.closeNode();
		expect(await browser.page.getByTestId('edge').count()).toBe(edges + 1);
	});
});

describe('Response Type Approval', () => {
	it('Send and Wait for Response with Approval shows the question and the approval options instead of the message fields, with no issue marker once filled', async () => {
		await ed.openWorkflow(APPROVAL_WF);
		await ed.openNode('WhatsApp Interactive');
		await ed.select('operation', 'Send and Wait for Response');
		expect(await ed.valueOf('responseType')).toBe('Message Choices');
		expect(await ed.shown()).toContain('defineMessage');
		await ed.select('responseType', 'Approval');
		expect(await ed.shown()).toEqual([
			'provider',
			'operation',
			'to',
			'from',
			'responseType',
			'message',
			'approvalOptions',
			'limitType',
			'resumeAmount',
			'resumeUnit',
		]);
		await chooseCredential('Messangi (local mock)');
		await ed.fill('to', VALID.to);
		await ed.fill('from', VALID.from);
		await ed.fill('message', 'Refund order 1042 (USD 80)?');
		expect((await ed.panel()).issues).toEqual([]);
		await ed.select('responseType', 'Message Choices');
		expect(await ed.shown()).toEqual(
			expect.arrayContaining(['defineMessage', 'messageType', 'bodyText', 'buttons', 'options']),
		);
		expect(await ed.shown()).not.toContain('message');
		await ed.closeNode();
	});
});

describe('node search', () => {
	it('finds one WhatsApp Interactive entry that describes both nodes, with the icon; its details list both actions and the trigger', async () => {
		await ed.openWorkflow(ACTION_WF);
		await browser.page.getByTestId('node-creator-plus-button').click();
		await browser.page.getByTestId('node-creator-search-bar').fill('WhatsApp Interactive');
		const all = browser.page.getByTestId('item-iterator-item');
		await all.first().waitFor();
		await ed.settle();
		// n8n's own WhatsApp nodes match the search too; ours are one entry, "WhatsApp Interactive".
		const names = (await all.getByTestId('node-creator-item-name').allInnerTexts()).map((t) =>
			t.trim(),
		);
		// The router is a node of its own, next to the merged entry.
		expect(names.filter((n) => n.startsWith('WhatsApp Interactive')).sort()).toEqual([
			'WhatsApp Interactive',
			'WhatsApp Interactive Router',
		]);
		const items = all.filter({
			has: browser.page
				.getByTestId('node-creator-item-name')
				.getByText('WhatsApp Interactive', { exact: true }),
		});
		// n8n shows an action and its trigger as one entry, with the trigger's description: it must
		// describe sending as well as receiving (it used to say only "Starts the workflow when …").
		const description = await items
			.first()
			.getByTestId('node-creator-item-description')
			.innerText();
		expect(description).toMatch(/^Send WhatsApp reply buttons and lists/);
		expect(description).toMatch(/replies?|reply/);
		expect(await items.first().locator('img').first().getAttribute('src')).toMatch(
			/\/icons\/n8n-nodes-whatsapp-interactive\/.*whatsapp\.svg$/,
		);
		await shot('node-search.png');
		await items.first().click();
		const panel = browser.page.getByTestId('node-creator');
		await panel.getByText('Send an interactive message').waitFor();
		const text = await panel.innerText();
		expect(text).toContain('Build the provider request without sending it');
		expect(text).toContain('Send an approved template');
		expect(text).toMatch(/Triggers \(1\)/);
		await browser.page.keyboard.press('Escape');
	});
});

// ---------------------------------------------------------------------------------------------

type Provider = 'Messangi' | 'Sinch LATAM' | 'WhatsApp Cloud API';

/** Valid values for every text field a state can show. */
const VALID: Record<string, string> = {
	to: '+1000000002',
	from: '1000000001',
	bodyText: 'Your appointment is on Friday at 3:00 PM. Will you come?',
	headerText: 'Appointment reminder',
	headerLatitude: '-22.894180',
	headerLongitude: '-47.047960',
	listButtonText: 'See times',
};
const MEDIA_URL: Record<string, string> = {
	Image: 'https://example.com/media/photo.jpg',
	Video: 'https://example.com/media/clip.mp4',
	Document: 'https://example.com/media/brochure.pdf',
};
const HEADER_FIELDS: Record<string, (p: Provider) => string[]> = {
	None: () => [],
	Text: () => ['headerText'],
	Image: (p) => (p === 'Sinch LATAM' ? ['headerMediaUrl', 'headerMediaType'] : ['headerMediaUrl']),
	Video: (p) => (p === 'Sinch LATAM' ? ['headerMediaUrl', 'headerMediaType'] : ['headerMediaUrl']),
	Document: (p) =>
		p === 'Sinch LATAM' ? ['headerMediaUrl', 'headerMediaType'] : ['headerMediaUrl'],
	Location: () => [
		'headerLatitude',
		'headerLongitude',
		'headerLocationName',
		'headerLocationAddress',
	],
};

type Operation = 'Send' | 'Build Payload' | 'Send and Wait for Response';
type LimitWait = 'None' | 'After Time Interval' | 'At Specified Time';

interface State {
	provider: Provider;
	operation: Operation;
	define: 'fields' | 'json';
	type?: 'Reply Buttons' | 'List' | 'Auto';
	header?: string;
	/** Send and Wait for Response: Limit Wait Time. */
	limit?: LimitWait;
}

const LIMIT_FIELDS: Record<LimitWait, string[]> = {
	None: [],
	'After Time Interval': ['resumeAmount', 'resumeUnit'],
	'At Specified Time': ['maxDateAndTime'],
};

/** The top-level fields a state must show, in order (`@credential` where the picker belongs). */
function expectedOrder(s: State): string[] {
	const out = ['provider', 'operation'];
	out.push('@credential', 'to');
	if (s.provider !== 'Sinch LATAM') out.push('from');
	if (s.operation === 'Send and Wait for Response') out.push('responseType');
	if (s.operation !== 'Send') out.push('sendAs');
	out.push('defineMessage');
	const waiting =
		s.operation === 'Send and Wait for Response'
			? ['@notice', 'limitType', ...LIMIT_FIELDS[s.limit ?? 'None']]
			: [];
	if (s.define === 'json') return [...out, 'messageJson', 'options', ...waiting];
	out.push(
		'messageType',
		'headerType',
		...HEADER_FIELDS[s.header ?? 'None'](s.provider),
		'bodyText',
		'footerText',
	);
	out.push(
		...(s.type === 'List'
			? ['listButtonText', 'rows']
			: s.type === 'Auto'
				? ['choices', 'listButtonText']
				: ['buttons']),
	);
	return [...out, 'options', ...waiting];
}

const label = (s: State) =>
	[
		s.provider,
		s.operation,
		s.define === 'json' ? 'JSON' : s.type,
		s.header && `header ${s.header}`,
		s.limit && `limit ${s.limit}`,
	]
		.filter(Boolean)
		.join(' / ');

/** Fills what the state shows and is still empty with valid values; one button or row at least. */
async function fillValid(s: State): Promise<void> {
	// The credential is optional (Build Payload works without): no issue marker tells it is missing.
	if ((await credentialValue()) !== `${s.provider} (local mock)`)
		await chooseCredential(`${s.provider} (local mock)`);
	for (const [name, value] of Object.entries(VALID)) {
		// The Cloud API's From is a list of the business account's phone numbers (from the credential).
		if (!(name === 'from' && s.provider === 'WhatsApp Cloud API'))
			await ed.fillIfEmpty(name, value);
	}
	if (s.provider === 'WhatsApp Cloud API') await pickCloudFrom();
	if (s.header && MEDIA_URL[s.header]) await ed.fill('headerMediaUrl', MEDIA_URL[s.header]);
	if (
		s.define === 'fields' &&
		s.type === 'Reply Buttons' &&
		(await ed.entries('buttons', 'button')) === 0
	) {
		await ed.addEntry('buttons');
		await ed.fill('buttons.button[0].id', 'confirm');
		await ed.fill('buttons.button[0].title', 'Confirm');
	}
	if (s.define === 'fields' && s.type === 'List' && (await ed.entries('rows', 'row')) === 0) {
		await ed.addEntry('rows');
		await ed.fill('rows.row[0].section', 'Mornings');
		await ed.fill('rows.row[0].id', 'slot-9');
		await ed.fill('rows.row[0].title', '9:00 AM');
	}
	if (s.define === 'fields' && s.type === 'Auto' && (await ed.entries('choices', 'choice')) === 0) {
		await ed.addEntry('choices');
		await ed.fill('choices.choice[0].id', 'confirm');
		await ed.fill('choices.choice[0].title', 'Confirm');
	}
}

/** The name of the credential the picker shows, '' when none is chosen. */
async function credentialValue(): Promise<string> {
	await ed.settle();
	const input = ed.params.getByTestId('node-credentials-select').locator('input').first();
	return (await input.inputValue().catch(() => '')).trim();
}

async function chooseCredential(name: string): Promise<void> {
	const items = await ed.open(ed.params.getByTestId('node-credentials-select'));
	await items.filter({ hasText: name }).first().click();
	await ed.settle();
}

/** What a list parameter shows while its options failed to load (or are loading again). */
const FETCH_ERROR = 'Error fetching options from WhatsApp Interactive';

/**
 * Waits while a list parameter shows n8n's fetch error: the editor reloads a list after a change of
 * provider, operation or credential, and on a busy machine the earlier failed load (no credential
 * yet) can still show for seconds.
 */
async function waitForList(name: string): Promise<void> {
	for (let waited = 0; waited < 15000 && (await ed.valueOf(name)) === FETCH_ERROR; waited += 500)
		await browser.page.waitForTimeout(500);
	await ed.settle();
}

/** The Cloud API's From (the credential's phone numbers): the first number, unless one is chosen. */
async function pickCloudFrom(): Promise<void> {
	await waitForList('from');
	const value = await ed.valueOf('from');
	if (!value || value === FETCH_ERROR) await ed.select('from', (await ed.optionsOf('from'))[0]);
}

/** The credentials the picker offers (first line of each entry: the credential's name). */
async function credentialChoices(): Promise<string[]> {
	const items = await ed.open(ed.params.getByTestId('node-credentials-select'));
	const names = (
		await items.evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText))
	).map((t) => t.split('\n')[0].trim());
	await browser.page.keyboard.press('Escape');
	await ed.settle();
	return names;
}

async function check(s: State): Promise<void> {
	const panel = await ed.panel();
	expect({ state: label(s), order: panel.order }).toEqual({
		state: label(s),
		order: expectedOrder(s),
	});
	expect({ state: label(s), issues: panel.issues }).toEqual({ state: label(s), issues: [] });
	visited.push(label(s));
}

describe('action panel', () => {
	beforeAll(async () => {
		await ed.openWorkflow(ACTION_WF);
		await ed.openNode('WhatsApp Interactive');
	});

	it('shows Provider in both operations; each credential only for its provider, in Build Payload too (optional there)', async () => {
		for (const operation of ['Send', 'Build Payload'] as const) {
			await ed.select('operation', operation);
			for (const provider of ['Sinch LATAM', 'Messangi'] as const) {
				await ed.select('provider', provider);
				const order = (await ed.panel()).order;
				expect({ provider, operation, shown: order.slice(0, 3) }).toEqual({
					provider,
					operation,
					shown: ['provider', 'operation', '@credential'],
				});
				expect(await ed.valueOf('provider')).toBe(provider);
				const choices = await credentialChoices();
				expect(choices).toContain(`${provider} (local mock)`);
				expect(choices.filter((c) => c.endsWith('(local mock)'))).toEqual([
					`${provider} (local mock)`,
				]);
			}
		}
		await ed.select('operation', 'Send');
	});

	it("after switching provider: n8n picks no credential (the earlier provider's is still set), and From says why its list is empty", async () => {
		await ed.select('provider', 'Messangi');
		if (!(await credentialValue())) await chooseCredential('Messangi (local mock)');
		await ed.select('provider', 'WhatsApp Cloud API');
		// n8n auto-selects only for a node with no credential at all (editor-ui credentials.utils getAutoSelectedCredential).
		const picked = await credentialValue();
		console.log(`credential after switching to the Cloud API: ${JSON.stringify(picked)}`);
		expect(picked).toBe('');
		const panel = await ed.panel();
		const from = ed.params
			.locator('[data-test-id="parameter-item"]:has(label[for="from"])')
			.first();
		// The list is loaded on the switch (loadOptionsDependsOn: provider) and fails with our reason.
		expect(panel.issues).toContain('from');
		expect(await ed.valueOf('from')).toBe(FETCH_ERROR);
		await from.locator('[data-test-id="parameter-issues"]').first().hover();
		const tip = browser.page.getByText(
			'Choose a WhatsApp Cloud API credential above to list its phone numbers',
			{ exact: false },
		);
		await tip.first().waitFor({ timeout: 10000 });
		expect(await tip.first().innerText()).toContain('give the phone number ID with an expression');
		await panelShot('from-without-credential.png');
		// With the credential chosen, From lists the account's numbers.
		await browser.page.mouse.move(0, 0);
		await chooseCredential('WhatsApp Cloud API (local mock)');
		// The credential change reloads the list (n8n's ParameterInput watches the node's credentials).
		await waitForList('from');
		expect(await ed.optionsOf('from')).toEqual(['Lucky Shrub (+1 555-078-3881)']);
		await ed.select('provider', 'Messangi');
		// Back on a provider whose From is text: no list error left over from the Cloud API's (the
		// editor reloads the list for the new provider too; it gets an empty one).
		const fromInput = ed.input('from').locator('input, textarea').first();
		expect(await fromInput.isEditable()).toBe(true);
		await ed.fill('from', VALID.from);
		expect((await ed.panel()).issues).not.toContain('from');
	});

	it('every reachable state, filled with valid values, shows its own fields and no issue marker', async () => {
		for (const provider of ['Messangi', 'Sinch LATAM', 'WhatsApp Cloud API'] as const) {
			await ed.select('provider', provider);
			for (const operation of ['Send', 'Build Payload', 'Send and Wait for Response'] as const) {
				await ed.select('operation', operation);
				await ed.select('defineMessage', 'Using Fields Below');
				for (const type of ['Reply Buttons', 'List', 'Auto'] as const) {
					await ed.select('messageType', type);
					// A switch resets a header type the new message type does not offer.
					const offered = await ed.optionsOf('headerType');
					expect({ provider, type, offered }).toEqual({
						provider,
						type,
						offered:
							type !== 'Reply Buttons'
								? ['None', 'Text']
								: provider === 'Sinch LATAM'
									? ['None', 'Text', 'Image', 'Video', 'Document', 'Location']
									: ['None', 'Text', 'Image', 'Video', 'Document'],
					});
					expect(offered).toContain(await ed.valueOf('headerType'));
					// Build Payload and Send and Wait show Send's message fields (the description fixture,
					// test/action/registry.test.ts, holds every combination): here every header for Send,
					// the first for the other two, to keep the suite's time in check.
					for (const header of operation === 'Send' ? offered : offered.slice(0, 1)) {
						const s: State = { provider, operation, define: 'fields', type, header };
						await ed.select('headerType', header);
						await fillValid(s);
						await check(s);
						if (provider === 'Messangi' && operation === 'Send' && header === 'Image')
							await panelShot('action-buttons.png');
						if (
							provider === 'Sinch LATAM' &&
							operation === 'Send' &&
							type === 'List' &&
							header === 'Text'
						)
							await panelShot('action-list.png');
					}
				}
				await ed.select('defineMessage', 'Using JSON');
				const s: State = { provider, operation, define: 'json' };
				await fillValid(s);
				await check(s);
				if (operation === 'Send and Wait for Response') {
					// Each Limit Wait Time shows its own fields, and none is left when it goes back to None.
					for (const limit of ['After Time Interval', 'At Specified Time', 'None'] as const) {
						await ed.select('limitType', limit);
						const w: State = { ...s, limit };
						await check(w);
					}
				}
			}
		}
		// Per provider: Send with buttons × its header types + list × 2 + auto × 2 + JSON; Build Payload
		// and Send and Wait with one header per message type + JSON; and 3 Limit Wait Time states.
		expect(visited).toHaveLength(
			3 * (2 * (3 + 1) + 3) + (5 + 2 + 2 + 1) + (6 + 2 + 2 + 1) + (5 + 2 + 2 + 1),
		);
	}, 900000);

	it('a switch of message type, provider or header type leaves no field that does not apply', async () => {
		await ed.select('defineMessage', 'Using Fields Below');
		await ed.select('operation', 'Send');
		// Reply Buttons with an image header, then List: no Image left, no Header Media URL.
		await ed.select('provider', 'Messangi');
		await ed.select('messageType', 'Reply Buttons');
		await ed.select('headerType', 'Image');
		await ed.fill('headerMediaUrl', MEDIA_URL.Image);
		await ed.select('messageType', 'List');
		expect(await ed.valueOf('headerType')).toBe('None');
		let panel = await ed.panel();
		expect(panel.order).not.toContain('headerMediaUrl');
		expect(panel.issues).not.toContain('headerType');
		// The same from Reply Buttons to Auto, which takes a text header or none.
		await ed.select('messageType', 'Reply Buttons');
		await ed.select('headerType', 'Video');
		await ed.fill('headerMediaUrl', MEDIA_URL.Video);
		await ed.select('messageType', 'Auto');
		expect(await ed.valueOf('headerType')).toBe('None');
		panel = await ed.panel();
		for (const name of ['headerMediaUrl', 'buttons', 'rows'])
			expect(panel.order).not.toContain(name);
		expect(panel.issues).not.toContain('headerType');
		// Sinch with a location header, then Messangi: no location fields left.
		await ed.select('provider', 'Sinch LATAM');
		await ed.select('messageType', 'Reply Buttons');
		await ed.select('headerType', 'Location');
		await ed.fill('headerLatitude', VALID.headerLatitude);
		await ed.fill('headerLongitude', VALID.headerLongitude);
		await ed.select('provider', 'Messangi');
		expect(await ed.valueOf('headerType')).toBe('None');
		panel = await ed.panel();
		for (const name of HEADER_FIELDS.Location('Sinch LATAM'))
			expect(panel.order).not.toContain(name);
		expect(panel.issues).not.toContain('headerType');
		// Sinch image with media type PNG, then Document: PNG is gone, only PDF is offered.
		await ed.select('provider', 'Sinch LATAM');
		await ed.select('headerType', 'Image');
		expect(await ed.optionsOf('headerMediaType')).toEqual([
			'Detect From URL',
			'JPG',
			'JPEG',
			'PNG',
		]);
		await ed.select('headerMediaType', 'PNG');
		await ed.select('headerType', 'Document');
		expect(await ed.optionsOf('headerMediaType')).toEqual(['Detect From URL', 'PDF']);
		expect(await ed.valueOf('headerMediaType')).toBe('Detect From URL');
		expect((await ed.panel()).issues).not.toContain('headerMediaType');
		await ed.select('headerType', 'Video');
		expect(await ed.optionsOf('headerMediaType')).toEqual(['Detect From URL', 'MP4']);
	});

	it('field details: no 0,0 location by default, placeholders that fit the field', async () => {
		await ed.select('provider', 'Sinch LATAM');
		await ed.select('messageType', 'Reply Buttons');
		await ed.select('headerType', 'Location');
		// Latitude and Longitude start empty (not 0) and are marked until filled.
		await ed.fill('headerLatitude', '');
		expect(await ed.input('headerLatitude').locator('input').inputValue()).toBe('');
		expect((await ed.panel()).issues).toContain('headerLatitude');
		expect(await ed.input('headerLatitude').locator('input').getAttribute('placeholder')).toMatch(
			/^-?\d+\.\d+$/,
		);
		await ed.fill('headerLatitude', VALID.headerLatitude);
		for (const [header, extension] of [
			['Image', 'jpg'],
			['Video', 'mp4'],
			['Document', 'pdf'],
		]) {
			await ed.select('headerType', header);
			expect(await ed.input('headerMediaUrl').locator('input').getAttribute('placeholder')).toMatch(
				new RegExp(`\\.${extension}$`),
			);
		}
		if ((await ed.entries('buttons', 'button')) === 0) await ed.addEntry('buttons');
		expect(
			await ed.input('buttons.button[0].id').locator('input').getAttribute('placeholder'),
		).toBeTruthy();
		expect(
			await ed.input('buttons.button[0].title').locator('input').getAttribute('placeholder'),
		).toBeTruthy();
	});

	it('adds and removes buttons and rows', async () => {
		await ed.select('messageType', 'Reply Buttons');
		while ((await ed.entries('buttons', 'button')) < 3) await ed.addEntry('buttons');
		expect(await ed.entries('buttons', 'button')).toBe(3);
		await ed.fill('buttons.button[2].id', 'third');
		await ed.removeEntry('buttons', 1);
		expect(await ed.entries('buttons', 'button')).toBe(2);
		expect(await ed.input('buttons.button[1].id').locator('input').inputValue()).toBe('third');
		await ed.select('messageType', 'List');
		while ((await ed.entries('rows', 'row')) < 3) await ed.addEntry('rows');
		expect(await ed.entries('rows', 'row')).toBe(3);
		await ed.removeEntry('rows', 0);
		expect(await ed.entries('rows', 'row')).toBe(2);
		expect((await ed.panel()).paths).toEqual(
			expect.arrayContaining([
				'rows.row[1].section',
				'rows.row[1].id',
				'rows.row[1].title',
				'rows.row[1].description',
			]),
		);
	});

	it('offers only options that apply: sending options only when sending, Batch Size only with Broadcast Batching, in order', async () => {
		const optionNames = async () => {
			const items = await ed.open(ed.params.getByTestId('collection-parameter-add'));
			const names = (await items.evaluateAll((els) => els.map((el) => el.textContent ?? '')))
				.map((t) => t.trim())
				.filter(Boolean);
			await browser.page.keyboard.press('Escape');
			await ed.settle();
			return names;
		};
		const SENDING = [
			'Include Request',
			'Max Concurrent Requests',
			'Max Retries',
			'Retry Requests That May Have Been Delivered',
			'Timeout',
		];
		await ed.select('messageType', 'Reply Buttons');
		for (const provider of ['Messangi', 'Sinch LATAM'] as const) {
			await ed.select('provider', provider);
			await ed.select('operation', 'Build Payload');
			const build = await optionNames();
			for (const name of [...SENDING, 'Broadcast Batching', 'Batch Size'])
				expect({ provider, build, name }).toEqual({
					provider,
					build: expect.not.arrayContaining([name]),
					name,
				});
			await ed.select('operation', 'Send');
			const send = await optionNames();
			expect(send).toEqual(expect.arrayContaining(SENDING));
			expect(send).toEqual([...send].sort((a, b) => a.localeCompare(b)));
			if (provider === 'Messangi')
				expect(send.indexOf('Template Message')).toBeLessThan(send.indexOf('Timeout'));
			else {
				expect(send).toContain('Broadcast Batching');
				expect(send).not.toContain('Batch Size');
			}
			// Send and Wait asks one question: nothing about sending many items at once.
			await ed.select('operation', 'Send and Wait for Response');
			const wait = await optionNames();
			expect(wait).toEqual(expect.arrayContaining(['Max Retries', 'Timeout']));
			for (const name of ['Concurrency', 'Max Concurrent Requests', 'Broadcast Batching'])
				expect({ provider, wait, name }).toEqual({
					provider,
					wait: expect.not.arrayContaining([name]),
					name,
				});
			await ed.select('operation', 'Send');
		}
	});

	it('conversations: Text shows only a Body (and Link Preview for the Cloud API); Download Media and Mark as Read show only their own fields', async () => {
		for (const provider of ['Messangi', 'Sinch LATAM', 'WhatsApp Cloud API'] as const) {
			await ed.select('provider', provider);
			await ed.select('operation', 'Send');
			await ed.select('defineMessage', 'Using Fields Below');
			expect(await ed.optionsOf('messageType')).toContain('Text');
			await ed.select('messageType', 'Text');
			const shown = await ed.shown();
			expect({ provider, shown }).toEqual({
				provider,
				shown: expect.arrayContaining(['to', 'messageType', 'bodyText']),
			});
			for (const absent of ['buttons', 'rows', 'headerType', 'footerText', 'listButtonText'])
				expect({ provider, absent, shown: shown.includes(absent) }).toEqual({
					provider,
					absent,
					shown: false,
				});
			expect({ provider, preview: shown.includes('previewUrl') }).toEqual({
				provider,
				preview: provider === 'WhatsApp Cloud API',
			});
			await ed.select('operation', 'Download Media');
			expect({ provider, shown: await ed.shown() }).toEqual({
				provider,
				shown: ['provider', 'operation', 'media', 'binaryPropertyName', 'options'],
			});
		}
		expect(await ed.optionsOf('operation')).toContain('Mark as Read');
		if ((await credentialValue()) !== 'WhatsApp Cloud API (local mock)')
			await chooseCredential('WhatsApp Cloud API (local mock)');
		await ed.select('operation', 'Download Media');
		expect((await ed.panel()).issues).toEqual([]);
		await panelShot('action-download-media.png');
		await ed.select('operation', 'Mark as Read');
		expect(await ed.shown()).toEqual(['provider', 'operation', 'from', 'messageId', 'options']);
		await ed.select('operation', 'Send');
		await ed.select('messageType', 'Reply Buttons');
	});

	it('Send and Wait → Free Text: the question, Answer Must Be with the field of each rule, Free Text Options; no message fields and no Send As', async () => {
		await ed.select('provider', 'WhatsApp Cloud API');
		if ((await credentialValue()) !== 'WhatsApp Cloud API (local mock)')
			await chooseCredential('WhatsApp Cloud API (local mock)');
		await ed.select('operation', 'Send and Wait for Response');
		// Alphabetical, as n8n's lint wants options; Message Choices stays the default.
		expect(await ed.optionsOf('responseType')).toEqual([
			'Approval',
			'Form (WhatsApp Flow)',
			'Free Text',
			'Location',
			'Message Choices',
		]);
		// Location: the question and its options; Form: the question and the Flow's fields.
		await ed.select('responseType', 'Location');
		const location = await ed.shown();
		expect(location).toEqual(expect.arrayContaining(['message', 'freeTextOptions']));
		for (const absent of ['answerValidation', 'messageType', 'sendAs', 'flowId'])
			expect({ absent, shown: location.includes(absent) }).toEqual({ absent, shown: false });
		await ed.select('responseType', 'Form (WhatsApp Flow)');
		const form = await ed.shown();
		expect(form).toEqual(
			expect.arrayContaining(['message', 'flowIdentifier', 'flowId', 'flowCta', 'flowScreen']),
		);
		for (const absent of ['answerValidation', 'messageType', 'sendAs', 'freeTextOptions'])
			expect({ absent, shown: form.includes(absent) }).toEqual({ absent, shown: false });
		await ed.select('responseType', 'Free Text');
		try {
			await freeTextPanel();
		} finally {
			await ed.select('answerValidation', 'Any Message');
			await ed.select('responseType', 'Message Choices');
			await ed.select('operation', 'Send');
		}
	});

	async function freeTextPanel(): Promise<void> {
		const shown = await ed.shown();
		expect(shown).toEqual(
			expect.arrayContaining([
				'to',
				'from',
				'message',
				'answerValidation',
				'freeTextOptions',
				'options',
				'limitType',
			]),
		);
		for (const absent of ['sendAs', 'messageType', 'bodyText', 'buttons', 'approvalOptions'])
			expect({ absent, shown: shown.includes(absent) }).toEqual({ absent, shown: false });
		const ruleFields: Array<[string, string | null]> = [
			['Number', null],
			['One of a List', 'allowedAnswers'],
			['Matches a Pattern', 'answerPattern'],
			['Media', 'answerMediaTypes'],
		];
		for (const [rule, field] of ruleFields) {
			await ed.select('answerValidation', rule);
			const now = await ed.shown();
			for (const own of ['allowedAnswers', 'answerPattern', 'answerMediaTypes'])
				expect({ rule, own, shown: now.includes(own) }).toEqual({
					rule,
					own,
					shown: own === field,
				});
		}
		const notice = (await ed.params.locator('.n8n-notice, [class*="notice"]').allInnerTexts()).join(
			' ',
		);
		expect(notice).toContain("also receives the question's status callbacks");
		await ed.fill('to', '+1 650 555 1234');
		await pickCloudFrom();
		await ed.fill('message', 'Thank you. Please send a photo of it.');
		expect((await ed.panel()).issues).toEqual([]);
		await panelShot('send-and-wait-free-text.png');
	}

	it('offers no Custom API Call (n8n adds it for credentials with `authenticate`), so a typed message survives every operation switch', async () => {
		await ed.select('provider', 'Messangi');
		await ed.select('operation', 'Send');
		await ed.select('defineMessage', 'Using Fields Below');
		await ed.select('messageType', 'Reply Buttons');
		await ed.fill('bodyText', 'Your table for two is booked');
		expect(await ed.optionsOf('operation')).toEqual([
			'Send',
			'Send Template',
			'Send and Wait for Response',
			'Build Payload',
			'Download Media',
		]);
		for (const operation of ['Build Payload', 'Send and Wait for Response', 'Send'] as const) {
			await ed.select('operation', operation);
			expect({
				operation,
				body: await ed.input('bodyText').locator('input, textarea').first().inputValue(),
			}).toEqual({ operation, body: 'Your table for two is booked' });
		}
		// What the editor was given: neither the node nor its AI-tool variant has the injected operation.
		const types = (await browser.page.evaluate(async () =>
			(await fetch('/types/nodes.json')).json(),
		)) as Array<{
			name: string;
			properties: Array<{ name: string; options?: Array<{ value?: unknown }> }>;
		}>;
		// The node, its tool variant (createAiTools) and its human-in-the-loop tool (createHitlTools, for
		// Send and Wait); the trigger and the router have no operations, and n8n derives no tool from them.
		const ours = types.filter(
			(t) =>
				t.name.startsWith(`${PACKAGE}.whatsAppInteractive`) &&
				!t.name.endsWith('Trigger') &&
				!t.name.endsWith('Router'),
		);
		expect(types.map((t) => t.name)).not.toContain(`${PACKAGE}.whatsAppInteractiveRouterTool`);
		expect(ours.map((t) => t.name)).toEqual(
			expect.arrayContaining([
				`${PACKAGE}.whatsAppInteractive`,
				`${PACKAGE}.whatsAppInteractiveTool`,
			]),
		);
		for (const t of ours) {
			const values = t.properties
				.filter((p) => ['resource', 'operation'].includes(p.name))
				.flatMap((p) => (p.options ?? []).map((o) => o.value));
			expect({ type: t.name, custom: values.filter((v) => v === '__CUSTOM_API_CALL__') }).toEqual({
				type: t.name,
				custom: [],
			});
			// One Operation per set of operations the providers offer: Messangi and Sinch LATAM, then
			// the Cloud API with Mark as Read.
			const sending = ['send', 'sendTemplate', 'sendAndWait', 'buildPayload', 'downloadMedia'];
			if (!t.name.endsWith('HitlTool'))
				expect({ type: t.name, values }).toEqual({
					type: t.name,
					values: [...sending, ...sending, 'markAsRead'],
				});
		}
	});

	it('Send and Wait for Response: its notice says who can answer and links the set-up document, opening a new tab', async () => {
		await ed.select('operation', 'Send and Wait for Response');
		const link = ed.params
			.locator('.n8n-notice a, [class*="notice"] a')
			.filter({ hasText: 'Who can answer, and how to set it up' })
			.first();
		await link.waitFor();
		const notice = (await ed.params.locator('.n8n-notice, [class*="notice"]').allInnerTexts()).join(
			' ',
		);
		expect(notice).toContain('Only the number asked can answer, and the first tap counts');
		expect(notice).toContain('checks its callbacks');
		expect(await link.getAttribute('href')).toBe(
			'https://github.com/n8n-nodes-whatsapp-interactive/n8n-nodes-whatsapp-interactive/blob/main/docs/send-and-wait.md#who-can-answer',
		);
		expect(await link.getAttribute('target')).toBe('_blank');
		await ed.select('operation', 'Send');
	});
});

// ---------------------------------------------------------------------------------------------

/** The Message Types every provider offers in Send and Build Payload (the registry's order, Auto after List). */
const COMMON_TYPES = ['Reply Buttons', 'List', 'Auto', 'Text'];
/**
 * The Message Types only the WhatsApp Cloud API offers (its dialect's kinds, in the order of
 * nodes/shared/kinds/index.ts), each with the fields it shows between Message Type and Options, in
 * the description's order (description/message.ts): CTA URL and Flow are interactive kinds, with
 * their own Header Type and the shared Body and Footer around Button Text and URL
 * (ctaUrlAndLocationRequestProperties) and the Flow's fields (flow.ts, with Flow Options since the
 * message sets its own token); a location request has its own Body only; Carousel its Body, Card
 * Buttons and Cards (carouselProperties); the catalog messages their header, body, footer, catalog
 * and products (productProperties).
 */
const CLOUD_ONLY: Record<string, string[]> = {
	'CTA URL Button': ['headerType', 'bodyText', 'ctaButtonText', 'ctaButtonUrl', 'footerText'],
	'Location Request': ['bodyText'],
	'WhatsApp Flow': [
		'headerType',
		'bodyText',
		'flowIdentifier',
		'flowId',
		'flowCta',
		'flowAction',
		'flowScreen',
		'flowData',
		'flowOptions',
		'footerText',
	],
	Carousel: ['bodyText', 'carouselButtons', 'cards'],
	Product: ['bodyText', 'footerText', 'catalogId', 'productRetailerId'],
	'Product List': ['headerText', 'bodyText', 'footerText', 'catalogId', 'products'],
	Catalog: ['bodyText', 'footerText', 'thumbnailProductRetailerId'],
};
const CLOUD_ONLY_TYPES = Object.keys(CLOUD_ONLY);
/** The fields that belong to a Message Type (docs/contract.md), not the header, body and footer several share. */
const OWN_FIELDS: Record<string, string[]> = {
	'Reply Buttons': ['buttons'],
	List: ['listButtonText', 'rows'],
	Auto: ['choices', 'listButtonText'],
	Text: ['previewUrl'],
	'CTA URL Button': ['ctaButtonText', 'ctaButtonUrl'],
	'Location Request': [],
	'WhatsApp Flow': [
		'flowIdentifier',
		'flowId',
		'flowName',
		'flowCta',
		'flowAction',
		'flowScreen',
		'flowData',
		'flowOptions',
	],
	Carousel: ['carouselButtons', 'cards'],
	Product: ['catalogId', 'productRetailerId'],
	'Product List': ['catalogId', 'products'],
	Catalog: ['thumbnailProductRetailerId'],
};
/** Every field of the Cloud API's own types. */
const CLOUD_ONLY_FIELDS = [...new Set(CLOUD_ONLY_TYPES.flatMap((t) => OWN_FIELDS[t]))];

/** The fields of the other types that `type` does not have itself. */
const foreignFields = (type: string): string[] =>
	[
		...new Set(
			Object.keys(OWN_FIELDS)
				.filter((t) => t !== type)
				.flatMap((t) => OWN_FIELDS[t]),
		),
	].filter((f) => !OWN_FIELDS[type].includes(f));

/** The rendered inputs (nested ones included) that are `fields` or inside one of them. */
const renderedOf = (paths: string[], fields: string[]): string[] =>
	paths.filter((p) => fields.some((f) => p === f || p.startsWith(`${f}.`)));

/** The Cloud API's Send panel for one of its own types, with that header (CTA URL, Flow). */
function cloudOnlyOrder(type: string, header = 'None'): string[] {
	const fields = CLOUD_ONLY[type].flatMap((f) =>
		f === 'headerType' ? [f, ...HEADER_FIELDS[header]('WhatsApp Cloud API')] : [f],
	);
	return [
		'provider',
		'operation',
		'@credential',
		'to',
		'from',
		'defineMessage',
		'messageType',
		...fields,
		'options',
	];
}

/** A card's fields before its buttons (description/message.ts, carouselProperties), then each Card Buttons choice's. */
const CARD_FIELDS = ['headerType', 'mediaUrl', 'body'];
const CARD_BUTTONS: Record<string, string[]> = {
	'Quick Replies': ['replyId1', 'replyTitle1', 'replyId2', 'replyTitle2'],
	'URL Button': ['buttonText', 'buttonUrl'],
};

/** The fields card `index` renders, in order. */
const cardFields = (paths: string[], index: number): string[] =>
	paths
		.filter((p) => p.startsWith(`cards.card[${index}].`))
		.map((p) => p.slice(`cards.card[${index}].`.length));

describe('new message types', () => {
	/** Opens the node of `workflow`: the Cloud API with its credential and From, Send, fields. */
	async function openCloudNode(workflow: string): Promise<void> {
		await ed.openWorkflow(workflow);
		await ed.openNode('WhatsApp Interactive');
		expect(await ed.valueOf('provider')).toBe('WhatsApp Cloud API');
		expect(await ed.valueOf('operation')).toBe('Send');
		expect(await ed.valueOf('defineMessage')).toBe('Using Fields Below');
		expect(await credentialValue()).toBe('WhatsApp Cloud API (local mock)');
	}

	/** The panel of a Cloud-only type: its fields in order, none of another type's, no issue on Message Type. */
	async function checkCloudOnly(type: string, header = 'None'): Promise<void> {
		const panel = await ed.panel();
		expect({ type, header, order: panel.order }).toEqual({
			type,
			header,
			order: cloudOnlyOrder(type, header),
		});
		expect({ type, foreign: renderedOf(panel.paths, foreignFields(type)) }).toEqual({
			type,
			foreign: [],
		});
		expect({ type, issues: panel.issues.filter((n) => n === 'messageType') }).toEqual({
			type,
			issues: [],
		});
	}

	it('Message Type: the WhatsApp Cloud API lists its seven own types after Text in Send and Build Payload (none in Send and Wait); Messangi and Sinch LATAM list none of them', async () => {
		await openCloudNode(CLOUD_KIND_WFS.offered);
		for (const provider of ['WhatsApp Cloud API', 'Messangi', 'Sinch LATAM'] as const) {
			await ed.select('provider', provider);
			for (const operation of ['Send', 'Build Payload'] as const) {
				await ed.select('operation', operation);
				expect({ provider, operation, offered: await ed.optionsOf('messageType') }).toEqual({
					provider,
					operation,
					offered:
						provider === 'WhatsApp Cloud API'
							? [...COMMON_TYPES, ...CLOUD_ONLY_TYPES]
							: COMMON_TYPES,
				});
			}
			// Send and Wait asks with choices to tap: reply buttons, a list, or Auto.
			await ed.select('operation', 'Send and Wait for Response');
			expect({ provider, offered: await ed.optionsOf('messageType') }).toEqual({
				provider,
				offered: ['Reply Buttons', 'List', 'Auto'],
			});
		}
	});

	it("each of the Cloud API's own types shows exactly its own fields (with the header, body and footer it takes) and none of another type's", async () => {
		await openCloudNode(CLOUD_KIND_WFS.fields);
		for (const type of CLOUD_ONLY_TYPES) {
			await ed.select('messageType', type);
			expect(await ed.valueOf('messageType')).toBe(type);
			await checkCloudOnly(type);
		}
		// The header types CTA URL and Flow take (the Cloud API's limits for each), each with its fields.
		await ed.select('messageType', 'CTA URL Button');
		expect(await ed.optionsOf('headerType')).toEqual([
			'None',
			'Text',
			'Image',
			'Video',
			'Document',
		]);
		for (const header of ['Image', 'Text', 'None']) {
			await ed.select('headerType', header);
			await checkCloudOnly('CTA URL Button', header);
		}
		await ed.select('messageType', 'WhatsApp Flow');
		expect(await ed.optionsOf('headerType')).toEqual(['None', 'Text']);
		await ed.select('headerType', 'Text');
		await checkCloudOnly('WhatsApp Flow', 'Text');
		await ed.select('headerType', 'None');
		// Identify Flow By Name: Flow Name instead of Flow ID; First Screen From the Flow's endpoint:
		// no First Screen, no Screen Data.
		const flow = cloudOnlyOrder('WhatsApp Flow');
		await ed.select('flowIdentifier', 'Name');
		const byName = flow.map((f) => (f === 'flowId' ? 'flowName' : f));
		expect((await ed.panel()).order).toEqual(byName);
		await ed.select('flowAction', "The Flow's Endpoint");
		expect((await ed.panel()).order).toEqual(
			byName.filter((f) => !['flowScreen', 'flowData'].includes(f)),
		);
		await ed.select('flowAction', 'This Message');
		await ed.select('flowIdentifier', 'ID');
		expect((await ed.panel()).order).toEqual(flow);
	});

	it('a switch leaves nothing stale: CTA URL → Carousel → Reply Buttons, an image header → Flow, and Carousel or Flow → Messangi or Sinch LATAM (Message Type back to Reply Buttons, no issue)', async () => {
		await openCloudNode(CLOUD_KIND_WFS.stale);
		const buttonsOrder = (provider: Provider) =>
			expectedOrder({ provider, operation: 'Send', define: 'fields', type: 'Reply Buttons' });
		await ed.select('messageType', 'CTA URL Button');
		await ed.fill('ctaButtonText', 'See Dates');
		await ed.fill('ctaButtonUrl', 'https://example.com/booking');
		await ed.select('messageType', 'Carousel');
		await checkCloudOnly('Carousel');
		await ed.fill('bodyText', 'Here are two of our latest arrivals:');
		await ed.addEntry('cards');
		await ed.select('messageType', 'Reply Buttons');
		let panel = await ed.panel();
		expect(panel.order).toEqual(buttonsOrder('WhatsApp Cloud API'));
		expect(renderedOf(panel.paths, CLOUD_ONLY_FIELDS)).toEqual([]);
		expect(panel.issues).not.toContain('messageType');
		// Back on CTA URL: the button text typed before is not kept (n8n drops a hidden parameter's value).
		await ed.select('messageType', 'CTA URL Button');
		await checkCloudOnly('CTA URL Button');
		const ctaText = await ed.input('ctaButtonText').locator('input').first().inputValue();
		console.log(
			`CTA Button Text after CTA URL → Carousel → Reply Buttons → CTA URL: ${JSON.stringify(ctaText)}`,
		);
		expect(ctaText).toBe('');
		// An image header on CTA URL, then Flow (which takes a text header or none): Header Type None.
		await ed.select('headerType', 'Image');
		await ed.fill('headerMediaUrl', MEDIA_URL.Image);
		await ed.select('messageType', 'WhatsApp Flow');
		expect(await ed.valueOf('headerType')).toBe('None');
		await checkCloudOnly('WhatsApp Flow');
		expect((await ed.panel()).issues).not.toContain('headerType');
		// A type the new provider does not offer: the editor sets Message Type back to its default.
		for (const [type, provider] of [
			['Carousel', 'Messangi'],
			['WhatsApp Flow', 'Messangi'],
			['Carousel', 'Sinch LATAM'],
			['WhatsApp Flow', 'Sinch LATAM'],
		] as const) {
			await ed.select('provider', 'WhatsApp Cloud API');
			await ed.select('messageType', type);
			expect(await ed.valueOf('messageType')).toBe(type);
			await ed.select('provider', provider);
			const now = await ed.valueOf('messageType');
			console.log(
				`Message Type after ${type} on the Cloud API → ${provider}: ${JSON.stringify(now)}`,
			);
			expect({ type, provider, messageType: now }).toEqual({
				type,
				provider,
				messageType: 'Reply Buttons',
			});
			expect(await ed.optionsOf('messageType')).toEqual(COMMON_TYPES);
			panel = await ed.panel();
			expect({ type, provider, order: panel.order }).toEqual({
				type,
				provider,
				order: buttonsOrder(provider),
			});
			expect({ type, provider, left: renderedOf(panel.paths, CLOUD_ONLY_FIELDS) }).toEqual({
				type,
				provider,
				left: [],
			});
			expect({ type, provider, issues: panel.issues.includes('messageType') }).toEqual({
				type,
				provider,
				issues: false,
			});
		}
	});

	it("Carousel's Cards: an added card shows its fields, and its buttons follow Card Buttons (quick replies or a URL button), on every card", async () => {
		await openCloudNode(CLOUD_KIND_WFS.cards);
		await ed.select('messageType', 'Carousel');
		expect(await ed.optionsOf('carouselButtons')).toEqual(['Quick Replies', 'URL Button']);
		expect(await ed.valueOf('carouselButtons')).toBe('Quick Replies');
		expect(await ed.entries('cards', 'card')).toBe(0);
		await ed.addEntry('cards');
		expect(await ed.entries('cards', 'card')).toBe(1);
		expect(cardFields((await ed.panel()).paths, 0)).toEqual([
			...CARD_FIELDS,
			...CARD_BUTTONS['Quick Replies'],
		]);
		expect(await ed.optionsOf('cards.card[0].headerType')).toEqual(['Image', 'Video']);
		expect(await ed.valueOf('cards.card[0].headerType')).toBe('Image');
		await ed.fill('cards.card[0].replyId1', 'learn-blue-echeveria');
		await ed.select('carouselButtons', 'URL Button');
		await ed.addEntry('cards');
		let paths = (await ed.panel()).paths;
		expect(await ed.entries('cards', 'card')).toBe(2);
		for (const index of [0, 1])
			expect({ index, fields: cardFields(paths, index) }).toEqual({
				index,
				fields: [...CARD_FIELDS, ...CARD_BUTTONS['URL Button']],
			});
		await ed.fill('cards.card[1].buttonText', 'Buy now');
		await ed.select('carouselButtons', 'Quick Replies');
		paths = (await ed.panel()).paths;
		for (const index of [0, 1])
			expect({ index, fields: cardFields(paths, index) }).toEqual({
				index,
				fields: [...CARD_FIELDS, ...CARD_BUTTONS['Quick Replies']],
			});
		const kept = await ed.input('cards.card[0].replyId1').locator('input').first().inputValue();
		console.log(
			`Quick Reply 1 ID after Card Buttons → URL Button → Quick Replies: ${JSON.stringify(kept)}`,
		);
		expect((await ed.panel()).issues).not.toContain('cards');
	});

	it('a Carousel with two cards, filled in as a person would: no issue marker (docs/images/action-carousel.png)', async () => {
		await openCloudNode(CLOUD_KIND_WFS.carouselShot);
		await ed.fill('to', '+1 650 555 1234');
		await ed.select('messageType', 'Carousel');
		await ed.fill('bodyText', 'Here are two of our latest arrivals:');
		const cards = [
			{
				mediaUrl: 'https://example.com/images/blue-echeveria.jpg',
				body: '*Blue Echeveria* A rosette-shaped succulent',
				replyId1: 'learn-blue-echeveria',
				replyTitle1: 'Learn more',
			},
			{
				mediaUrl: 'https://example.com/images/string-of-pearls.jpg',
				body: '*String of Pearls* A trailing succulent',
				replyId1: 'learn-string-of-pearls',
				replyTitle1: 'Learn more',
			},
		];
		for (const [index, card] of cards.entries()) {
			await ed.addEntry('cards');
			for (const [field, value] of Object.entries(card))
				await ed.fill(`cards.card[${index}].${field}`, value);
		}
		expect(await ed.entries('cards', 'card')).toBe(2);
		const panel = await ed.panel();
		expect(panel.order).toEqual(cloudOnlyOrder('Carousel'));
		expect(panel.issues).toEqual([]);
		// Both cards in the picture: a taller window, as on a portrait screen, for this one shot.
		const viewport = browser.page.viewportSize()!;
		await browser.page.setViewportSize({ width: viewport.width, height: 2000 });
		await browser.page.mouse.move(0, 0);
		try {
			await panelShot('action-carousel.png');
		} finally {
			await browser.page.setViewportSize(viewport);
		}
	});

	it('Send and Wait for Response → Form (WhatsApp Flow), filled in: the question and the Flow fields, no issue marker (docs/images/send-and-wait-form.png)', async () => {
		await openCloudNode(CLOUD_KIND_WFS.form);
		await ed.select('operation', 'Send and Wait for Response');
		await ed.select('responseType', 'Form (WhatsApp Flow)');
		// description/form.ts: the question, then the Flow's fields without Flow Options' token (flow.ts).
		expect(await ed.shown()).toEqual([
			'provider',
			'operation',
			'to',
			'from',
			'responseType',
			'message',
			...OWN_FIELDS['WhatsApp Flow'].filter((f) => f !== 'flowName'),
			'options',
			'limitType',
		]);
		await ed.fill('to', '+1 650 555 1234');
		await ed.fill(
			'message',
			'Please book your appointment: tap the button to pick a day and a time.',
		);
		await ed.fill('flowId', '1234567890');
		await ed.fill('flowCta', 'Book now');
		expect((await ed.panel()).issues).toEqual([]);
		// n8n's JSON editor lints Screen Data on its own (a red dot, not an issue marker): its
		// default, {}, is valid JSON; invalid JSON gets the dot, so this check can fail.
		const dataField = ed.params
			.locator('[data-test-id="parameter-item"]:has(label[for="flowData"])')
			.first();
		const lintErrors = async (want: number) => {
			const markers = dataField.locator('.cm-lint-marker-error, .cm-lintRange-error');
			for (let waited = 0; waited < 5000 && (await markers.count()) !== want; waited += 250)
				await browser.page.waitForTimeout(250);
			return markers.count();
		};
		const typeData = async (text: string) => {
			await dataField.locator('.cm-content').first().click();
			await browser.page.keyboard.press('Control+A');
			await browser.page.keyboard.type(text);
			await dataField.locator('label').first().click();
			await ed.settle();
		};
		expect(await lintErrors(0)).toBe(0);
		await typeData('{ "name": ');
		expect(await lintErrors(1)).toBeGreaterThan(0);
		await typeData('{}');
		expect(await lintErrors(0)).toBe(0);
		await panelShot('send-and-wait-form.png');
	});
});

// ---------------------------------------------------------------------------------------------

describe('errors as the user sees them', () => {
	it('an invalid JSON message: one headline, every problem on its own line, counted like the editor', async () => {
		await ed.openWorkflow(ERROR_WF);
		await ed.openNode('WhatsApp Interactive');
		await ed.select('operation', 'Build Payload');
		await ed.select('defineMessage', 'Using JSON');
		const message = {
			type: 'buttons',
			body: 'Pick one',
			colour: 'red',
			buttons: [1, 2, 3, 4].map((k) => ({
				id: `b${k}`,
				title: k === 3 ? 'A title that is far too long!!!!' : `Option ${k}`,
			})),
		};
		await setJson(JSON.stringify(message, null, 2));
		await ed.fillIfEmpty('to', VALID.to);
		await ed.fillIfEmpty('from', VALID.from);
		await ed.ndv.getByTestId('node-execute-button').click();
		const output = ed.ndv.getByTestId('output-panel');
		const headline = output.getByTestId('node-error-message');
		await headline.waitFor({ timeout: 60000 });
		expect((await headline.innerText()).trim()).toBe('The message has 3 problems [item 0]');
		const text = await output.innerText();
		expect(text).toContain('Unknown field "colour"; remove it or check the spelling');
		expect(text).toContain('Buttons: 4 given; the limit is 3, remove 1');
		expect(text).toContain(
			'Button 3 title "A title that is far too long!!!!" is 32 characters; the limit is 20',
		);
		expect(text).not.toMatch(/field: |buttons\[\d\]/);
		// Each problem on its own line (n8n shows the description as HTML).
		const lines = text.split('\n').map((l) => l.trim());
		expect(lines).toEqual(
			expect.arrayContaining([
				'• Unknown field "colour"; remove it or check the spelling',
				'• Buttons: 4 given; the limit is 3, remove 1',
			]),
		);
		await shot('error.png');
	});

	it('a fourth button in fields mode: Add Button stays offered, and running names the buttons (not "fields") and how many to remove', async () => {
		await ed.select('provider', 'Sinch LATAM');
		await ed.select('defineMessage', 'Using Fields Below');
		await ed.select('messageType', 'Reply Buttons');
		await ed.select('headerType', 'None');
		await ed.fill('to', VALID.to);
		await ed.fill('bodyText', VALID.bodyText);
		while ((await ed.entries('buttons', 'button')) < 4) await ed.addEntry('buttons');
		for (let k = 0; k < 4; k++) {
			await ed.fill(`buttons.button[${k}].id`, `b${k + 1}`);
			await ed.fill(`buttons.button[${k}].title`, `Option ${k + 1}`);
		}
		expect(await ed.entries('buttons', 'button')).toBe(4);
		const output = ed.ndv.getByTestId('output-panel');
		// The panel still shows the previous test's JSON-mode error, which names the buttons too (and
		// "colour"): wait for this run's own error, which cannot mention "colour".
		const stale = (text: string) => text.includes('Unknown field "colour"');
		await ed.ndv.getByTestId('node-execute-button').click();
		const text = await until(
			() => output.innerText(),
			(t) => !stale(t) && t.includes('Buttons: 4 given'),
			60000,
			(t) => `no error naming the buttons after 60 s; the output panel says: ${t}`,
		);
		// The buttons' problem is named, in the headline or as one of the lines under it (n8n's own
		// "At most 3 fields are allowed" never appears).
		await output.getByTestId('node-error-message').waitFor({ timeout: 10000 });
		expect(text).toContain('Buttons: 4 given; the limit is 3, remove 1');
		expect(text).not.toMatch(/At most 3 fields/);
	});
});

/** Reads `read()` every 250 ms until `done` holds for its value, which it returns; fails after `timeoutMs`. */
async function until<T>(
	read: () => Promise<T>,
	done: (value: T) => boolean,
	timeoutMs: number,
	failure: (last: T) => string,
): Promise<T> {
	for (const deadline = Date.now() + timeoutMs; ;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(failure(value));
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Replaces the JSON editor's text (a CodeMirror editor). */
async function setJson(text: string): Promise<void> {
	const editor = ed.input('messageJson').locator('.cm-content').first();
	await editor.click();
	await browser.page.keyboard.press('Control+A');
	await browser.page.keyboard.press('Delete');
	await browser.page.keyboard.insertText(text);
	await ed.params.locator('label[for="defineMessage"]').click();
	await ed.settle();
}

// ---------------------------------------------------------------------------------------------

describe('trigger', () => {
	it('panel: Provider, its setup note, Authentication and then its credential; our own "when will this trigger" text', async () => {
		await ed.openWorkflow(TRIGGER_WF);
		await ed.openNode('WhatsApp Interactive Trigger');
		expect(await ed.ndv.innerText()).toContain('Webhook URLs');
		let panel = await ed.panel();
		expect(panel.order.slice(0, 3)).toEqual(['provider', '@notice', 'authentication']);
		expect(panel.order).not.toContain('@credential');
		await ed.select('authentication', 'Webhook Secret');
		panel = await ed.panel();
		const at = panel.order.indexOf('authentication');
		expect(panel.order.slice(at, at + 3)).toEqual(['authentication', '@credential', '@notice']);
		// The one webhook-secret credential there is gets chosen by n8n itself.
		expect(panel.issues).toEqual([]);
		await ed.select('authentication', 'None');
		const help = ed.ndv.getByText('When will this node trigger my flow?');
		await help.click();
		const text = await ed.ndv.innerText();
		expect(text).toContain('production URL');
		// Written for every provider (the registry's); the provider's own set-up is the notice under Provider.
		expect(text).toMatch(
			/give your provider the production URL, as the notice under Provider says/,
		);
		// Users' texts speak of their provider; the development set-up (npm run dev's mock) is in docs/development.md.
		expect(text).toMatch(/enter the test URL as the callback URL at your provider/);
		expect(text).not.toMatch(/npm run dev|mock provider/);
		await ed.closeNode();
	});

	it('example 03 on the canvas: four labelled outputs (Message included), no sticky note over a node, nothing under the controls', async () => {
		await ed.openWorkflow('waiExTrigRouting');
		await browser.page.waitForTimeout(1000);
		const handles = await ed
			.canvasNode('Sinch LATAM callbacks')
			.locator('..')
			.locator('[data-test-id="canvas-node-output-handle"]')
			.allInnerTexts();
		const labels = (
			handles.length
				? handles
				: await browser.page.getByTestId('canvas-node-output-handle').allInnerTexts()
		)
			.map((t) => t.trim())
			.filter(Boolean);
		expect(labels).toEqual(
			expect.arrayContaining(['List Reply', 'Button Reply', 'Status', 'Message']),
		);
		// Each node's box with everything drawn around it (its name below, its output labels), and
		// each sticky note's box, as the canvas shows them at the zoom it opens with.
		const boxes = await browser.page.getByTestId('canvas-node').evaluateAll((els) =>
			els.map((el) => {
				let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
				for (const e of [el, ...Array.from(el.querySelectorAll('*'))]) {
					const r = e.getBoundingClientRect();
					if (r.width === 0 || r.height === 0) continue;
					// Only what is drawn: a node's hover toolbar is there, but transparent, until hovered.
					if (
						!(e as Element & { checkVisibility(o: object): boolean }).checkVisibility({
							opacityProperty: true,
							visibilityProperty: true,
						})
					)
						continue;
					[x1, y1, x2, y2] = [
						Math.min(x1, r.left),
						Math.min(y1, r.top),
						Math.max(x2, r.right),
						Math.max(y2, r.bottom),
					];
				}
				const sticky =
					el.getAttribute('data-node-type') === 'n8n-nodes-base.stickyNote' ||
					Boolean(el.querySelector('[data-test-id="sticky"]'));
				return {
					name: el.getAttribute('data-node-name') ?? '',
					sticky,
					x: x1,
					y: y1,
					w: x2 - x1,
					h: y2 - y1,
				};
			}),
		);
		type Box = { x: number; y: number; w: number; h: number };
		const overlap = (a: Box, b: Box) =>
			a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
		const stickyElements = await browser.page.getByTestId('sticky').evaluateAll((els) =>
			els
				.map((el) => el.getBoundingClientRect())
				.map((r) => ({
					name: 'Sticky Note',
					sticky: true,
					x: r.left,
					y: r.top,
					w: r.width,
					h: r.height,
				})),
		);
		const stickies = [...boxes.filter((b) => b.sticky), ...stickyElements];
		const nodes = boxes.filter(
			(b) =>
				!b.sticky &&
				!stickyElements.some(
					(t) => t.x >= b.x && t.y >= b.y && t.x + t.w <= b.x + b.w && t.y + t.h <= b.y + b.h,
				),
		);
		expect(stickies.length).toBeGreaterThan(0);
		for (const s of stickies)
			for (const n of nodes)
				expect({ sticky: s.name, node: n.name, overlap: overlap(s, n) }).toEqual({
					sticky: s.name,
					node: n.name,
					overlap: false,
				});
		// Nothing of a node sits under the buttons at the bottom of the canvas.
		for (const id of ['canvas-controls', 'execute-workflow-button']) {
			const zone = await browser.page.getByTestId(id).first().boundingBox();
			if (!zone) continue;
			for (const n of nodes)
				expect({
					under: id,
					node: n.name,
					overlap: overlap(n, { x: zone.x, y: zone.y, w: zone.width, h: zone.height }),
				}).toEqual({ under: id, node: n.name, overlap: false });
		}
		await shot('trigger-canvas.png');
	});
});

// ---------------------------------------------------------------------------------------------

describe('router', () => {
	it("panel: how to set up n8n's Webhook node first, Provider, Authentication on Webhook Secret with its credential; no issue once chosen; four outputs on the canvas", async () => {
		await ed.openWorkflow(ROUTER_WF);
		const handles = (
			await ed
				.canvasNode('WhatsApp Interactive Router')
				.locator('..')
				.locator('[data-test-id="canvas-node-output-handle"]')
				.allInnerTexts()
		)
			.map((t) => t.trim())
			.filter(Boolean);
		expect(handles).toEqual(['List Reply', 'Button Reply', 'Status', 'Message']);
		await ed.openNode('WhatsApp Interactive Router');
		let panel = await ed.panel();
		expect(panel.order.slice(0, 3)).toEqual(['@notice', 'provider', 'authentication']);
		const at = panel.order.indexOf('authentication');
		expect(panel.order.slice(at, at + 3)).toEqual(['authentication', '@credential', '@notice']);
		// The one webhook-secret credential there is gets chosen by n8n itself.
		expect(panel.issues).toEqual([]);
		const text = await ed.ndv.innerText();
		expect(text).toContain("Using 'Respond to Webhook' Node");
		expect(text).not.toContain('Raw Body');
		// The example URL whole (n8n renders notices as HTML: a <placeholder> would vanish).
		expect(text).toContain('https://your-n8n/webhook/your-path?secret=YOUR_SECRET');
		await panelShot('router-panel.png');
		// The Cloud API: its own credential, no Authentication, and the Raw Body notice.
		await ed.select('provider', 'WhatsApp Cloud API');
		panel = await ed.panel();
		expect(panel.order).not.toContain('authentication');
		expect(panel.order.slice(0, 4)).toEqual(['@notice', 'provider', '@notice', '@credential']);
		expect(await ed.ndv.innerText()).toContain('Raw Body');
		await ed.closeNode();
	});
});

describe('templates', () => {
	/** Chooses the mock's appointment_reminder (en_US) and fills its header and body variables. */
	async function fillReminder(): Promise<void> {
		await ed.select('template', 'appointment_reminder (en_US)');
		await ed.select('templateHeaderType', 'Text');
		await ed.fill('templateHeaderText', 'Ana');
		for (const [k, value] of ['Friday', '3:00 PM'].entries()) {
			if ((await ed.entries('templateBody', 'variable')) <= k) await ed.addEntry('templateBody');
			await ed.fill(`templateBody.variable[${k}].value`, value);
		}
	}

	it("Send Template: the account's templates in the picker, the variable fields, no issue once filled; Build Payload (Send As → Template) shows the request", async () => {
		await ed.openWorkflow(TEMPLATE_WF);
		await ed.openNode('WhatsApp Interactive');
		await ed.select('provider', 'WhatsApp Cloud API');
		await ed.select('operation', 'Send Template');
		if ((await credentialValue()) !== 'WhatsApp Cloud API (local mock)')
			await chooseCredential('WhatsApp Cloud API (local mock)');
		await ed.fill('to', '+1 650 555 1234');
		await pickCloudFrom();
		// The picker lists the mock account's templates (approved first), each with its language.
		// One opening of the list: the names, and each template's summary of what it needs.
		const listed = await ed.open(ed.input('template'));
		const entries = await listed.allInnerTexts();
		await browser.page.keyboard.press('Escape');
		await ed.settle();
		const templates = entries.map((t) => t.split('\n')[0].trim());
		expect(templates.slice(0, 4)).toEqual([
			'appointment_reminder (en_US)',
			'appointment_reminder (pt_BR)',
			'hello_world (en_US)',
			'order_update (en_US)',
		]);
		expect(templates).toContain('spring_sale (en_US)');
		// Named variables and a URL button's value are said in the summary.
		const orderUpdate = entries.find((t) => t.startsWith('order_update (en_US)'));
		expect(orderUpdate).toContain('2 named body variables {{first_name}}, {{order_id}}');
		expect(orderUpdate).toContain('a value for the URL of button 1 (index 0) "Track it"');
		await fillReminder();
		expect((await ed.panel()).order).toEqual([
			'provider',
			'operation',
			'@credential',
			'to',
			'from',
			'@notice',
			'template',
			'templateVariables',
			'templateHeaderType',
			'templateHeaderText',
			'templateBody',
			'templateButtons',
			'options',
		]);
		expect((await ed.panel()).issues).toEqual([]);
		expect(await ed.entries('templateBody', 'variable')).toBe(2);
		await panelShot('template-send.png');

		// Build Payload with Send As → Template: the same fields (n8n drops a hidden field's value, so
		// they are filled again after the switch), and the exact request, checked against the template.
		await ed.select('operation', 'Build Payload');
		// Build Payload sends nothing: its Send As is labelled for what it builds.
		expect((await ed.params.locator('label[for="sendAs"]').first().innerText()).trim()).toBe(
			'Build Request For',
		);
		await ed.select('sendAs', 'Template');
		await fillReminder();
		expect((await ed.panel()).order).toEqual([
			'provider',
			'operation',
			'@credential',
			'to',
			'from',
			'sendAs',
			'@notice',
			'template',
			'templateVariables',
			'templateHeaderType',
			'templateHeaderText',
			'templateBody',
			'templateButtons',
			'options',
		]);
		expect((await ed.panel()).issues).toEqual([]);
		await ed.ndv.getByTestId('node-execute-button').first().click();
		const output = ed.ndv.getByTestId('output-panel');
		await output.getByTestId('radio-button-json').click();
		await output.getByText('"template"').first().waitFor({ timeout: 90000 });
		const text = (await output.innerText()).replace(/[·\s]+/g, '');
		expect(text).toContain('"type":"template"');
		expect(text).toContain('"name":"appointment_reminder"');
		expect(text).toContain('"text":"3:00PM"');
		expect(text).not.toContain('warning');
		await panelShot('template-build-payload.png');

		// A provider without templates says so instead of showing the fields.
		await ed.select('operation', 'Send Template');
		await ed.select('provider', 'Messangi');
		const shown = await ed.shown();
		expect(shown.filter((name) => name.startsWith('template'))).toEqual([]);
		await ed.params
			.getByText('Messangi documents no message templates for this API', { exact: false })
			.first()
			.waitFor({ timeout: 10000 });
		await ed.closeNode();
	});

	it('a new node (type version 1.1): picking a template shows its text and a field for each value it needs; filled, Execute step builds the request; another template brings its own fields', async () => {
		await ed.openWorkflow(MAPPER_WF);
		await ed.openNode('WhatsApp Interactive');
		expect(await credentialValue()).toBe('WhatsApp Cloud API (local mock)');
		expect(await ed.valueOf('templateVariables')).toBe("Using the Template's Fields");
		const fields = async () =>
			(await ed.panel()).paths
				.filter((p) => p.startsWith('templateFields.value'))
				.map((p) => /"(.+)"/.exec(p)![1]);
		await ed.select('template', 'appointment_reminder (en_US)');
		// The resource mapper loads the template's fields when Template changes.
		for (let waited = 0; waited < 15000 && (await fields()).length === 0; waited += 500)
			await browser.page.waitForTimeout(500);
		expect(await fields()).toEqual(['templateText', 'header_text', 'body_1', 'body_2']);
		const value = (id: string) => `templateFields.value[\\"${id}\\"]`;
		// The template as Meta has it, placeholders included, to read while filling in.
		const text = await ed.input(value('templateText')).locator('textarea, input').first();
		expect(await text.inputValue()).toContain(
			'Your appointment is on {{1}} at {{2}}. Will you come?',
		);
		expect(await text.isEditable()).toBe(false);
		for (const label of ['Header {{1}}', 'Body {{1}}', 'Body {{2}}'])
			await ed.params.getByText(label, { exact: true }).first().waitFor();
		expect((await ed.panel()).issues).toContain('columns');
		for (const [id, v] of [
			['header_text', 'Ana'],
			['body_1', 'Friday'],
			['body_2', '3:00 PM'],
		])
			await ed.fill(value(id), v);
		expect((await ed.panel()).issues).toEqual([]);
		await panelShot('template-fields.png');
		await ed.ndv.getByTestId('node-execute-button').first().click();
		const output = ed.ndv.getByTestId('output-panel');
		await output.getByTestId('radio-button-json').click();
		await output.getByText('"template"').first().waitFor({ timeout: 90000 });
		const request = (await output.innerText()).replace(/[·\s]+/g, '');
		expect(request).toContain(
			'"components":[{"type":"header","parameters":[{"type":"text","text":"Ana"}]},{"type":"body","parameters":[{"type":"text","text":"Friday"},{"type":"text","text":"3:00PM"}]}]',
		);
		// Another template: its own fields (named variables, the URL button's value).
		await ed.select('template', 'order_update (en_US)');
		for (let waited = 0; waited < 15000 && !(await fields()).includes('url_0'); waited += 500)
			await browser.page.waitForTimeout(500);
		expect(await fields()).toEqual([
			'templateText',
			'header_image',
			'named_first_name',
			'named_order_id',
			'url_0',
		]);
		await ed.closeNode();
	});

	it('without a credential, Template Name or ID says why on its issue marker: choose the Cloud API credential or give name|language', async () => {
		await ed.openWorkflow(NO_CREDENTIAL_WF);
		await ed.openNode('WhatsApp Interactive');
		expect(await credentialValue()).toBe('');
		// n8n writes its own words into the field; the node's reason is the field's issue.
		expect(await ed.valueOf('template')).toBe(FETCH_ERROR);
		expect((await ed.panel()).issues).toContain('template');
		const template = ed.params
			.locator('[data-test-id="parameter-item"]:has(label[for="template"])')
			.first();
		await template.locator('[data-test-id="parameter-issues"]').first().hover();
		const tip = browser.page.getByText(
			'Choose a WhatsApp Cloud API credential above to list its templates, or give name|language with an expression',
			{ exact: false },
		);
		await tip.first().waitFor({ timeout: 10000 });
		await browser.page.mouse.move(0, 0);
		await ed.closeNode();
	});
});

describe('Build Payload', () => {
	it("with the Cloud API credential chosen (n8n picks the only one), Execute step shows the URL Send would use: the credential's base URL and API version", async () => {
		await ed.openWorkflow(BUILD_WF);
		await ed.openNode('WhatsApp Interactive');
		expect((await ed.panel()).order.slice(0, 3)).toEqual(['provider', 'operation', '@credential']);
		if (!(await credentialValue())) await chooseCredential('WhatsApp Cloud API (local mock)');
		expect(await credentialValue()).toBe('WhatsApp Cloud API (local mock)');
		expect((await ed.panel()).issues).toEqual([]);
		await ed.ndv.getByTestId('node-execute-button').first().click();
		const output = ed.ndv.getByTestId('output-panel');
		await output.getByTestId('radio-button-json').click();
		await output.getByText('"url"').first().waitFor({ timeout: 90000 });
		const text = (await output.innerText()).replace(/[·\s]+/g, '');
		expect(text).toContain(`"url":"${mock.url}/cloud/v24.0/106540352242922/messages"`);
		expect(text).not.toContain('graph.facebook.com');
		expect(text).not.toContain('test-cloud-token');
		await panelShot('build-payload-credential.png');
		await ed.closeNode();
	});
});

// ---------------------------------------------------------------------------------------------

describe('canvas', () => {
	it('every provider and operation: the subtitle under the node is shown whole (n8n cuts it after about 25 characters)', async () => {
		await ed.openWorkflow(SUBTITLE_WF);
		await browser.page.waitForTimeout(1000);
		const subtitles = await browser.page.getByTestId('canvas-node').evaluateAll((els) =>
			els.map((el) => {
				const sub = el.querySelector('[class*="subtitle"]') as HTMLElement | null;
				return {
					node: el.getAttribute('data-node-name') ?? '',
					text: sub?.innerText.trim() ?? null,
					cut: sub ? sub.scrollWidth > sub.clientWidth : null,
				};
			}),
		);
		expect(subtitles).toHaveLength(SUBTITLE_CASES.length);
		for (const s of subtitles)
			expect(s).toEqual({
				node: s.node,
				text: expect.stringMatching(
					/^(Send|Template|Send & wait|Payload): (Messangi|Sinch LATAM|Cloud API)$/,
				),
				cut: false,
			});
		expect(subtitles.find((s) => s.node === 'whatsAppCloud sendAndWait')?.text).toBe(
			'Send & wait: Cloud API',
		);
		await shot('canvas-subtitles.png');
	});
});

// ---------------------------------------------------------------------------------------------

describe('credentials', () => {
	async function openCredential(id: string) {
		await browser.page.goto(`${n8n.baseUrl}/home/credentials/${id}`);
		const modal = browser.page.getByTestId('editCredential-modal');
		await modal.getByTestId('credential-edit-dialog').waitFor({ timeout: 60000 });
		return modal;
	}

	it.each([
		['waiMessangiMock', 'Messangi', 'apiKey', 'API Key', 'test-messangi-key', 'Messangi API'],
		[
			'waiSinchMock',
			'Sinch LATAM',
			'authenticationToken',
			'Authentication Token',
			'test-token',
			'Sinch LATAM WhatsApp API',
		],
	])(
		'%s: the form, and Test against the mock (good key passes, wrong key fails with the reason)',
		async (id, provider, field, fieldLabel, good, typeName) => {
			let modal = await openCredential(id);
			await modal.getByText(typeName, { exact: true }).first().waitFor({ timeout: 60000 });
			await modal.getByText(`${fieldLabel}`, { exact: false }).first().waitFor();
			const form = await modal.innerText();
			for (const text of [typeName, `${fieldLabel} *`, 'Base URL *']) expect(form).toContain(text);
			await modal.getByText(/Connection tested successfully/i).waitFor({ timeout: 60000 });
			await modal
				.locator(`[data-test-id="parameter-input-${field}"] input`)
				.first()
				.fill('wrong-key');
			await browser.page.getByTestId('credential-save-button').click();
			await modal.getByText(/Couldn.t connect with these settings/i).waitFor({ timeout: 60000 });
			await modal.getByText('More details').click();
			await modal
				.getByText(`${provider} refused the credentials (HTTP 401)`, { exact: false })
				.waitFor();
			if (id === 'waiMessangiMock') await shot('credential-test-failed.png');
			await browser.page.keyboard.press('Escape');
			modal = await openCredential(id);
			await modal.locator(`[data-test-id="parameter-input-${field}"] input`).first().fill(good);
			await browser.page.getByTestId('credential-save-button').click();
			await modal.getByText(/Connection tested successfully/i).waitFor({ timeout: 60000 });
			await browser.page.keyboard.press('Escape');
		},
	);
});

// ---------------------------------------------------------------------------------------------

describe('executing from the editor', () => {
	it('example 01 runs and its output panel shows the send result', async () => {
		await ed.openWorkflow('waiExMessangiBtn');
		await browser.page.getByTestId('execute-workflow-button').click();
		await browser.page
			.getByText(/Workflow executed successfully/i)
			.first()
			.waitFor({ timeout: 90000 });
		await ed.openNode('Send appointment reminder');
		const output = ed.ndv.getByTestId('output-panel');
		await output.getByTestId('radio-button-json').click();
		await output.getByText('"status"').first().waitFor();
		// The JSON view draws spaces as "·" and breaks lines between a key and its value.
		const text = (await output.innerText()).replace(/[·\s]+/g, '');
		expect(text).toContain('"status":"accepted"');
		expect(text).toContain('"to":"+1000000002"');
		expect(text).toContain('"provider":"messangi"');
		expect(text).not.toContain('explain');
		await ed.closeNode();
	});

	it('example 05 (Send and Wait for Response): the editor shows the execution waiting, and a tap through the trigger finishes it on the chosen branch', async () => {
		await ed.openWorkflow(askExample.id);
		const asked = mock.requests.length;
		// The workflow has two triggers. n8n's Execute workflow button picks an app trigger before a
		// Manual Trigger (it then waits for a Sinch callback), so the user chooses "from Start" in the
		// button's menu, as the README and the example's note say.
		const run = browser.page.getByTestId('execute-workflow-button');
		await run.waitFor();
		expect((await run.innerText()).replace(/\s+/g, ' ')).toContain('from Sinch LATAM callbacks');
		await browser.page.getByRole('button', { name: 'Select trigger node' }).click();
		await browser.page.getByRole('menuitem').filter({ hasText: 'from Start' }).first().click();
		await browser.page
			.getByText(/from\s+Start/)
			.first()
			.waitFor({ timeout: 30000 });
		expect((await run.innerText()).replace(/\s+/g, ' ')).toContain('from Start');
		await run.click();
		// The question reaches the (mock) provider, with a signed reference as each button's payload.
		const question = await until(
			async () => mock.requests.slice(asked).find((r) => JSON.stringify(r.body).includes('wai1.')),
			(request) => request !== undefined,
			90000,
			() => 'the question did not reach the mock provider',
		);
		const payloads = (
			(question!.body as any).message.interactive.replyButtonAction.buttons as any[]
		).map((b) => b.reply.payload as string);
		// n8n's editor shows the node waiting (its send-and-wait state), not a finished run.
		await ed.openNode('Ask and wait');
		const output = ed.ndv.getByTestId('output-panel');
		await output
			.getByText(/Waiting for input/i)
			.first()
			.waitFor({ timeout: 60000 });
		// And says what it waits for (the node's waitingNodeTooltip), not only n8n's generic words.
		await output
			.getByText(/Waiting for the number asked to tap a button or row in WhatsApp/)
			.first()
			.waitFor({ timeout: 30000 });
		await shot('send-and-wait-waiting.png');
		// The recipient taps "Reschedule": Sinch posts the tap to the trigger, which forwards it.
		const tap = sinchBatch({
			id: 'in-browser-tap-1',
			source: '5519900001111',
			origin: BUSINESS,
			userProfile: { name: 'Ana Souza', whatsAppId: '5519900001111' },
			message: {
				type: 'BUTTON',
				messageText: 'Reschedule',
				interactive: {
					type: 'BUTTON_REPLY',
					buttonReply: { payload: payloads[1], title: 'Reschedule' },
				},
			},
			receivedDate: '2026-12-01T14:00:00Z',
		});
		// Example 05's trigger checks the examples' webhook secret; a tap that arrives before n8n has
		// stored the wait is answered 503 and sent again, as a provider does.
		const answer = await deliverCallback(
			withExampleSecret(triggerUrl(n8n, askExample, 'Sinch LATAM callbacks')),
			tap,
		);
		expect({ status: answer.status, body: answer.body }).toMatchObject({
			status: 200,
			body: { resumed: 1 },
		});
		// The same panel then shows the answer.
		await output.getByTestId('radio-button-json').waitFor({ timeout: 90000 });
		await output.getByTestId('radio-button-json').click();
		await output.getByText('"choice"').first().waitFor({ timeout: 30000 });
		const text = (await output.innerText()).replace(/[·\s]+/g, '');
		expect(text).toContain('"answered":true');
		expect(text).toContain('"id":"reschedule"');
		await shot('send-and-wait-answered.png');
		await ed.closeNode();
	});

	it('no JavaScript error from the package in the browser console', () => {
		// n8n's node details ask registry.npmjs.org about the package; with no internet that request
		// fails (a network error of the editor's, not a JavaScript error of the package).
		const ours = browser.errors
			.filter((e) => /whatsapp|n8n-nodes-whatsapp-interactive/i.test(e))
			.filter(
				(e) =>
					!/^Failed to load resource: net::ERR_[A-Z_]+ @ https:\/\/registry\.npmjs\.org\//.test(e),
			);
		expect(ours).toEqual([]);
	});
});
