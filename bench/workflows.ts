/**
 * The workflows the benchmarks import into a real n8n: sending (this node vs HTTP Request) and
 * receiving (this trigger vs Webhook → Split Out → Switch, and a bare Webhook).
 */
import { createHash } from 'crypto';

export const PKG = 'n8n-nodes-whatsapp-interactive';
export const MESSANGI_KEY = 'bench-messangi-key';
export const SINCH_USER = 'bench-user';
export const SINCH_TOKEN = 'bench-token';

export const CREDENTIAL_IDS = {
	messangi: 'benchCredMessangi',
	sinchLatam: 'benchCredSinch0',
} as const;
/** Credentials whose base URL is the rate-limited front of the mock provider. */
export const LIMITED_CREDENTIAL_IDS = {
	messangi: 'benchCredMsgLimit',
	sinchLatam: 'benchCredSinLimit',
} as const;

type Provider = 'messangi' | 'sinchLatam';
type Json = Record<string, unknown>;

/** A stable uuid-shaped id from a name (webhook ids must be unique per workflow node). */
export function uuidFor(name: string): string {
	const h = createHash('sha256').update(name).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Credentials for `n8n import:credentials` (data in clear: n8n encrypts it on import). */
export function credentials(mockUrl: string, limitedUrl?: string): Json[] {
	const limited = limitedUrl
		? [
				{
					id: LIMITED_CREDENTIAL_IDS.messangi,
					name: 'Bench Messangi (rate limited)',
					type: 'messangiApi',
					data: { apiKey: MESSANGI_KEY, baseUrl: `${limitedUrl}/messangi` },
				},
				{
					id: LIMITED_CREDENTIAL_IDS.sinchLatam,
					name: 'Bench Sinch (rate limited)',
					type: 'sinchLatamApi',
					data: {
						userName: SINCH_USER,
						authenticationToken: SINCH_TOKEN,
						baseUrl: `${limitedUrl}/sinch`,
					},
				},
			]
		: [];
	return [
		...limited,
		{
			id: CREDENTIAL_IDS.messangi,
			name: 'Bench Messangi',
			type: 'messangiApi',
			data: { apiKey: MESSANGI_KEY, baseUrl: `${mockUrl}/messangi` },
		},
		{
			id: CREDENTIAL_IDS.sinchLatam,
			name: 'Bench Sinch',
			type: 'sinchLatamApi',
			data: { userName: SINCH_USER, authenticationToken: SINCH_TOKEN, baseUrl: `${mockUrl}/sinch` },
		},
	];
}

function workflow(id: string, name: string, nodes: Json[], connections: Json): Json {
	return {
		id,
		name,
		nodes,
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

const connect = (...targets: string[][]) => ({
	main: targets.map((list) => list.map((node) => ({ node, type: 'main', index: 0 }))),
});

/** Manual Trigger → Code (n recipients). */
function source(n: number): Json[] {
	return [
		{
			id: uuidFor('manual'),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: uuidFor('code'),
			name: 'Recipients',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: {
				jsCode: `const out = [];\nfor (let i = 0; i < ${n}; i++) out.push({ json: { to: '+55 19 9' + String(10000000 + i), name: 'Customer ' + i, ref: 'campaign-42-' + i } });\nreturn out;`,
			},
		},
	];
}

/** The message every item sends: 3 reply buttons, the same for all recipients (a campaign). */
function messageParameters(provider: Provider): Json {
	const params: Json = {
		provider,
		operation: 'send',
		to: '={{ $json.to }}',
		defineMessage: 'fields',
		messageType: 'buttons',
		headerType: 'text',
		headerText: 'Appointment reminder',
		bodyText: 'Your appointment with Dr. Smith is on Friday at 3:00 PM. Will you come?',
		footerText: 'Clinic Central',
		buttons: {
			button: [
				{ id: 'confirm', title: 'Confirm' },
				{ id: 'reschedule', title: 'Reschedule' },
				{ id: 'cancel', title: 'Cancel' },
			],
		},
	};
	if (provider === 'messangi') params.from = '15550001111';
	return params;
}

export interface SendVariant {
	/** Workflow id (n8n ids: 16 alphanumerics are safe). */
	id: string;
	label: string;
	provider: Provider;
	/** The node whose run-data time is "the node's time". */
	sendNode: string;
	/** Other timed nodes (e.g. Build Payload before HTTP Request). */
	extraNodes?: string[];
	/** Sends to the rate-limited front of the mock provider. */
	limited?: boolean;
	workflow: Json;
}

/** WhatsApp Interactive, Send, with `options` (empty = the node's defaults). */
export function nodeSendWorkflow(
	id: string,
	label: string,
	provider: Provider,
	n: number,
	options: Json = {},
	limited = false,
): SendVariant {
	const ids = limited ? LIMITED_CREDENTIAL_IDS : CREDENTIAL_IDS;
	const options2: Json = { ...options };
	if (provider === 'sinchLatam')
		options2.correlationId = options2.correlationId ?? '={{ $json.ref }}';
	const nodes = [
		...source(n),
		{
			id: uuidFor(`${id}-send`),
			name: 'Send',
			type: `${PKG}.whatsAppInteractive`,
			typeVersion: 1,
			position: [400, 0],
			parameters: { ...messageParameters(provider), options: options2 },
			credentials: {
				[provider === 'messangi' ? 'messangiApi' : 'sinchLatamApi']: {
					id: ids[provider],
					name: `${provider === 'messangi' ? 'Bench Messangi' : 'Bench Sinch'}${limited ? ' (rate limited)' : ''}`,
				},
			},
		},
	];
	return {
		id,
		label,
		provider,
		limited,
		sendNode: 'Send',
		workflow: workflow(id, `bench ${label}`, nodes, {
			Start: connect(['Recipients']),
			Recipients: connect(['Send']),
		}),
	};
}

/**
 * WhatsApp Interactive, Build Payload (same message) → HTTP Request 4.2 POSTing each body as JSON
 * with the provider's auth headers. `batching`: the HTTP Request node's own Batching option.
 */
export function httpSendWorkflow(
	id: string,
	label: string,
	provider: Provider,
	n: number,
	mockUrl: string,
	batching?: { batchSize: number; batchInterval: number },
	limited = false,
): SendVariant {
	const headers =
		provider === 'messangi'
			? [{ name: 'Authorization', value: `Bearer ${MESSANGI_KEY}` }]
			: [
					{ name: 'UserName', value: SINCH_USER },
					{ name: 'AuthenticationToken', value: SINCH_TOKEN },
				];
	const url =
		provider === 'messangi'
			? `${mockUrl}/messangi/v3/messages`
			: `${mockUrl}/sinch/v1/whatsapp/send`;
	const buildOptions: Json = provider === 'sinchLatam' ? { correlationId: '={{ $json.ref }}' } : {};
	const nodes = [
		...source(n),
		{
			id: uuidFor(`${id}-build`),
			name: 'Build Payload',
			type: `${PKG}.whatsAppInteractive`,
			typeVersion: 1,
			position: [400, 0],
			parameters: {
				...messageParameters(provider),
				operation: 'buildPayload',
				options: buildOptions,
			},
		},
		{
			id: uuidFor(`${id}-http`),
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [600, 0],
			parameters: {
				method: 'POST',
				url,
				sendHeaders: true,
				headerParameters: { parameters: headers },
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json.body) }}',
				options: batching ? { batching: { batch: batching } } : {},
			},
		},
	];
	return {
		id,
		label,
		provider,
		sendNode: 'HTTP Request',
		extraNodes: ['Build Payload'],
		limited,
		workflow: workflow(id, `bench ${label}`, nodes, {
			Start: connect(['Recipients']),
			Recipients: connect(['Build Payload']),
			'Build Payload': connect(['HTTP Request']),
		}),
	};
}

