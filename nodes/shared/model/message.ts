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

/** Every message the node sends (apart from templates), told apart by `type`. */
export type Message = InteractiveMessage;

/** A message's kind: the JSON `type` and the Message Type value (public contract). */
export type MessageKind = Message['type'];
