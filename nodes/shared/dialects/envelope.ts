/** Envelope checks shared by the dialects: recipients, senders and optional text options. */
import type { IDataObject } from 'n8n-workflow';
import { parsePhone } from '../model/phone';
import { quote } from '../model/text';
import type { Issue } from '../validation/issues';
import { checkHttpUrl } from '../validation/url';

export function phoneDigits(issues: Issue[], path: string, label: string, value: unknown): string {
	const result = parsePhone(value);
	if (result.ok) return result.digits;
	const shown = typeof value === 'string' ? ` ${quote(value)}` : '';
	issues.push({
		path,
		message: `${label}${shown} ${result.reason}; write it with the country code, e.g. +55 19 90000-1111`,
	});
	return '';
}

/** An optional text option: trimmed, empty means absent. */
export function optionalString(options: IDataObject, key: string): string | undefined {
	const value = options[key];
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

/**
 * The id of the message a message replies to: the message's own (`replyTo` in a JSON text message)
 * or the option Reply To Message ID; both given and different is a problem.
 */
export function replyContext(
	issues: Issue[],
	own: string | undefined,
	options: IDataObject,
): string | undefined {
	const option = optionalString(options, 'replyToMessageId');
	if (own !== undefined && option !== undefined && own !== option) {
		issues.push({
			path: 'replyTo',
			message: `The message replies to ${quote(own)} ("replyTo") and the option Reply To Message ID to ${quote(option)}; give one`,
		});
	}
	return own ?? option;
}

/** Callback URLs from a comma-separated string or a list; each must be http(s). */
export function callbackUrls(issues: Issue[], value: unknown): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const list = Array.isArray(value) ? value : String(value).split(',');
	const urls = list
		.map((url) => (typeof url === 'string' ? url.trim() : url))
		.filter((url) => url !== '');
	urls.forEach((url, i) =>
		checkHttpUrl(issues, `options.callbackUrls[${i}]`, `Callback URL ${i + 1}`, url),
	);
	return urls.length ? (urls as string[]) : undefined;
}

/** What a redacted part of a URL shows instead of its value. */
export const REDACTED = 'REDACTED';

/** Query parameters whose values are secrets: the trigger credential's default (`secret`) and the usual names. */
const SECRET_PARAMETER = /secret|token|key|pass|auth|sig/i;

/**
 * A callback URL as output items show it: the values of query parameters named like secrets
 * (`secret`, `token`, `apiKey`…) and a Basic auth password replaced by REDACTED; the rest is left
 * exactly as written. Callback URLs carry the trigger's webhook secret (docs/credentials.md),
 * which the provider needs in the request but nobody needs to read in an item.
 */
export function redactCallbackUrl(url: string): string {
	return url
		.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, `$1:${REDACTED}@`)
		.replace(/([?&])([^=&#]*)=([^&#]*)/g, (whole, sep: string, name: string) =>
			SECRET_PARAMETER.test(safeDecode(name)) ? `${sep}${name}=${REDACTED}` : whole,
		);
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

/** Reads an id out of an unknown response body, trying several spellings. */
export function pickString(source: unknown, ...keys: string[]): string | null {
	if (!source || typeof source !== 'object') return null;
	const record = source as Record<string, unknown>;
	for (const key of keys) {
		const value = record[key];
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return null;
}
