/** Replaces every occurrence of each secret in strings, keys and nested values with `[redacted]`. */
export function redact(value: unknown, secrets: string[]): unknown {
	const active = secrets.filter((s) => typeof s === 'string' && s.length >= 4);
	if (active.length === 0) return value;
	const scrub = (text: string) =>
		active.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
	const walk = (node: unknown, depth: number): unknown => {
		if (typeof node === 'string') return scrub(node);
		if (node === null || typeof node !== 'object') return node;
		if (depth > 20) return '[truncated]';
		if (Array.isArray(node)) return node.map((entry) => walk(entry, depth + 1));
		const out: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(node)) out[scrub(key)] = walk(entry, depth + 1);
		return out;
	};
	return walk(value, 0);
}
