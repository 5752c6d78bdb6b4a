/**
 * Inbound media and read receipts on the Cloud API (Meta's "Media" and "Typing indicators" pages):
 * - `GET /{version}/{media-id}` answers `{ messaging_product, url, mime_type, sha256, file_size, id }`;
 *   the URL is valid for 5 minutes and is downloaded with the same bearer token. Media ids from
 *   webhooks expire after 7 days (uploaded ones after 30); Graph then answers error 100, subcode 33
 *   ("Object with ID … does not exist"), or 404.
 * - `POST /{version}/{phone-number-id}/messages` with `{ messaging_product: "whatsapp", status: "read",
 *   message_id, typing_indicator: { type: "text" } }` marks the message (and earlier ones) as read and
 *   shows "typing…" until the business answers or for 25 seconds.
 */
import type { IDataObject } from 'n8n-workflow';
import { isRecord, numeric, text } from '../../model/values';
import type { Issue } from '../../validation/issues';
import { originOf } from '../media';
import type { MarkAsReadSupport, MediaFacts, MediaSupport } from '../types';
import { WHATSAPP_CLOUD_DEFAULT_HOST } from './auth';
import { readPhoneNumberId } from './encode';

/** Where Graph's media URLs point (`https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=…`). */
export const META_MEDIA_ORIGIN = 'https://lookaside.fbsbx.com';

function graphError(body: unknown): { code: number | null; subcode: number | null } | undefined {
	if (!isRecord(body) || !isRecord(body.error)) return undefined;
	return { code: numeric(body.error.code), subcode: numeric(body.error.error_subcode) };
}

export function readCloudMedia(body: unknown): MediaFacts {
	const record = isRecord(body) ? body : {};
	const size = numeric(record.file_size);
	return {
		url: text(record.url),
		mimeType: text(record.mime_type),
		// Meta writes file_size as a number or as a string of digits.
		size: size !== null && size >= 0 ? size : null,
		sha256: text(record.sha256),
	};
}

/** An id Meta no longer has: 404, or Graph's "does not exist" (code 100, subcode 33). */
export function cloudMediaGone(status: number, body: unknown): boolean {
	const error = graphError(body);
	return status === 404 || (error?.code === 100 && error.subcode === 33);
}

export const whatsAppCloudMedia: MediaSupport = {
	description:
		"The media ID of the inbound message (the trigger's message.media.id) or a media URL Meta gave. An ID is resolved with the credential's token into a download URL that is fetched at once.",
	placeholder: '1037543291543636',
	lookup: {
		path: (mediaId) => `/${encodeURIComponent(mediaId)}`,
		read: readCloudMedia,
		gone: cloudMediaGone,
		goneAdvice:
			"The media is no longer on Meta's servers: ids from webhooks expire after 7 days (uploaded media after 30). Download media when the message arrives, or ask the customer to send it again. Check also that the ID belongs to the WhatsApp Business Account of the credential.",
	},
	// Meta's media host, and the credential's own Base URL (Graph, a proxy or a test server).
	authenticatedOrigins: (credentials) => {
		const own = originOf(String(credentials.baseUrl || WHATSAPP_CLOUD_DEFAULT_HOST));
		return [META_MEDIA_ORIGIN, ...(own ? [own] : [])];
	},
	urlRefusedAdvice:
		"Meta's media URLs are valid for 5 minutes only. Give the media ID instead (the trigger's message.media.id): the node then asks Meta for a fresh URL.",
};

export const whatsAppCloudMarkAsRead: MarkAsReadSupport = {
	encode: (messageId, from, typingIndicator) => {
		const issues: Issue[] = [];
		const phoneNumberId = readPhoneNumberId(issues, from);
		const id = messageId.trim();
		if (id === '') {
			issues.push({
				path: 'messageId',
				message:
					"Message ID is empty; give the wamid of the inbound message (the trigger's messageId, e.g. wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA)",
			});
		}
		if (issues.length) return { issues };
		const body: IDataObject = { messaging_product: 'whatsapp', status: 'read', message_id: id };
		if (typingIndicator) body.typing_indicator = { type: 'text' };
		return { issues, request: { path: `/${phoneNumberId}/messages`, body } };
	},
};
