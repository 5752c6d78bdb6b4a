/**
 * A GET on the callback URL: the verification handshake of providers that have one (Meta's
 * `hub.challenge`); other providers never send one.
 */
import type { Dialect } from '../dialects/types';
import { queryOf, type CallbackContext, type NodeNames } from './context';
import { sendError, sendText, type WebhookResponse } from './respond';

/** Answers a verification request on `res`. */
export async function answerVerification(
	context: CallbackContext,
	res: WebhookResponse,
	dialect: Dialect,
	names: NodeNames,
): Promise<void> {
	const verification = dialect.trigger.verification;
	const signature = dialect.trigger.signature;
	if (!verification || !signature) {
		sendError(
			res,
			400,
			`${dialect.displayName} does not verify callback URLs; it posts its callbacks to this URL`,
		);
		return;
	}
	let data;
	try {
		data = await context.getCredentials(signature.credentialType);
	} catch (error) {
		context.logger.error(
			`${names.label} could not read its credential: ${(error as Error).message}`,
		);
		sendError(
			res,
			500,
			`The ${names.noun} cannot check the verify token; its owner must choose a credential in n8n`,
		);
		return;
	}
	const answer = verification(queryOf(context), data);
	if (answer.status === 200) sendText(res, 200, answer.text);
	else sendError(res, answer.status, answer.message);
}
