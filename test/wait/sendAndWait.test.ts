/**
 * The Send and Wait for Response operation against the mock provider, with a stand-in for n8n's
 * execute context plus the few functions waiting needs (signed resume URLs, the execution-stack
 * entry, putExecutionToWait). The real n8n runs it in test/e2e/sendAndWait.e2e.test.ts.
 */
import { createHmac } from 'crypto';
import {
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteData,
	type IExecuteFunctions,
} from 'n8n-workflow';
import { sendAndWait } from '../../nodes/WhatsAppInteractive/actions/sendAndWait';
import { getDialect } from '../../nodes/shared/dialects';
import { decodeReference, resumePath } from '../../nodes/shared/wait/reference';
import { startMockProvider, type MockProvider } from '../mock-provider';
import { executeContext } from '../helpers/executeContext';

const SECRET = 'hmac';
let mock: MockProvider;
beforeAll(async () => {
	mock = await startMockProvider({ port: 0 });
});
afterAll(async () => mock.close());
beforeEach(() => mock.reset());

function waitingContext(
	params: IDataObject,
	items = 1,
	continueOnFail = false,
	withCredentials = true,
) {
	const ctx = executeContext({
		params,
		items,
		continueOnFail,
		credentials: withCredentials
			? {
					messangiApi: { apiKey: 'test-messangi-key', baseUrl: `${mock.url}/messangi` },
					sinchLatamApi: {
						userName: 'test-user',
						authenticationToken: 'test-token',
						baseUrl: `${mock.url}/sinch`,
					},
					whatsAppCloudApi: {
						accessToken: 'test-cloud-token',
						apiVersion: 'v24.0',
						baseUrl: `${mock.url}/cloud`,
					},
				}
			: undefined,
	});
	const entry: IExecuteData = {
		node: { ...ctx.getNode(), id: '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95' },
		data: { main: [ctx.getInputData()] },
		source: null,
	};
	const waits: Date[] = [];
	Object.assign(ctx, {
		getNode: () => entry.node,
		getExecutionId: () => '42',
		getExecuteData: () => entry,
		putExecutionToWait: async (date: Date) => void waits.push(date),
		// As n8n 2.35 signs: HMAC-SHA256 over path and query.
		getSignedResumeUrl: (query: Record<string, string>) => {
			const url = new URL(`http://127.0.0.1:5678/webhook-waiting/42/${entry.node.id}`);
			for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
			url.searchParams.set(
				'signature',
				createHmac('sha256', SECRET)
					.update(url.pathname + url.search)
					.digest('hex'),
			);
			return url.toString();
		},
	});
	return { ctx: ctx as IExecuteFunctions & { calls: typeof ctx.calls }, entry, waits };
}

const BASE = {
	provider: 'sinchLatam',
	operation: 'sendAndWait',
	to: '+55 19 90000-1111',
	defineMessage: 'fields',
	messageType: 'buttons',
	bodyText: 'Will you come on Friday?',
	buttons: {
		button: [
			{ id: 'yes', title: 'Yes' },
			{ id: 'no', title: 'No' },
		],
	},
	limitType: 'afterTimeInterval',
	resumeAmount: 2,
	resumeUnit: 'hours',
	options: {},
};

test('sends references in place of the ids, waits until the limit, and leaves the timed-out item as its input', async () => {
	const { ctx, entry, waits } = waitingContext(BASE);
	const before = Date.now();
	const [[item]] = await sendAndWait(ctx, getDialect('sinchLatam'));

	expect(ctx.calls).toHaveLength(1);
	const payloads = (ctx.calls[0].body as any).message.interactive.replyButtonAction.buttons.map(
		(b: any) => b.reply.payload,
	);
	expect(payloads).toHaveLength(2);
	payloads.forEach((payload: string, k: number) => {
		const ref = decodeReference(payload)!;
		expect(ref).toMatchObject({ executionId: '42', nodeId: entry.node.id, choice: k });
		const [unsigned, signature] = resumePath(ref).split('&signature=');
		expect(createHmac('sha256', SECRET).update(`/webhook-waiting${unsigned}`).digest('hex')).toBe(
			signature,
		);
	});
	expect(waits).toHaveLength(1);
	expect(waits[0].getTime()).toBeGreaterThanOrEqual(before + 7_200_000);
	expect(waits[0].getTime()).toBeLessThanOrEqual(Date.now() + 7_200_000);

	expect(item.pairedItem).toEqual({ item: 0 });
	expect(item.json).toMatchObject({
		answered: false,
		timedOut: true,
		choice: null,
		provider: 'sinchLatam',
		waitUntil: waits[0].toISOString(),
		question: {
			messageType: 'buttons',
			body: 'Will you come on Friday?',
			choices: [
				{ id: 'yes', title: 'Yes' },
				{ id: 'no', title: 'No' },
			],
		},
	});
	// The execution-stack entry n8n passes on at a timeout now holds the timed-out item.
	expect(entry.data.main).toEqual([[item]]);
	// Without a Response Type (workflows saved before it existed): no approval answer.
	expect(item.json).not.toHaveProperty('data');
	expect(item.json.question).not.toHaveProperty('responseType');
});

