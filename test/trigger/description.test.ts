import { existsSync, readFileSync } from 'fs';
import type {
	IHookFunctions,
	INode,
	INodeOutputConfiguration,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { NodeHelpers, NodeOperationError, Workflow } from 'n8n-workflow';
import { join } from 'path';
import { WhatsAppInteractiveWebhookApi } from '../../credentials/WhatsAppInteractiveWebhookApi.credentials';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import { createWebhookContext } from '../helpers/webhookContext';

const trigger = new WhatsAppInteractiveTrigger();
const { description } = trigger;
const nodeDir = join(__dirname, '../../nodes/WhatsAppInteractiveTrigger');

function nodeWith(parameters: INode['parameters'], typeVersion = 1): INode {
	return {
		id: 'n1',
		name: 'WhatsApp Interactive Trigger',
		type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
		typeVersion,
		position: [0, 0],
		parameters,
	};
}

/** The output names n8n computes for the node in the editor and at run time. */
function outputNames(parameters: INode['parameters'], typeVersion = 1): string[] {
	const node = nodeWith(parameters, typeVersion);
	const nodeTypes: INodeTypes = {
		getByName: () => trigger as INodeType,
		getByNameAndVersion: () => trigger as INodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'wf',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const outputs = NodeHelpers.getNodeOutputs(workflow, node, description);
	return outputs.map((output) => (output as INodeOutputConfiguration).displayName as string);
}

describe('the trigger description', () => {
	/** The parameters n8n resolves for a trigger stored with `stored` at `typeVersion`. */
	function resolved(stored: INode['parameters'], typeVersion: number): INode['parameters'] {
		const node = { ...nodeWith(stored), typeVersion };
		return NodeHelpers.getNodeParameters(
			description.properties,
			stored,
			true,
			false,
			node,
			description,
		) as INode['parameters'];
	}

	/** Whether the editor shows the property named `name` for these parameters at `typeVersion`. */
	function shows(name: string, stored: INode['parameters'], typeVersion: number): boolean {
		const node = { ...nodeWith(stored), typeVersion };
		const all = { ...resolved(stored, typeVersion), ...stored };
		return description.properties.some(
			(p) => p.name === name && NodeHelpers.displayParameter(all, p, node, description),
		);
	}

	it('is version 3 for new nodes and still loads saved version 1, 1.1 and 2 nodes', () => {
		expect(description.version).toEqual([1, 1.1, 2, 3]);
		expect(description.defaultVersion).toBe(3);
		// Only Authentication's default and the Message output depend on the version.
		const gated = description.properties.filter(
			(p) => p.displayOptions?.show?.['@version'] || p.displayOptions?.hide?.['@version'],
		);
		expect(gated.map((p) => [p.name, p.default])).toEqual([
			['authentication', 'none'],
			['authentication', 'secret'],
			['outputMessage', true],
		]);
	});

	it('defaults Authentication to None at versions 1 and 1.1, and to Webhook Secret from version 2', () => {
		for (const provider of ['messangi', 'sinchLatam']) {
			expect(resolved({ provider }, 1).authentication).toBe('none');
			expect(resolved({ provider }, 1.1).authentication).toBe('none');
			expect(resolved({ provider }, 2).authentication).toBe('secret');
			// A stored choice wins at every version.
			expect(resolved({ provider, authentication: 'secret' }, 1).authentication).toBe('secret');
			expect(resolved({ provider, authentication: 'none' }, 2).authentication).toBe('none');
		}
		// The Cloud API checks signatures instead: no Authentication at any version.
		for (const version of [1, 1.1, 2, 3])
			expect(resolved({ provider: 'whatsAppCloud' }, version)).not.toHaveProperty('authentication');
		for (const provider of ['messangi', 'sinchLatam'])
			expect(resolved({ provider }, 3).authentication).toBe('secret');
	});

	it('resolves every other parameter the same at each version', () => {
		const withoutAuthentication = (version: number) => {
			const { authentication: _, ...rest } = resolved({ provider: 'sinchLatam' }, version);
			// Notices have no value; which one shows follows Authentication.
			const notices = description.properties.filter((p) => p.type === 'notice');
			for (const notice of notices) delete rest[notice.name];
			return rest;
		};
		expect(withoutAuthentication(1.1)).toEqual(withoutAuthentication(1));
		expect(withoutAuthentication(2)).toEqual(withoutAuthentication(1));
		// 3 adds only the Message output's switch, on.
		expect(withoutAuthentication(3)).toEqual({ ...withoutAuthentication(1), outputMessage: true });
	});

	it('warns while Authentication is None, at every version, and not for providers that sign', () => {
		for (const version of [1, 1.1, 2, 3]) {
			expect(
				shows('noAuthenticationWarning', { provider: 'messangi', authentication: 'none' }, version),
			).toBe(true);
			expect(
				shows(
					'noAuthenticationWarning',
					{ provider: 'sinchLatam', authentication: 'secret' },
					version,
				),
			).toBe(false);
			expect(shows('noAuthenticationWarning', { provider: 'whatsAppCloud' }, version)).toBe(false);
		}
		expect(shows('noAuthenticationWarning', { provider: 'sinchLatam' }, 1.1)).toBe(true);
		expect(shows('noAuthenticationWarning', { provider: 'sinchLatam' }, 2)).toBe(false);
		const warning = description.properties.find((p) => p.name === 'noAuthenticationWarning');
		expect(warning?.type).toBe('notice');
		expect(warning?.displayName).toMatch(
			/anyone who learns this URL can post replies and statuses/,
		);
		expect(warning?.displayName).toMatch(/Choose Webhook Secret/);
	});

	it('keeps the public contract: name, display name, provider values', () => {
		expect(description.name).toBe('whatsAppInteractiveTrigger');
		expect(description.displayName).toBe('WhatsApp Interactive Trigger');
		const provider = description.properties.find((p) => p.name === 'provider');
		expect(provider?.options).toEqual([
			{ name: 'Messangi', value: 'messangi' },
			{ name: 'Sinch LATAM', value: 'sinchLatam' },
			{ name: 'WhatsApp Cloud API', value: 'whatsAppCloud' },
		]);
	});

	it('is a trigger: trigger group, no inputs, not a tool, a POST webhook answered on receipt with the trigger summary and a GET for URL verification', () => {
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.defaults.name).toBe('WhatsApp Interactive Trigger');
		expect(description.subtitle).toBeTruthy();
		expect(description.webhooks).toEqual([
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideUrl: true,
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		]);
	});

	it('has outputs List Reply, Button Reply, Status, and Other only when turned on', () => {
		expect(outputNames({})).toEqual(['List Reply', 'Button Reply', 'Status']);
		expect(outputNames({ outputOther: false })).toEqual(['List Reply', 'Button Reply', 'Status']);
		expect(outputNames({ outputOther: true })).toEqual([
			'List Reply',
			'Button Reply',
			'Status',
			'Other',
		]);
	});

	it('has a Message output, on by default, from type version 3; before it none, even when asked', () => {
		for (const version of [1, 1.1, 2]) {
			expect(outputNames({}, version)).toEqual(['List Reply', 'Button Reply', 'Status']);
			expect(outputNames({ outputMessage: true, outputOther: true }, version)).toEqual([
				'List Reply',
				'Button Reply',
				'Status',
				'Other',
			]);
		}
		expect(outputNames({}, 3)).toEqual(['List Reply', 'Button Reply', 'Status', 'Message']);
		expect(outputNames({ outputOther: true }, 3)).toEqual([
			'List Reply',
			'Button Reply',
			'Status',
			'Message',
			'Other',
		]);
		expect(outputNames({ outputMessage: false }, 3)).toEqual([
			'List Reply',
			'Button Reply',
			'Status',
		]);
		expect(description.defaultVersion).toBe(3);
	});

	it('defaults to all status states, Other off, duplicates ignored, no authentication', () => {
		const { parameters } = createWebhookContext({ properties: description.properties });
		expect(parameters).toMatchObject({
			provider: 'messangi',
			authentication: 'none',
			statusStates: ['queued', 'sent', 'delivered', 'read', 'failed'],
			outputOther: false,
			ignoreDuplicates: true,
		});
	});

	it('shows setup instructions for the chosen provider', () => {
		const notice = (name: string) => description.properties.find((p) => p.name === name);
		expect(notice('messangiSetup')).toMatchObject({
			type: 'notice',
			displayOptions: { show: { provider: ['messangi'] } },
		});
		expect(notice('messangiSetup')?.displayName).toContain('Callback URLs');
		expect(notice('sinchLatamSetup')).toMatchObject({
			type: 'notice',
			displayOptions: { show: { provider: ['sinchLatam'] } },
		});
		expect(notice('sinchLatamSetup')?.displayName).toContain('Sinch support');
		expect(notice('whatsAppCloudSetup')).toMatchObject({
			type: 'notice',
			displayOptions: { show: { provider: ['whatsAppCloud'] } },
		});
		expect(notice('whatsAppCloudSetup')?.displayName).toContain('Verify Token');
	});

	it('describes booleans starting with "Whether"', () => {
		for (const property of description.properties.filter((p) => p.type === 'boolean')) {
			expect(property.description).toMatch(/^Whether /);
		}
	});

	it('uses the webhook secret credential only when Authentication asks for it, and the Cloud API webhook credential for that provider, each with a test', () => {
		expect(description.credentials).toEqual([
			{
				name: 'whatsAppInteractiveWebhookApi',
				required: true,
				testedBy: 'webhookSecretTest',
				displayOptions: {
					show: { authentication: ['secret'] },
					hide: { provider: ['whatsAppCloud'] },
				},
			},
			{
				name: 'whatsAppCloudWebhookApi',
				required: true,
				testedBy: 'whatsAppCloudWebhookApiTest',
				displayOptions: { hide: { provider: ['messangi', 'sinchLatam'] } },
			},
		]);
		expect(typeof trigger.methods.credentialTest.webhookSecretTest).toBe('function');
		expect(
			typeof (trigger.methods.credentialTest as Record<string, unknown>)
				.whatsAppCloudWebhookApiTest,
		).toBe('function');
		// Meta signs its callbacks: no Authentication choice for it, at any version.
		const authentication = description.properties.filter((p) => p.name === 'authentication');
		expect(authentication).toHaveLength(2);
		for (const property of authentication) {
			const rules = property.displayOptions ?? {};
			expect([...(rules.hide?.provider ?? [])]).toEqual(['whatsAppCloud']);
			expect(property.options).toEqual([
				{ name: 'None', value: 'none', description: expect.stringMatching(/Anyone who learns it/) },
				{ name: 'Webhook Secret', value: 'secret', description: expect.any(String) },
			]);
		}
	});

	it('has light and dark icons that exist and differ', () => {
		expect(description.icon).toEqual({
			light: 'file:whatsapp.svg',
			dark: 'file:whatsapp.dark.svg',
		});
		const light = readFileSync(join(nodeDir, 'whatsapp.svg'), 'utf8');
		const dark = readFileSync(join(nodeDir, 'whatsapp.dark.svg'), 'utf8');
		expect(light).toContain('#25D366');
		expect(light).toMatch(/^<svg [^>]*viewBox=/);
		expect(dark).not.toBe(light);
	});

	it('has a codex file for the Communication category, linking the README', () => {
		const codex = JSON.parse(
			readFileSync(join(nodeDir, 'WhatsAppInteractiveTrigger.node.json'), 'utf8'),
		);
		expect(codex.node).toBe('n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger');
		expect(codex.categories).toEqual(['Communication']);
		expect(codex.resources.primaryDocumentation[0].url).toBe(
			'https://github.com/n8n-nodes-whatsapp-interactive/n8n-nodes-whatsapp-interactive#readme',
		);
	});
});

describe('the webhook lifecycle', () => {
	function hooks(
		parameters: Record<string, unknown>,
		credential?: Record<string, unknown> | Error,
	): IHookFunctions {
		return {
			getNode: () => nodeWith({}),
			getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
			getCredentials: async () => {
				if (credential === undefined) throw new Error('Node does not have any credentials set');
				if (credential instanceof Error) throw credential;
				return credential;
			},
		} as unknown as IHookFunctions;
	}
	const good = {
		secret: 'correct-horse-battery-staple',
		headerName: 'X-Webhook-Secret',
		queryParameterName: 'secret',
		basicAuth: true,
	};

	it('has nothing to look up or remove at the providers', async () => {
		await expect(trigger.webhookMethods.default.checkExists.call(hooks({}))).resolves.toBe(false);
		await expect(trigger.webhookMethods.default.delete.call(hooks({}))).resolves.toBe(true);
	});

	it('creates without the secret credential for a provider that signs its callbacks', async () => {
		await expect(
			trigger.webhookMethods.default.create.call(
				hooks({ provider: 'whatsAppCloud', authentication: 'secret' }),
			),
		).resolves.toBe(true);
	});

	it('creates without checks when Authentication is None', async () => {
		await expect(
			trigger.webhookMethods.default.create.call(hooks({ authentication: 'none' })),
		).resolves.toBe(true);
	});

	it('checks the secret credential on activation and never swallows its errors', async () => {
		await expect(
			trigger.webhookMethods.default.create.call(hooks({ authentication: 'secret' }, good)),
		).resolves.toBe(true);
		await expect(
			trigger.webhookMethods.default.create.call(hooks({ authentication: 'secret' })),
		).rejects.toThrow('Node does not have any credentials set');
		const broken = trigger.webhookMethods.default.create.call(
			hooks({ authentication: 'secret' }, { ...good, secret: '' }),
		);
		await expect(broken).rejects.toBeInstanceOf(NodeOperationError);
		await expect(broken).rejects.toThrow(/empty secret/);
		const short = trigger.webhookMethods.default.create.call(
			hooks({ authentication: 'secret' }, { ...good, secret: 'a'.repeat(15) }),
		);
		await expect(short).rejects.toBeInstanceOf(NodeOperationError);
		await expect(short).rejects.toThrow(/has 15 characters; use at least 16/);
	});
});

describe('the webhook secret credential', () => {
	const credential = new WhatsAppInteractiveWebhookApi();

	it('is named as the trigger expects, with a password field for the secret', () => {
		expect(credential.name).toBe('whatsAppInteractiveWebhookApi');
		expect(credential.displayName).toMatch(/^WhatsApp Interactive Webhook/);
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		const secret = credential.properties.find((p) => p.name === 'secret');
		expect(secret?.typeOptions?.password).toBe(true);
		expect(secret?.default).toBe('');
	});

	it('accepts the secret in a header, a query parameter or Basic auth by default', () => {
		const defaults = Object.fromEntries(credential.properties.map((p) => [p.name, p.default]));
		expect(defaults).toEqual({
			secret: '',
			headerName: 'X-Webhook-Secret',
			queryParameterName: 'secret',
			basicAuth: true,
		});
	});

	it('points at icon files that exist', () => {
		const icon = credential.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(join(__dirname, '../../credentials', file.replace(/^file:/, '')))).toBe(
				true,
			);
		}
	});
});
