import {
	decodeMessangiCallback,
	MESSANGI_FAILURES,
} from '../../nodes/shared/dialects/messangi/decode';
import {
	cloudApiEnvelope,
	messangiButtonReply,
	messangiListReply,
	messangiStatus,
} from './fixtures';

function only(body: unknown) {
	const decoded = decodeMessangiCallback(body);
	expect(decoded.rejected).toBeUndefined();
	expect(decoded.unrecognised).toEqual([]);
	expect(decoded.events).toHaveLength(1);
	return decoded.events[0];
}

describe('Messangi callbacks: statuses', () => {
	it('reads a single status object, with the echoed externalId as correlation id', () => {
		const body = messangiStatus('DELIVERED');
		expect(only(body)).toEqual({
			event: 'status',
			provider: 'messangi',
			messageId: 'msg-9f1c',
			correlationId: '123456789abcde',
			from: '1000000001',
			to: '+1000000002',
			timestamp: '2022-01-18T18:40:54.980Z',
			contactName: null,
			status: { state: 'delivered', providerStatus: 'DELIVERED', code: null, error: null },
			raw: body,
		});
	});

	it.each([
		['QUEUE', 'queued'],
		['DEQUEUED', 'queued'],
		['SENT', 'sent'],
		['DELIVERED', 'delivered'],
		['READ', 'read'],
		['delivered', 'delivered'],
		['Read', 'read'],
	])('maps %s to %s', (name, state) => {
		expect(only(messangiStatus(name)).status).toMatchObject({
			state,
			providerStatus: name,
			error: null,
		});
	});

	it.each(['CODE_NOT_ALLOWED', 'INCOMPLETE', 'BLACKLISTED', 'QUOTA_EXCEEDED', 'FAILED'])(
		'maps the failure %s to failed with a readable reason',
		(name) => {
			expect(only(messangiStatus(name)).status).toEqual({
				state: 'failed',
				providerStatus: name,
				code: null,
				error: MESSANGI_FAILURES[name],
			});
		},
	);

	it('maps failure names it does not know when they say so, and adds the provider message and code', () => {
		const status = only(
			messangiStatus('UNDELIVERABLE', {
				error: { code: '470', message: 'Outside the 24 h window' },
			}),
		).status;
		expect(status).toEqual({
			state: 'failed',
			providerStatus: 'UNDELIVERABLE',
			code: 470,
			error: 'Outside the 24 h window',
		});
		const known = only(messangiStatus('BLACKLISTED', { reason: 'Number blocked by admin' })).status;
		expect(known?.error).toBe(
			`${MESSANGI_FAILURES.BLACKLISTED} Messangi says: Number blocked by admin`,
		);
	});

	it('reads a status nested as an object and ids in snake case', () => {
		const body = {
			message_id: 'm-1',
			external_id: 'ext-1',
			status: { name: 'SENT', code: 2 },
			recipient: '+1000000002',
		};
		expect(only(body)).toMatchObject({
			messageId: 'm-1',
			correlationId: 'ext-1',
			to: '+1000000002',
			status: { state: 'sent', providerStatus: 'SENT', code: 2 },
		});
	});

	it('falls back to clientId when there is no externalId', () => {
		const body = messangiStatus('SENT');
		delete body.externalId;
		expect(only(body).correlationId).toBe('client-7');
	});
});

describe('Messangi callbacks: replies and messages', () => {
	it.each(['snake', 'camel'] as const)(
		'finds a %s-case button reply nested in the message',
		(style) => {
			const body = messangiButtonReply(style);
			expect(only(body)).toEqual({
				event: 'buttonReply',
				provider: 'messangi',
				messageId: 'wamid.HBgLMTAwMDAwMDAwMDIVAgASGBQzQTc',
				correlationId: null,
				from: '+1000000002',
				to: '1000000001',
				timestamp: '2022-01-18T18:41:40.000Z',
				contactName: 'Alex',
				reply: { id: '0', title: 'Change', description: null },
				raw: body,
			});
		},
	);

	it.each(['snake', 'camel'] as const)(
		'finds a %s-case list reply with its description',
		(style) => {
			expect(only(messangiListReply(style))).toMatchObject({
				event: 'listReply',
				messageId: 'wamid.list-1',
				contactName: 'Alex',
				timestamp: '2022-01-18T18:41:40.000Z',
				reply: { id: 'r1', title: 'Fruit Bowl', description: 'Seasonal fruit' },
			});
		},
	);

	it('finds a reply at any depth, next to unknown fields', () => {
		const body = {
			from: '+1000000002',
			id: 'deep-1',
			extra: { list: [1, 2, { nothing: true }] },
			payload: {
				event: { content: { wa: { interactive: { ListReply: { id: 'x9', title: 'Deep row' } } } } },
			},
		};
		expect(only(body)).toMatchObject({
			event: 'listReply',
			reply: { id: 'x9', title: 'Deep row' },
		});
	});

	it('reads a template quick-reply button (payload and text)', () => {
		const body = { from: '+1000000002', id: 'q-1', button: { payload: 'yes_please', text: 'Yes' } };
		expect(only(body).reply).toEqual({ id: 'yes_please', title: 'Yes', description: null });
	});

	it('reads plain text messages as "message" events', () => {
		expect(
			only({ from: '+1000000002', to: '1000000001', id: 't-1', type: 'text', text: 'Hello' }),
		).toMatchObject({
			event: 'message',
			text: 'Hello',
			from: '+1000000002',
			to: '1000000001',
		});
		expect(
			only({ from: '+1000000002', id: 'i-1', image: { link: 'https://x/y.jpg', caption: 'Look' } })
				.text,
		).toBe('Look');
	});

	it('does not mistake a bare text for a callback: a message needs a sender or an id', () => {
		expect(decodeMessangiCallback({ text: 'hi' }).rejected).toBeDefined();
	});
});

