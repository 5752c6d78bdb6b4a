/**
 * What the chaos suite runs in n8n: one published workflow per provider with the trigger (defaults:
 * Acknowledge When Saved, Ignore Duplicates on) and three NoOps, one with the trigger at
 * Acknowledge: At Once (the old timing, for comparison), and n8n's own Webhook node (Respond:
 * Immediately) with a NoOp, the reference.
 */
import type { Credential, Workflow } from '../e2e/support';
import { cloudTarget, messangiTarget, sinchTarget, webhookNodeTarget, type Target } from './stream';

export const CLOUD_APP_SECRET = 'chaos-app-secret-0123456789abcdef';

export const CHAOS_CREDENTIALS: Credential[] = [
	{
		id: 'waiChaosCloudHook',
		name: 'WhatsApp Cloud API webhook (chaos)',
		type: 'whatsAppCloudWebhookApi',
		data: { appSecret: CLOUD_APP_SECRET, verifyToken: 'chaos-verify-token-0123456789' },
	},
];

/** Trigger targets: name (also the stream target's name), provider, options. */
export const TRIGGERS = [
	{ name: 'messangi', provider: 'messangi', options: {} },
	{ name: 'sinchLatam', provider: 'sinchLatam', options: {} },
	{ name: 'whatsAppCloud', provider: 'whatsAppCloud', options: {} },
	{ name: 'sinchLatamAtOnce', provider: 'sinchLatam', options: { acknowledge: 'atOnce' } },
] as const;

export const WEBHOOK_NODE_PATH = 'chaos-reference';

const noOp = (n: number, name: string, y: number) => ({
	id: `c4a05000-0000-4000-8000-00000000${String(n).padStart(4, '0')}`,
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [300, y] as [number, number],
	parameters: {},
});

export function webhookIdOf(index: number): string {
	return `c4a05e00-0000-4000-8000-0000000000${String(index).padStart(2, '0')}`;
}

export function chaosWorkflows(): Workflow[] {
	const triggers = TRIGGERS.map((t, i): Workflow => ({
		id: `waiChaosTrigger${i}`,
		name: `chaos: ${t.name}`,
		nodes: [
			{
				id: `c4a05100-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
				name: 'Callbacks',
				type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: webhookIdOf(i),
				parameters: { provider: t.provider, options: t.options },
				...(t.provider === 'whatsAppCloud'
					? {
							credentials: {
								whatsAppCloudWebhookApi: {
									id: CHAOS_CREDENTIALS[0].id,
									name: CHAOS_CREDENTIALS[0].name,
								},
							},
						}
					: {}),
			},
			noOp(i * 10 + 1, 'List reply', -150),
			noOp(i * 10 + 2, 'Button reply', 0),
			noOp(i * 10 + 3, 'Status', 150),
		],
		connections: {
			Callbacks: {
				main: [
					[{ node: 'List reply', type: 'main', index: 0 }],
					[{ node: 'Button reply', type: 'main', index: 0 }],
					[{ node: 'Status', type: 'main', index: 0 }],
				],
			},
		},
		settings: { executionOrder: 'v1' },
	}));
	const reference: Workflow = {
		id: 'waiChaosWebhookNode',
		name: "chaos: n8n's Webhook node",
		nodes: [
			{
				id: 'c4a05200-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'c4a05e00-0000-4000-8000-0000000000ff',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_NODE_PATH,
					responseMode: 'onReceived',
					options: {},
				},
			},
			noOp(999, 'Received', 0),
		],
		connections: { Webhook: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
	return [...triggers, reference];
}

/** The trigger's production URL on a base URL (`http://127.0.0.1:<port>`). */
export function triggerUrlOn(base: string, index: number): string {
	return `${base}/webhook/${webhookIdOf(index)}/webhook`;
}

/** The stream's targets on a base URL: each trigger workflow, then the Webhook node. */
export function targetsFor(base: string): Target[] {
	const targets: Target[] = TRIGGERS.map((t, i) => {
		const url = triggerUrlOn(base, i);
		const target =
			t.provider === 'messangi'
				? messangiTarget(url)
				: t.provider === 'sinchLatam'
					? sinchTarget(url)
					: cloudTarget(url, CLOUD_APP_SECRET);
		return { ...target, name: t.name };
	});
	return [...targets, webhookNodeTarget(`${base}/webhook/${WEBHOOK_NODE_PATH}`)];
}
