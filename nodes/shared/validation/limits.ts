/**
 * The limits of docs/limits.md, checked against the neutral model. Both dialects share the rules;
 * each passes its own numbers and differences (section titles, footer blankness, headers).
 */
import type { Header, InteractiveMessage, MediaKind, MessageType } from '../model/message';
import { checkCount, checkText, checkUnique, type Issue, type TextRule } from './issues';
import { label } from './labels';
import { checkHttpUrl } from './url';

export interface Limits {
	providerName: string;
	buttons: { min: number; max: number };
	buttonTitle: TextRule;
	buttonId: TextRule;
	rowsTotal: { min: number; max: number };
	sections: { min: number; max: number };
	/** `null` when the provider has no section titles (a title given is not sent). */
	sectionTitle: TextRule | null;
	rowId: TextRule;
	rowTitle: TextRule;
	rowDescription: TextRule;
	listButton: TextRule;
	headerText: TextRule;
	/** Per message type: a provider may allow a longer body on a list than on reply buttons. */
	body: Record<MessageType, TextRule>;
	footer: TextRule;
	headerTypes: Record<MessageType, ReadonlyArray<Header['type']>>;
	/** The file types a media header may declare, per kind, when the provider must be told one (Media Type field). */
	mediaTypes?: Record<MediaKind, readonly string[]>;
	/** Checks a media header beyond its URL (e.g. a known media type); returns nothing when fine. */
	checkMedia?(header: Extract<Header, { url: string }>, issues: Issue[]): void;
}

/** How rows are numbered in problems: fields mode numbers them as the Rows collection does. */
export interface LimitContext {
	/** The 1-based number of row `row` of section `section`. */
	rowLabel?(section: number, row: number): number;
}

export function checkLimits(
	message: InteractiveMessage,
	limits: Limits,
	context: LimitContext = {},
): Issue[] {
	const issues: Issue[] = [];
	checkFrame(
		message,
		{
			...limits,
			headerTypes: limits.headerTypes[message.type],
			body: limits.body[message.type],
		},
		message.type === 'list' ? 'a list message' : 'a reply-button message',
		issues,
	);
	if (message.type === 'buttons') checkButtons(message, limits, issues);
	else checkList(message, limits, issues, context);
	return issues;
}

/** The header, body and footer of a message with WhatsApp's interactive frame. */
export interface Frame {
	header?: Header;
	body: string;
	footer?: string;
}

/**
 * The frame against a provider's limits: a header of a type it allows on `what` ("a Flow
 * message"), the body, and the footer.
 */
export function checkFrame(
	frame: Frame,
	limits: Pick<Limits, 'providerName' | 'headerText' | 'checkMedia'> & {
		headerTypes: ReadonlyArray<Header['type']>;
		body: TextRule;
		footer: TextRule;
	},
	what: string,
	issues: Issue[],
): void {
	if (frame.header) checkHeaderOf(frame.header, limits.headerTypes, what, limits, issues);
	checkText(issues, 'body', label.body, frame.body, limits.body);
	if (frame.footer !== undefined)
		checkText(issues, 'footer', label.footer, frame.footer, limits.footer);
}

/**
 * A message's header: of a type the provider allows on `what` ("a reply-button message"), its text
 * within the limit, its coordinates on the globe, its media URL an http(s) link.
 */
export function checkHeaderOf(
	header: Header,
	allowed: ReadonlyArray<Header['type']>,
	what: string,
	limits: Pick<Limits, 'providerName' | 'headerText' | 'checkMedia'>,
	issues: Issue[],
): void {
	if (!allowed.includes(header.type)) {
		issues.push({
			path: 'header.type',
			message: `${limits.providerName} does not support ${/^[aeiou]/.test(header.type) ? 'an' : 'a'} ${header.type} header on ${what}; use ${allowed.length ? allowed.join(', ') : 'no'} header${allowed.length > 1 ? 's' : ''} or none`,
		});
		return;
	}
	if (header.type === 'text') {
		checkText(issues, 'header.text', label.headerText, header.text, limits.headerText);
	} else if (header.type === 'location') {
		if (!Number.isFinite(header.latitude) || header.latitude < -90 || header.latitude > 90) {
			issues.push({
				path: 'header.latitude',
				message: `${label.latitude} ${header.latitude} is outside −90 to 90`,
			});
		}
		if (!Number.isFinite(header.longitude) || header.longitude < -180 || header.longitude > 180) {
			issues.push({
				path: 'header.longitude',
				message: `${label.longitude} ${header.longitude} is outside −180 to 180`,
			});
		}
	} else {
		if (checkHttpUrl(issues, 'header.url', label.headerUrl, header.url))
			limits.checkMedia?.(header, issues);
	}
}

