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
