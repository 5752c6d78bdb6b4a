/**
 * The independent schemas themselves: the seed documents' examples pass (except Sinch's reply-button
 * example, which docs/providers.md explains is not valid), and each limit of the limits table (docs/limits.md) is enforced, in code points.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { checkRequestBody, messangiExtra, sinchLatamExtra } from './extra';

const seeds = (name: string) => {
	const text = readFileSync(resolve(__dirname, '../fixtures/seeds', name), 'utf8');
	return JSON.parse(text) as Record<string, any>;
};
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('seed examples', () => {
	it('Messangi reply buttons and list examples satisfy the Messangi schema', () => {
		expect(checkRequestBody('messangi', seeds('messangi-buttons.json'))).toEqual([]);
		expect(checkRequestBody('messangi', seeds('messangi-list.json'))).toEqual([]);
	});

	it('Sinch LIST example satisfies the Sinch schema; its every-header REPLY_BUTTON example does not', () => {
		expect(checkRequestBody('sinchLatam', seeds('sinch-list.json'))).toEqual([]);
		expect(
			checkRequestBody('sinchLatam', seeds('sinch-buttons-every-header.json')).length,
		).toBeGreaterThan(0);
	});
});

describe('limits, in code points', () => {
	const sinchButtons = () => {
		const body = seeds('sinch-buttons-every-header.json');
		body.message.interactive.header = { text: 'Sample text' };
		return body;
	};

	it('ajv counts code points: 1024 pizzas (2048 UTF-16 units) are a valid body, 1025 are not', () => {
		const body = seeds('messangi-buttons.json');
		body.request.interactive.body.text = '🍕'.repeat(1024);
		expect(checkRequestBody('messangi', body)).toEqual([]);
		body.request.interactive.body.text = '🍕'.repeat(1025);
		expect(checkRequestBody('messangi', body)).toEqual([
			'/request/interactive/body/text must NOT have more than 1024 characters',
		]);
	});

	it('a combining mark is a code point of its own', () => {
		const body = seeds('messangi-buttons.json');
		body.request.interactive.action.buttons[0].reply.title = 'e\u0301'.repeat(10); // 20 code points
		expect(checkRequestBody('messangi', body)).toEqual([]);
		body.request.interactive.action.buttons[0].reply.title = 'e\u0301'.repeat(10) + 'x';
		expect(checkRequestBody('messangi', body)).toEqual([
			'/request/interactive/action/buttons/0/reply/title must NOT have more than 20 characters',
		]);
	});

	it('blank bodies and Sinch blank footers are invalid; Messangi footers only have a length', () => {
		const m = seeds('messangi-buttons.json');
		m.request.interactive.body.text = ' \u00a0\u3000\n';
		expect(checkRequestBody('messangi', m)).toEqual([
			'/request/interactive/body/text must match pattern "\\S"',
		]);
		const m2 = seeds('messangi-buttons.json');
		m2.request.interactive.footer.text = '   ';
		expect(checkRequestBody('messangi', m2)).toEqual([]);
		const s = sinchButtons();
		s.message.interactive.footer.text = '   ';
		expect(checkRequestBody('sinchLatam', s)).toEqual([
			'/message/interactive/footer/text must match pattern "\\S"',
		]);
	});

	it('duplicate button ids and titles, duplicate row ids and more than 10 rows in total are caught by extra.ts', () => {
		const m = seeds('messangi-buttons.json');
		m.request.interactive.action.buttons[1].reply = clone(
			m.request.interactive.action.buttons[0].reply,
		);
		expect(messangiExtra(m)).toHaveLength(2);
		const l = seeds('messangi-list.json');
		l.request.interactive.action.sections[1].rows[0].id = 'first-option';
		expect(messangiExtra(l)).toEqual(['row id 3 "first-option" is not unique']);
		const s = seeds('sinch-list.json');
		const rows = s.message.interactive.listAction.sections[0].rows;
		s.message.interactive.listAction.sections.push({
			rows: rows.map((r: any) => ({ ...r, identifier: `${r.identifier}-2` })),
		});
		s.message.interactive.listAction.sections.push({
			rows: rows.map((r: any) => ({ ...r, identifier: `${r.identifier}-3` })),
		});
		expect(checkRequestBody('sinchLatam', s)).toEqual([
			'list has 12 rows in total; 1 to 10 allowed',
		]);
	});

	it('Sinch: location ranges, media types per header kind, one header field only, no section titles', () => {
		const b = sinchButtons();
		b.message.interactive.header = { location: { geoPoint: '90.000001,0' } };
		expect(sinchLatamExtra(b)).toHaveLength(1);
		b.message.interactive.header = { image: { type: 'PDF', url: 'https://x.example/a.pdf' } };
		expect(checkRequestBody('sinchLatam', b).length).toBeGreaterThan(0);
		b.message.interactive.header = { document: { type: 'PDF', url: 'https://x.example/a.pdf' } };
		expect(checkRequestBody('sinchLatam', b)).toEqual([]);
		const l = seeds('sinch-list.json');
		l.message.interactive.listAction.sections[0].title = 'Not sent by Sinch';
		expect(checkRequestBody('sinchLatam', l).length).toBeGreaterThan(0);
	});

	it('URLs: http(s) only, a host, no whitespace', () => {
		const m = seeds('messangi-buttons.json');
		const bad = [
			'javascript:alert(1)',
			'ftp://x.example/a.png',
			'file:///etc/passwd',
			'data:image/png;base64,AAAA',
			'/a.png',
			'',
			' https://x.example/a.png',
			'https://x.example/a.png\n',
			'https:///a.png',
			'https://x.example/a b.png',
		];
		for (const link of bad) {
			m.request.interactive.header.image.link = link;
			expect(checkRequestBody('messangi', m).length).toBeGreaterThan(0);
		}
		for (const link of [
			'http://x.example',
			'HTTPS://x.example/a.png?x=1#f',
			'https://例え.jp/画像.png',
		]) {
			m.request.interactive.header.image.link = link;
			expect(checkRequestBody('messangi', m)).toEqual([]);
		}
	});
});
