/**
 * WhatsApp Interactive Router, in a stand-in for n8n's execute context: the request n8n's Webhook
 * node received comes in as its item, and the router answers it with `sendResponse()` — 401 to a
 * forged callback, 200 with the receipt to one that passed, the challenge to Meta's verification
 * GET — and routes the events to the trigger's outputs. Misconfigured Webhook nodes, items that are
 * not requests, duplicates, and Send and Wait taps handed to the waiting execution.
 */
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import {
	NodeHelpers,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
} from 'n8n-workflow';
import { WhatsAppInteractiveRouter } from '../../nodes/WhatsAppInteractiveRouter/WhatsAppInteractiveRouter.node';
import { encodeReference } from '../../nodes/shared/wait/reference';
import { sinchBatch, sinchButtonReply, sinchListReply, sinchStatus } from '../trigger/fixtures';

const router = new WhatsAppInteractiveRouter();
const SECRET = 'a-long-webhook-secret-for-tests';
const APP_SECRET = '0123456789abcdef0123456789abcdef';
const VERIFY_TOKEN = 'a-long-random-verify-token';
const CREDENTIALS: Record<string, ICredentialDataDecryptedObject> = {
	whatsAppInteractiveWebhookApi: {
		secret: SECRET,
		queryParameterName: 'secret',
		headerName: '',
		basicAuth: false,
	},
	whatsAppCloudWebhookApi: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
};

interface Run {
	outputs?: INodeExecutionData[][];
	error?: unknown;
	responses: IN8nHttpFullResponse[];
	hops: IDataObject[];
	staticData: IDataObject;
}

interface RunOptions {
	parameters?: IDataObject;
	items: INodeExecutionData[];
	/** The Webhook node before the router (default: POST, Respond with the Respond to Webhook node). */
	webhook?: IDataObject | null;
	continueOnFail?: boolean;
	staticData?: IDataObject;
	workflowId?: string;
	/** n8n's answer to a hand-over to a waiting execution. */
	hopAnswer?: (options: IDataObject) => Promise<unknown>;
	/** n8n's execution mode (default `webhook`). */
	mode?: string;
}

let workflows = 0;

