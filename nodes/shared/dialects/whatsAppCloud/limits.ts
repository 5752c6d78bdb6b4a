import type { Limits } from '../../validation/limits';
import { WHATSAPP_LIMITS } from '../../validation/whatsappLimits';

/**
 * WhatsApp Cloud API (Meta's "Interactive reply buttons messages" and "Interactive list messages"
 * pages): headers text, image, video or document on reply buttons, text only on lists; footer up to
 * 60; section titles 1 to 24 (the list page as updated on 2025-11-03 marks them required; older
 * versions required them only with more than one section). The list page allows a body of 4096
 * characters; the node keeps WhatsApp's 1024 for both types, as the other providers do.
 */
export const whatsAppCloudLimits: Limits = {
	...WHATSAPP_LIMITS,
	providerName: 'WhatsApp Cloud API',
	sectionTitle: { min: 1, max: 24 },
	footer: { max: 60 },
	headerTypes: { buttons: ['text', 'image', 'video', 'document'], list: ['text'] },
};
