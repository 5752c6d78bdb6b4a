/**
 * Encodes the neutral message into Messangi's `POST /v3/messages` body: reply buttons and lists as
 * its "Interactive Message" page's examples (the `interactive` object is WhatsApp's own, shared
 * with the other dialects that send it), text as its "Text Message" page's example.
 */
import type { IDataObject } from 'n8n-workflow';
import { replyToOf } from '../../kinds/text';
import type { InteractiveMessage, TextMessage } from '../../model/message';
import type { Issue } from '../../validation/issues';
import {
	callbackUrls,
	optionalString,
	phoneDigits,
	redactCallbackUrl,
	replyContext,
} from '../envelope';
import type { EncodedRequest, Envelope } from '../types';
import { interactiveObject } from '../whatsapp/interactive';

export const MESSANGI_SEND_PATH = '/v3/messages';

/** Reply buttons and lists: `type: "interactive"` with WhatsApp's `interactive` object. */
export function encodeMessangi(
	message: InteractiveMessage,
	envelope: Envelope,
): { request?: EncodedRequest; issues: Issue[] } {
	const issues: Issue[] = [];
	// Messangi documents `replyTo` on its text message page only.
	if (optionalString(envelope.options, 'replyToMessageId') !== undefined) {
		issues.push({
			path: 'options.replyToMessageId',
			message:
				'Reply To Message ID: Messangi documents replies for text messages only; remove the option, or send a text message',
		});
	}
	const template = optionalString(envelope.options, 'templateMessage');
	return withEnvelope(issues, envelope, {
		...(template !== undefined ? { message: template } : {}),
		type: 'interactive',
		interactive: interactiveObject(message),
	});
}

/**
 * A text message (Messangi's "Text Message" page): `type: "text"`, the text as `request.message`
 * and `request.replyTo` when it replies, in the same envelope.
 */
export function encodeMessangiText(
	message: TextMessage,
	envelope: Envelope,
): { request?: EncodedRequest; issues: Issue[] } {
	const issues: Issue[] = [];
	// Template Message is sent as `request.message`, which is the text itself here.
	if (optionalString(envelope.options, 'templateMessage') !== undefined) {
		issues.push({
			path: 'options.templateMessage',
			message:
				"Template Message: a text message's Body is sent as Messangi's request.message, where this option would go; remove the option for a text message",
		});
	}
	const replyTo = replyContext(issues, replyToOf(message), envelope.options);
	return withEnvelope(issues, envelope, {
		message: message.body,
		type: 'text',
		...(replyTo !== undefined ? { replyTo } : {}),
	});
}

/**
 * `{ channel: "WHATSAPP", request: { message?, clientId?, externalId?, to, from, type, … }, callbacks? }`:
 * `content` gives `message` (which leads, as in Messangi's examples), `type` and what follows it;
 * `own`: the problems the kind's encoder found in the options.
 */
function withEnvelope(
	own: Issue[],
	envelope: Envelope,
	content: IDataObject,
): { request?: EncodedRequest; issues: Issue[] } {
	const issues: Issue[] = [];
	const to = phoneDigits(issues, 'to', 'Recipient (To)', envelope.to);
	const from = phoneDigits(issues, 'from', 'Sender (From)', envelope.from);
	const callbacks = callbackUrls(issues, envelope.options.callbackUrls);
	// The options' own problems (`own`) after those of the recipient, sender and callback URLs.
	issues.push(...own);
	if (issues.length) return { issues };

	const externalId = optionalString(envelope.options, 'externalId');
	const clientId = optionalString(envelope.options, 'clientId');
	const { message, ...rest } = content;

	const request: IDataObject = {};
	if (message !== undefined) request.message = message;
	if (clientId !== undefined) request.clientId = clientId;
	if (externalId !== undefined) request.externalId = externalId;
	request.to = `+${to}`;
	request.from = from;
	Object.assign(request, rest);

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
