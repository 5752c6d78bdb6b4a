/**
 * The router's answer to the provider. The pipeline it shares with the trigger (`../trigger/admit.ts`)
 * writes its answers on an Express-like response; the router collects that answer here and hands it
 * to n8n with `sendResponse()`, which answers the request that n8n's Webhook node is holding open
 * (its Respond option set to "Using 'Respond to Webhook' Node").
 */
import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';
import type { WebhookResponse } from '../trigger/respond';

export class CollectedResponse implements WebhookResponse {
	statusCode = 200;
	headers: Record<string, string> = {};
	body: unknown = undefined;
	/** Whether an answer was written. */
	get headersSent(): boolean {
		return this.body !== undefined;
	}
	status(code: number): this {
		this.statusCode = code;
		return this;
	}
	setHeader(name: string, value: string): void {
		this.headers[name.toLowerCase()] = value;
	}
	json(body: unknown): void {
		this.headers['content-type'] ??= 'application/json; charset=utf-8';
		this.body = body;
	}
	send(text: string): void {
		this.body = Buffer.from(text, 'utf8');
	}
	/** The message of an error answer (`{ error, message }`), for the node's own error. */
	get message(): string {
		const body = this.body as IDataObject | undefined;
		return typeof body?.message === 'string' ? body.message : '';
	}
	/** What `sendResponse()` takes. A text answer goes as bytes, which n8n sends as they are. */
	toResponse(): IN8nHttpFullResponse {
		return {
			statusCode: this.statusCode,
			headers: this.headers,
			body: (this.body ?? {}) as IN8nHttpFullResponse['body'],
		};
	}
}
