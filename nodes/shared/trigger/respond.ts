/**
 * Answers the provider directly on the HTTP response. The trigger always answers itself (and tells
 * n8n so with `noWebhookResponse`), at once and before any workflow runs: some providers retry batches not
 * answered within about 200 ms, and n8n saves the deduplication keys in static data right after.
 */

/** The part of Express's response the trigger uses. */
export interface WebhookResponse {
	readonly headersSent?: boolean;
	status(code: number): WebhookResponse;
	setHeader(name: string, value: string): unknown;
	json(body: unknown): unknown;
	send?(body: string): unknown;
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
	/** Send and Wait for Response taps that resumed their waiting execution (only when there were taps). */
	resumed?: number;
	/** Taps that resumed nothing, and why (only when there were taps). */
	notResumed?: Array<{ reason: string; executionId: string | null }>;
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
	statusCode: 400 | 401 | 403 | 500,
	message: string,
	headers: Record<string, string> = {},
): void {
	const error = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 500: 'Internal Server Error' }[statusCode];
	sendJson(res, statusCode, { error, message }, headers);
}
