/**
 * Taps on a Send and Wait for Response message: a button reply or list reply whose id is a wait
 * reference (`../wait/reference.ts`). The trigger does not put them on its outputs; it forwards each
 * to the waiting execution's resume webhook on this same n8n, and never to a host named by the
 * callback: the address is n8n's own webhook base URL (the one the trigger's URL is built on) plus
 * `webhook-waiting`, followed by what the reference holds. n8n checks the signature; the waiting
 * node checks that the tap answers the wait under way and comes from the recipient.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import type { NormalisedEvent } from '../model/event';
import {
	decodeReference,
	looksLikeReference,
	resumePath,
	type WaitReference,
} from '../wait/reference';
import { isRecord } from '../model/values';

/** n8n's default path for waiting webhooks (`N8N_ENDPOINT_WEBHOOK_WAIT`). */
export const WAITING_ENDPOINT = 'webhook-waiting';
const FORWARD_TIMEOUT_MS = 15_000;

export type TapReason =
	| 'resumed'
	/** The reference is not well formed, or n8n refused its signature. */
	| 'tampered'
	/** The execution does not wait any more: answered, timed out, stopped, or deleted. */
	| 'notWaiting'
	/** This process forwarded a tap for this wait already. */
	| 'answered'
	/** The tap answers an earlier message of the same node. */
	| 'otherMessage'
	/** The tap came from another number than the one asked. */
	| 'otherRecipient'
	/** n8n could not be reached or answered something unexpected. */
	| 'failed';

export interface TapOutcome {
	resumed: boolean;
	reason: TapReason;
	executionId: string | null;
}

export interface Tap {
	event: NormalisedEvent;
	reference: WaitReference | null;
}

/** Splits replies that carry a wait reference from every other event. */
export function splitTaps(events: NormalisedEvent[]): { taps: Tap[]; others: NormalisedEvent[] } {
	const taps: Tap[] = [];
	const others: NormalisedEvent[] = [];
	for (const event of events) {
		const isReply = event.event === 'buttonReply' || event.event === 'listReply';
		if (isReply && looksLikeReference(event.reply?.id))
			taps.push({ event, reference: decodeReference(event.reply?.id) });
		else others.push(event);
	}
	return { taps, others };
}

/**
 * `<n8n webhook base>/webhook-waiting` from the trigger's own production URL,
 * `<base>/<webhook endpoint>/<webhookId>/webhook`. `null` when the URL does not have that shape.
 */
export function waitingBaseUrl(
	triggerUrl: string | undefined,
	webhookId: string | undefined,
): string | null {
	if (!triggerUrl || !webhookId) return null;
	let url: URL;
	try {
		url = new URL(triggerUrl);
	} catch {
		return null;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	const tail = `/${webhookId}/webhook`;
	if (!url.pathname.endsWith(tail)) return null;
	const withoutTail = url.pathname.slice(0, -tail.length);
	const base = withoutTail.slice(0, withoutTail.lastIndexOf('/'));
	return `${url.origin}${base}/${WAITING_ENDPOINT}`;
}

/** Waits this process has forwarded a tap for (in flight or resumed), oldest first, bounded. */
class ForwardedWaits {
	private readonly keys = new Map<string, number>();
	constructor(private readonly max = 10_000) {}
	claim(key: string, now: number): boolean {
		if (this.keys.has(key)) return false;
		this.keys.set(key, now);
		for (const oldest of this.keys.keys()) {
			if (this.keys.size <= this.max) break;
			this.keys.delete(oldest);
		}
		return true;
	}
	release(key: string): void {
		this.keys.delete(key);
	}
}

export const forwardedWaits = new ForwardedWaits();

interface FullResponse {
	statusCode: number;
	body: unknown;
}

/** What n8n's answer to a forwarded tap means. */
export function readResumeAnswer(status: number, body: unknown): TapReason {
	if (isRecord(body) && typeof body.resumed === 'boolean') {
		if (body.resumed) return 'resumed';
		const reason = body.reason;
		if (reason === 'otherMessage' || reason === 'otherRecipient') return reason;
		return 'notWaiting';
	}
	if (status === 401 || status === 403) return 'tampered';
	// 404: no such execution (or no waiting node); 409: running or failed; 200 with n8n's
	// "no action required" page: the execution has finished.
	if (status === 404 || status === 409 || (status >= 200 && status < 300)) return 'notWaiting';
	return 'failed';
}

/** Forwards every tap (at the same time) and says what became of each. */
export async function forwardTaps(ctx: IWebhookFunctions, taps: Tap[]): Promise<TapOutcome[]> {
	const base = waitingBaseUrl(ctx.getNodeWebhookUrl('default'), ctx.getNode().webhookId);
	return await Promise.all(taps.map(async (tap) => await forwardTap(ctx, base, tap)));
}

async function forwardTap(
	ctx: IWebhookFunctions,
	base: string | null,
	tap: Tap,
): Promise<TapOutcome> {
	const ref = tap.reference;
	if (ref === null) {
		ctx.logger.warn(
			'WhatsApp Interactive Trigger refused a tap: its reference to a waiting execution is not well formed (altered?)',
		);
		return { resumed: false, reason: 'tampered', executionId: null };
	}
	const outcome = (reason: TapReason): TapOutcome => ({
		resumed: reason === 'resumed',
		reason,
		executionId: ref.executionId,
	});
	if (base === null) {
		ctx.logger.error(
			"WhatsApp Interactive Trigger cannot forward a tap: it cannot tell n8n's webhook address from its own URL",
		);
		return outcome('failed');
	}
	const key = `${ref.executionId}|${ref.nodeId}|${ref.waitId}`;
	if (!forwardedWaits.claim(key, Date.now())) {
		ctx.logger.info(
			`WhatsApp Interactive Trigger did not resume execution ${ref.executionId} with a tap: answered (a tap for this question was forwarded already)`,
		);
		return outcome('answered');
	}
	let reason: TapReason;
	try {
		const response = (await ctx.helpers.httpRequest({
			method: 'POST',
			url: base + resumePath(ref),
			body: { event: tap.event as unknown as IDataObject },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: FORWARD_TIMEOUT_MS,
		})) as FullResponse;
		reason = readResumeAnswer(response.statusCode, response.body);
	} catch (error) {
		ctx.logger.error(
			`WhatsApp Interactive Trigger could not forward a tap to execution ${ref.executionId}: ${(error as Error).message}`,
		);
		reason = 'failed';
	}
	// Only a resumed wait stays claimed: a refused tap (another number, say) leaves it open.
	if (reason !== 'resumed') {
		forwardedWaits.release(key);
		if (reason !== 'failed')
			ctx.logger.info(
				`WhatsApp Interactive Trigger did not resume execution ${ref.executionId} with a tap: ${reason}`,
			);
	}
	return outcome(reason);
}
