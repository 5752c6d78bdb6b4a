/**
 * What the two interactive kinds, reply buttons and list, share: WhatsApp's `interactive` object with
 * a header, a body and a footer. Their JSON schema (one, `type` "buttons" or "list"), their reader
 * from the node's fields (Message Type Reply Buttons, List, or Auto, which becomes either:
 * `auto.ts`) and their check (`validation/limits.ts`, with each provider's table).
 */
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';
import type { Header, InteractiveMessage, ListSection, MessageType } from '../model/message';
import type { Frame } from '../validation/limits';
import { quote, typeName } from '../model/text';
import type { Issue } from '../validation/issues';
import { checkLimits, type LimitContext, type Limits } from '../validation/limits';
import {
	number,
	objectBuilder,
	optionalText,
	text,
	type KindSchema,
	type ObjectBuilder,
} from '../validation/parse';
import { AUTO_MAX_BUTTONS, fromChoices } from './auto';
import { entries, textReader, type Text } from './fields';
import type { FieldValue, ReadMessage } from './types';

/**
 * The schema of an interactive message. `typeError`: what a `type` that is no kind is told (it
 * names every kind, text included: a message of unknown type is read with this schema).
 */
/** A header in JSON: text, a media link, or a place (the kind's limits say which a provider takes). */
export function headerSchema(object: ObjectBuilder) {
	return z.discriminatedUnion(
		'type',
		[
			object({ type: z.literal('text'), text }),
			object({ type: z.enum(['image', 'video', 'document']), url: text, mediaType: optionalText }),
			object({
				type: z.literal('location'),
				latitude: number,
				longitude: number,
				name: optionalText,
				address: optionalText,
			}),
		],
		{ error: 'needs a "type" of text, image, video, document or location' },
	);
}

function buildSchema(strict: boolean, typeError: string) {
	const object = objectBuilder(strict);
	const header = headerSchema(object);
	const button = object({ id: text, title: text });
	const row = object({ id: text, title: text, description: optionalText });
	const section = object({ title: optionalText, rows: z.array(row, { error: 'must be a list' }) });
	return object({
		type: z.enum(['buttons', 'list'], { error: typeError }),
		header: header.optional().nullable(),
		body: text,
		footer: optionalText,
		buttons: z.array(button, { error: 'must be a list' }).optional(),
		list: object({
			button: text,
			sections: z.array(section, { error: 'must be a list' }),
		}).optional(),
	}).superRefine((message, ctx) => {
		if (message.type === 'buttons' && message.buttons === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['buttons'],
				message: 'is missing; a buttons message needs 1–3 buttons',
			});
		}
		if (message.type === 'list' && message.list === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['list'],
				message: 'is missing; a list message needs "list": { "button", "sections" }',
			});
		}
	});
}

/** The interactive kinds' schema; `typeError` as in `buildSchema`. */
export function interactiveSchema(typeError: string): KindSchema {
	return {
		strict: buildSchema(true, typeError),
		lenient: buildSchema(false, typeError),
		missing(raw, issues) {
			if (
				raw.type === 'buttons' &&
				raw.buttons === undefined &&
				!issues.some((issue) => issue.path === 'buttons')
			) {
				issues.push({
					path: 'buttons',
					message: 'Buttons is missing; a buttons message needs 1–3 buttons',
				});
			}
			if (
				raw.type === 'list' &&
				raw.list === undefined &&
				!issues.some((issue) => issue.path === 'list')
			) {
				issues.push({
					path: 'list',
					message: 'List is missing; a list message needs "list": { "button", "sections" }',
				});
			}
		},
	};
}

/** Reply buttons and lists are checked against the provider's table (docs/limits.md). */
export function checkInteractive(
	message: InteractiveMessage,
	limits: Limits,
	context?: LimitContext,
): Issue[] {
	return checkLimits(message, limits, context);
}

/** Fields mode: Message Type Reply Buttons, List or Auto (anything else is read as Reply Buttons). */
export function readInteractive(field: FieldValue): ReadMessage {
	const issues: Issue[] = [];
	const rowNumbers: number[][] = [];
	const unreadable: string[] = [];
	const chosen = field('messageType', 'buttons');
	const message = fromFields(field, issues, rowNumbers, unreadable, chosen === 'auto');
	const read: ReadMessage =
		chosen === 'auto' ? { message, issues, auto: message.type } : { message, issues };
	if (rowNumbers.length > 0) read.rowNumbers = rowNumbers;
	if (unreadable.length > 0) read.unreadable = unreadable;
	return read;
}

function fromFields(
	field: FieldValue,
	issues: Issue[],
	rowNumbers: number[][],
	unreadable: string[],
	auto: boolean,
): InteractiveMessage {
	const param = <T>(name: string, fallback: T) => field(name, fallback) as T;
	const text = textReader(issues, unreadable);
	const chosen = param<unknown>('messageType', 'buttons');
	const choices = auto
		? entries(param<unknown>('choices.choice', []), 'choices', 'Choices', issues)
		: [];
	const type: MessageType =
		chosen === 'list' || (auto && choices.length > AUTO_MAX_BUTTONS) ? 'list' : 'buttons';
	const message: InteractiveMessage = {
		type,
		body: text(param('bodyText', ''), 'bodyText', 'Body', 'body'),
	};
	const header = readHeader(field, text, issues);
	if (header) message.header = header;
	const footer = text(param('footerText', ''), 'footerText', 'Footer', 'footer');
	if (footer !== '') message.footer = footer;
	if (auto) {
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
		const buttons = entries(param<unknown>('buttons.button', []), 'buttons', 'Buttons', issues);
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
				entries(param<unknown>('rows.row', []), 'rows', 'Rows', issues),
				text,
				rowNumbers,
			),
		};
	}
	return message;
}

/** Fields mode: the Header Type and its fields. */
export function readHeader(field: FieldValue, text: Text, issues: Issue[]): Header | undefined {
	const param = <T>(name: string, fallback: T) => field(name, fallback) as T;
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
function groupRows(rows: IDataObject[], text: Text, numbers: number[][] = []): ListSection[] {
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

/** Fields mode: the Header Type and its fields, the Body and the Footer. */
export function readFrame(field: FieldValue, text: Text, issues: Issue[]): Frame {
	const frame: Frame = { body: text(field('bodyText', ''), 'bodyText', 'Body', 'body') };
	const header = readHeader(field, text, issues);
	if (header) frame.header = header;
	const footer = text(field('footerText', ''), 'footerText', 'Footer', 'footer');
	if (footer !== '') frame.footer = footer;
	return frame;
}
