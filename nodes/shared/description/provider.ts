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

/**
 * Where n8n's editor puts the credential picker: at a parameter of type `credentials` (as n8n's
 * Notion node does), here right below the choice it depends on. Without it the editor puts the
 * picker above the first parameter a credential's `show` names, or at the top.
 */
export const credentialsPlacement: INodeProperties = {
	displayName: '',
	name: 'credentials',
	type: 'credentials',
	default: '',
};
