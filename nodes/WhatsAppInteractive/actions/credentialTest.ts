/**
 * The credential tests of Messangi and Sinch LATAM. Neither has a read-only endpoint, so each test
 * posts a send that reaches nobody (Messangi: an empty message; Sinch: no destinations), which the
 * provider can only refuse: a complaint about the body (400, 422…) means the credentials were
 * accepted, 401 or 403 that they were not, 404 that the Base URL is wrong.
 *
 * These are functions (the node's `testedBy`) rather than the credentials' declarative `test`:
 * n8n checks a declarative test's `responseCode` rules only when the request throws, so with
 * `ignoreHttpStatusErrors` (needed to accept the 400) a 401 passed as "Connection successful".
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { MESSANGI_SEND_PATH } from '../../shared/dialects/messangi/encode';
import { messangi } from '../../shared/dialects/messangi';
import { SINCH_SEND_PATH } from '../../shared/dialects/sinchLatam/encode';
import { sinchLatam } from '../../shared/dialects/sinchLatam';

const TIMEOUT_MS = 15_000;

interface Probe {
	provider: string;
	defaultBaseUrl: string;
	path: string;
	headers(data: ICredentialDataDecryptedObject): Record<string, string>;
	body: IDataObject;
	refused: string;
}

const MESSANGI: Probe = {
	provider: messangi.displayName,
	defaultBaseUrl: messangi.defaultBaseUrl,
	path: MESSANGI_SEND_PATH,
	headers: (data) => ({ Authorization: `Bearer ${String(data.apiKey ?? '')}` }),
	body: { channel: 'WHATSAPP', request: {} },
	refused: 'Copy a fresh API key from the Messangi console (keys from the login endpoint expire after 24 hours).',
};

const SINCH_LATAM: Probe = {
	provider: sinchLatam.displayName,
	defaultBaseUrl: sinchLatam.defaultBaseUrl,
	path: SINCH_SEND_PATH,
	headers: (data) => ({ UserName: String(data.userName ?? ''), AuthenticationToken: String(data.authenticationToken ?? '') }),
	body: { destinations: [], message: {} },
	refused: 'Check the user name and token in the Sinch LATAM portal.',
};

async function probe(fns: ICredentialTestFunctions, p: Probe, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = String(data.baseUrl || p.defaultBaseUrl).replace(/\/+$/, '');
	let status: number;
	try {
		const response = (await fns.helpers.request({
			method: 'POST',
			uri: baseUrl + p.path,
			headers: { ...p.headers(data), Accept: 'application/json' },
			body: p.body,
			json: true,
			timeout: TIMEOUT_MS,
			simple: false,
			resolveWithFullResponse: true,
		})) as { statusCode: number };
		status = response.statusCode;
	} catch (error) {
		const e = error as { code?: string; cause?: { code?: string }; message?: string };
		return { status: 'Error', message: `Could not reach ${p.provider} at ${baseUrl} (${e.code ?? e.cause?.code ?? e.message}). Check the Base URL.` };
	}
	if (status === 401 || status === 403) {
		return { status: 'Error', message: `${p.provider} refused the credentials (HTTP ${status}). ${p.refused}` };
	}
	if (status === 404) return { status: 'Error', message: 'Nothing answers at this Base URL (HTTP 404). Check the Base URL.' };
	if (status >= 500) return { status: 'Error', message: `${p.provider} answered HTTP ${status}; try again later.` };
	return { status: 'OK', message: `${p.provider} accepted the credentials` };
}

export async function messangiApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	return probe(this, MESSANGI, credential);
}

export async function sinchLatamApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	return probe(this, SINCH_LATAM, credential);
}