describe('Messangi callbacks: containers', () => {
	it('accepts a list of callbacks', () => {
		const decoded = decodeMessangiCallback([messangiStatus('SENT'), messangiButtonReply()]);
		expect(decoded.events.map((e) => e.event)).toEqual(['status', 'buttonReply']);
	});

	it('accepts callbacks wrapped in "data", as an object or a list, under a wrapper status', () => {
		expect(only({ data: messangiStatus('READ') }).status?.state).toBe('read');
		const decoded = decodeMessangiCallback({
			status: 'success',
			data: [messangiStatus('SENT'), messangiListReply()],
		});
		expect(decoded.events.map((e) => e.event)).toEqual(['status', 'listReply']);
	});

	it('keeps a status that has its own "data" field whole', () => {
		const body = messangiStatus('DELIVERED', { data: { campaign: 'spring' } });
		expect(only(body).raw).toBe(body);
	});

	it('expands WhatsApp Cloud API envelopes: contact names, business number, errors', () => {
		const decoded = decodeMessangiCallback(cloudApiEnvelope());
		expect(decoded.rejected).toBeUndefined();
		expect(decoded.events).toHaveLength(3);
		const [button, text, status] = decoded.events;
		expect(button).toMatchObject({
			event: 'buttonReply',
			messageId: 'wamid.cloud-button',
			from: '1000000002',
			to: '1000000001',
			contactName: 'Alex',
			timestamp: '2022-01-18T18:41:40.000Z',
			reply: { id: '1', title: 'Cancel' },
		});
		expect(text).toMatchObject({
			event: 'message',
			text: 'Thanks!',
			contactName: 'Alex',
			to: '1000000001',
		});
		expect(status).toMatchObject({
			event: 'status',
			messageId: 'wamid.original',
			from: '1000000001',
			to: '1000000002',
			status: { state: 'failed', providerStatus: 'failed', code: 131047 },
		});
		expect(status.status?.error).toContain('More than 24 hours have passed');
	});

	it('keeps entries it cannot read apart in a list', () => {
		const junk = { hello: 'world' };
		const decoded = decodeMessangiCallback([messangiStatus('SENT'), junk, 'x']);
		expect(decoded.events).toHaveLength(1);
		expect(decoded.unrecognised).toEqual([junk, 'x']);
		expect(decoded.rejected).toBeUndefined();
	});

	it('sends unknown status names to unrecognised rather than guessing a state', () => {
		const decoded = decodeMessangiCallback(messangiStatus('PROCESSING'));
		expect(decoded.events).toEqual([]);
		expect(decoded.rejected).toMatch(/^Expected a Messangi callback/);
	});

	it.each([
		['an empty object', {}],
		['an unrelated object', { foo: 'bar' }],
		['a string', 'DELIVERED'],
		['a number', 3],
		['null', null],
		['a list of junk', [{ a: 1 }, 2]],
	])('rejects %s, saying what a Messangi callback looks like', (_label, body) => {
		const decoded = decodeMessangiCallback(body);
		expect(decoded.events).toEqual([]);
		expect(decoded.rejected).toMatch(/^Expected a Messangi callback: .*"button_reply"/);
	});

	it('accepts an empty list as a callback with nothing in it', () => {
		expect(decodeMessangiCallback([])).toEqual({ events: [], unrecognised: [] });
	});

	it('stays bounded on deeply nested bodies', () => {
		let deep: unknown = { button_reply: { id: 'too-deep', title: 'x' } };
		for (let i = 0; i < 50; i++) deep = { level: deep };
		const started = Date.now();
		const decoded = decodeMessangiCallback({ from: '+1', id: 'd', nested: deep });
		expect(decoded.events).toEqual([]);
		expect(Date.now() - started).toBeLessThan(1000);
	});
});