test('Message Type Auto: five choices go as a list whose row ids are references, and the question keeps the choices as entered', async () => {
	const choice = Array.from({ length: 5 }, (_, k) => ({
		id: `slot-${k}`,
		title: `${9 + k}:00`,
		description: k === 0 ? 'Earliest' : '',
	}));
	const { ctx, entry } = waitingContext({
		...BASE,
		messageType: 'auto',
		choices: { choice },
		listButtonText: 'Pick a time',
	});
	const [[item]] = await sendAndWait(ctx, getDialect('sinchLatam'));
	const list = (ctx.calls[0].body as any).message.interactive.listAction;
	const rows = list.sections.flatMap((s: any) => s.rows);
	expect(list.button).toBe('Pick a time');
	expect(rows.map((r: any) => decodeReference(r.identifier))).toEqual(
		choice.map((_, k) =>
			expect.objectContaining({ executionId: '42', nodeId: entry.node.id, choice: k }),
		),
	);
	expect(item.json.question).toMatchObject({
		messageType: 'list',
		choices: [
			{ id: 'slot-0', title: '9:00', description: 'Earliest' },
			...choice.slice(1).map(({ id, title }) => ({ id, title })),
		],
	});
});

test('Message Type Auto: two choices go as reply buttons', async () => {
	const choice = [
		{ id: 'yes', title: 'Yes' },
		{ id: 'no', title: 'No' },
	];
	const { ctx } = waitingContext({ ...BASE, messageType: 'auto', choices: { choice } });
	const [[item]] = await sendAndWait(ctx, getDialect('sinchLatam'));
	expect((ctx.calls[0].body as any).message.interactive.replyButtonAction.buttons).toHaveLength(2);
	expect(item.json.question).toMatchObject({ messageType: 'buttons', choices: choice });
});

test('None waits as long as n8n can', async () => {
	const { ctx, waits } = waitingContext({ ...BASE, limitType: 'none' });
	const [[item]] = await sendAndWait(ctx, getDialect('sinchLatam'));
	expect(waits).toEqual([WAIT_INDEFINITELY]);
	expect(item.json.waitUntil).toBeNull();
});

test.each([
	['more than one item', BASE, 2, /asks one question at a time, but received 2 items/],
	[
		'a bad time limit',
		{ ...BASE, resumeAmount: 0 },
		1,
		/Limit Wait Time amount must be a number above 0.*\[item 0\]/,
	],
	[
		'a unit that is a property of every object',
		{ ...BASE, resumeUnit: 'constructor' },
		1,
		/unit must be Seconds, Minutes, Hours or Days, not "constructor" \[item 0\]/,
	],
	['the unit __proto__', { ...BASE, resumeUnit: '__proto__' }, 1, /not "__proto__"/],
	[
		'a limit past the year 3000',
		{ ...BASE, resumeAmount: 1e9, resumeUnit: 'days' },
		1,
		/ends after the year 3000.*\[item 0\]/,
	],
	[
		'an infinite amount',
		{ ...BASE, resumeAmount: Infinity },
		1,
		/amount must be a number above 0, not "Infinity"/,
	],
	[
		'a date in the year 3000 (an approval, whose limit is checked before its question)',
		{
			provider: 'sinchLatam',
			operation: 'sendAndWait',
			responseType: 'approval',
			to: BASE.to,
			message: 'Refund order 1042?',
			limitType: 'atSpecifiedTime',
			maxDateAndTime: '3000-06-01T00:00:00Z',
		},
		1,
		/on or after the year 3000/,
	],
	[
		"a message problem, named with the user's id",
		{
			...BASE,
			buttons: {
				button: [
					{ id: 'yes', title: 'Yes' },
					{ id: 'yes', title: 'Sure' },
				],
			},
		},
		1,
		/yes/,
	],
	['a bad recipient', { ...BASE, to: 'call me' }, 1, /Recipient|To/],
])('%s: a clear error, nothing sent, nothing waits', async (_name, params, items, message) => {
	const { ctx, waits, entry } = waitingContext(params as IDataObject, items);
	const input = entry.data.main;
	await expect(sendAndWait(ctx, getDialect('sinchLatam'))).rejects.toThrow(message);
	expect(ctx.calls).toHaveLength(0);
	expect(waits).toHaveLength(0);
	expect(entry.data.main).toBe(input);
});

