/**
 * A dialect is everything one provider brings: its name and credential, the envelope fields it
 * uses, its options and limits, how the neutral message is encoded into its request, how its
 * answers and callbacks are read, how its credential is tested and how its trigger is set up.
 * The nodes derive their descriptions (provider list, subtitles, credential tests, From, Options,
 * header types, trigger notices and webhooks) from the registry in `./index.ts`, so adding a
 * provider means one folder here implementing this interface, one credential, and one line there;
 * plus its entries in the nodes' credential lists, which are written out for n8n's scanner
 * (test/action/registry.test.ts says what they must be).
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { KindName, KindTypes } from '../kinds/types';
import type { DecodedCallback } from '../model/event';
import type { Message } from '../model/message';
import type { TemplateDefinition } from '../model/template';
import type { Issue } from '../validation/issues';
import type { LimitContext, Limits } from '../validation/limits';

/** Per-message envelope values that come from node parameters rather than the message model. */
export interface Envelope {
	to: unknown;
	/** The node's From, when the dialect declares `envelope.from`. */
	from?: unknown;
	options: IDataObject;
}

export interface EncodedRequest {
	method: 'POST';
	/** Path appended to the base URL (`Dialect.baseUrl`). */
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

/** The credential test: one harmless request, and what its answer means. */
export interface CredentialProbe {
	method: 'GET' | 'POST';
	/** Path appended to the base URL read from the credential being tested. */
	path(data: ICredentialDataDecryptedObject): string;
	body?: IDataObject;
	/** What to tell the user when the provider refuses the credentials. */
	refused: string;
	/**
	 * The verdict for an answer, when the provider's answers need reading beyond the status
	 * (401/403 refused, 404 wrong Base URL, 5xx try later, anything else accepted).
	 */
	verdict?(status: number, body: unknown): { ok: boolean; message: string } | undefined;
}

/** How the trigger is set up for the provider, and how its callbacks are authenticated. */
export interface TriggerSetup {
	/** The notice under Provider in the trigger: where to give the provider the URL. */
	notice: string;
	/**
	 * Providers that sign their callbacks: the trigger checks every POST with this and the
	 * credential named here instead of the Webhook Secret (the Authentication field is hidden).
	 */
	signature?: {
		credentialType: string;
		/** `testedBy` name of the credential's test (a function in `credentialTest`). */
		testedBy?: string;
		credentialTest?(data: ICredentialDataDecryptedObject): {
			status: 'OK' | 'Error';
			message: string;
		};
		/** `ok: false` means answer 401 with `message`; `problem`: the trigger's own set-up is wrong (500). */
		check(
			request: { headers: Record<string, string | string[] | undefined>; rawBody: unknown },
			data: ICredentialDataDecryptedObject,
		): { ok: true } | { ok: false; message: string } | { ok: false; problem: string };
	};
	/**
	 * A verification handshake by GET (Meta's `hub.challenge`): the trigger registers a GET
	 * webhook on the same URL when a dialect has one, and answers with this.
	 */
	verification?(
		query: Record<string, unknown>,
		data: ICredentialDataDecryptedObject,
	): { status: 200; text: string } | { status: 400 | 403; message: string };
}

/**
 * Approved message templates, for providers that document sending them (the Cloud API): the only
 * messages a business may send outside the 24-hour window after the customer's last message.
 */
export interface TemplateSupport {
	/** The `loadOptions` method (in `Dialect.loadOptions`) that lists the account's templates. */
	listMethod: string;
	/** The `resourceMapping` method that lists one template's parts as fields (n8n's resource mapper). */
	fieldsMethod: string;
	/** Why templates cannot be read with this credential (a field it lacks), or undefined when they can. */
	unreadable?(credentials: ICredentialDataDecryptedObject): string | undefined;
	/** The definition of one template, read through the credential; null when the account has none such. */
	definition(
		context: LoadOptionsContext,
		name: string,
		language: string,
	): Promise<TemplateDefinition | null>;
	/** Validates the envelope and encodes a send of WhatsApp's `template` object. */
	encode(template: IDataObject, envelope: Envelope): { request?: EncodedRequest; issues: Issue[] };
}

/** A provider's request for one message, or the problems of its envelope (recipient, sender, options). */
export interface Encoded {
	request?: EncodedRequest;
	issues: Issue[];
}

/** What a provider does with one kind of message: its limits for the kind, and its encoder. */
export interface KindSupport<K extends KindName = KindName> {
	limits: KindTypes[K]['limits'];
	/** Validates the envelope (recipient, sender, options) and encodes the request. */
	encode(message: KindTypes[K]['message'], envelope: Envelope): Encoded;
}

/** The kinds of message a provider takes (the editor offers only these), each with its support. */
export type DialectKinds = { [K in KindName]?: KindSupport<K> };

/**
 * Downloading the media of an inbound message (the Download Media operation). A provider either
 * names media by an id that one request turns into a short-lived download URL (the Cloud API), or
 * gives a download URL in its callback (Sinch LATAM's `mediaUrl`).
 */
export interface MediaSupport {
	/** How the Media field is described: what the provider's callback gives and what to put there. */
	description: string;
	placeholder: string;
	/**
	 * Media ids: a GET of `{base URL}` + `path(id)` with the credential's auth headers describes the
	 * media (its download URL, MIME type, size, SHA-256). Absent: the provider gives URLs only.
	 */
	lookup?: {
		path(mediaId: string): string;
		read(body: unknown): MediaFacts;
		/** Whether an error answer means that the provider no longer has the media (an expired id). */
		gone(status: number, body: unknown): boolean;
		/** What to tell the user when it is gone. */
		goneAdvice: string;
	};
	/**
	 * The origins (`https://host[:port]`, as `URL.origin` writes them) to which a download sends the
	 * credential's auth headers; any other origin (another host, or plain http on the same host) is
	 * asked without them, so that a token never leaves for someone else's server. A URL that `lookup`
	 * answered is the provider's own and always gets them.
	 */
	authenticatedOrigins(credentials: ICredentialDataDecryptedObject): string[];
	/** What to tell the user when a download URL is refused (401/403/404/410): expired, or needs other credentials. */
	urlRefusedAdvice: string;
}

/** What a provider says about one media before it is downloaded. */
export interface MediaFacts {
	url: string | null;
	mimeType: string | null;
	/** Bytes, as the provider states them. */
	size: number | null;
	/** The provider's SHA-256 of the file, hex or base64. */
	sha256: string | null;
}

/** Marking an inbound message as read (blue ticks), with an optional typing indicator. */
export interface MarkAsReadSupport {
	/** The request: POST `{base URL}` + `path`. */
	encode(
		messageId: string,
		from: string,
		typingIndicator: boolean,
	): { request?: { path: string; body: IDataObject }; issues: Issue[] };
}

export interface Dialect {
	/** The `provider` parameter's value (public contract). */
	id: string;
	displayName: string;
	/** The provider's name in canvas subtitles, which n8n cuts after about 25 characters (at most 11 here). */
	shortName: string;
	/** Other names people search the node panel with for this provider (its display name is one already). */
	searchAliases: string[];
	credential: {
		type: string;
		/** Name of the node's credential test function (`testedBy`). */
		testedBy: string;
		/** Credential fields that are secrets: scrubbed from anything the node outputs or throws. */
		secretFields: string[];
		/** The auth headers every request adds, as n8n expressions on `$credentials` (the credential has no `authenticate`). */
		authHeaders: Record<string, string>;
		probe: CredentialProbe;
	};
	/** The base URL Build Payload shows when no credential is chosen. */
	defaultBaseUrl: string;
	/** The base URL of requests, from the credential's fields. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** The node's envelope fields: To always; From only when the provider needs a sender. */
	envelope: {
		from?: Pick<INodeProperties, 'description' | 'placeholder'> & {
			/** Offer the sender from a list the credential can read (a `loadOptions` method of `loadOptions`). */
			loadOptionsMethod?: string;
		};
	};
	/**
	 * The option (in `options`) whose value the provider echoes in the message's status callbacks,
	 * as the event's `correlationId`: Send and Wait (Free Text) carries its wait's reference in it.
	 */
	correlationOption: string;
	/** Options of this provider in the node's Options collection (sending options are added to all). */
	options: INodeProperties[];
	/** Methods that list values for the editor (`loadOptions`), named in the dialect's own fields. */
	loadOptions?: Record<string, (context: LoadOptionsContext) => Promise<INodePropertyOptions[]>>;
	/** The limits of the interactive kinds (reply buttons and lists): header types, media types, lengths. */
	limits: Limits;
	/** The kinds of message the provider takes, each with its limits and encoder (`./kinds.ts`). */
	kinds: DialectKinds;
	/** Checks the message against the provider's limits for its kind; returns every violation, empty when valid. */
	validate(message: Message, context?: LimitContext): Issue[];
	/** Validates the envelope (recipient, sender, options) and encodes the request, by the message's kind. */
	encode(message: Message, envelope: Envelope): Encoded;
	/**
	 * The request body as output items show it (Build Payload, Include Request), with what the
	 * request must carry but an item must not (a webhook secret in a callback URL) redacted. Absent:
	 * shown as sent.
	 */
	shownBody?(body: IDataObject): IDataObject;
	/** Reads a successful response into one receipt per destination, in request order. */
	readReceipts(responseBody: unknown, request: EncodedRequest[]): SendReceipt[];
	/** The provider's own error message in an error response body, if there is one. */
	errorMessage(responseBody: unknown): string | undefined;
	/**
	 * Whether an error answer says the customer-service window is closed (the customer last wrote
	 * more than 24 hours ago), so only a template may be sent. Absent: the provider documents no such answer.
	 */
	windowClosed?(status: number, body: unknown): boolean;
	/** Sending approved templates; absent where the provider documents none (the editor says so). */
	templates?: TemplateSupport;
	/** Downloading inbound media (Download Media); absent: the operation is not offered for the provider. */
	media?: MediaSupport;
	/** Marking inbound messages as read (Mark as Read); absent: the operation is not offered. */
	markAsRead?: MarkAsReadSupport;
	/** Whether an error answer is a rate limit beyond 420, 429 and 503 (an error code in the body). */
	rateLimited?(status: number, body: unknown): boolean;
	/**
	 * Broadcast batching, for providers that take many destinations in one request: a key that is
	 * equal for requests that differ only in their recipient, and how to merge such requests.
	 * A dialect with batching gets the Broadcast Batching and Batch Size options.
	 */
	batching?: {
		key(request: EncodedRequest): string;
		merge(requests: EncodedRequest[]): IDataObject;
	};
	trigger: TriggerSetup;
	/** Decodes one callback request body into normalised events. */
	decodeCallback(body: unknown): DecodedCallback;
}

/** What a `loadOptions` method of a dialect needs from n8n's context. */
export interface LoadOptionsContext {
	/** The credential chosen in the node, or undefined when none is (Build Payload, or not chosen yet). */
	credentials(type: string): Promise<ICredentialDataDecryptedObject | undefined>;
	/** A GET through n8n's request helper with the credential's auth headers. */
	get(type: string, url: string): Promise<unknown>;
}
