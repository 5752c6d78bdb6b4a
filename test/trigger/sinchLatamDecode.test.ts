import {
	decodeSinchLatamCallback,
	SINCH_FAILURES,
} from '../../nodes/shared/dialects/sinchLatam/decode';
import {
	BUSINESS,
	clientInfo,
	SINCH_ERROR_CODES,
	sinchBatch,
	sinchButtonReply,
	sinchDeliveryFailure,
	sinchImage,
	sinchListReply,
	sinchSendFailure,
	sinchStatus,
	sinchText,
	USER,
} from './fixtures';

function only(body: unknown) {
	const decoded = decodeSinchLatamCallback(body);
	expect(decoded.rejected).toBeUndefined();
	expect(decoded.unrecognised).toEqual([]);
	expect(decoded.events).toHaveLength(1);
	return decoded.events[0];
}

describe('Sinch LATAM callbacks: replies and messages', () => {
	it('reads a button reply: payload as id, the title, user as from, business as to', () => {
		const entry = sinchButtonReply('in-1', 'change_appointment');
		expect(only(sinchBatch(entry))).toEqual({
			event: 'buttonReply',
			provider: 'sinchLatam',
			messageId: 'in-1',
			correlationId: 'order-42',
			from: USER,
			to: BUSINESS,
			timestamp: '2021-08-07T14:00:00.000Z',
			contactName: 'Ana Souza',
			reply: { id: 'change_appointment', title: 'Change', description: null },
			raw: entry,
			clientInfo,
		});
	});

	it('reads a list reply: rowIdentifier as id and rowTitle as title', () => {
		const event = only(sinchBatch(sinchListReply('in-2', 'row-7')));
		expect(event.event).toBe('listReply');
		expect(event.reply).toEqual({ id: 'row-7', title: 'August 7, 11:00', description: null });
		expect(event.from).toBe(USER);
		expect(event.to).toBe(BUSINESS);
	});

	it('classifies on message.interactive, not on message.type', () => {
		// The list reply's message.type is TEXT; the button reply's is BUTTON.
		expect(only(sinchBatch(sinchListReply())).event).toBe('listReply');
		const buttonWithoutInteractive = sinchText('in-3');
		(buttonWithoutInteractive.message as { type: string }).type = 'BUTTON';
		expect(only(sinchBatch(buttonWithoutInteractive)).event).toBe('message');
	});

	it('accepts a reply object without the interactive type, and snake-case keys', () => {
		const entry = sinchButtonReply();
		(entry.message as { interactive: unknown }).interactive = {
			button_reply: { payload: 'p1', title: 'Yes' },
		};
		expect(only(sinchBatch(entry)).reply).toEqual({ id: 'p1', title: 'Yes', description: null });
	});

	it('reads plain text and media messages as "message" events with their text', () => {
		const text = only(sinchBatch(sinchText('t-1', 'Hi!')));
		expect(text).toMatchObject({
			event: 'message',
			messageId: 't-1',
			text: 'Hi!',
			from: USER,
			to: BUSINESS,
		});
		expect(text.reply).toBeUndefined();
		expect(only(sinchBatch(sinchImage())).text).toBe('My receipt');
		expect(only(sinchBatch({ ...sinchText(), message: 'Plain string' })).text).toBe('Plain string');
	});

	it('takes the time from receivedDate when receivedAt is missing, Java offsets included', () => {
		const entry = sinchText();
		delete entry.receivedAt;
		entry.receivedDate = '2021-08-07T11:00:00-0300';
		expect(only(sinchBatch(entry)).timestamp).toBe('2021-08-07T14:00:00.000Z');
	});

	it('keeps unknown fields in raw and is not disturbed by them', () => {
		const entry = {
			...sinchButtonReply(),
			brandNewField: { deeply: ['nested', 1, null] },
			total: 'x',
		};
		const event = only(sinchBatch(entry));
		expect(event.event).toBe('buttonReply');
		expect(event.raw).toBe(entry);
	});
});

