/**
 * Send and Wait for Response with Response Type Approval: the message is the question (`message`)
 * with an Approve and, unless Approve Only, a Decline reply button; the answer is n8n's approval
 * shape, `data: { approved, respondedAt }`, which n8n's AI Agent reads to decide whether a tool
 * gated by the derived "Request human approval for tools" node runs (docs/ai-agents.md).
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';
import { codePointLength } from '../../shared/model/text';
import { APPROVE_LABEL, DECLINE_LABEL } from '../description/approval';
import type { Issue } from '../../shared/validation/issues';
import type { ReadMessage } from './readMessage';

export type ResponseType = 'choice' | 'approval' | 'freeText' | 'location' | 'form';

/** Answered by the customer's next message (a typed answer, a shared place), not by a tap. */
export function isTyped(type: unknown): type is 'freeText' | 'location' {
	return type === 'freeText' || type === 'location';
}

/** The ids of the two choices as the question records them (the message carries references). */
export const APPROVE_ID = 'approve';
export const DECLINE_ID = 'decline';

/** What n8n's agent is told when no one answered in time (see `timedOutApproval`). */
export const TIMED_OUT_FEEDBACK =
	'No one answered on WhatsApp before the waiting time ran out, so the tool call was neither approved nor run. Tell the user that the approval timed out.';

export function responseTypeOf(ctx: IExecuteFunctions): ResponseType {
	const type = ctx.getNodeParameter('responseType', 0, 'choice');
	return type === 'approval' || type === 'form' || isTyped(type) ? type : 'choice';
}

/**
 * Limit Wait Time's default: for Approval an hour (`afterTimeInterval` with Amount 1 and Unit
 * Hours, those fields' defaults), otherwise none. description/sendAndWait.ts says why.
 */
export function defaultLimitType(ctx: IExecuteFunctions): 'afterTimeInterval' | 'none' {
	return responseTypeOf(ctx) === 'approval' ? 'afterTimeInterval' : 'none';
}

/** n8n names the node it derives for an AI Agent's tools `<node>HitlTool` (n8n-workflow isHitlToolType). */
export function isHitlTool(node: INode): boolean {
	return node.type.endsWith('HitlTool');
}

/** What n8n's agent is told when the question does not fit in a message (see `refusedApproval`). */
export function refusedFeedback(length: number, max: number, provider: string): string {
	return `The approval question was not sent on WhatsApp: with the tool's input it is ${length} characters, and ${provider} allows ${max} in the message, so the person would not have seen all of it. The tool call was neither approved nor run. Call the tool again with shorter input, or tell the user that the approval could not be asked.`;
}

/**
 * Bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) reorder the text that
 * follows them, and invisible characters (zero-width U+200B–U+200D, U+2060–U+2064, U+FEFF, the
 * soft hyphen, U+180E, the deprecated format characters U+206A–U+206F, annotation marks
 * U+FFF9–U+FFFB, tag characters U+E0000–U+E007F) hide or split it. A yes/no question needs none
 * of them: they are removed from all of it, the node's own text included.
 */
