/**
 * The example workflows as files (no n8n here; n8n.e2e.test.ts runs them): importable, consistent
 * with the credentials `npm run dev` imports, with the package's public names and parameters, and
 * listed in the README.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import {
	devHost,
	EXAMPLE_FILES,
	EXAMPLES_DIR,
	readExample,
	readExampleCredentials,
	REPO_ROOT,
	type Workflow,
} from './support';

const PACKAGE = 'n8n-nodes-whatsapp-interactive';
const ACTION = `${PACKAGE}.whatsAppInteractive`;
const TRIGGER = `${PACKAGE}.whatsAppInteractiveTrigger`;
const ROUTER = `${PACKAGE}.whatsAppInteractiveRouter`;
/** The approval tool n8n 2.x derives from the action node: its parameters, its operation fixed, and n8n's own `message`. */
const APPROVAL_TOOL = `${PACKAGE}.whatsAppInteractiveHitlTool`;

const examples: Array<[string, Workflow]> = EXAMPLE_FILES.map((f) => [f, readExample(f)]);
const credentials = readExampleCredentials();

function description(file: string): INodeTypeDescription {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(path.join(REPO_ROOT, 'dist', 'nodes', file)) as Record<
		string,
		new () => { description: INodeTypeDescription }
	>;
	return new (Object.values(mod)[0])().description;
}

/** Parameter names a node accepts at the top level, and inside each collection / fixed collection. */
function parameterNames(desc: INodeTypeDescription): {
	top: Set<string>;
	nested: Map<string, Set<string>>;
} {
	const top = new Set<string>();
	const nested = new Map<string, Set<string>>();
	for (const p of desc.properties) {
		top.add(p.name);
		if (p.type === 'collection' || p.type === 'fixedCollection') {
			const set = nested.get(p.name) ?? new Set<string>();
			for (const o of (p.options ?? []) as Array<
				INodeProperties & { values?: INodeProperties[] }
			>) {
				set.add(o.name);
				for (const v of o.values ?? []) set.add(`${o.name}.${v.name}`);
			}
			nested.set(p.name, set);
		}
	}
	return { top, nested };
}

test('the examples directory holds exactly the documented workflows, each listed in the README and examples/README.md', () => {
	const files = fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
	expect(files).toEqual([...EXAMPLE_FILES]);
	const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
	const list = fs.readFileSync(path.join(EXAMPLES_DIR, 'README.md'), 'utf8');
	for (const f of EXAMPLE_FILES) {
		expect({ f, readme: readme.includes(f) }).toEqual({ f, readme: true });
		expect({ f, list: list.includes(f) }).toEqual({ f, list: true });
	}
});

test('workflow ids, node ids and webhook ids are unique; connections name existing nodes', () => {
	const ids = examples.map(([, wf]) => wf.id);
	expect(new Set(ids).size).toBe(ids.length);
	for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{16}$/);
	const webhookIds: string[] = [];
	for (const [file, wf] of examples) {
		expect({ file, name: typeof wf.name }).toEqual({ file, name: 'string' });
		const names = wf.nodes.map((n) => n.name);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(wf.nodes.map((n) => n.id)).size).toBe(wf.nodes.length);
		// Every connection type: `main`, and the AI ones (`ai_languageModel`, `ai_tool`) of example 07.
		for (const [from, outputs] of Object.entries(wf.connections)) {
			expect(names).toContain(from);
			for (const list of Object.values(outputs))
				for (const target of list.flat()) expect(names).toContain(target.node);
		}
		for (const n of wf.nodes) if (n.webhookId) webhookIds.push(n.webhookId);
	}
	expect(new Set(webhookIds).size).toBe(webhookIds.length);
});

test('workflows with a trigger are saved active (npm run dev publishes them); the others are not', () => {
	for (const [file, wf] of examples) {
		// The package's trigger, or n8n's Webhook node in front of the router.
		const hasTrigger = wf.nodes.some(
			(n) =>
				n.type === TRIGGER ||
				(n.type === 'n8n-nodes-base.webhook' && wf.nodes.some((r) => r.type === ROUTER)),
		);
		expect({ file, active: wf.active === true }).toEqual({ file, active: hasTrigger });
	}
});

