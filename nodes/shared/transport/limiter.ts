/**
 * How many requests may be under way at once: a gate every attempt passes through.
 *
 * `FixedGate` keeps at most N requests in flight (the "Fixed" concurrency setting).
 *
 * `AdaptiveGate` (the default) finds the provider's limit by itself. It is TCP's congestion
 * control applied to concurrency instead of bytes:
 *
 * - **Slow start, then additive increase** (TCP Reno, RFC 5681): start with a few requests;
 *   every fast success adds one (doubling per round trip) until the first sign of trouble,
 *   then one per round trip (`+1/limit` per success).
 * - **Limited slow start** (RFC 3742): above `LIMITED_SLOW_START_ABOVE` requests in flight, slow
 *   start adds at most half of that per round trip instead of doubling. n8n handles answers in
 *   bursts, so a doubling round sends its extra requests nearly at once, and against a provider
 *   whose limit lies inside that round every one of them beyond the limit is refused (measured:
 *   40 -> 80 against a limit of 50 drew 30 refusals of 1,000). Growing by 16 per round trip
 *   bounds that overshoot; it costs a few round trips of ramp-up against a fast provider.
 * - **Multiplicative decrease on a refusal** (AIMD, Chiu & Jain 1989): 420, 429 and 503 are the
 *   provider saying "too many", the explicit signal AIMD was designed for. The limit drops to
 *   `BETA ×` the in-flight count that drew the refusal, once per round trip (refusals of requests
 *   sent before the drop belong to the same event, as in TCP's fast recovery).
 * - **A learned ceiling** (the idea of CUBIC's W_max, RFC 9438): a provider's in-flight limit is a
 *   fixed number, so after a refusal at N requests in flight the gate does not go to N again
 *   until it has had `FIRST_PROBE_ROUND_TRIPS` round trips of successes at the level below, and
 *   every refused probe doubles that. Plain AIMD
 *   would probe above the limit every few round trips and collect a refusal each time; against a
 *   provider allowing 10 at once that is several percent of all requests.
 * - **A latency guard** (the gradient of Netflix's concurrency-limits "Gradient2", a descendant of
 *   TCP Vegas): a refusal is not the only sign of overload. When the short-term round trip
 *   (an average of the last few answers) exceeds `LATENCY_TOLERANCE ×` the long-term one (an
 *   average over about `LONG_RTT_SAMPLES` answers), requests have started to queue somewhere (at
 *   the provider, or in n8n itself when its CPU is the bottleneck): the gate stops growing and
 *   lowers the limit by `LATENCY_BETA` per round trip while that lasts. Comparing with a long-term
 *   average rather than with the fastest answer ever seen (as Vegas does) matters in n8n: on a
 *   busy machine every answer is slow, and a Vegas-style guard would then shrink the limit to a
 *   few requests for nothing (measured: 1,000 sends took 35 s instead of 5 s on a loaded machine).
 *   Latency alone cannot find an in-flight cap (a provider refusing at its limit answers faster,
 *   not slower), which is why refusals and latency are both signals.
 * - **Retry-After for everyone when the provider refuses everything**: if refusals keep coming
 *   after `REFUSAL_EVENTS_BEFORE_PAUSE` decreases with no success in between, or at one request in
 *   flight (a time-window rate limit rather than an in-flight one), nothing is sent until the
 *   provider's Retry-After has passed. When only
 *   some requests are refused, the refused ones wait their Retry-After (in `http.ts`) and the others
 *   go on at the lower limit.
 *
 * The gate only decides when an attempt may start; which attempts may be repeated is `retry.ts`'s
 * call, so the gate never causes a message to be sent twice. Waiting uses the `sleep` it is given
 * (n8n-workflow's `sleep` in the node, a fake clock in tests).
 */
import { sleep } from 'n8n-workflow';

export interface GateClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** The clock of a run's gates: the wall clock and n8n's `sleep`. */
export const runClock: GateClock = { now: () => Date.now(), sleep };

/** What became of one attempt. */
export type GateSignal =
	| { kind: 'success' }
	/** 420, 429, 503 (nothing was processed). */
	| { kind: 'rateLimited'; retryAfterMs?: number }
	/** Timeouts, resets, other 5xx: the provider may be overloaded. */
	| { kind: 'overload' }
	/** Anything that says nothing about load (e.g. a 400 for a bad message). */
	| { kind: 'neutral' };

