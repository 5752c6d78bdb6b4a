/**
 * End-to-end: one real n8n 2.35.6 with the packed package installed as n8n's Community Nodes
 * installer does it, the example workflows of examples/ (pointed at this test's n8n and mock
 * provider), two test-only workflows, and the mock provider in this process. Real HTTP throughout:
 * the action node posts to the mock; callbacks are posted to the triggers' production URLs; what
 * the workflows did is read back through n8n's public API (or the CLI's run output).
 */
import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import * as fs from 'fs';
import * as path from 'path';
import {
	EXPIRED_MEDIA_IDS,
	MOCK_MEDIA,
	startMockProvider,
	type MockProvider,
	type RecordedRequest,
} from '../mock-provider';
import { cloudMessages, conversationWorkflow, PHONE_NUMBER_ID } from './conversations';
import {
	BUSINESS,
	messangiButtonReply,
	messangiListReply,
	messangiStatus,
	sinchBatch,
	sinchButtonReply,
	sinchListReply,
	sinchStatus,
	sinchText,
	USER,
} from '../trigger/fixtures';
import {
	freePort,
	nodeOutputJson,
	startN8n,
	type N8nInstance,
	type OwnerAccount,
} from './harness/n8n';
import {
	EXAMPLE_11_EVERY_BRANCH,
	executionIds,
	newExecutions,
	nodesRun,
	outputsOf,
	postJson,
	readExample,
	readExampleCredentials,
	REPO_ROOT,
	retarget,
	triggerUrl,
	withExampleSecret,
	type Credential,
	type Workflow,
} from './support';

const OWNER: OwnerAccount = {
	email: 'owner@example.com',
	password: 'Passw0rd-e2e',
	firstName: 'End',
	lastName: 'ToEnd',
};
const ACTION = 'n8n-nodes-whatsapp-interactive.whatsAppInteractive';
const MESSANGI_CRED = { messangiApi: { id: 'waiMessangiMock', name: 'Messangi (local mock)' } };
const SINCH_CRED = { sinchLatamApi: { id: 'waiSinchMock', name: 'Sinch LATAM (local mock)' } };

const CLOUD_CRED = {
	whatsAppCloudApi: { id: 'waiCloudMock', name: 'WhatsApp Cloud API (local mock)' },
};
const CLOUD_WEBHOOK_CRED = {
	whatsAppCloudWebhookApi: { id: 'waiCloudWebhook', name: 'WhatsApp Cloud API webhook (e2e)' },
};
const CLOUD_APP_SECRET = '0123456789abcdef0123456789abcdef';
const CLOUD_VERIFY_TOKEN = 'e2e-verify-token-0123456789';
const cloudFixture = (name: string) =>
	fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'whatsAppCloud', name), 'utf8');

const seed = (name: string) =>
	JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'seeds', name), 'utf8'));

// ---------------------------------------------------------------------------------------------
// Test-only workflows: the message types the examples do not send, and Continue On Fail.

