/** Media download helpers shared by the dialects (`Dialect.media`). */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { MediaSupport } from './types';

/** `host[:port]` of a URL in lower case, or undefined when it is no URL. */
export function hostOf(url: string): string | undefined {
	try {
		return new URL(url).host.toLowerCase();
	} catch {
		return undefined;
	}
}

/** `scheme://host[:port]` of a URL (default ports dropped), or undefined when it is no URL. */
export function originOf(url: string): string | undefined {
	try {
		const origin = new URL(url).origin;
		return origin === 'null' ? undefined : origin;
	} catch {
		return undefined;
	}
}

/**
 * A provider whose callbacks give a download URL and that documents no authentication for it: the
 * credential's auth headers go with the download only when the URL has the origin (scheme, host,
 * port) of the credential's Base URL (the provider's own API), never elsewhere (docs/providers.md).
 */
export function urlMedia(
	options: Pick<MediaSupport, 'description' | 'placeholder' | 'urlRefusedAdvice'> & {
		baseUrl(credentials: ICredentialDataDecryptedObject): string;
	},
): MediaSupport {
	const { baseUrl, ...texts } = options;
	return {
		...texts,
		authenticatedOrigins: (credentials) => {
			const origin = originOf(baseUrl(credentials));
			return origin ? [origin] : [];
		},
	};
}