// ---------------------------------------------------------------------------------------------
// Receiving

export interface TriggerVariant {
	id: string;
	label: string;
	/** Path under /webhook/. */
	path: string;
	/** Nodes that receive List Reply, Button Reply, Status items (in that order). */
	outputNodes: string[];
	/** Sent with every request (the Webhook node's Header Auth). */
	headers?: Record<string, string>;
	workflow: Json;
}

const noOp = (name: string, x: number, y: number): Json => ({
	id: uuidFor(`noop-${name}-${x}-${y}`),
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [x, y],
	parameters: {},
});

const OUT = ['List Replies', 'Button Replies', 'Statuses'];

/** The secret of the trigger at type version 3, whose Authentication starts on Webhook Secret. */
export const WEBHOOK_SECRET = 'bench-webhook-secret';
export const WEBHOOK_SECRET_CREDENTIAL: Json = {
	id: 'benchCredSecret1',
	name: 'Bench webhook secret',
	type: 'whatsAppInteractiveWebhookApi',
	data: { secret: WEBHOOK_SECRET, queryParameterName: 'secret', headerName: '', basicAuth: false },
};

/** n8n's own Header Auth credential for its Webhook node: the same secret, in a header. */
export const HEADER_AUTH_CREDENTIAL: Json = {
	id: 'benchCredHeader1',
	name: 'Bench Webhook header auth',
	type: 'httpHeaderAuth',
	data: { name: 'X-Webhook-Secret', value: WEBHOOK_SECRET },
};

