/**
 * Encodes the neutral message into Messangi's `POST /v3/messages` body (its seed examples). The
 * `interactive` object is WhatsApp's own, shared with the other dialects that send it.
 */
import type { IDataObject } from 'n8n-workflow';
import type { InteractiveMessage } from '../../model/message';
import type { Issue } from '../../validation/issues';
import { callbackUrls, optionalString, phoneDigits, redactCallbackUrl } from '../envelope';
import type { EncodedRequest, Envelope } from '../types';
import { interactiveObject } from '../whatsapp/interactive';

export const MESSANGI_SEND_PATH = '/v3/messages';

export function encodeMessangi(
	message: InteractiveMessage,
	envelope: Envelope,
): { request?: EncodedRequest; issues: Issue[] } {
	const issues: Issue[] = [];
	const to = phoneDigits(issues, 'to', 'Recipient (To)', envelope.to);
	const from = phoneDigits(issues, 'from', 'Sender (From)', envelope.from);
	const callbacks = callbackUrls(issues, envelope.options.callbackUrls);
	if (issues.length) return { issues };

	const externalId = optionalString(envelope.options, 'externalId');
	const clientId = optionalString(envelope.options, 'clientId');
	const template = optionalString(envelope.options, 'templateMessage');

	const request: IDataObject = {};
	if (template !== undefined) request.message = template;
	if (clientId !== undefined) request.clientId = clientId;
	if (externalId !== undefined) request.externalId = externalId;
	request.to = `+${to}`;
	request.from = from;
	request.type = 'interactive';
	request.interactive = interactiveObject(message);

	const body: IDataObject = { channel: 'WHATSAPP', request };
	if (callbacks) body.callbacks = callbacks;
	return {
		issues,
		request: {
			method: 'POST',
			path: MESSANGI_SEND_PATH,
			body,
			to: `+${to}`,
			correlationId: externalId ?? clientId ?? null,
		},
	};
}

/**
 * A Messangi body as output items show it: its callback URLs carry the trigger's webhook secret
 * (Messangi posts statuses to exactly those URLs and signs nothing), so their secrets are redacted.
 */
export function shownMessangiBody(body: IDataObject): IDataObject {
	if (!Array.isArray(body.callbacks)) return body;
	return {
		...body,
		callbacks: body.callbacks.map((url) =>
			typeof url === 'string' ? redactCallbackUrl(url) : url,
		),
	};
}
