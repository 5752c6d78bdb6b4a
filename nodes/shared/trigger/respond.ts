/**
 * The trigger's answers to the provider. A callback that starts an execution is answered by n8n
 * once it has stored the execution ("When Saved", `receiptResponse`); everything else — refusals,
 * callbacks that start nothing, and every callback with "At Once" — is answered here, directly
 * on the HTTP response (and n8n told so with `noWebhookResponse`).
 */

/** The part of Express's response the trigger uses. */
export interface WebhookResponse {
	readonly headersSent?: boolean;
	readonly statusCode?: number;
	status(code: number): WebhookResponse;
	setHeader(name: string, value: string): unknown;
	json(body: unknown): unknown;
	send?(body: string): unknown;
	once?(event: 'finish' | 'close', listener: () => void): unknown;
}

/** The 200 body: what happened to the entries of the callback. */
export interface ReceiptCounts {
	/** Entries in the callback. */
	received: number;
	/** Items put on the outputs. */
	delivered: number;
	/** Events dropped as already seen. */
	duplicates: number;
	/** Entries dropped on purpose: status states not selected, Other output off. */
	ignored: number;
	/** Entries that match no known event shape (on the Other output when it is on). */
	unrecognised: number;
	/** Events dropped as older than the duplicate store remembers (only when there were some). */
	stale?: number;
	/** Send and Wait for Response taps that resumed their waiting execution (only when there were taps). */
	resumed?: number;
	/** Taps that resumed nothing, and why (only when there were taps). */
	notResumed?: Array<{ reason: string }>;
	/** Messages that a Send and Wait (Free Text) took as its answer, or re-prompted on (only when there were some). */
	answered?: number;
	/** Executions started, when the callback was cut into customers' parts (Executions: One per Customer). */
	executions?: number;
	/** On a part's answer only: the proof that this trigger took the part (shared/trigger/split.ts). */
	part?: string;
}

/** The counts of a receipt, the ones several receipts add up. */
const COUNTS = [
	'received',
	'delivered',
	'duplicates',
	'ignored',
	'unrecognised',
	'stale',
	'resumed',
	'answered',
	'executions',
] as const;

/**
 * Several receipts as one: each count added up, the reasons of taps that resumed nothing put
 * together, a part's proof left out (the answer to several requests, or to several parts).
 */
export function addReceipts(receipts: ReceiptCounts[]): ReceiptCounts {
	const total: ReceiptCounts = {
		received: 0,
		delivered: 0,
		duplicates: 0,
		ignored: 0,
		unrecognised: 0,
	};
	for (const receipt of receipts) {
		for (const key of COUNTS) {
			const value = receipt[key];
			if (value !== undefined) total[key] = (total[key] ?? 0) + value;
		}
		if (receipt.notResumed) (total.notResumed ??= []).push(...receipt.notResumed);
	}
	return total;
}

function sendJson(
	res: WebhookResponse,
	statusCode: number,
	body: object,
	headers: Record<string, string> = {},
): void {
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.status(statusCode).json(body);
}

/** A plain-text answer (a verification challenge, echoed as given). */
export function sendText(res: WebhookResponse, statusCode: number, text: string): void {
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	const status = res.status(statusCode);
	if (status.send) status.send(text);
	else status.json(text);
}

export function sendReceipt(res: WebhookResponse, counts: ReceiptCounts): void {
	sendJson(res, 200, counts);
}

export function sendError(
	res: WebhookResponse,
	statusCode: 400 | 401 | 403 | 413 | 500 | 503,
	message: string,
	headers: Record<string, string> = {},
): void {
	const error = {
		400: 'Bad Request',
		401: 'Unauthorized',
		403: 'Forbidden',
		413: 'Payload Too Large',
		500: 'Internal Server Error',
		503: 'Service Unavailable',
	}[statusCode];
	sendJson(res, statusCode, { error, message }, headers);
}

/**
 * Calls `settled` once, when the answer n8n writes has left: `true` for a 2xx, `false` for any
 * other status or a connection closed before an answer was written (the provider then sends the
 * callback again). Without response events (not an HTTP response) it calls back at once, with `true`.
 */
export function whenAnswered(res: WebhookResponse, settled: (acknowledged: boolean) => void): void {
	if (typeof res.once !== 'function') {
		settled(true);
		return;
	}
	let done = false;
	const settle = (acknowledged: boolean) => {
		if (done) return;
		done = true;
		settled(acknowledged);
	};
	res.once('finish', () => {
		const status = res.statusCode ?? 0;
		settle(status >= 200 && status < 300);
	});
	res.once('close', () => settle(false));
}
