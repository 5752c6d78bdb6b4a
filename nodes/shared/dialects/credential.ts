/** Credential helpers shared by the dialects. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The credential's Base URL without trailing slashes, or the provider's default. */
export function credentialBaseUrl(credentials: ICredentialDataDecryptedObject, fallback: string): string {
	return String(credentials.baseUrl || fallback).replace(/\/+$/, '');
}

/**
 * A credential's auth headers for a request made outside `authenticate` (the credential test):
 * the same n8n expressions (`=Bearer {{$credentials.apiKey}}`), with the fields filled in.
 */
export function resolveAuthHeaders(headers: Record<string, string>, data: ICredentialDataDecryptedObject): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, template] of Object.entries(headers)) {
		out[name] = template
			.replace(/^=/, '')
			.replace(/\{\{\s*\$credentials\.([A-Za-z0-9_]+)\s*\}\}/g, (_m, field: string) => String(data[field] ?? ''));
	}
	return out;
}
