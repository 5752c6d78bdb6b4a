import type { Limits } from '../../validation/limits';

/** Messangi's limits (SPEC §4; its page for the numbers, WhatsApp for 10 rows in total). */
export const messangiLimits: Limits = {
	providerName: 'Messangi',
	buttons: { min: 1, max: 3 },
	buttonTitle: { min: 1, max: 20 },
	buttonId: { min: 1, max: 256 },
	rowsTotal: { min: 1, max: 10 },
	sections: { min: 1, max: 10 },
	sectionTitle: { min: 1, max: 24 },
	rowId: { min: 1, max: 200 },
	rowTitle: { min: 1, max: 24 },
	rowDescription: { max: 72 },
	listButton: { min: 1, max: 20 },
	headerText: { min: 1, max: 60 },
	body: { min: 1, max: 1024, notBlank: true },
	footer: { max: 60 },
	headerTypes: { buttons: ['text', 'image', 'video', 'document'], list: ['text'] },
};
