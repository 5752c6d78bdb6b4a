/**
 * Faults against the local mock provider (issue "Hostile input, faults and secrets" — Faults):
 * 429 then 200; 420 with Retry-After; 500; 503; a timeout; a connection reset; a 200 whose body is
 * not JSON; a refused connection. For each, with N items and Continue On Fail on and off:
 *
 * - the retry behaviour promised: 420, 429, 503 and refused connections are retried with exponential
 *   backoff and jitter, honouring Retry-After, up to `maxRetries` (default 3); a request that may
 *   have reached the provider (timeout, reset, other 5xx) is retried only with `retryUncertain`;
 * - no message is sent twice unless the user opted in (requests counted per recipient);
 * - every input item ends as an output item or an error item that says what happened
 *   (items in = items out); without Continue On Fail the node throws an error that says it.
 *
 * `sleep` from n8n-workflow is replaced to record the waits the node asks for without waiting them
 * (so the suite stays fast); the Retry-After test waits for real and measures the gap at the mock.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';
import { createServer, type AddressInfo } from 'net';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';
import {
	startMockProvider,
	type MockProvider,
	type MockProviderName,
	type ScriptedResponse,
} from '../mock-provider';

/** Tests that measure real waits set this; the others only record the waits asked for. */
const mockClock = { real: false };
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return {
		...actual,
		sleep: jest.fn(async (ms: number) =>
			mockClock.real && ms <= 5_000 ? actual.sleep(ms) : undefined,
		),
	};
});
const sleeps = () => (sleep as unknown as jest.Mock).mock.calls.map(([ms]) => ms as number);

jest.setTimeout(30_000);

let mock: MockProvider;
beforeAll(async () => {
	mock = await startMockProvider();
});
beforeEach(() => {
	(sleep as unknown as jest.Mock).mockClear();
	mockClock.real = false;
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const N = 5;
const PROVIDERS: MockProviderName[] = ['messangi', 'sinchLatam'];
const phone = (i: number) => `+55 19 90000-${String(1000 + i).padStart(4, '0')}`;
const digits = (i: number) => `551990000${1000 + i}`;

const credentials = (baseUrl = mock.url) => ({
	messangiApi: { apiKey: 'test-messangi-key', baseUrl: `${baseUrl}/messangi` },
	sinchLatamApi: {
		userName: 'test-user',
		authenticationToken: 'test-token',
		baseUrl: `${baseUrl}/sinch`,
	},
});

function params(provider: MockProviderName, options: IDataObject, sameText = false) {
	return (i: number): IDataObject => ({
		provider,
		operation: 'send',
		to: phone(i),
		from: '15550001111',
		defineMessage: 'fields',
		messageType: 'buttons',
		bodyText: sameText
			? 'Our shop opens on Sunday. Will you come?'
			: `Appointment ${i}: will you come?`,
		buttons: {
			button: [
				{ id: 'yes', title: 'Yes' },
				{ id: 'no', title: 'No' },
			],
		},
		options,
	});
}

interface Outcome {
	items?: INodeExecutionData[];
	error?: Error;
	/** Attempts the node made (the test context records each HTTP call). */
	calls: number;
}

async function run(
	provider: MockProviderName,
	options: IDataObject,
	continueOnFail: boolean,
	items = N,
	baseUrl?: string,
): Promise<Outcome> {
	const ctx = executeContext({
		params: params(provider, options, options.broadcastBatching === true),
		items,
		continueOnFail,
		credentials: credentials(baseUrl),
	});
	try {
		const [out] = await new WhatsAppInteractive().execute.call(ctx);
		return { items: out, calls: ctx.calls.length };
	} catch (error) {
		return { error: error as Error, calls: ctx.calls.length };
	}
}

/** Recipient (digits) of each request the mock received, in arrival order. */
function recipients(provider: MockProviderName): string[] {
	return mock.requests
		.filter((r) => r.provider === provider)
		.flatMap((r) => {
			const body = r.body as any;
			if (provider === 'messangi') return [String(body?.request?.to ?? '').replace('+', '')];
			return ((body?.destinations ?? []) as any[]).map((d) => String(d.destination));
		});
}

function requestsPer(provider: MockProviderName): Map<string, number> {
	const counts = new Map<string, number>();
	for (const to of recipients(provider)) counts.set(to, (counts.get(to) ?? 0) + 1);
	return counts;
}

/** The recipient that got the first scripted answer (it arrived first). */
const firstRecipient = (provider: MockProviderName) => recipients(provider)[0];

/** The requests the mock received for one recipient, in arrival order. */
const requestsTo = (provider: MockProviderName, to: string) =>
	mock.requests.filter(
		(r) =>
			r.provider === provider &&
			JSON.stringify(r.body).includes(`"${provider === 'messangi' ? '+' : ''}${to}"`),
	);

function expectAllAccepted(out: Outcome) {
	expect(out.error).toBeUndefined();
	expect(out.items).toHaveLength(N);
	out.items!.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(item.json.status).toBe('accepted');
		expect(String(item.json.to).replace('+', '')).toBe(digits(i));
	});
}

