import type { INodeProperties } from 'n8n-workflow';
import { DIALECTS, type Dialect } from '../dialects';

/** The `provider` parameter both nodes share (public contract, docs/contract.md); only its description differs. */
export function providerParameter(description: string): INodeProperties {
	// The default is the registry's first provider, written as a literal because n8n's scanner wants
	// one there (test/action/registry.test.ts checks that it is DIALECTS[0]).
	return {
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: DIALECTS.map((d) => ({ name: d.displayName, value: d.id })),
		default: 'messangi',
		description,
	};
}

/** The providers' names for a sentence: "A, B or C". */
export function providerList(dialects: readonly Dialect[] = DIALECTS): string {
	const names = dialects.map((d) => d.displayName);
	return names.length > 1
		? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
		: names[0];
}

/**
 * The provider's name in a node subtitle (an n8n expression): the chosen provider's display
 * name (or its short name), or the default provider's when the parameter is not set.
 */
export function providerSubtitle(name: 'displayName' | 'shortName' = 'displayName'): string {
	const names = Object.fromEntries(DIALECTS.map((d) => [d.id, d[name]]));
	return `{{(${JSON.stringify(names)})[$parameter["provider"]] ?? ${JSON.stringify(DIALECTS[0][name])}}}`;
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

/** The package's repository (package.json `homepage` without `#readme`): the nodes link its documents. */
export const REPOSITORY_URL =
	'https://github.com/n8n-nodes-whatsapp-interactive/n8n-nodes-whatsapp-interactive';

/** A document of the repository as a link for a notice (n8n's nodes link their docs so, opening a new tab). */
export function docsLink(file: string, text: string): string {
	return `<a href="${REPOSITORY_URL}/blob/main/${file}" target="_blank">${text}</a>`;
}

/**
 * The node's codex (categories, documentation, search aliases). n8n takes a community node's
 * `description.codex` over its `.node.json`, so the providers' names come from the registry here
 * rather than being written into the file; `words` are the node's own search words.
 */
export function nodeCodex(words: string[], subcategories?: Record<string, string[]>) {
	const readme = REPOSITORY_URL;
	const providers = DIALECTS.flatMap((d) => [d.displayName, ...d.searchAliases]);
	return {
		categories: ['Communication'],
		...(subcategories ? { subcategories } : {}),
		resources: {
			primaryDocumentation: [{ url: `${readme}#readme` }],
			credentialDocumentation: [{ url: `${readme}#credentials` }],
		},
		alias: [...new Set([...words, ...providers])],
	};
}
