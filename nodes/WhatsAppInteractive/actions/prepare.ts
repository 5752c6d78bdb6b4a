/** Turns one input item into a validated provider request, or a validation error naming every problem. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { DIALECTS, type Dialect, type EncodedRequest, type Envelope } from '../../shared/dialects';
import { supportOf } from '../../shared/dialects/kinds';
import { providerList } from '../../shared/description/provider';
import { escapeHtml } from '../../shared/model/html';
import type { Issue } from '../../shared/validation/issues';
import { checkMessage, readMessage } from './readMessage';
import {
	checkTemplateItem,
	readTemplate,
	sendsTemplate,
	templateObject,
	type TemplateLookups,
} from './template';

/** `warning`: sent, but something could not be checked (a template's definition that could not be read). */
export type Prepared =
	| { ok: true; request: EncodedRequest; warning?: string }
	| { ok: false; error: NodeOperationError };

/** The recipient, sender and options of item `i`, as the dialects encode them. */
export function envelopeOf(ctx: IExecuteFunctions, dialect: Dialect, i: number): Envelope {
	const raw = ctx.getNodeParameter('options', i, {});
	const options = (
		raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}
	) as IDataObject;
	return {
		to: ctx.getNodeParameter('to', i, ''),
		from: dialect.envelope.from ? ctx.getNodeParameter('from', i, '') : undefined,
		options,
	};
}

/** `templates`: the definitions looked up for this run (`lookUpTemplates`), for template sends. */
export function prepareItem(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	i: number,
	templates: TemplateLookups = new Map(),
): Prepared {
	let issues: Issue[];
	let request: EncodedRequest | undefined;
	let warning: string | undefined;
	try {
		if (sendsTemplate(ctx, i)) {
			if (!dialect.templates) return { ok: false, error: noTemplates(ctx, dialect, i) };
			const checked = checkTemplateItem(readTemplate(ctx, i), templates);
			const { fill, components } = checked.read;
			const result = dialect.templates.encode(
				templateObject(fill, components),
				envelopeOf(ctx, dialect, i),
			);
			issues = checked.issues.concat(result.issues);
			request = result.request;
			if (checked.lookup && 'unchecked' in checked.lookup)
				warning = `Not checked against the template: ${checked.lookup.unchecked}`;
		} else {
			// Read (by Message Type, or by the JSON's `type`) → check → encode, by the message's kind.
			const read = readMessage(ctx, i);
			issues = checkMessage(read, dialect);
			const support = read.message && supportOf(dialect.kinds, read.message.type);
			if (read.message && support) {
				// Envelope problems (phone numbers, URLs) are reported together with the message's own.
				const result = support.encode(read.message, envelopeOf(ctx, dialect, i));
				issues = issues.concat(result.issues);
				request = result.request;
			}
		}
	} catch (error) {
		return {
			ok: false,
			error: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: i }),
		};
	}
	if (request && issues.length === 0)
		return warning ? { ok: true, request, warning } : { ok: true, request };
	return { ok: false, error: validationError(ctx, issues, i) };
}

/** A provider without templates (the editor's notice says the same). */
export function noTemplates(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	i: number,
): NodeOperationError {
	const message = `${dialect.displayName} documents no message templates, so this node cannot send one through it [item ${i}]`;
	const error = new NodeOperationError(ctx.getNode(), message, {
		itemIndex: i,
		description: `Templates are sent through the ${providerList(DIALECTS.filter((d) => d.templates))}: choose it as Provider, or send an interactive message (Send As → Interactive Message) within 24 hours of the customer's last message.`,
	});
	// Keep the message exactly as written: n8n would otherwise append its own item suffix.
	error.message = message;
	return error;
}

/** Between two problems in an error's description: a line break in n8n's editor (HTML) and in plain text. */
export const LINE_BREAK = '<br>\n';

/** Problems listed in the description; a message with more says how many it left out. */
const LISTED = 100;

/**
 * The problems to list when there are too many: every one outside the message's buttons and rows
 * (recipient, sender, callback URLs, body…), and the first of the repeated ones, in their order.
 */
function listed(issues: Issue[]): { shown: Issue[]; left: number } {
	if (issues.length <= LISTED) return { shown: issues, left: 0 };
	const repeated = (issue: Issue) =>
		/^(buttons|rows|choices|list\.sections)\[\d+\]/.test(issue.path);
	let room = Math.max(LISTED - issues.filter((issue) => !repeated(issue)).length, 10);
	const shown = issues.filter((issue) => !repeated(issue) || room-- > 0);
	return { shown, left: issues.length - shown.length };
}

export function validationError(
	ctx: IExecuteFunctions,
	issues: Issue[],
	i: number,
): NodeOperationError {
	const count = issues.length;
	const message =
		count === 1
			? `${issues[0].message} [item ${i}]`
			: `The message has ${count} problems [item ${i}]`;
	let description: string | undefined;
	if (count > 1) {
		const { shown, left } = listed(issues);
		// Messages quote the item's values (which may come from a provider or a user): escaped.
		const lines = shown.map((issue) => `• ${escapeHtml(issue.message)}`);
		if (left > 0)
			lines.push(`• … and ${left} more of the same kinds about buttons, rows or choices`);
		// n8n's editor shows a description as HTML, where a bare newline does not break the line.
		description = lines.join(LINE_BREAK);
	}
	const error = new NodeOperationError(ctx.getNode(), message, { itemIndex: i, description });
	// Keep the message exactly as written: n8n would otherwise append its own item suffix.
	error.message = message;
	return error;
}
