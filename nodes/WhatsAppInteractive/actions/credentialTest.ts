/**
 * The credential tests, one per dialect (`Dialect.credential.probe`): one harmless request with
 * the credential's own auth headers. Providers without a read-only endpoint get a send that
 * reaches nobody, which they can only refuse: a complaint about the body (400, 422…) means the
 * credentials were accepted, 401 or 403 that they were not, 404 that the Base URL is wrong.
 *
 * These are functions (the node's `testedBy`) rather than the credentials' declarative `test`:
 * n8n checks a declarative test's `responseCode` rules only when the request throws, so with
 * `ignoreHttpStatusErrors` (needed to accept the 400) a 401 passed as "Connection successful".
 */
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { resolveAuthHeaders } from '../../shared/dialects/credential';
import type { Dialect } from '../../shared/dialects';

const TIMEOUT_MS = 15_000;

type CredentialTest = (
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
) => Promise<INodeCredentialTestResult>;

async function probeCredential(
	fns: ICredentialTestFunctions,
	dialect: Dialect,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const { probe } = dialect.credential;
	const name = dialect.displayName;
	const baseUrl = dialect.baseUrl(data);
	let status: number;
	let body: unknown;
	try {
		const response = (await fns.helpers.request({
			method: probe.method,
			uri: baseUrl + probe.path(data),
			headers: {
				...resolveAuthHeaders(dialect.credential.authHeaders, data),
				Accept: 'application/json',
			},
			...(probe.body !== undefined ? { body: probe.body } : {}),
			json: true,
			timeout: TIMEOUT_MS,
			simple: false,
			resolveWithFullResponse: true,
		})) as { statusCode: number; body?: unknown };
		status = response.statusCode;
		body = response.body;
	} catch (error) {
		const e = error as { code?: string; cause?: { code?: string }; message?: string };
		return {
			status: 'Error',
			message: `Could not reach ${name} at ${baseUrl} (${e.code ?? e.cause?.code ?? e.message}). Check the Base URL.`,
		};
	}
	const verdict = probe.verdict?.(status, body);
	if (verdict) return { status: verdict.ok ? 'OK' : 'Error', message: verdict.message };
	if (status === 401 || status === 403) {
		return {
			status: 'Error',
			message: `${name} refused the credentials (HTTP ${status}). ${probe.refused}`,
		};
	}
	if (status === 404)
		return {
			status: 'Error',
			message: 'Nothing answers at this Base URL (HTTP 404). Check the Base URL.',
		};
	if (status >= 500)
		return { status: 'Error', message: `${name} answered HTTP ${status}; try again later.` };
	return { status: 'OK', message: `${name} accepted the credentials` };
}

/** The node's `methods.credentialTest`: each dialect's test under its `testedBy` name. */
export function credentialTests(dialects: readonly Dialect[]): Record<string, CredentialTest> {
	const tests: Record<string, CredentialTest> = {};
	for (const dialect of dialects) {
		tests[dialect.credential.testedBy] = async function (
			this: ICredentialTestFunctions,
			credential: ICredentialsDecrypted,
		) {
			return await probeCredential(this, dialect, credential);
		};
	}
	return tests;
}
