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

/** Every message the node sends (apart from templates), told apart by `type`. */
export type Message = InteractiveMessage | TextMessage;
