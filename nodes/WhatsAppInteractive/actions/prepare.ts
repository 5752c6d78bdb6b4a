/** Turns one input item into a validated provider request, or a validation error naming every problem. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { Dialect, EncodedRequest } from '../../shared/dialects';
import type { Issue } from '../../shared/validation/issues';
import { checkMessage, readMessage } from './readMessage';

export type Prepared = { ok: true; request: EncodedRequest } | { ok: false; error: NodeOperationError };

export function prepareItem(ctx: IExecuteFunctions, dialect: Dialect, i: number): Prepared {
	let issues: Issue[];
	let request: EncodedRequest | undefined;
	try {
		const read = readMessage(ctx, i);
		issues = checkMessage(read, dialect);
		if (read.message) {
			const raw = ctx.getNodeParameter('options', i, {});
			const options = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as IDataObject;
			const envelope = {
				to: ctx.getNodeParameter('to', i, ''),
				from: dialect.envelope.from ? ctx.getNodeParameter('from', i, '') : undefined,
				options,
			};
			// Envelope problems (phone numbers, URLs) are reported together with the message's own.
			const result = dialect.encode(read.message, envelope);
			issues = issues.concat(result.issues);
			request = result.request;
		}
	} catch (error) {
		return { ok: false, error: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: i }) };
	}
	if (request && issues.length === 0) return { ok: true, request };
	return { ok: false, error: validationError(ctx, issues, i) };
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
	const repeated = (issue: Issue) => /^(buttons|rows|choices|list\.sections)\[\d+\]/.test(issue.path);
	let room = Math.max(LISTED - issues.filter((issue) => !repeated(issue)).length, 10);
	const shown = issues.filter((issue) => !repeated(issue) || room-- > 0);
	return { shown, left: issues.length - shown.length };
}

export function validationError(ctx: IExecuteFunctions, issues: Issue[], i: number): NodeOperationError {
	const count = issues.length;
	const message = count === 1 ? `${issues[0].message} [item ${i}]` : `The message has ${count} problems [item ${i}]`;
	let description: string | undefined;
	if (count > 1) {
		const { shown, left } = listed(issues);
		const lines = shown.map((issue) => `• ${issue.message}`);
		if (left > 0) lines.push(`• … and ${left} more of the same kinds about buttons, rows or choices`);
		// n8n's editor shows a description as HTML, where a bare newline does not break the line.
		description = lines.join(LINE_BREAK);
	}
	const error = new NodeOperationError(ctx.getNode(), message, { itemIndex: i, description });
	// Keep the message exactly as written: n8n would otherwise append its own item suffix.
	error.message = message;
	return error;
}
