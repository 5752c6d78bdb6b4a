/**
 * The smallest cases of what the property runs (messagesProperty.ts) found, one test each, so
 * that each bug reads on its own. Each test states the behaviour the limits table (docs/limits.md) asks for.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';

async function build(params: IDataObject): Promise<{ body?: IDataObject; error?: Error }> {
	const ctx = executeContext({
		params: { operation: 'buildPayload', to: '+5519900001111', from: '15550001111', ...params },
	});
	try {
		const [[item]] = await new WhatsAppInteractive().execute.call(ctx);
		return { body: item.json.body as IDataObject };
	} catch (error) {
		return { error: error as Error };
	}
}

const fields = (extra: IDataObject): IDataObject => ({
	provider: 'messangi',
	defineMessage: 'fields',
	messageType: 'buttons',
	bodyText: 'Will you come?',
	buttons: { button: [{ id: 'yes', title: 'Yes' }] },
	...extra,
});

/** What the user reads: the message, and the description that lists every problem when there are several. */
function shown(error: Error | undefined): string {
	return `${error?.message ?? ''}\n${(error as NodeOperationError | undefined)?.description ?? ''}`;
}

function expectRejected(result: { body?: IDataObject; error?: Error }, field: RegExp) {
	expect(result.body).toBeUndefined();
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(shown(result.error)).toMatch(field);
}

describe('fields mode: a value that is not text (an expression returning an object or a list)', () => {
	it('an object as the body is rejected naming Body, not sent as "[object Object]"', async () => {
		expectRejected(await build(fields({ bodyText: { text: 'Hi' } })), /\bBody\b/);
	});

	it('a list as a button ID is rejected naming Button 1 ID, not sent as "a,b"', async () => {
		expectRejected(
			await build(fields({ buttons: { button: [{ id: ['a', 'b'], title: 'Yes' }] } })),
			/Button 1 ID/,
		);
	});

	it('an object without a prototype as a button title is rejected naming Button 1 title (not "Cannot convert object to primitive value")', async () => {
		expectRejected(
			await build(fields({ buttons: { button: [{ id: 'a', title: Object.create(null) }] } })),
			/Button 1 title/,
		);
	});

	it('one such value does not hide the other problems of the message', async () => {
		const { error } = await build(fields({ footerText: Object.create(null), bodyText: '' }));
		expect(shown(error)).toMatch(/\bBody\b/);
		expect(shown(error)).toMatch(/\bFooter\b/);
	});

	it('numbers stay welcome: an ID of 5 is sent as "5"', async () => {
		const { body } = await build(fields({ buttons: { button: [{ id: 5, title: 'Yes' }] } }));
		expect((body as any).request.interactive.action.buttons[0].reply.id).toBe('5');
	});
});

describe('fields mode: rows are named as the editor numbers them', () => {
	it('with interleaved sections, the 2nd row of the Rows list is "Row 2"', async () => {
		const rows = [
			{ section: 'Lunch', id: 'l1', title: 'Salad' },
			{ section: 'Drinks', id: 'd1', title: '' },
			{ section: 'Lunch', id: 'l2', title: 'Soup' },
		];
		const { error } = await build(
			fields({ messageType: 'list', listButtonText: 'Menu', rows: { row: rows } }),
		);
		expect(shown(error)).toMatch(/\bRow 2 title\b/);
	});
});

describe('JSON mode: every problem at once', () => {
	it('"buttons" missing is reported next to another field of the wrong type', async () => {
		const { error } = await build({
			provider: 'sinchLatam',
			defineMessage: 'json',
			messageJson: { type: 'buttons', body: 5 },
		});
		expect(shown(error)).toMatch(/\bBody\b/);
		expect(shown(error)).toMatch(/\bbuttons\b/i);
	});
});

describe('error messages stay readable, whatever the input', () => {
	it('400 rows built by an expression, every title too long: the message stays short and names the problem', async () => {
		const rows = Array.from({ length: 400 }, (_, i) => ({
			id: `row-${i}`,
			title: `Item number ${i} with a long title`,
		}));
		const { error } = await build({
			provider: 'sinchLatam',
			defineMessage: 'json',
			messageJson: {
				type: 'list',
				body: 'Pick one',
				list: { button: 'Open', sections: [{ rows }] },
			},
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(shown(error)).toMatch(/rows/i);
		expect(error!.message.length).toBeLessThan(5_000);
	});

	it('Rows given as text instead of a list (hand-edited workflow JSON): rejected naming Rows, not one "row" per character', async () => {
		const started = Date.now();
		const { error } = await build(
			fields({ messageType: 'list', listButtonText: 'Menu', rows: { row: 'x'.repeat(50_000) } }),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(shown(error)).toMatch(/rows/i);
		expect(error!.message.length).toBeLessThan(5_000);
		expect(Date.now() - started).toBeLessThan(1_000);
	});
});

describe('parameters of an unexpected shape (hand-edited or imported workflow JSON)', () => {
	it('a Message Type that is neither buttons nor list is rejected naming Message Type (not "Cannot read properties of undefined")', async () => {
		expectRejected(
			await build(fields({ messageType: 'poll', headerType: 'text', headerText: 'Hi' })),
			/message type/i,
		);
	});

	it('a Message Type that is neither buttons nor list is not sent as a list', async () => {
		expectRejected(
			await build(
				fields({
					messageType: 'poll',
					listButtonText: 'Open',
					rows: { row: [{ section: 'S', id: 'a', title: 'A' }] },
				}),
			),
			/message type/i,
		);
	});

	it('an unknown Header Type is rejected naming Header Type, not sent without a header', async () => {
		expectRejected(
			await build(fields({ headerType: 'gif', headerMediaUrl: 'https://example.com/a.gif' })),
			/header type/i,
		);
	});

	it('Buttons not a list: rejected naming Buttons, not "param(...).map is not a function"', async () => {
		expectRejected(
			await build(fields({ buttons: { button: { id: 'a', title: 'A' } } })),
			/\bbuttons\b/i,
		);
	});

	it('Options null: built as if no options were set, or rejected naming Options', async () => {
		const { body, error } = await build(fields({ options: null }));
		if (error) expect(error.message).toMatch(/options/i);
		else expect(body).toBeDefined();
	});
});
