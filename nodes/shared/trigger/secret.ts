/**
 * The optional shared secret of the trigger. Neither provider signs its callbacks (docs/providers.md), so the
 * URL carries a secret the trigger checks: in a header, a query parameter, or as the password of
 * HTTP Basic auth. Values are compared in constant time (over SHA-256 digests, so that neither the
 * content nor the length of the secret leaks through timing).
 */
import { createHash, timingSafeEqual } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export interface SecretSettings {
	secret: string;
	/** Header that may carry the secret; empty: not accepted in a header. */
	headerName: string;
	/** Query parameter that may carry the secret; empty: not accepted in the query. */
	queryParameterName: string;
	/** Whether the secret is accepted as the HTTP Basic auth password (any user name). */
	basicAuth: boolean;
}

export interface SecretRequest {
	headers: Record<string, string | string[] | undefined>;
	query: Record<string, unknown>;
}

export type SecretVerdict = 'accepted' | 'missing' | 'wrong';

/**
 * Fewest characters a secret may have. Shorter secrets can be guessed; 16 random characters are out
 * of reach. Enforced when the trigger is activated and on every callback, not only by the test.
 */
export const MIN_SECRET_LENGTH = 16;

/** Reads the credential; returns a problem, in words that say how to fix it, when it cannot work. */
export function readSecretSettings(
	credential: ICredentialDataDecryptedObject,
): { settings: SecretSettings } | { problem: string } {
	const secret = typeof credential.secret === 'string' ? credential.secret : '';
	const settings: SecretSettings = {
		secret,
		headerName: typeof credential.headerName === 'string' ? credential.headerName.trim() : '',
		queryParameterName:
			typeof credential.queryParameterName === 'string' ? credential.queryParameterName.trim() : '',
		basicAuth: credential.basicAuth !== false,
	};
	if (secret === '') {
		return {
			problem: 'The webhook secret credential has an empty secret; enter a long random value in it',
		};
	}
	// Characters, not UTF-16 units or bytes: an emoji counts once.
	const length = Array.from(secret).length;
	if (length < MIN_SECRET_LENGTH) {
		return {
			problem: `The webhook secret credential's secret has ${length} characters; use at least ${MIN_SECRET_LENGTH}, for example a random password from a password manager`,
		};
	}
	if (settings.headerName === '' && settings.queryParameterName === '' && !settings.basicAuth) {
		return {
			problem:
				'The webhook secret credential accepts the secret nowhere; fill in a header name or a query parameter name, or turn on HTTP Basic auth',
		};
	}
	return { settings };
}

/** Every value the request presents as the secret, from the places the settings allow. */
export function presentedSecrets(request: SecretRequest, settings: SecretSettings): string[] {
	const found: string[] = [];
	if (settings.headerName !== '') {
		found.push(...values(request.headers[settings.headerName.toLowerCase()]));
	}
	if (settings.queryParameterName !== '') {
		found.push(...values(request.query[settings.queryParameterName]));
	}
	if (settings.basicAuth) {
		const password = basicAuthPassword(request.headers.authorization);
		if (password !== null) found.push(password);
	}
	return found;
}

export function checkSecret(request: SecretRequest, settings: SecretSettings): SecretVerdict {
	const candidates = presentedSecrets(request, settings);
	if (candidates.length === 0) return 'missing';
	const expected = digest(settings.secret);
	// Compare every candidate, so the time taken does not depend on which one matches.
	let accepted = false;
	for (const candidate of candidates) {
		accepted = timingSafeEqual(digest(candidate), expected) || accepted;
	}
	return accepted ? 'accepted' : 'wrong';
}

/** Where the secret is accepted, in words. */
export function places(settings: SecretSettings): string {
	const list = [
		settings.queryParameterName !== ''
			? `the "${settings.queryParameterName}" query parameter`
			: null,
		settings.headerName !== '' ? `the "${settings.headerName}" header` : null,
		settings.basicAuth ? 'the HTTP Basic auth password' : null,
	].filter((place): place is string => place !== null);
	return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0];
}

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

function values(value: unknown): string[] {
	if (typeof value === 'string') return value === '' ? [] : [value];
	if (Array.isArray(value))
		return value.filter((v): v is string => typeof v === 'string' && v !== '');
	return [];
}

function basicAuthPassword(header: string | string[] | undefined): string | null {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return null;
	const match = /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(value);
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return null;
	const password = decoded.slice(colon + 1);
	return password === '' ? null : password;
}
