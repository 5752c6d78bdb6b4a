/**
 * One item's message: read (fields mode by its Message Type, JSON mode by its `type`) and checked
 * against the provider's limits for its kind (`nodes/shared/kinds/`).
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { lackingKind, type Dialect } from '../../shared/dialects';
import { supportOf } from '../../shared/dialects/kinds';
import { kindOf, parseMessage, readFields, type ReadMessage } from '../../shared/kinds';
import { relabelForChoices } from '../../shared/kinds/auto';
import type { Issue } from '../../shared/validation/issues';

export type { ReadMessage } from '../../shared/kinds';

export function readMessage(ctx: IExecuteFunctions, i: number): ReadMessage {
	const mode = ctx.getNodeParameter('defineMessage', i, 'fields') as string;
	if (mode === 'json') return parseMessage(ctx.getNodeParameter('messageJson', i));
	return readFields((name, fallback) => ctx.getNodeParameter(name, i, fallback));
}

/**
 * Every problem of a read message: the reading's own, then the provider's limits for its kind (or
 * that the provider does not take the kind, naming those that do).
 */
export function checkMessage(read: ReadMessage, dialect: Dialect): Issue[] {
	// A kind the provider does not take is the one problem worth saying, read or not.
	const kind = read.message?.type ?? read.kind;
	if (kind !== undefined && !supportOf(dialect.kinds, kind)) return [lackingKind(dialect, kind)];
	if (!read.message) return read.issues;
	const message = read.message;
	const support = supportOf(dialect.kinds, message.type)!;
	const numbers = read.rowNumbers;
	const limits = kindOf(message.type).check(
		message,
		support.limits,
		numbers ? { rowLabel: (s, r) => numbers[s]?.[r] ?? r + 1 } : undefined,
	);
	// A field that could not be read (not text, or not a list) is reported once: not again as empty
	// by the limits. JSON mode's issues carry the message's paths; a panel field's is in `unreadable`.
	const reported = new Set([...read.issues.map((issue) => issue.path), ...(read.unreadable ?? [])]);
	const own = read.auto ? relabelForChoices(limits, read.auto) : limits;
	return read.issues.concat(own.filter((issue) => !reported.has(issue.path)));
}