/**
 * WhatsApp Interactive Trigger (Sinch LATAM, defaults) → three NoOps, at type version 1.1 unless
 * given. From type version 3 (what the editor gives a new node) it checks the webhook secret, which
 * the bench sends as `?secret=`, as Sinch's support would set it.
 */
export function triggerWorkflow(
	id: string,
	parameters: Json = {},
	typeVersion = 1.1,
): TriggerVariant {
	const webhookId = uuidFor(`${id}-trigger`);
	const secret = typeVersion >= 3;
	const nodes = [
		{
			id: uuidFor(`${id}-trigger-node`),
			name: 'Trigger',
			type: `${PKG}.whatsAppInteractiveTrigger`,
			typeVersion,
			position: [0, 0],
			webhookId,
			...(secret
				? {
						credentials: {
							whatsAppInteractiveWebhookApi: {
								id: WEBHOOK_SECRET_CREDENTIAL.id,
								name: WEBHOOK_SECRET_CREDENTIAL.name,
							},
						},
					}
				: {}),
			parameters: { provider: 'sinchLatam', ...parameters },
		},
		...OUT.map((name, i) => noOp(name, 300, i * 150)),
	];
	return {
		id,
		label:
			typeVersion === 1.1
				? 'WhatsApp Interactive Trigger'
				: `WhatsApp Interactive Trigger v${typeVersion}`,
		path: `${webhookId}/webhook${secret ? `?secret=${WEBHOOK_SECRET}` : ''}`,
		outputNodes: OUT,
		workflow: workflow(id, `bench trigger ${id}`, nodes, {
			Trigger: connect(...OUT.map((o) => [o])),
		}),
	};
}

function condition(id: string, leftValue: string, operator: Json, rightValue = ''): Json {
	return { id: uuidFor(id), leftValue, rightValue, operator };
}

function rule(key: string, cond: Json): Json {
	return {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions: [cond],
			combinator: 'and',
		},
		renameOutput: true,
		outputKey: key,
	};
}

/** n8n's Webhook node (POST) on `path`; `respondNode`: Respond "Using 'Respond to Webhook' Node". */
function webhookNode(id: string, path: string, respondNode = false, headerAuth = false): Json {
	return {
		id: uuidFor(`${id}-webhook`),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: uuidFor(`${id}-webhook-id`),
		parameters: {
			httpMethod: 'POST',
			path,
			...(headerAuth ? { authentication: 'headerAuth' } : {}),
			...(respondNode ? { responseMode: 'responseNode' } : {}),
			options: {},
		},
		...(headerAuth
			? {
					credentials: {
						httpHeaderAuth: { id: HEADER_AUTH_CREDENTIAL.id, name: HEADER_AUTH_CREDENTIAL.name },
					},
				}
			: {}),
	};
}

