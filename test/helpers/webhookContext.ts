/**
 * A small stand-in for n8n's IWebhookFunctions: node parameters (filled with the description's
 * defaults the way n8n fills them), credentials, the request (parsed body, raw bytes, headers,
 * query), node static data, and an Express-like response that records what was sent.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeProperties,
	IWebhookFunctions,
} from 'n8n-workflow';
import type { IWebhookResponseData } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { createHash } from 'crypto';
import { EventEmitter } from 'events';

export interface WebhookContextOptions {
	/** Node properties whose defaults fill parameters not given (as n8n stores a node). */
	properties?: INodeProperties[];
	parameters?: IDataObject;
	/** What n8n parsed from the body. Objects and lists also become the raw bytes, unless `rawBody` is given. */
	body?: unknown;
	/** The bytes received; `null` for a request where n8n kept none. */
	rawBody?: string | Buffer | null;
	/**
	 * The bytes still in the request stream, as n8n leaves them for a webhook node at type version
	 * 1.1 when the content type is not JSON, text, form or XML: `rawBody` stays unset until the
	 * node calls the request's `readRawBody()`. An Error makes that call fail (an aborted stream).
	 */
	unreadBody?: string | Buffer | Error;
	headers?: Record<string, string | string[]>;
	query?: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The trigger's webhook id, as in the path n8n routed (`/webhook/<id>/webhook`). */
	webhookId?: string;
	/** The node's static data; pass the same object to two calls to model n8n persisting it between them. */
	staticData?: IDataObject;
	mode?: 'webhook' | 'manual';
	/** The webhook n8n called: 'default' (POST) unless given ('setup' is the verification GET). */
	webhookName?: string;
	workflowId?: string;
	nodeName?: string;
	/** The node's type version (1 unless given); it selects version-dependent defaults. */
	typeVersion?: number;
	/** n8n's `helpers.httpRequest` as the node gets it (absent unless given). */
	httpRequest?: (options: IDataObject) => Promise<unknown>;
}

/**
 * Records what the node sent, like an Express response, and emits 'finish' then 'close' once an
 * answer is written (`abort()`: 'close' alone, as when the caller hangs up first).
 */
export class MockResponse extends EventEmitter {
	statusCode: number | undefined;
	body: unknown;
	headers: Record<string, string> = {};
	headersSent = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	json(body: unknown): this {
		if (this.headersSent) throw new Error('The response was sent twice');
		this.body = body;
		this.headersSent = true;
		this.emit('finish');
		this.emit('close');
		return this;
	}

	send(body: unknown): this {
		return this.json(body);
	}

	end(): this {
		this.headersSent = true;
		this.emit('finish');
		this.emit('close');
		return this;
	}

	/** The caller hung up before any answer. */
	abort(): void {
		this.emit('close');
	}
}

/**
 * What n8n does with a webhook's result when the node did not answer itself: it sends
 * `webhookResponse` once the execution is stored (`status` 200), or an error when it could not
 * store it (`status` 500 and n8n's own message).
 */
export function answerAsN8n(
	response: MockResponse,
	result: IWebhookResponseData,
	status = 200,
): void {
	if (result.noWebhookResponse === true) return;
	if (status >= 200 && status < 300) {
		response.status(status).json(result.webhookResponse ?? { message: 'Workflow was started' });
	} else {
		response
			.status(status)
			.json({ code: status, message: 'There was a problem executing the workflow' });
	}
}

export interface MockWebhook {
	context: IWebhookFunctions;
	response: MockResponse;
	staticData: IDataObject;
	logger: { error: jest.Mock; warn: jest.Mock; info: jest.Mock; debug: jest.Mock };
	/** Parameters as the node sees them, defaults included. */
	parameters: IDataObject;
}

let workflowCounter = 0;

