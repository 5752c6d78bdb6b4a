import type { INodeProperties } from 'n8n-workflow';
import { PROVIDERS } from '../model/provider';

/** The `provider` parameter both nodes share (public contract, docs/contract.md); only its description differs. */
export function providerParameter(description: string): INodeProperties {
	return {
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: PROVIDERS.map((p) => ({ name: p.name, value: p.id })),
		default: 'messangi',
		description,
	};
}
