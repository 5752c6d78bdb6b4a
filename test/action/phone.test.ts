import { parsePhone } from '../../nodes/shared/model/phone';
import { getDialect } from '../../nodes/shared/dialects';
import type { InteractiveMessage } from '../../nodes/shared/model/message';

const message: InteractiveMessage = {
	type: 'buttons',
	body: 'Hi',
	buttons: [{ id: '1', title: 'OK' }],
};

describe('phone numbers', () => {
	it.each([
		['+55 (19) 90000-1111', '5519900001111'],
		['5519900001111', '5519900001111'],
		['+1 555.000.1111', '15550001111'],
		['0055 19 90000 1111', '5519900001111'],
		[5519900001111, '5519900001111'],
		['12345678', '12345678'],
		['123456789012345', '123456789012345'],
	])('accepts %p as %s', (input, digits) => {
		expect(parsePhone(input)).toEqual({ ok: true, digits });
	});

	it.each([
		['1234567', /has 7 digits/],
		['1234567890123456', /has 16 digits/],
		['call me', /not digits/],
		['+55 19 9OOOO-1111', /not digits/],
		['', /is empty/],
		[null, /is null, not a phone number/],
		[{ phone: '1' }, /is an object, not a phone number/],
	])('rejects %p', (input, reason) => {
		const result = parsePhone(input);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(reason);
	});

	it('Messangi: to is + and digits, from is digits only', () => {
		const { request } = getDialect('messangi').encode(message, {
			to: '+55 (19) 90000-1111',
			from: '+1 (555) 000-1111',
			options: {},
		});
		expect((request!.body.request as any).to).toBe('+5519900001111');
		expect((request!.body.request as any).from).toBe('15550001111');
	});

	it('Sinch: destination is digits only', () => {
		const { request } = getDialect('sinchLatam').encode(message, {
			to: '+55 (19) 90000-1111',
			options: {},
		});
		expect((request!.body.destinations as any)[0].destination).toBe('5519900001111');
	});

	it('quotes the value that is not a phone number', () => {
		const { issues } = getDialect('sinchLatam').encode(message, {
			to: 'john@example.com',
			options: {},
		});
		expect(issues).toEqual([
			{
				path: 'to',
				message:
					'Recipient (To) "john@example.com" contains characters that are not digits; write it with the country code, e.g. +55 19 90000-1111',
			},
		]);
	});
});