async function run(options: RunOptions): Promise<Run> {
	const node: INode = {
		id: 'router-node-1',
		name: 'WhatsApp Interactive Router',
		type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveRouter',
		typeVersion: 1,
		position: [0, 0],
		parameters: (options.parameters ?? {}) as INodeParameters,
		credentials: Object.fromEntries(
			Object.keys(CREDENTIALS).map((type) => [type, { id: `${type}-1`, name: type }]),
		),
	};
	const parameters = NodeHelpers.getNodeParameters(
		router.description.properties,
		node.parameters,
		true,
		false,
		node,
		null,
	) as IDataObject;
	const webhook =
		options.webhook === null
			? []
			: [
					{
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						disabled: false,
						parameters: options.webhook ?? {
							httpMethod: 'POST',
							responseMode: 'responseNode',
							options: { rawBody: true },
						},
					},
				];
	const staticData = options.staticData ?? {};
	const responses: IN8nHttpFullResponse[] = [];
	const hops: IDataObject[] = [];
	const workflowId = options.workflowId ?? `router-workflow-${++workflows}`;
	const context = {
		getInputData: () => options.items,
		getNode: () => node,
		getMode: () => options.mode ?? 'webhook',
		getWorkflow: () => ({ id: workflowId, name: 'Router test', active: true }),
		getExecutionId: () => '41',
		getSignedResumeUrl: () =>
			`http://127.0.0.1:5678/webhook-waiting/41/${node.id}?signature=${'a'.repeat(64)}`,
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => {
			if (name in parameters) return parameters[name];
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		getParentNodes: () => webhook,
		getCredentials: async (type: string) => {
			const credential = CREDENTIALS[type];
			if (!credential) throw new Error('Node does not have any credentials set');
			return credential;
		},
		getWorkflowStaticData: () => staticData,
		continueOnFail: () => options.continueOnFail === true,
		sendResponse: async (response: IN8nHttpFullResponse) => {
			responses.push(response);
		},
		logger: { error: jest.fn(), warn: jest.fn(), info: jest.fn(), debug: jest.fn() },
		helpers: {
			getBinaryDataBuffer: async (index: number, property: string) =>
				Buffer.from(options.items[index].binary![property].data, 'base64'),
			httpRequest: async (request: IDataObject) => {
				hops.push(request);
				if (!options.hopAnswer) throw new Error('connect ECONNREFUSED');
				return await options.hopAnswer(request);
			},
		},
	} as unknown as IExecuteFunctions;
	try {
		return { outputs: await router.execute.call(context), responses, hops, staticData };
	} catch (error) {
		return { error, responses, hops, staticData };
	}
}

/** The item n8n's Webhook node makes of a request (`raw`: with its Raw Body option on). */
function received(
	body: unknown,
	{
		query = {},
		headers = {},
		raw,
	}: { query?: IDataObject; headers?: IDataObject; raw?: string } = {},
): INodeExecutionData {
	const text = raw ?? JSON.stringify(body);
	return {
		json: {
			headers: { 'content-type': 'application/json', ...headers },
			params: {},
			query: { ...query },
			body: body as IDataObject,
		},
		binary: { data: { data: Buffer.from(text).toString('base64'), mimeType: 'application/json' } },
	};
}

const withSecret = { secret: SECRET };
const only = (response: IN8nHttpFullResponse | undefined) => response?.body as IDataObject;

describe('Sinch LATAM (webhook secret)', () => {
	const sinch = { provider: 'sinchLatam' };

	it('routes a genuine callback to the outputs and answers 200 with the receipt', async () => {
		const body = sinchBatch(
			sinchListReply('r-list-1'),
			sinchButtonReply('r-button-1'),
			sinchStatus('r-status-1', ['sent', 'delivered']),
		);
		const result = await run({
			parameters: sinch,
			items: [received(body, { query: withSecret })],
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs!.map((items) => items.length)).toEqual([1, 1, 1, 0]);
		expect(result.outputs![0][0].json).toMatchObject({
			event: 'listReply',
			provider: 'sinchLatam',
		});
		expect(result.outputs![1][0].pairedItem).toEqual({ item: 0 });
		expect(result.responses).toHaveLength(1);
		expect(result.responses[0].statusCode).toBe(200);
		expect(only(result.responses[0])).toMatchObject({ received: 3, delivered: 3, duplicates: 0 });
	});

	it('answers several requests (items) once, with their receipts added up', async () => {
		const result = await run({
			parameters: sinch,
			items: [
				received(sinchBatch(sinchListReply('r-sum-1'), sinchButtonReply('r-sum-2')), {
					query: withSecret,
				}),
				received(sinchBatch(sinchButtonReply('r-sum-2'), sinchStatus('r-sum-3', ['read'])), {
					query: withSecret,
				}),
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs!.map((items) => items.length)).toEqual([1, 1, 1, 0]);
		expect(result.outputs![2][0].pairedItem).toEqual({ item: 1 });
		expect(result.responses).toHaveLength(1);
		expect(only(result.responses[0])).toEqual({
			received: 4,
			delivered: 3,
			duplicates: 1,
			ignored: 0,
			unrecognised: 0,
		});
	});

	it('answers a callback without the secret 401, routes nothing, and fails the execution', async () => {
		const body = sinchBatch(sinchButtonReply('r-forged-1'));
		const result = await run({ parameters: sinch, items: [received(body)] });
		expect(result.responses).toHaveLength(1);
		expect(result.responses[0].statusCode).toBe(401);
		expect(only(result.responses[0]).message).toMatch(/webhook secret is missing or wrong/);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect((result.error as Error).message).toMatch(/^Refused the callback \(HTTP 401\)/);
	});

	it('with a wrong secret and Continue on Fail, gives an error item instead (and still answers 401)', async () => {
		const body = sinchBatch(sinchButtonReply('r-forged-2'));
		const result = await run({
			parameters: sinch,
			items: [received(body, { query: { secret: 'guessed' } })],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.responses[0].statusCode).toBe(401);
		expect(result.outputs![0]).toEqual([
			{
				json: { error: expect.stringMatching(/webhook secret/), statusCode: 401 },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('drops an event it has routed before (a redelivery) and says so in the receipt', async () => {
		const staticData: IDataObject = {};
		const workflowId = 'router-dedupe';
		const body = () => sinchBatch(sinchButtonReply('r-again-1'));
		const first = await run({
			parameters: sinch,
			items: [received(body(), { query: withSecret })],
			staticData,
			workflowId,
		});
		const second = await run({
			parameters: sinch,
			items: [received(body(), { query: withSecret })],
			staticData,
			workflowId,
		});
		expect(only(first.responses[0])).toMatchObject({ delivered: 1, duplicates: 0 });
		expect(only(second.responses[0])).toMatchObject({ delivered: 0, duplicates: 1 });
		expect(second.outputs!.flat()).toHaveLength(0);
	});

	it('answers a body that is no Sinch callback 400 and fails', async () => {
		const result = await run({
			parameters: sinch,
			items: [received({ hello: 'world' }, { query: withSecret })],
		});
		expect(result.responses[0].statusCode).toBe(400);
		expect(result.error).toBeInstanceOf(NodeOperationError);
	});

	it('hands a Send and Wait tap to the waiting execution at n8n’s waiting URL, not to the outputs', async () => {
		const reference = encodeReference({
			executionId: '7',
			nodeId: '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95',
			waitId: 'abc',
			choice: 0,
			signature: 'b'.repeat(64),
		});
		const body = sinchBatch(sinchButtonReply('r-tap-1', reference));
		const result = await run({
			parameters: sinch,
			items: [received(body, { query: withSecret })],
		});
		// Nobody answers the hand-over: not acknowledged, so the provider sends it again.
		expect(result.hops).toHaveLength(1);
		expect(String(result.hops[0].url)).toMatch(
			/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/7\/3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95\?/,
		);
		expect(result.hops[0].skipSslCertificateValidation).toBeUndefined();
		expect(result.responses[0].statusCode).toBe(503);
		expect(result.outputs).toBeUndefined();
		expect(result.error).toBeInstanceOf(NodeOperationError);
	});
});

describe('WhatsApp Cloud API (signature over the raw body)', () => {
	const cloud = { provider: 'whatsAppCloud' };
	const mixed = readFileSync(
		resolve(__dirname, '../fixtures/whatsAppCloud/webhook-mixed.json'),
		'utf8',
	);
	const sign = (raw: string, secret = APP_SECRET) =>
		'sha256=' + createHmac('sha256', secret).update(raw).digest('hex');

	it('routes a signed callback and answers 200', async () => {
		const result = await run({
			parameters: cloud,
			items: [
				received(JSON.parse(mixed), {
					raw: mixed,
					headers: { 'x-hub-signature-256': sign(mixed) },
				}),
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.responses[0].statusCode).toBe(200);
		expect(result.outputs!.flat().length).toBeGreaterThan(0);
	});

	it('answers 401 to a callback signed with another secret', async () => {
		const result = await run({
			parameters: cloud,
			items: [
				received(JSON.parse(mixed), {
					raw: mixed,
					headers: { 'x-hub-signature-256': sign(mixed, 'not-the-app-secret') },
				}),
			],
		});
		expect(result.responses[0].statusCode).toBe(401);
		expect(result.error).toBeInstanceOf(NodeOperationError);
	});

	it('answers the verification GET with hub.challenge as plain text', async () => {
		const result = await run({
			parameters: cloud,
			items: [
				{
					json: {
						headers: {},
						params: {},
						query: {
							'hub.mode': 'subscribe',
							'hub.verify_token': VERIFY_TOKEN,
							'hub.challenge': '1158201444',
						},
						body: {},
					},
				},
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.responses[0].statusCode).toBe(200);
		expect(Buffer.isBuffer(result.responses[0].body)).toBe(true);
		expect(String(result.responses[0].body)).toBe('1158201444');
	});

	it('refuses to run when the Webhook node does not pass the raw body on', async () => {
		const result = await run({
			parameters: cloud,
			webhook: { httpMethod: 'POST', responseMode: 'responseNode', options: {} },
			items: [received(JSON.parse(mixed), { headers: { 'x-hub-signature-256': sign(mixed) } })],
		});
		expect(result.responses).toHaveLength(0);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect((result.error as NodeOperationError).description).toMatch(/Raw Body/);
	});
});

describe('the Webhook node before it', () => {
	it('refuses to run after a Webhook node that answers by itself (the provider has its 200 already)', async () => {
		const result = await run({
			parameters: { provider: 'sinchLatam' },
			webhook: { httpMethod: 'POST', options: {} },
			items: [received(sinchBatch(sinchButtonReply('r-early-1')), { query: withSecret })],
		});
		expect(result.responses).toHaveLength(0);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect((result.error as Error).message).toMatch(
			/answers the provider before this router has checked the callback/,
		);
		expect((result.error as NodeOperationError).description).toMatch(
			/Using 'Respond to Webhook' Node/,
		);
	});

	it('says how to connect it when the item is not a request (a test run with data of its own)', async () => {
		const result = await run({
			parameters: { provider: 'sinchLatam' },
			webhook: null,
			mode: 'manual',
			items: [{ json: { to: '5511999990000' } }],
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect((result.error as Error).message).toMatch(/not a request received by n8n's Webhook node/);
	});

	it.each([
		['in a sub-workflow (whose JSON can name any workflow and node)', 'integrated', true],
		['in a webhook execution without a Webhook node before it', 'webhook', false],
	])(
		"refuses to run %s, so it cannot borrow another workflow's open waits",
		async (_what, mode, webhook) => {
			const result = await run({
				parameters: { provider: 'sinchLatam' },
				mode,
				...(webhook ? {} : { webhook: null }),
				items: [received(sinchBatch(sinchButtonReply('r-sub-1')), { query: withSecret })],
			});
			expect(result.responses).toHaveLength(0);
			expect((result.error as Error).message).toMatch(
				/only runs in executions that n8n's Webhook node starts/,
			);
		},
	);
});

describe('what the router leaves in the execution', () => {
	it("takes the webhook secret out of the Webhook node's item once it has checked it", async () => {
		const item = received(sinchBatch(sinchButtonReply('r-secret-1')), {
			query: { secret: SECRET, other: 'kept' },
		});
		const result = await run({ parameters: { provider: 'sinchLatam' }, items: [item] });
		expect(result.responses[0].statusCode).toBe(200);
		expect(item.json.query).toEqual({ other: 'kept' });
		expect(JSON.stringify(item.json)).not.toContain(SECRET);
	});

	it("takes Meta's verify token out of the verification request's item", async () => {
		const item: INodeExecutionData = {
			json: {
				headers: {},
				params: {},
				query: {
					'hub.mode': 'subscribe',
					'hub.verify_token': VERIFY_TOKEN,
					'hub.challenge': '42',
				},
				body: {},
			},
		};
		const result = await run({ parameters: { provider: 'whatsAppCloud' }, items: [item] });
		expect(String(result.responses[0].body)).toBe('42');
		expect(JSON.stringify(item.json)).not.toContain(VERIFY_TOKEN);
	});
});

describe("a hand-over through n8n's public webhook URL", () => {
	const reference = () =>
		encodeReference({
			executionId: '7',
			nodeId: '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95',
			waitId: 'abd',
			choice: 0,
			signature: 'b'.repeat(64),
		});

	it("n8n's words that the wait is over, without the waiting node's proof, are not final: the tap is acknowledged and kept on Button Reply", async () => {
		const result = await run({
			parameters: { provider: 'sinchLatam' },
			items: [
				received(sinchBatch(sinchButtonReply('r-tap-2', reference())), { query: withSecret }),
			],
			// What n8n (or anything at that URL) answers for an execution that does not exist.
			hopAnswer: async () => ({
				statusCode: 404,
				body: { code: 404, message: 'The execution "7" does not exist.' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(result.responses[0].statusCode).toBe(200);
		expect(only(result.responses[0])).toMatchObject({
			resumed: 0,
			notResumed: [{ reason: 'unconfirmed' }],
			delivered: 1,
		});
		expect(result.outputs![1]).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({
					event: 'buttonReply',
					reply: expect.objectContaining({ id: reference() }),
				}),
			}),
		]);
	});
});

describe('a signing provider', () => {
	it('answers a request without the raw bytes (a form post) 400, not as a misconfigured credential', async () => {
		const result = await run({
			parameters: { provider: 'whatsAppCloud' },
			items: [
				{
					json: {
						headers: { 'content-type': 'multipart/form-data; boundary=x' },
						params: {},
						query: {},
						body: { entry: 'x' },
					},
				},
			],
		});
		expect(result.responses[0].statusCode).toBe(400);
		expect(result.error).toBeInstanceOf(NodeOperationError);
	});
});