test('with Continue On Fail, an error item per input item and no wait', async () => {
	const { ctx, waits } = waitingContext(BASE, 2, true);
	const [items] = await sendAndWait(ctx, getDialect('sinchLatam'));
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(items[0].json.error).toMatch(/one question at a time/);
	expect(waits).toHaveLength(0);
});

test('a provider refusal is a provider error, and nothing waits', async () => {
	mock.enqueueFor('sinchLatam', {
		status: 400,
		body: { errorCode: 'INVALID_REQUEST', errorMessage: 'bad destination' },
	});
	const { ctx, waits } = waitingContext(BASE);
	await expect(sendAndWait(ctx, getDialect('sinchLatam'))).rejects.toThrow(
		/Sinch LATAM answered HTTP 400/,
	);
	expect(waits).toHaveLength(0);
});

test("WhatsApp Cloud API: the button ids are references, the receipt's wamid is kept, and the recipient is the To", async () => {
	const { ctx, entry, waits } = waitingContext({
		...BASE,
		provider: 'whatsAppCloud',
		from: '106540352242922',
		to: '+1 650 555 1234',
	});
	const [[item]] = await sendAndWait(ctx, getDialect('whatsAppCloud'));
	expect(ctx.calls[0].url).toBe(`${mock.url}/cloud/v24.0/106540352242922/messages`);
	expect(mock.requests[0].shapeErrors).toEqual([]);
	const ids = (ctx.calls[0].body as any).interactive.action.buttons.map((b: any) => b.reply.id);
	expect(ids.map((id: string) => decodeReference(id))).toEqual(
		[0, 1].map((k) =>
			expect.objectContaining({ executionId: '42', nodeId: entry.node.id, choice: k }),
		),
	);
	expect(ids.every((id: string) => id.length <= 256)).toBe(true);
	expect(waits).toHaveLength(1);
	expect(item.json).toMatchObject({
		provider: 'whatsAppCloud',
		to: '16505551234',
		answered: false,
	});
	expect(String(item.json.messageId)).toMatch(/^wamid\./);
});

