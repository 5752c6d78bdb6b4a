import { createHmac } from 'crypto';
import {
	decodeReference,
	encodeReference,
	MAX_REFERENCE_LENGTH,
	resumePath,
	signatureOf,
	type WaitReference,
} from '../../nodes/shared/wait/reference';

const SECRET = 'n8n-hmac-secret-for-tests';
/** What n8n 2.35 does in getSignedResumeUrl / validateUrlSignature: HMAC-SHA256 hex of path + query. */
const sign = (pathAndQuery: string) =>
	createHmac('sha256', SECRET).update(pathAndQuery).digest('hex');

const ref: WaitReference = {
	executionId: '123456789012',
	nodeId: '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95',
	waitId: 'mfx0p1q2',
	choice: 9,
	signature: sign(
		'/webhook-waiting/123456789012/3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95?k=9&w=mfx0p1q2',
	),
};

describe('wait reference', () => {
	test('round trip, and short enough for a Sinch row id (200) and button payload (256)', () => {
		const text = encodeReference(ref);
		expect(text.startsWith('wai1.')).toBe(true);
		expect(text.length).toBeLessThanOrEqual(100);
		expect(decodeReference(text)).toEqual(ref);
	});

	test('the rebuilt resume path is exactly what n8n signed', () => {
		const decoded = decodeReference(encodeReference(ref))!;
		const path = resumePath(decoded);
		const [unsigned, signature] = path.split('&signature=');
		expect(sign(`/webhook-waiting${unsigned}`)).toBe(signature);
	});

	test('node ids that are not UUIDs survive, as UTF-8', () => {
		for (const nodeId of ['a1', 'Ask the customer', 'ñandú-✓', 'x'.repeat(40)]) {
			expect(decodeReference(encodeReference({ ...ref, nodeId }))?.nodeId).toBe(nodeId);
		}
	});

	test('reads the signature out of a signed resume URL', () => {
		expect(
			signatureOf(`http://127.0.0.1:5678/webhook-waiting/1/n?k=0&w=a&signature=${ref.signature}`),
		).toBe(ref.signature);
		expect(() => signatureOf('http://127.0.0.1:5678/webhook-waiting/1/n?k=0&w=a')).toThrow(
			/without a signature/,
		);
	});

	test('malformed or altered references decode to null, never to a different wait', () => {
		const text = encodeReference(ref);
		const parts = text.split('.');
		const bad = [
			'',
			'wai1.',
			'wai2' + text.slice(4),
			text + '.x',
			parts.slice(0, 5).join('.'),
			[...parts.slice(0, 5), parts[5].slice(1)].join('.'),
			[...parts.slice(0, 5), parts[5] + 'A'].join('.'),
			[...parts.slice(0, 4), '01', parts[5]].join('.'),
			[...parts.slice(0, 4), '-1', parts[5]].join('.'),
			[parts[0], '12/34', ...parts.slice(2)].join('.'),
			[parts[0], parts[1], 'x' + parts[2].slice(1), ...parts.slice(3)].join('.'),
			[parts[0], parts[1], parts[2].slice(0, -1), ...parts.slice(3)].join('.'),
			[...parts.slice(0, 3), 'UPPER', ...parts.slice(4)].join('.'),
			'wai1.' + 'x'.repeat(MAX_REFERENCE_LENGTH),
		];
		for (const candidate of bad) expect(decodeReference(candidate)).toBeNull();
		expect(decodeReference(42)).toBeNull();
		expect(decodeReference(null)).toBeNull();
	});

	test('a changed signature character is still well formed: n8n is what refuses it', () => {
		const text = encodeReference(ref);
		const changed = text.slice(0, -2) + (text.at(-2) === 'A' ? 'B' : 'A') + text.slice(-1);
		const decoded = decodeReference(changed);
		expect(decoded).not.toBeNull();
		expect(decoded!.signature).not.toBe(ref.signature);
	});

	test('refuses to write what it could not read back', () => {
		expect(() => encodeReference({ ...ref, executionId: '1/2' })).toThrow();
		expect(() => encodeReference({ ...ref, waitId: 'A B' })).toThrow();
		expect(() => encodeReference({ ...ref, choice: 100 })).toThrow();
		expect(() => encodeReference({ ...ref, signature: 'abc' })).toThrow();
	});
});
