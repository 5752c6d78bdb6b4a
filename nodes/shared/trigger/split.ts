/**
 * One execution per customer. A provider may put several customers' messages in one callback
 * (Sinch LATAM posts batches), and a conversation workflow (Send and Wait asks one person at a
 * time) needs each customer in an execution of its own. n8n starts one execution per webhook call,
 * so the trigger cuts an authenticated callback that carries several customers into parts, one per
 * customer plus one for the rest (statuses, unrecognised entries), and posts each part to its own webhook on this process's
 * listener (the address the callback arrived at, as the Send and Wait hop does: `../wait/hop.ts`),
 * with a proof only this process can make. Each part is then an ordinary callback of the trigger:
 * duplicates dropped, stored before n8n answers it. The provider gets its 200 only when every part
 * was answered 200 by the trigger itself (the answer's proof checked); otherwise 503, and when it
 * sends the callback again, the parts stored already are dropped as duplicates.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import type { NormalisedEvent } from '../model/event';
import { isRecord } from '../model/values';
import {
	checkPartAnswerProof,
	checkPartProof,
	localWebhookUrl,
	partProof,
	type ArrivalRequest,
} from '../wait/hop';
import { pooled } from './forward';
import type { ReceiptCounts } from './respond';

/** The header that carries a part's proof. */
export const PART_HEADER = 'x-whatsapp-interactive-part';
/** Parts posted at the same time, per callback. */
export const PART_CONCURRENCY = 4;
const PART_TIMEOUT_MS = 30_000;

/** What one execution gets: the events of one customer, or the callback's other entries. */
export interface Part {
	events: NormalisedEvent[];
	unrecognised: unknown[];
	clientInfo?: IDataObject;
}

/** The Executions option's values. */
export type ExecutionsPer = 'perCallback' | 'perCustomer';

/**
 * Whom an event is a conversation with: the business number and the customer (their number, or
 * Meta's business-scoped user id when the number is absent). Statuses are about the business's own
 * messages, not a customer's turn in a conversation: `null`, they stay together.
 */
export function customerOf(event: NormalisedEvent): string | null {
	if (event.event === 'status') return null;
	const customer = event.from ?? event.userId ?? null;
	return customer === null ? null : `${event.to ?? ''}|${customer}`;
}

/**
 * The callback's events in parts, one per customer, then the rest (statuses, unrecognised entries),
 * in order of first appearance; a single part when the callback carries at most one customer.
 */
export function splitByCustomer(
	events: NormalisedEvent[],
	unrecognised: unknown[],
	clientInfo?: IDataObject,
): Part[] {
	const byCustomer = new Map<string, NormalisedEvent[]>();
	const rest: NormalisedEvent[] = [];
	for (const event of events) {
		const customer = customerOf(event);
		if (customer === null) {
			rest.push(event);
			continue;
		}
		const list = byCustomer.get(customer);
		if (list) list.push(event);
		else byCustomer.set(customer, [event]);
	}
	const part = (list: NormalisedEvent[], entries: unknown[]): Part =>
		clientInfo === undefined
			? { events: list, unrecognised: entries }
			: { events: list, unrecognised: entries, clientInfo };
	// One customer (or none): nothing to cut; their statuses stay with them, as per callback.
	if (byCustomer.size <= 1) return [part(events, unrecognised)];
	const parts = [...byCustomer.values()].map((list) => part(list, []));
	if (rest.length > 0 || unrecognised.length > 0) parts.push(part(rest, unrecognised));
	return parts;
}

/** A part as posted: its JSON text, which the proof covers byte for byte. */
export function partPayload(part: Part): string {
	return JSON.stringify(part);
}

/**
 * The part a request carries, when it carries one: `null` without the header; `ok: false` when the
 * header is there but the proof is not this process's for this trigger and these bytes.
 */
export function readPart(
	proof: unknown,
	rawBody: unknown,
	webhookId: string | undefined,
): { ok: true; part: Part; proof: string } | { ok: false } | null {
	if (proof === undefined) return null;
	const payload = Buffer.isBuffer(rawBody)
		? rawBody.toString('utf8')
		: typeof rawBody === 'string'
			? rawBody
			: undefined;
	if (
		typeof proof !== 'string' ||
		payload === undefined ||
		!webhookId ||
		!checkPartProof(webhookId, payload, proof)
	)
		return { ok: false };
	const parsed = JSON.parse(payload) as Part;
	return { ok: true, part: parsed, proof };
}

interface FullResponse {
	statusCode: number;
	body: unknown;
}

/** What became of one part: the trigger's own receipt, or nothing n8n settled. */
export type PartOutcome = { ok: true; receipt: ReceiptCounts } | { ok: false; why: string };

/** The trigger's answer to a part, trusted only with its proof. */
export function readPartAnswer(status: number, body: unknown, requestProof: string): PartOutcome {
	if (
		status === 200 &&
		isRecord(body) &&
		typeof body.delivered === 'number' &&
		checkPartAnswerProof(requestProof, body.part)
	)
		return { ok: true, receipt: body as unknown as ReceiptCounts };
	return { ok: false, why: `n8n answered ${status} without the trigger's receipt` };
}

/** Where parts go: this trigger's webhook on the listener the callback arrived at, or null. */
export function partUrl(ctx: IWebhookFunctions): string | null {
	const own = localWebhookUrl(ctx.getRequestObject() as ArrivalRequest, ctx.getNode().webhookId);
	return own === null ? null : own.origin + own.path;
}

/** Posts every part to `url`, a few at a time, and says what became of each, in order. */
export async function postParts(
	ctx: IWebhookFunctions,
	url: string,
	parts: Part[],
): Promise<PartOutcome[]> {
	const webhookId = ctx.getNode().webhookId ?? '';
	return await pooled(
		parts,
		PART_CONCURRENCY,
		async (part) => await postPart(ctx, url, webhookId, part),
	);
}

async function postPart(
	ctx: IWebhookFunctions,
	url: string,
	webhookId: string,
	part: Part,
): Promise<PartOutcome> {
	const payload = partPayload(part);
	const proof = partProof(webhookId, payload);
	try {
		const response = (await ctx.helpers.httpRequest({
			method: 'POST',
			url,
			body: payload,
			headers: { 'content-type': 'application/json', [PART_HEADER]: proof },
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: PART_TIMEOUT_MS,
			...(url.startsWith('https:') ? { skipSslCertificateValidation: true } : {}),
		})) as FullResponse;
		let body: unknown = response.body;
		if (typeof body === 'string') {
			try {
				body = JSON.parse(body);
			} catch {
				// Not the trigger's JSON receipt: read as such below.
			}
		}
		return readPartAnswer(response.statusCode, body, proof);
	} catch (error) {
		return { ok: false, why: (error as Error).message };
	}
}
