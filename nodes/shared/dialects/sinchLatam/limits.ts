import type { Header } from '../../model/message';
import type { Issue } from '../../validation/issues';
import { label } from '../../validation/labels';
import type { TextLimits } from '../../kinds/types';
import type { Limits } from '../../validation/limits';
import { WHATSAPP_LIMITS, WHATSAPP_TEXT_BODY } from '../../validation/whatsappLimits';
import { quote } from '../../model/text';

/** The media types Sinch accepts for each header kind (its Image, Video and Document tables). */
export const SINCH_MEDIA_TYPES: Record<'image' | 'video' | 'document', readonly string[]> = {
	image: ['JPG', 'JPEG', 'PNG'],
	video: ['MP4'],
	document: ['PDF'],
};

/** The media type Sinch is sent: the one given, else the URL's file extension, upper-cased. */
export function sinchMediaType(header: Extract<Header, { url: string }>): string | undefined {
	if (header.mediaType) return header.mediaType.trim().toUpperCase();
	const withoutQuery = header.url.split(/[?#]/)[0];
	const fromPath = /\.([A-Za-z0-9]{2,5})$/.exec(withoutQuery.split('/').pop() ?? '');
	const fromWhole = /\.([A-Za-z0-9]{2,5})$/.exec(header.url);
	return (fromPath ?? fromWhole)?.[1].toUpperCase();
}

/** Sinch: no section titles, a footer must not be blank, location headers, known media types. */
export const sinchLatamLimits: Limits = {
	...WHATSAPP_LIMITS,
	providerName: 'Sinch LATAM',
	sectionTitle: null,
	footer: { max: 60, notBlank: true },
	headerTypes: { buttons: ['text', 'image', 'video', 'document', 'location'], list: ['text'] },
	mediaTypes: SINCH_MEDIA_TYPES,
	checkMedia(header, issues: Issue[]) {
		const allowed = SINCH_MEDIA_TYPES[header.type];
		const type = sinchMediaType(header);
		if (type === undefined) {
			issues.push({
				path: 'header.mediaType',
				message: `${label.headerMediaType} cannot be told from the URL ${quote(header.url)}; set Media Type to ${allowed.join(', ')}`,
			});
		} else if (!allowed.includes(type)) {
			issues.push({
				path: 'header.mediaType',
				message: `${label.headerMediaType} ${quote(type)} is not accepted for a ${header.type} header; Sinch takes ${allowed.join(', ')}`,
			});
		}
	},
};

/**
 * Text messages (Sinch LATAM's "Envio de Mensagens" page of its WhatsApp technical documentation):
 * the text is `message.messageText`. The page states no length, so WhatsApp's own 4096 applies; it
 * documents neither a link preview nor replying to a message.
 */
export const sinchLatamTextLimits: TextLimits = {
	providerName: 'Sinch LATAM',
	body: WHATSAPP_TEXT_BODY,
	previewUrl: false,
	replyTo: false,
};
