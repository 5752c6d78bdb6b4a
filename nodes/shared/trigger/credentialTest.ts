/**
 * The "test" of the webhook secret credential. The secret is inbound (the provider presents it to
 * n8n), so there is no API to call: the test checks that the credential can work and is strong.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import type { Dialect } from '../dialects/types';
import { places, readSecretSettings } from './secret';

export { MIN_SECRET_LENGTH } from './secret';

export async function testWebhookSecret(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return checkWebhookSecretCredential(credential.data ?? {});
}

export function checkWebhookSecretCredential(
	data: ICredentialDataDecryptedObject,
): INodeCredentialTestResult {
	const read = readSecretSettings(data);
	if ('problem' in read) return { status: 'Error', message: read.problem };
	// A short secret is one of readSecretSettings' problems: the trigger refuses it at run time too.
	return {
		status: 'OK',
		message: `The trigger will accept the secret in ${places(read.settings)}`,
	};
}

type CredentialTest = (
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
) => Promise<INodeCredentialTestResult>;

/** The tests of the providers' signing credentials, under their `testedBy` names. */
export function signatureCredentialTests(
	dialects: readonly Dialect[],
): Record<string, CredentialTest> {
	const tests: Record<string, CredentialTest> = {};
	for (const dialect of dialects) {
		const signature = dialect.trigger.signature;
		const test = signature?.credentialTest;
		if (!signature?.testedBy || !test) continue;
		tests[signature.testedBy] = async (credential) => test(credential.data ?? {});
	}
	return tests;
}
