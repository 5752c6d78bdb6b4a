import type { IDataObject } from 'n8n-workflow';
import { checkLimits } from '../../validation/limits';
import type { Dialect, EncodedRequest } from '../types';
import { decodeSinchLatamCallback } from './decode';
import { encodeSinchLatam } from './encode';
import { sinchLatamLimits } from './limits';
import { readSinchReceipts, sinchErrorMessage } from './response';

export const sinchLatam: Dialect = {
	id: 'sinchLatam',
	displayName: 'Sinch LATAM',
	credentialType: 'sinchLatamApi',
	defaultBaseUrl: 'https://api-messaging.wavy.global',
	secretFields: ['authenticationToken'],
	validate: (message) => checkLimits(message, sinchLatamLimits),
	encode: encodeSinchLatam,
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
	decodeCallback: decodeSinchLatamCallback,
};
