/** Encodes the neutral message into Messangi's `POST /v3/messages` body (its seed examples). */
import type { IDataObject } from 'n8n-workflow';
import type { Header, InteractiveMessage } from '../../model/message';
import type { Issue } from '../../validation/issues';
import { callbackUrls, optionalString, phoneDigits } from '../envelope';
import type { EncodedRequest, Envelope } from '../types';

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
	request.interactive = interactive(message);

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

function interactive(message: InteractiveMessage): IDataObject {
	const out: IDataObject = { type: message.type === 'buttons' ? 'button' : 'list' };
	if (message.header) out.header = header(message.header);
	out.body = { text: message.body };
	if (message.footer !== undefined && message.footer !== '') out.footer = { text: message.footer };
	if (message.type === 'buttons') {
		out.action = {
			buttons: (message.buttons ?? []).map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })),
		};
	} else {
		const list = message.list!;
		out.action = {
			sections: list.sections.map((section) => ({
				title: section.title,
				rows: section.rows.map((row) => {
					const r: IDataObject = { id: row.id, title: row.title };
					if (row.description !== undefined && row.description !== '') r.description = row.description;
					return r;
				}),
			})),
			button: list.button,
		};
	}
	return out;
}

function header(h: Header): IDataObject {
	if (h.type === 'text') return { type: 'text', text: h.text };
	// Validation rejects location headers for Messangi before anything is sent.
	if (h.type === 'location') return { type: 'location' };
	return { type: h.type, [h.type]: { link: h.url } };
}
