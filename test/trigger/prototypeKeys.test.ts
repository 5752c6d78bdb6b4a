/**
 * Status names and codes from a callback are looked up in the decoders' tables by own entries
 * only: a name that is a member of every JavaScript object is no state and no known failure.
 */
import fc from 'fast-check';
import { decodeMessangiCallback } from '../../nodes/shared/dialects/messangi/decode';
import { decodeSinchLatamCallback } from '../../nodes/shared/dialects/sinchLatam/decode';
import { decodeWhatsAppCloudCallback } from '../../nodes/shared/dialects/whatsAppCloud/decode';
import { child, own } from '../../nodes/shared/model/values';
import { messangiStatus, sinchBatch, sinchInbound, sinchStatus } from './fixtures';

const PROTOTYPE_KEYS = [
	'constructor',
	'__proto__',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'isPrototypeOf',
	'propertyIsEnumerable',
	'toLocaleString',
	'__defineGetter__',
	'__lookupGetter__',
];

function cloudStatus(status: string): unknown {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: 'waba-1',
				changes: [
					{
						field: 'messages',
						value: {
							metadata: { display_phone_number: '1000000001', phone_number_id: 'pn-1' },
							statuses: [
								{ id: 'wamid.1', status, timestamp: '1642531302', recipient_id: '1000000002' },
							],
						},
					},
				],
			},
		],
	};
}

/** A Cloud API message of type `type` that also has an own field of that name (JSON, so `__proto__` is one). */
function cloudMessage(type: string): unknown {
	return JSON.parse(
		JSON.stringify({
			object: 'whatsapp_business_account',
			entry: [{ changes: [{ value: { messages: [{ from: '1', id: 'wamid.P', type }] } }] }],
		}).replace('"type":', `"${type}":{"caption":"own","body":"own"},"type":`),
	) as unknown;
}

describe('prototype keys in callbacks', () => {
	it.each(PROTOTYPE_KEYS)('a Cloud API message of type "%s" reads no prototype member', (key) => {
		const [event] = decodeWhatsAppCloudCallback(cloudMessage(key)).events;
		expect(event.event).toBe('message');
		expect(event.message).toEqual({ type: key.toLowerCase() });
		// The message's own field of that name is what is read, never Object.prototype's.
		expect(event.text).toBe('own');
		const bare = decodeWhatsAppCloudCallback({
			object: 'whatsapp_business_account',
			entry: [{ changes: [{ value: { messages: [{ from: '1', id: 'wamid.Q', type: key }] } }] }],
		}).events[0];
		expect(bare.message).toEqual({ type: key.toLowerCase() });
		expect(bare.text).toBeNull();
	});

	it.each(PROTOTYPE_KEYS)('a Sinch message of type "%s" is only that type', (key) => {
		const [event] = decodeSinchLatamCallback(sinchBatch(sinchInbound('p-1', { type: key }))).events;
		expect(event.message).toEqual({ type: key.toLowerCase() });
	});

	it.each(PROTOTYPE_KEYS)('a Messangi entry of type "%s" is no WhatsApp message', (key) => {
		const body = JSON.parse(
			`{"from":"+1000000002","id":"m-1","type":${JSON.stringify(key)},${JSON.stringify(key)}:{"caption":"x"}}`,
		) as unknown;
		expect(decodeMessangiCallback(body).events).toEqual([]);
	});

	it('contact cards, locations and media named like prototype members read as absent', () => {
		const body = JSON.parse(
			'{"from":"+1000000002","id":"m-2","type":"contacts","contacts":[{"name":{"constructor":"x"},"phones":[{"__proto__":{"phone":"1"}}],"emails":"toString"}]}',
		) as unknown;
		const [event] = decodeMessangiCallback(body).events;
		expect(event.message?.contacts).toEqual([
			{ name: null, phones: [], emails: [], raw: expect.any(Object) },
		]);
	});

	it.each(PROTOTYPE_KEYS)('a Cloud API status "%s" is no state', (key) => {
		const decoded = decodeWhatsAppCloudCallback(cloudStatus(key));
		expect(decoded.events.filter((e) => e.event === 'status')).toEqual([]);
		// A real state in the same shape still is one.
		expect(decodeWhatsAppCloudCallback(cloudStatus('read')).events[0].status?.state).toBe('read');
	});

	it.each(PROTOTYPE_KEYS)('a Messangi status "%s" is no state', (key) => {
		const decoded = decodeMessangiCallback(messangiStatus(key));
		expect(decoded.events.some((e) => e.status !== undefined)).toBe(false);
	});

	it.each(PROTOTYPE_KEYS)('a Sinch stage status "%s" is no state and no known failure', (key) => {
		const decoded = decodeSinchLatamCallback(
			sinchBatch(sinchStatus('s-1', [], { sent: false, sentStatus: key })),
		);
		for (const event of decoded.events) {
			expect(event.status?.state).not.toBe('failed');
			expect(event.status?.error ?? '').not.toMatch(/function|\[native code\]/);
		}
	});

	it('a Messangi failure named like a prototype member reads as unknown, not as a table entry', () => {
		const decoded = decodeMessangiCallback(messangiStatus('FAILED', { reason: undefined }));
		expect(decoded.events[0].status?.error).toBe('Messangi reported the message as failed.');
		expect(own({ a: 1 }, 'constructor')).toBeUndefined();
		expect(own({ a: 1 }, 'a')).toBe(1);
	});

	it('reads no prototype member through child(), whatever the key', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string()),
				fc.dictionary(fc.string(), fc.jsonValue()),
				(key, record) => {
					const parsed = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
					const value = child(parsed as never, key);
					const ownValue = Object.prototype.hasOwnProperty.call(parsed, key)
						? parsed[key]
						: undefined;
					if (ownValue !== null && typeof ownValue === 'object' && !Array.isArray(ownValue))
						expect(value).toBe(ownValue);
					else expect(value).toEqual({});
				},
			),
			{ seed: 20261206, numRuns: 2000 },
		);
	});

	it('decodes any status name to a real state or none (Cloud API and Messangi)', () => {
		const states = ['queued', 'sent', 'delivered', 'read', 'failed'];
		fc.assert(
			fc.property(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string()), (name) => {
				for (const decoded of [
					decodeWhatsAppCloudCallback(cloudStatus(name)),
					decodeMessangiCallback(messangiStatus(name)),
				]) {
					for (const event of decoded.events)
						if (event.status) expect(states).toContain(event.status.state);
				}
			}),
			{ seed: 20261206, numRuns: 1000 },
		);
	});
});
