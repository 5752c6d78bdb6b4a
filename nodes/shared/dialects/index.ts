/**
 * The registry of dialects: one line per provider. The first is the default of the `provider`
 * parameter. Everything the nodes show per provider is derived from this list (see `types.ts`).
 */
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

export type { Dialect, EncodedRequest, Envelope, SendReceipt } from './types';
