import type { NormalisedEvent } from '../../nodes/shared/model/event';
import { readResumeAnswer, splitTaps, waitingBaseUrl } from '../../nodes/shared/trigger/forward';
import { encodeReference } from '../../nodes/shared/wait/reference';

const reference = encodeReference({
	executionId: '7',
	nodeId: '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95',
	waitId: 'abc',
	choice: 0,
	signature: 'a'.repeat(64),
});

function reply(
	event: 'buttonReply' | 'listReply' | 'status',
	id: string | undefined,
): NormalisedEvent {
	return {
		event,
		provider: 'sinchLatam',
		messageId: 'm',
		correlationId: null,
		from: '5519900001111',
		to: null,
		timestamp: null,
		contactName: null,
		...(id === undefined ? {} : { reply: { id, title: 'Yes' } }),
		raw: {},
	};
}

describe('forwarding taps', () => {
	test('only replies whose id is a wait reference are taps; malformed ones are taps with no reference', () => {
		const events = [
			reply('buttonReply', reference),
			reply('listReply', 'row-1'),
			reply('listReply', 'wai1.broken'),
			reply('status', undefined),
		];
		const { taps, others } = splitTaps(events);
		expect(taps.map((t) => t.reference?.executionId ?? null)).toEqual(['7', null]);
		expect(others).toEqual([events[1], events[3]]);
	});

	test("the target is this n8n's own waiting-webhook base, from the trigger's production URL", () => {
		expect(waitingBaseUrl('http://127.0.0.1:5678/webhook/abc/webhook', 'abc')).toBe(
			'http://127.0.0.1:5678/webhook-waiting',
		);
		expect(waitingBaseUrl('https://n8n.example.com/sub/path/webhook/abc/webhook', 'abc')).toBe(
			'https://n8n.example.com/sub/path/webhook-waiting',
		);
		expect(waitingBaseUrl('https://n8n.example.com/hooks/abc/webhook', 'abc')).toBe(
			'https://n8n.example.com/webhook-waiting',
		);
		expect(waitingBaseUrl('https://n8n.example.com/webhook/other/webhook', 'abc')).toBeNull();
		expect(waitingBaseUrl('ftp://n8n.example.com/webhook/abc/webhook', 'abc')).toBeNull();
		expect(waitingBaseUrl(undefined, 'abc')).toBeNull();
		expect(waitingBaseUrl('http://127.0.0.1/webhook/abc/webhook', undefined)).toBeNull();
	});

	test("n8n's answers", () => {
		expect(readResumeAnswer(200, { resumed: true })).toBe('resumed');
		expect(readResumeAnswer(403, { resumed: false, reason: 'otherRecipient' })).toBe(
			'otherRecipient',
		);
		expect(readResumeAnswer(409, { resumed: false, reason: 'otherMessage' })).toBe('otherMessage');
		expect(readResumeAnswer(409, { resumed: false, reason: 'notWaiting' })).toBe('notWaiting');
		expect(readResumeAnswer(401, '<html>invalid token</html>')).toBe('tampered');
		expect(readResumeAnswer(200, '<html>no action required</html>')).toBe('notWaiting');
		expect(readResumeAnswer(404, { message: 'The execution "9" does not exist.' })).toBe(
			'notWaiting',
		);
		expect(readResumeAnswer(409, { message: 'running already' })).toBe('notWaiting');
		expect(readResumeAnswer(500, { message: 'boom' })).toBe('failed');
	});
});
