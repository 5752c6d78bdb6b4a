import { credentialBaseUrl } from '../credential';
import { urlMedia } from '../media';
import { MESSANGI_AUTH_HEADERS } from './auth';
import { byKind } from '../kinds';
import type { Dialect } from '../types';
import { decodeMessangiCallback } from './decode';
import { messangiFrom, messangiOptions, messangiTriggerNotice } from './description';
import {
	encodeMessangi,
	encodeMessangiText,
	MESSANGI_SEND_PATH,
	shownMessangiBody,
} from './encode';
import { messangiLimits, messangiTextLimits } from './limits';
import { messangiErrorMessage, readMessangiReceipts } from './response';

const DEFAULT_BASE_URL = 'https://elastic.messangi.me/balerion';

export const messangi: Dialect = {
	id: 'messangi',
	displayName: 'Messangi',
	shortName: 'Messangi',
	searchAliases: [],
	credential: {
		type: 'messangiApi',
		testedBy: 'messangiApiTest',
		secretFields: ['apiKey'],
		authHeaders: MESSANGI_AUTH_HEADERS,
		// No read-only endpoint: an empty message that Messangi can only refuse. A complaint about the
		// body means the key was accepted, 401/403 that it was not.
		probe: {
			method: 'POST',
			path: () => MESSANGI_SEND_PATH,
			body: { channel: 'WHATSAPP', request: {} },
			refused:
				'Copy a fresh API key from the Messangi console (keys from the login endpoint expire after 24 hours).',
		},
	},
	defaultBaseUrl: DEFAULT_BASE_URL,
	baseUrl: (credentials) => credentialBaseUrl(credentials, DEFAULT_BASE_URL),
	envelope: { from: messangiFrom },
	correlationOption: 'externalId',
	options: messangiOptions,
	limits: messangiLimits,
	...byKind('Messangi', {
		buttons: { limits: messangiLimits, encode: encodeMessangi },
		list: { limits: messangiLimits, encode: encodeMessangi },
		text: { limits: messangiTextLimits, encode: encodeMessangiText },
	}),
	shownBody: shownMessangiBody,
	readReceipts: readMessangiReceipts,
	errorMessage: messangiErrorMessage,
	// Messangi's inbound format is not public: the node takes a download URL (docs/providers.md).
	media: urlMedia({
		description:
			"The download URL of the inbound media (the trigger's message.media.url). The Messangi API key goes with it only when the URL is on the credential's Base URL host.",
		placeholder: 'https://example.com/media/1a2b3c.jpg',
		urlRefusedAdvice:
			'The media address refused the download. Its URL may have expired: download media soon after the message arrives. If the address needs the Messangi API key, its host must be the one of the Base URL in the credential (docs/providers.md).',
		baseUrl: (credentials) => credentialBaseUrl(credentials, DEFAULT_BASE_URL),
	}),
	trigger: { notice: messangiTriggerNotice },
	decodeCallback: decodeMessangiCallback,
};
