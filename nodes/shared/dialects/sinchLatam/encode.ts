/**
 * Encodes the neutral message into Sinch LATAM's `POST /v1/whatsapp/send` body: reply buttons and
 * lists as its seed examples, text as its documented `messageText`.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Header, InteractiveMessage, TextMessage } from '../../model/message';
import type { Issue } from '../../validation/issues';
import { optionalString, phoneDigits } from '../envelope';
import type { EncodedRequest, Envelope } from '../types';
import { sinchMediaType } from './limits';

export const SINCH_SEND_PATH = '/v1/whatsapp/send';

/** Reply buttons and lists: `message.interactive` (its "WhatsApp Interactive" page). */
export function encodeSinchLatam(
	message: InteractiveMessage,
	envelope: Envelope,
): { request?: EncodedRequest; issues: Issue[] } {
	const body = interactive(message);
	const alternativeText = optionalString(envelope.options, 'alternativeText');
	if (alternativeText !== undefined) body.alternativeText = alternativeText;
	return withDestination(envelope, { interactive: body });
}

/**
 * A text message: `message.messageText` (the "Envio de Mensagens" page of Sinch LATAM's WhatsApp
 * technical documentation). Alternative Text belongs to interactive messages and is not sent.
 */
export function encodeSinchLatamText(
	message: TextMessage,
	envelope: Envelope,
): { request?: EncodedRequest; issues: Issue[] } {
	return withDestination(envelope, { messageText: message.body });
}

/** `{ destinations: [{ correlationId?, destination }], message }`. */
function withDestination(
	envelope: Envelope,
	message: IDataObject,
): { request?: EncodedRequest; issues: Issue[] } {
	const issues: Issue[] = [];
	const destination = phoneDigits(issues, 'to', 'Recipient (To)', envelope.to);
	if (issues.length) return { issues };
	const correlationId = optionalString(envelope.options, 'correlationId');

	const target: IDataObject = {};
	if (correlationId !== undefined) target.correlationId = correlationId;
	target.destination = destination;
	return {
		issues,
		request: {
			method: 'POST',
			path: SINCH_SEND_PATH,
			body: { destinations: [target], message },
			to: destination,
			correlationId: correlationId ?? null,
		},
	};
}

function interactive(message: InteractiveMessage): IDataObject {
	const out: IDataObject = {
		messageInteractiveType: message.type === 'buttons' ? 'REPLY_BUTTON' : 'LIST',
	};
	if (message.header) out.header = header(message.header);
	out.body = { text: message.body };
	if (message.footer !== undefined && message.footer !== '') out.footer = { text: message.footer };
	if (message.type === 'buttons') {
		out.replyButtonAction = {
			buttons: (message.buttons ?? []).map((b) => ({ reply: { title: b.title, payload: b.id } })),
		};
	} else {
		const list = message.list!;
		out.listAction = {
			button: list.button,
			sections: list.sections.map((section) => ({
				rows: section.rows.map((row) => {
					const r: IDataObject = { identifier: row.id, title: row.title };
					if (row.description !== undefined && row.description !== '')
						r.description = row.description;
					return r;
				}),
			})),
		};
	}
	return out;
}

function header(h: Header): IDataObject {
	if (h.type === 'text') return { text: h.text };
	if (h.type === 'location') {
		// Six decimals (about 10 cm), as in Sinch's own example ("-22.894180,-47.047960").
		const location: IDataObject = {
			geoPoint: `${h.latitude.toFixed(6)},${h.longitude.toFixed(6)}`,
		};
		if (h.name) location.name = h.name;
		if (h.address) location.address = h.address;
		return { location };
	}
	return { [h.type]: { type: sinchMediaType(h), url: h.url } };
}
