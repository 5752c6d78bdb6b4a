/** How validation errors reach the user: every problem at once, in words, with the item index. */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';

async function build(params: IDataObject | ((i: number) => IDataObject), items = 1, continueOnFail = false) {
	const ctx = executeContext({ params: (i) => ({ operation: 'buildPayload', provider: 'sinchLatam', to: '5519900001111', ...(typeof params === 'function' ? params(i) : params) }), items, continueOnFail });
	return new WhatsAppInteractive().execute.call(ctx);
}

const appointment = (title: string) => ({
	defineMessage: 'fields',
	messageType: 'buttons',
	bodyText: 'Your appointment is tomorrow',
	buttons: { button: [{ id: 'keep', title: 'Keep' }, { id: 'move', title }] },
});

describe('validation errors', () => {
	it('names the field, the limit, the actual length and the item', async () => {
		const error = await build((i) => appointment(i === 3 ? 'Reschedule appointment' : 'Reschedule'), 5).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Button 2 title "Reschedule appointment" is 22 characters; the limit is 20 [item 3]');
		expect(error.context.itemIndex).toBe(3);
		expect(error.description).toContain('(field: buttons[1].title)');
	});

	it('reports every problem of a message at once', async () => {
		const error = await build({
			defineMessage: 'fields',
			messageType: 'list',
			to: 'nobody',
			bodyText: '',
			footerText: 'x'.repeat(61),
			listButtonText: '',
			rows: { row: [{ id: 'a', title: 'One' }, { id: 'a', title: 'y'.repeat(30) }] },
		}).catch((e) => e);
		expect(error.message).toMatch(/^The message has 6 problems \[item 0\]: /);
		for (const part of [
			'Body is empty; it needs 1–1024 characters',
			'Footer "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" is 61 characters; the limit is 60',
			'List button label is empty; it needs 1–20 characters',
			'Row 2 title "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy" is 30 characters; the limit is 24',
			'Row 2 ID "a" is the same as Row 1 ID; each row ID must be unique',
			'Recipient (To) "nobody" contains characters that are not digits',
		]) {
			expect(error.message).toContain(part);
		}
		expect(error.description.split('\n')).toHaveLength(6);
	});

	it('JSON mode: structural problems in words', async () => {
		const error = await build({
			defineMessage: 'json',
			messageJson: { type: 'buttons', body: 7, buttons: [{ id: 'a', tittle: 'Yes' }], colour: 'red' },
		}).catch((e) => e);
		expect(error.message).toContain('Body must be text, not a number');
		expect(error.message).toContain('Unknown field "tittle" in Button 1; remove it or check the spelling');
		expect(error.message).toContain('Button 1 title is missing');
		expect(error.message).toContain('Unknown field "colour"; remove it or check the spelling');
	});

	it('JSON mode: text that is not JSON', async () => {
		const error = await build({ defineMessage: 'json', messageJson: '{ "type": "buttons", ' }).catch((e) => e);
		expect(error.message).toMatch(/^The message is not valid JSON \(.+\); check quotes and commas/);
	});

	it('JSON mode: a list without "list"', async () => {
		const error = await build({ defineMessage: 'json', messageJson: { type: 'list', body: 'Pick' } }).catch((e) => e);
		expect(error.message).toBe('List is missing; a list message needs "list": { "button", "sections" } [item 0]');
	});

	it('JSON mode: an unknown message type', async () => {
		const error = await build({ defineMessage: 'json', messageJson: { type: 'carousel', body: 'Pick' } }).catch((e) => e);
		expect(error.message).toBe('Type must be "buttons" or "list" [item 0]');
	});

	it('JSON mode: an array instead of an object', async () => {
		const error = await build({ defineMessage: 'json', messageJson: [] }).catch((e) => e);
		expect(error.message).toMatch(/^The message must be a JSON object like .*, not a list \[item 0\]$/);
	});

	it('Continue On Fail turns each bad item into an error item, in order', async () => {
		const [out] = await build((i) => appointment(i % 2 ? 'x'.repeat(21) : 'Move'), 4, true);
		expect(out.map((o) => Boolean(o.json.error))).toEqual([false, true, false, true]);
		expect(out[3].json.error).toBe(`Button 2 title "${'x'.repeat(21)}" is 21 characters; the limit is 20 [item 3]`);
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});
});
