/**
 * Names for message fields in words people use. Paths are those of the JSON message
 * (`buttons[1].title`); labels count from 1 (`Button 2 title`) as the editor shows them.
 */

export const label = {
	body: 'Body',
	footer: 'Footer',
	headerText: 'Header text',
	headerUrl: 'Header media URL',
	headerMediaType: 'Header media type',
	latitude: 'Header location latitude',
	longitude: 'Header location longitude',
	buttons: 'Buttons',
	button: (i: number) => `Button ${i + 1}`,
	listButton: 'List button label',
	sections: 'List sections',
	section: (i: number) => `Section ${i + 1}`,
	rows: 'List rows',
	row: (n: number) => `Row ${n + 1}`,
	ctaButtonTitle: 'Button text',
	ctaButtonUrl: 'Button URL',
	flowCta: 'Flow button text',
};

/** JSON field names said otherwise in problems. */
const WORDS = new Map([
	['id', 'ID'],
	['previewUrl', 'Preview URL'],
	['replyTo', 'Reply to'],
]);

/** Turns a path such as `list.sections[0].rows[2].title` into words, for structural errors. */
export function describePath(path: Array<string | number>): string {
	if (path.length === 0) return 'The message';
	const parts: string[] = [];
	for (let i = 0; i < path.length; i++) {
		const key = path[i];
		const next = path[i + 1];
		if (typeof next === 'number') {
			const singular: Record<string, string> = {
				buttons: 'Button',
				sections: 'Section',
				rows: 'Row',
				cards: 'Card',
			};
			parts.push(`${singular[String(key)] ?? String(key)} ${next + 1}`);
			i++;
		} else if (typeof key === 'string') {
			parts.push(WORDS.get(key) ?? key);
		}
	}
	const text = parts.join(' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function toPath(path: Array<string | number>): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else out += out ? `.${key}` : key;
	}
	return out;
}