const INVISIBLE =
	/[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/gu;

/** Every way of starting a new line (CR LF, CR, VT, FF, NEL, the Unicode line and paragraph separators). */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/** How a line break from an expression is shown: a visible mark on the same line. */
export const SHOWN_LINE_BREAK = ' ⏎ ';

/**
 * WhatsApp's inline formatting markers, each shown as a look-alike that WhatsApp does not format.
 * A marker between two letters or digits (`Book_the_table`, `order_id`, `2*3`) opens and closes
 * nothing, since WhatsApp formats only from and to a word's edge, so it is kept as written:
 * n8n's tool names are node names with `_` for spaces. The edges of an expression's output count
 * as word edges.
 */
const FORMATTING = /(?<![\p{L}\p{N}])[*_~`]|[*_~`](?![\p{L}\p{N}])/gu;
const MARKERS: Record<string, string> = {
	'*': '∗', // U+2217 asterisk operator: *bold*
	_: 'ˍ', // U+02CD modifier letter low macron: _italic_
	'~': '∼', // U+223C tilde operator: ~strikethrough~
	'`': 'ˋ', // U+02CB modifier letter grave accent: `code`, ```monospace```
};

/** WhatsApp's line-start formatting: a quote (`> `), a bulleted (`- `) or a numbered (`1. `) list. */
const LINE_START = /^([ \t]*)(?:>|-(?=[ \t])|(\d+)\.(?=[ \t]))/;

/** Whether text appended to `before` starts a line. */
function atLineStart(before: string): boolean {
	return /(^|\n)[ \t]*$/.test(before);
}

/**
 * Text an expression produced (the tool's input, for the agent's approval): shown as it is, not
 * as WhatsApp would format it, and on the line where the node's own text puts it.
 */
function asData(text: string, startsLine: boolean): string {
	let shown = text
		.replace(FORMATTING, (marker) => MARKERS[marker])
		.replace(LINE_BREAK, SHOWN_LINE_BREAK);
	if (startsLine)
		shown = shown.replace(
			LINE_START,
			(all, indent: string, number?: string) =>
				number !== undefined
					? `${indent}${number}\u2024` // U+2024 one dot leader
					: `${indent}${all.trimStart() === '>' ? '\u203A' : '\u2010'}`, // › and ‐
		);
	return shown;
}

/**
 * The literal texts of the node's raw (unevaluated) Message around its `{{ … }}` expressions: one
 * more than there are expressions. Undefined when the raw value is not text.
 */
export function templateTexts(raw: unknown): string[] | undefined {
	if (typeof raw !== 'string') return undefined;
	if (!raw.startsWith('=')) return [raw];
	const texts: string[] = [];
	let rest = raw.slice(1);
	for (;;) {
		const open = rest.indexOf('{{');
		const close = open < 0 ? -1 : rest.indexOf('}}', open + 2);
		if (close < 0) {
			texts.push(rest);
			return texts;
		}
		texts.push(rest.slice(0, open));
		rest = rest.slice(close + 2);
	}
}

export interface QuestionPart {
	text: string;
	/** The node's own text, as written in its Message; otherwise what an expression produced. */
	template: boolean;
}

/**
 * The evaluated question cut into the node's own text and what expressions produced, by finding
 * the raw Message's literal texts in it, in order. A literal text is counted as the node's own
 * only where it can be nowhere else: the first and last ones are where they must be (the start
 * and end), and one in between only when its first and last possible places are the same, since
 * an expression's value can contain the same words to move it. Whatever cannot be placed for
 * certain is taken for expression output, which is the safe side: it is shown, not formatted.
 */
export function splitQuestion(question: string, texts: string[] | undefined): QuestionPart[] {
	const parts: QuestionPart[] = [];
	const push = (text: string, template: boolean) => {
		if (text !== '') parts.push({ text, template });
	};
	if (!texts || texts.length === 0) {
		push(question, false);
		return parts;
	}
	const first = texts[0];
	const last = texts[texts.length - 1];
	if (texts.length === 1) {
		push(question, question === first);
		return parts;
	}
	const end = question.length - last.length;
	if (!question.startsWith(first) || !question.endsWith(last) || first.length > end) {
		push(question, false);
		return parts;
	}
	const middle = texts.slice(1, -1);
	const earliest: number[] = [];
	let from = first.length;
	for (const text of middle) {
		const at = question.indexOf(text, from);
		if (at < 0 || at + text.length > end) {
			push(question, false);
			return parts;
		}
		earliest.push(at);
		from = at + text.length;
	}
	const latest: number[] = [];
	let until = end;
	for (let k = middle.length - 1; k >= 0; k--) {
		latest[k] = question.lastIndexOf(middle[k], until - middle[k].length);
		until = latest[k];
	}
	push(first, true);
	if (middle.some((text, k) => text !== '' && earliest[k] !== latest[k])) {
		push(question.slice(first.length, end), false);
	} else {
		let at = first.length;
		middle.forEach((text, k) => {
			push(question.slice(at, earliest[k]), false);
			push(text, true);
			at = earliest[k] + text.length;
		});
		push(question.slice(at, end), false);
	}
	push(last, true);
	return parts;
}

/**
 * The question as the person sees it. The node's own text keeps its formatting, line breaks and
 * `\n` escapes (written as two characters, as n8n's send-and-wait nodes read them). What
 * expressions produced (with an agent: the tool's input) cannot change how the question looks:
 * WhatsApp's formatting markers are shown as look-alikes, its line breaks as " ⏎ ", and `\n`
 * stays two characters. Bidi and invisible characters are removed everywhere.
 */
export function approvalQuestion(question: string, raw: unknown): string {
	let body = '';
	for (const part of splitQuestion(question, templateTexts(raw))) {
		const text = part.text.replace(INVISIBLE, '');
		body += part.template ? text.replace(/\\n/g, '\n') : asData(text, atLineStart(body));
	}
	return body.trim();
}

/** The approval's message and, for an agent's question that does not fit, the answer that it was not asked (`refused`). */
export interface ReadApproval extends ReadMessage {
	refused?: IDataObject;
}

/**
 * The approval question as a reply-button message (see `approvalQuestion`). A question longer than
 * the provider allows in a body is never cut, since the part cut off could be the part that
 * matters: in a workflow it is an error that names the Message; for an agent's approval (the
 * derived node) the node sends nothing and answers not approved, with the reason for the agent.
 * Labels are checked by the provider's limits like any button title.
 */
export function readApproval(ctx: IExecuteFunctions, dialect: Dialect): ReadApproval {
	const question = ctx.getNodeParameter('message', 0, '');
	if (typeof question !== 'string') {
		return {
			issues: [
				{
					path: 'body',
					message: 'Message must be text; write the question the recipient approves or declines',
				},
			],
		};
	}
	const node = ctx.getNode();
	const values = ctx.getNodeParameter('approvalOptions.values', 0, {}) as IDataObject;
	const label = (value: unknown, fallback: string) =>
		typeof value === 'string' && value.replace(INVISIBLE, '').trim() !== ''
			? value.replace(INVISIBLE, '')
			: fallback;
	const buttons = [{ id: APPROVE_ID, title: label(values.approveLabel, APPROVE_LABEL) }];
	if (values.approvalType !== 'single')
		buttons.push({ id: DECLINE_ID, title: label(values.disapproveLabel, DECLINE_LABEL) });
	const body = approvalQuestion(question, node.parameters.message);
	const max = dialect.limits.body.buttons.max;
	const length = codePointLength(body);
	const read: ReadApproval = { message: { type: 'buttons', body, buttons }, issues: [] };
	if (max !== undefined && length > max && isHitlTool(node))
		read.refused = refusedApproval(length, max, dialect.displayName);
	return read;
}

/**
 * The agent's approval when its question does not fit: not approved, nothing sent, nothing
 * waited for. n8n's agent repeats `chatInput` to the model as the reviewer's feedback.
 */
export function refusedApproval(length: number, max: number, provider: string): IDataObject {
	const reason = refusedFeedback(length, max, provider);
	return { approved: false, sent: false, reason, respondedAt: null, chatInput: reason };
}

/**
 * Whether a refused approval is answered as refused: when the question's length is its only
 * problem. A label or other setting that is wrong stays an error, which the workflow's author fixes.
 */
export function refusedOnlyForLength(read: ReadApproval, issues: Issue[]): boolean {
	return read.refused !== undefined && issues.every((issue) => issue.path === 'body');
}

/** The item a refused approval outputs in place of waiting (`data` is `refusedApproval`'s). */
export function refusedItem(data: IDataObject): INodeExecutionData {
	return {
		json: { answered: false, timedOut: false, sent: false, choice: null, data },
		pairedItem: { item: 0 },
	};
}

/** The answer to a tap, in n8n's approval shape. */
export function approvalAnswer(choiceId: string, respondedAt: string): IDataObject {
	return { approved: choiceId === APPROVE_ID, respondedAt };
}

/**
 * The answer when the wait runs out: not approved. For the derived node n8n's agent repeats
 * `chatInput` to the model as the reviewer's feedback, so the model learns that it timed out
 * rather than that someone declined.
 */
export function timedOutApproval(node: INode): IDataObject {
	return {
		approved: false,
		timedOut: true,
		respondedAt: null,
		...(isHitlTool(node) ? { chatInput: TIMED_OUT_FEEDBACK } : {}),
	};
}

const APPROVAL_LABELS: Array<[path: string, from: RegExp, to: string]> = [
	['body', /^Body\b/, 'Message'],
	['buttons[0].title', /^Button 1 title\b/, 'Approve Button Label'],
	['buttons[1].title', /^Button 2 title\b/, 'Decline Button Label'],
];

/** The provider's limits name the message's parts; Approval's panel calls them otherwise. */
export function relabelForApproval(issues: Issue[]): Issue[] {
	return issues.map((issue) => {
		const rule = APPROVAL_LABELS.find(([path]) => path === issue.path);
		return rule ? { ...issue, message: issue.message.replace(rule[1], rule[2]) } : issue;
	});
}
