import type { ProviderId } from '../model/provider';
import { messangi } from './messangi';
import { sinchLatam } from './sinchLatam';
import type { Dialect } from './types';

const DIALECTS: Record<ProviderId, Dialect> = { messangi, sinchLatam };

export function getDialect(provider: string): Dialect {
	const dialect = (DIALECTS as Record<string, Dialect | undefined>)[provider];
	if (!dialect) {
		throw new Error(
			`Unknown provider "${provider}". Choose one of: ${Object.keys(DIALECTS).join(', ')}.`,
		);
	}
	return dialect;
}

export type { Dialect, EncodedRequest, Envelope, SendReceipt } from './types';
