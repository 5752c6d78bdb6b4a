/** The dialects' `loadOptions` methods, in the shape n8n's `methods.loadOptions` expects. */
import type {
	ICredentialDataDecryptedObject,
	ILoadOptionsFunctions,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { Dialect } from '../dialects';
import { getWithAuthHeaders } from '../dialects/credential';

type LoadOptions = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

export function loadOptionsMethods(dialects: readonly Dialect[]): Record<string, LoadOptions> {
	const methods: Record<string, LoadOptions> = {};
	for (const dialect of dialects) {
		for (const [name, method] of Object.entries(dialect.loadOptions ?? {})) {
			methods[name] = async function (this: ILoadOptionsFunctions) {
				// n8n's editor keeps a parameter's input across a switch of Provider and reloads its list
				// for the new provider too (From names Provider in `loadOptionsDependsOn`): no list and no
				// error then, or the other provider's From would show this one's error.
				const provider =
					(this.getCurrentNodeParameter('provider') as string | undefined) ?? dialects[0].id;
				if (provider !== dialect.id) return [];
				return await method({
					// n8n's getCredentials refuses a credential that is optional and not chosen.
					credentials: async (type) =>
						this.getNode().credentials?.[type]
							? await this.getCredentials<ICredentialDataDecryptedObject>(type)
							: undefined,
					// The credentials have no `authenticate`: the request carries the dialect's auth headers.
					get: async (type, url) =>
						await getWithAuthHeaders(
							this,
							type,
							dialect.credential.authHeaders,
							await this.getCredentials(type),
							url,
						),
				});
			};
		}
	}
	return methods;
}