export interface Permit {
	/** Issue order, from 1. */
	readonly seq: number;
	readonly sentAt: number;
	/** Requests in flight when this one started, itself included. */
	readonly inFlight: number;
}

export interface GateStats {
	limit: number;
	maxInFlight: number;
	permits: number;
	refusals: number;
	decreases: number;
	pauses: number;
}

export interface Gate {
	/** Waits for a free slot (first come, first served). */
	acquire(): Promise<Permit>;
	/**
	 * Reports how the attempt went. With `hold`, the slot stays taken for a retry of the same
	 * request (`renew`): a request waiting out its Retry-After keeps its place, so that with one
	 * request at a time the messages still go out in input order.
	 */
	release(permit: Permit, signal: GateSignal, hold?: boolean): void;
	/** A new attempt in a slot kept with `hold`. */
	renew(permit: Permit): Permit;
	stats(): GateStats;
}

abstract class BaseGate implements Gate {
	protected inFlight = 0;
	protected seq = 0;
	protected maxInFlight = 0;
	protected refusals = 0;
	protected decreases = 0;
	protected pauses = 0;
	protected readonly waiters: Array<(permit: Permit) => void> = [];
	/** Issue numbers of the attempts under way (not the slots held for a Retry-After wait). */
	protected readonly outstanding = new Set<number>();

	constructor(protected readonly clock: GateClock) {}

	protected abstract allowed(): number;
	protected abstract learn(permit: Permit, signal: GateSignal): void;
	/** When sending may resume (ms epoch); 0 when not paused. */
	protected pausedUntil = 0;
	private waking = false;

	acquire(): Promise<Permit> {
		return new Promise<Permit>((resolve) => {
			this.waiters.push(resolve);
			this.pump();
		});
	}

	release(permit: Permit, signal: GateSignal, hold = false): void {
		this.inFlight--;
		this.outstanding.delete(permit.seq);
		if (signal.kind === 'rateLimited') this.refusals++;
		// The provider accepts again: whatever pause a refusal started is over.
		if (signal.kind === 'success') this.pausedUntil = 0;
		this.learn(permit, signal);
		if (hold) this.inFlight++;
		else this.pump();
	}

	renew(_permit: Permit): Permit {
		return this.issue();
	}

	private issue(): Permit {
		this.outstanding.add(++this.seq);
		return { seq: this.seq, sentAt: this.clock.now(), inFlight: this.inFlight };
	}

	/** Attempts issued before this one and still unanswered: the provider had them all when it answered this one. */
	protected olderUnderWay(permit: Permit): number {
		let n = 0;
		for (const seq of this.outstanding) if (seq < permit.seq) n++;
		return n;
	}

	stats(): GateStats {
		return {
			limit: this.allowed(),
			maxInFlight: this.maxInFlight,
			permits: this.seq,
			refusals: this.refusals,
			decreases: this.decreases,
			pauses: this.pauses,
		};
	}

	private pump(): void {
		if (this.pausedUntil > 0) {
			const wait = this.pausedUntil - this.clock.now();
			if (wait > 0) {
				// Sleep only if the pause is what holds a waiting request back (not a full gate).
				if (!this.waking && this.waiters.length > 0 && this.inFlight < this.allowed()) {
					this.waking = true;
					void this.clock.sleep(wait).then(() => {
						this.waking = false;
						this.pausedUntil = 0;
						this.pump();
					});
				}
				return;
			}
			this.pausedUntil = 0;
		}
		while (this.waiters.length > 0 && this.inFlight < this.allowed()) {
			const grant = this.waiters.shift()!;
			this.inFlight++;
			this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
			grant(this.issue());
		}
	}
}

/** At most `limit` requests at once. Still waits when the provider refuses everything. */
export class FixedGate extends BaseGate {
	private refusedSinceSuccess = 0;

	constructor(
		private readonly limit: number,
		clock: GateClock,
	) {
		super(clock);
	}

	protected allowed(): number {
		return Math.max(1, Math.floor(this.limit));
	}

