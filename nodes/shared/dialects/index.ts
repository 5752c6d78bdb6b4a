/**
 * The registry of dialects: one line per provider. The first is the default of the `provider`
 * parameter. Everything the nodes show per provider is derived from this list (see `types.ts`).
 */
import { kindOf, type KindName } from '../kinds';
import type { Issue } from '../validation/issues';
import { messangi } from './messangi';
import { sinchLatam } from './sinchLatam';
import type { Dialect } from './types';
import { whatsAppCloud } from './whatsAppCloud';

export const DIALECTS: readonly Dialect[] = [messangi, sinchLatam, whatsAppCloud];

export function getDialect(provider: string): Dialect {
	const dialect = DIALECTS.find((d) => d.id === provider);
	if (!dialect) {
		throw new Error(
			`Unknown provider "${provider}". Choose one of: ${DIALECTS.map((d) => d.id).join(', ')}.`,
		);
	}
	return dialect;
}

/**
 * The problem of a message whose kind the chosen provider does not take (the editor offers only the
 * kinds a provider declares, so it comes from JSON mode or an expression): names the providers that take it.
 */
export function lackingKind(dialect: Dialect, type: KindName): Issue {
	const kind = kindOf(type);
	const others = DIALECTS.filter((d) => d.id !== dialect.id && d.kinds[type]).map(
		(d) => d.displayName,
	);
	const names =
		others.length > 1
			? `${others.slice(0, -1).join(', ')} and ${others[others.length - 1]}`
			: others[0];
	const where =
		others.length === 0
			? 'no provider of this node sends them'
			: `${names} ${others.length > 1 ? 'do' : 'does'}: choose ${others.length > 1 ? 'one of them' : 'it'} as Provider, or send another type of message`;
	return {
		path: 'type',
		message: `${dialect.displayName} takes no ${kind.noun} messages ("type": "${type}"); ${where}`,
	};
}

export type { Dialect, EncodedRequest, Envelope, SendReceipt } from './types';
