/** Display rules shared by the action node's descriptions. */
import type { INodeProperties } from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';

/**
 * A rule that shows a field for the providers `ids` only, written as `hide` on the others when the
 * default provider is among them (the display rules at the top of message.ts say why).
 */
export function forProviders(
	dialects: ReadonlyArray<Dialect>,
	ids: string[],
): NonNullable<INodeProperties['displayOptions']> {
	const others = dialects.filter((d) => !ids.includes(d.id)).map((d) => d.id);
	if (others.length === 0) return {};
	return ids.includes(dialects[0].id)
		? { hide: { provider: others } }
		: { show: { provider: ids } };
}

/** `rules` with `more` added (each key's `show` and `hide` values merged). */
export function merged(
	rules: NonNullable<INodeProperties['displayOptions']>,
	more: NonNullable<INodeProperties['displayOptions']>,
): NonNullable<INodeProperties['displayOptions']> {
	const out: NonNullable<INodeProperties['displayOptions']> = {};
	for (const key of ['show', 'hide'] as const) {
		const values = { ...rules[key], ...more[key] };
		if (Object.keys(values).length) out[key] = values;
	}
	return out;
}
