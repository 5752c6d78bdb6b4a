/**
 * Phone numbers as people type them (`+55 (19) 90000-1111`, `5519900001111`): spaces, dashes,
 * dots, brackets and one leading `+` are removed; what remains must be 8–15 digits (E.164).
 */
import { typeName } from './text';

export type PhoneResult = { ok: true; digits: string } | { ok: false; reason: string };

const SEPARATORS = /[\s\-.()\u00a0\u2010-\u2015]/g;

export function parsePhone(input: unknown): PhoneResult {
	if (typeof input === 'number' && Number.isSafeInteger(input) && input > 0) {
		input = String(input);
	}
	if (typeof input !== 'string') {
		return { ok: false, reason: `is ${describeType(input)}, not a phone number` };
	}
	let cleaned = input.replace(SEPARATORS, '');
	if (cleaned.startsWith('+')) cleaned = cleaned.slice(1);
	else if (cleaned.startsWith('00')) cleaned = cleaned.slice(2);
	if (cleaned === '') return { ok: false, reason: 'is empty' };
	if (!/^[0-9]+$/.test(cleaned)) {
		return { ok: false, reason: 'contains characters that are not digits' };
	}
	if (cleaned.length < 8 || cleaned.length > 15) {
		return {
			ok: false,
			reason: `has ${cleaned.length} digits; a phone number has 8 to 15 with the country code`,
		};
	}
	return { ok: true, digits: cleaned };
}

function describeType(value: unknown): string {
	return value === undefined ? 'empty' : typeName(value);
}