describe('Response Type Approval', () => {
	const APPROVAL = {
		provider: 'sinchLatam',
		operation: 'sendAndWait',
		responseType: 'approval',
		to: '+55 19 90000-1111',
		message: 'Refund order 1042?',
		limitType: 'none',
	};
	const sent = (provider: string, body: any): Array<{ id: string; title: string }> => {
		if (provider === 'sinchLatam')
			return body.message.interactive.replyButtonAction.buttons.map((b: any) => ({
				id: b.reply.payload,
				title: b.reply.title,
			}));
		const buttons = (provider === 'messangi' ? body.request : body).interactive.action.buttons;
		return buttons.map((b: any) => ({ id: b.reply.id, title: b.reply.title }));
	};

	test.each([
		['sinchLatam', {}],
		['messangi', { from: '1000000001', to: '+1 100000001' }],
		['whatsAppCloud', { from: '106540352242922', to: '+1 650 555 1234' }],
	])(
		'%s: the question with Approve and Decline buttons whose ids are references; the timed-out item is not approved',
		async (provider, extra) => {
			const { ctx, entry } = waitingContext({
				...APPROVAL,
				provider,
				...extra,
				bodyText: 'not sent',
				buttons: { button: [{ id: 'x', title: 'Not sent' }] },
			});
			const [[item]] = await sendAndWait(ctx, getDialect(provider));
			expect(mock.requests[0].shapeErrors).toEqual([]);
			const buttons = sent(provider, ctx.calls[0].body);
			expect(buttons.map((b) => b.title)).toEqual(['Approve', 'Decline']);
			expect(buttons.map((b) => decodeReference(b.id))).toEqual(
				[0, 1].map((k) => expect.objectContaining({ nodeId: entry.node.id, choice: k })),
			);
			expect(JSON.stringify(ctx.calls[0].body)).toContain('Refund order 1042?');
			expect(JSON.stringify(ctx.calls[0].body)).not.toContain('not sent');
			expect(item.json).toMatchObject({
				answered: false,
				timedOut: true,
				choice: null,
				data: { approved: false, timedOut: true, respondedAt: null },
				question: {
					responseType: 'approval',
					messageType: 'buttons',
					body: 'Refund order 1042?',
					choices: [
						{ id: 'approve', title: 'Approve' },
						{ id: 'decline', title: 'Decline' },
					],
				},
			});
			expect(item.json.data).not.toHaveProperty('chatInput');
			expect(entry.data.main).toEqual([[item]]);
		},
	);

	test('own labels, Approve Only, and the question of the derived approval tool tells its agent about a timeout', async () => {
		const { ctx, entry } = waitingContext({
			...APPROVAL,
			approvalOptions: {
				values: { approvalType: 'single', approveLabel: 'Go ahead', disapproveLabel: 'No' },
			},
		});
		entry.node = {
			...entry.node,
			type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveHitlTool',
		};
		const [[item]] = await sendAndWait(ctx, getDialect('sinchLatam'));
		expect(sent('sinchLatam', ctx.calls[0].body).map((b) => b.title)).toEqual(['Go ahead']);
		expect((item.json.data as IDataObject).chatInput).toMatch(/waiting time ran out/);
		const labelled = waitingContext({
			...APPROVAL,
			approvalOptions: {
				values: { approvalType: 'double', approveLabel: 'Yes', disapproveLabel: 'No' },
			},
		});
		await sendAndWait(labelled.ctx, getDialect('sinchLatam'));
		expect(sent('sinchLatam', labelled.ctx.calls[0].body).map((b) => b.title)).toEqual([
			'Yes',
			'No',
		]);
	});

	test('in a workflow, a question longer than the provider allows is an error that names the Message, and nothing is sent; a label that is too long is an error that names it', async () => {
		const long = waitingContext({ ...APPROVAL, message: `Input: ${'x'.repeat(2000)}` });
		await expect(sendAndWait(long.ctx, getDialect('sinchLatam'))).rejects.toThrow(
			/^Message .* is 2007 characters; the limit is 1024/,
		);
		expect(long.ctx.calls).toHaveLength(0);
		expect(long.waits).toHaveLength(0);
		const bad = waitingContext({
			...APPROVAL,
			approvalOptions: {
				values: {
					approvalType: 'double',
					approveLabel: 'Approve this refund now',
					disapproveLabel: 'No',
				},
			},
		});
		await expect(sendAndWait(bad.ctx, getDialect('sinchLatam'))).rejects.toThrow(
			/^Approve Button Label .*20/,
		);
		expect(bad.ctx.calls).toHaveLength(0);
		const empty = waitingContext({ ...APPROVAL, message: '  ' });
		await expect(sendAndWait(empty.ctx, getDialect('sinchLatam'))).rejects.toThrow(/^Message /);
	});

	test('without a Limit Wait Time of its own, Approval waits an hour', async () => {
		const { ctx, waits } = waitingContext({ ...APPROVAL, limitType: undefined });
		const before = Date.now();
		const [[item]] = await sendAndWait(ctx, getDialect('sinchLatam'));
		expect(waits[0].getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
		expect(waits[0].getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
		expect(item.json.waitUntil).toBe(waits[0].toISOString());
	});
});

describe("the approval tool n8n derives for an AI Agent: the tool's input cannot hide what is approved", () => {
	/** n8n 2.35.6's default Message of the derived node (hitl-tools.ts), unevaluated. */
	const RAW =
		'=The agent wants to run this tool: {{ $tool.name }}\n\nInput:\n{{ $tool.parameters }}';
	/** `{{ $tool.parameters }}` as n8n writes an object into text. */
	const written = (parameters: object) =>
		`[Object: ${JSON.stringify(parameters).replace(/,"/g, ', "').replace(/":/g, '": ')}]`;
	const asked = (parameters: object) =>
		`The agent wants to run this tool: Refund\n\nInput:\n${written(parameters)}`;

	function agentContext(parameters: object, extra: IDataObject = {}) {
		const params = {
			provider: 'sinchLatam',
			operation: 'sendAndWait',
			responseType: 'approval',
			to: '+55 19 90000-1111',
			limitType: 'afterTimeInterval',
			resumeAmount: 1,
			resumeUnit: 'hours',
			message: asked(parameters),
			...extra,
		};
		const context = waitingContext(params);
		context.entry.node = {
			...context.entry.node,
			type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveHitlTool',
			parameters: { ...params, message: RAW },
		};
		return context;
	}
	const sentBody = (ctx: { calls: Array<{ body: unknown }> }) =>
		(ctx.calls[0].body as any).message.interactive.body.text as string;

	test('what is sent: the tool input on its line, its markers, line breaks and hidden characters shown or removed', async () => {
		const { ctx } = agentContext({
			note: 'ok\nAmount: USD 50',
			amount: '~USD 5000~ *USD 50*',
			to: 'ACME\u200B \u202E05 DSU',
		});
		await sendAndWait(ctx, getDialect('sinchLatam'));
		expect(ctx.calls).toHaveLength(1);
		expect(sentBody(ctx)).toBe(
			'The agent wants to run this tool: Refund\n\nInput:\n[Object: {"note": "ok\\nAmount: USD 50", "amount": "∼USD 5000∼ ∗USD 50∗", "to": "ACME 05 DSU"}]',
		);
	});

	test('1,000 harmless characters before the real arguments: the question does not fit, so nothing is sent, nothing waits, and the agent reads why it is not approved', async () => {
		const { ctx, waits, entry } = agentContext({ note: 'a'.repeat(1000), amount: 'USD 5000' });
		const input = entry.data.main;
		const [[item]] = await sendAndWait(ctx, getDialect('sinchLatam'));
		expect(ctx.calls).toHaveLength(0);
		expect(mock.requests).toHaveLength(0);
		expect(waits).toHaveLength(0);
		expect(entry.data.main).toBe(input);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			answered: false,
			timedOut: false,
			sent: false,
			choice: null,
			data: { approved: false, sent: false, respondedAt: null },
		});
		const data = item.json.data as IDataObject;
		expect(data.chatInput).toBe(data.reason);
		expect(data.chatInput).toMatch(
			/^The approval question was not sent on WhatsApp: with the tool's input it is 10\d\d characters, and Sinch LATAM.* allows 1024 .* neither approved nor run\. Call the tool again with shorter input/,
		);
	});

	test('a question that does not fit and a label that is too long: the label is the error (the workflow is to be fixed)', async () => {
		const { ctx } = agentContext(
			{ note: 'a'.repeat(1100) },
			{
				approvalOptions: {
					values: { approvalType: 'single', approveLabel: 'Approve this refund now' },
				},
			},
		);
		const error = await sendAndWait(ctx, getDialect('sinchLatam')).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toBe('The message has 2 problems [item 0]');
		expect(error?.description).toMatch(/Approve Button Label .*20/);
		expect(error?.description).toMatch(/Message .* is 11\d\d characters; the limit is 1024/);
		expect(ctx.calls).toHaveLength(0);
	});

	test('an invalid Limit Wait Time is an error before the question is read or sent', async () => {
		const { ctx, waits } = agentContext({ amount: 'USD 50' }, { resumeUnit: 'toString' });
		await expect(sendAndWait(ctx, getDialect('sinchLatam'))).rejects.toThrow(/not "toString"/);
		expect(ctx.calls).toHaveLength(0);
		expect(waits).toHaveLength(0);
	});
});

