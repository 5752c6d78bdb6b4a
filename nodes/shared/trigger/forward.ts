/**
 * Taps on a Send and Wait for Response message: a button reply or list reply whose id is a wait
 * reference (`../wait/reference.ts`). The trigger does not put them on its outputs; it hands each
 * to the waiting execution's resume webhook on this same n8n process (`../wait/hop.ts`): on the
 * address the callback arrived at, never a host named by the callback, with a proof that only this
 * process can make. n8n checks the reference's signature; the waiting node checks the proof, that
 * the tap answers the wait under way and that it comes from the number asked.
 *
 * A tap counts as handled only on an answer that settles it: the node's own answer (its proof
 * checked), or n8n's own words that the wait is over. Anything else (n8n starting up, an error,
 * a time-out) is `failed`, and the trigger answers the callback with an error so the provider
 * sends it again.
 */
import type { IWebhookFunctions } from 'n8n-workflow';
import type { CallbackContext } from './context';
import type { NormalisedEvent } from '../model/event';
import { parsePhone } from '../model/phone';
import { isRecord } from '../model/values';
import {
	checkAnswerProof,
	CHECKED_OUTCOMES,
	hopProof,
	localWaitingBase,
	type HopBody,
} from '../wait/hop';
import { decodeReference, resumePath, type WaitReference } from '../wait/reference';

/** n8n's default path for waiting webhooks (`N8N_ENDPOINT_WEBHOOK_WAIT`). */
export const WAITING_ENDPOINT = 'webhook-waiting';
const FORWARD_TIMEOUT_MS = 15_000;
/** Taps handed to n8n at the same time, per callback. */
export const FORWARD_CONCURRENCY = 4;
/** Taps one callback may carry; a person taps one message at a time, so more is not a person. */
export const MAX_TAPS_PER_CALLBACK = 50;

export type TapReason =
	| 'resumed'
	/** n8n refused the reference's signature: it was altered, or made by another n8n. */
	| 'tampered'
	/** The execution does not wait any more: answered, timed out, stopped, or deleted. */
	| 'notWaiting'
	/** This process is handing over, or has handed over, a tap of this number for this wait. */
	| 'answered'
	/** The tap answers an earlier message of the same node. */
	| 'otherMessage'
	/** The tap came from another number than the one asked. */
	| 'otherRecipient'
	/** The choice is not one the message offered. */
	| 'unknownChoice'
	/** The callback was not authenticated (Authentication: None), so its sender cannot be trusted. */
	| 'unauthenticated'
	/** n8n could not be reached, or did not settle the tap: the provider must send it again. */
	| 'failed'
	/** Free Text: resumed, and the answer also goes to the trigger's Message output. */
	| 'passedOn'
	/** Free Text: the answer failed validation; the node asked again and still waits. */
	| 'reprompted'
	/**
	 * n8n's words that the wait is over (not the waiting node's own, proven answer) came back from a
	 * hand-over through n8n's public webhook URL (the router's), which may lead elsewhere: not taken
	 * as final. The tap goes to the outputs instead, so it is kept either way.
	 */
	| 'unconfirmed';

export interface TapOutcome {
	resumed: boolean;
	reason: TapReason;
}

export interface Tap {
	event: NormalisedEvent;
	reference: WaitReference;
}

/**
 * Splits replies that carry a well-formed wait reference from every other event: a tap's id, or a
 * Flow reply's token (Send and Wait's Form). A reply whose id or token only looks like one (a plain
 * Send's own id, an altered reference) is an ordinary reply.
 */
export function splitTaps(events: NormalisedEvent[]): { taps: Tap[]; others: NormalisedEvent[] } {
	const taps: Tap[] = [];
	const others: NormalisedEvent[] = [];
	for (const event of events) {
		const isReply = event.event === 'buttonReply' || event.event === 'listReply';
		const reference = isReply
			? decodeReference(event.reply?.id)
			: event.event === 'flowReply'
				? decodeReference(event.flow?.token)
				: null;
		if (reference) taps.push({ event, reference });
		else others.push(event);
	}
	return { taps, others };
}

/**
 * Waits this process is handing a tap to, or has, per sender, with that hand-over's outcome: oldest
 * first, bounded. A second tap for the same key (the provider sending the callback again while the
 * first is still being handed over) waits for the first's outcome instead of being answered at
 * once, so it is acknowledged only if the first was stored, and asked again if that failed.
 */
