/** Text helpers shared by validation and encoding. Lengths are Unicode code points (docs/limits.md). */

export function codePointLength(value: string): number {
	let count = 0;
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		// A high surrogate followed by a low surrogate is one code point.
		if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
			const next = value.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) i++;
		}
		count++;
	}
	return count;
}

export function isBlank(value: string): boolean {
	return value.trim().length === 0;
}

/** Names a value's type for an error message: "null", "a list", "an object", "a number"… */
export function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing (undefined)';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Shortens a value for quoting in an error message, so a huge string never floods the UI. */
export function quote(value: string, max = 40): string {
	const chars = Array.from(value);
	const shown = chars.length > max ? chars.slice(0, max).join('') + '…' : value;
	return JSON.stringify(shown);
}
