import type { IDataObject } from 'n8n-workflow';
import { credentialBaseUrl } from '../credential';
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
	options: sinchLatamOptions,
	limits: sinchLatamLimits,
	...byKind('Sinch LATAM', {
		buttons: { limits: sinchLatamLimits, encode: encodeSinchLatam },
		list: { limits: sinchLatamLimits, encode: encodeSinchLatam },
		text: { limits: sinchLatamTextLimits, encode: encodeSinchLatamText },
	}),
	readReceipts: readSinchReceipts,
	errorMessage: sinchErrorMessage,
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
