/** Text from outside the node is escaped where n8n's editor shows HTML (error and option descriptions). */
import fc from 'fast-check';
import { escapeHtml, unescapeHtml } from '../../nodes/shared/model/html';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';

describe('escapeHtml', () => {
	it('escapes what could start markup or an entity, and nothing else', () => {
		expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe(
			'&lt;img src=x onerror="alert(1)"&gt;',
		);
		expect(escapeHtml('Tom & Jerry &amp; co')).toBe('Tom &amp; Jerry &amp;amp; co');
		expect(escapeHtml('Plain "text", 🔑 and ção')).toBe('Plain "text", 🔑 and ção');
	});

	it('leaves no tag or entity start in its output, and unescapeHtml reads it back', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (text) => {
				const html = escapeHtml(text);
				expect(html).not.toMatch(/[<>]/);
				expect(html.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
				expect(unescapeHtml(html)).toBe(text);
			}),
			{ seed: 20261206, numRuns: 2000 },
		);
	});
});

describe('error descriptions', () => {
	const markup = '<a href=//evil.example>Click</a>';
	const params = {
		operation: 'buildPayload',
		provider: 'sinchLatam',
		to: markup,
		defineMessage: 'fields',
		messageType: 'buttons',
		bodyText: '',
		buttons: { button: [{ id: 'a', title: 'A' }] },
	};

	it("show a field's markup as text in the editor (escaped), one problem per line", async () => {
		const ctx = executeContext({ params: () => params, items: 1 });
		const error = await new WhatsAppInteractive().execute.call(ctx).catch((e) => e);
		expect(error.message).toBe('The message has 2 problems [item 0]');
		expect(error.description).not.toContain('<a ');
		expect(error.description).toContain('&lt;a href=//evil.example&gt;Click&lt;/a&gt;');
		expect(error.description.split('<br>\n')).toHaveLength(2);
	});

	it('are plain text again in a Continue On Fail item', async () => {
		const ctx = executeContext({ params: () => params, items: 1, continueOnFail: true });
		const [[item]] = await new WhatsAppInteractive().execute.call(ctx);
		const description = (item.json.details as { description: string }).description;
		expect(description).toContain('<a href=//evil.example>Click</a>');
		expect(description).not.toContain('&lt;');
	});
});
