import type { TextRule } from './issues';
import type { Limits } from './limits';

/** The body of an interactive message: 1 to 1024 characters, not blank (Messangi's and Sinch LATAM's pages). */
const BODY: TextRule = { min: 1, max: 1024, notBlank: true };

/**
 * WhatsApp's own limits for interactive messages, which both providers pass on (docs/limits.md). Each
 * dialect's table starts from these and states only where its provider differs.
 */
export const WHATSAPP_LIMITS: Omit<
	Limits,
	'providerName' | 'sectionTitle' | 'footer' | 'headerTypes'
> = {
	buttons: { min: 1, max: 3 },
	buttonTitle: { min: 1, max: 20 },
	buttonId: { min: 1, max: 256 },
	rowsTotal: { min: 1, max: 10 },
	sections: { min: 1, max: 10 },
	rowId: { min: 1, max: 200 },
	rowTitle: { min: 1, max: 24 },
	rowDescription: { max: 72 },
	listButton: { min: 1, max: 20 },
	headerText: { min: 1, max: 60 },
	body: { buttons: BODY, list: BODY },
};

/**
 * The body of a text message: 1 to 4096 characters, not blank (Meta's "Text messages" page:
 * "Maximum 4096 characters"). A provider that says less states its own (Messangi: 1024).
 */
export const WHATSAPP_TEXT_BODY: TextRule = { min: 1, max: 4096, notBlank: true };
