/**
 * Checks the webhook secret of one callback, when the trigger's Authentication asks for it:
 * reads the credential (kept for a few seconds: ./credentialCache.ts), then the header, query
 * parameter or Basic auth password of the request.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { headersOf, queryOf, type CallbackContext } from './context';
import type { TriggerSetup } from '../dialects/types';
import { judgeWithCredential } from './credentialCache';
import { checkSecret, readSecretSettings } from './secret';

export const WEBHOOK_CREDENTIAL = 'whatsAppInteractiveWebhookApi';

export type Authorisation =
	| { outcome: 'accepted' }
	| { outcome: 'rejected'; message: string; headers: Record<string, string> }
	/** The trigger's own setup is broken; `problem` is for the n8n user, not the caller. */
	| { outcome: 'misconfigured'; problem: string };

export async function authorise(context: CallbackContext): Promise<Authorisation> {
	try {
		return await judgeWithCredential(
			context,
			WEBHOOK_CREDENTIAL,
			(credential) => judgeSecret(context, credential),
			isAccepted,
		);
	} catch (error) {
		return {
			outcome: 'misconfigured',
			problem: `Authentication is set to Webhook Secret, but the credential could not be read (${(error as Error).message}); choose a WhatsApp Interactive Webhook credential in the trigger`,
		};
	}
}

function judgeSecret(
	context: CallbackContext,
	credential: ICredentialDataDecryptedObject,
): Authorisation {
	const read = readSecretSettings(credential);
	if ('problem' in read) return { outcome: 'misconfigured', problem: read.problem };

	const verdict = checkSecret(
		{
			headers: headersOf(context),
			query: queryOf(context),
		},
		read.settings,
	);
	if (verdict === 'accepted') return { outcome: 'accepted' };
	const headers: Record<string, string> = read.settings.basicAuth
		? { 'WWW-Authenticate': 'Basic realm="webhook", charset="UTF-8"' }
		: {};
	// The same answer whether the secret is missing or wrong: a caller learns nothing from it.
	const message =
		'The webhook secret is missing or wrong. Give the provider the URL with the secret stored in the credential n8n checks it with';
	return { outcome: 'rejected', message, headers };
}

const isAccepted = (verdict: Authorisation) => verdict.outcome === 'accepted';

/**
 * Checks the signature of one callback, for providers that sign them (`Dialect.trigger.signature`):
 * reads the provider's signing credential and hands the headers and the raw body to the dialect.
 */
export async function checkSignature(
	context: CallbackContext,
	signature: NonNullable<TriggerSetup['signature']>,
	rawBody: unknown,
): Promise<Authorisation> {
	const judge = (credential: ICredentialDataDecryptedObject): Authorisation => {
		const verdict = signature.check(
			{
				headers: headersOf(context),
				rawBody,
			},
			credential,
		);
		if (verdict.ok) return { outcome: 'accepted' };
		if ('problem' in verdict) return { outcome: 'misconfigured', problem: verdict.problem };
		return { outcome: 'rejected', message: verdict.message, headers: {} };
	};
	try {
		return await judgeWithCredential(context, signature.credentialType, judge, isAccepted);
	} catch (error) {
		return {
			outcome: 'misconfigured',
			problem: `The provider signs its callbacks, but the trigger's credential could not be read (${(error as Error).message}); choose one in the trigger`,
		};
	}
}
