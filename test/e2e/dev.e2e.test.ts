/**
 * `npm run dev` (scripts/dev.sh builds and packs, then runs `node scripts/n8n-host.js dev`): here
 * the `dev` step itself, on free ports and a fresh user folder, with the tarball the global setup
 * packed. It must start the mock provider and n8n with the package, import the example
 * credentials and workflows, publish the triggers, create an owner and print how to log in; the
 * round-trip example must then work as printed; Ctrl-C (SIGINT) must stop n8n and the mock.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePort, N8N_VERSION } from './harness/n8n';
import { postJson, readExample, REPO_ROOT, withExampleSecret } from './support';
import { sinchBatch, sinchButtonReply, USER } from '../trigger/fixtures';

const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);

let child: ChildProcess | undefined;
let exited: Promise<number | null>;
let output = '';
let userFolder: string;
let port: number;
let mockPort: number;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function isListening(p: number): Promise<boolean> {
	try {
		await fetch(`http://127.0.0.1:${p}/`, { signal: AbortSignal.timeout(1000) });
		return true;
	} catch {
		return false;
	}
}

beforeAll(async () => {
	const tarball = process.env.WAI_E2E_TARBALL;
	if (!tarball) throw new Error('WAI_E2E_TARBALL is not set: run with jest -c jest.e2e.config.js');
	userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'wai-e2e-dev-'));
	port = await freePort();
	mockPort = await freePort();
	const env = { ...process.env };
	delete env.NODE_ENV;
	child = spawn(
		process.execPath,
		[
			path.join(REPO_ROOT, 'scripts', 'n8n-host.js'),
			'dev',
			'--tarball',
			tarball,
			'--examples',
			path.join(REPO_ROOT, 'examples'),
			'--port',
			String(port),
			'--mock-port',
			String(mockPort),
			'--user-folder',
			userFolder,
		],
		{ env, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const deadline = Date.now() + 240000;
	while (!/Ctrl-C stops n8n/.test(output)) {
		if (child.exitCode !== null) throw new Error(`dev exited with ${child.exitCode}:\n${output}`);
		if (Date.now() > deadline) throw new Error(`dev did not start in time:\n${output}`);
		await sleep(250);
	}
}, 300000);

afterAll(async () => {
	if (child && child.exitCode === null) {
		child.kill('SIGINT');
		const t = setTimeout(() => child!.kill('SIGKILL'), 30000);
		await exited;
		clearTimeout(t);
	}
	if (userFolder && process.env.N8N_E2E_KEEP_USER_FOLDER !== '1')
		fs.rmSync(userFolder, { recursive: true, force: true });
}, 60000);

test('prints the address, the login, the examples, the credentials, the mock and the trigger URLs', () => {
	expect(output).toContain(`is running at http://127.0.0.1:${port}`);
	expect(output).toMatch(/log in with {3}email: owner@example\.com {3}password: \S+/);
	for (const name of ['01', '02', '03', '04', '05', '06'])
		expect(output).toMatch(new RegExp(`WhatsApp Interactive ${name} `));
	// Example 07 uses the approval tool n8n 2.x derives; on n8n 1.x it is left out, and said so.
	if (N8N_MAJOR >= 2) expect(output).toMatch(/WhatsApp Interactive 07 /);
	else expect(output).toMatch(/leaving out "WhatsApp Interactive 07 .*": it needs n8n 2\.x/);
	expect(output).toContain('Messangi (local mock) (waiMessangiMock)');
	expect(output).toContain(
		`mock provider (Messangi, Sinch LATAM, WhatsApp Cloud API and an OpenAI-style chat model) at http://127.0.0.1:${mockPort}`,
	);
	expect(output).toContain(
		`http://127.0.0.1:${port}/webhook/2da0c8a0-68a8-49f7-8e1d-1c17822ce8f7/webhook`,
	);
	// Example 11's Webhook node, in front of the router, with the router's secret.
	expect(output).toContain(withExampleSecret(`http://127.0.0.1:${port}/webhook/sinch-busy-number`));
});

test('the printed login works; the package, the examples (triggers published) and the credentials are there', async () => {
	const password = /password: (\S+)/.exec(output)![1];
	const base = `http://127.0.0.1:${port}`;
	const login = await fetch(`${base}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': 'e2e-dev' },
		body: JSON.stringify({ emailOrLdapLoginId: 'owner@example.com', password }),
	});
	expect(login.status).toBe(200);
	const cookie = /n8n-auth=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
	const get = async <T>(p: string): Promise<T> => {
		const res = await fetch(`${base}${p}`, { headers: { cookie, 'browser-id': 'e2e-dev' } });
		expect(res.status).toBe(200);
		return (await res.json()) as T;
	};
	const workflows = (await get<{ data: Array<{ id: string; active: boolean }> }>('/rest/workflows'))
		.data;
	expect(workflows.map((w) => [w.id, w.active]).sort()).toEqual(
		[
			['waiExMessangiBtn', false],
			['waiExSinchList01', false],
			['waiExTrigRouting', true],
			['waiExRoundTrip04', true],
			['waiExSendWait005', true],
			['waiExCloudBtns06', true],
			['waiExTemplate008', true],
			['waiExIntake00009', true],
			['waiExBooking0010', true],
			['waiExRouterBusy1', true],
			...(N8N_MAJOR >= 2 ? [['waiExAgentAsk006', true]] : []),
		].sort(),
	);
	const creds = (await get<{ data: Array<{ id: string; type: string }> }>('/rest/credentials'))
		.data;
	expect(creds.map((c) => c.id).sort()).toEqual([
		'waiCloudMock',
		'waiCloudWebhookEx',
		'waiMessangiMock',
		'waiOpenAiMock',
		'waiSinchMock',
		'waiWebhookSecret',
	]);
	const nodeTypes =
		await get<Array<{ name: string; codex?: { alias?: string[] } }>>('/types/nodes.json');
	const names = nodeTypes.map((t) => t.name);
	expect(names).toContain('n8n-nodes-whatsapp-interactive.whatsAppInteractive');
	expect(names).toContain('n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger');
	expect(names).toContain('n8n-nodes-whatsapp-interactive.whatsAppInteractiveRouter');
	// The node search's aliases are the registry's (description.codex), as n8n 2.x serves them to the
	// editor. n8n 1.123's /types/nodes.json carries no codex for these nodes (measured), so there is
	// nothing to compare on that host.
	// n8n 2.x also serves the variants it derives itself (a "… Tool" for usableAsTool and a
	// human-in-the-loop tool for Send and Wait); only the package's own two nodes are compared.
	const ownNodes = [
		'n8n-nodes-whatsapp-interactive.whatsAppInteractive',
		'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
	];
	const served =
		process.env.N8N_TEST_HOST === '1.x' ? [] : nodeTypes.filter((t) => ownNodes.includes(t.name));
	if (process.env.N8N_TEST_HOST !== '1.x') expect(served).toHaveLength(2);
	for (const type of served) {
		expect({ type: type.name, alias: type.codex?.alias }).toEqual({
			type: type.name,
			alias: expect.arrayContaining([
				'WhatsApp',
				'Messangi',
				'Sinch LATAM',
				'Wavy',
				'WhatsApp Cloud API',
				'Meta',
			]),
		});
	}
});

test('the round-trip example answers a button reply through the mock provider', async () => {
	const trigger = readExample('04-round-trip.json').nodes.find((n) => n.webhookId)!;
	const answer = await postJson(
		withExampleSecret(`http://127.0.0.1:${port}/webhook/${trigger.webhookId}/webhook`),
		sinchBatch(sinchButtonReply('e2e-dev-1')),
	);
	expect(answer.status).toBe(200);
	const deadline = Date.now() + 30000;
	let requests: Array<{
		path: string;
		answeredWith: number;
		body: { destinations: Array<{ destination: string }> };
	}> = [];
	while (requests.length === 0 && Date.now() < deadline) {
		await sleep(250);
		requests = (await (
			await fetch(`http://127.0.0.1:${mockPort}/__mock/requests?provider=sinchLatam`)
		).json()) as typeof requests;
	}
	expect(requests).toHaveLength(1);
	expect(requests[0]).toMatchObject({ path: '/sinch/v1/whatsapp/send', answeredWith: 200 });
	expect(requests[0].body.destinations[0].destination).toBe(USER);
});

test('SIGINT (Ctrl-C) stops n8n and the mock provider', async () => {
	child!.kill('SIGINT');
	expect(await exited).toBe(0);
	expect(output).toContain('[dev] stopping n8n and the mock provider');
	expect(await isListening(port)).toBe(false);
	expect(await isListening(mockPort)).toBe(false);
}, 60000);