	protected learn(_permit: Permit, signal: GateSignal): void {
		if (signal.kind === 'success') this.refusedSinceSuccess = 0;
		if (signal.kind !== 'rateLimited') return;
		this.refusedSinceSuccess++;
		// More refusals in a row than requests at once: the provider refuses everything.
		if (this.refusedSinceSuccess > this.allowed() && signal.retryAfterMs !== undefined) {
			this.pause(signal.retryAfterMs);
			this.refusedSinceSuccess = 0;
		}
	}

	private pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + Math.min(ms, PAUSE_MAX_MS));
		this.pauses++;
	}
}

/** Requests at once before anything is known about the provider (TCP's initial window, RFC 6928). */
export const INITIAL_LIMIT = 10;
/** Limit added per success in slow start: 1 doubles it per round trip. */
export const SLOW_START_GROWTH = 1;
/** Above this limit slow start grows by half of it per round trip (RFC 3742's max_ssthresh). */
export const LIMITED_SLOW_START_ABOVE = 32;
/** Multiplicative decrease after a refusal (of the in-flight count that drew it). */
export const BETA = 0.8;
/** Multiplicative decrease per round trip while latency is too high. */
export const LATENCY_BETA = 0.9;
/** Short-term round trip above this multiple of the long-term one = queueing. */
export const LATENCY_TOLERANCE = 2;
/** Added to the tolerance, so that a few ms of jitter on a fast provider is not mistaken for queueing. */
export const LATENCY_SLACK_MS = 10;
/** Weight of a new round trip in the short-term average. */
const SHORT_RTT_ALPHA = 0.2;
/** Answers the long-term average spans (its weight is 1 / this). */
export const LONG_RTT_SAMPLES = 500;
/**
 * Round trips (successes ÷ limit) before the gate tries the in-flight count a provider refused
 * again; doubles per refused probe. Long, because a refused request waits out its Retry-After:
 * a probe that costs one item a second is only worth it now and then.
 */
export const FIRST_PROBE_ROUND_TRIPS = 32;
const PROBE_ROUND_TRIPS_MAX = 1024;
/** Decreases for refusals, in a row with no success in between, that mean "the provider refuses everything". */
export const REFUSAL_EVENTS_BEFORE_PAUSE = 4;
/** Longest pause for everyone (as retry.ts's MAX_RETRY_AFTER_MS). */
const PAUSE_MAX_MS = 120_000;

/** Limit added per success in slow start: doubling per round trip, then RFC 3742's cap. */
function slowStartGrowth(limit: number): number {
	return limit <= LIMITED_SLOW_START_ABOVE
		? SLOW_START_GROWTH
		: LIMITED_SLOW_START_ABOVE / 2 / limit;
}

export class AdaptiveGate extends BaseGate {
	private limit: number;
	private slowStart = true;
	private longRtt = 0;
	private shortRtt = 0;
	private samples = 0;
	/** Lowest in-flight count a provider refused; the limit stays below it until a probe. */
	private ceiling = Infinity;
	private probeRoundTrips = FIRST_PROBE_ROUND_TRIPS;
	private successesAtCeiling = 0;
	/** Permits issued up to here belong to the last decrease (refusals among them are not new). */
	private recoverSeq = 0;
	/** Decreases for refusals since the last success. */
	private refusalEventsSinceSuccess = 0;

	constructor(
		private readonly max: number,
		clock: GateClock,
		initial = INITIAL_LIMIT,
	) {
		super(clock);
		this.limit = Math.min(Math.max(1, initial), Math.max(1, max));
	}

	protected allowed(): number {
		return Math.max(1, Math.min(this.max, Math.floor(this.limit)));
	}

	protected learn(permit: Permit, signal: GateSignal): void {
		switch (signal.kind) {
			case 'success':
				return this.onSuccess(permit, this.clock.now() - permit.sentAt);
			case 'rateLimited':
				return this.onRefusal(permit, signal.retryAfterMs);
			case 'overload':
				if (permit.seq > this.recoverSeq) this.decrease(this.limit * BETA);
				return;
			default:
				return;
		}
	}

