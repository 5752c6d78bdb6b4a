import type { Issue } from './issues';
import { quote } from '../model/text';

/**
 * Accepts only absolute `http://` and `https://` URLs; reports anything else. `hint`: what the
 * report asks for, a media file's link unless said.
 */
export function checkHttpUrl(
	issues: Issue[],
	path: string,
	label: string,
	value: unknown,
	hint = 'use a direct download link that starts with https://',
): boolean {
	if (typeof value !== 'string' || value.trim() === '') {
		issues.push({ path, message: `${label} is empty; give an http:// or https:// link` });
		return false;
	}
	let protocol: string | undefined;
	try {
		protocol = new URL(value).protocol;
	} catch {
		protocol = undefined;
	}
	// WHATWG parsing repairs spaces, line breaks, backslashes and "https:/x"; what is sent is the text as written.
	const asWritten =
		/^https?:\/\/[^\s\\/?#\u0000-\u001f\u007f]+(?:[/?#][^\s\\\u0000-\u001f\u007f]*)?$/i.test(value);
	if (!asWritten || (protocol !== 'http:' && protocol !== 'https:')) {
		issues.push({
			path,
			message: `${label} ${quote(value)} is not an http:// or https:// link; ${hint}`,
		});
		return false;
	}
	return true;
}
