/**
 * The concurrency gates in virtual time (test/transport/sim.ts): scripted providers, a fake
 * clock, no timed assertions. Times below are virtual milliseconds.
 */
import {
	AdaptiveGate,
	FixedGate,
	INITIAL_LIMIT,
	type GateClock,
	type Permit,
} from '../../nodes/shared/transport/limiter';
import { simClock, simulate, type SimResult } from './sim';

const adaptive =
	(max = 200) =>
	(clock: GateClock) =>
		new AdaptiveGate(max, clock);
const fixed = (n: number) => (clock: GateClock) => new FixedGate(n, clock);

function expectEachSentOnce(result: SimResult) {
	expect(result.acceptedPerUnit.every((n) => n === 1)).toBe(true);
}

describe('AdaptiveGate against a provider with an in-flight limit (429 + Retry-After: 1 beyond)', () => {
	it.each([10, 50])(
		'limit %i, 50 ms: within 1.3x the floor, under 2 %% refused, every message once',
		async (limit) => {
			const result = await simulate(adaptive(), 1000, {
				latencyMs: 50,
				jitterMs: 5,
				maxInFlight: limit,
			});
			const floor = (1000 * 50) / limit;
			expectEachSentOnce(result);
			expect(result.timeMs).toBeLessThanOrEqual(1.3 * floor);
			expect(result.refused / result.requests).toBeLessThan(0.02);
		},
	);

	it('limit 200: never refused, reaches the limit, bounded by the ramp-up', async () => {
		const result = await simulate(adaptive(), 3000, {
			latencyMs: 50,
			jitterMs: 5,
			maxInFlight: 200,
		});
		expectEachSentOnce(result);
		expect(result.refused).toBe(0);
		expect(result.clientMaxInFlight).toBe(200);
		// Slow start doubles from 10 to 32 (2 round trips), then adds 16 per round trip (limited
		// slow start): 11 more to reach 200, with about 1,300 sent meanwhile. The rest goes at 200.
		const floor = (3000 * 50) / 200;
		expect(result.timeMs).toBeLessThan(floor + 14 * 50);
	});

	it('limited slow start: a provider limit anywhere from 40 to 200 draws at most 16 refusals, even with synchronous answers', async () => {
		for (const limit of [40, 50, 60, 75, 100, 150, 200]) {
			const result = await simulate(adaptive(), 1000, { latencyMs: 50, maxInFlight: limit });
			expectEachSentOnce(result);
			expect(result.refused).toBeLessThanOrEqual(16);
		}
	});

	it('perfectly synchronous answers (worst case for the slow-start overshoot): still every message once, few refusals', async () => {
		for (const limit of [10, 50]) {
			const result = await simulate(adaptive(), 1000, { latencyMs: 50, maxInFlight: limit });
			expectEachSentOnce(result);
			expect(result.refused / result.requests).toBeLessThan(0.05);
			// Refused requests wait their Retry-After (1 s) in their slot, so an early burst of them costs time.
			expect(result.timeMs).toBeLessThan(2.5 * ((1000 * 50) / limit));
		}
	});

	it("synchronous answers: the refused requests' retries are not refused again (only the slow-start overshoot and probes are)", async () => {
		// All answers of a round arrive together (as n8n handles them): the doubling from 10 to 20,
		// or limited slow start's +16 from 36 to 52, sends that many requests too many at once. Those
		// are refused; after their Retry-After they must go out below the provider's limit, not be
		// refused a second time.
		for (const [limit, overshoot] of [
			[10, 10],
			[50, 11],
		]) {
			const result = await simulate(adaptive(), 1000, { latencyMs: 50, maxInFlight: limit });
			expectEachSentOnce(result);
			// Probes above the learned limit after 32 and 64 round trips cost one refusal each at most.
			expect(result.refused).toBeLessThanOrEqual(overshoot + 2);
		}
	});

	it('after learning the limit it stays below it: refusals only from the first overshoot and rare probes', async () => {
		const result = await simulate(adaptive(), 5000, {
			latencyMs: 50,
			jitterMs: 5,
			maxInFlight: 10,
		});
		expectEachSentOnce(result);
		// 500 round trips at 10 in flight; probes after 32, 64, 128, 256 round trips.
		expect(result.refused).toBeLessThan(20);
		const late = result.inFlightAtSend.slice(-2000);
		expect(Math.max(...late)).toBeLessThanOrEqual(11);
	});

	it('never exceeds the user maximum', async () => {
		const result = await simulate(adaptive(7), 300, { latencyMs: 50, jitterMs: 5 });
		expectEachSentOnce(result);
		expect(result.clientMaxInFlight).toBe(7);
		expect(Math.max(...result.inFlightAtSend)).toBeLessThanOrEqual(7);
	});

	it('a maximum below the initial limit starts there', async () => {
		const result = await simulate(adaptive(3), 30, { latencyMs: 50 });
		expect(result.clientMaxInFlight).toBe(3);
	});
});

