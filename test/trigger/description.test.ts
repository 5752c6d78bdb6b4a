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

function nodeWith(parameters: INode['parameters']): INode {
	return {
		id: 'n1',
		name: 'WhatsApp Interactive Trigger',
		type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
}

/** The output names n8n computes for the node in the editor and at run time. */
function outputNames(parameters: INode['parameters']): string[] {
	const node = nodeWith(parameters);
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
	it('is version 1.1 for new nodes and still loads saved version-1 nodes, with the same parameters', () => {
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
		// One description serves both versions: nothing a saved workflow stores changes meaning.
		expect(
			description.properties.some(
				(p) => p.displayOptions?.show?.['@version'] || p.displayOptions?.hide?.['@version'],
			),
		).toBe(false);
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
		// Meta signs its callbacks: no Authentication choice for it.
		expect(description.properties.find((p) => p.name === 'authentication')?.displayOptions).toEqual(
			{ hide: { provider: ['whatsAppCloud'] } },
		);
		expect(description.properties.find((p) => p.name === 'authentication')?.options).toEqual([
			{ name: 'None', value: 'none' },
			{ name: 'Webhook Secret', value: 'secret' },
		]);
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
