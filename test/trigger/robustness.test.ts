/** Whatever a provider (or anyone else) posts, decoding never throws and the webhook always answers. */
import fc from 'fast-check';
import type { DecodedCallback, NormalisedEvent } from '../../nodes/shared/model/event';
import { decodeMessangiCallback } from '../../nodes/shared/dialects/messangi/decode';
import { decodeSinchLatamCallback } from '../../nodes/shared/dialects/sinchLatam/decode';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import { answerAsN8n, createWebhookContext } from '../helpers/webhookContext';
import {
	messangiButtonReply,
	messangiStatus,
	sinchButtonReply,
	sinchListReply,
	sinchStatus,
	sinchText,
} from './fixtures';

const nullableString = (value: unknown) => value === null || typeof value === 'string';

function expectWellFormed(decoded: DecodedCallback, provider: string): void {
	expect(Array.isArray(decoded.events)).toBe(true);
	expect(Array.isArray(decoded.unrecognised)).toBe(true);
	if (decoded.rejected !== undefined) expect(decoded.events).toEqual([]);
	for (const event of decoded.events as NormalisedEvent[]) {
		expect(event.provider).toBe(provider);
		expect(['listReply', 'buttonReply', 'status', 'message']).toContain(event.event);
		for (const key of [
			'messageId',
			'correlationId',
			'from',
			'to',
			'timestamp',
			'contactName',
		] as const) {
			expect(nullableString(event[key])).toBe(true);
		}
		if (event.timestamp !== null)
			expect(new Date(event.timestamp).toISOString()).toBe(event.timestamp);
		if (event.event === 'status')
			expect(['queued', 'sent', 'delivered', 'read', 'failed']).toContain(event.status?.state);
		if (event.event === 'listReply' || event.event === 'buttonReply')
			expect(typeof event.reply?.id).toBe('string');
		expect(typeof event.raw).toBe('object');
	}
}

// Arbitrary JSON, plus real callbacks with arbitrary fields mixed in.
const json = fc.jsonValue({ maxDepth: 6 });
const noisy = <T extends object>(base: () => T) =>
	fc.dictionary(fc.string(), json, { maxKeys: 5 }).map((extra) => ({ ...extra, ...base() }));
const sinchEntry = fc.oneof(
	json,
	noisy(() => sinchButtonReply()),
	noisy(() => sinchListReply()),
	noisy(() => sinchText()),
	noisy(() => sinchStatus('s', ['sent', 'delivered'])),
);
const sinchBody = fc.oneof(
	json,
	fc
		.array(sinchEntry, { maxLength: 6 })
		.map((data) => ({ total: data.length, data, clientInfo: {} })),
);
const messangiBody = fc.oneof(
	json,
	fc.array(
		fc.oneof(
			json,
			noisy(() => messangiStatus('SENT')),
			noisy(() => messangiButtonReply()),
		),
		{ maxLength: 6 },
	),
	noisy(() => messangiStatus('READ')).map((status) => ({ data: [status] })),
);

describe('decoders on arbitrary input', () => {
	it('Sinch LATAM: never throws, always well formed', () => {
		fc.assert(
			fc.property(sinchBody, (body) =>
				expectWellFormed(decodeSinchLatamCallback(body), 'sinchLatam'),
			),
			{ numRuns: 400 },
		);
	});

	it('Messangi: never throws, always well formed', () => {
		fc.assert(
			fc.property(messangiBody, (body) =>
				expectWellFormed(decodeMessangiCallback(body), 'messangi'),
			),
			{ numRuns: 400 },
		);
	});

	it('keeps real callbacks recognisable whatever unknown fields come with them', () => {
		fc.assert(
			fc.property(
				noisy(() => sinchButtonReply('b-1')),
				(entry) => {
					const decoded = decodeSinchLatamCallback({ total: 1, data: [entry], clientInfo: {} });
					expect(decoded.events.map((e) => e.event)).toEqual(['buttonReply']);
				},
			),
			{ numRuns: 200 },
		);
	});
});

describe('the webhook on arbitrary input', () => {
	const trigger = new WhatsAppInteractiveTrigger();

	it.each(['sinchLatam', 'messangi'])(
		'%s: always answers exactly once, 200 or 400, and never throws',
		async (provider) => {
			await fc.assert(
				fc.asyncProperty(provider === 'sinchLatam' ? sinchBody : messangiBody, async (body) => {
					const mock = createWebhookContext({
						properties: trigger.description.properties,
						parameters: { provider, outputOther: true },
						body,
					});
					const result = await trigger.webhook.call(mock.context);
					// Answered by the trigger, or (an execution to start) left to n8n with the receipt.
					if (result.noWebhookResponse !== true) expect(result.webhookResponse).toBeDefined();
					answerAsN8n(mock.response, result);
					expect([200, 400]).toContain(mock.response.statusCode);
					if (mock.response.statusCode === 400) expect(result.workflowData).toBeUndefined();
				}),
				{ numRuns: 150 },
			);
		},
	);
});