const manualTrigger = {
	id: '11111111-0000-4000-8000-000000000001',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

/** Messangi list (the seed's meal list) and Sinch reply buttons with a location header (docs/sending.md's example). */
const matrixWorkflow: Workflow = {
	id: 'waiE2eMatrix0001',
	name: 'e2e: Messangi list, Sinch reply buttons',
	nodes: [
		manualTrigger,
		{
			id: '11111111-0000-4000-8000-000000000002',
			name: 'Messangi list',
			type: ACTION,
			typeVersion: 1,
			position: [300, -100],
			credentials: MESSANGI_CRED,
			parameters: {
				provider: 'messangi',
				operation: 'send',
				to: '+1 (000) 000-002',
				from: '1000000001',
				messageType: 'list',
				headerType: 'text',
				headerText: 'Choose Your Meal Option',
				bodyText: 'What would you like for lunch today? Please select an option below.',
				footerText: "Foodie's Delight: Fresh meals, delivered fast.",
				listButtonText: 'Select Meal',
				rows: {
					row: [
						{
							section: "I'm Hungry!",
							id: 'first-option',
							title: 'Grilled Chicken Salad',
							description: 'Fresh greens with a grilled chicken breast (300 kcal)',
						},
						{
							section: "I'm Hungry!",
							id: 'second-option',
							title: 'Veggie Wrap',
							description: 'Tortilla stuffed with fresh veggies and hummus (250 kcal)',
						},
						{
							section: 'Light Bites',
							id: 'third-option',
							title: 'Fruit Bowl',
							description: 'A mix of seasonal fruits (150 kcal)',
						},
						{
							section: 'Light Bites',
							id: 'fourth-option',
							title: 'Greek Yogurt',
							description: 'Creamy yogurt with honey and granola (200 kcal)',
						},
					],
				},
			},
		},
		{
			id: '11111111-0000-4000-8000-000000000003',
			name: 'Sinch buttons',
			type: ACTION,
			typeVersion: 1,
			position: [300, 100],
			credentials: SINCH_CRED,
			parameters: {
				provider: 'sinchLatam',
				operation: 'send',
				to: '+55 (19) 90000-1111',
				messageType: 'buttons',
				headerType: 'location',
				headerLatitude: -22.89418,
				headerLongitude: -47.04796,
				headerLocationName: 'Wavy',
				headerLocationAddress: 'Av. Cel. Silva Telles',
				bodyText: 'Main message text',
				footerText: 'Footer text',
				buttons: {
					button: [
						{ id: 'callback_payload_1', title: 'Display Text 1' },
						{ id: 'callback_payload_2', title: 'Display Text 2' },
					],
				},
				options: { correlationId: 'MyCorrelationId', alternativeText: 'Simple message text' },
			},
		},
	],
	connections: {
		Start: {
			main: [
				[
					{ node: 'Messangi list', type: 'main', index: 0 },
					{ node: 'Sinch buttons', type: 'main', index: 0 },
				],
			],
		},
	},
	settings: { executionOrder: 'v1' },
};

/** Three recipients; the second is bad in a different way for each provider. */
const continueOnFailWorkflow: Workflow = {
	id: 'waiE2eContinue01',
	name: 'e2e: Continue On Fail',
	nodes: [
		manualTrigger,
		{
			id: '11111111-0000-4000-8000-000000000012',
			name: 'Recipients',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: {
				jsCode: [
					'return [',
					"  { name: 'Ana', phone: '+55 19 90000-1111', messangiTo: '+1000000002' },",
					"  { name: 'Bob', phone: 'call me maybe', messangiTo: '+1000000009' },",
					"  { name: 'Carla', phone: '+55 19 90000-3333', messangiTo: '+1000000003' },",
					'].map((json) => ({ json }));',
				].join('\n'),
			},
		},
		{
			id: '11111111-0000-4000-8000-000000000013',
			name: 'Sinch: one bad number',
			type: ACTION,
			typeVersion: 1,
			position: [450, -100],
			credentials: SINCH_CRED,
			onError: 'continueRegularOutput',
			parameters: {
				provider: 'sinchLatam',
				operation: 'send',
				to: '={{ $json.phone }}',
				messageType: 'buttons',
				bodyText: '=Hi {{ $json.name }}, see you on Friday?',
				buttons: {
					button: [
						{ id: 'yes', title: 'Yes' },
						{ id: 'no', title: 'No' },
					],
				},
				options: { correlationId: '={{ "invite-" + $json.name }}' },
			},
		},
		{
			id: '11111111-0000-4000-8000-000000000014',
			name: 'Messangi: one refused',
			type: ACTION,
			typeVersion: 1,
			position: [450, 100],
			credentials: MESSANGI_CRED,
			onError: 'continueRegularOutput',
			parameters: {
				provider: 'messangi',
				operation: 'send',
				to: '={{ $json.messangiTo }}',
				from: '1000000001',
				messageType: 'buttons',
				bodyText: '=Hi {{ $json.name }}, see you on Friday?',
				buttons: {
					button: [
						{ id: 'yes', title: 'Yes' },
						{ id: 'no', title: 'No' },
					],
				},
				// One request at a time, so the mock's scripted answers meet the items in order.
				options: { concurrency: 1 },
			},
		},
	],
	connections: {
		Start: { main: [[{ node: 'Recipients', type: 'main', index: 0 }]] },
		Recipients: {
			main: [
				[
					{ node: 'Sinch: one bad number', type: 'main', index: 0 },
					{ node: 'Messangi: one refused', type: 'main', index: 0 },
				],
			],
		},
	},
	settings: { executionOrder: 'v1' },
};

/** WhatsApp Cloud API: Meta's reply-button example sent from fields, and a trigger whose outputs go to three branches. */
const cloudSendWorkflow: Workflow = {
	id: 'waiE2eCloudSend1',
	name: 'e2e: WhatsApp Cloud API reply buttons',
	nodes: [
		manualTrigger,
		{
			id: '11111111-0000-4000-8000-0000000000c1',
			name: 'Cloud buttons',
			type: ACTION,
			typeVersion: 1,
			position: [300, 0],
			credentials: CLOUD_CRED,
			parameters: {
				provider: 'whatsAppCloud',
				operation: 'send',
				to: '+1 650 555 1234',
				from: '106540352242922',
				messageType: 'buttons',
				headerType: 'image',
				headerMediaUrl: 'https://www.luckyshrub.com/media/workshop-banner.png',
				bodyText:
					'Hi Pablo! Your gardening workshop is scheduled for 9am tomorrow. Use the buttons if you need to reschedule. Thank you!',
				footerText: 'Lucky Shrub: Your gateway to succulents!™',
				buttons: {
					button: [
						{ id: 'change-button', title: 'Change' },
						{ id: 'cancel-button', title: 'Cancel' },
					],
				},
			},
		},
	],
	connections: { Start: { main: [[{ node: 'Cloud buttons', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** The Cloud API's own message types: Meta's CTA URL example from fields, then a location request as JSON. */
const cloudKindsWorkflow: Workflow = {
	id: 'waiE2eCloudKinds1',
	name: 'e2e: WhatsApp Cloud API CTA URL and location request',
	nodes: [
		manualTrigger,
		{
			id: '11111111-0000-4000-8000-0000000000c7',
			name: 'CTA URL',
			type: ACTION,
			typeVersion: 1.1,
			position: [300, 0],
			credentials: CLOUD_CRED,
			parameters: {
				provider: 'whatsAppCloud',
				operation: 'send',
				to: '+1 650 555 1234',
				from: '106540352242922',
				messageType: 'ctaUrl',
				headerType: 'image',
				headerMediaUrl: 'https://www.luckyshrub.com/assets/lucky-shrub-banner-logo-v1.png',
				bodyText: 'Tap the button below to see available dates.',
				footerText: 'Dates subject to change.',
				ctaButtonText: 'See Dates',
				ctaButtonUrl:
					'https://www.luckyshrub.com?clickID=kqDGWd24Q5TRwoEQTICY7W1JKoXvaZOXWAS7h1P76s0R7Paec4',
			},
		},
		{
			id: '11111111-0000-4000-8000-0000000000c8',
			name: 'Location request',
			type: ACTION,
			typeVersion: 1.1,
			position: [520, 0],
			credentials: CLOUD_CRED,
			parameters: {
				provider: 'whatsAppCloud',
				operation: 'send',
				to: '={{ $json.to }}',
				from: '106540352242922',
				defineMessage: 'json',
				messageJson: JSON.stringify({
					type: 'locationRequest',
					body: "Let's start with your pickup. You can either manually *enter an address* or *share your current location*.",
				}),
			},
		},
		{
			id: '11111111-0000-4000-8000-0000000000c9',
			name: 'Flow',
			type: ACTION,
			typeVersion: 1.1,
			position: [740, 0],
			credentials: CLOUD_CRED,
			parameters: {
				provider: 'whatsAppCloud',
				operation: 'send',
				to: '+1 650 555 1234',
				from: '106540352242922',
				messageType: 'flow',
				headerType: 'text',
				headerText: 'Flow message header',
				bodyText: 'Flow message body',
				footerText: 'Flow message footer',
				flowIdentifier: 'name',
				flowName: 'appointment_booking_v1',
				flowCta: 'Book!',
			},
		},
		{
			id: '11111111-0000-4000-8000-0000000000ca',
			name: 'Carousel',
			type: ACTION,
			typeVersion: 1.1,
			position: [960, 0],
			credentials: CLOUD_CRED,
			parameters: {
				provider: 'whatsAppCloud',
				operation: 'send',
				to: '+1 650 555 1234',
				from: '106540352242922',
				messageType: 'carousel',
				bodyText: 'Of course! Here are three of our latest arrivals, each under $25:',
				carouselButtons: 'url',
				cards: {
					card: ['blue-echeveria', 'zebra-haworthia'].map((plant) => ({
						mediaUrl: `https://www.luckyshrub.com/assets/${plant}.jpeg`,
						body: `*${plant}*`,
						buttonText: 'Buy now',
						buttonUrl: `https://shop.luckyshrub.com/latest/${plant}`,
					})),
				},
			},
		},
		{
			id: '11111111-0000-4000-8000-0000000000cb',
			name: 'Catalog',
			type: ACTION,
			typeVersion: 1.1,
			position: [1180, 0],
			credentials: CLOUD_CRED,
			parameters: {
				provider: 'whatsAppCloud',
				operation: 'send',
				to: '+1 650 555 1234',
				from: '106540352242922',
				messageType: 'catalog',
				bodyText:
					'Hello! Thanks for your interest. Ordering is easy. Just visit our catalog and add items to purchase.',
				footerText: 'Best grocery deals on WhatsApp!',
				thumbnailProductRetailerId: '2lc20305pt',
			},
		},
	],
	connections: {
		Start: { main: [[{ node: 'CTA URL', type: 'main', index: 0 }]] },
		'CTA URL': { main: [[{ node: 'Location request', type: 'main', index: 0 }]] },
		'Location request': { main: [[{ node: 'Flow', type: 'main', index: 0 }]] },
		Flow: { main: [[{ node: 'Carousel', type: 'main', index: 0 }]] },
		Carousel: { main: [[{ node: 'Catalog', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const noOp = (id: string, name: string, y: number) => ({
	id,
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [300, y] as [number, number],
	parameters: {},
});

const cloudTriggerWorkflow: Workflow = {
	id: 'waiE2eCloudTrig1',
	name: 'e2e: WhatsApp Cloud API callbacks',
	nodes: [
		{
			id: '11111111-0000-4000-8000-0000000000c2',
			name: 'Cloud callbacks',
			type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '5f0c2b9e-4d7a-4c61-9b3e-2a8d6e1f0c77',
			credentials: CLOUD_WEBHOOK_CRED,
			parameters: { provider: 'whatsAppCloud' },
		},
		noOp('11111111-0000-4000-8000-0000000000c3', 'Cloud list', -150),
		noOp('11111111-0000-4000-8000-0000000000c4', 'Cloud button', 0),
		noOp('11111111-0000-4000-8000-0000000000c5', 'Cloud status', 150),
	],
	connections: {
		'Cloud callbacks': {
			main: [
				[{ node: 'Cloud list', type: 'main', index: 0 }],
				[{ node: 'Cloud button', type: 'main', index: 0 }],
				[{ node: 'Cloud status', type: 'main', index: 0 }],
			],
		},
	},
	settings: { executionOrder: 'v1' },
};

/**
 * The trigger at both type versions side by side (Sinch LATAM, no secret): saved workflows keep
 * version 1, new nodes get 1.1, and n8n reads request bodies differently for the two.
 */
const TRIGGER_VERSIONS = [1, 1.1] as const;
const versionsWorkflow: Workflow = {
	id: 'waiE2eVersions01',
	name: 'e2e: trigger type versions 1 and 1.1',
	nodes: TRIGGER_VERSIONS.flatMap((typeVersion, k) => [
		{
			id: `11111111-0000-4000-8000-0000000000d${k}`,
			name: `Callbacks v${typeVersion}`,
			type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
			typeVersion,
			position: [0, k * 300] as [number, number],
			webhookId: `7a1c9e40-2b6d-4f18-9c3a-5e0d8b7f1a2${k}`,
			parameters: { provider: 'sinchLatam' },
		},
		noOp(`11111111-0000-4000-8000-0000000000e${k}`, `Button v${typeVersion}`, k * 300),
	]),
	connections: Object.fromEntries(
		TRIGGER_VERSIONS.map((v) => [
			`Callbacks v${v}`,
			{ main: [[], [{ node: `Button v${v}`, type: 'main', index: 0 }], []] },
		]),
	),
	settings: { executionOrder: 'v1' },
};

/**
 * n8n's Webhook node (Respond: Using 'Respond to Webhook' Node) → WhatsApp Interactive Router, for
 * the Cloud API (GET and POST, Raw Body on) and for Sinch LATAM (Webhook Secret); a third Webhook
 * node that answers by itself, before the router (misconfigured on purpose).
 */
const ROUTER = 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveRouter';
const routerOutputs = (prefix: string, x: number, y: number) =>
	['list', 'button', 'status', 'message'].map((kind, k) => ({
		id: `11111111-0000-4000-8000-0000000001${prefix}${k}`,
		name: `${prefix === 'a' ? 'Cloud' : 'Sinch'} routed ${kind}`,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [x, y + k * 120] as [number, number],
		parameters: {},
	}));
const routerWorkflow: Workflow = {
	id: 'waiE2eRouter0001',
	name: "e2e: n8n's Webhook node and the WhatsApp Interactive Router",
	nodes: [
		{
			id: '11111111-0000-4000-8000-000000000101',
			name: 'Cloud webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '6a1f0c3e-2b4d-4e8f-9a7c-1d3b5f7e9a01',
			parameters: {
				multipleMethods: true,
				httpMethod: ['GET', 'POST'],
				path: 'e2e-cloud-router',
				responseMode: 'responseNode',
				options: { rawBody: true },
			},
		},
		{
			id: '11111111-0000-4000-8000-000000000102',
			name: 'Cloud router',
			type: ROUTER,
			typeVersion: 1,
			position: [250, 0],
			credentials: CLOUD_WEBHOOK_CRED,
			parameters: { provider: 'whatsAppCloud' },
		},
		...routerOutputs('a', 500, 0),
		{
			id: '11111111-0000-4000-8000-000000000103',
			name: 'Cloud respond',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [750, 120],
			parameters: { respondWith: 'noData', options: {} },
		},
		{
			id: '11111111-0000-4000-8000-000000000104',
			name: 'Sinch webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 600],
			webhookId: '6a1f0c3e-2b4d-4e8f-9a7c-1d3b5f7e9a02',
			parameters: {
				httpMethod: 'POST',
				path: 'e2e-sinch-router',
				responseMode: 'responseNode',
				options: {},
			},
		},
		{
			id: '11111111-0000-4000-8000-000000000105',
			name: 'Sinch router',
			type: ROUTER,
			typeVersion: 1,
			position: [250, 600],
			credentials: {
				whatsAppInteractiveWebhookApi: {
					id: 'waiWebhookSecret',
					name: 'Webhook secret (local example)',
				},
			},
			parameters: { provider: 'sinchLatam' },
		},
		...routerOutputs('b', 500, 600),
		{
			id: '11111111-0000-4000-8000-000000000106',
			name: 'Sinch respond',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [750, 720],
			parameters: { respondWith: 'noData', options: {} },
		},
		{
			id: '11111111-0000-4000-8000-000000000107',
			name: 'Early webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 1200],
			webhookId: '6a1f0c3e-2b4d-4e8f-9a7c-1d3b5f7e9a03',
			parameters: { httpMethod: 'POST', path: 'e2e-early-router', options: {} },
		},
		{
			id: '11111111-0000-4000-8000-000000000108',
			name: 'Router after an early answer',
			type: ROUTER,
			typeVersion: 1,
			position: [250, 1200],
			credentials: {
				whatsAppInteractiveWebhookApi: {
					id: 'waiWebhookSecret',
					name: 'Webhook secret (local example)',
				},
			},
			parameters: { provider: 'sinchLatam' },
		},
	],
	connections: {
		'Cloud webhook': {
			main: [
				[{ node: 'Cloud router', type: 'main', index: 0 }],
				[{ node: 'Cloud router', type: 'main', index: 0 }],
			],
		},
		'Cloud router': {
			main: ['list', 'button', 'status', 'message'].map((kind) => [
				{ node: `Cloud routed ${kind}`, type: 'main', index: 0 },
			]),
		},
		'Cloud routed status': { main: [[{ node: 'Cloud respond', type: 'main', index: 0 }]] },
		'Sinch webhook': { main: [[{ node: 'Sinch router', type: 'main', index: 0 }]] },
		'Sinch router': {
			main: ['list', 'button', 'status', 'message'].map((kind) => [
				{ node: `Sinch routed ${kind}`, type: 'main', index: 0 },
			]),
		},
		'Sinch routed status': { main: [[{ node: 'Sinch respond', type: 'main', index: 0 }]] },
		'Early webhook': {
			main: [[{ node: 'Router after an early answer', type: 'main', index: 0 }]],
		},
	},
	settings: { executionOrder: 'v1' },
};

const cloudCredentials = (): Credential[] => [
	// "WhatsApp Cloud API (local mock)" (waiCloudMock) comes with the examples' credentials.
	{
		...CLOUD_WEBHOOK_CRED.whatsAppCloudWebhookApi,
		type: 'whatsAppCloudWebhookApi',
		data: { appSecret: CLOUD_APP_SECRET, verifyToken: CLOUD_VERIFY_TOKEN },
	},
];

// ---------------------------------------------------------------------------------------------

let mock: MockProvider;
let n8n: N8nInstance;
let credentials: Credential[];
const ex: Record<'01' | '02' | '03' | '04' | '06' | '11', Workflow> = {} as never;
const timings: string[] = [];

const sent = (provider: 'messangi' | 'sinchLatam' | 'whatsAppCloud'): RecordedRequest[] =>
	mock.requests.filter((r) => r.provider === provider);
const secretOf = () => String(credentials.find((c) => c.id === 'waiWebhookSecret')!.data.secret);

beforeAll(async () => {
	const tarball = process.env.WAI_E2E_TARBALL;
	if (!tarball)
		throw new Error(
			'WAI_E2E_TARBALL is not set: run with jest -c jest.e2e.config.js (its globalSetup packs the package)',
		);
	mock = await startMockProvider({ port: 0 });
	const t0 = Date.now();
	// The examples address n8n at the port `npm run dev` uses; this n8n gets a free port, chosen
	// before the workflows are imported so that the example's callback URL can point at it.
	const port = await freePort();
	const target = { n8nUrl: `http://127.0.0.1:${port}`, mockUrl: mock.url };
	credentials = [...retarget(readExampleCredentials(), target), ...cloudCredentials()];
	ex['01'] = retarget(readExample('01-messangi-appointment-buttons.json'), target);
	ex['02'] = retarget(readExample('02-sinch-list-from-items.json'), target);
	ex['03'] = retarget(readExample('03-trigger-routing.json'), target);
	ex['04'] = retarget(readExample('04-round-trip.json'), target);
	ex['06'] = retarget(readExample('06-cloud-buttons-routing.json'), target);
	ex['11'] = retarget(readExample('11-sinch-router-busy-number.json'), target);
	const workflows = [
		ex['01'],
		ex['02'],
		ex['03'],
		ex['04'],
		ex['06'],
		ex['11'],
		matrixWorkflow,
		continueOnFailWorkflow,
		cloudSendWorkflow,
		cloudKindsWorkflow,
		cloudTriggerWorkflow,
		versionsWorkflow,
		conversationWorkflow,
		routerWorkflow,
	];
	const activate = [
		conversationWorkflow.id,
		ex['03'].id,
		ex['04'].id,
		ex['06'].id,
		ex['11'].id,
		cloudTriggerWorkflow.id,
		versionsWorkflow.id,
		routerWorkflow.id,
	];
	n8n = await startN8n({ tarball, port, credentials, workflows, activate, createOwner: OWNER });
	timings.push(
		`n8n: prepared (install, import ${credentials.length} credentials and ${workflows.length} workflows, publish ${activate.length}) in ${(n8n.prepareMs / 1000).toFixed(1)} s; ` +
			`readiness after ${(n8n.readinessMs / 1000).toFixed(1)} s; started after ${(n8n.readyMs / 1000).toFixed(1)} s; total ${((Date.now() - t0) / 1000).toFixed(1)} s`,
	);
}, 300000);

afterAll(async () => {
	if (n8n) await n8n.stop();
	if (mock) await mock.close();
	if (timings.length) process.stderr.write(`\n[e2e] ${timings.join('\n[e2e] ')}\n`);
}, 60000);

beforeEach(() => mock.reset());

async function runManual(id: string) {
	const t0 = Date.now();
	const result = await n8n.runManually(id);
	timings.push(`manual run of ${id}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return result;
}

function expectMessangiHeaders(r: RecordedRequest) {
	expect(r.method).toBe('POST');
	expect(r.path).toBe('/messangi/v3/messages');
	expect(r.headers.authorization).toBe('Bearer test-messangi-key');
	expect(r.headers['content-type']).toMatch(/^application\/json\b/);
	expect(r.headers.username).toBeUndefined();
	expect(r.headers.authenticationtoken).toBeUndefined();
	expect(r.shapeErrors).toEqual([]);
}

function expectSinchHeaders(r: RecordedRequest) {
	expect(r.method).toBe('POST');
	expect(r.path).toBe('/sinch/v1/whatsapp/send');
	expect(r.headers.username).toBe('test-user');
	expect(r.headers.authenticationtoken).toBe('test-token');
	expect(r.headers['content-type']).toMatch(/^application\/json\b/);
	expect(r.headers.authorization).toBeUndefined();
	expect(r.shapeErrors).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

describe('the package in n8n', () => {
	test('its nodes are loaded, the examples imported, the example triggers active', async () => {
		const list = await n8n.publicApi<{
			data: Array<{ id: string; active: boolean; nodes: Array<{ type: string }> }>;
		}>('GET', '/workflows?limit=100');
		const byId = new Map(list.data.map((w) => [w.id, w]));
		for (const wf of Object.values(ex)) expect(byId.has(wf.id)).toBe(true);
		expect(byId.get(ex['03'].id)!.active).toBe(true);
		expect(byId.get(ex['04'].id)!.active).toBe(true);
		expect(byId.get(ex['06'].id)!.active).toBe(true);
		const log = fs.readFileSync(n8n.logFile, 'utf8');
		expect(log).not.toMatch(/Unrecognized (node|credential) type/i);
		expect(
			log.split('\n').filter((l) => /whatsapp/i.test(l) && /error|fail|warn/i.test(l)),
		).toEqual([]);
		// What the editor loads: the package's node and credential types are among n8n's.
		const types = async (file: string) => {
			const res = await fetch(`${n8n.baseUrl}/types/${file}`, { headers: { cookie: n8n.cookie! } });
			expect(res.status).toBe(200);
			return ((await res.json()) as Array<{ name: string }>).map((t) => t.name);
		};
		expect(await types('nodes.json')).toEqual(
			expect.arrayContaining([
				'n8n-nodes-whatsapp-interactive.whatsAppInteractive',
				'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
			]),
		);
		expect(await types('credentials.json')).toEqual(
			expect.arrayContaining([
				'messangiApi',
				'sinchLatamApi',
				'whatsAppInteractiveWebhookApi',
				'whatsAppCloudApi',
				'whatsAppCloudWebhookApi',
			]),
		);
	});
});

describe('sending: each provider, each message type, through the mock provider', () => {
	test('example 01, Messangi reply buttons: exact body and headers; the output carries the transactionId', async () => {
		mock.enqueueFor('messangi', {
			status: 200,
			body: {
				meta: {
					timestamp: 1642531254980,
					transactionId: 'e2e-tx-01',
					explain: 'Send Notification',
				},
			},
		});
		const { code, run } = await runManual(ex['01'].id);
		expect(run!.data.resultData.error).toBeUndefined();
		expect(code).toBe(0);

		const expected = seed('messangi-buttons.json');
		delete expected.request.message; // the seed's template text; the example sets no Template Message
		expected.callbacks = [
			`${n8n.baseUrl}/webhook/${ex['03'].nodes.find((n) => n.name === 'Messangi callbacks')!.webhookId}/webhook?secret=${secretOf()}`,
		];
		const requests = sent('messangi');
		expect(requests).toHaveLength(1);
		expectMessangiHeaders(requests[0]);
		expect(requests[0].body).toStrictEqual(expected);

		expect(nodeOutputJson(run, 'Send appointment reminder')).toStrictEqual([
			{
				provider: 'messangi',
				status: 'accepted',
				to: '+1000000002',
				messageId: 'e2e-tx-01',
				transactionId: 'e2e-tx-01',
				correlationId: '123456789abcde',
			},
		]);
	});

	test("example 02, Sinch list from the previous node's items (JSON mode): one request, exact body; batch and message ids out", async () => {
		mock.enqueueFor('sinchLatam', {
			status: 200,
			body: {
				id: 'e2e-batch-02',
				destinations: [
					{ id: 'e2e-dest-02', correlationId: 'slots-week-32', destination: '5519900001111' },
				],
			},
		});
		const { code, run } = await runManual(ex['02'].id);
		if (process.env.N8N_TEST_HOST === '1.x') {
			// Known gap on n8n 1.123.81 (docs/compatibility.md): the Message (JSON) expression that reads
			// the Slots items comes to the node as nothing (a constant expression arrives whole), so the
			// node stops with its "empty" error and sends nothing. Pinned here so that a change shows.
			expect(String(run!.data.resultData.error?.message)).toMatch(/^Message \(JSON\) is empty: /);
			expect(sent('sinchLatam')).toHaveLength(0);
			return;
		}
		expect(run!.data.resultData.error).toBeUndefined();
		expect(code).toBe(0);
		expect(nodeOutputJson(run, 'Slots')).toHaveLength(4);

		const rows = seed('sinch-list.json').message.interactive.listAction.sections[0].rows;
		const requests = sent('sinchLatam');
		expect(requests).toHaveLength(1); // Execute Once: one list for four slot items
		expectSinchHeaders(requests[0]);
		expect(requests[0].body).toStrictEqual({
			destinations: [{ correlationId: 'slots-week-32', destination: '5519900001111' }],
			message: {
				interactive: {
					messageInteractiveType: 'LIST',
					header: { text: 'Pick a time' },
					body: { text: 'These slots are free this week.' },
					footer: { text: 'Reply by choosing one' },
					listAction: { button: 'See times', sections: [{ rows }] },
					alternativeText:
						'Reply with the time that suits you: Aug 7 11:00, Aug 7 15:00, Aug 9 11:00 or Aug 9 15:00.',
				},
			},
		});
		expect(nodeOutputJson(run, 'Send list of slots')).toStrictEqual([
			{
				provider: 'sinchLatam',
				status: 'accepted',
				to: '+5519900001111',
				messageId: 'e2e-dest-02',
				batchId: 'e2e-batch-02',
				correlationId: 'slots-week-32',
			},
		]);
	});

	test('Messangi list and Sinch reply buttons with a location header (fields mode): the seed and README bodies exactly', async () => {
		mock.enqueueFor('messangi', {
			status: 200,
			body: { meta: { timestamp: 1, transactionId: 'e2e-tx-list', explain: 'Send Notification' } },
		});
		mock.enqueueFor('sinchLatam', {
			status: 200,
			body: {
				id: 'e2e-batch-btn',
				destinations: [
					{ id: 'e2e-dest-btn', correlationId: 'MyCorrelationId', destination: '5519900001111' },
				],
			},
		});
		const { code, run } = await runManual(matrixWorkflow.id);
		expect(run!.data.resultData.error).toBeUndefined();
		expect(code).toBe(0);

		const [messangi] = sent('messangi');
		expect(sent('messangi')).toHaveLength(1);
		expectMessangiHeaders(messangi);
		expect(messangi.body).toStrictEqual(seed('messangi-list.json'));

		const [sinch] = sent('sinchLatam');
		expect(sent('sinchLatam')).toHaveLength(1);
		expectSinchHeaders(sinch);
		// The "Sinch LATAM reply buttons" example of docs/sending.md, verbatim.
		expect(sinch.rawBody).toBe(
			'{"destinations":[{"correlationId":"MyCorrelationId","destination":"5519900001111"}],"message":{"interactive":{"messageInteractiveType":"REPLY_BUTTON","header":{"location":{"geoPoint":"-22.894180,-47.047960","name":"Wavy","address":"Av. Cel. Silva Telles"}},"body":{"text":"Main message text"},"footer":{"text":"Footer text"},"replyButtonAction":{"buttons":[{"reply":{"title":"Display Text 1","payload":"callback_payload_1"}},{"reply":{"title":"Display Text 2","payload":"callback_payload_2"}}]},"alternativeText":"Simple message text"}}}',
		);

		expect(nodeOutputJson(run, 'Messangi list')).toStrictEqual([
			{
				provider: 'messangi',
				status: 'accepted',
				to: '+1000000002',
				messageId: 'e2e-tx-list',
				transactionId: 'e2e-tx-list',
				correlationId: null,
			},
		]);
		expect(nodeOutputJson(run, 'Sinch buttons')).toStrictEqual([
			{
				provider: 'sinchLatam',
				status: 'accepted',
				to: '+5519900001111',
				messageId: 'e2e-dest-btn',
				batchId: 'e2e-batch-btn',
				correlationId: 'MyCorrelationId',
			},
		]);
	});
});

describe('Continue On Fail: one bad item among good ones', () => {
	test('good items are sent, the bad one becomes an error item, in input order', async () => {
		mock.enqueueFor(
			'messangi',
			{ status: 200 },
			{ status: 400, body: { message: 'Recipient +1000000009 is not a WhatsApp user' } },
			{ status: 200 },
		);
		const { code, run } = await runManual(continueOnFailWorkflow.id);
		expect(run!.data.resultData.error).toBeUndefined();
		expect(code).toBe(0);

		// Sinch: the bad number is caught before anything is sent; the two others are sent.
		const sinch = sent('sinchLatam');
		expect(sinch).toHaveLength(2);
		sinch.forEach(expectSinchHeaders);
		expect(
			sinch
				.map((r) => (r.body as { destinations: unknown[] }).destinations)
				.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
		).toEqual([
			[{ correlationId: 'invite-Ana', destination: '5519900001111' }],
			[{ correlationId: 'invite-Carla', destination: '5519900003333' }],
		]);
		const sinchOut = nodeOutputJson(run, 'Sinch: one bad number')!;
		expect(sinchOut).toHaveLength(3);
		expect(sinchOut[0]).toMatchObject({
			provider: 'sinchLatam',
			status: 'accepted',
			to: '+5519900001111',
			correlationId: 'invite-Ana',
			messageId: expect.any(String),
			batchId: expect.any(String),
		});
		expect(sinchOut[1]).toEqual({
			error: expect.stringMatching(
				/^Recipient \(To\) "call me maybe" contains characters that are not digits.*\[item 1\]$/,
			),
			// One problem: the message says it all (field, value, fix), and no details repeat it.
			details: {},
		});
		expect(sinchOut[2]).toMatchObject({
			provider: 'sinchLatam',
			status: 'accepted',
			to: '+5519900003333',
			correlationId: 'invite-Carla',
			messageId: expect.any(String),
		});

		// Messangi: all three are valid and sent; the provider refuses the second.
		const messangi = sent('messangi');
		expect(messangi).toHaveLength(3);
		messangi.forEach(expectMessangiHeaders);
		expect(messangi.map((r) => (r.body as { request: { to: string } }).request.to)).toEqual([
			'+1000000002',
			'+1000000009',
			'+1000000003',
		]);
		const messangiOut = nodeOutputJson(run, 'Messangi: one refused')!;
		expect(messangiOut).toHaveLength(3);
		expect(messangiOut[0]).toMatchObject({
			provider: 'messangi',
			status: 'accepted',
			to: '+1000000002',
			messageId: expect.any(String),
		});
		// n8n itself reduces the json of an item that carries an error to { error: message } (WorkflowExecute).
		expect(messangiOut[1]).toEqual({
			error: 'Messangi answered HTTP 400: Recipient +1000000009 is not a WhatsApp user',
			details: {
				httpCode: '400',
				description: expect.stringContaining('Messangi rejected the request'),
			},
		});
		expect(messangiOut[2]).toMatchObject({
			provider: 'messangi',
			status: 'accepted',
			to: '+1000000003',
			messageId: expect.any(String),
		});
	});
});

describe('credential tests (POST /rest/credentials/test, as the editor does)', () => {
	const test_ = async (id: string, data: Record<string, unknown>) => {
		const stored = credentials.find((c) => c.id === id)!;
		return n8n.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id, name: stored.name, type: stored.type, data: { ...stored.data, ...data } },
		});
	};

	test('Messangi: good key passes; a wrong key or Base URL fails', async () => {
		expect(await test_('waiMessangiMock', {})).toMatchObject({ status: 'OK' });
		expect(sent('messangi').at(-1)!.headers.authorization).toBe('Bearer test-messangi-key');
		const badKey = await test_('waiMessangiMock', { apiKey: 'not-the-key' });
		expect(badKey.status).toBe('Error');
		expect(badKey.message).toMatch(/401/);
		const badUrl = await test_('waiMessangiMock', { baseUrl: `${mock.url}/nowhere` });
		expect(badUrl.status).toBe('Error');
		expect(badUrl.message).toMatch(/404/);
	});

	test('Sinch LATAM: good user and token pass; a wrong token or Base URL fails', async () => {
		expect(await test_('waiSinchMock', {})).toMatchObject({ status: 'OK' });
		expect(sent('sinchLatam').at(-1)!.headers).toMatchObject({
			username: 'test-user',
			authenticationtoken: 'test-token',
		});
		const badToken = await test_('waiSinchMock', { authenticationToken: 'not-the-token' });
		expect(badToken.status).toBe('Error');
		expect(badToken.message).toMatch(/401/);
		const badUrl = await test_('waiSinchMock', { baseUrl: `${mock.url}/nowhere` });
		expect(badUrl.status).toBe('Error');
		expect(badUrl.message).toMatch(/404/);
	});

	test('WhatsApp Cloud API: a good token passes (a GET of the phone numbers); a wrong one fails', async () => {
		expect(await test_('waiCloudMock', {})).toMatchObject({ status: 'OK' });
		expect(sent('whatsAppCloud').at(-1)!).toMatchObject({
			method: 'GET',
			path: '/cloud/v24.0/102290129340398/phone_numbers',
		});
		expect(sent('whatsAppCloud').at(-1)!.headers.authorization).toBe('Bearer test-cloud-token');
		const bad = await test_('waiCloudMock', { accessToken: 'wrong' });
		expect(bad).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('Meta refused the access token'),
		});
		expect(await test_('waiCloudWebhook', {})).toMatchObject({ status: 'OK' });
		expect(await test_('waiCloudWebhook', { verifyToken: 'short' })).toMatchObject({
			status: 'Error',
		});
	});

	test('webhook secret: the example secret passes; a short one fails', async () => {
		expect(await test_('waiWebhookSecret', {})).toMatchObject({ status: 'OK' });
		expect(await test_('waiWebhookSecret', { secret: 'short' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/at least 16/),
		});
	});
});

describe('example 03: callbacks routed to List Reply, Button Reply and Status', () => {
	const sinchUrl = () =>
		`${triggerUrl(n8n, ex['03'], 'Sinch LATAM callbacks')}?secret=${encodeURIComponent(secretOf())}`;
	const messangiUrl = () => triggerUrl(n8n, ex['03'], 'Messangi callbacks');

	test('a mixed Sinch batch of two customers and a status: one execution per customer and one for the status, each event on its output (trigger version 3)', async () => {
		const before = await executionIds(n8n, ex['03'].id);
		const OTHER_CUSTOMER = '5511988887777';
		const batch = sinchBatch(
			sinchListReply('e2e-mixed-list', 'row-42'),
			sinchStatus('e2e-mixed-status', ['sent', 'delivered']),
			sinchButtonReply('e2e-mixed-button', 'change_appointment'),
			{
				...sinchText('e2e-mixed-text', 'Is there parking?'),
				source: OTHER_CUSTOMER,
				userProfile: { name: 'Bia', whatsAppId: OTHER_CUSTOMER },
			},
		);
		const answer = await postJson(sinchUrl(), batch);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			received: 4,
			delivered: 4,
			duplicates: 0,
			ignored: 0,
			unrecognised: 0,
			executions: 3,
		});

		const execs = await newExecutions(n8n, ex['03'].id, before, 3);
		expect(execs).toHaveLength(3);
		expect(execs.map((e) => e.status)).toEqual(['success', 'success', 'success']);
		const byRun = (name: string) => execs.find((e) => nodesRun(e).includes(name))!;
		// The first customer's list and button replies together, through their branches.
		const exec = byRun('List reply');
		expect(nodesRun(exec)).toEqual(['Button reply', 'List reply', 'Sinch LATAM callbacks']);
		// The other customer's text on the Message output, alone, through its branch.
		const text = byRun('Log message');
		expect(nodesRun(text)).toEqual(['Log message', 'Sinch LATAM callbacks']);
		expect(outputsOf(text, 'Log message')![0]).toEqual([
			{
				line: `2021-08-07T14:00:00.000Z sinchLatam text from ${OTHER_CUSTOMER}: Is there parking?`,
				type: 'text',
				from: OTHER_CUSTOMER,
			},
		]);
		const textOutputs = outputsOf(text, 'Sinch LATAM callbacks')!;
		expect(textOutputs.map((items) => items.length)).toEqual([0, 0, 0, 1]);
		expect(textOutputs[3]).toEqual([
			expect.objectContaining({
				event: 'message',
				messageId: 'e2e-mixed-text',
				from: OTHER_CUSTOMER,
				text: 'Is there parking?',
			}),
		]);
		// The status in an execution of its own.
		const statusExec = byRun('Log status');
		expect(nodesRun(statusExec)).toEqual(['Log status', 'Sinch LATAM callbacks']);
		const [, , statuses] = outputsOf(statusExec, 'Sinch LATAM callbacks')!;
		const [lists, buttons] = outputsOf(exec, 'Sinch LATAM callbacks')!;
		expect(lists).toEqual([
			expect.objectContaining({
				event: 'listReply',
				provider: 'sinchLatam',
				messageId: 'e2e-mixed-list',
				reply: expect.objectContaining({ id: 'row-42' }),
			}),
		]);
		expect(buttons).toEqual([
			expect.objectContaining({
				event: 'buttonReply',
				messageId: 'e2e-mixed-button',
				from: USER,
				to: BUSINESS,
				contactName: 'Ana Souza',
				reply: expect.objectContaining({ id: 'change_appointment', title: 'Change' }),
			}),
		]);
		expect(statuses).toEqual([
			expect.objectContaining({
				event: 'status',
				messageId: 'e2e-mixed-status',
				correlationId: 'order-42',
				status: expect.objectContaining({
					state: 'delivered',
					providerStatus: 'DELIVERED_SUCCESS',
					code: 4,
				}),
			}),
		]);
		expect(outputsOf(exec, 'List reply')![0]).toEqual([
			{ provider: 'sinchLatam', from: USER, rowId: 'row-42', rowTitle: 'August 7, 11:00' },
		]);
		expect(outputsOf(exec, 'Button reply')![0]).toEqual([
			{ provider: 'sinchLatam', from: USER, buttonId: 'change_appointment', buttonTitle: 'Change' },
		]);
		expect(outputsOf(statusExec, 'Log status')![0]).toEqual([
			{
				line: '2021-08-07T14:00:02.000Z sinchLatam message e2e-mixed-status delivered (DELIVERED_SUCCESS)',
				messageId: 'e2e-mixed-status',
				correlationId: 'order-42',
				state: 'delivered',
			},
		]);
	});

	test('Messangi-style callbacks (secret in a header, in Basic auth, in the query): one execution each, right branch each', async () => {
		const before = await executionIds(n8n, ex['03'].id);
		const secret = secretOf();
		const button = { ...messangiButtonReply('snake'), id: 'wamid.e2e-button' };
		const list = { ...messangiListReply('camel'), messageId: 'wamid.e2e-list' };
		const status = messangiStatus('DELIVERED', { messageId: 'msg-e2e-status' });
		const answers = [
			await postJson(messangiUrl(), button, { 'X-Webhook-Secret': secret }),
			await postJson(messangiUrl(), list, {
				Authorization: `Basic ${Buffer.from(`messangi:${secret}`).toString('base64')}`,
			}),
			await postJson(`${messangiUrl()}?secret=${encodeURIComponent(secret)}`, status),
		];
		expect(answers.map((a) => [a.status, (a.body as { delivered?: number }).delivered])).toEqual([
			[200, 1],
			[200, 1],
			[200, 1],
		]);

		const execs = await newExecutions(n8n, ex['03'].id, before, 3);
		expect(execs).toHaveLength(3);
		const branchOf = (exec: (typeof execs)[number]) =>
			nodesRun(exec).filter((n) => n !== 'Messangi callbacks');
		const byBranch = new Map(execs.map((e) => [branchOf(e).join(','), e]));
		expect([...byBranch.keys()].sort()).toEqual(['Button reply', 'List reply', 'Log status']);
		for (const e of execs) expect(e.status).toBe('success');

		expect(outputsOf(byBranch.get('Button reply')!, 'Button reply')![0]).toEqual([
			{ provider: 'messangi', from: '+1000000002', buttonId: '0', buttonTitle: 'Change' },
		]);
		expect(outputsOf(byBranch.get('List reply')!, 'List reply')![0]).toEqual([
			{ provider: 'messangi', from: '+1000000002', rowId: 'r1', rowTitle: 'Fruit Bowl' },
		]);
		const [log] = outputsOf(byBranch.get('Log status')!, 'Log status')![0];
		expect(log).toMatchObject({
			messageId: 'msg-e2e-status',
			state: 'delivered',
			correlationId: '123456789abcde',
		});
	});

	test('a wrong or missing secret gets 401 and starts no execution', async () => {
		const before = await executionIds(n8n, ex['03'].id);
		const batch = sinchBatch(sinchButtonReply('e2e-unauthorised', 'x'));
		const base = triggerUrl(n8n, ex['03'], 'Sinch LATAM callbacks');
		const refused = [
			await postJson(base, batch),
			await postJson(`${base}?secret=wrong-secret-wrong-secret`, batch),
			await postJson(base, batch, { 'X-Webhook-Secret': 'wrong-secret-wrong-secret' }),
			await postJson(
				messangiUrl(),
				messangiStatus('DELIVERED', { messageId: 'msg-e2e-unauthorised' }),
				{
					Authorization: `Basic ${Buffer.from('any:wrong-secret-wrong-secret').toString('base64')}`,
				},
			),
		];
		expect(refused.map((a) => a.status)).toEqual([401, 401, 401, 401]);
		// A good callback afterwards: once it has run, anything the refused ones had started would be listed too.
		expect(
			(await postJson(sinchUrl(), sinchBatch(sinchButtonReply('e2e-after-401', 'y')))).status,
		).toBe(200);
		const execs = await newExecutions(n8n, ex['03'].id, before, 1);
		expect(execs).toHaveLength(1);
		expect(outputsOf(execs[0], 'Sinch LATAM callbacks')![1]).toEqual([
			expect.objectContaining({ messageId: 'e2e-after-401' }),
		]);
	});

	test('the same callback twice: one execution', async () => {
		const before = await executionIds(n8n, ex['03'].id);
		const batch = sinchBatch(sinchStatus('e2e-twice', ['sent']));
		const first = await postJson(sinchUrl(), batch);
		const second = await postJson(sinchUrl(), batch);
		expect(first.body).toMatchObject({ received: 1, delivered: 1, duplicates: 0 });
		expect(second.status).toBe(200);
		expect(second.body).toMatchObject({ received: 1, delivered: 0, duplicates: 1 });
		expect(
			(await postJson(sinchUrl(), sinchBatch(sinchStatus('e2e-twice-barrier', ['sent'])))).status,
		).toBe(200);
		const execs = await newExecutions(n8n, ex['03'].id, before, 2);
		expect(
			execs.map((e) => outputsOf(e, 'Sinch LATAM callbacks')![2].map((i) => i.messageId)),
		).toEqual([['e2e-twice'], ['e2e-twice-barrier']]);
	});
});

describe('example 04: round trip', () => {
	test('a Button Reply from the trigger is answered with a list to the same user', async () => {
		mock.enqueueFor('sinchLatam', {
			status: 200,
			body: {
				id: 'e2e-batch-04',
				destinations: [
					{ id: 'e2e-dest-04', correlationId: 'reschedule-e2e-rt-button', destination: USER },
				],
			},
		});
		const before = await executionIds(n8n, ex['04'].id);
		const answer = await postJson(
			withExampleSecret(triggerUrl(n8n, ex['04'], 'Sinch LATAM replies')),
			sinchBatch(
				sinchButtonReply('e2e-rt-button', 'change_appointment'),
				sinchStatus('e2e-rt-status', ['sent']),
			),
		);
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ received: 2, delivered: 2 });

		const [exec, ...more] = await newExecutions(n8n, ex['04'].id, before, 1);
		expect(more).toEqual([]);
		expect(exec.status).toBe('success');
		const requests = sent('sinchLatam');
		expect(requests).toHaveLength(1); // the status reached an unconnected output: nothing sent for it
		expectSinchHeaders(requests[0]);
		expect(requests[0].body).toStrictEqual({
			destinations: [{ correlationId: 'reschedule-e2e-rt-button', destination: USER }],
			message: {
				interactive: {
					messageInteractiveType: 'LIST',
					header: { text: 'Pick a new time' },
					body: { text: 'Hi Ana Souza! You chose "Change". Which of these times suits you?' },
					footer: { text: 'Reply by choosing one' },
					listAction: {
						button: 'See times',
						sections: [
							{
								rows: [
									{
										identifier: 'slot-thu-1000',
										title: 'Thursday 10:00',
										description: 'Dr. Smith, room 2',
									},
									{
										identifier: 'slot-fri-1500',
										title: 'Friday 15:00',
										description: 'Dr. Smith, room 2',
									},
								],
							},
							{
								rows: [
									{
										identifier: 'slot-mon-0900',
										title: 'Monday 09:00',
										description: 'Dr. Jones, room 5',
									},
								],
							},
						],
					},
					alternativeText:
						'Reply with the time that suits you: Thursday 10:00, Friday 15:00 or Monday 09:00.',
				},
			},
		});
		expect(outputsOf(exec, 'Answer with a list')![0]).toEqual([
			{
				provider: 'sinchLatam',
				status: 'accepted',
				to: `+${USER}`,
				messageId: 'e2e-dest-04',
				batchId: 'e2e-batch-04',
				correlationId: 'reschedule-e2e-rt-button',
			},
		]);
	});
});

describe('example 06: WhatsApp Cloud API, send buttons and route the reply', () => {
	test('Start sends the reply buttons; a signed button reply takes its branch, the status comes out of Status', async () => {
		const result = await runManual(ex['06'].id);
		expect(result.run!.data.resultData.error).toBeUndefined();
		const [request, ...more] = sent('whatsAppCloud');
		expect(more).toEqual([]);
		expect(request).toMatchObject({
			method: 'POST',
			path: '/cloud/v24.0/106540352242922/messages',
			shapeErrors: [],
		});
		expect(request.headers.authorization).toBe('Bearer test-cloud-token');
		expect(request.body).toStrictEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+16505551234',
			type: 'interactive',
			biz_opaque_callback_data: 'workshop-0900',
			interactive: {
				type: 'button',
				header: { type: 'text', text: 'Workshop tomorrow' },
				body: { text: 'Hi Pablo! Your gardening workshop is at 9am tomorrow. Will you come?' },
				footer: { text: 'Tap one of the buttons' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'confirm', title: 'Confirm' } },
						{ type: 'reply', reply: { id: 'reschedule', title: 'Reschedule' } },
					],
				},
			},
		});
		const [item] = nodeOutputJson(result.run, 'Send buttons') ?? [];
		expect(item).toMatchObject({
			provider: 'whatsAppCloud',
			status: 'accepted',
			to: '+16505551234',
			correlationId: 'workshop-0900',
		});
		const wamid = String(item.messageId);
		expect(wamid).toMatch(/^wamid\./);

		// Meta's callback for the tap on Reschedule and the message's delivery, signed with the example's App Secret.
		const appSecret = String(credentials.find((c) => c.id === 'waiCloudWebhookEx')!.data.appSecret);
		const value = {
			messaging_product: 'whatsapp',
			metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
			contacts: [{ profile: { name: 'Pablo Morales' }, wa_id: '16505551234' }],
			messages: [
				{
					context: { from: '15550783881', id: wamid },
					from: '16505551234',
					id: 'wamid.e2e-example-06-tap',
					timestamp: '1764662400',
					type: 'interactive',
					interactive: {
						type: 'button_reply',
						button_reply: { id: 'reschedule', title: 'Reschedule' },
					},
				},
			],
			statuses: [
				{
					id: wamid,
					status: 'delivered',
					timestamp: '1764662390',
					recipient_id: '16505551234',
					biz_opaque_callback_data: 'workshop-0900',
				},
			],
		};
		const raw = JSON.stringify({
			object: 'whatsapp_business_account',
			entry: [{ id: '102290129340398', changes: [{ field: 'messages', value }] }],
		});
		const url = triggerUrl(n8n, ex['06'], 'WhatsApp Cloud API callbacks');
		const unsigned = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: raw,
		});
		expect(unsigned.status).toBe(401);

		const before = await executionIds(n8n, ex['06'].id);
		const answer = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'X-Hub-Signature-256':
					'sha256=' + createHmac('sha256', appSecret).update(raw).digest('hex'),
			},
			body: raw,
		});
		expect(answer.status).toBe(200);
		expect(await answer.json()).toMatchObject({ received: 2, delivered: 2 });
		const [exec, ...others] = await newExecutions(n8n, ex['06'].id, before, 1);
		expect(others).toEqual([]);
		expect(exec.status).toBe('success');
		expect(nodesRun(exec)).toEqual(
			expect.arrayContaining([
				'WhatsApp Cloud API callbacks',
				'Route the reply',
				'Reschedule',
				'Delivery status',
			]),
		);
		expect(nodesRun(exec)).not.toContain('Confirmed');
		expect(nodesRun(exec)).not.toContain('Other reply');
		const [, buttons, statuses] = outputsOf(exec, 'WhatsApp Cloud API callbacks')!;
		expect(buttons).toEqual([
			expect.objectContaining({
				event: 'buttonReply',
				reply: expect.objectContaining({ id: 'reschedule' }),
				inReplyTo: wamid,
				contactName: 'Pablo Morales',
			}),
		]);
		expect(statuses).toEqual([
			expect.objectContaining({
				event: 'status',
				messageId: wamid,
				correlationId: 'workshop-0900',
				status: expect.objectContaining({ state: 'delivered' }),
			}),
		]);
	});
});

describe('WhatsApp Cloud API in n8n', () => {
	test("send: Meta's reply-button example exactly, with the Bearer token, and the wamid in the output", async () => {
		const result = await runManual(cloudSendWorkflow.id);
		const [request, ...more] = sent('whatsAppCloud');
		expect(more).toEqual([]);
		expect(request).toMatchObject({
			method: 'POST',
			path: '/cloud/v24.0/106540352242922/messages',
			shapeErrors: [],
		});
		expect(request.headers.authorization).toBe('Bearer test-cloud-token');
		expect(request.body).toEqual(JSON.parse(cloudFixture('buttons-image.json')));
		const [item] = nodeOutputJson(result.run, 'Cloud buttons') ?? [];
		expect(item).toMatchObject({
			provider: 'whatsAppCloud',
			status: 'accepted',
			to: '+16505551234',
		});
		expect(String(item.messageId)).toMatch(/^wamid\./);
	});

	test("send: Meta's CTA URL example byte for byte from fields, its location request from JSON, its minimum Flow, a carousel and Meta's catalog message from fields", async () => {
		const result = await runManual(cloudKindsWorkflow.id);
		const requests = sent('whatsAppCloud');
		expect(requests.map((r) => [r.path, r.shapeErrors])).toEqual(
			Array.from({ length: 5 }, () => ['/cloud/v24.0/106540352242922/messages', []]),
		);
		expect(requests[4].rawBody).toBe(JSON.stringify(JSON.parse(cloudFixture('catalog.json'))));
		expect(requests[2].body).toEqual(JSON.parse(cloudFixture('flow-minimum.json')));
		expect((requests[3].body as any).interactive.action.cards).toHaveLength(2);
		expect((requests[3].body as any).interactive.action.cards[1]).toEqual({
			card_index: 1,
			type: 'cta_url',
			header: {
				type: 'image',
				image: { link: 'https://www.luckyshrub.com/assets/zebra-haworthia.jpeg' },
			},
			body: { text: '*zebra-haworthia*' },
			action: {
				name: 'cta_url',
				parameters: {
					display_text: 'Buy now',
					url: 'https://shop.luckyshrub.com/latest/zebra-haworthia',
				},
			},
		});
		expect(requests[0].rawBody).toBe(JSON.stringify(JSON.parse(cloudFixture('cta-url.json'))));
		expect(requests[1].body).toEqual(JSON.parse(cloudFixture('location-request.json')));
		for (const name of ['CTA URL', 'Location request', 'Flow', 'Carousel', 'Catalog'])
			expect(nodeOutputJson(result.run, name)).toEqual([
				expect.objectContaining({ provider: 'whatsAppCloud', status: 'accepted' }),
			]);
	});

	const url = () => triggerUrl(n8n, cloudTriggerWorkflow, 'Cloud callbacks');

	test("trigger: Meta's verification GET is answered with the challenge, a wrong token with 403", async () => {
		const ok = await fetch(
			`${url()}?hub.mode=subscribe&hub.verify_token=${CLOUD_VERIFY_TOKEN}&hub.challenge=1158201444`,
		);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toBe('1158201444');
		const wrong = await fetch(
			`${url()}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`,
		);
		expect(wrong.status).toBe(403);
	});

	const postRaw = (raw: string, signature?: string) =>
		fetch(url(), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(signature ? { 'X-Hub-Signature-256': signature } : {}),
			},
			body: raw,
		});
	const sign = (raw: string) =>
		'sha256=' + createHmac('sha256', CLOUD_APP_SECRET).update(raw).digest('hex');

	test('trigger: a signed mixed entry batch runs once, each event on its output and through its branch', async () => {
		const before = await executionIds(n8n, cloudTriggerWorkflow.id);
		const raw = cloudFixture('webhook-mixed.json');
		const answer = await postRaw(raw, sign(raw));
		expect(answer.status).toBe(200);
		expect(await answer.json()).toMatchObject({ received: 4, delivered: 4, unrecognised: 0 });
		const [exec, ...more] = await newExecutions(n8n, cloudTriggerWorkflow.id, before, 1);
		expect(more).toEqual([]);
		expect(exec.status).toBe('success');
		expect(nodesRun(exec)).toEqual([
			'Cloud button',
			'Cloud callbacks',
			'Cloud list',
			'Cloud status',
		]);
		const [lists, buttons, statuses] = outputsOf(exec, 'Cloud callbacks')!;
		expect(lists).toEqual([
			expect.objectContaining({
				event: 'listReply',
				provider: 'whatsAppCloud',
				reply: expect.objectContaining({ id: 'priority_express' }),
				contactName: 'Sheena Nelson',
			}),
		]);
		expect(buttons).toEqual([
			expect.objectContaining({
				event: 'buttonReply',
				reply: expect.objectContaining({ id: 'cancel-button' }),
				inReplyTo: expect.stringMatching(/^wamid\./),
			}),
		]);
		expect(statuses.map((s) => (s.status as { state: string }).state)).toEqual([
			'delivered',
			'failed',
		]);
	});

	test('trigger: a wrong or missing signature gets 401 and starts no execution', async () => {
		const before = await executionIds(n8n, cloudTriggerWorkflow.id);
		const raw = cloudFixture('webhook-mixed.json').replace('priority_express', 'priority_changed');
		expect((await postRaw(raw, sign(cloudFixture('webhook-mixed.json')))).status).toBe(401);
		expect((await postRaw(raw)).status).toBe(401);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await executionIds(n8n, cloudTriggerWorkflow.id)).toEqual(before);
	});
});

describe('trigger type versions 1 and 1.1: the same answers for every content type', () => {
	// n8n reads the body of a version-1 webhook node whatever its type, and of a later version only
	// for JSON, text, form and XML (the trigger reads the rest from the stream itself).
	const cases: Array<[string, string | undefined, number]> = [
		['JSON', 'application/json', 200],
		['JSON with a charset', 'application/json; charset=utf-8', 200],
		['JSON as plain text', 'text/plain', 200],
		['JSON as bytes', 'application/octet-stream', 200],
		['JSON without a content type', undefined, 200],
		['JSON as a form (not a callback)', 'application/x-www-form-urlencoded', 400],
	];

	test.each(cases)(
		'%s: both versions answer alike, and a callback runs each once',
		async (label, contentType, status) => {
			const answers: Array<{ version: number; status: number; delivered?: number }> = [];
			for (const version of TRIGGER_VERSIONS) {
				const before = await executionIds(n8n, versionsWorkflow.id);
				const messageId = `e2e-v${version}-${label.replace(/\W+/g, '-')}`;
				const raw = JSON.stringify(sinchBatch(sinchButtonReply(messageId, 'confirm')));
				// A Buffer body: fetch adds no content type of its own.
				const res = await fetch(triggerUrl(n8n, versionsWorkflow, `Callbacks v${version}`), {
					method: 'POST',
					headers: contentType ? { 'content-type': contentType } : {},
					body: Buffer.from(raw),
				});
				const body = (await res.json().catch(() => ({}))) as { delivered?: number };
				answers.push({ version, status: res.status, delivered: body.delivered });
				if (res.status === 200) {
					const [exec, ...more] = await newExecutions(n8n, versionsWorkflow.id, before, 1);
					expect(more).toEqual([]);
					expect(nodesRun(exec)).toEqual([`Button v${version}`, `Callbacks v${version}`]);
					expect(outputsOf(exec, `Callbacks v${version}`)![1]).toEqual([
						expect.objectContaining({
							messageId,
							reply: expect.objectContaining({ id: 'confirm' }),
						}),
					]);
				}
			}
			expect(answers).toEqual(
				TRIGGER_VERSIONS.map((version) => ({
					version,
					status,
					delivered: status === 200 ? 1 : undefined,
				})),
			);
		},
	);
});

describe('conversations: the Message output, Download Media and Mark as Read (trigger version 3)', () => {
	const cloudUrl = () => triggerUrl(n8n, conversationWorkflow, 'Cloud messages');
	const sinchUrl = () =>
		`${triggerUrl(n8n, conversationWorkflow, 'Sinch messages')}?secret=${encodeURIComponent(secretOf())}`;
	const postSigned = async (raw: string) =>
		await fetch(cloudUrl(), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'X-Hub-Signature-256':
					'sha256=' + createHmac('sha256', CLOUD_APP_SECRET).update(raw).digest('hex'),
			},
			body: raw,
		});

	test('a Cloud API photo: on Message, downloaded byte for byte with the token, and marked read with the typing indicator', async () => {
		const before = await executionIds(n8n, conversationWorkflow.id);
		const image = MOCK_MEDIA.image;
		const answer = await postSigned(
			cloudMessages([
				{
					from: '16505551234',
					id: 'wamid.e2e-conv-image',
					timestamp: '1764662400',
					type: 'image',
					image: {
						caption: 'My receipt',
						mime_type: image.mimeType,
						sha256: image.sha256,
						id: image.id,
					},
				},
			]),
		);
		expect(answer.status).toBe(200);
		const [exec, ...more] = await newExecutions(n8n, conversationWorkflow.id, before, 1);
		expect(more).toEqual([]);
		expect(exec.status).toBe('success');
		const [, , , messages] = outputsOf(exec, 'Cloud messages')!;
		expect(messages).toEqual([
			expect.objectContaining({
				event: 'message',
				from: '16505551234',
				contactName: 'Sheena Nelson',
				text: 'My receipt',
				message: expect.objectContaining({
					type: 'image',
					caption: 'My receipt',
					media: expect.objectContaining({ id: image.id, mimeType: image.mimeType }),
				}),
			}),
		]);
		// The node hashed the bytes it stored in n8n's binary data: the mock's bytes exactly.
		const [downloaded] = outputsOf(exec, 'Download from Cloud')![0];
		expect(downloaded.downloadedMedia).toEqual(
			expect.objectContaining({
				mimeType: image.mimeType,
				fileSize: image.bytes.length,
				sha256: image.sha256,
				sha256Verified: true,
			}),
		);
		const cloud = sent('whatsAppCloud');
		const lookups = cloud.filter((r) => r.method === 'GET');
		expect(lookups.map((r) => r.path)).toEqual([
			expect.stringMatching(new RegExp(`/${image.id}$`)),
			expect.stringMatching(new RegExp(`/media/${image.id}$`)),
		]);
		for (const r of lookups) expect(r.headers.authorization).toBe('Bearer test-cloud-token');
		const posts = cloud.filter((r) => r.method === 'POST');
		expect(posts).toHaveLength(2);
		// The answer: a text quoting the photo (Meta's "Text messages").
		const [answered] = posts.filter((r) => (r.body as IDataObject).type === 'text');
		expect(answered.shapeErrors).toEqual([]);
		expect(answered.path).toMatch(new RegExp(`/${PHONE_NUMBER_ID}/messages$`));
		expect(answered.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+16505551234',
			type: 'text',
			text: { body: 'Thanks Sheena Nelson, we got your image.', preview_url: false },
			context: { message_id: 'wamid.e2e-conv-image' },
		});
		expect(outputsOf(exec, 'Answer in Cloud')![0]).toEqual([
			expect.objectContaining({ provider: 'whatsAppCloud', status: 'accepted' }),
		]);
		const receipts = posts.filter((r) => (r.body as IDataObject).status === 'read');
		expect(receipts).toHaveLength(1);
		expect(receipts[0].path).toMatch(new RegExp(`/${PHONE_NUMBER_ID}/messages$`));
		expect(receipts[0].body).toEqual({
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: 'wamid.e2e-conv-image',
			typing_indicator: { type: 'text' },
		});
	});

	test('a Cloud API text, a location and a reaction from a user without a phone number: one execution, on Message, no download', async () => {
		const before = await executionIds(n8n, conversationWorkflow.id);
		const bsuid = 'US.13491208655302741918';
		const answer = await postSigned(
			cloudMessages(
				[
					{
						from_user_id: bsuid,
						id: 'wamid.e2e-conv-text',
						timestamp: '1764662401',
						type: 'text',
						text: { body: 'Hi' },
					},
					{
						from_user_id: bsuid,
						id: 'wamid.e2e-conv-location',
						timestamp: '1764662402',
						type: 'location',
						location: { latitude: -22.89, longitude: -47.04, name: 'Shop', address: 'Rua 1' },
					},
					{
						from_user_id: bsuid,
						id: 'wamid.e2e-conv-reaction',
						timestamp: '1764662403',
						type: 'reaction',
						reaction: { message_id: 'wamid.e2e-conv-image', emoji: '👍' },
					},
				],
				[{ profile: { name: 'Sheena Nelson' }, user_id: bsuid }],
			),
		);
		expect(answer.status).toBe(200);
		const [exec, ...more] = await newExecutions(n8n, conversationWorkflow.id, before, 1);
		expect(more).toEqual([]);
		const [, , , messages] = outputsOf(exec, 'Cloud messages')!;
		expect(messages.map((m) => [m.from, m.userId, (m.message as IDataObject).type])).toEqual([
			[null, bsuid, 'text'],
			[null, bsuid, 'location'],
			[null, bsuid, 'reaction'],
		]);
		expect((messages[1].message as IDataObject).location).toEqual(
			expect.objectContaining({ latitude: -22.89, longitude: -47.04, name: 'Shop' }),
		);
		expect((messages[2].message as IDataObject).reaction).toEqual({
			emoji: '👍',
			messageId: 'wamid.e2e-conv-image',
		});
		// Download Media on a message without media: an error item per message, said plainly.
		const failed = outputsOf(exec, 'Download from Cloud')![0];
		expect(failed).toHaveLength(3);
		for (const item of failed) expect(JSON.stringify(item.error)).toMatch(/media/i);
		// No number to answer to: an error item each, nothing sent.
		const unanswered = outputsOf(exec, 'Answer in Cloud')![0];
		expect(unanswered).toHaveLength(3);
		for (const item of unanswered) expect(item.error).toBeDefined();
		expect(sent('whatsAppCloud').filter((r) => (r.body as IDataObject)?.type === 'text')).toEqual(
			[],
		);
	});

	test('an expired Cloud API media id: an error item that says so, the rest of the workflow runs', async () => {
		const before = await executionIds(n8n, conversationWorkflow.id);
		const answer = await postSigned(
			cloudMessages([
				{
					from: '16505551234',
					id: 'wamid.e2e-conv-expired',
					timestamp: '1764662404',
					type: 'document',
					document: {
						filename: 'old.pdf',
						mime_type: 'application/pdf',
						id: EXPIRED_MEDIA_IDS.notFound,
					},
				},
			]),
		);
		expect(answer.status).toBe(200);
		const [exec] = await newExecutions(n8n, conversationWorkflow.id, before, 1);
		const [item] = outputsOf(exec, 'Download from Cloud')![0];
		expect(JSON.stringify(item.error)).toMatch(/no longer|expire/i);
		expect(outputsOf(exec, 'Mark read')![0]).toHaveLength(1);
	});

	test('a Sinch LATAM batch of two customers, a photo and a voice note: one execution each, each downloaded from its mediaUrl', async () => {
		const before = await executionIds(n8n, conversationWorkflow.id);
		const inbound = (id: string, source: string, message: IDataObject) => ({
			id,
			source,
			origin: '5519900002222',
			userProfile: { name: source, whatsAppId: source },
			receivedAt: 1754564400000,
			message,
		});
		const batch = sinchBatch(
			inbound('e2e-conv-sinch-photo', '5511999990001', {
				type: 'IMAGE',
				mediaUrl: `${mock.url}/sinch/media/${MOCK_MEDIA.image.name}`,
				mimeType: MOCK_MEDIA.image.mimeType,
				caption: 'The damage',
			}),
			inbound('e2e-conv-sinch-voice', '5511999990002', {
				type: 'AUDIO',
				mediaUrl: `${mock.url}/sinch/media/${MOCK_MEDIA.audio.name}`,
				mimeType: MOCK_MEDIA.audio.mimeType,
			}),
		);
		const answer = await postJson(sinchUrl(), batch);
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ received: 2, delivered: 2, executions: 2 });
		const execs = await newExecutions(n8n, conversationWorkflow.id, before, 2);
		expect(execs).toHaveLength(2);
		const downloads = execs
			.map((e) => outputsOf(e, 'Download from Sinch')![0][0])
			.sort((a, b) => String(a.from).localeCompare(String(b.from)));
		expect(downloads.map((d) => [d.from, (d.message as IDataObject).type])).toEqual([
			['5511999990001', 'image'],
			['5511999990002', 'audio'],
		]);
		expect(downloads.map((d) => (d.downloadedMedia as IDataObject).sha256)).toEqual([
			MOCK_MEDIA.image.sha256,
			MOCK_MEDIA.audio.sha256,
		]);
		// Each answered in plain text (Sinch LATAM's message.messageText), one request per customer.
		const answers = sent('sinchLatam').filter((r) => r.method === 'POST');
		for (const r of answers) expect(r.shapeErrors).toEqual([]);
		expect(
			answers.map((r) => r.body).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
		).toEqual([
			{
				destinations: [{ destination: '5511999990001' }],
				message: { messageText: 'We got your image.' },
			},
			{
				destinations: [{ destination: '5511999990002' }],
				message: { messageText: 'We got your audio.' },
			},
		]);
	});
});

describe("n8n's Webhook node → WhatsApp Interactive Router", () => {
	const cloudUrl = () => n8n.webhookUrl('e2e-cloud-router');
	const sinchUrl = () => withExampleSecret(n8n.webhookUrl('e2e-sinch-router'));
	const sign = (raw: string, secret = CLOUD_APP_SECRET) =>
		'sha256=' + createHmac('sha256', secret).update(raw).digest('hex');
	const postCloud = (raw: string, signature?: string) =>
		fetch(cloudUrl(), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(signature ? { 'X-Hub-Signature-256': signature } : {}),
			},
			body: raw,
		});

	test("Cloud API: Meta's verification GET gets the challenge, a wrong token 403", async () => {
		const before = await executionIds(n8n, routerWorkflow.id);
		const ok = await fetch(
			`${cloudUrl()}?hub.mode=subscribe&hub.verify_token=${CLOUD_VERIFY_TOKEN}&hub.challenge=1158201444`,
		);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toBe('1158201444');
		const wrong = await fetch(
			`${cloudUrl()}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`,
		);
		expect(wrong.status).toBe(403);
		// Each ran in an execution: the answered one routes nothing, the refused one fails.
		const runs = await newExecutions(n8n, routerWorkflow.id, before, 2);
		expect(runs.map((run) => run.status)).toEqual(['success', 'error']);
		expect(outputsOf(runs[0], 'Cloud router')!.flat()).toEqual([]);
	});

	test('Cloud API: a signed batch is answered 200 once stored, each event on its output', async () => {
		const before = await executionIds(n8n, routerWorkflow.id);
		const raw = cloudFixture('webhook-mixed.json').replace(/wamid\./g, 'wamid.ROUTER');
		const answer = await postCloud(raw, sign(raw));
		expect(answer.status).toBe(200);
		expect(await answer.json()).toMatchObject({ received: 4, delivered: 4, duplicates: 0 });
		const [exec, ...more] = await newExecutions(n8n, routerWorkflow.id, before, 1);
		expect(more).toEqual([]);
		expect(exec.status).toBe('success');
		const [lists, buttons, statuses, messages] = outputsOf(exec, 'Cloud router')!;
		expect(lists).toEqual([
			expect.objectContaining({ event: 'listReply', provider: 'whatsAppCloud' }),
		]);
		expect(buttons).toEqual([expect.objectContaining({ event: 'buttonReply' })]);
		expect(statuses).toHaveLength(2);
		expect(messages).toEqual([]);
		// The Respond to Webhook node after the router ran and answered nothing more.
		expect(nodesRun(exec)).toContain('Cloud respond');
	});

	test('Cloud API: a wrong or missing signature is answered 401 and routes nothing; the execution says why', async () => {
		const before = await executionIds(n8n, routerWorkflow.id);
		const raw = cloudFixture('webhook-mixed.json').replace('priority_express', 'priority_changed');
		const forged = await postCloud(raw, sign(raw, 'not-the-app-secret'));
		expect(forged.status).toBe(401);
		expect((await postCloud(raw)).status).toBe(401);
		const runs = await newExecutions(n8n, routerWorkflow.id, before, 2);
		for (const run of runs) {
			expect(run.status).toBe('error');
			expect(nodesRun(run)).not.toContain('Cloud routed list');
		}
	});

	test('Sinch LATAM: with the secret, routed and answered 200; the same events again are duplicates; without it, 401', async () => {
		const before = await executionIds(n8n, routerWorkflow.id);
		const batch = () =>
			sinchBatch(
				sinchListReply('router-list-1'),
				sinchButtonReply('router-button-1'),
				sinchStatus('router-status-1', ['sent', 'delivered']),
			);
		const first = await postJson(sinchUrl(), batch());
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ received: 3, delivered: 3, duplicates: 0 });
		const again = await postJson(sinchUrl(), batch());
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ delivered: 0, duplicates: 3 });
		const forged = await postJson(n8n.webhookUrl('e2e-sinch-router'), batch());
		expect(forged.status).toBe(401);
		const runs = await newExecutions(n8n, routerWorkflow.id, before, 3);
		expect(runs.map((run) => run.status)).toEqual(['success', 'success', 'error']);
		const [lists, buttons, statuses] = outputsOf(runs[0], 'Sinch router')!;
		expect([lists.length, buttons.length, statuses.length]).toEqual([1, 1, 1]);
		// The secret came in the URL: n8n stored the Webhook node's item with it, the router took it out.
		expect(JSON.stringify(runs[0].data)).not.toContain(secretOf());
		expect(JSON.stringify(runs[0].data)).toContain('"query":{}');
		expect(outputsOf(runs[1], 'Sinch router')!.flat()).toEqual([]);
	});

	test('after a Webhook node that answers by itself, the router routes nothing and the execution says what to change', async () => {
		const before = await executionIds(n8n, routerWorkflow.id);
		const early = await postJson(
			withExampleSecret(n8n.webhookUrl('e2e-early-router')),
			sinchBatch(sinchButtonReply('router-early-1')),
		);
		// n8n's Webhook node answered before the router ran.
		expect(early.status).toBe(200);
		const [run] = await newExecutions(n8n, routerWorkflow.id, before, 1);
		expect(run.status).toBe('error');
		expect(JSON.stringify(run.data?.resultData.error ?? {})).toContain(
			'answers the provider before this router has checked the callback',
		);
	});
});

describe('example 11: a busy Sinch LATAM number through the Webhook node and the router', () => {
	test('each event goes to its branch, the router answers 200 once stored; without the secret 401', async () => {
		const before = await executionIds(n8n, ex['11'].id);
		const url = n8n.webhookUrl('sinch-busy-number');
		const answer = await postJson(
			withExampleSecret(url),
			sinchBatch(
				sinchListReply('ex11-list-1'),
				sinchButtonReply('ex11-button-1'),
				sinchStatus('ex11-status-1', ['sent', 'delivered']),
				sinchText('ex11-text-1'),
			),
		);
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ received: 4, delivered: 4, duplicates: 0 });
		const forged = await postJson(url, sinchBatch(sinchButtonReply('ex11-forged-1')));
		expect(forged.status).toBe(401);
		const [run, refused] = await newExecutions(n8n, ex['11'].id, before, 2);
		expect(run.status).toBe('success');
		expect(nodesRun(run)).toEqual(EXAMPLE_11_EVERY_BRANCH);
		expect(outputsOf(run, 'Log message')![0]).toEqual([
			expect.objectContaining({ type: 'text', from: USER }),
		]);
		expect(refused.status).toBe('error');
		expect(nodesRun(refused)).not.toContain('Button reply');
	});
});
