/**
 * The hop from the WhatsApp Interactive Trigger to the Send and Wait node that waits for a tap.
 *
 * A wait reference (`reference.ts`) travels through the provider and its logs, so holding one must
 * not be enough to answer. The trigger, once it has authenticated a callback (webhook secret or the
 * provider's signature), posts the tap to n8n's waiting webhook on the address the callback itself
 * arrived at (the same n8n process, not the public URL and whatever proxy stands in front of it),
 * with a proof: an HMAC of the wait's coordinates and the tap, keyed with a random key that this
 * process made when it loaded the package and that never leaves it. The waiting node's `webhook()`
 * runs in the process that receives the hop, so it can check the proof; a POST from anywhere else
 * (the reference alone, a forged `from`, a replay onto another wait) has no valid proof and resumes
 * nothing. The waiting node's answer carries a proof too, bound to the request's, so the trigger
 * trusts only answers that came from the node itself.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** Made once per process; nothing writes it anywhere. */
const PROCESS_KEY = randomBytes(32);

/** The wait a hop is for: what n8n routes it by, plus the choice and the wait of the node. */
export interface HopTarget {
	executionId: string;
	nodeId: string;
	waitId: string;
	choice: number;
}

/**
 * What the trigger posts: the tap's (or typed answer's) normalised event as JSON text, and the proof
 * over it. A Free Text answer also says how many re-prompts its wait has sent (`reprompts`, as text).
 */
export interface HopBody {
	event: string;
	proof: string;
	reprompts?: string;
	/**
	 * A Free Text answer that came with the customer's user id and no number: the question's own
	 * (authenticated) status named that user id as its recipient. The digits of the number that
	 * status named too, or `status` when it named none.
	 */
	tie?: string;
}

/** What a Free Text hop's proof covers beside the event: the re-prompt count, and `tie`. */
export function hopExtra(reprompts: unknown, tie?: unknown): string {
	const count = typeof reprompts === 'string' ? reprompts : '';
	return typeof tie === 'string' && tie !== '' ? `${count}|${tie}` : count;
}

/** What the waiting node answers a hop it could check with (it answers `unauthenticated` otherwise). */
export const CHECKED_OUTCOMES = [
	'resumed',
	/** Free Text: resumed, and the answer also goes to the trigger's Message output. */
	'passedOn',
	/** Free Text: the answer failed the node's validation; the node asked again and still waits. */
	'reprompted',
	'notWaiting',
	'otherMessage',
	'otherRecipient',
	'unknownChoice',
] as const;

/** Outcomes the waiting node can answer a hop with. */
export type HopOutcome = (typeof CHECKED_OUTCOMES)[number] | 'unauthenticated';

function mac(...parts: string[]): string {
	const hmac = createHmac('sha256', PROCESS_KEY);
	// Length-prefixed, so that no two different part lists give the same input.
	for (const part of parts) hmac.update(`${part.length}:${part};`);
	return hmac.digest('hex');
}

function same(a: string, b: string): boolean {
	if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length) return false;
	return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The proof the trigger sends with a tap (`extra`: a Free Text answer's re-prompt count). */
export function hopProof(target: HopTarget, event: string, extra = ''): string {
	return mac(
		'hop',
		target.executionId,
		target.nodeId,
		target.waitId,
		String(target.choice),
		event,
		extra,
	);
}

/** Whether a hop's proof was made in this process for exactly this wait, choice, tap and `extra`. */
export function checkHopProof(
	target: HopTarget,
	event: unknown,
	proof: unknown,
	extra: unknown = '',
): boolean {
	if (typeof event !== 'string' || typeof proof !== 'string' || typeof extra !== 'string')
		return false;
	return same(proof, hopProof(target, event, extra));
}

/** The proof the waiting node answers with, bound to the hop it answers. */
export function answerProof(requestProof: string, outcome: HopOutcome): string {
	return mac('answer', requestProof, outcome);
}

/** Whether an answer's proof was made in this process for this hop and this outcome. */
export function checkAnswerProof(requestProof: string, outcome: unknown, proof: unknown): boolean {
	if (typeof outcome !== 'string' || typeof proof !== 'string') return false;
	return same(proof, answerProof(requestProof, outcome as HopOutcome));
}

/**
 * The proof that a part of a callback (`../trigger/split.ts`) was cut by this process's trigger, for
 * the trigger node with this webhook id, out of a callback it had authenticated.
 */
export function partProof(webhookId: string, payload: string): string {
	return mac('part', webhookId, payload);
}

/** Whether a part's proof was made in this process for this webhook and payload. */
export function checkPartProof(webhookId: string, payload: string, proof: unknown): boolean {
	if (typeof proof !== 'string') return false;
	return same(proof, partProof(webhookId, payload));
}

/** The proof a part's answer carries: the trigger that took it, bound to the part's own proof. */
export function partAnswerProof(requestProof: string): string {
	return mac('part-answer', requestProof);
}

/** Whether a part's answer was made in this process for the part with this proof. */
export function checkPartAnswerProof(requestProof: string, proof: unknown): boolean {
	if (typeof proof !== 'string') return false;
	return same(proof, partAnswerProof(requestProof));
}

/** The address of this n8n's listener as seen by the connection a callback arrived on. */
export interface ArrivalSocket {
	localAddress?: string;
	localPort?: number;
	encrypted?: boolean;
}

/**
 * `<scheme>://<address n8n listens on>:<port><path>/webhook-waiting`, from the request that brought
 * the callback: its socket says where this n8n process listens, its path (`/<webhook endpoint>/
 * <webhookId>/webhook`, as n8n routed it) where n8n's endpoints sit. `null` when either is missing.
 */
export function localWaitingBase(
	request: ArrivalRequest,
	webhookId: string | undefined,
	waitingEndpoint: string,
): string | null {
	const own = localWebhookUrl(request, webhookId);
	if (own === null) return null;
	const endpoint = own.path.slice(0, -`/${webhookId}/webhook`.length);
	const prefix = endpoint.slice(0, endpoint.lastIndexOf('/'));
	return `${own.origin}${prefix}/${waitingEndpoint}`;
}

/** The request a callback arrived with, as far as the hops need it. */
export interface ArrivalRequest {
	socket?: ArrivalSocket;
	originalUrl?: string;
	url?: string;
}

/**
 * The trigger's own webhook on this process's listener: `<scheme>://<address>:<port>` and the path
 * n8n routed (`/<webhook endpoint>/<webhookId>/webhook`, no query). `null` when either is missing.
 */
export function localWebhookUrl(
	request: ArrivalRequest,
	webhookId: string | undefined,
): { origin: string; path: string } | null {
	const socket = request.socket;
	const address = socket?.localAddress;
	const port = socket?.localPort;
	if (!webhookId || !address || !port) return null;
	const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
	if (!path.endsWith(`/${webhookId}/webhook`)) return null;
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	const host = mapped ? mapped[1] : address.includes(':') ? `[${address}]` : address;
	const scheme = socket.encrypted ? 'https' : 'http';
	return { origin: `${scheme}://${host}:${port}`, path };
}
