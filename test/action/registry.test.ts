/**
 * Guard for the registry of dialects: what the editor shows for each existing provider (visible
 * parameters with their options, option collections, credentials) must stay as recorded in
 * test/fixtures/descriptions/, whatever other providers the registry gains. The fixture was
 * written from the descriptions before they were derived from the registry.
 * Regenerate deliberately with WRITE_DESCRIPTION_FIXTURE=1 and read the diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
	NodeHelpers,
	type INodeCredentialDescription,
	type INodeParameters,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { DIALECTS, type Dialect } from '../../nodes/shared/dialects';
import { WEBHOOK_CREDENTIAL } from '../../nodes/shared/trigger/authorise';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import { WhatsAppInteractiveRouter } from '../../nodes/WhatsAppInteractiveRouter/WhatsAppInteractiveRouter.node';

const FIXTURE = path.join(__dirname, '../fixtures/descriptions/editor-view.json');
const PROVIDERS = ['messangi', 'sinchLatam'];

/** A property as the editor shows it, without its display rules (they name other providers). */
function shown(p: INodeProperties): unknown {
	const { displayOptions: _rules, ...rest } = p;
	// The provider list grows with the registry: only the recorded providers are compared.
	if (p.name === 'provider')
		rest.options = (p.options as Array<{ value: string }>).filter((o) =>
			PROVIDERS.includes(o.value),
		) as typeof p.options;
	return JSON.parse(JSON.stringify(rest));
}

/** Distinct properties, so that the fixture lists each once and the views name them by number. */
type Table = string[];

function view(
	description: INodeTypeDescription,
	values: INodeParameters,
	table: Table,
	typeVersion = 1,
): unknown {
	const node = { typeVersion };
	const resolved = (NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node,
		description,
	) ?? {}) as INodeParameters;
	const all = { ...resolved, ...values };
	return {
		properties: description.properties
			.filter((p) => NodeHelpers.displayParameter(all, p, node, description))
			.map((p) => {
				const json = JSON.stringify(shown(p));
				if (!table.includes(json)) table.push(json);
				return `${p.name} #${table.indexOf(json)}`;
			}),
		credentials: (description.credentials ?? [])
			.filter((c: INodeCredentialDescription) =>
				NodeHelpers.displayParameter(all, c, node, description),
			)
			.map((c) => ({ name: c.name, required: c.required ?? false, testedBy: c.testedBy ?? null })),
	};
}

function actionViews(table: Table): Record<string, unknown> {
	const description = new WhatsAppInteractive().description;
	const out: Record<string, unknown> = {};
	for (const provider of PROVIDERS)
		for (const operation of ['send', 'sendAndWait', 'buildPayload'])
			for (const defineMessage of ['fields', 'json'])
				for (const messageType of ['buttons', 'list', 'auto'])
					for (const headerType of ['none', 'text', 'image', 'video', 'document', 'location']) {
						const values = { provider, operation, defineMessage, messageType, headerType };
						out[JSON.stringify(values)] = view(description, values, table);
					}
	// Templates: Send Template, and Send As → Template, with each header and both ways of giving variables.
	for (const provider of PROVIDERS)
		for (const [operation, sendAs] of [
			['sendTemplate', undefined],
			['sendAndWait', 'template'],
			['buildPayload', 'template'],
		])
			for (const templateVariables of ['fields', 'json'])
				for (const templateHeaderType of ['none', 'text', 'image']) {
					const values = {
						provider,
						operation,
						...(sendAs ? { sendAs } : {}),
						templateVariables,
						templateHeaderType,
					};
					out[JSON.stringify(values)] = view(description, values, table);
				}
	// Send and Wait → Free Text: the question, the answer's rule and its own fields, the options.
	for (const provider of PROVIDERS)
		for (const answerValidation of ['any', 'oneOf', 'pattern', 'media']) {
			const values = {
				provider,
				operation: 'sendAndWait',
				responseType: 'freeText',
				answerValidation,
			};
			out[JSON.stringify(values)] = view(description, values, table);
		}
	// Download Media (both recorded providers have it; neither has Mark as Read).
	for (const provider of PROVIDERS) {
		const values = { provider, operation: 'downloadMedia' };
		out[JSON.stringify(values)] = view(description, values, table);
	}
	return out;
}