describe('Sinch LATAM callbacks: statuses', () => {
	it('maps sent code 2 to sent, from the business number to the user', () => {
		const event = only(sinchBatch(sinchStatus('out-1', ['sent'])));
		expect(event).toMatchObject({
			event: 'status',
			messageId: 'out-1',
			correlationId: 'order-42',
			from: BUSINESS,
			to: USER,
			timestamp: '2021-08-07T14:00:01.000Z',
			status: { state: 'sent', providerStatus: 'SENT_SUCCESS', code: 2, error: null },
		});
	});

	it('maps delivered code 4 to delivered, with the delivery time', () => {
		expect(only(sinchBatch(sinchStatus('out-1', ['sent', 'delivered'])))).toMatchObject({
			timestamp: '2021-08-07T14:00:02.000Z',
			status: { state: 'delivered', providerStatus: 'DELIVERED_SUCCESS', code: 4, error: null },
		});
	});

	it('maps the read flag to read: the furthest stage reached wins', () => {
		expect(only(sinchBatch(sinchStatus('out-1', ['sent', 'delivered', 'read'])))).toMatchObject({
			timestamp: '2021-08-07T14:00:03.000Z',
			status: { state: 'read', error: null },
		});
	});

	it('maps code 5 (READ_SUCCESS) to read', () => {
		const entry = sinchStatus('out-1', ['sent'], { readStatusCode: 5, readStatus: 'READ_SUCCESS' });
		expect(only(sinchBatch(entry)).status).toEqual({
			state: 'read',
			providerStatus: 'READ_SUCCESS',
			code: 5,
			error: null,
		});
		const codeOnly = sinchStatus('out-2', [], { readStatusCode: '5' });
		expect(only(sinchBatch(codeOnly)).status).toMatchObject({
			state: 'read',
			providerStatus: 'READ_SUCCESS',
			code: 5,
		});
	});

	it.each(SINCH_ERROR_CODES)(
		'maps delivery failure %i (%s) to failed with a readable reason',
		(code, name) => {
			const event = only(sinchBatch(sinchDeliveryFailure('out-9', code, name)));
			expect(event.status).toEqual({
				state: 'failed',
				providerStatus: name,
				code,
				error: SINCH_FAILURES[code].reason,
			});
			expect(event.status?.error).not.toMatch(/^Sinch reported/);
			expect(event.timestamp).toBe('2021-08-07T14:05:00.000Z');
		},
	);

	it.each(SINCH_ERROR_CODES)('maps send failure %i (%s) to failed', (code, name) => {
		expect(only(sinchBatch(sinchSendFailure('out-8', code, name))).status).toMatchObject({
			state: 'failed',
			providerStatus: name,
			code,
		});
	});

	it('has a reason for every listed error code, and the table names match the Sinch document (docs/providers.md)', () => {
		for (const [code, name] of SINCH_ERROR_CODES) {
			expect(SINCH_FAILURES[code].status).toBe(name);
			expect(SINCH_FAILURES[code].reason.length).toBeGreaterThan(20);
		}
	});

	it('reads a failure given only by name, and unknown error codes as failures that quote the code', () => {
		const byName = sinchStatus('out-3', ['sent'], { deliveredStatus: 'EXPIRED' });
		expect(only(sinchBatch(byName)).status).toEqual({
			state: 'failed',
			providerStatus: 'EXPIRED',
			code: 101,
			error: SINCH_FAILURES[101].reason,
		});
		const unknown = sinchStatus('out-4', ['sent'], {
			deliveredStatusCode: 999,
			deliveredStatus: 'SOMETHING_NEW',
		});
		const status = only(sinchBatch(unknown)).status;
		expect(status).toMatchObject({ state: 'failed', providerStatus: 'SOMETHING_NEW', code: 999 });
		expect(status?.error).toContain('999');
	});

	it('reports failed when any stage failed, even if a later flag says read', () => {
		const entry = sinchDeliveryFailure('out-5', 104, 'NOT_DELIVERED');
		entry.read = true;
		expect(only(sinchBatch(entry)).status?.state).toBe('failed');
	});
});

describe('Sinch LATAM callbacks: batches and bodies', () => {
	it('turns a mixed batch into one event per entry, in order, each with clientInfo', () => {
		const body = sinchBatch(
			sinchStatus('s-1', ['sent', 'delivered']),
			sinchButtonReply('b-1'),
			sinchListReply('l-1'),
			sinchDeliveryFailure('s-2', 210, 'INVALID_SESSION'),
			sinchText('t-1'),
		);
		const decoded = decodeSinchLatamCallback(body);
		expect(decoded.events.map((e) => [e.event, e.messageId])).toEqual([
			['status', 's-1'],
			['buttonReply', 'b-1'],
			['listReply', 'l-1'],
			['status', 's-2'],
			['message', 't-1'],
		]);
		expect(decoded.events.every((e) => e.clientInfo === body.clientInfo)).toBe(true);
		expect(decoded.clientInfo).toEqual(clientInfo);
		expect(decoded.unrecognised).toEqual([]);
	});

	it('keeps entries it cannot read apart, without rejecting the batch', () => {
		const junk = { hello: 'world' };
		const decoded = decodeSinchLatamCallback(sinchBatch(sinchButtonReply(), junk, 42, null));
		expect(decoded.events).toHaveLength(1);
		expect(decoded.unrecognised).toEqual([junk, 42, null]);
		expect(decoded.rejected).toBeUndefined();
	});

	it('accepts an empty batch and a batch of unknown entries (the envelope is a callback)', () => {
		expect(decodeSinchLatamCallback({ total: 0, data: [], clientInfo })).toEqual({
			events: [],
			unrecognised: [],
			clientInfo,
		});
		expect(decodeSinchLatamCallback(sinchBatch({ a: 1 })).rejected).toBeUndefined();
	});

	it('accepts a bare entry or a list of entries as well', () => {
		expect(only(sinchButtonReply()).event).toBe('buttonReply');
		expect(decodeSinchLatamCallback([sinchText(), sinchStatus('s', ['sent'])]).events).toHaveLength(
			2,
		);
	});

	it.each([
		['an empty object', {}],
		['an unrelated object', { foo: 'bar', data: 'not a list' }],
		['a string', 'hello'],
		['a number', 12],
		['null', null],
		['a list of junk', [{ a: 1 }, 'b']],
	])('rejects %s, saying what a Sinch callback looks like', (_label, body) => {
		const decoded = decodeSinchLatamCallback(body);
		expect(decoded.events).toEqual([]);
		expect(decoded.rejected).toMatch(/Expected a Sinch LATAM callback: .*"data"/);
	});
});
