import type { TextLimits } from '../../kinds/types';
import type { Limits } from '../../validation/limits';
import { WHATSAPP_LIMITS } from '../../validation/whatsappLimits';

/** Messangi: section titles required; no location header (docs/limits.md). */
export const messangiLimits: Limits = {
	...WHATSAPP_LIMITS,
	providerName: 'Messangi',
	sectionTitle: { min: 1, max: 24 },
	footer: { max: 60 },
	headerTypes: { buttons: ['text', 'image', 'video', 'document'], list: ['text'] },
};

/**
 * Text messages (Messangi's "Text Message" page, docs.messangi.com/docs/text-message): the text is
 * `request.message`, "Maximum length: 1024 characters"; `request.replyTo` is in its example. No
 * link preview is documented.
 */
export const messangiTextLimits: TextLimits = {
	providerName: 'Messangi',
	body: { min: 1, max: 1024, notBlank: true },
	previewUrl: false,
	replyTo: true,
};
