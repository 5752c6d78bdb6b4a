/** Reads one item's message parameters into the neutral model (fields mode or JSON mode). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Header, InteractiveMessage, ListSection, MessageType } from '../../shared/model/message';
import { parseMessage } from '../../shared/model/parse';
import type { Issue } from '../../shared/validation/issues';

export function readMessage(ctx: IExecuteFunctions, i: number): { message?: InteractiveMessage; issues: Issue[] } {
	const mode = ctx.getNodeParameter('defineMessage', i, 'fields') as string;
	if (mode === 'json') return parseMessage(ctx.getNodeParameter('messageJson', i));
	return { message: fromFields(ctx, i), issues: [] };
}

function fromFields(ctx: IExecuteFunctions, i: number): InteractiveMessage {
	const param = <T>(name: string, fallback: T) => ctx.getNodeParameter(name, i, fallback) as T;
	const type = param<MessageType>('messageType', 'buttons');
	const message: InteractiveMessage = { type, body: text(param('bodyText', '')) };
	const header = readHeader(ctx, i);
	if (header) message.header = header;
	const footer = text(param('footerText', ''));
	if (footer !== '') message.footer = footer;
	if (type === 'buttons') {
		message.buttons = param<IDataObject[]>('buttons.button', []).map((b) => ({
			id: text(b.id),
			title: text(b.title),
		}));
	} else {
		message.list = {
			button: text(param('listButtonText', '')),
			sections: groupRows(param<IDataObject[]>('rows.row', [])),
		};
	}
	return message;
}

function readHeader(ctx: IExecuteFunctions, i: number): Header | undefined {
	const param = <T>(name: string, fallback: T) => ctx.getNodeParameter(name, i, fallback) as T;
	const type = param<string>('headerType', 'none');
	switch (type) {
		case 'text':
			return { type: 'text', text: text(param('headerText', '')) };
		case 'image':
		case 'video':
		case 'document': {
			const mediaType = text(param('headerMediaType', ''));
			return { type, url: text(param('headerMediaUrl', '')), ...(mediaType ? { mediaType } : {}) };
		}
		case 'location': {
			const name = text(param('headerLocationName', ''));
			const address = text(param('headerLocationAddress', ''));
			return {
				type: 'location',
				latitude: Number(param('headerLatitude', 0)),
				longitude: Number(param('headerLongitude', 0)),
				...(name ? { name } : {}),
				...(address ? { address } : {}),
			};
		}
		default:
			return undefined;
	}
}

/** Rows that share a section title form one section, in the order titles first appear. */
export function groupRows(rows: IDataObject[]): ListSection[] {
	const sections = new Map<string, ListSection>();
	for (const row of rows) {
		const title = text(row.section).trim();
		let section = sections.get(title);
		if (!section) {
			section = title ? { title, rows: [] } : { rows: [] };
			sections.set(title, section);
		}
		const description = text(row.description);
		section.rows.push({
			id: text(row.id),
			title: text(row.title),
			...(description ? { description } : {}),
		});
	}
	return [...sections.values()];
}

/** Field values arrive as strings, or numbers when an expression returns one. */
function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : String(value);
}
