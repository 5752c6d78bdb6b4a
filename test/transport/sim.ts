/**
 * A deterministic simulation of sending through a concurrency gate: virtual time, a provider
 * with a fixed latency and an optional in-flight limit (429 + Retry-After beyond it, answered at
 * once, as bench/limiter.ts and the mock provider's limit mode do), and optionally a client whose
 * CPU is the bottleneck (every answer costs the client `clientCpuMs` of serial work, as n8n's main
 * thread does). Each send is retried on 429 after Retry-After in the slot it had, as `http.ts` does. No real timers:
 * events run in time order and promises settle between events.
 */
import type { Gate, GateClock, GateSignal, Permit } from '../../nodes/shared/transport/limiter';

export interface SimProvider {
	latencyMs: number;
	/** Requests the provider works on at once; beyond that it answers 429 at once. */
	maxInFlight?: number;
	retryAfterMs?: number;
	/** A time-window limit instead: refuse everything before this time (ms of virtual time). */
	refuseAllUntil?: number;
	/** Serial client work per answer (models n8n's CPU per request). */
	clientCpuMs?: number;
	/** Extra latency when the provider works on this many requests (a provider that queues). */
	queueingMs?: (providerInFlight: number) => number;
	/** Latency varies by up to ± this many ms (deterministic pseudo-random); 0 = every answer after exactly latencyMs. */
	jitterMs?: number;
}

export interface SimResult {
	timeMs: number;
	requests: number;
	refused: number;
	/** Accepted sends per unit (1 each = every message sent exactly once). */
	acceptedPerUnit: number[];
	/** Most requests the client had under way at once. */
	clientMaxInFlight: number;
	/** Most requests the provider worked on at once. */
	providerMaxInFlight: number;
	/** Client in-flight count sampled at each send. */
	inFlightAtSend: number[];
}

class Heap {
	private items: Array<{ t: number; n: number; fn: () => void }> = [];
	private n = 0;
	push(t: number, fn: () => void) {
		// Sorted insert after every event due at the same time or earlier (stable: FIFO per time).
		let lo = 0;
		let hi = this.items.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.items[mid].t <= t) lo = mid + 1;
			else hi = mid;
		}
		this.items.splice(lo, 0, { t, n: this.n++, fn });
	}
	pop() {
		return this.items.shift();
	}
	get size() {
		return this.items.length;
	}
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export function simClock(): GateClock & { heap: Heap; time: number } {
	const clock = {
		heap: new Heap(),
		time: 0,
		now: () => clock.time,
		sleep: (ms: number) =>
			new Promise<void>((resolve) => clock.heap.push(clock.time + Math.max(0, ms), resolve)),
	};
	return clock;
}

export async function simulate(
	makeGate: (clock: GateClock) => Gate,
	units: number,
	provider: SimProvider,
	maxRetries = 10,
): Promise<SimResult> {
	const clock = simClock();
	const gate = makeGate(clock);
	const accepted = new Array<number>(units).fill(0);
	const inFlightAtSend: number[] = [];
	let requests = 0;
	let refused = 0;
	let providerInFlight = 0;
	let providerMax = 0;
	let clientInFlight = 0;
	let clientMax = 0;
	let cpuFreeAt = 0;
	let seed = 12345;
	const jitter = () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return ((seed / 2147483648) * 2 - 1) * (provider.jitterMs ?? 0);
	};

	/** One request: resolves when the client has processed the answer. */
	const call = (unit: number) =>
		new Promise<{ ok: boolean; retryAfterMs?: number }>((resolve) => {
			requests++;
			const arrive = clock.time;
			const deliver = (at: number, answer: { ok: boolean; retryAfterMs?: number }) => {
				clock.heap.push(at, () => {
					const cpu = provider.clientCpuMs ?? 0;
					if (cpu <= 0) return resolve(answer);
					cpuFreeAt = Math.max(cpuFreeAt, clock.time) + cpu;
					clock.heap.push(cpuFreeAt, () => resolve(answer));
				});
			};
			const refuseAll = provider.refuseAllUntil !== undefined && arrive < provider.refuseAllUntil;
			if (
				refuseAll ||
				(provider.maxInFlight !== undefined && providerInFlight >= provider.maxInFlight)
			) {
				refused++;
				deliver(arrive + 1, { ok: false, retryAfterMs: provider.retryAfterMs ?? 1000 });
				return;
			}
			providerInFlight++;
			providerMax = Math.max(providerMax, providerInFlight);
			const queueing = provider.queueingMs?.(providerInFlight) ?? 0;
			clock.heap.push(arrive + Math.max(1, provider.latencyMs + queueing + jitter()), () => {
				providerInFlight--;
				accepted[unit]++;
				deliver(clock.time, { ok: true });
			});
		});

	const send = async (unit: number) => {
		let permit: Permit | undefined;
		for (let attempt = 0; attempt <= maxRetries; attempt++) {
			permit = permit ? gate.renew(permit) : await gate.acquire();
			clientInFlight++;
			clientMax = Math.max(clientMax, clientInFlight);
			inFlightAtSend.push(permit.inFlight);
			const answer = await call(unit);
			clientInFlight--;
			const signal: GateSignal = answer.ok
				? { kind: 'success' }
				: { kind: 'rateLimited', retryAfterMs: answer.retryAfterMs };
			// As http.ts: a refused request keeps its slot while it waits for its retry.
			gate.release(permit, signal, !answer.ok && attempt < maxRetries);
			if (answer.ok) return;
			await clock.sleep(answer.retryAfterMs ?? 0);
		}
	};

	let done = false;
	const all = Promise.all(Array.from({ length: units }, (_, i) => send(i))).then(() => {
		done = true;
	});
	for (;;) {
		await settle();
		if (done) break;
		const next = clock.heap.pop();
		if (!next) throw new Error('simulation stalled: sends are waiting but nothing is scheduled');
		clock.time = next.t;
		next.fn();
	}
	await all;
	return {
		timeMs: clock.time,
		requests,
		refused,
		acceptedPerUnit: accepted,
		clientMaxInFlight: clientMax,
		providerMaxInFlight: providerMax,
		inFlightAtSend,
	};
}
