/**
 * WhatsApp Cloud API, trigger side: Meta's URL verification (GET), the X-Hub-Signature-256 check
 * on every POST, and a mixed `entry` batch (Meta's documented webhook examples) routed to the
 * three outputs; the decoder on its own for statuses and edge cases.
 */
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { decodeWhatsAppCloudCallback } from '../../nodes/shared/dialects/whatsAppCloud/decode';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import {
	createWebhookContext,
	expectAnsweredOnce,
	type WebhookContextOptions,
} from '../helpers/webhookContext';

const trigger = new WhatsAppInteractiveTrigger();
const APP_SECRET = '0123456789abcdef0123456789abcdef';
const VERIFY_TOKEN = 'a-long-random-verify-token';
const credentials = {
	whatsAppCloudWebhookApi: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
};
const mixed = readFileSync(
	resolve(__dirname, '../fixtures/whatsAppCloud/webhook-mixed.json'),
	'utf8',
);

const sign = (raw: string | Buffer, secret = APP_SECRET) =>
	'sha256=' + createHmac('sha256', secret).update(raw).digest('hex');

async function call(options: WebhookContextOptions) {
	const mock = createWebhookContext({
		properties: trigger.description.properties,
		credentials,
		...options,
		parameters: { provider: 'whatsAppCloud', ...options.parameters },
	});
	const result: IWebhookResponseData = await trigger.webhook.call(mock.context);
	// Exactly once (MockResponse throws on a second answer).
	expectAnsweredOnce(mock, result);
	return { ...mock, result, outputs: result.workflowData };
}

const post = (raw: string, signature: string | undefined, extra: WebhookContextOptions = {}) =>
	call({
		body: JSON.parse(raw) as IDataObject,
		rawBody: Buffer.from(raw),
		headers: {
			'content-type': 'application/json',
			...(signature !== undefined ? { 'X-Hub-Signature-256': signature } : {}),
		},
		...extra,
	});

describe('Cloud API verification request (GET)', () => {
	const verify = (query: IDataObject) => call({ webhookName: 'setup', query });

	it('answers hub.challenge as plain text when the verify token matches', async () => {
		const { response, outputs } = await verify({
			'hub.mode': 'subscribe',
			'hub.verify_token': VERIFY_TOKEN,
			'hub.challenge': '1158201444',
		});
		expect(response.statusCode).toBe(200);
		expect(response.body).toBe('1158201444');
		expect(response.headers['content-type']).toContain('text/plain');
		expect(outputs).toBeUndefined();
	});

	it('refuses a wrong verify token with 403', async () => {
		const { response } = await verify({
			'hub.mode': 'subscribe',
			'hub.verify_token': 'wrong',
			'hub.challenge': '1158201444',
		});
		expect(response.statusCode).toBe(403);
		expect(JSON.stringify(response.body)).not.toContain('1158201444');
	});

	it('refuses a request that is not a subscription with 400', async () => {
		const { response } = await verify({ 'hub.verify_token': VERIFY_TOKEN });
		expect(response.statusCode).toBe(400);
	});

	it('other providers do not verify by GET', async () => {
		const { response } = await call({
			webhookName: 'setup',
			query: {},
			parameters: { provider: 'sinchLatam' },
		});
		expect(response.statusCode).toBe(400);
	});
});

describe('Cloud API signature (POST)', () => {
	it('a good signature: the mixed batch goes to all three outputs', async () => {
		const { response, outputs } = await post(mixed, sign(mixed));
		expect(response.statusCode).toBe(200);
		expect(response.body).toMatchObject({ received: 4, delivered: 4, unrecognised: 0 });
		const [lists, buttons, statuses] = outputs!;
		expect(lists.map((i) => i.json)).toEqual([
			expect.objectContaining({
				event: 'listReply',
				provider: 'whatsAppCloud',
				from: '16505551234',
				to: '15550783881',
				contactName: 'Sheena Nelson',
				timestamp: '2024-04-08T16:57:23.000Z',
				reply: {
					id: 'priority_express',
					title: 'Priority Mail Express',
					description: 'Next Day to 2 Days',
				},
				inReplyTo: 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=',
			}),
		]);
		expect(buttons.map((i) => i.json)).toEqual([
			expect.objectContaining({
				event: 'buttonReply',
				reply: { id: 'cancel-button', title: 'Cancel', description: null },
				inReplyTo: expect.stringMatching(/^wamid\./),
			}),
		]);
		expect(statuses.map((i) => i.json)).toEqual([
			expect.objectContaining({
				event: 'status',
				messageId: 'wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA',
				correlationId: 'order-2211',
				from: '15550783881',
				to: '16505551234',
				status: { state: 'delivered', providerStatus: 'delivered', code: null, error: null },
			}),
			expect.objectContaining({
				event: 'status',
				status: {
					state: 'failed',
					providerStatus: 'failed',
					code: 131049,
					error: expect.stringContaining('In order to maintain a healthy ecosystem engagement'),
				},
			}),
		]);
	});

	it('upper-case hex in the signature is the same signature', async () => {
		const { response } = await post(mixed, 'sha256=' + sign(mixed).slice(7).toUpperCase());
		expect(response.statusCode).toBe(200);
	});

	it.each([
		['a wrong signature', () => sign(mixed, 'ffffffffffffffffffffffffffffffff')],
		['no signature', () => undefined],
		['the signature of another body', () => sign(mixed + ' ')],
		['a signature without the sha256= prefix', () => sign(mixed).slice(7)],
	])('%s: 401 and no execution', async (_name, signature) => {
		const { response, outputs } = await post(mixed, signature());
		expect(response.statusCode).toBe(401);
		expect(outputs).toBeUndefined();
	});

	it('checks the signature over the raw bytes, not re-serialised JSON', async () => {
		const spaced = JSON.stringify(JSON.parse(mixed), null, 4);
		const { response } = await post(spaced, sign(spaced));
		expect(response.statusCode).toBe(200);
	});

	it('without the raw body the trigger cannot check, answers 500 and logs why', async () => {
		const { response, logger } = await call({
			body: JSON.parse(mixed) as IDataObject,
			rawBody: null,
			headers: { 'X-Hub-Signature-256': sign(mixed) },
		});
		expect(response.statusCode).toBe(500);
		expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('raw request body'));
	});

	it('the Webhook Secret is not asked for: Meta signs its callbacks', async () => {
		const { response } = await post(mixed, sign(mixed), {
			parameters: { authentication: 'secret' },
		});
		expect(response.statusCode).toBe(200);
	});
});

