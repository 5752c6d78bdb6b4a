/** Reply buttons: up to three buttons the recipient taps (WhatsApp's interactive `button`). */
import { checkInteractive, interactiveSchema, readInteractive } from './interactive';
import type { Kind } from './types';

export const buttons: Kind<'buttons'> = {
	type: 'buttons',
	option: {
		name: 'Reply Buttons',
		description: 'Up to three buttons the recipient taps to answer',
	},
	noun: 'reply-button',
	asks: true,
	interactive: true,
	schema: interactiveSchema,
	read: readInteractive,
	check: checkInteractive,
};
