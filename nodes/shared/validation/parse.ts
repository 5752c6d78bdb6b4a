/**
 * Reads a JSON-mode message (docs/message-model.md) into the neutral model. This checks structure only
 * (which fields exist and their types); lengths and counts are each dialect's limits.
 */
import { z } from 'zod/v4';
import type { InteractiveMessage } from '../model/message';
import { typeName } from '../model/text';
import type { Issue } from './issues';
import { describePath, toPath } from './labels';

// zod 4 (shipped by n8n inside its zod 3.25 package, as `zod/v4`) parses several times faster
// than zod 3, which matters when thousands of items each carry a JSON message.
const text = z.string({ error: 'must be text' });
const number = z.number({ error: 'must be a number' });
const optionalText = text.optional().nullable();

/**
 * The schema, built twice: strict (unknown keys are issues) and lenient (unknown keys dropped).
 * A message whose only structural problems are unknown keys is still read with the lenient one,
 * so that its limits are checked too and every problem is reported at once.
 */
function buildSchema(strict: boolean) {
	const object = <T extends z.core.$ZodLooseShape>(shape: T) =>
		strict ? z.strictObject(shape) : z.object(shape);
	const header = z.discriminatedUnion(
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
	const button = object({ id: text, title: text });
	const row = object({ id: text, title: text, description: optionalText });
	const section = object({ title: optionalText, rows: z.array(row, { error: 'must be a list' }) });
	return object({
		type: z.enum(['buttons', 'list'], { error: 'must be "buttons" or "list"' }),
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

export const messageSchema = buildSchema(true);
const lenientSchema = buildSchema(false);

export function parseMessage(input: unknown): { message?: InteractiveMessage; issues: Issue[] } {
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
	const result = messageSchema.safeParse(value);
	if (result.success) return { message: clean(result.data), issues: [] };
	const issues = result.error.issues.map((issue) => toIssue(issue, value));
	if (result.error.issues.every((issue) => issue.code === 'unrecognized_keys')) {
		const lenient = lenientSchema.safeParse(value);
		if (lenient.success) return { message: clean(lenient.data), issues };
	}
	// The refinement below the object is skipped when the object has other issues: check here too.
	const raw = value as Record<string, unknown>;
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
function clean<T>(data: T): InteractiveMessage {
	return stripNulls(data) as InteractiveMessage;
}

function stripNulls(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stripNulls);
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value))
		if (entry !== null) out[key] = stripNulls(entry);
	return out;
}