describe('AdaptiveGate against an unlimited provider', () => {
	it('grows to the maximum when answers stay fast', async () => {
		const result = await simulate(adaptive(), 2000, { latencyMs: 50, jitterMs: 5 });
		expect(result.clientMaxInFlight).toBe(200);
		expect(result.refused).toBe(0);
	});

	it("when the client is the bottleneck (n8n's CPU), as fast as sending everything at once", async () => {
		// 2 ms of serial client work per answer: at most 500 answers/s, whatever the concurrency.
		const cpuBound = { latencyMs: 50, jitterMs: 5, clientCpuMs: 2 };
		const result = await simulate(adaptive(), 1000, cpuBound);
		const all = await simulate(fixed(1000), 1000, cpuBound);
		expect(result.timeMs).toBeLessThan(1.1 * all.timeMs);
		expect(result.clientMaxInFlight).toBeLessThanOrEqual(200);
	});

	it('backs off when latency rises with concurrency (a provider that queues beyond 40 requests)', async () => {
		const queueing = {
			latencyMs: 50,
			jitterMs: 5,
			queueingMs: (n: number) => Math.max(0, n - 40) * 10,
		};
		const result = await simulate(adaptive(), 2000, queueing);
		expectEachSentOnce(result);
		// Without the guard it would go to 200 in flight, at 1.6 s per answer. The long-term
		// average it compares with absorbs part of the queueing of the first round trips (it is
		// built to tolerate a slow, busy machine), so it settles at about half of that.
		const late = result.inFlightAtSend.slice(-1000);
		expect(late.reduce((a, b) => a + b, 0) / late.length).toBeLessThan(120);
		const unguarded = await simulate(fixed(200), 2000, queueing);
		expect(result.timeMs).toBeLessThan(unguarded.timeMs);
	});
});

describe('AdaptiveGate against a provider that refuses everything for a while (time-window limit)', () => {
	it('pauses for Retry-After instead of sending a stream of refused requests', async () => {
		const result = await simulate(adaptive(), 200, {
			latencyMs: 50,
			refuseAllUntil: 3000,
			retryAfterMs: 1000,
		});
		expectEachSentOnce(result);
		// Without a pause each of the 200 items would be refused about 3 times (600 refusals).
		expect(result.refused).toBeLessThan(120);
		expect(result.timeMs).toBeGreaterThanOrEqual(3000);
	});
});

describe('FixedGate', () => {
	it('keeps exactly N in flight', async () => {
		const result = await simulate(fixed(20), 400, { latencyMs: 50 });
		expectEachSentOnce(result);
		expect(result.clientMaxInFlight).toBe(20);
		expect(result.timeMs).toBe(1000);
	});

	it('above a provider limit: refusals, but every message once', async () => {
		const result = await simulate(fixed(100), 1000, { latencyMs: 50, maxInFlight: 50 });
		expectEachSentOnce(result);
		expect(result.refused).toBeGreaterThan(0);
	});
});

describe('gate mechanics', () => {
	const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

	it('starts with INITIAL_LIMIT requests; a held slot stays taken for the retry', async () => {
		const clock = simClock();
		const gate = new AdaptiveGate(200, clock);
		const permits: Permit[] = [];
		let waiting = 0;
		for (let i = 0; i < INITIAL_LIMIT + 1; i++) {
			waiting++;
			void gate.acquire().then((p) => {
				waiting--;
				permits.push(p);
			});
		}
		await settle();
		expect(permits).toHaveLength(INITIAL_LIMIT);
		gate.release(permits[0], { kind: 'neutral' }, true);
		await settle();
		expect(waiting).toBe(1);
		const retry = gate.renew(permits[0]);
		expect(retry.seq).toBe(INITIAL_LIMIT + 1);
		gate.release(retry, { kind: 'success' });
		await settle();
		expect(waiting).toBe(0);
	});

	it('one burst of refusals is one decrease, not one per refused request', async () => {
		const clock = simClock();
		const gate = new AdaptiveGate(200, clock);
		const permits = await Promise.all(Array.from({ length: INITIAL_LIMIT }, () => gate.acquire()));
		// The answer for the request sent at 10 in flight comes first: the limit drops to 0.8 x 10.
		for (const p of [...permits].reverse())
			gate.release(p, { kind: 'rateLimited', retryAfterMs: 0 });
		expect(gate.stats().decreases).toBe(1);
		expect(gate.stats().limit).toBe(Math.floor(INITIAL_LIMIT * 0.8));
	});

	it('a refused request sent after a decrease counts again, and the gate pauses when it reaches one', async () => {
		const clock = simClock();
		const gate = new AdaptiveGate(200, clock);
		for (let round = 0; round < 20 && gate.stats().pauses === 0; round++) {
			const p = await gate.acquire();
			gate.release(p, { kind: 'rateLimited', retryAfterMs: 5000 });
		}
		expect(gate.stats().pauses).toBe(1);
		// Paused: nothing is granted until the clock passes Retry-After.
		let granted = false;
		void gate.acquire().then(() => {
			granted = true;
		});
		await settle();
		expect(granted).toBe(false);
		const wake = clock.heap.pop()!;
		clock.time = wake.t;
		wake.fn();
		await settle();
		expect(granted).toBe(true);
		expect(clock.time).toBeGreaterThanOrEqual(5000);
	});
});
