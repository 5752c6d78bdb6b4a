/**
 * Reads a JSON-mode message (SPEC §3) into the neutral model. This checks structure only
 * (which fields exist and their types); lengths and counts are each dialect's limits.
 */
import { z } from 'zod';
import type { InteractiveMessage } from './message';
import type { Issue } from '../validation/issues';
import { describePath, toPath } from '../validation/labels';

const text = z.string({ invalid_type_error: 'must be text' });
const optionalText = text.optional().nullable();

const mediaHeader = z
	.object({
		type: z.enum(['image', 'video', 'document']),
		url: text,
		mediaType: optionalText,
	})
	.strict();

const header = z.discriminatedUnion(
	'type',
	[
		z.object({ type: z.literal('text'), text }).strict(),
		mediaHeader.extend({ type: z.literal('image') }),
		mediaHeader.extend({ type: z.literal('video') }),
		mediaHeader.extend({ type: z.literal('document') }),
		z
			.object({
				type: z.literal('location'),
				latitude: z.number({ invalid_type_error: 'must be a number' }),
				longitude: z.number({ invalid_type_error: 'must be a number' }),
				name: optionalText,
				address: optionalText,
			})
			.strict(),
	],
	{
		errorMap: () => ({
			message: 'needs a "type" of text, image, video, document or location',
		}),
	},
);

const button = z.object({ id: text, title: text }).strict();
const row = z.object({ id: text, title: text, description: optionalText }).strict();
const section = z.object({ title: optionalText, rows: z.array(row) }).strict();

export const messageSchema = z
	.object({
		type: z.enum(['buttons', 'list'], {
			errorMap: () => ({ message: 'must be "buttons" or "list"' }),
		}),
		header: header.optional().nullable(),
		body: text,
		footer: optionalText,
		buttons: z.array(button).optional(),
		list: z.object({ button: text, sections: z.array(section) }).strict().optional(),
	})
	.strict()
	.superRefine((message, ctx) => {
		if (message.type === 'buttons' && message.buttons === undefined) {
			ctx.addIssue({ code: 'custom', path: ['buttons'], message: 'is missing; a buttons message needs 1–3 buttons' });
		}
		if (message.type === 'list' && message.list === undefined) {
			ctx.addIssue({ code: 'custom', path: ['list'], message: 'is missing; a list message needs "list": { "button", "sections" }' });
		}
	});

export function parseMessage(input: unknown): { message?: InteractiveMessage; issues: Issue[] } {
	let value = input;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch (error) {
			return {
				issues: [
					{
						path: '',
						message: `The message is not valid JSON (${(error as Error).message}); check quotes and commas, or build it with an expression that returns an object`,
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
					message: `The message must be a JSON object like { "type": "buttons", "body": "…", "buttons": [ … ] }, not ${Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`}`,
				},
			],
		};
	}
	const result = messageSchema.safeParse(value);
	if (result.success) return { message: clean(result.data), issues: [] };
	return { issues: result.error.issues.map(toIssue) };
}

function toIssue(issue: z.ZodIssue): Issue {
	const path = issue.path;
	if (issue.code === 'unrecognized_keys') {
		const where = path.length ? ` in ${describePath(path)}` : '';
		return {
			path: toPath(path),
			message: `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${where}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`,
		};
	}
	if (issue.code === 'invalid_type' && issue.received === 'undefined') {
		return { path: toPath(path), message: `${describePath(path)} is missing` };
	}
	if (issue.code === 'invalid_type') {
		return { path: toPath(path), message: `${describePath(path)} must be ${expected(issue.expected)}, not ${issue.received}` };
	}
	return { path: toPath(path), message: `${describePath(path)} ${issue.message}` };
}

function expected(type: string): string {
	if (type === 'string') return 'text';
	if (type === 'array') return 'a list';
	if (type === 'object') return 'an object';
	return `a ${type}`;
}

/** Drops nulls so that optional fields are simply absent in the model. */
function clean(data: z.infer<typeof messageSchema>): InteractiveMessage {
	return JSON.parse(JSON.stringify(data, (_key, value: unknown) => (value === null ? undefined : value)));
}
