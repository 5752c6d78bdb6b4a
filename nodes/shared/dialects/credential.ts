/** Credential helpers shared by the dialects. */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/** The credential's Base URL without trailing slashes, or the provider's default. */
export function credentialBaseUrl(
	credentials: ICredentialDataDecryptedObject,
	fallback: string,
): string {
	return String(credentials.baseUrl || fallback).replace(/\/+$/, '');
}

/**
 * A credential's auth headers (`Dialect.credential.authHeaders`, n8n expressions such as
 * `=Bearer {{$credentials.apiKey}}`) with the fields filled in. Every request adds them itself:
 * the credentials have no `authenticate` (docs/architecture.md, "Custom API Call").
 */
export function resolveAuthHeaders(
	headers: Record<string, string>,
	data: ICredentialDataDecryptedObject,
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, template] of Object.entries(headers)) {
		out[name] = template
			.replace(/^=/, '')
			.replace(/\{\{\s*\$credentials\.([A-Za-z0-9_]+)\s*\}\}/g, (_m, field: string) =>
				String(data[field] ?? ''),
			);
	}
	return out;
}

/** What a GET through n8n needs: its `httpRequestWithAuthentication` (execute and load-options contexts both have it). */
interface RequestHelpers {
	helpers: {
		httpRequestWithAuthentication(
			this: unknown,
			credentialType: string,
			options: IHttpRequestOptions,
		): Promise<unknown>;
	};
}

/** A JSON GET through n8n's request helper, with the credential's auth headers (`authHeaders`). */
export async function getWithAuthHeaders(
	fns: RequestHelpers,
	credentialType: string,
	authHeaders: Record<string, string>,
	data: ICredentialDataDecryptedObject,
	url: string,
): Promise<unknown> {
	return await fns.helpers.httpRequestWithAuthentication.call(fns, credentialType, {
		method: 'GET',
		url,
		headers: resolveAuthHeaders(authHeaders, data),
		json: true,
	});
}
