/** Provider identifiers: option values of the `provider` parameter (public contract, docs/contract.md). */
export type ProviderId = 'messangi' | 'sinchLatam';

export const PROVIDERS: ReadonlyArray<{ id: ProviderId; name: string }> = [
	{ id: 'messangi', name: 'Messangi' },
	{ id: 'sinchLatam', name: 'Sinch LATAM' },
];

export function isProviderId(value: unknown): value is ProviderId {
	return value === 'messangi' || value === 'sinchLatam';
}