/** A Respond to Webhook node that answers with no body. */
function respondNode(id: string, name: string, x: number, y: number): Json {
	return {
		id: uuidFor(`${id}-respond`),
		name,
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion: 1.1,
		position: [x, y],
		parameters: { respondWith: 'noData', options: {} },
	};
}

/**
 * What a user builds without this package: Webhook (POST, respond immediately) → Split Out
 * `body.data` (a Sinch batch is one request with many events) → Switch with the same three
 * routes → three NoOps.
 */
export function webhookSwitchWorkflow(
	id: string,
	path: string,
	respondInExecution = false,
	headerAuth = false,
): TriggerVariant {
	const nodes = [
		webhookNode(id, path, respondInExecution, headerAuth),
		...(respondInExecution ? [respondNode(id, 'Respond', 100, 0)] : []),
		{
			id: uuidFor(`${id}-split`),
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fieldToSplitOut: 'body.data', options: {} },
		},
		{
			id: uuidFor(`${id}-switch`),
			name: 'Switch',
			type: 'n8n-nodes-base.switch',
			typeVersion: 3.2,
			position: [400, 0],
			parameters: {
				rules: {
					values: [
						rule(
							'List Reply',
							condition(
								`${id}-c1`,
								'={{ $json.message?.interactive?.type }}',
								{ type: 'string', operation: 'equals' },
								'LIST_REPLY',
							),
						),
						rule(
							'Button Reply',
							condition(
								`${id}-c2`,
								'={{ $json.message?.interactive?.type }}',
								{ type: 'string', operation: 'equals' },
								'BUTTON_REPLY',
							),
						),
						rule(
							'Status',
							condition(`${id}-c3`, '={{ $json.destination }}', {
								type: 'string',
								operation: 'exists',
								singleValue: true,
							}),
						),
					],
				},
				options: {},
			},
		},
		...OUT.map((name, i) => noOp(name, 650, i * 150)),
	];
	return {
		id,
		label: respondInExecution
			? 'Webhook → Respond to Webhook → Split Out → Switch'
			: headerAuth
				? 'Webhook (Header Auth) → Split Out → Switch'
				: 'Webhook → Split Out → Switch',
		path,
		...(headerAuth ? { headers: { 'X-Webhook-Secret': WEBHOOK_SECRET } } : {}),
		outputNodes: OUT,
		workflow: workflow(id, `bench webhook+switch ${id}`, nodes, {
			...(respondInExecution
				? { Webhook: connect(['Respond']), Respond: connect(['Split Out']) }
				: { Webhook: connect(['Split Out']) }),
			'Split Out': connect(['Switch']),
			Switch: connect(...OUT.map((o) => [o])),
		}),
	};
}

/**
 * n8n's Webhook node (POST, Respond: Using 'Respond to Webhook' Node) → WhatsApp Interactive Router
 * (Sinch LATAM, Webhook Secret, defaults) → the same three NoOps; the Respond to Webhook node n8n
 * asks for hangs off the last of them (the router has answered by then).
 */
