/** A list: a button that opens up to ten rows in sections (WhatsApp's interactive `list`). */
import { checkInteractive, interactiveSchema, readInteractive } from './interactive';
import type { Kind } from './types';

export const list: Kind<'list'> = {
	type: 'list',
	option: {
		name: 'List',
		description: 'A button that opens a list of up to ten choices',
	},
	noun: 'list',
	asks: true,
	interactive: true,
	schema: interactiveSchema,
	read: readInteractive,
	check: checkInteractive,
};
