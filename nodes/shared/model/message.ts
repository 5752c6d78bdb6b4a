/**
 * The provider-neutral message (docs/message-model.md). Fields mode and JSON mode both produce it;
 * its kind (`type`) decides how it is read and checked (`nodes/shared/kinds/`), and each dialect
 * that takes the kind encodes it into its request body.
 */

/** The interactive kinds: reply buttons and lists (WhatsApp's `interactive` object). */
export type MessageType = 'buttons' | 'list';

export type MediaKind = 'image' | 'video' | 'document';

export type Header =
	| { type: 'text'; text: string }
	| { type: MediaKind; url: string; mediaType?: string }
	| { type: 'location'; latitude: number; longitude: number; name?: string; address?: string };

export interface Button {
	id: string;
	title: string;
}

export interface ListRow {
	id: string;
	title: string;
	description?: string;
}

export interface ListSection {
	title?: string;
	rows: ListRow[];
}

export interface List {
	button: string;
	sections: ListSection[];
}

export interface InteractiveMessage {
	type: MessageType;
	header?: Header;
	body: string;
	footer?: string;
	buttons?: Button[];
	list?: List;
}

/** A plain text message (WhatsApp's `text`): only within 24 hours of the customer's last message. */
export interface TextMessage {
	type: 'text';
	body: string;
	/** Ask WhatsApp to show a preview of the first link in the body (Cloud API `preview_url`). */
	previewUrl?: boolean;
	/** The provider's id of a message this one answers; WhatsApp shows it quoted. */
	replyTo?: string;
}

/**
 * A call-to-action URL button (WhatsApp's interactive `cta_url`): one button that opens a web page,
 * with an optional header and footer. Nothing comes back when it is tapped.
 */
export interface CtaUrlMessage {
	type: 'ctaUrl';
	header?: Header;
	body: string;
	footer?: string;
	/** What the button says and the page it opens. */
	button: { title: string; url: string };
}

/**
 * A location request (WhatsApp's interactive `location_request_message`): a body and WhatsApp's own
 * "Send location" button; the place the customer shares arrives as an inbound location message.
 */
export interface LocationRequestMessage {
	type: 'locationRequest';
	body: string;
}

/**
 * A WhatsApp Flow (WhatsApp's interactive `flow`): a form inside WhatsApp, opened from the message's
 * button. The Flow is named by its ID or its name; what the customer submits comes back as a Flow
 * reply (`nfm_reply`) carrying `token`.
 */
export interface FlowMessage {
	type: 'flow';
	header?: Header;
	body: string;
	footer?: string;
	flow: {
		/** The Flow's ID (digits, from WhatsApp Manager); or give `name`. */
		id?: string;
		/** The Flow's name; or give `id`. */
		name?: string;
		/** The label of the button that opens the Flow. */
		cta: string;
		/** Echoed in the Flow's reply (Meta's `flow_token`); Meta sends "unused" when none is given. */
		token?: string;
		/** `draft` sends the Flow's draft (for testing); default `published`. */
		mode?: 'published' | 'draft';
		/** `navigate` (default): the message names the first screen; `data_exchange`: the Flow's endpoint does. */
		action?: 'navigate' | 'data_exchange';
		/** `navigate`: the ID of the first screen. */
		screen?: string;
		/** `navigate`: data for the first screen (a JSON object). */
		data?: Record<string, unknown>;
	};
}

/**
 * One card of a carousel: an image or video, optional text, and either one URL button or quick-reply
 * buttons (every card of a carousel has the same kind and number of buttons).
 */
export interface CarouselCard {
	header: { type: 'image' | 'video'; url: string };
	body?: string;
	/** Quick-reply buttons: the id comes back in the tap (a button reply). */
	buttons?: Button[];
	/** A URL button: what it says and the page it opens. */
	button?: { title: string; url: string };
}

/** A media carousel (WhatsApp's interactive `carousel`): a body and 2 to 10 cards swiped sideways. */
export interface CarouselMessage {
	type: 'carousel';
	body: string;
	cards: CarouselCard[];
}

/**
 * A single product of the business's Meta catalog (WhatsApp's interactive `product`): optional body
 * and footer, no header.
 */
export interface ProductMessage {
	type: 'product';
	body?: string;
	footer?: string;
	catalogId: string;
	productRetailerId: string;
}

/** Up to 30 products of the catalog in sections (WhatsApp's interactive `product_list`). */
export interface ProductListMessage {
	type: 'productList';
	/** A text header, which Meta requires. */
	header: string;
	body: string;
	footer?: string;
	catalogId: string;
	sections: Array<{ title?: string; productRetailerIds: string[] }>;
}

/** The business's whole catalog behind a View catalog button (WhatsApp's `catalog_message`). */
export interface CatalogMessage {
	type: 'catalog';
	body: string;
	footer?: string;
	/** The product whose image heads the message; Meta uses the catalog's first without one. */
	thumbnailProductRetailerId?: string;
}

/** Every message the node sends (apart from templates), told apart by `type`. */
export type Message =
	| InteractiveMessage
	| TextMessage
	| CtaUrlMessage
	| LocationRequestMessage
	| FlowMessage
	| CarouselMessage
	| ProductMessage
	| ProductListMessage
	| CatalogMessage;

/** Reply buttons or a list: the messages with choices to tap. */
export function hasChoices(message: Message): message is InteractiveMessage {
	return message.type === 'buttons' || message.type === 'list';
}
