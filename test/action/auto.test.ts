/**
 * Message Type Auto: choices entered once go as reply buttons (up to three) or as a list (four to
 * ten), for both providers, in Build Payload, Send's checks and Send and Wait; problems name the
 * choices, not the buttons or rows the node made of them.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';

const ENVELOPE = {
	messangi: { provider: 'messangi', to: '+5519900001111', from: '15550001111' },
	sinchLatam: { provider: 'sinchLatam', to: '+5519900001111' },
} as const;

const choices = (n: number, extra: (k: number) => IDataObject = () => ({})) => ({
	choice: Array.from({ length: n }, (_, k) => ({
		id: `c${k + 1}`,
		title: `Choice ${k + 1}`,
		description: `Line ${k + 1}`,
		...extra(k),
	})),
});

function auto(n: number, more: IDataObject = {}, extra?: (k: number) => IDataObject) {
	return {
		operation: 'buildPayload',
		defineMessage: 'fields',
		messageType: 'auto',
		bodyText: 'Pick one',
		choices: choices(n, extra),
		listButtonText: 'See options',
		...more,
	};
}

async function build(provider: keyof typeof ENVELOPE, params: IDataObject) {
	const ctx = executeContext({ params: { ...ENVELOPE[provider], ...params } });
	const [[item]] = await new WhatsAppInteractive().execute.call(ctx);
	return item.json.body as any;
}

async function problems(provider: keyof typeof ENVELOPE, params: IDataObject): Promise<string[]> {
	const error = await build(provider, params).then(
		() => undefined,
		(e) => e,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(error.context.itemIndex).toBe(0);
	if (!error.description) return [error.message.replace(/ \[item 0\]$/, '')];
	return String(error.description)
		.split('<br>\n')
		.map((line) => line.replace(/^• /, ''));
}

describe('Message Type Auto', () => {
	it.each([1, 2, 3])('Sinch: %i choices go as reply buttons, without descriptions', async (n) => {
		const body = await build('sinchLatam', auto(n));
		const action = body.message.interactive.replyButtonAction;
		expect(action.buttons.map((b: any) => b.reply)).toEqual(
			Array.from({ length: n }, (_, k) => ({ payload: `c${k + 1}`, title: `Choice ${k + 1}` })),
		);
		expect(JSON.stringify(body)).not.toContain('Line 1');
	});

	it('Messangi: 3 choices go as reply buttons', async () => {
		const body = await build('messangi', auto(3));
		expect(JSON.stringify(body)).not.toContain('"list"');
		expect(JSON.stringify(body)).toContain('"c3"');
		expect(JSON.stringify(body)).not.toContain('Line 1');
	});

	it.each([4, 10])(
		'Sinch: %i choices go as a list of one section, descriptions included',
		async (n) => {
			const body = await build('sinchLatam', auto(n));
			const list = body.message.interactive.listAction;
			expect(list).toBeDefined();
			const rows = list.sections.flatMap((s: any) => s.rows);
			expect(rows).toHaveLength(n);
			expect(rows[n - 1]).toMatchObject({
				identifier: `c${n}`,
				title: `Choice ${n}`,
				description: `Line ${n}`,
			});
		},
	);

	it('Messangi: 4 choices go as a list whose one section is titled with the List Button Label', async () => {
		const body = await build('messangi', auto(4));
		const text = JSON.stringify(body);
		expect(text).toContain('"See options"');
		const sections = findKey(body, 'sections') as any[];
		expect(sections).toHaveLength(1);
		expect(sections[0].title).toBe('See options');
		expect(sections[0].rows.map((r: any) => r.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
	});

	it.each(['messangi', 'sinchLatam'] as const)(
		'%s: no choices, or eleven, is one problem about the choices',
		async (provider) => {
			expect(await problems(provider, auto(0))).toEqual([
				'Choices: none given; add 1 to 10 (up to 3 go as reply buttons, more as a list)',
			]);
			expect(await problems(provider, auto(11))).toEqual([
				"Choices: 11 given; the limit is 10 (a list's rows), remove 1",
			]);
		},
	);

	it.each(['messangi', 'sinchLatam'] as const)(
		'%s: a title too long for a button names the choice and says why its limit applies',
		async (provider) => {
			const long = 'Reschedule appointment';
			expect(
				await problems(
					provider,
					auto(3, {}, (k) => (k === 1 ? { title: long } : {})),
				),
			).toEqual([
				`Choice 2 title "${long}" is 22 characters; the limit is 20 (up to 3 choices go as reply buttons)`,
			]);
			// The same title fits a list row (24).
			await expect(
				build(
					provider,
					auto(4, {}, (k) => (k === 1 ? { title: long } : {})),
				),
			).resolves.toBeDefined();
		},
	);

	it.each(['messangi', 'sinchLatam'] as const)(
		'%s: a list without its label is one problem, not a second one about the section title',
		async (provider) => {
			expect(await problems(provider, auto(4, { listButtonText: '' }))).toEqual([
				'List button label is empty; it needs 1–20 characters (more than 3 choices go as a list, which opens from this button)',
			]);
			// Buttons do not need it.
			await expect(build(provider, auto(3, { listButtonText: '' }))).resolves.toBeDefined();
		},
	);

	it.each([
		[3, 'buttons'],
		[5, 'list'],
	])('duplicate ids among %i choices (as %s) are named as choices', async (n) => {
		const list = await problems(
			'sinchLatam',
			auto(n, {}, (k) => (k === 2 ? { id: 'c1' } : {})),
		);
		expect(list).toEqual([
			'Choice 3 ID "c1" is the same as Choice 1 ID; each choice ID must be unique',
		]);
	});

	it('an empty choice is named with its position, and other problems stay as they are', async () => {
		const list = await problems(
			'sinchLatam',
			auto(5, { bodyText: '' }, (k) => (k === 3 ? { title: '' } : {})),
		);
		expect(list).toEqual(
			expect.arrayContaining([
				'Body is empty; it needs 1–1024 characters',
				expect.stringMatching(/^Choice 4 title is empty/),
			]),
		);
		expect(list).toHaveLength(2);
	});

	it('a value that reads like a label is left alone', async () => {
		const list = await problems(
			'sinchLatam',
			auto(2, {}, (k) => (k === 1 ? { title: 'Button 1 is the one to tap' } : {})),
		);
		expect(list).toEqual([
			'Choice 2 title "Button 1 is the one to tap" is 26 characters; the limit is 20 (up to 3 choices go as reply buttons)',
		]);
	});

	it('an unknown Message Type is reported with those it can be', async () => {
		expect(await problems('sinchLatam', auto(2, { messageType: 'poll' }))).toContain(
			'Message Type must be Auto, Reply Buttons, List, Text, CTA URL Button, Location Request, WhatsApp Flow, Carousel, Product, Product List or Catalog, not "poll"',
		);
	});
});

function findKey(value: unknown, key: string): unknown {
	if (value === null || typeof value !== 'object') return undefined;
	if (key in (value as IDataObject)) return (value as IDataObject)[key];
	for (const entry of Object.values(value as IDataObject)) {
		const found = findKey(entry, key);
		if (found !== undefined) return found;
	}
	return undefined;
}