export function createWebhookContext(options: WebhookContextOptions = {}): MockWebhook {
	const node: INode = {
		id: 'trigger-node-1',
		name: options.nodeName ?? 'WhatsApp Interactive Trigger',
		type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		webhookId: options.webhookId ?? 'hook-1',
		parameters: (options.parameters ?? {}) as INodeParameters,
		// As n8n has them: the id of the credential chosen per type. Other data, another id, so a
		// credential the trigger kept (shared/trigger/credentialCache.ts) never serves another test.
		...(options.credentials
			? {
					credentials: Object.fromEntries(
						Object.entries(options.credentials).map(([type, data]) => [
							type,
							{
								id: createHash('sha256')
									.update(JSON.stringify([type, data]))
									.digest('hex'),
								name: type,
							},
						]),
					),
				}
			: {}),
	};
	const parameters = options.properties
		? ((NodeHelpers.getNodeParameters(
				options.properties,
				node.parameters,
				true,
				false,
				node,
				null,
			) ?? {}) as IDataObject)
		: { ...node.parameters };
	const staticData = options.staticData ?? {};
	const response = new MockResponse();
	const logger = { error: jest.fn(), warn: jest.fn(), info: jest.fn(), debug: jest.fn() };
	// A new workflow id per context unless given, so process memory never leaks between tests.
	const workflowId = options.workflowId ?? `workflow-${++workflowCounter}`;

	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(options.headers ?? {}))
		headers[name.toLowerCase()] = value;
	const rawBody =
		options.rawBody === null
			? undefined
			: (options.rawBody ??
				(typeof options.body === 'object' && options.body !== null
					? Buffer.from(JSON.stringify(options.body))
					: typeof options.body === 'string'
						? Buffer.from(options.body)
						: Buffer.alloc(0)));

	const request: Record<string, unknown> = {
		body: options.body,
		headers,
		query: options.query ?? {},
		rawBody,
		// Where n8n listens, as the connection that brought the callback says (taps are handed
		// to the waiting execution there), and the path n8n routed.
		socket: { localAddress: '127.0.0.1', localPort: 5678 },
		originalUrl: `/webhook/${options.webhookId ?? 'hook-1'}/webhook`,
	};
	if (options.unreadBody !== undefined) {
		const unread = options.unreadBody;
		request.rawBody = undefined;
		request.readRawBody = jest.fn(async () => {
			if (unread instanceof Error) throw unread;
			request.rawBody ??= Buffer.isBuffer(unread) ? unread : Buffer.from(unread);
		});
	}

	const context = {
		logger,
		getNode: () => node,
		getMode: () => options.mode ?? 'webhook',
		getWebhookName: () => options.webhookName ?? 'default',
		getWorkflow: () => ({ id: workflowId, name: 'Test workflow', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => {
			if (name in parameters) return parameters[name];
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		getCredentials: async (type: string) => {
			const credential = options.credentials?.[type];
			if (!credential) throw new Error('Node does not have any credentials set');
			return credential;
		},
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error(`Unexpected static data type ${type}`);
			return staticData;
		},
		getBodyData: () => options.body ?? {},
		getHeaderData: () => headers,
		getQueryData: () => options.query ?? {},
		getRequestObject: () => request,
		getResponseObject: () => response,
		helpers: options.httpRequest ? { httpRequest: options.httpRequest } : {},
	};
	return {
		context: context as unknown as IWebhookFunctions,
		response,
		staticData,
		logger,
		parameters,
	};
}

/**
 * Checks that a callback was answered exactly once — by the node itself, or, for a callback that
 * starts an execution, left to n8n with the node's summary — and plays n8n's part in the latter.
 */
export function expectAnsweredOnce(mock: MockWebhook, result: IWebhookResponseData): void {
	if (result.noWebhookResponse === true) {
		expect(mock.response.headersSent).toBe(true);
	} else {
		expect(mock.response.headersSent).toBe(false);
		expect(result.workflowData).toBeDefined();
		answerAsN8n(mock.response, result);
	}
}