class ForwardedWaits {
	private readonly keys = new Map<string, Promise<TapReason>>();
	constructor(private readonly max = 10_000) {}
	/** The hand-over of `key` under way or done, or `undefined` after recording `handing` as it. */
	claim(key: string, handing: Promise<TapReason>): Promise<TapReason> | undefined {
		const earlier = this.keys.get(key);
		if (earlier) return earlier;
		this.keys.set(key, handing);
		for (const oldest of this.keys.keys()) {
			if (this.keys.size <= this.max) break;
			this.keys.delete(oldest);
		}
		return undefined;
	}
	release(key: string, handing: Promise<TapReason>): void {
		if (this.keys.get(key) === handing) this.keys.delete(key);
	}
}

export const forwardedWaits = new ForwardedWaits();

interface FullResponse {
	statusCode: number;
	body: unknown;
}

const NODE_REASONS: ReadonlySet<string> = new Set(CHECKED_OUTCOMES);

function textOf(body: unknown): string {
	if (typeof body === 'string') return body;
	if (isRecord(body) && typeof body.message === 'string') return body.message;
	return '';
}

/**
 * What n8n's answer to a handed-over tap means. Final only when it is the waiting node's own
 * answer (its proof checked against the hop's) or one of n8n's own answers that the wait is over:
 * the execution does not exist (404), has finished (409, or the send-and-wait "No action required"
 * page), or the reference's signature is wrong (401 with n8n's invalid-link page). Anything else —
 * n8n's "starting up" page, an execution still running (the wait not yet stored, or another tap
 * being taken), 5xx, an unknown page — is `failed`, so the provider sends the callback again.
 */
