/**
 * A validation issue: where (`path`, as in the JSON message, e.g. `buttons[1].title`) and what,
 * in words a no-code user can act on (`Button 2 title "Reschedule appointment" is 22 characters;
 * the limit is 20`). Rules collect every issue of a message so they can be reported at once.
 */
import { codePointLength, isBlank, quote, typeName } from '../model/text';

export interface Issue {
	path: string;
	message: string;
}

export interface TextRule {
	min?: number;
	max?: number;
	notBlank?: boolean;
}

/** Checks one text field against its length rule; `label` names it for people ("Button 2 title"). */
export function checkText(
	issues: Issue[],
	path: string,
	label: string,
	value: unknown,
	rule: TextRule,
): void {
	const required = (rule.min ?? 0) > 0;
	if (value === undefined || value === null || value === '') {
		if (required) issues.push({ path, message: `${label} is empty; it needs ${range(rule)}` });
		return;
	}
	if (typeof value !== 'string') {
		issues.push({ path, message: `${label} must be text, not ${typeName(value)}` });
		return;
	}
	const length = codePointLength(value);
	if (rule.notBlank && isBlank(value)) {
		issues.push({ path, message: `${label} is only spaces; write some text (${range(rule)})` });
		return;
	}
	if (rule.max !== undefined && length > rule.max) {
		issues.push({
			path,
			message: `${label} ${quote(value)} is ${length} characters; the limit is ${rule.max}`,
		});
	} else if (rule.min !== undefined && length < rule.min) {
		issues.push({
			path,
			message: `${label} ${quote(value)} is ${length} characters; it needs at least ${rule.min}`,
		});
	}
}

/** Checks how many entries a list has. */
export function checkCount(
	issues: Issue[],
	path: string,
	label: string,
	count: number,
	min: number,
	max: number,
): void {
	if (count < min) {
		issues.push({ path, message: `${label}: ${count} given; add at least ${min} (up to ${max})` });
	} else if (count > max) {
		issues.push({
			path,
			message: `${label}: ${count} given; the limit is ${max}, remove ${count - max}`,
		});
	}
}

/** Reports values that appear more than once (`labelOf(i)` names the i-th entry). */
export function checkUnique(
	issues: Issue[],
	values: Array<{ path: string; label: string; value: unknown }>,
	what: string,
): void {
	const seen = new Map<string, string>();
	for (const entry of values) {
		if (typeof entry.value !== 'string' || entry.value === '') continue;
		const first = seen.get(entry.value);
		if (first !== undefined) {
			issues.push({
				path: entry.path,
				message: `${entry.label} ${quote(entry.value)} is the same as ${first}; each ${what} must be unique`,
			});
		} else {
			seen.set(entry.value, entry.label);
		}
	}
}

export function range(rule: TextRule): string {
	if (rule.max === undefined)
		return `at least ${rule.min ?? 1} character${(rule.min ?? 1) === 1 ? '' : 's'}`;
	return `${rule.min ?? 1}–${rule.max} characters`;
}