test('every node of the package uses the public names and only parameters the node declares', () => {
	const actionDescription = description('WhatsAppInteractive/WhatsAppInteractive.node.js');
	const triggerDescription = description(
		'WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node.js',
	);
	const routerDescription = description(
		'WhatsAppInteractiveRouter/WhatsAppInteractiveRouter.node.js',
	);
	const action = parameterNames(actionDescription);
	const trigger = parameterNames(triggerDescription);
	const router = parameterNames(routerDescription);
	// The examples use the version the editor gives a new node.
	const newest = (d: INodeTypeDescription) =>
		d.defaultVersion ?? (Array.isArray(d.version) ? Math.max(...d.version) : d.version);
	let seen = 0;
	for (const [file, wf] of examples) {
		for (const node of wf.nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`))) {
			seen++;
			expect([ACTION, APPROVAL_TOOL, TRIGGER, ROUTER]).toContain(node.type);
			const [nodeDescription, names] =
				node.type === TRIGGER
					? [triggerDescription, trigger]
					: node.type === ROUTER
						? [routerDescription, router]
						: [actionDescription, action];
			expect({ file, node: node.name, typeVersion: node.typeVersion }).toEqual({
				file,
				node: node.name,
				typeVersion: newest(nodeDescription),
			});
			if (node.type === APPROVAL_TOOL)
				expect({ file, node: node.name, operation: node.parameters.operation }).toEqual({
					file,
					node: node.name,
					operation: undefined,
				});
			for (const [key, value] of Object.entries(node.parameters)) {
				expect({ file, node: node.name, parameter: key, known: names.top.has(key) }).toMatchObject({
					known: true,
				});
				const nested = names.nested.get(key);
				if (nested && value && typeof value === 'object') {
					for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
						expect({
							file,
							node: node.name,
							parameter: `${key}.${k}`,
							known: nested.has(k),
						}).toMatchObject({ known: true });
						if (Array.isArray(v)) {
							for (const entry of v as Array<Record<string, unknown>>) {
								for (const field of Object.keys(entry)) {
									expect({
										file,
										parameter: `${key}.${k}.${field}`,
										known: nested.has(`${k}.${field}`),
									}).toMatchObject({ known: true });
								}
							}
						}
					}
				}
			}
		}
	}
	// The package's nodes in all examples (08 brings two: its asking node and its trigger; 09 five:
	// its trigger, three asking nodes and a Send; 10 four: its trigger, the form and two Sends; 11
	// its router).
	expect(seen).toBe(24);
});

test('every credential a node uses is one npm run dev imports (same id, name and type)', () => {
	const byId = new Map(credentials.map((c) => [c.id, c]));
	for (const [file, wf] of examples) {
		for (const node of wf.nodes) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				const cred = byId.get(ref.id);
				expect({
					file,
					node: node.name,
					ref,
					found: cred && { id: cred.id, name: cred.name, type: cred.type },
				}).toEqual({
					file,
					node: node.name,
					ref,
					found: { id: ref.id, name: ref.name, type },
				});
			}
		}
	}
	for (const c of credentials) {
		if (typeof c.data.baseUrl === 'string')
			expect(c.data.baseUrl.startsWith(`${devHost.EXAMPLE_MOCK_URL}/`)).toBe(true);
	}
});

test("example 01's callback URL is the production URL of example 03's Messangi trigger, with its secret", () => {
	const send = readExample('01-messangi-appointment-buttons.json').nodes.find(
		(n) => n.type === ACTION,
	)!;
	const trigger = readExample('03-trigger-routing.json').nodes.find(
		(n) => n.name === 'Messangi callbacks',
	)!;
	const secret = credentials.find(
		(c) => c.id === trigger.credentials!.whatsAppInteractiveWebhookApi.id,
	)!.data;
	expect((send.parameters.options as Record<string, unknown>).callbackUrls).toBe(
		`${devHost.EXAMPLE_N8N_URL}/webhook/${trigger.webhookId}/webhook?${String(secret.queryParameterName)}=${String(secret.secret)}`,
	);
});
