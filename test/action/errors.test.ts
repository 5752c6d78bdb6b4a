/** How validation errors reach the user: every problem at once, in words, with the item index. */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';

async function build(
	params: IDataObject | ((i: number) => IDataObject),
	items = 1,
	continueOnFail = false,
) {
	const ctx = executeContext({
		params: (i) => ({
			operation: 'buildPayload',
			provider: 'sinchLatam',
			to: '5519900001111',
			...(typeof params === 'function' ? params(i) : params),
		}),
		items,
		continueOnFail,
	});
	return new WhatsAppInteractive().execute.call(ctx);
}

const appointment = (title: string) => ({
	defineMessage: 'fields',
	messageType: 'buttons',
	bodyText: 'Your appointment is tomorrow',
	buttons: {
		button: [
			{ id: 'keep', title: 'Keep' },
			{ id: 'move', title },
		],
	},
});

describe('validation errors', () => {
	it('names the field, the limit, the actual length and the item', async () => {
		const error = await build(
			(i) => appointment(i === 3 ? 'Reschedule appointment' : 'Reschedule'),
			5,
		).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'Button 2 title "Reschedule appointment" is 22 characters; the limit is 20 [item 3]',
		);
		expect(error.context.itemIndex).toBe(3);
		// One problem: the message is the problem; no details that repeat it.
		expect(error.description ?? undefined).toBeUndefined();
	});

	it('reports every problem of a message at once', async () => {
		const error = await build({
			defineMessage: 'fields',
			messageType: 'list',
			to: 'nobody',
			bodyText: '',
			footerText: 'x'.repeat(61),
			listButtonText: '',
			rows: {
				row: [
					{ id: 'a', title: 'One' },
					{ id: 'a', title: 'y'.repeat(30) },
				],
			},
		}).catch((e) => e);
		expect(error.message).toBe('The message has 6 problems [item 0]');
		for (const part of [
			'Body is empty; it needs 1–1024 characters',
			'Footer "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" is 61 characters; the limit is 60',
			'List button label is empty; it needs 1–20 characters',
			'Row 2 title "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy" is 30 characters; the limit is 24',
			'Row 2 ID "a" is the same as Row 1 ID; each row ID must be unique',
			'Recipient (To) "nobody" contains characters that are not digits',
		]) {
			expect(error.description).toContain(`• ${part}`);
		}
		// One problem per line, counted from 1 as the editor shows them, without JSON paths.
		expect(error.description.split('<br>\n')).toHaveLength(6);
		expect(error.description).not.toMatch(/\[\d+\]|field:/);
	});

	it('JSON mode: structural problems in words', async () => {
		const error = await build({
			defineMessage: 'json',
			messageJson: {
				type: 'buttons',
				body: 7,
				buttons: [{ id: 'a', tittle: 'Yes' }],
				colour: 'red',
			},
		}).catch((e) => e);
		expect(error.description).toContain('Body must be text, not a number');
		expect(error.description).toContain(
			'Unknown field "tittle" in Button 1; remove it or check the spelling',
		);
		expect(error.description).toContain('Button 1 title is missing');
		expect(error.description).toContain('Unknown field "colour"; remove it or check the spelling');
	});

	it('JSON mode: an unknown key does not hide the limits (every problem at once)', async () => {
		const error = await build({
			defineMessage: 'json',
			messageJson: {
				type: 'buttons',
				body: 'Pick one',
				colour: 'red',
				buttons: [1, 2, 3, 4].map((k) => ({
					id: `b${k}`,
					title: k === 3 ? 'x'.repeat(32) : `Option ${k}`,
				})),
			},
		}).catch((e) => e);
		expect(error.message).toBe('The message has 3 problems [item 0]');
		expect(error.description.split('<br>\n')).toEqual([
			'• Unknown field "colour"; remove it or check the spelling',
			'• Buttons: 4 given; the limit is 3, remove 1',
			`• Button 3 title "${'x'.repeat(32)}" is 32 characters; the limit is 20`,
		]);
	});

	it('JSON mode: text that is not JSON', async () => {
		const error = await build({
			defineMessage: 'json',
			messageJson: '{ "type": "buttons", ',
		}).catch((e) => e);
		// The parser's own words differ between Node.js versions; the position and the advice do not.
		expect(error.message).toMatch(
			/^The message is not valid JSON: [a-z].* at line 1, column 22\. Check the quotes and commas, or build the message with an expression that returns an object \[item 0\]$/,
		);
	});

	it.each([
		['empty text', '  '],
		['an expression that gave nothing', undefined],
	])('JSON mode: %s is "empty", with what to check', async (_name, messageJson) => {
		const error = await build({ defineMessage: 'json', messageJson }).catch((e) => e);
		expect(error.message).toBe(
			"Message (JSON) is empty: enter the message, or an expression that returns it; if it is an expression, check in the editor's preview that it gives an object [item 0]",
		);
	});

	it('JSON mode: a number is named as one', async () => {
		const error = await build({ defineMessage: 'json', messageJson: 42 }).catch((e) => e);
		expect(error.message).toMatch(/, not a number \[item 0\]$/);
	});

	it.each([
		['Body', { bodyText: { a: 1 } }, 'Body must be text, not an object'],
		[
			'a button title',
			{ buttons: { button: [{ id: 'a', title: ['A'] }] } },
			'Button 1 title must be text, not a list',
		],
		[
			'a row title',
			{
				messageType: 'list',
				listButtonText: 'See',
				rows: {
					row: [
						{ section: 'S', id: 'a', title: 'A' },
						{ section: 'T', id: 'b', title: { x: 1 } },
					],
				},
			},
			'Row 2 title must be text, not an object',
		],
		[
			'a choice title',
			{
				messageType: 'auto',
				choices: {
					choice: [
						{ id: 'a', title: 7 },
						{ id: 'b', title: { x: 1 } },
					],
				},
			},
			'Choice 2 title must be text, not an object',
		],
		[
			'the header text',
			{ headerType: 'text', headerText: { a: 1 } },
			'Header text must be text, not an object',
		],
		[
			'a row ID in the first section, given after another section',
			{
				messageType: 'list',
				listButtonText: 'See',
				rows: {
					row: [
						{ section: 'S', id: 'a', title: 'A' },
						{ section: 'T', id: 'b', title: 'B' },
						{ section: 'S', id: ['c'], title: 'C' },
					],
				},
			},
			'Row 3 ID must be text, not a list',
		],
		[
			'the list button label',
			{
				messageType: 'list',
				listButtonText: ['See'],
				rows: { row: [{ section: 'S', id: 'a', title: 'A' }] },
			},
			'List button label must be text, not a list',
		],
	])(
		'a field that is not text (%s) is one problem, not also "empty"',
		async (_name, params, problem) => {
			const error = await build({ ...appointment('Move'), ...params }).catch((e) => e);
			expect(error.message).toBe(`${problem} [item 0]`);
		},
	);

	it('JSON mode: a list without "list"', async () => {
		const error = await build({
			defineMessage: 'json',
			messageJson: { type: 'list', body: 'Pick' },
		}).catch((e) => e);
		expect(error.message).toBe(
			'List is missing; a list message needs "list": { "button", "sections" } [item 0]',
		);
	});

	it('JSON mode: an unknown message type', async () => {
		const error = await build({
			defineMessage: 'json',
			messageJson: { type: 'poll', body: 'Pick' },
		}).catch((e) => e);
		expect(error.message).toBe(
			'Type must be "buttons", "list", "text", "ctaUrl", "locationRequest", "flow", "carousel", "product", "productList" or "catalog" [item 0]',
		);
	});

	it('JSON mode: an array instead of an object', async () => {
		const error = await build({ defineMessage: 'json', messageJson: [] }).catch((e) => e);
		expect(error.message).toMatch(
			/^The message must be a JSON object like .*, not a list \[item 0\]$/,
		);
	});

	it('Continue On Fail turns each bad item into an error item, in order', async () => {
		const [out] = await build((i) => appointment(i % 2 ? 'x'.repeat(21) : 'Move'), 4, true);
		expect(out.map((o) => Boolean(o.json.error))).toEqual([false, true, false, true]);
		expect(out[3].json.error).toBe(
			`Button 2 title "${'x'.repeat(21)}" is 21 characters; the limit is 20 [item 3]`,
		);
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});
});