export function routerWorkflow(id: string, path: string): TriggerVariant {
	const nodes = [
		webhookNode(id, path, true),
		{
			id: uuidFor(`${id}-router`),
			name: 'Router',
			type: `${PKG}.whatsAppInteractiveRouter`,
			typeVersion: 1,
			position: [200, 0],
			credentials: {
				whatsAppInteractiveWebhookApi: {
					id: WEBHOOK_SECRET_CREDENTIAL.id,
					name: WEBHOOK_SECRET_CREDENTIAL.name,
				},
			},
			parameters: { provider: 'sinchLatam' },
		},
		...OUT.map((name, i) => noOp(name, 450, i * 150)),
		respondNode(id, 'Respond to Webhook', 700, 300),
	];
	return {
		id,
		label: 'Webhook → WhatsApp Interactive Router',
		path: `${path}?secret=${WEBHOOK_SECRET}`,
		outputNodes: OUT,
		workflow: workflow(id, `bench webhook+router ${id}`, nodes, {
			Webhook: connect(['Router']),
			Router: connect(...OUT.map((o) => [o])),
			[OUT[2]]: connect(['Respond to Webhook']),
		}),
	};
}

/** A Webhook node alone (POST, respond immediately): n8n's floor for one request. */
export function bareWebhookWorkflow(id: string, path: string): TriggerVariant {
	const nodes = [webhookNode(id, path)];
	return {
		id,
		label: 'bare Webhook node',
		path,
		outputNodes: [],
		workflow: workflow(id, `bench bare webhook ${id}`, nodes, {}),
	};
}

// ---------------------------------------------------------------------------------------------
// Sinch callback batches

/**
 * A Sinch LATAM callback batch of `size` events (list replies, button replies and statuses in
 * turn), as a string template: `@@N@@` is replaced per request so every event is new (the
 * trigger drops events it has seen before, and a load test must not be measuring that).
 */
export function sinchBatchTemplate(size: number): string {
	const data: Json[] = [];
	for (let i = 0; i < size; i++) {
		const kind = i % 3;
		const id = `evt-@@N@@-${i}`;
		if (kind === 0) {
			data.push({
				id,
				source: '5519900001111',
				origin: '5519900002222',
				userProfile: { name: 'Alex', whatsAppId: '5519900001111' },
				campaignId: null,
				correlationId: `campaign-42-${i}`,
				receivedAt: 1754564400000,
				receivedDate: '2025-08-07T11:00:00Z',
				message: {
					type: 'INTERACTIVE',
					messageText: 'August 7, 11:00',
					interactive: {
						type: 'LIST_REPLY',
						listReply: { rowIdentifier: `slot-${i}`, rowTitle: 'August 7, 11:00' },
					},
				},
				session: { id: 'sess-1', createdAt: 1754564300000 },
			});
		} else if (kind === 1) {
			data.push({
				id,
				source: '5519900001111',
				origin: '5519900002222',
				userProfile: { name: 'Alex', whatsAppId: '5519900001111' },
				correlationId: `campaign-42-${i}`,
				receivedAt: 1754564400000,
				receivedDate: '2025-08-07T11:00:00Z',
				message: {
					type: 'INTERACTIVE',
					messageText: 'Confirm',
					interactive: {
						type: 'BUTTON_REPLY',
						buttonReply: { payload: 'confirm', title: 'Confirm' },
					},
				},
				session: { id: 'sess-1', createdAt: 1754564300000 },
			});
		} else {
			data.push({
				id,
				correlationId: `campaign-42-${i}`,
				destination: '5519900001111',
				origin: '5519900002222',
				sent: true,
				sentDate: '2025-08-07T11:00:00Z',
				sentAt: 1754564400000,
				sentStatusCode: 2,
				sentStatus: 'SENT_SUCCESS',
				delivered: true,
				deliveredDate: '2025-08-07T11:00:02Z',
				deliveredAt: 1754564402000,
				deliveredStatusCode: 4,
				deliveredStatus: 'DELIVERED_SUCCESS',
				read: false,
			});
		}
	}
	return JSON.stringify({
		total: size,
		data,
		clientInfo: { customerId: 1, subAccountId: 2, userId: 3 },
	});
}

/** How many events of each output a batch of `size` holds (list, button, status). */
export function expectedCounts(size: number): [number, number, number] {
	const counts: [number, number, number] = [0, 0, 0];
	for (let i = 0; i < size; i++) counts[i % 3]++;
	return counts;
}