/** Items in = items out; the failed item says `what`; the others were accepted. */
function expectOneErrorItem(out: Outcome, failed: number, what: RegExp, description?: RegExp) {
	expect(out.error).toBeUndefined();
	expect(out.items).toHaveLength(N);
	out.items!.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		if (i === failed) {
			expect(item.json.error).toMatch(what);
			if (description) expect((item.json.details as any).description).toMatch(description);
			// Only error and details: n8n then keeps the item as it is and can route it to an error output.
			expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
		} else {
			expect(item.json.status).toBe('accepted');
			expect(item.json.error).toBeUndefined();
		}
	});
}

function expectThrown(out: Outcome, what: RegExp, failed: number) {
	expect(out.items).toBeUndefined();
	expect(out.error).toBeInstanceOf(NodeApiError);
	expect(out.error!.message).toMatch(what);
	expect((out.error as NodeApiError).context.itemIndex).toBe(failed);
}

const UNCERTAIN = /may or may not have accepted the message, so it was not retried/;

describe.each(PROVIDERS)('%s', (provider) => {
	const enqueue = (...responses: ScriptedResponse[]) => mock.enqueueFor(provider, ...responses);

	describe('429 then 200', () => {
		it.each([true, false])(
			'is retried once after an exponential wait with jitter; every item accepted (continueOnFail %s)',
			async (continueOnFail) => {
				enqueue({ status: 429 });
				const out = await run(provider, {}, continueOnFail);
				expectAllAccepted(out);
				const counts = requestsPer(provider);
				expect([...counts.values()].sort()).toEqual([1, 1, 1, 1, 2]);
				expect(counts.get(firstRecipient(provider))).toBe(2);
				expect(sleeps()).toHaveLength(1);
				expect(sleeps()[0]).toBeGreaterThanOrEqual(250);
				expect(sleeps()[0]).toBeLessThanOrEqual(500);
			},
		);

		it('three 429s then 200: waits grow exponentially (with jitter) and the 4th attempt goes through (maxRetries 3, the default)', async () => {
			enqueue({ status: 429 }, { status: 429 }, { status: 429 });
			const out = await run(provider, { concurrency: 1 }, false);
			expectAllAccepted(out);
			expect(requestsPer(provider).get(digits(0))).toBe(4);
			const waits = sleeps();
			expect(waits).toHaveLength(3);
			[
				[250, 500],
				[500, 1000],
				[1000, 2000],
			].forEach(([low, high], k) => {
				expect(waits[k]).toBeGreaterThanOrEqual(low);
				expect(waits[k]).toBeLessThanOrEqual(high);
			});
		});

		it.each([true, false])(
			'more 429s than Max Retries: the item fails saying so after maxRetries + 1 attempts (continueOnFail %s)',
			async (continueOnFail) => {
				enqueue({ status: 429 }, { status: 429 }, { status: 429 });
				const out = await run(provider, { concurrency: 1, maxRetries: 2 }, continueOnFail);
				expect(requestsPer(provider).get(digits(0))).toBe(3);
				const what = /answered HTTP 429.*after 3 attempts/;
				if (continueOnFail) {
					expectOneErrorItem(out, 0, what, /limiting requests/);
					expect((out.items![0].json.details as any).httpCode).toBe('429');
				} else {
					expectThrown(out, what, 0);
					// Nothing is sent after the node has decided to fail (concurrency 1).
					expect(recipients(provider)).toEqual([digits(0), digits(0), digits(0)]);
				}
			},
		);

		it('Max Retries 0: a 429 is not retried', async () => {
			enqueue({ status: 429 });
			const out = await run(provider, { concurrency: 1, maxRetries: 0 }, true);
			expectOneErrorItem(out, 0, /answered HTTP 429/);
			expect(out.items![0].json.error).not.toMatch(/attempts/);
			expect(requestsPer(provider).get(digits(0))).toBe(1);
			expect(sleeps()).toEqual([]);
		});
	});

	describe('420 with Retry-After', () => {
		it.each([true, false])(
			'waits the seconds the provider asked for, then succeeds (continueOnFail %s)',
			async (continueOnFail) => {
				mockClock.real = true;
				enqueue({ status: 420, headers: { 'Retry-After': '1' } });
				const out = await run(provider, {}, continueOnFail);
				expectAllAccepted(out);
				const attempts = requestsTo(provider, firstRecipient(provider));
				expect(attempts).toHaveLength(2);
				expect(attempts[0].answeredWith).toBe(420);
				expect(
					attempts[1].receivedAt - (attempts[0].answeredAt ?? attempts[0].receivedAt),
				).toBeGreaterThanOrEqual(950);
				expect(sleeps()).toEqual([1000]);
			},
		);

		it('honours Retry-After given as an HTTP date', async () => {
			enqueue({
				status: 420,
				headers: { 'Retry-After': new Date(Date.now() + 2_000).toUTCString() },
			});
			const out = await run(provider, { concurrency: 1 }, true);
			expectAllAccepted(out);
			expect(sleeps()).toHaveLength(1);
			// A second-resolution date: between 1 and 2 seconds from now.
			expect(sleeps()[0]).toBeGreaterThan(900);
			expect(sleeps()[0]).toBeLessThanOrEqual(2_000);
		});

		it('420 on every attempt: fails after maxRetries + 1 attempts, each after the wait asked for', async () => {
			enqueue(
				...Array.from({ length: 3 }, () => ({ status: 420, headers: { 'Retry-After': '0' } })),
			);
			const out = await run(provider, { concurrency: 1, maxRetries: 2 }, true);
			expectOneErrorItem(out, 0, /answered HTTP 420.*after 3 attempts/, /limiting requests/);
			expect(sleeps()).toEqual([0, 0]);
		});
	});

	describe('500', () => {
		it.each([true, false])(
			'is not retried by default: sent once, and the item says it may have been delivered (continueOnFail %s)',
			async (continueOnFail) => {
				enqueue({ status: 500 });
				const out = await run(provider, { concurrency: 1 }, continueOnFail);
				if (continueOnFail) {
					expectOneErrorItem(out, 0, /answered HTTP 500/, UNCERTAIN);
					expect([...requestsPer(provider).values()]).toEqual([1, 1, 1, 1, 1]);
				} else {
					expectThrown(out, /answered HTTP 500/, 0);
					expect(recipients(provider)).toEqual([digits(0)]);
				}
				expect(sleeps()).toEqual([]);
			},
		);

		it('is retried when the user opted in (retryUncertain): sent twice, then accepted', async () => {
			enqueue({ status: 500 });
			const out = await run(provider, { concurrency: 1, retryUncertain: true }, false);
			expectAllAccepted(out);
			expect(requestsPer(provider).get(digits(0))).toBe(2);
			expect(sleeps()).toHaveLength(1);
		});

		it('502 and 504 behave like 500 (not retried by default)', async () => {
			enqueue({ status: 502 }, { status: 504 });
			const out = await run(provider, { concurrency: 1 }, true);
			expect(out.items).toHaveLength(N);
			expect(out.items![0].json.error).toMatch(/HTTP 502/);
			expect(out.items![1].json.error).toMatch(/HTTP 504/);
			expect([...requestsPer(provider).values()]).toEqual([1, 1, 1, 1, 1]);
		});
	});

	describe('503', () => {
		it.each([true, false])(
			'is retried (the provider refused before processing) and then accepted (continueOnFail %s)',
			async (continueOnFail) => {
				enqueue({ status: 503 });
				const out = await run(provider, {}, continueOnFail);
				expectAllAccepted(out);
				expect([...requestsPer(provider).values()].sort()).toEqual([1, 1, 1, 1, 2]);
				expect(sleeps()).toHaveLength(1);
			},
		);

		it.each([true, false])(
			'503 until Max Retries runs out: the item says so (continueOnFail %s)',
			async (continueOnFail) => {
				enqueue({ status: 503 }, { status: 503 });
				const out = await run(provider, { concurrency: 1, maxRetries: 1 }, continueOnFail);
				const what = /answered HTTP 503.*after 2 attempts/;
				if (continueOnFail) expectOneErrorItem(out, 0, what, /limiting requests/);
				else expectThrown(out, what, 0);
				expect(requestsPer(provider).get(digits(0))).toBe(2);
			},
		);
	});

	describe('timeout', () => {
		it.each([true, false])(
			'is not retried by default: sent once, the item says the provider did not answer in time (continueOnFail %s)',
			async (continueOnFail) => {
				enqueue({ kind: 'timeout' });
				const started = Date.now();
				const out = await run(provider, { concurrency: 1, timeout: 1000 }, continueOnFail);
				expect(Date.now() - started).toBeGreaterThanOrEqual(950);
				const what = /did not answer within 1000 ms/;
				if (continueOnFail) {
					expectOneErrorItem(out, 0, what, UNCERTAIN);
					expect([...requestsPer(provider).values()]).toEqual([1, 1, 1, 1, 1]);
				} else {
					expectThrown(out, what, 0);
					expect(recipients(provider)).toEqual([digits(0)]);
				}
			},
		);

		it('is retried when the user opted in (retryUncertain), then accepted', async () => {
			enqueue({ kind: 'timeout' });
			const out = await run(
				provider,
				{ concurrency: 1, timeout: 1000, retryUncertain: true },
				false,
			);
			expectAllAccepted(out);
			expect(requestsPer(provider).get(digits(0))).toBe(2);
		});
	});

	describe('connection reset', () => {
		it.each([true, false])(
			'is not retried by default: sent once, the item says the connection failed (continueOnFail %s)',
			async (continueOnFail) => {
				enqueue({ kind: 'reset' });
				const out = await run(provider, { concurrency: 1 }, continueOnFail);
				const what = /connection to .* failed \(ECONNRESET\)/;
				if (continueOnFail) {
					expectOneErrorItem(out, 0, what, UNCERTAIN);
					expect([...requestsPer(provider).values()]).toEqual([1, 1, 1, 1, 1]);
				} else {
					expectThrown(out, what, 0);
					expect(recipients(provider)).toEqual([digits(0)]);
				}
			},
		);

		it('is retried when the user opted in (retryUncertain), then accepted', async () => {
			enqueue({ kind: 'reset' });
			const out = await run(provider, { concurrency: 1, retryUncertain: true }, true);
			expectAllAccepted(out);
			expect(requestsPer(provider).get(digits(0))).toBe(2);
		});
	});

	describe('200 with a body that is not JSON', () => {
		it.each([true, false])(
			'is a success, never retried; the item keeps the answer and warns there is no message id (continueOnFail %s)',
			async (continueOnFail) => {
				enqueue({ status: 200, rawBody: 'not json', headers: { 'Content-Type': 'text/plain' } });
				const out = await run(provider, { concurrency: 1 }, continueOnFail);
				expectAllAccepted(out);
				expect([...requestsPer(provider).values()]).toEqual([1, 1, 1, 1, 1]);
				const item = out.items![0].json;
				expect(item.messageId).toBeNull();
				expect(item.warning).toMatch(/no message ID/);
				expect(item.response).toBe('not json');
				expect(out.items![1].json.messageId).toEqual(expect.any(String));
			},
		);

		it('a 200 claiming JSON but cut short is also a success, never retried', async () => {
			enqueue({
				status: 200,
				rawBody: '{"meta": {"transactionId": "abc',
				headers: { 'Content-Type': 'application/json' },
			});
			const out = await run(provider, { concurrency: 1 }, false);
			expectAllAccepted(out);
			expect([...requestsPer(provider).values()]).toEqual([1, 1, 1, 1, 1]);
		});
	});

	describe('connection refused', () => {
		let closedPort: number;
		beforeAll(async () => {
			const server = createServer();
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			closedPort = (server.address() as AddressInfo).port;
			await new Promise<void>((resolve) => server.close(() => resolve()));
		});

		it.each([true, false])(
			'is retried (nothing reached the provider) up to Max Retries, then every item says it could not reach it (continueOnFail %s)',
			async (continueOnFail) => {
				const out = await run(
					provider,
					{ maxRetries: 2 },
					continueOnFail,
					2,
					`http://127.0.0.1:${closedPort}`,
				);
				expect(out.calls).toBe(2 * 3);
				const what = /Could not reach .*\(ECONNREFUSED\) after 3 attempts/;
				if (continueOnFail) {
					expect(out.items).toHaveLength(2);
					out.items!.forEach((item, i) => {
						expect(item.pairedItem).toEqual({ item: i });
						expect(item.json.error).toMatch(what);
						expect((item.json.details as any).description).toMatch(/Base URL/);
					});
				} else {
					expectThrown(out, what, 0);
				}
				expect(sleeps()).toHaveLength(2 * 2);
			},
		);
	});
});

