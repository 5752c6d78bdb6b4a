/** Reads one item's message parameters into the neutral model (fields mode or JSON mode). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';
import type {
	Header,
	InteractiveMessage,
	ListSection,
	MessageType,
} from '../../shared/model/message';
import { parseMessage } from '../../shared/validation/parse';
import type { Issue } from '../../shared/validation/issues';
import { quote, typeName } from '../../shared/model/text';
import { AUTO_MAX_BUTTONS, fromChoices, relabelForChoices } from './autoType';

export interface ReadMessage {
	message?: InteractiveMessage;
	issues: Issue[];
	/** Message Type Auto: the choices became this message type (the dialect's issues are renamed). */
	auto?: MessageType;
	/** Fields mode: the 1-based number in the Rows collection of each list row, by section, for labels. */
	rowNumbers?: number[][];
	/** Fields mode: where in the message each field that was not text sits (as the limits name it). */
	unreadable?: string[];
}

export function readMessage(ctx: IExecuteFunctions, i: number): ReadMessage {
	const mode = ctx.getNodeParameter('defineMessage', i, 'fields') as string;
	if (mode === 'json') return parseMessage(ctx.getNodeParameter('messageJson', i));
	const issues: Issue[] = [];
	const rowNumbers: number[][] = [];
	const unreadable: string[] = [];
	const chosen = ctx.getNodeParameter('messageType', i, 'buttons');
	const message = fromFields(ctx, i, issues, rowNumbers, unreadable);
	const read: ReadMessage =
		chosen === 'auto' ? { message, issues, auto: message.type } : { message, issues };
	if (rowNumbers.length > 0) read.rowNumbers = rowNumbers;
	if (unreadable.length > 0) read.unreadable = unreadable;
	return read;
}

/** Every problem of a read message: the reading's own, then the provider's limits. */
export function checkMessage(read: ReadMessage, dialect: Dialect): Issue[] {
	if (!read.message) return read.issues;
	const numbers = read.rowNumbers;
	const limits = dialect.validate(
		read.message,
		numbers ? { rowLabel: (s, r) => numbers[s]?.[r] ?? r + 1 } : undefined,
	);
	// A field that could not be read (not text, or not a list) is reported once: not again as empty
	// by the limits. JSON mode's issues carry the message's paths; a panel field's is in `unreadable`.
	const reported = new Set([...read.issues.map((issue) => issue.path), ...(read.unreadable ?? [])]);
	const own = read.auto ? relabelForChoices(limits, read.auto) : limits;
	return read.issues.concat(own.filter((issue) => !reported.has(issue.path)));
}

function fromFields(
	ctx: IExecuteFunctions,
	i: number,
	issues: Issue[],
	rowNumbers: number[][],
	unreadable: string[],
): InteractiveMessage {
	const param = <T>(name: string, fallback: T) => ctx.getNodeParameter(name, i, fallback) as T;
	const text: Text = (value, path, label, at = path) =>
		asText(value, path, label, issues, () => unreadable.push(at));
	const chosen = param<unknown>('messageType', 'buttons');
	if (chosen !== 'buttons' && chosen !== 'list' && chosen !== 'auto') {
		issues.push({
			path: 'messageType',
			message: `Message Type must be Auto, Reply Buttons or List, not ${typeof chosen === 'string' ? quote(chosen) : typeName(chosen)}`,
		});
	}
	const choices =
		chosen === 'auto'
			? list(param<unknown>('choices.choice', []), 'choices', 'Choices', issues)
			: [];
	const type: MessageType =
		chosen === 'list' || (chosen === 'auto' && choices.length > AUTO_MAX_BUTTONS)
			? 'list'
			: 'buttons';
	const message: InteractiveMessage = {
		type,
		body: text(param('bodyText', ''), 'bodyText', 'Body', 'body'),
	};
	const header = readHeader(ctx, i, text, issues);
	if (header) message.header = header;
	const footer = text(param('footerText', ''), 'footerText', 'Footer', 'footer');
	if (footer !== '') message.footer = footer;
	if (chosen === 'auto') {
		Object.assign(
			message,
			fromChoices(
				choices,
				text(param('listButtonText', ''), 'listButtonText', 'List button label', 'list.button'),
				text,
				issues,
			),
		);
	} else if (type === 'buttons') {
		const buttons = list(param<unknown>('buttons.button', []), 'buttons', 'Buttons', issues);
		message.buttons = buttons.map((b, k) => ({
			id: text(b.id, `buttons[${k}].id`, `Button ${k + 1} ID`),
			title: text(b.title, `buttons[${k}].title`, `Button ${k + 1} title`),
		}));
	} else {
		message.list = {
			button: text(
				param('listButtonText', ''),
				'listButtonText',
				'List button label',
				'list.button',
			),
			sections: groupRows(
				list(param<unknown>('rows.row', []), 'rows', 'Rows', issues),
				text,
				rowNumbers,
			),
		};
	}
	return message;
}

/** Reads a field as text; `at` is where it sits in the message (the limits' path), when not `path`. */
type Text = (value: unknown, path: string, label: string, at?: string) => string;

