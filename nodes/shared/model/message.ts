/**
 * The provider-neutral interactive message (docs/message-model.md). Fields mode and JSON mode both produce it;
 * each dialect validates it against its own limits and encodes it into its request body.
 */

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