describe('Cloud API decoder', () => {
	it('refuses a body that is not a WhatsApp webhook', () => {
		expect(decodeWhatsAppCloudCallback({ hello: 'world' }).rejected).toContain(
			'whatsapp_business_account',
		);
		expect(decodeWhatsAppCloudCallback([1, 2]).rejected).toBeDefined();
	});

	it('plain text and unknown statuses: a message event and an unrecognised entry', () => {
		const decoded = decodeWhatsAppCloudCallback({
			object: 'whatsapp_business_account',
			entry: [
				{
					changes: [
						{
							value: {
								metadata: { display_phone_number: '15550783881', phone_number_id: '1' },
								messages: [
									{
										from: '16505551234',
										id: 'wamid.T',
										timestamp: '1712595443',
										type: 'text',
										text: { body: 'Hello' },
									},
								],
								statuses: [{ id: 'wamid.X', status: 'something_new', recipient_id: '1' }],
							},
							field: 'messages',
						},
					],
				},
			],
		});
		expect(decoded.events).toEqual([
			expect.objectContaining({ event: 'message', text: 'Hello', from: '16505551234' }),
		]);
		expect(decoded.unrecognised).toEqual([
			{ id: 'wamid.X', status: 'something_new', recipient_id: '1' },
		]);
	});

	it('a template quick-reply button is a button reply', () => {
		const decoded = decodeWhatsAppCloudCallback({
			object: 'whatsapp_business_account',
			entry: [
				{
					changes: [
						{
							value: {
								messages: [
									{
										from: '1',
										id: 'wamid.B',
										type: 'button',
										button: { payload: 'yes', text: 'Yes' },
										context: { id: 'wamid.Q' },
									},
								],
							},
						},
					],
				},
			],
		});
		expect(decoded.events[0]).toMatchObject({
			event: 'buttonReply',
			reply: { id: 'yes', title: 'Yes' },
			inReplyTo: 'wamid.Q',
		});
	});

	it('a change with only errors[] goes to Other', () => {
		const change = {
			value: { errors: [{ code: 130429, title: 'Rate limit hit' }] },
			field: 'messages',
		};
		const decoded = decodeWhatsAppCloudCallback({
			object: 'whatsapp_business_account',
			entry: [{ changes: [change] }],
		});
		expect(decoded.events).toEqual([]);
		expect(decoded.unrecognised).toEqual([change]);
	});

	it('sent and read statuses', () => {
		const decoded = decodeWhatsAppCloudCallback({
			object: 'whatsapp_business_account',
			entry: [
				{
					changes: [
						{
							value: {
								statuses: ['sent', 'read'].map((status) => ({
									id: `wamid.${status}`,
									status,
									timestamp: '1750263773',
									recipient_id: '1',
								})),
							},
						},
					],
				},
			],
		});
		expect(decoded.events.map((e) => e.status?.state)).toEqual(['sent', 'read']);
	});
});

describe('Cloud API webhook credential test', () => {
	const test = (
		trigger.methods.credentialTest as Record<
			string,
			(this: unknown, c: unknown) => Promise<{ status: string; message: string }>
		>
	).whatsAppCloudWebhookApiTest;
	it.each([
		[{ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN }, 'OK'],
		[{ appSecret: '', verifyToken: VERIFY_TOKEN }, 'Error'],
		[{ appSecret: 'not-hex', verifyToken: VERIFY_TOKEN }, 'Error'],
		[{ appSecret: APP_SECRET, verifyToken: 'short' }, 'Error'],
	])('%j: %s', async (data, status) => {
		expect((await test.call({}, { data })).status).toBe(status);
	});
});
