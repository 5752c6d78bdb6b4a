/** Reading the node's fields (fields mode), shared by the kinds' readers. */
import type { IDataObject } from 'n8n-workflow';
import { typeName } from '../model/text';
import type { Message } from '../model/message';
import type { Issue } from '../validation/issues';
import type { ReadMessage } from './types';

/** Reads a field as text; `at` is where it sits in the message (the limits' path), when not `path`. */
export type Text = (value: unknown, path: string, label: string, at?: string) => string;

/**
 * Field values arrive as strings, or numbers and booleans when an expression returns one. Objects
 * and lists are not text: they are reported (naming the field) instead of becoming "[object Object]".
 */
export function asText(
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

/** The `Text` reader of one item: problems go into `issues`, and fields that were not text into `unreadable`. */
export function textReader(issues: Issue[], unreadable: string[]): Text {
	return (value, path, label, at = path) =>
		asText(value, path, label, issues, () => unreadable.push(at));
}

/** The entries of a fixed collection (Buttons, Rows, Choices). */
export function entries(
	value: unknown,
	path: string,
	label: string,
	issues: Issue[],
): IDataObject[] {
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

/**
 * One item's reading in fields mode: `read` reads a field as text, collecting its problems in
 * `issues` (and the fields that were not text); `done` makes the read message of it.
 */
export function fieldReader(): {
	read: Text;
	issues: Issue[];
	done(message: Message): ReadMessage;
} {
	const issues: Issue[] = [];
	const unreadable: string[] = [];
	return {
		read: textReader(issues, unreadable),
		issues,
		done: (message) =>
			unreadable.length > 0 ? { message, issues, unreadable } : { message, issues },
	};
}