function triggerViews(table: Table): Record<string, unknown> {
	const description = new WhatsAppInteractiveTrigger().description;
	const out: Record<string, unknown> = {};
	for (const provider of PROVIDERS)
		for (const authentication of ['none', 'secret']) {
			const values = { provider, authentication };
			out[JSON.stringify(values)] = view(description, values, table);
		}
	// A new trigger (type version 2) with Authentication left at its default.
	for (const provider of PROVIDERS) {
		const values = { provider };
		out[JSON.stringify({ ...values, typeVersion: 2 })] = view(description, values, table, 2);
	}
	return out;
}

function current() {
	const table: Table = [];
	const action = actionViews(table);
	const trigger = triggerViews(table);
	return { action, trigger, properties: table.map((json) => JSON.parse(json) as unknown) };
}

describe('descriptions derived from the registry', () => {
	if (process.env.WRITE_DESCRIPTION_FIXTURE === '1')
		fs.writeFileSync(FIXTURE, JSON.stringify(current(), null, 1) + '\n');
	const recorded = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as ReturnType<typeof current>;
	const now = current();

	// A view names properties by their number in its own table: compare the properties themselves.
	const resolve = (table: unknown[], v: unknown) => {
		const { properties, credentials } = v as { properties: string[]; credentials: unknown };
		return { properties: properties.map((ref) => table[Number(ref.split('#')[1])]), credentials };
	};
	it.each(Object.keys(recorded.action))('action node, %s: as recorded', (key) => {
		expect(resolve(now.properties, now.action[key])).toEqual(
			resolve(recorded.properties, recorded.action[key]),
		);
	});
	it.each(Object.keys(recorded.trigger))('trigger, %s: as recorded', (key) => {
		expect(resolve(now.properties, now.trigger[key])).toEqual(
			resolve(recorded.properties, recorded.trigger[key]),
		);
	});
	it('covers every combination', () => {
		expect(Object.keys(recorded.action)).toHaveLength(
			PROVIDERS.length * (3 * 2 * 3 * 6 + 3 * 2 * 3 + 4 + 1),
		);
		// Authentication None and Webhook Secret at version 1, and the default of version 2.
		expect(Object.keys(recorded.trigger)).toHaveLength(PROVIDERS.length * 3);
	});
});

describe('the provider parameter', () => {
	it("defaults to the registry's first provider", () => {
		for (const description of [
			new WhatsAppInteractive().description,
			new WhatsAppInteractiveTrigger().description,
			new WhatsAppInteractiveRouter().description,
		]) {
			const provider = description.properties.find((p) => p.name === 'provider');
			expect(provider?.default).toBe(DIALECTS[0].id);
		}
	});
});

// The nodes write their credential lists out because n8n's scanner reads `name` and `testedBy`
// only from literals (credential-test-required): they must be what the registry says.
describe('the credential lists', () => {
	const others = (dialect: Dialect) =>
		DIALECTS.filter((other) => other !== dialect).map((other) => other.id);

	it("action node: each dialect's credential, tested by its test, hidden for the other providers", () => {
		expect(new WhatsAppInteractive().description.credentials).toEqual(
			DIALECTS.map((dialect) => ({
				name: dialect.credential.type,
				required: false,
				testedBy: dialect.credential.testedBy,
				displayOptions: { hide: { provider: others(dialect) } },
			})),
		);
	});

	it.each([
		['trigger', new WhatsAppInteractiveTrigger()],
		['router', new WhatsAppInteractiveRouter()],
	] as const)(
		"%s: the webhook secret's credential, then the signing credential of each provider that signs",
		(_name, node) => {
			const signing = DIALECTS.filter((d) => d.trigger.signature);
			expect(node.description.credentials).toEqual([
				{
					name: WEBHOOK_CREDENTIAL,
					required: true,
					testedBy: 'webhookSecretTest',
					displayOptions: {
						show: { authentication: ['secret'] },
						...(signing.length ? { hide: { provider: signing.map((d) => d.id) } } : {}),
					},
				},
				...signing.map((dialect) => ({
					name: dialect.trigger.signature!.credentialType,
					required: true,
					testedBy: dialect.trigger.signature!.testedBy,
					displayOptions: { hide: { provider: others(dialect) } },
				})),
			]);
		},
	);

	it.each([
		['action node', new WhatsAppInteractive()],
		['trigger', new WhatsAppInteractiveTrigger()],
		['router', new WhatsAppInteractiveRouter()],
	] as const)(
		'%s: every credential is tested by one of its credentialTest methods',
		(_name, node) => {
			const tests = node.methods.credentialTest as Record<string, unknown>;
			for (const credential of node.description.credentials ?? []) {
				expect({
					credential: credential.name,
					test: typeof tests[String(credential.testedBy)],
				}).toEqual({ credential: credential.name, test: 'function' });
			}
		},
	);
});
