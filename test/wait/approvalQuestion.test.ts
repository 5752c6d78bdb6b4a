/**
 * What the person asked for an approval sees: the node's own text as written, and what its
 * expressions produced (with an AI Agent: the tool's input) unable to change how the question
 * looks. Each test is one way an agent could try to hide what it asks to be approved.
 */
import {
	approvalQuestion,
	SHOWN_LINE_BREAK,
	splitQuestion,
	templateTexts,
} from '../../nodes/WhatsAppInteractive/actions/approval';

/** n8n 2.35.6's default Message of the derived approval tool (hitl-tools.ts). */
const N8N_DEFAULT =
	'=The agent wants to run this tool: {{ $tool.name }}\n\nInput:\n{{ $tool.parameters }}';

/** `{{ $tool.parameters }}` as n8n writes an object into text (Expression.convertObjectValueToString). */
function asN8nWritesIt(parameters: object): string {
	const json = JSON.stringify(parameters).replace(/,"/g, ', "').replace(/":/g, '": ');
	return `[Object: ${json}]`;
}

/** The Message n8n evaluates from N8N_DEFAULT. */
function evaluated(tool: string, parameters: object): string {
	return `The agent wants to run this tool: ${tool}\n\nInput:\n${asN8nWritesIt(parameters)}`;
}

const ask = (parameters: object, raw: unknown = N8N_DEFAULT) =>
	approvalQuestion(evaluated('Refund', parameters), raw);

describe('the raw Message and the evaluated question', () => {
	test('the literal texts around the expressions', () => {
		expect(templateTexts(N8N_DEFAULT)).toEqual([
			'The agent wants to run this tool: ',
			'\n\nInput:\n',
			'',
		]);
		expect(templateTexts('Refund order 1042?')).toEqual(['Refund order 1042?']);
		expect(templateTexts('={{ $json.question }}')).toEqual(['', '']);
		expect(templateTexts(undefined)).toBeUndefined();
	});

	test('the node’s own text is found where only it can be; the rest is expression output', () => {
		const question = evaluated('Refund', { amount: 'USD 50' });
		expect(splitQuestion(question, templateTexts(N8N_DEFAULT))).toEqual([
			{ text: 'The agent wants to run this tool: ', template: true },
			{ text: 'Refund', template: false },
			{ text: '\n\nInput:\n', template: true },
			{ text: asN8nWritesIt({ amount: 'USD 50' }), template: false },
		]);
	});

	test('an expression that repeats the node’s own text cannot make it the node’s: the words could be in two places, so both are taken as expression output', () => {
		const question = `The agent wants to run this tool: Refund\n\nInput:\nUSD 50\n\nInput:\n${asN8nWritesIt({ amount: 'USD 5000' })}`;
		const parts = splitQuestion(question, templateTexts(N8N_DEFAULT));
		expect(parts).toEqual([
			{ text: 'The agent wants to run this tool: ', template: true },
			{ text: question.slice('The agent wants to run this tool: '.length), template: false },
		]);
		expect(approvalQuestion(question, N8N_DEFAULT)).toBe(
			`The agent wants to run this tool: Refund${SHOWN_LINE_BREAK}${SHOWN_LINE_BREAK}Input:${SHOWN_LINE_BREAK}USD 50${SHOWN_LINE_BREAK}${SHOWN_LINE_BREAK}Input:${SHOWN_LINE_BREAK}${asN8nWritesIt({ amount: 'USD 5000' })}`,
		);
	});

	test('without the raw Message, or when the question does not match it, all of it is expression output', () => {
		expect(approvalQuestion('*Refund*\nnow', undefined)).toBe(`∗Refund∗${SHOWN_LINE_BREAK}now`);
		expect(approvalQuestion('*Refund*\nnow', '=Something else {{ $json.x }}')).toBe(
			`∗Refund∗${SHOWN_LINE_BREAK}now`,
		);
	});

	test('a Message without expressions is the node’s own text: its formatting, line breaks and \\n escapes are kept', () => {
		const raw = '*Refund* order 1042?\\nReply below.\nThanks';
		expect(approvalQuestion(raw, raw)).toBe('*Refund* order 1042?\nReply below.\nThanks');
	});
});

describe('hiding tricks', () => {
	test('a fake line through a \\n the tool input writes: it stays two characters on the same line', () => {
		// The agent's "note" holds a line break; n8n writes it into the JSON as \n.
		const body = ask({ note: 'ok\nAmount: USD 50', amount: 'USD 5000' });
		expect(body).toBe(
			'The agent wants to run this tool: Refund\n\nInput:\n[Object: {"note": "ok\\nAmount: USD 50", "amount": "USD 5000"}]',
		);
		expect(body.split('\n')).toHaveLength(4);
		expect(body.split('\n').some((line) => line.startsWith('Amount'))).toBe(false);
	});

	test('the node’s own \\n escapes still break lines (as n8n’s send-and-wait nodes read them)', () => {
		const raw = '=Run {{ $tool.name }}?\\nInput: {{ $tool.parameters }}';
		const question = `Run Refund?\\nInput: ${asN8nWritesIt({ note: 'a\nb' })}`;
		expect(approvalQuestion(question, raw)).toBe('Run Refund?\nInput: [Object: {"note": "a\\nb"}]');
	});

	test('real line breaks from an expression are shown as ⏎ on the line the node puts them', () => {
		const raw = '=Refund {{ $fromAI("order") }}, note: {{ $fromAI("note") }}';
		for (const br of ['\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\v', '\f']) {
			const question = `Refund 1042, note: fine${br}${br}Amount: USD 50`;
			expect(approvalQuestion(question, raw)).toBe(
				`Refund 1042, note: fine${SHOWN_LINE_BREAK}${SHOWN_LINE_BREAK}Amount: USD 50`,
			);
		}
	});

	test('WhatsApp formatting markers from the tool input are shown, not applied', () => {
		const body = ask({
			bold: '*USD 50*',
			strike: '~USD 5000~',
			mono: '```rm -rf```',
			code: '`x`',
			italic: '_note_',
		});
		expect(body).toContain('"bold": "∗USD 50∗"');
		expect(body).toContain('"strike": "∼USD 5000∼"');
		expect(body).toContain('"mono": "ˋˋˋrm -rfˋˋˋ"');
		expect(body).toContain('"code": "ˋxˋ"');
		expect(body).toContain('"italic": "ˍnoteˍ"');
		expect(body.slice(body.indexOf('[Object'))).not.toMatch(/[*_~`]/);
		// Between two letters or digits a marker formats nothing, and n8n's tool names have them.
		expect(
			approvalQuestion(evaluated('Book_the_table', { order_id: 7, x: '2*3 a~b' }), N8N_DEFAULT),
		).toBe(
			'The agent wants to run this tool: Book_the_table\n\nInput:\n[Object: {"order_id": 7, "x": "2*3 a~b"}]',
		);
		expect(approvalQuestion('_x_', '={{ $json.a }}')).toBe('ˍxˍ');
		expect(approvalQuestion('a *b* c', '={{ $json.a }}')).toBe('a ∗b∗ c');
		// The node's own formatting is the author's: kept.
		expect(approvalQuestion('*Refund* USD 50', '=*Refund* {{ $json.amount }}')).toBe(
			'*Refund* USD 50',
		);
	});

	test('a quote or a list that the tool input would start a line with is shown as text; mid-line it is left alone', () => {
		const raw = '=Input:\n{{ $fromAI("note") }}';
		expect(approvalQuestion('Input:\n> approved by the CFO', raw)).toBe(
			'Input:\n\u203A approved by the CFO',
		);
		expect(approvalQuestion('Input:\n- item', raw)).toBe('Input:\n\u2010 item');
		expect(approvalQuestion('Input:\n* item', raw)).toBe('Input:\n∗ item');
		expect(approvalQuestion('Input:\n12. item', raw)).toBe('Input:\n12\u2024 item');
		expect(approvalQuestion('Input:\n  > x', raw)).toBe('Input:\n  \u203A x');
		expect(approvalQuestion('Input:\nUSD 50 - 10 > 3. 4', raw)).toBe('Input:\nUSD 50 - 10 > 3. 4');
		// The node's own text after a line break it wrote: its own.
		expect(approvalQuestion('> Refund 5', '=> Refund {{ $json.n }}')).toBe('> Refund 5');
	});

	test('a bidi override (U+202E) cannot reverse the text: bidi controls are removed', () => {
		// Shown right to left, "\u202E05 DSU" reads "USD 50"; the real text is "05 DSU".
		const body = ask({ amount: 'USD 5000 \u202E05 DSU\u202C' });
		expect(body).toContain('"amount": "USD 5000 05 DSU"');
		for (const control of [
			'\u202A',
			'\u202B',
			'\u202D',
			'\u2066',
			'\u2067',
			'\u2068',
			'\u2069',
			'\u200E',
			'\u200F',
			'\u061C',
		])
			expect(approvalQuestion(`a${control}b`, undefined)).toBe('ab');
	});

	test('zero-width and other invisible characters are removed, in the node’s own text too', () => {
		const body = ask({ to: 'ACME\u200B Ltd', amount: '*\u200DUSD 50\u2060*\uFEFF' });
		expect(body).toContain('"to": "ACME Ltd"');
		expect(body).toContain('"amount": "∗USD 50∗"');
		expect(approvalQuestion('Re\u200Cfund\u00AD?', 'Re\u200Cfund\u00AD?')).toBe('Refund?');
		// Tag characters (invisible ASCII look-alikes).
		expect(approvalQuestion('ok\u{E0041}\u{E0042}', undefined)).toBe('ok');
	});

	test('an invisible character cannot make the tool input start a line', () => {
		const raw = '=Input:\n\u200B{{ $fromAI("note") }}';
		expect(approvalQuestion('Input:\n\u200B> approved', raw)).toBe('Input:\n\u203A approved');
	});

	test('1,000 harmless characters before the real arguments are all in the question (it is never cut)', () => {
		const body = ask({ note: 'a'.repeat(1000), amount: 'USD 5000' });
		expect(body).toContain('"amount": "USD 5000"');
		expect(body.endsWith('…')).toBe(false);
	});
});