	private onSuccess(permit: Permit, rtt: number): void {
		this.refusalEventsSinceSuccess = 0;
		// Accepted at this many in flight: the provider's limit is not below it.
		if (permit.seq > this.recoverSeq && permit.inFlight >= this.ceiling)
			this.ceiling = permit.inFlight + 1;
		this.samples++;
		// The long-term average starts as a plain mean, then rises by 1/LONG_RTT_SAMPLES per answer
		// and falls 10 times faster: our own queueing, added a little at a time, must not become
		// the new normal, while a machine that gets quieter is noticed soon.
		const weight = Math.min(
			this.samples,
			rtt > this.longRtt ? LONG_RTT_SAMPLES : LONG_RTT_SAMPLES / 10,
		);
		this.longRtt += (rtt - this.longRtt) / weight;
		this.shortRtt =
			this.samples === 1 ? rtt : this.shortRtt + SHORT_RTT_ALPHA * (rtt - this.shortRtt);
		if (this.shortRtt > this.longRtt * LATENCY_TOLERANCE + LATENCY_SLACK_MS) {
			this.slowStart = false;
			if (permit.seq > this.recoverSeq) this.decrease(this.limit * LATENCY_BETA);
			return;
		}
		// Grow only while the limit is what holds sending back (requests waiting, or every slot
		// in use): near the end of a run, or with few items, a larger limit would be unearned.
		if (this.waiters.length === 0 && this.inFlight + 1 < this.allowed()) return;
		const next =
			this.limit + (this.slowStart ? slowStartGrowth(this.limit) : 1 / Math.max(1, this.limit));
		if (next >= this.ceiling) {
			// At the learned ceiling: earn a probe before trying the refused level again.
			this.limit = Math.min(this.limit, this.belowCeiling());
			if (++this.successesAtCeiling >= this.probeRoundTrips * this.allowed()) {
				this.ceiling++;
				this.successesAtCeiling = 0;
			}
			return;
		}
		this.limit = Math.min(next, this.max);
	}

	private onRefusal(permit: Permit, retryAfterMs: number | undefined): void {
		if (permit.seq <= this.recoverSeq) return; // Sent before the last decrease: same event.
		// With one client, the provider cannot have had more of our requests than we had in flight,
		// so a refusal at N in flight means its limit is below N. (Other clients make it lower
		// still; a spurious refusal is corrected by the next success sent at N or more.)
		// The in-flight count at issue overstates what the provider had when many answers arrive
		// together (n8n handles them in bursts: the count still holds answered requests not yet
		// processed). The requests sent before this one and still unanswered now were at the
		// provider when it refused this one (429 comes at once), so that count is the better
		// measure of its limit.
		const refusedAt = Math.min(permit.inFlight, this.olderUnderWay(permit) + 1);
		if (refusedAt >= this.ceiling)
			this.probeRoundTrips = Math.min(this.probeRoundTrips * 2, PROBE_ROUND_TRIPS_MAX);
		this.ceiling = Math.max(2, Math.min(this.ceiling, refusedAt));
		this.successesAtCeiling = 0;
		// Decrease from what was in flight then or now, whichever is more: an early request of a
		// burst that is refused says little about the rest of it.
		// ... but never to the refused level or above: the first decrease of a burst that overshot
		// would otherwise leave the limit above the provider's, and the refused requests' retries
		// (all due at once after Retry-After) would be refused again.
		this.decrease(
			Math.min(
				Math.min(this.limit, Math.max(refusedAt, this.inFlight + 1)) * BETA,
				this.belowCeiling(),
			),
		);
		const refusingEverything =
			++this.refusalEventsSinceSuccess >= REFUSAL_EVENTS_BEFORE_PAUSE || this.allowed() <= 1;
		if (refusingEverything && retryAfterMs !== undefined) {
			this.pausedUntil = Math.max(
				this.pausedUntil,
				this.clock.now() + Math.min(retryAfterMs, PAUSE_MAX_MS),
			);
			this.pauses++;
		}
	}

	/** The highest limit that keeps requests in flight below the ceiling (`allowed()` floors it). */
	private belowCeiling(): number {
		return this.ceiling - 1 + 0.999;
	}

	private decrease(to: number): void {
		this.slowStart = false;
		this.limit = Math.max(1, Math.min(this.limit, to));
		this.recoverSeq = this.seq;
		this.decreases++;
	}
}
