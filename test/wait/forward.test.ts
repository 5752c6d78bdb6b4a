import type { NormalisedEvent } from '../../nodes/shared/model/event';
import {
	hopTarget,
	forwardTaps,
	readResumeAnswer,
	splitTaps,
	WAITING_ENDPOINT,
} from '../../nodes/shared/trigger/forward';
import { answerProof, localWaitingBase, type HopOutcome } from '../../nodes/shared/wait/hop';
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
	test('only replies whose id is a well-formed wait reference are taps; the rest are ordinary replies', () => {
		const events = [
			reply('buttonReply', reference),
			reply('listReply', 'row-1'),
			reply('listReply', 'wai1.broken'),
			reply('status', undefined),
		];
		const { taps, others } = splitTaps(events);
		expect(taps.map((t) => t.reference.executionId)).toEqual(['7']);
		expect(others).toEqual([events[1], events[2], events[3]]);
	});

	test('a Flow reply whose token is a wait reference is a tap (Form); one with another token, or none, is not', () => {
		const flowReply = (token: string | null): NormalisedEvent => ({
			...reply('status', undefined),
			event: 'flowReply',
			flow: { token, response: token === null ? null : { flow_token: token } },
		});
		const events = [flowReply(reference), flowReply('booking-1042'), flowReply(null)];
		// A text message whose text is a reference is no tap either.
		const typed: NormalisedEvent = {
			...reply('status', undefined),
			event: 'message',
			text: reference,
		};
		const { taps, others } = splitTaps([...events, typed]);
		expect(taps.map((t) => t.event)).toEqual([events[0]]);
		expect(others).toEqual([events[1], events[2], typed]);
	});

	test('the hop goes to the address the callback arrived at, not to the public URL', () => {
		const at = (localAddress: string, originalUrl: string, encrypted = false) =>
			localWaitingBase(
				{ socket: { localAddress, localPort: 5678, encrypted }, originalUrl },
				'abc',
				WAITING_ENDPOINT,
			);
		expect(at('127.0.0.1', '/webhook/abc/webhook')).toBe('http://127.0.0.1:5678/webhook-waiting');
		expect(at('127.0.0.1', '/webhook-test/abc/webhook?secret=x')).toBe(
			'http://127.0.0.1:5678/webhook-waiting',
		);
		expect(at('::1', '/webhook/abc/webhook')).toBe('http://[::1]:5678/webhook-waiting');
		expect(at('::ffff:10.1.2.3', '/webhook/abc/webhook')).toBe(
			'http://10.1.2.3:5678/webhook-waiting',
		);
		expect(at('10.1.2.3', '/webhook/abc/webhook', true)).toBe(
			'https://10.1.2.3:5678/webhook-waiting',
		);
		expect(at('127.0.0.1', '/webhook/other/webhook')).toBeNull();
		expect(
			localWaitingBase({ originalUrl: '/webhook/abc/webhook' }, 'abc', WAITING_ENDPOINT),
		).toBeNull();
		expect(
			localWaitingBase(
				{
					socket: { localAddress: '127.0.0.1', localPort: 5678 },
					originalUrl: '/webhook/abc/webhook',
				},
				undefined,
				WAITING_ENDPOINT,
			),
		).toBeNull();
	});

	describe("n8n's answers: final only when the node's own or n8n's own words that the wait is over", () => {
		const proof = 'p'.repeat(64);
		const own = (outcome: HopOutcome) => answerProof(proof, outcome);
		test.each([
			['the node resumed it', 200, { resumed: true, proof: own('resumed') }, 'resumed'],
			[
				'another number',
				403,
				{ resumed: false, reason: 'otherRecipient', proof: own('otherRecipient') },
				'otherRecipient',
			],
			[
				'an earlier message',
				409,
				{ resumed: false, reason: 'otherMessage', proof: own('otherMessage') },
				'otherMessage',
			],
			[
				'not waiting',
				409,
				{ resumed: false, reason: 'notWaiting', proof: own('notWaiting') },
				'notWaiting',
			],
			[
				'no such choice',
				400,
				{ resumed: false, reason: 'unknownChoice', proof: own('unknownChoice') },
				'unknownChoice',
			],
			[
				"n8n 2.x: the reference's signature is wrong",
				401,
				'<html><head><title>Invalid Form Link</title></head></html>',
				'tampered',
			],
			["n8n 1.x: the reference's signature is wrong", 401, { error: 'Invalid token' }, 'tampered'],
			[
				'the execution has finished',
				200,
				'<html><head><title>No action required</title></head></html>',
				'notWaiting',
			],
			[
				'the execution does not exist',
				404,
				{ code: 404, message: 'The execution "9" does not exist.' },
				'notWaiting',
			],
			[
				'the execution failed',
				409,
				{ code: 409, message: 'The execution "9" has finished with error.' },
				'notWaiting',
			],
			[
				'the execution finished',
				409,
				{ code: 409, message: 'The execution "9 has finished already.' },
				'notWaiting',
			],
		])('%s: %s', (_name, status, body, reason) => {
			expect(readResumeAnswer(status as number, body, proof)).toBe(reason);
		});
		test.each([
			['"resumed" without the proof (a proxy, or anyone)', 200, { resumed: true }],
			[
				'"resumed" with the proof of another hop',
				200,
				{ resumed: true, proof: answerProof('q'.repeat(64), 'resumed') },
			],
			[
				'a refusal whose proof is for another outcome',
				409,
				{ resumed: false, reason: 'notWaiting', proof: own('otherMessage') },
			],
			[
				'the node refusing a hop it could not check',
				403,
				{ resumed: false, reason: 'unauthenticated' },
			],
			["n8n's starting-up page", 200, 'n8n is starting up. Please wait'],
			['any other 2xx page', 200, '<html>hello</html>'],
			["a proxy's 401", 401, '<html>401 Authorization Required</html>'],
			["a proxy's 404", 404, '<html>Not Found</html>'],
			[
				'the execution still running (its wait not stored yet, or another tap being taken)',
				409,
				{ code: 409, message: 'The execution "9" is running already.' },
			],
			[
				'another process resuming it',
				500,
				{ code: 500, message: 'Execution is already being resumed by another process' },
			],
			['a 5xx', 502, 'Bad Gateway'],
		])('%s: failed, so the provider sends it again', (_name, status, body) => {
			expect(readResumeAnswer(status as number, body, proof)).toBe('failed');
		});
	});
});

