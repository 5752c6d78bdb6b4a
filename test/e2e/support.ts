/**
 * Helpers shared by the end-to-end tests: the example workflows and credentials (examples/), pointed
 * at the test's n8n and mock provider; HTTP posts; waiting for the executions a webhook started.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ExecutionSummary, N8nInstance, NodeExecutionItem } from './harness/n8n';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** The parts of scripts/n8n-host.js beyond the harness's typed face that these tests use. */
interface DevHost {
	EXAMPLE_N8N_URL: string;
	EXAMPLE_MOCK_URL: string;
	retargetExample<T>(value: T, target: { n8nUrl?: string; mockUrl?: string }): T;
	readExampleCredentials(examplesDir: string): Credential[];
	ensureMockCli(): Promise<string>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const devHost = require(path.join(REPO_ROOT, 'scripts', 'n8n-host.js')) as DevHost;

export interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	>;
	active?: boolean;
	[key: string]: unknown;
}

export const EXAMPLE_FILES = [
	'01-messangi-appointment-buttons.json',
	'02-sinch-list-from-items.json',
	'03-trigger-routing.json',
	'04-round-trip.json',
	'05-send-and-wait-buttons.json',
	'06-cloud-buttons-routing.json',
	'07-agent-asks-before-it-acts.json',
	'08-cloud-template-ask.json',
	'09-cloud-support-intake.json',
	'10-cloud-booking-form.json',
	'11-sinch-router-busy-number.json',
] as const;

export type ExampleFile = (typeof EXAMPLE_FILES)[number];

/** An example workflow exactly as the file holds it. */
export function readExample(file: ExampleFile | string): Workflow {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as Workflow;
}

/** The example credentials exactly as examples/credentials/ holds them. */
export function readExampleCredentials(): Credential[] {
	return devHost.readExampleCredentials(EXAMPLES_DIR);
}

/** `url` with the examples' webhook secret (credential "Webhook secret (local example)") as `?secret=`. */
export function withExampleSecret(url: string): string {
	const credential = readExampleCredentials().find((c) => c.id === 'waiWebhookSecret');
	if (!credential) throw new Error('examples/credentials has no credential waiWebhookSecret');
	const secret = String((credential.data as Record<string, unknown>).secret);
	return `${url}${url.includes('?') ? '&' : '?'}secret=${encodeURIComponent(secret)}`;
}

/** A JSON value with the examples' n8n and mock addresses replaced by the test's. */
export function retarget<T>(value: T, target: { n8nUrl: string; mockUrl: string }): T {
	return devHost.retargetExample(value, target);
}

export function nodeNamed(wf: Workflow, name: string): WorkflowNode {
	const node = wf.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`workflow ${wf.id} has no node "${name}"`);
	return node;
}

/** `<n8n>/webhook/<webhookId>/webhook` of a trigger node (the trigger's webhook path is `webhook`). */
export function triggerUrl(
	n8n: Pick<N8nInstance, 'webhookUrl'>,
	wf: Workflow,
	nodeName: string,
): string {
	const node = nodeNamed(wf, nodeName);
	if (!node.webhookId) throw new Error(`node "${nodeName}" has no webhookId`);
	return n8n.webhookUrl(`${node.webhookId}/webhook`);
}

export interface HttpAnswer {
	status: number;
	body: unknown;
	text: string;
}

export async function postJson(
	url: string,
	body: unknown,
	headers: Record<string, string> = {},
	timeoutMs = 15000,
): Promise<HttpAnswer> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await res.text();
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.status, body: parsed, text };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A callback posted as a provider posts it: sent again (every 500 ms, up to 40 times) while the
 * answer is 503, as the trigger answers a Send and Wait tap n8n has not yet taken.
 */
export async function deliverCallback(
	url: string,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<HttpAnswer> {
	let answer = await postJson(url, body, headers, 90000);
	for (let attempt = 1; answer.status === 503 && attempt < 40; attempt++) {
		await sleep(500);
		answer = await postJson(url, body, headers, 90000);
	}
	return answer;
}

/** Every Send and Wait reference (`wai1.…`) in a request body, in the order the recipient sees the choices. */
export function referencesIn(value: unknown, found: string[] = []): string[] {
	if (typeof value === 'string' && value.startsWith('wai1.')) found.push(value);
	else if (Array.isArray(value)) value.forEach((v) => referencesIn(v, found));
	else if (value !== null && typeof value === 'object')
		Object.values(value).forEach((v) => referencesIn(v, found));
	return found;
}

/** Every execution (finished or not) of a workflow, newest first. */
export async function allExecutions(
	n8n: N8nInstance,
	workflowId: string,
): Promise<ExecutionSummary[]> {
	return n8n.listExecutions({ workflowId, includeData: true, limit: 250 });
}

export async function executionIds(n8n: N8nInstance, workflowId: string): Promise<Set<string>> {
	return new Set((await allExecutions(n8n, workflowId)).map((e) => e.id));
}

const isDone = (e: ExecutionSummary) =>
	e.finished || !['new', 'running', 'waiting'].includes(e.status);

/**
 * Waits until `n` executions of the workflow that are not in `before` have finished, then lets
 * n8n settle for `settleMs` and returns every new execution (oldest first), so a test can check
 * that there were exactly `n`.
 */
export async function newExecutions(
	n8n: N8nInstance,
	workflowId: string,
	before: Set<string>,
	n: number,
	{ timeoutMs = 30000, settleMs = 750 } = {},
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = (await allExecutions(n8n, workflowId)).filter((e) => !before.has(e.id));
		if (fresh.filter(isDone).length >= n) break;
		if (Date.now() > deadline) {
			throw new Error(
				`only ${fresh.filter(isDone).length} of ${n} new executions of ${workflowId} finished within ${timeoutMs} ms`,
			);
		}
		await sleep(200);
	}
	await sleep(settleMs);
	const fresh = (await allExecutions(n8n, workflowId)).filter((e) => !before.has(e.id));
	return fresh.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Items per output of a node in an execution from the public API (first run of the node). */
export function outputsOf(
	exec: ExecutionSummary,
	nodeName: string,
): Array<Array<Record<string, unknown>>> | undefined {
	const runs = exec.data?.resultData.runData[nodeName];
	if (!runs || !runs[0]) return undefined;
	return (runs[0].data?.main ?? []).map((items: NodeExecutionItem[] | null) =>
		(items ?? []).map((item) => item.json),
	);
}

/** Example 11's nodes that run for a callback with a list reply, a button reply, a status and a message (as nodesRun() lists them). */
export const EXAMPLE_11_EVERY_BRANCH = [
	'Button reply',
	'Check and route',
	'List reply',
	'Log message',
	'Log status',
	'Respond to Webhook',
	'Sinch LATAM callbacks',
].sort();

/** Names of the nodes that ran in an execution. */
export function nodesRun(exec: ExecutionSummary): string[] {
	return Object.keys(exec.data?.resultData.runData ?? {}).sort();
}
