/**
 * A dialect is everything one provider needs: how the neutral message is validated against the
 * provider's limits and encoded into its request, how its answers are read, and how its callbacks
 * are decoded into normalised events. Adding a provider means adding one module that implements
 * this interface, one credential, and one line in `./index.ts`.
 */
import type { IDataObject } from 'n8n-workflow';
import type { DecodedCallback } from '../model/event';
import type { InteractiveMessage } from '../model/message';
import type { ProviderId } from '../model/provider';
import type { Issue } from '../validation/issues';

/** Per-message envelope values that come from node parameters rather than the message model. */
export interface Envelope {
	to: unknown;
	from?: unknown;
	options: IDataObject;
}

export interface EncodedRequest {
	method: 'POST';
	/** Path appended to the credential's base URL. */
	path: string;
	body: IDataObject;
	/** The recipient as the provider receives it. */
	to: string;
	correlationId: string | null;
}

/** What the provider told us about one destination of a request. */
export interface SendReceipt {
	messageId: string | null;
	batchId?: string | null;
	transactionId?: string | null;
	to: string | null;
	correlationId: string | null;
	explain?: string | null;
}

export interface Dialect {
	id: ProviderId;
	displayName: string;
	credentialType: string;
	defaultBaseUrl: string;
	/** Credential fields that are secrets: scrubbed from anything the node outputs or throws. */
	secretFields: string[];
	/** Checks the message against the provider's limits; returns every violation, empty when valid. */
	validate(message: InteractiveMessage): Issue[];
	/** Validates the envelope (recipient, sender, options) and encodes the request. */
	encode(message: InteractiveMessage, envelope: Envelope): { request?: EncodedRequest; issues: Issue[] };
	/** Reads a successful response into one receipt per destination, in request order. */
	readReceipts(responseBody: unknown, request: EncodedRequest[]): SendReceipt[];
	/** The provider's own error message in an error response body, if there is one. */
	errorMessage(responseBody: unknown): string | undefined;
	/**
	 * Broadcast batching, for providers that take many destinations in one request: a key that is
	 * equal for requests that differ only in their recipient, and how to merge such requests.
	 */
	batching?: {
		key(request: EncodedRequest): string;
		merge(requests: EncodedRequest[]): IDataObject;
	};
	/** Decodes one callback request body into normalised events. */
	decodeCallback(body: unknown): DecodedCallback;
}
