/** The dialects' `loadOptions` methods, in the shape n8n's `methods.loadOptions` expects. */
import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
	type ResourceMapperFields,
} from 'n8n-workflow';
import type { Dialect } from '../dialects';
import { getWithAuthHeaders } from '../dialects/credential';
import type { LoadOptionsContext } from '../dialects/types';
import { noSuchTemplate } from '../dialects/whatsapp/template';
import { templateFields } from '../dialects/whatsapp/templateFields';
import { splitTemplateKey } from '../model/template';

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
				try {
					return await method(readContext(this, dialect));
				} catch (error) {
					throw asEditorError(this, error);
				}
			};
		}
	}
	return methods;
}

/**
 * The dialects' `resourceMapping` methods: the chosen template's parts as fields (n8n's resource
 * mapper reloads them when Template changes: `loadOptionsDependsOn`).
 */
export function resourceMappingMethods(
	dialects: readonly Dialect[],
): Record<string, (this: ILoadOptionsFunctions) => Promise<ResourceMapperFields>> {
	const methods: Record<string, (this: ILoadOptionsFunctions) => Promise<ResourceMapperFields>> =
		{};
	for (const dialect of dialects) {
		const support = dialect.templates;
		if (!support) continue;
		methods[support.fieldsMethod] = async function (this: ILoadOptionsFunctions) {
			const { name, language } = splitTemplateKey(this.getCurrentNodeParameter('template'));
			if (typeof name !== 'string' || typeof language !== 'string' || name === '')
				return { fields: [], emptyFieldsNotice: 'Choose a template above to see what it needs' };
			try {
				const definition = await support.definition(readContext(this, dialect), name, language);
				if (!definition) throw new Error(noSuchTemplate(name, language));
				// Send and Wait sets the quick replies' payloads itself, to the wait's references.
				const payloads = this.getCurrentNodeParameter('operation') !== 'sendAndWait';
				return { fields: templateFields(definition, { payloads }) };
			} catch (error) {
				throw asEditorError(this, error);
			}
		};
	}
	return methods;
}

/** What a dialect's list methods need from n8n's load-options context. */
function readContext(context: ILoadOptionsFunctions, dialect: Dialect): LoadOptionsContext {
	return {
		// n8n's getCredentials refuses a credential that is optional and not chosen.
		credentials: async (type) =>
			context.getNode().credentials?.[type]
				? await context.getCredentials<ICredentialDataDecryptedObject>(type)
				: undefined,
		// The credentials have no `authenticate`: the request carries the dialect's auth headers.
		get: async (type, url) =>
			await getWithAuthHeaders(
				context,
				type,
				dialect.credential.authHeaders,
				await context.getCredentials(type),
				url,
			),
	};
}

/**
 * A list's failure as n8n's editor shows it: the message becomes the field's issue ("There was a
 * problem loading the parameter options from server: …"), so it says what to do. A plain Error
 * would reach n8n's log with a stack trace, as if the package had crashed; a node error is logged
 * as one line. A provider's answer (NodeApiError) keeps its message and status.
 */
function asEditorError(context: ILoadOptionsFunctions, error: unknown): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(
		context.getNode(),
		error instanceof Error ? error.message : String(error),
	);
}
