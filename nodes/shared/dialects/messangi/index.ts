import { checkLimits } from '../../validation/limits';
import type { Dialect } from '../types';
import { decodeMessangiCallback } from './decode';
import { encodeMessangi } from './encode';
import { messangiLimits } from './limits';
import { messangiErrorMessage, readMessangiReceipts } from './response';

export const messangi: Dialect = {
	id: 'messangi',
	displayName: 'Messangi',
	credentialType: 'messangiApi',
	defaultBaseUrl: 'https://elastic.messangi.me/balerion',
	secretFields: ['apiKey'],
	validate: (message) => checkLimits(message, messangiLimits),
	encode: encodeMessangi,
	readReceipts: readMessangiReceipts,
	errorMessage: messangiErrorMessage,
	decodeCallback: decodeMessangiCallback,
};