function checkButtons(message: InteractiveMessage, limits: Limits, issues: Issue[]): void {
	const buttons = message.buttons ?? [];
	checkCount(
		issues,
		'buttons',
		label.buttons,
		buttons.length,
		limits.buttons.min,
		limits.buttons.max,
	);
	buttons.forEach((button, i) => {
		checkText(
			issues,
			`buttons[${i}].title`,
			`${label.button(i)} title`,
			button.title,
			limits.buttonTitle,
		);
		checkText(issues, `buttons[${i}].id`, `${label.button(i)} ID`, button.id, limits.buttonId);
	});
	checkUnique(
		issues,
		buttons.map((b, i) => ({
			path: `buttons[${i}].id`,
			label: `${label.button(i)} ID`,
			value: b.id,
		})),
		'button ID',
	);
	checkUnique(
		issues,
		buttons.map((b, i) => ({
			path: `buttons[${i}].title`,
			label: `${label.button(i)} title`,
			value: b.title,
		})),
		'button title',
	);
	if (message.list !== undefined) {
		issues.push({
			path: 'list',
			message: 'A reply-button message has no list; remove "list" or set "type" to "list"',
		});
	}
}

function checkList(
	message: InteractiveMessage,
	limits: Limits,
	issues: Issue[],
	context: LimitContext,
): void {
	const list = message.list;
	if (!list) return;
	if (message.buttons !== undefined) {
		issues.push({
			path: 'buttons',
			message: 'A list message has no reply buttons; remove "buttons" or set "type" to "buttons"',
		});
	}
	checkText(issues, 'list.button', label.listButton, list.button, limits.listButton);
	checkCount(
		issues,
		'list.sections',
		label.sections,
		list.sections.length,
		limits.sections.min,
		limits.sections.max,
	);
	const ids: Array<{ path: string; label: string; value: unknown }> = [];
	// The count first: with hundreds of rows it is the problem to fix, and it must not drown.
	const total = list.sections.reduce((k, section) => k + section.rows.length, 0);
	checkCount(
		issues,
		'list.sections',
		label.rows,
		total,
		limits.rowsTotal.min,
		limits.rowsTotal.max,
	);
	let n = 0;
	list.sections.forEach((section, s) => {
		const base = `list.sections[${s}]`;
		if (limits.sectionTitle) {
			checkText(
				issues,
				`${base}.title`,
				`${label.section(s)} title`,
				section.title,
				limits.sectionTitle,
			);
		}
		if (section.rows.length === 0) {
			issues.push({
				path: `${base}.rows`,
				message: `${label.section(s)} has no rows; add at least one`,
			});
		}
		section.rows.forEach((row, r) => {
			const path = `${base}.rows[${r}]`;
			const name = label.row(context.rowLabel ? context.rowLabel(s, r) - 1 : n);
			checkText(issues, `${path}.id`, `${name} ID`, row.id, limits.rowId);
			checkText(issues, `${path}.title`, `${name} title`, row.title, limits.rowTitle);
			if (row.description !== undefined) {
				checkText(
					issues,
					`${path}.description`,
					`${name} description`,
					row.description,
					limits.rowDescription,
				);
			}
			ids.push({ path: `${path}.id`, label: `${name} ID`, value: row.id });
			n++;
		});
	});
	checkUnique(issues, ids, 'row ID');
}