function readHeader(
	ctx: IExecuteFunctions,
	i: number,
	text: Text,
	issues: Issue[],
): Header | undefined {
	const param = <T>(name: string, fallback: T) => ctx.getNodeParameter(name, i, fallback) as T;
	const type = param<string>('headerType', 'none');
	switch (type) {
		case 'text':
			return {
				type: 'text',
				text: text(param('headerText', ''), 'headerText', 'Header text', 'header.text'),
			};
		case 'image':
		case 'video':
		case 'document': {
			const mediaType = text(
				param('headerMediaType', ''),
				'headerMediaType',
				'Header media type',
				'header.mediaType',
			);
			return {
				type,
				url: text(param('headerMediaUrl', ''), 'headerMediaUrl', 'Header media URL', 'header.url'),
				...(mediaType ? { mediaType } : {}),
			};
		}
		case 'location': {
			const name = text(
				param('headerLocationName', ''),
				'headerLocationName',
				'Location name',
				'header.name',
			);
			const address = text(
				param('headerLocationAddress', ''),
				'headerLocationAddress',
				'Location address',
				'header.address',
			);
			return {
				type: 'location',
				latitude: coordinate(
					param<unknown>('headerLatitude', ''),
					'headerLatitude',
					'Latitude',
					90,
					issues,
				),
				longitude: coordinate(
					param<unknown>('headerLongitude', ''),
					'headerLongitude',
					'Longitude',
					180,
					issues,
				),
				...(name ? { name } : {}),
				...(address ? { address } : {}),
			};
		}
		case 'none':
		case undefined:
		case '':
			return undefined;
		default:
			issues.push({
				path: 'headerType',
				message: `Header Type must be None, Text, Image, Video, Document or Location, not ${typeof type === 'string' ? quote(type) : typeName(type)}`,
			});
			return undefined;
	}
}

/**
 * Latitude and Longitude are text fields (no 0 default that would silently send 0,0). Empty or
 * not a number is reported here; the range is the dialect limits' check.
 */
function coordinate(
	value: unknown,
	path: string,
	label: string,
	limit: number,
	issues: Issue[],
): number {
	const example = `enter a number from -${limit} to ${limit} with a dot for decimals, e.g. -22.894180`;
	if (typeof value === 'number') return value;
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		issues.push({ path, message: `${label} is empty; ${example}` });
		return 0;
	}
	if (typeof value !== 'string') {
		issues.push({ path, message: `${label} must be a number, not ${typeName(value)}; ${example}` });
		return 0;
	}
	const text = value.trim();
	const number = Number(text);
	if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text) || !Number.isFinite(number)) {
		issues.push({ path, message: `${label} ${quote(text)} is not a number; ${example}` });
		return 0;
	}
	return number;
}

/**
 * Rows that share a section title form one section, in the order titles first appear.
 * `numbers` receives each row's number in the Rows collection, by section (for labels).
 */
function groupRows(
	rows: IDataObject[],
	text: Text = (v) => asText(v, '', '', []),
	numbers: number[][] = [],
): ListSection[] {
	const sections = new Map<string, ListSection>();
	const numbersOf = new Map<ListSection, number[]>();
	rows.forEach((row, k) => {
		const title = text(row.section, `rows[${k}].section`, `Row ${k + 1} section`).trim();
		let section = sections.get(title);
		if (!section) {
			section = title ? { title, rows: [] } : { rows: [] };
			sections.set(title, section);
			numbersOf.set(section, []);
		}
		numbersOf.get(section)!.push(k + 1);
		// Where this row sits in the message: its section's place among the sections, its place in the section.
		const at = `list.sections[${[...sections.values()].indexOf(section)}].rows[${section.rows.length}]`;
		const description = text(
			row.description,
			`rows[${k}].description`,
			`Row ${k + 1} description`,
			`${at}.description`,
		);
		section.rows.push({
			id: text(row.id, `rows[${k}].id`, `Row ${k + 1} ID`, `${at}.id`),
			title: text(row.title, `rows[${k}].title`, `Row ${k + 1} title`, `${at}.title`),
			...(description ? { description } : {}),
		});
	});
	const grouped = [...sections.values()];
	for (const section of grouped) numbers.push(numbersOf.get(section)!);
	return grouped;
}

/**
 * Field values arrive as strings, or numbers and booleans when an expression returns one. Objects
 * and lists are not text: they are reported (naming the field) instead of becoming "[object Object]".
 */
function asText(
	value: unknown,
	path: string,
	label: string,
	issues: Issue[],
	unreadable?: () => void,
): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	issues.push({ path, message: `${label} must be text, not ${typeName(value)}` });
	unreadable?.();
	return '';
}

function list(value: unknown, path: string, label: string, issues: Issue[]): IDataObject[] {
	if (value === undefined || value === null || value === '') return [];
	if (!Array.isArray(value)) {
		issues.push({ path, message: `${label} must be a list of entries, not ${typeName(value)}` });
		return [];
	}
	return value.map((entry) =>
		entry !== null && typeof entry === 'object' && !Array.isArray(entry)
			? (entry as IDataObject)
			: {},
	);
}
