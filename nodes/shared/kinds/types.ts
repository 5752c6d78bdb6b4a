/**
 * A kind of message (reply buttons, list, text…) is one module in this folder: how it is read from
 * the node's fields, its part of the JSON message, and how it is checked against a provider's
 * limits. Each dialect declares the kinds it takes, with its limits and its encoder for each
 * (`Dialect.kinds`), so that preparing an item is read → check → encode, looked up by kind
 * (docs/architecture.md, "Message kinds").
 */
import type {
	CarouselMessage,
	CatalogMessage,
	ProductListMessage,
	ProductMessage,
	CtaUrlMessage,
	FlowMessage,
	Header,
	InteractiveMessage,
	LocationRequestMessage,
	Message,
	MessageType,
	TextMessage,
} from '../model/message';
import type { Issue, TextRule } from '../validation/issues';
import type { LimitContext, Limits } from '../validation/limits';
import type { KindSchema } from '../validation/parse';

/** What a provider allows in a text message. */
export interface TextLimits {
	providerName: string;
	body: TextRule;
	/** Whether the provider documents a link preview (`previewUrl`). */
	previewUrl: boolean;
	/** Whether the provider documents replying to (quoting) a message (`replyTo`). */
	replyTo: boolean;
}

/** What a provider allows in a call-to-action URL message (its header, body, footer and button). */
export interface CtaUrlLimits {
	providerName: string;
	headerTypes: ReadonlyArray<Header['type']>;
	headerText: TextRule;
	body: TextRule;
	footer: TextRule;
	/** The button's label (Meta's `display_text`). */
	buttonTitle: TextRule;
}

/** What a provider allows in a location request (a body only). */
export interface LocationRequestLimits {
	providerName: string;
	body: TextRule;
}

/** What a provider allows in a Flow message. */
export interface FlowLimits {
	providerName: string;
	headerTypes: ReadonlyArray<Header['type']>;
	headerText: TextRule;
	body: TextRule;
	footer: TextRule;
	/** The button's label (Meta's `flow_cta`). */
	cta: TextRule;
}

/** What a provider allows in a carousel. */
export interface CarouselLimits {
	providerName: string;
	body: TextRule;
	cards: { min: number; max: number };
	cardHeaderTypes: ReadonlyArray<'image' | 'video'>;
	cardBody: TextRule;
	/** Line breaks a card's text may have. */
	cardBodyLineBreaks: number;
	buttonTitle: TextRule;
	buttonId: TextRule;
}

/** What a provider allows in the catalog messages (a product, a product list, the catalog). */
export interface ProductLimits {
	providerName: string;
	headerText: TextRule;
	body: TextRule;
	footer: TextRule;
	sections: { min: number; max: number };
	sectionTitle: TextRule;
	/** Products across all sections of a product list. */
	products: { min: number; max: number };
}

/** Each kind's message and the limits a provider gives for it. Adding a kind adds a line here. */
export interface KindTypes {
	buttons: { message: InteractiveMessage; limits: Limits };
	list: { message: InteractiveMessage; limits: Limits };
	text: { message: TextMessage; limits: TextLimits };
	ctaUrl: { message: CtaUrlMessage; limits: CtaUrlLimits };
	locationRequest: { message: LocationRequestMessage; limits: LocationRequestLimits };
	flow: { message: FlowMessage; limits: FlowLimits };
	carousel: { message: CarouselMessage; limits: CarouselLimits };
	product: { message: ProductMessage; limits: ProductLimits };
	productList: { message: ProductListMessage; limits: ProductLimits };
	catalog: { message: CatalogMessage; limits: ProductLimits };
}

export type KindName = keyof KindTypes;

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Every message `type` is a kind and every kind a message `type`: a compile error otherwise. */
export const KINDS_MATCH_MESSAGES: Exactly<KindName, Message['type']> = true;

/** One field of the item being read, as the node's parameters give it (`getNodeParameter`). */
export type FieldValue = (name: string, fallback: unknown) => unknown;

/** A message read from the node's fields or from JSON, with the problems of reading it. */
export interface ReadMessage {
	message?: Message;
	issues: Issue[];
	/**
	 * JSON mode: the kind the message's `type` names, also when the message could not be read (so a
	 * provider that does not take the kind can say that, instead of the kind's structural problems).
	 */
	kind?: KindName;
	/** Message Type Auto: the choices became this message type (the dialect's issues are renamed). */
	auto?: MessageType;
	/** Fields mode: the 1-based number in the Rows collection of each list row, by section, for labels. */
	rowNumbers?: number[][];
	/** Fields mode: where in the message each field that was not text sits (as the limits name it). */
	unreadable?: string[];
}

export interface Kind<K extends KindName = KindName> {
	/** The JSON `type` and the Message Type value (public contract). */
	type: K;
	/** Its entry in the editor's Message Type. */
	option: { name: string; description: string };
	/** What a message of the kind is called in a sentence ("a text message"). */
	noun: string;
	/** A message with choices to tap: Send and Wait for Response can ask with it. */
	asks: boolean;
	/**
	 * Has the header, body and footer of WhatsApp's interactive messages (the editor's fields they
	 * share). A location request is sent as an `interactive` object too, but has a body only.
	 */
	interactive: boolean;
	/**
	 * JSON mode: this kind's part of the one JSON message (validation/parse.ts reads it), built once.
	 * `typeError`: what a `type` that is no kind is told, for the kind whose schema reads such a message.
	 */
	schema(typeError: string): KindSchema;
	/** Fields mode: the item's message from the node's fields. */
	read(field: FieldValue): ReadMessage;
	/** Every problem of the message against a provider's limits for the kind, at once. */
	check(
		message: KindTypes[K]['message'],
		limits: KindTypes[K]['limits'],
		context?: LimitContext,
	): Issue[];
}