describe('Sinch broadcast batching: one request carries many items', () => {
	const batched = { broadcastBatching: true, concurrency: 1 };

	it('a 500 on the batch fails every item it carried, each with an error item; sent once', async () => {
		mock.enqueueFor('sinchLatam', { status: 500 });
		const out = await run('sinchLatam', batched, true);
		expect(mock.requests).toHaveLength(1);
		expect(out.items).toHaveLength(N);
		out.items!.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.error).toMatch(/answered HTTP 500/);
		});
	});

	it('a 429 on the batch retries the whole batch once; every item accepted with its own message id', async () => {
		mock.enqueueFor('sinchLatam', { status: 429 });
		const out = await run('sinchLatam', batched, false);
		expect(mock.requests).toHaveLength(2);
		expectAllAccepted(out);
		expect(new Set(out.items!.map((item) => item.json.messageId)).size).toBe(N);
	});

	it('a timeout on the batch: sent once, every item says so', async () => {
		mock.enqueueFor('sinchLatam', { kind: 'timeout' });
		const out = await run('sinchLatam', { ...batched, timeout: 1000 }, true);
		expect(mock.requests).toHaveLength(1);
		expect(out.items).toHaveLength(N);
		out.items!.forEach((item) => expect(item.json.error).toMatch(/did not answer within 1000 ms/));
	});
});