test('without a credential: says which one to choose, sends nothing and does not wait', async () => {
	const { ctx, waits } = waitingContext(BASE, 1, false, false);
	const error = await sendAndWait(ctx, getDialect('sinchLatam')).then(
		() => undefined,
		(e: Error & { description?: string }) => e,
	);
	expect(error?.message).toBe('No Sinch LATAM credential is chosen [item 0]');
	expect(error?.description).toMatch(/Credential to connect with/);
	expect(ctx.calls).toHaveLength(0);
	expect(waits).toHaveLength(0);
});

describe('Send As Template (asking outside the 24-hour window)', () => {
	const TEMPLATE = {
		provider: 'whatsAppCloud',
		operation: 'sendAndWait',
		sendAs: 'template',
		to: '+1 650 555 1234',
		from: '106540352242922',
		template: 'appointment_reminder|en_US',
		templateHeaderType: 'text',
		templateHeaderText: 'Ana',
		templateBody: { variable: [{ value: 'Friday' }, { value: '3:00 PM' }] },
		limitType: 'none',
		options: {},
	};
	const withAccount = (ctx: IExecuteFunctions) => {
		const original = ctx.getCredentials.bind(ctx);
		ctx.getCredentials = (async (type: string) => ({
			...(await original(type)),
			businessAccountId: '102290129340398',
		})) as typeof ctx.getCredentials;
		return ctx;
	};

	test("the template's quick replies carry the references; the question is the template's body with its values", async () => {
		const { ctx } = waitingContext(TEMPLATE);
		const [[item]] = await sendAndWait(withAccount(ctx), getDialect('whatsAppCloud'));
		const sent = ctx.calls.find((c) => c.url.endsWith('/messages'))!.body as any;
		expect(sent.type).toBe('template');
		const buttons = sent.template.components.filter((c: any) => c.type === 'button');
		expect(buttons.map((b: any) => [b.sub_type, b.index])).toEqual([
			['quick_reply', '0'],
			['quick_reply', '1'],
		]);
		buttons.forEach((b: any, k: number) => {
			const ref = decodeReference(b.parameters[0].payload);
			expect(ref).toMatchObject({ executionId: '42', choice: k });
			expect(resumePath(ref!)).toContain(`?k=${k}&w=`);
		});
		expect(sent.template.components.slice(0, 2)).toEqual([
			{ type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', text: 'Friday' },
					{ type: 'text', text: '3:00 PM' },
				],
			},
		]);
		expect(item.json.question).toMatchObject({
			messageType: 'template',
			template: 'appointment_reminder|en_US',
			body: 'Your appointment is on Friday at 3:00 PM. Will you come?',
			choices: [
				{ id: 'Confirm', title: 'Confirm' },
				{ id: 'Reschedule', title: 'Reschedule' },
			],
		});
	});

	test('a template without quick replies, or one whose definition cannot be read, is refused before sending', async () => {
		const hello = waitingContext({
			...TEMPLATE,
			template: 'hello_world|en_US',
			templateHeaderType: 'none',
			templateBody: {},
		});
		await expect(sendAndWait(withAccount(hello.ctx), getDialect('whatsAppCloud'))).rejects.toThrow(
			'Template "hello_world" (en_US) has no quick-reply buttons, so there is nothing to tap; choose a template with quick replies, or send it with Send Template [item 0]',
		);
		const noAccount = waitingContext(TEMPLATE);
		await expect(sendAndWait(noAccount.ctx, getDialect('whatsAppCloud'))).rejects.toThrow(
			"Send and Wait needs the template's definition to know its quick-reply buttons, but the credential has no WhatsApp Business Account ID [item 0]",
		);
		expect(noAccount.ctx.calls).toEqual([]);
	});
});