export function readResumeAnswer(
	status: number,
	body: unknown,
	requestProof: string,
	/** Whether n8n's own pages can be believed: only from this process's own listener. */
	trustPages = true,
): TapReason {
	if (isRecord(body) && typeof body.resumed === 'boolean') {
		// Free Text answers name every outcome in `reason`; taps' resumed answers have none.
		const outcome = typeof body.reason === 'string' ? body.reason : body.resumed ? 'resumed' : '';
		if (
			typeof outcome === 'string' &&
			NODE_REASONS.has(outcome) &&
			checkAnswerProof(requestProof, outcome, body.proof)
		)
			return outcome as TapReason;
		return 'failed';
	}
	const text = textOf(body);
	const page = (reason: TapReason): TapReason => (trustPages ? reason : 'unconfirmed');
	if (status === 401 && /<title>\s*Invalid Form Link\s*<\/title>/i.test(text))
		return page('tampered');
	// n8n 1.x's answer to a wrong signature.
	if (status === 401 && isRecord(body) && body.error === 'Invalid token') return page('tampered');
	if (status === 404 && /^The execution "[^"]*" does not exist\.$/.test(text))
		return page('notWaiting');
	if (status === 409 && /^The execution "[^"]*"? ?has finished (with error|already)\.$/.test(text))
		return page('notWaiting');
	if (status === 200 && /<title>\s*No action required\s*<\/title>/i.test(text))
		return page('notWaiting');
	return 'failed';
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function pooled<T, R>(
	items: T[],
	limit: number,
	work: (item: T) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const k = next++;
			results[k] = await work(items[k]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
	return results;
}

/**
 * Hands every tap of one authenticated callback to the execution waiting for it, a few at a time,
 * and says what became of each. Taps of an unauthenticated callback are not handed over: anyone
 * could have sent them, with any number.
 */
export async function forwardTaps(
	ctx: CallbackContext,
	taps: Tap[],
	authenticated: boolean,
	route: HopRoute,
): Promise<TapOutcome[]> {
	if (!authenticated) {
		ctx.logger.error(
			`WhatsApp Interactive Trigger did not hand ${taps.length} Send and Wait answer(s) to the waiting executions: this trigger's Authentication is None, so anyone could have sent them. Choose Authentication: Webhook Secret (and give the provider the URL with the secret).`,
		);
		return taps.map(() => ({ resumed: false, reason: 'unauthenticated' }));
	}
	return await pooled(taps, FORWARD_CONCURRENCY, async (tap) => await forwardTap(ctx, route, tap));
}

/**
 * Where hops go: the base URL of n8n's waiting webhooks (`null` when it is not known), and the
 * host to name there.
 */
export interface HopRoute {
	base: string | null;
	host?: string;
	/**
	 * The base is this process's own listener, by address (the trigger's): a certificate n8n serves
	 * is made out to a host name, not to that address, so it is not checked there.
	 */
	local?: boolean;
}

/**
 * The trigger's hops: n8n's waiting webhooks on the listener the callback arrived at (`null` when
 * the request does not say), and the public host to name there (`publicHost`).
 */
export function hopTarget(ctx: IWebhookFunctions): HopRoute {
	const base = localWaitingBase(
		ctx.getRequestObject() as Parameters<typeof localWaitingBase>[0],
		ctx.getNode().webhookId,
		WAITING_ENDPOINT,
	);
	return { base, host: publicHost(ctx), local: true };
}

/**
 * The host of n8n's public webhook URL. n8n 1.x signs a resume URL with the host it was made for
 * (`<host><path>?<query>`, from WEBHOOK_URL) and checks it against the request's Host header, so
 * the hand-over, which goes to the listener's own address, names that host.
 */
function publicHost(ctx: IWebhookFunctions): string | undefined {
	try {
		return new URL(ctx.getNodeWebhookUrl('default') ?? '').host || undefined;
	} catch {
		return undefined;
	}
}

/**
 * Posts one hop to the waiting execution's resume webhook on this process's listener and reads
 * n8n's answer (`readResumeAnswer`); `failed` when n8n cannot be reached or does not settle it.
 */
export async function handOver(
	ctx: CallbackContext,
	route: HopRoute & { base: string },
	ref: WaitReference,
	body: HopBody,
): Promise<TapReason> {
	try {
		const response = (await ctx.helpers.httpRequest({
			method: 'POST',
			url: route.base + resumePath(ref),
			body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: FORWARD_TIMEOUT_MS,
			...(route.host ? { headers: { host: route.host } } : {}),
			// To this process's own listener, by address: a certificate n8n serves is made out to a
			// host name, not to that address. Any other base is checked as usual.
			...(route.local && route.base.startsWith('https:')
				? { skipSslCertificateValidation: true }
				: {}),
		})) as FullResponse;
		const reason = readResumeAnswer(
			response.statusCode,
			response.body,
			body.proof,
			route.local === true,
		);
		if (reason === 'failed')
			ctx.logger.warn(
				`WhatsApp Interactive Trigger could not hand an answer to execution ${ref.executionId}: n8n answered ${response.statusCode} without settling it; the provider is asked to send it again`,
			);
		return reason;
	} catch (error) {
		ctx.logger.error(
			`WhatsApp Interactive Trigger could not hand an answer to execution ${ref.executionId}: ${(error as Error).message}`,
		);
		return 'failed';
	}
}

async function forwardTap(ctx: CallbackContext, route: HopRoute, tap: Tap): Promise<TapOutcome> {
	const ref = tap.reference;
	const outcome = (reason: TapReason): TapOutcome => ({ resumed: reason === 'resumed', reason });
	const { base } = route;
	if (base === null) {
		ctx.logger.error(
			'WhatsApp Interactive Trigger cannot hand a tap to the waiting execution: the request does not say which address this n8n listens on',
		);
		return outcome('failed');
	}
	const sender = parsePhone(tap.event.from);
	const key = `${ref.executionId}|${ref.nodeId}|${ref.waitId}|${sender.ok ? sender.digits : String(tap.event.from)}`;
	let settle!: (reason: TapReason) => void;
	const handing = new Promise<TapReason>((resolve) => (settle = resolve));
	const earlier = forwardedWaits.claim(key, handing);
	if (earlier) {
		// Answered only once the earlier hand-over is settled: "failed" stays failed (the provider
		// sends it again), a resumed wait makes this one "answered", a refusal is this one's too.
		const first = await earlier;
		const reason: TapReason = first === 'resumed' ? 'answered' : first;
		ctx.logger.info(
			`WhatsApp Interactive Trigger did not resume execution ${ref.executionId} with a tap: ${reason === 'answered' ? 'answered (a tap of this number for this question was handed over already)' : reason}`,
		);
		return outcome(reason);
	}
	let reason: TapReason = 'failed';
	try {
		const event = JSON.stringify(tap.event);
		reason = await handOver(ctx, { ...route, base }, ref, { event, proof: hopProof(ref, event) });
	} finally {
		settle(reason);
	}
	// Only a resumed wait stays claimed: a refused tap (another number, say) leaves it open.
	if (reason !== 'resumed') {
		forwardedWaits.release(key, handing);
		if (reason !== 'failed')
			ctx.logger.info(
				`WhatsApp Interactive Trigger did not resume execution ${ref.executionId} with a tap: ${reason}`,
			);
	}
	return outcome(reason);
}
