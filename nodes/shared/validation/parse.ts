/**
 * Reads a JSON-mode message (docs/json-message.md) into the neutral model. This checks structure only
 * (which fields exist and their types); lengths and counts are each dialect's limits. The message's
 * `type` decides which kind's schema reads it (`nodes/shared/kinds/`, `parseMessage`): this file is the
 * machinery they share (JSON text, unknown keys, issues in words).
 */
import { z } from 'zod/v4';
import type { Message } from '../model/message';
import { typeName } from '../model/text';
import type { Issue } from './issues';
import { describePath, toPath } from './labels';

// zod 4 (shipped by n8n inside its zod 3.25 package, as `zod/v4`) parses several times faster
// than zod 3, which matters when thousands of items each carry a JSON message.
export const text = z.string({ error: 'must be text' });
export const number = z.number({ error: 'must be a number' });
export const optionalText = text.optional().nullable();

/**
 * A zod object that is strict (unknown keys are issues) or lenient (unknown keys dropped). Each
 * schema is built twice: a message whose only structural problems are unknown keys is still read
 * with the lenient one, so that its limits are checked too and every problem is reported at once.
 */
export type ObjectBuilder = <T extends z.core.$ZodLooseShape>(
	shape: T,
) => z.ZodObject<T, z.core.$strict> | z.ZodObject<T, z.core.$strip>;

export function objectBuilder(strict: boolean): ObjectBuilder {
	return (shape) => (strict ? z.strictObject(shape) : z.object(shape));
}

/** One kind's schema, strict and lenient, and the problems its refinements report. */
export interface KindSchema {
	strict: z.ZodType;
	lenient: z.ZodType;
	/**
	 * A refinement below the object is skipped when the object has other issues: what it would have
	 * reported, added here (once) from the raw message.
	 */
	missing?(raw: Record<string, unknown>, issues: Issue[]): void;
}

/** `schemaFor`: the schema of the message's kind, from its raw `type` (validation does not know the kinds). */
export function parseMessageWith(
	input: unknown,
	schemaFor: (raw: Record<string, unknown>) => KindSchema,
): { message?: Message; issues: Issue[] } {
	let value = input;
	if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
		return {
			issues: [
				{
					path: '',
					message:
						"Message (JSON) is empty: enter the message, or an expression that returns it; if it is an expression, check in the editor's preview that it gives an object",
				},
			],
		};
	}
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch (error) {
			return {
				issues: [
					{
						path: '',
						message: `The message is not valid JSON: ${jsonProblem(error as Error, value as string)}. Check the quotes and commas, or build the message with an expression that returns an object`,
					},
				],
			};
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return {
			issues: [
				{
					path: '',
					message: `The message must be a JSON object like { "type": "buttons", "body": "…", "buttons": [ … ] }, not ${typeName(value)}`,
				},
			],
		};
	}
	const raw = value as Record<string, unknown>;
	const schema = schemaFor(raw);
	const result = schema.strict.safeParse(value);
	if (result.success) return { message: clean(result.data), issues: [] };
	const issues = result.error.issues.map((issue) => toIssue(issue, value));
	if (result.error.issues.every((issue) => issue.code === 'unrecognized_keys')) {
		const lenient = schema.lenient.safeParse(value);
		if (lenient.success) return { message: clean(lenient.data), issues };
	}
	schema.missing?.(raw, issues);
	return { issues };
}

function toIssue(issue: z.core.$ZodIssue, input: unknown): Issue {
	const path = issue.path as Array<string | number>;
	if (issue.code === 'unrecognized_keys') {
		const where = path.length ? ` in ${describePath(path)}` : '';
		const many = issue.keys.length > 1;
		return {
			path: toPath(path),
			message: `Unknown field${many ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${where}; remove ${many ? 'them' : 'it'} or check the spelling`,
		};
	}
	if (issue.code === 'invalid_type' && valueAt(input, path) === undefined) {
		return { path: toPath(path), message: `${describePath(path)} is missing` };
	}
	if (issue.code === 'invalid_type') {
		return {
			path: toPath(path),
			message: `${describePath(path)} ${issue.message}, not ${typeName(valueAt(input, path))}`,
		};
	}
	return { path: toPath(path), message: `${describePath(path)} ${issue.message}` };
}

/** The parser's complaint in plain words, with the line and column when it gives a position. */
function jsonProblem(error: Error, text: string): string {
	const raw = error.message
		.replace(/^JSON\.parse: /, '')
		.replace(/ in JSON at position \d+.*$/s, '');
	const position = /position (\d+)/.exec(error.message);
	let where = '';
	if (position) {
		const before = text.slice(0, Number(position[1]));
		const line = before.split('\n').length;
		const column = before.length - before.lastIndexOf('\n');
		where = ` at line ${line}, column ${column}`;
	}
	const what = raw.charAt(0).toLowerCase() + raw.slice(1);
	return `${what}${where}`;
}

function valueAt(input: unknown, path: Array<string | number>): unknown {
	let current = input;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[key];
	}
	return current;
}

/** Drops nulls so that optional fields are simply absent in the model. */
function clean<T>(data: T): Message {
	return stripNulls(data) as Message;
}

function stripNulls(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stripNulls);
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value))
		if (entry !== null) out[key] = stripNulls(entry);
	return out;
}