describe('Response Type Location (WhatsApp Cloud API)', () => {
	const LOCATION = {
		provider: 'whatsAppCloud',
		operation: 'sendAndWait',
		responseType: 'location',
		from: '106540352242922',
		to: '+1 650 555 1234',
		message: 'Where should we pick you up?',
		limitType: 'none',
	};

	test('asks with a location request that carries the reference; the re-prompt is a location request too', async () => {
		const { ctx, entry, waits } = waitingContext(LOCATION);
		const [[item]] = await sendAndWait(ctx, getDialect('whatsAppCloud'));
		expect(mock.requests[0].shapeErrors).toEqual([]);
		const body = ctx.calls[0].body as IDataObject;
		expect(body.interactive).toEqual({
			type: 'location_request_message',
			body: { text: 'Where should we pick you up?' },
			action: { name: 'send_location' },
		});
		expect(decodeReference(body.biz_opaque_callback_data)).toEqual(
			expect.objectContaining({ executionId: '42', nodeId: entry.node.id, choice: 0 }),
		);
		expect(waits).toHaveLength(1);
		const question = item.json.question as IDataObject;
		expect(question).toMatchObject({
			messageType: 'locationRequest',
			responseType: 'location',
			validation: { rule: 'location' },
			choices: [],
		});
		expect((question.reprompt as IDataObject).body).toMatchObject({
			type: 'interactive',
			interactive: {
				type: 'location_request_message',
				body: { text: 'Please share a location: tap Send location below.' },
				action: { name: 'send_location' },
			},
			biz_opaque_callback_data: body.biz_opaque_callback_data,
		});
		// The item left for a timeout says there is no location.
		expect(item.json).toMatchObject({ answered: false, valid: false, location: null });
	});

	test('Messangi and Sinch LATAM document no location requests: refused before anything is sent, naming the Cloud API', async () => {
		for (const provider of ['messangi', 'sinchLatam']) {
			const { ctx, waits } = waitingContext({
				...LOCATION,
				provider,
				from: '1000000001',
				to: '+1000000002',
			});
			const error = await sendAndWait(ctx, getDialect(provider)).catch((e: Error) => e);
			expect((error as Error).message).toContain(
				'documents no location requests, so Response Type Location cannot ask through it; choose WhatsApp Cloud API as Provider',
			);
			expect(waits).toHaveLength(0);
		}
		expect(mock.requests).toHaveLength(0);
	});

	test('a question longer than a location request takes is refused, naming the Message', async () => {
		const { ctx } = waitingContext({ ...LOCATION, message: 'x'.repeat(1025) });
		const error = (await sendAndWait(ctx, getDialect('whatsAppCloud')).catch((e) => e)) as Error & {
			description?: string;
		};
		expect(`${error.message}\n${error.description ?? ''}`).toContain(
			'is 1025 characters; the limit is 1024',
		);
		expect(mock.requests).toHaveLength(0);
	});
});