describe('the same tap twice while the first is being handed over', () => {
	/** A trigger's context whose hops wait until `answer` is called with n8n's reply. */
	function hopping() {
		const pending: Array<{
			body: { proof: string };
			reply: (status: number, body: unknown) => void;
		}> = [];
		const ctx = {
			logger: { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() },
			getNode: () => ({ webhookId: 'abc' }),
			getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/abc/webhook',
			getRequestObject: () => ({
				socket: { localAddress: '127.0.0.1', localPort: 5678, encrypted: false },
				originalUrl: '/webhook/abc/webhook',
			}),
			helpers: {
				httpRequest: jest.fn(
					(options: { body: { proof: string } }) =>
						new Promise((resolve) =>
							pending.push({
								body: options.body,
								reply: (statusCode, body) => resolve({ statusCode, body }),
							}),
						),
				),
			},
		} as unknown as Parameters<typeof hopTarget>[0];
		return { ctx, pending };
	}
	const tap = (waitId: string) => {
		const ref = encodeReference({
			executionId: '7',
			nodeId: '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95',
			waitId,
			choice: 0,
			signature: 'b'.repeat(64),
		});
		return splitTaps([reply('buttonReply', ref)]).taps;
	};
	const settled = async () => {
		for (let k = 0; k < 5; k++) await new Promise((resolve) => setImmediate(resolve));
	};

	test('the first hand-over fails: the second is not acknowledged either (the provider sends it again)', async () => {
		const { ctx, pending } = hopping();
		const first = forwardTaps(ctx, tap('abd'), true, hopTarget(ctx));
		await settled();
		const second = forwardTaps(ctx, tap('abd'), true, hopTarget(ctx));
		await settled();
		expect(pending).toHaveLength(1);
		pending[0].reply(503, 'n8n is starting');
		expect((await first)[0].reason).toBe('failed');
		expect((await second)[0].reason).toBe('failed');
	});

	test('the first resumes the wait: the second is "answered", once the first is stored', async () => {
		const { ctx, pending } = hopping();
		const first = forwardTaps(ctx, tap('abe'), true, hopTarget(ctx));
		await settled();
		let secondDone = false;
		const second = forwardTaps(ctx, tap('abe'), true, hopTarget(ctx)).then((outcome) => {
			secondDone = true;
			return outcome;
		});
		await settled();
		expect(secondDone).toBe(false);
		pending[0].reply(200, { resumed: true, proof: answerProof(pending[0].body.proof, 'resumed') });
		expect((await first)[0].reason).toBe('resumed');
		expect((await second)[0].reason).toBe('answered');
		expect(pending).toHaveLength(1);
	});
});