describe('many items, a mix of every fault: items in = items out, only refused requests repeated', () => {
	it.each(PROVIDERS)('%s: 40 items, 16 scripted faults, concurrency 4', async (provider) => {
		const faults: ScriptedResponse[] = [
			{ status: 429 },
			{ status: 420, headers: { 'Retry-After': '0' } },
			{ status: 500 },
			{ status: 503 },
			{ kind: 'timeout' },
			{ kind: 'reset' },
			{ status: 200, rawBody: 'not json' },
			{ status: 400 },
		];
		mock.enqueueFor(provider, ...faults, ...faults);
		const items = 40;
		const ctx = executeContext({
			params: params(provider, { timeout: 1000, concurrency: 4 }),
			items,
			continueOnFail: true,
			credentials: credentials(),
		});
		const [out] = await new WhatsAppInteractive().execute.call(ctx);
		expect(out).toHaveLength(items);
		let requests = 0;
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			const answers = requestsTo(provider, digits(i)).map((r) => r.answeredWith);
			requests += answers.length;
			expect(answers.length).toBeGreaterThanOrEqual(1);
			// Only requests the provider refused before processing them were sent again.
			for (const answer of answers.slice(0, -1)) expect([420, 429, 503]).toContain(answer);
			const last = answers[answers.length - 1];
			if (last === 200) {
				expect(item.json.status).toBe('accepted');
			} else {
				expect(item.json.error).toMatch(
					last === 'timeout'
						? /did not answer within 1000 ms/
						: last === 'reset'
							? /connection .* failed/
							: new RegExp(`answered HTTP ${last}`),
				);
			}
		});
		expect(requests).toBe(mock.requests.length);
		expect(mock.requests.length).toBeGreaterThan(items);
	});
});

describe('Retry-After longer than the node will wait (retry.ts MAX_RETRY_AFTER_MS = 120 s)', () => {
	// retry.ts documents: "Longest wait a `Retry-After` may impose; beyond this the item fails with the
	// provider's word." The node instead clamps the wait to 120 s and tries again, although the
	// provider said it would refuse until much later (a retry that can only be refused again, and
	// up to maxRetries × 2 minutes of a stuck execution).
	it.each(PROVIDERS)(
		"%s: a 429 with Retry-After: 3600 fails at once with the provider's answer, without waiting or retrying",
		async (provider) => {
			mock.enqueueFor(provider, { status: 429, headers: { 'Retry-After': '3600' } });
			const out = await run(provider, { concurrency: 1 }, true);
			expect(out.items).toHaveLength(N);
			expect(out.items![0].json.error).toMatch(/answered HTTP 429/);
			expect(sleeps().filter((ms) => ms > 5_000)).toEqual([]);
			expect(requestsPer(provider).get(digits(0))).toBe(1);
		},
	);
});
