/**
 * The limits table (docs/limits.md), rule by rule and dialect by dialect: each rule at its limit (accepted) and one past it
 * (rejected, with a message that names the field, the limit and the actual value).
 */
import type { Dialect } from '../../nodes/shared/dialects';
import { getDialect } from '../../nodes/shared/dialects';
import type { InteractiveMessage } from '../../nodes/shared/model/message';

const x = (n: number, ch = 'a') => ch.repeat(n);
const buttons = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ id: `b${i}`, title: `Option ${i}` }));
const rows = (n: number, prefix = 'r') =>
	Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}` }));

const buttonMessage = (patch: Partial<InteractiveMessage> = {}): InteractiveMessage => ({
	type: 'buttons',
	body: 'Pick one',
	buttons: buttons(2),
	...patch,
});

const listMessage = (
	patch: Partial<InteractiveMessage> = {},
	sectionPatch: object = {},
): InteractiveMessage => ({
	type: 'list',
	body: 'Pick one',
	list: { button: 'Open', sections: [{ title: 'Section', rows: rows(3), ...sectionPatch }] },
	...patch,
});

interface Rule {
	name: string;
	ok: InteractiveMessage;
	bad: InteractiveMessage;
	/** What the message for `bad` must say. */
	expect: RegExp;
	path: string;
}

function rulesFor(dialect: Dialect): Rule[] {
	const sinch = dialect.id === 'sinchLatam';
	// Meta's "Interactive list messages" page allows a list body of 4096; Messangi and Sinch LATAM document 1024.
	const listBody = dialect.id === 'whatsAppCloud' ? 4096 : 1024;
	const name = dialect.displayName;
	const list = (sections: InteractiveMessage['list']) => listMessage({ list: sections });
	const rules: Rule[] = [
		{
			name: 'at most 3 buttons',
			ok: buttonMessage({ buttons: buttons(3) }),
			bad: buttonMessage({ buttons: buttons(4) }),
			expect: /^Buttons: 4 given; the limit is 3, remove 1$/,
			path: 'buttons',
		},
		{
			name: 'at least 1 button',
			ok: buttonMessage({ buttons: buttons(1) }),
			bad: buttonMessage({ buttons: [] }),
			expect: /^Buttons: 0 given; add at least 1/,
			path: 'buttons',
		},
		{
			name: 'button title ≤ 20',
			ok: buttonMessage({ buttons: [{ id: 'a', title: x(20) }] }),
			bad: buttonMessage({ buttons: [{ id: 'a', title: x(21) }] }),
			expect: /^Button 1 title "a{21}" is 21 characters; the limit is 20$/,
			path: 'buttons[0].title',
		},
		{
			name: 'button title not empty',
			ok: buttonMessage({ buttons: [{ id: 'a', title: 'x' }] }),
			bad: buttonMessage({ buttons: [{ id: 'a', title: '' }] }),
			expect: /^Button 1 title is empty; it needs 1–20 characters$/,
			path: 'buttons[0].title',
		},
		{
			name: 'button ID ≤ 256',
			ok: buttonMessage({ buttons: [{ id: x(256), title: 'a' }] }),
			bad: buttonMessage({ buttons: [{ id: x(257), title: 'a' }] }),
			expect: /^Button 1 ID "a+…" is 257 characters; the limit is 256$/,
			path: 'buttons[0].id',
		},
		{
			name: 'button ID not empty',
			ok: buttonMessage({ buttons: [{ id: '1', title: 'a' }] }),
			bad: buttonMessage({ buttons: [{ id: '', title: 'a' }] }),
			expect: /^Button 1 ID is empty/,
			path: 'buttons[0].id',
		},
		{
			name: 'button IDs unique',
			ok: buttonMessage({
				buttons: [
					{ id: 'a', title: 'A' },
					{ id: 'b', title: 'B' },
				],
			}),
			bad: buttonMessage({
				buttons: [
					{ id: 'a', title: 'A' },
					{ id: 'a', title: 'B' },
				],
			}),
			expect: /^Button 2 ID "a" is the same as Button 1 ID; each button ID must be unique$/,
			path: 'buttons[1].id',
		},
		{
			name: 'button titles unique',
			ok: buttonMessage({
				buttons: [
					{ id: 'a', title: 'Yes' },
					{ id: 'b', title: 'No' },
				],
			}),
			bad: buttonMessage({
				buttons: [
					{ id: 'a', title: 'Yes' },
					{ id: 'b', title: 'Yes' },
				],
			}),
			expect: /^Button 2 title "Yes" is the same as Button 1 title/,
			path: 'buttons[1].title',
		},
		{
			name: 'at most 10 rows in total',
			ok: list({
				button: 'Open',
				sections: [
					{ title: 'A', rows: rows(5, 'a') },
					{ title: 'B', rows: rows(5, 'b') },
				],
			}),
			bad: list({
				button: 'Open',
				sections: [
					{ title: 'A', rows: rows(5, 'a') },
					{ title: 'B', rows: rows(6, 'b') },
				],
			}),
			expect: /^List rows: 11 given; the limit is 10, remove 1$/,
			path: 'list.sections',
		},
		{
			name: 'at least 1 row',
			ok: listMessage({}, { rows: rows(1) }),
			bad: listMessage({}, { rows: [] }),
			expect: /^Section 1 has no rows; add at least one$/,
			path: 'list.sections[0].rows',
		},
		{
			name: 'at most 10 sections',
			ok: list({
				button: 'Open',
				sections: Array.from({ length: 10 }, (_, i) => ({
					title: `S${i}`,
					rows: rows(1, `s${i}`),
				})),
			}),
			bad: list({
				button: 'Open',
				sections: Array.from({ length: 11 }, (_, i) => ({
					title: `S${i}`,
					rows: rows(1, `s${i}`),
				})),
			}),
			expect: /^List sections: 11 given; the limit is 10, remove 1$/,
			path: 'list.sections',
		},
		{
			name: 'at least 1 section',
			ok: listMessage(),
			bad: list({ button: 'Open', sections: [] }),
			expect: /^List sections: 0 given; add at least 1/,
			path: 'list.sections',
		},
		{
			name: 'row ID ≤ 200',
			ok: listMessage({}, { rows: [{ id: x(200), title: 't' }] }),
			bad: listMessage({}, { rows: [{ id: x(201), title: 't' }] }),
			expect: /^Row 1 ID "a+…" is 201 characters; the limit is 200$/,
			path: 'list.sections[0].rows[0].id',
		},
		{
			name: 'row IDs unique across sections',
			ok: list({
				button: 'Open',
				sections: [
					{ title: 'A', rows: [{ id: 'x', title: 't' }] },
					{ title: 'B', rows: [{ id: 'y', title: 't' }] },
				],
			}),
			bad: list({
				button: 'Open',
				sections: [
					{ title: 'A', rows: [{ id: 'x', title: 't' }] },
					{ title: 'B', rows: [{ id: 'x', title: 't' }] },
				],
			}),
			expect: /^Row 2 ID "x" is the same as Row 1 ID; each row ID must be unique$/,
			path: 'list.sections[1].rows[0].id',
		},
		{
			name: 'row title ≤ 24',
			ok: listMessage({}, { rows: [{ id: '1', title: x(24) }] }),
			bad: listMessage({}, { rows: [{ id: '1', title: x(25) }] }),
			expect: /^Row 1 title "a{25}" is 25 characters; the limit is 24$/,
			path: 'list.sections[0].rows[0].title',
		},
		{
			name: 'row title not empty',
			ok: listMessage({}, { rows: [{ id: '1', title: 'a' }] }),
			bad: listMessage({}, { rows: [{ id: '1', title: '' }] }),
			expect: /^Row 1 title is empty/,
			path: 'list.sections[0].rows[0].title',
		},
		{
			name: 'row description ≤ 72',
			ok: listMessage({}, { rows: [{ id: '1', title: 't', description: x(72) }] }),
			bad: listMessage({}, { rows: [{ id: '1', title: 't', description: x(73) }] }),
			expect: /^Row 1 description "a+…" is 73 characters; the limit is 72$/,
			path: 'list.sections[0].rows[0].description',
		},
		{
			name: 'list button label ≤ 20',
			ok: list({ button: x(20), sections: [{ title: 'S', rows: rows(1) }] }),
			bad: list({ button: x(21), sections: [{ title: 'S', rows: rows(1) }] }),
			expect: /^List button label "a{21}" is 21 characters; the limit is 20$/,
			path: 'list.button',
		},
		{
			name: 'list button label not empty',
			ok: list({ button: 'a', sections: [{ title: 'S', rows: rows(1) }] }),
			bad: list({ button: '', sections: [{ title: 'S', rows: rows(1) }] }),
			expect: /^List button label is empty; it needs 1–20 characters$/,
			path: 'list.button',
		},
		{
			name: 'header text ≤ 60',
			ok: buttonMessage({ header: { type: 'text', text: x(60) } }),
			bad: buttonMessage({ header: { type: 'text', text: x(61) } }),
			expect: /^Header text "a+…" is 61 characters; the limit is 60$/,
			path: 'header.text',
		},
		{
			name: 'a list takes a text header only',
			ok: listMessage({ header: { type: 'text', text: 'Menu' } }),
			bad: listMessage({ header: { type: 'image', url: 'https://example.com/a.png' } }),
			expect: new RegExp(
				`^${name} does not support an image header on a list message; use text header or none$`,
			),
			path: 'header.type',
		},
		{
			name: 'media URL is http(s)',
			ok: buttonMessage({ header: { type: 'image', url: 'http://example.com/a.png' } }),
			bad: buttonMessage({ header: { type: 'image', url: 'ftp://example.com/a.png' } }),
			expect:
				/^Header media URL "ftp:\/\/example.com\/a.png" is not an http:\/\/ or https:\/\/ link/,
			path: 'header.url',
		},
		{
			name: 'body ≤ 1024',
			ok: buttonMessage({ body: x(1024) }),
			bad: buttonMessage({ body: x(1025) }),
			expect: /^Body "a+…" is 1025 characters; the limit is 1024$/,
			path: 'body',
		},
		{
			name: `list body ≤ ${listBody}`,
			ok: listMessage({ body: x(listBody) }),
			bad: listMessage({ body: x(listBody + 1) }),
			expect: new RegExp(`^Body "a+…" is ${listBody + 1} characters; the limit is ${listBody}$`),
			path: 'body',
		},
		{
			name: 'list body not empty',
			ok: listMessage({ body: 'a' }),
			bad: listMessage({ body: '' }),
			expect: new RegExp(`^Body is empty; it needs 1–${listBody} characters$`),
			path: 'body',
		},
		{
			name: 'list body not blank',
			ok: listMessage({ body: ' a ' }),
			bad: listMessage({ body: '   ' }),
			expect: /^Body is only spaces/,
			path: 'body',
		},
		{
			name: 'body not empty',
			ok: buttonMessage({ body: 'a' }),
			bad: buttonMessage({ body: '' }),
			expect: /^Body is empty; it needs 1–1024 characters$/,
			path: 'body',
		},
		{
			name: 'body not blank',
			ok: buttonMessage({ body: ' a ' }),
			bad: buttonMessage({ body: '   ' }),
			expect: /^Body is only spaces/,
			path: 'body',
		},
		{
			name: 'footer ≤ 60',
			ok: buttonMessage({ footer: x(60) }),
			bad: buttonMessage({ footer: x(61) }),
			expect: /^Footer "a+…" is 61 characters; the limit is 60$/,
			path: 'footer',
		},
		{
			name: 'emoji count as one character',
			ok: buttonMessage({ buttons: [{ id: 'a', title: x(20, '🍕') }] }),
			bad: buttonMessage({ buttons: [{ id: 'a', title: x(21, '🍕') }] }),
			expect: /^Button 1 title "(🍕){21}" is 21 characters; the limit is 20$/u,
			path: 'buttons[0].title',
		},
	];
	if (sinch) {
		rules.push(
			{
				name: 'footer not blank (Sinch)',
				ok: buttonMessage({ footer: 'a' }),
				bad: buttonMessage({ footer: '  ' }),
				expect: /^Footer is only spaces/,
				path: 'footer',
			},
			{
				name: 'media type known (Sinch)',
				ok: buttonMessage({ header: { type: 'image', url: 'https://example.com/a.png' } }),
				bad: buttonMessage({ header: { type: 'image', url: 'https://example.com/a.gif' } }),
				expect:
					/^Header media type "GIF" is not accepted for a image header; Sinch takes JPG, JPEG, PNG$/,
				path: 'header.mediaType',
			},
			{
				name: 'media type given or in the URL (Sinch)',
				ok: buttonMessage({
					header: { type: 'video', url: 'https://example.com/stream', mediaType: 'mp4' },
				}),
				bad: buttonMessage({ header: { type: 'video', url: 'https://example.com/stream' } }),
				expect:
					/^Header media type cannot be told from the URL "https:\/\/example.com\/stream"; set Media Type to MP4$/,
				path: 'header.mediaType',
			},
			{
				name: 'latitude within ±90 (Sinch)',
				ok: buttonMessage({ header: { type: 'location', latitude: 90, longitude: 0 } }),
				bad: buttonMessage({ header: { type: 'location', latitude: 90.000001, longitude: 0 } }),
				expect: /^Header location latitude 90.000001 is outside −90 to 90$/,
				path: 'header.latitude',
			},
			{
				name: 'longitude within ±180 (Sinch)',
				ok: buttonMessage({ header: { type: 'location', latitude: 0, longitude: -180 } }),
				bad: buttonMessage({ header: { type: 'location', latitude: 0, longitude: -180.1 } }),
				expect: /^Header location longitude -180.1 is outside −180 to 180$/,
				path: 'header.longitude',
			},
		);
	} else {
		rules.push(
			{
				name: `section title ≤ 24 (${name})`,
				ok: listMessage({}, { title: x(24) }),
				bad: listMessage({}, { title: x(25) }),
				expect: /^Section 1 title "a{25}" is 25 characters; the limit is 24$/,
				path: 'list.sections[0].title',
			},
			{
				name: `section title required (${name})`,
				ok: listMessage({}, { title: 'S' }),
				bad: listMessage({}, { title: undefined }),
				expect: /^Section 1 title is empty; it needs 1–24 characters$/,
				path: 'list.sections[0].title',
			},
			{
				name: `no location header (${name})`,
				ok: buttonMessage({ header: { type: 'document', url: 'https://example.com/a.pdf' } }),
				bad: buttonMessage({ header: { type: 'location', latitude: 1, longitude: 2 } }),
				expect: new RegExp(
					`^${name} does not support a location header on a reply-button message; use text, image, video, document headers or none$`,
				),
				path: 'header.type',
			},
		);
	}
	return rules;
}

for (const provider of ['messangi', 'sinchLatam', 'whatsAppCloud']) {
	const dialect = getDialect(provider);
	describe(`${dialect.displayName} limits`, () => {
		for (const rule of rulesFor(dialect)) {
			it(rule.name, () => {
				expect(dialect.validate(rule.ok)).toEqual([]);
				const issues = dialect.validate(rule.bad);
				expect(issues.map((i) => i.message)).toContainEqual(expect.stringMatching(rule.expect));
				expect(issues.find((i) => rule.expect.test(i.message))?.path).toBe(rule.path);
			});
		}
	});
}

describe('Sinch section titles', () => {
	it('are optional and never sent', () => {
		const dialect = getDialect('sinchLatam');
		const message = listMessage({}, { title: 'Not sent' });
		expect(dialect.validate(message)).toEqual([]);
		const { request } = dialect.encode(message, { to: '5519900001111', options: {} });
		const sections = (request!.body.message as any).interactive.listAction.sections as object[];
		expect(sections[0]).not.toHaveProperty('title');
	});
});

export const RULE_COUNTS = {
	messangi: rulesFor(getDialect('messangi')).length,
	sinchLatam: rulesFor(getDialect('sinchLatam')).length,
	whatsAppCloud: rulesFor(getDialect('whatsAppCloud')).length,
};
