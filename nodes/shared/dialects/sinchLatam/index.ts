import type { IDataObject } from 'n8n-workflow';
import { credentialBaseUrl } from '../credential';
import { urlMedia } from '../media';
import { SINCH_LATAM_AUTH_HEADERS } from './auth';
import { byKind } from '../kinds';
import type { Dialect, EncodedRequest } from '../types';
import { decodeSinchLatamCallback } from './decode';
import { sinchLatamOptions, sinchLatamTriggerNotice } from './description';
import { encodeSinchLatam, encodeSinchLatamText, SINCH_SEND_PATH } from './encode';
import { sinchLatamLimits, sinchLatamTextLimits } from './limits';
import { readSinchReceipts, sinchErrorMessage } from './response';

const DEFAULT_BASE_URL = 'https://api-messaging.wavy.global';

export const sinchLatam: Dialect = {
	id: 'sinchLatam',
	displayName: 'Sinch LATAM',
	shortName: 'Sinch LATAM',
	// Sinch's WhatsApp API for Latin America was Wavy's before Sinch bought it.
	searchAliases: ['Sinch', 'Wavy'],
	credential: {
		type: 'sinchLatamApi',
		testedBy: 'sinchLatamApiTest',
		secretFields: ['authenticationToken'],
		authHeaders: SINCH_LATAM_AUTH_HEADERS,
		// No read-only endpoint: a send with no destinations. 400 means the credentials were accepted.
		probe: {
			method: 'POST',
			path: () => SINCH_SEND_PATH,
			body: { destinations: [], message: {} },
			refused: 'Check the user name and token in the Sinch LATAM portal.',
		},
	},
	defaultBaseUrl: DEFAULT_BASE_URL,
	baseUrl: (credentials) => credentialBaseUrl(credentials, DEFAULT_BASE_URL),
	envelope: {},
	correlationOption: 'correlationId',
	options: sinchLatamOptions,
	limits: sinchLatamLimits,
	...byKind('Sinch LATAM', {
		buttons: { limits: sinchLatamLimits, encode: encodeSinchLatam },
		list: { limits: sinchLatamLimits, encode: encodeSinchLatam },
		text: { limits: sinchLatamTextLimits, encode: encodeSinchLatamText },
	}),
	readReceipts: readSinchReceipts,
	errorMessage: sinchErrorMessage,
	// Inbound media come as `message.mediaUrl` ("Url to download media sent by the user"); Sinch
	// documents no authentication for it (docs/providers.md).
	media: urlMedia({
		description:
			"The download URL of the inbound media (the trigger's message.media.url, Sinch LATAM's mediaUrl). The Sinch LATAM credential goes with it only when the URL is on the credential's Base URL host.",
		placeholder: 'https://example.com/media/1a2b3c.jpg',
		urlRefusedAdvice:
			'The media address refused the download. Its URL may have expired: download media soon after the message arrives. If the address needs the Sinch LATAM user and token, its host must be the one of the Base URL in the credential (docs/providers.md).',
		baseUrl: (credentials) => credentialBaseUrl(credentials, DEFAULT_BASE_URL),
	}),
	batching: {
		// Requests that differ only in their destinations share the message part.
		key: (request: EncodedRequest) => JSON.stringify(request.body.message),
		merge: (requests: EncodedRequest[]): IDataObject => ({
			destinations: requests.flatMap((r) => r.body.destinations as IDataObject[]),
			message: requests[0].body.message,
		}),
	},
	trigger: { notice: sinchLatamTriggerNotice },
	decodeCallback: decodeSinchLatamCallback,
};