describe('Response Type Form (WhatsApp Flow, WhatsApp Cloud API)', () => {
	const FORM = {
		provider: 'whatsAppCloud',
		operation: 'sendAndWait',
		responseType: 'form',
		from: '106540352242922',
		to: '+1 650 555 1234',
		message: 'Please book your visit.',
		flowId: '123456',
		flowCta: 'Book!',
		flowScreen: 'APPOINTMENT',
		flowData: '{"name":"Ana"}',
		limitType: 'none',
	};

	test("asks with a Flow message whose flow_token is the wait's reference; the timed-out item has no data", async () => {
		const { ctx, entry, waits } = waitingContext(FORM);
		const [[item]] = await sendAndWait(ctx, getDialect('whatsAppCloud'));
		expect(mock.requests[0].shapeErrors).toEqual([]);
		const interactive = (ctx.calls[0].body as IDataObject).interactive as IDataObject;
		const parameters = (interactive.action as IDataObject).parameters as IDataObject;
		expect(interactive).toMatchObject({ type: 'flow', body: { text: 'Please book your visit.' } });
		expect(interactive.header).toBeUndefined();
		expect(parameters).toMatchObject({
			flow_message_version: '3',
			flow_id: '123456',
			flow_cta: 'Book!',
			flow_action: 'navigate',
			flow_action_payload: { screen: 'APPOINTMENT', data: '{"name":"Ana"}' },
		});
		expect(decodeReference(parameters.flow_token)).toEqual(
			expect.objectContaining({ executionId: '42', nodeId: entry.node.id, choice: 0 }),
		);
		expect(waits).toHaveLength(1);
		expect(item.json).toMatchObject({
			answered: false,
			timedOut: true,
			data: null,
			flow: null,
			question: { messageType: 'flow', responseType: 'form', choices: [] },
		});
		expect(item.json).not.toHaveProperty('choice');
	});

	test('refused before sending: another provider, or a Flow ID that is not one (named as the panel names it)', async () => {
		const other = waitingContext({ ...FORM, provider: 'sinchLatam', to: '+55 19 90000 1111' });
		const refused = (await sendAndWait(other.ctx, getDialect('sinchLatam')).catch(
			(e) => e,
		)) as Error;
		expect(refused.message).toContain(
			'Sinch LATAM documents no WhatsApp Flows, so Response Type Form cannot ask through it; choose WhatsApp Cloud API as Provider',
		);
		const bad = waitingContext({ ...FORM, flowId: 'booking', message: '' });
		const error = (await sendAndWait(bad.ctx, getDialect('whatsAppCloud')).catch(
			(e) => e,
		)) as Error & {
			description?: string;
		};
		const said = `${error.message}\n${error.description ?? ''}`;
		expect(said).toContain('Flow ID "booking" is not a Flow\'s ID');
		expect(said).toContain('Message is empty');
		expect(other.waits).toHaveLength(0);
		expect(mock.requests).toHaveLength(0);
	});
});
