/** Credential helpers shared by the dialects. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

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
