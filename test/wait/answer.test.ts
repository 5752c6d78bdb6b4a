import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import {
	choicesOf,
	receiveAnswer,
	withChoiceIds,
	type Question,
} from '../../nodes/WhatsAppInteractive/actions/sendAndWait';
import type { InteractiveMessage } from '../../nodes/shared/model/message';

const list: InteractiveMessage = {
	type: 'list',
	body: 'Pick a time',
	list: {
		button: 'Times',
		sections: [
			{
				title: 'Today',
				rows: [
					{ id: 'a', title: '10:00', description: 'Room 1' },
					{ id: 'b', title: '11:00' },
				],
			},
			{ title: 'Tomorrow', rows: [{ id: 'c', title: '09:00' }] },
		],
	},
};

const question: Question = {
	waitId: 'w1',
	messageType: 'list',
	body: 'Pick a time',
	choices: [
		{ id: 'a', title: '10:00', description: 'Room 1' },
		{ id: 'b', title: '11:00' },
		{ id: 'c', title: '09:00' },
	],
};

const state: IDataObject = {
	answered: false,
	timedOut: true,
	choice: null,
	provider: 'sinchLatam',
	to: '5519900001111',
	messageId: 'msg-1',
	correlationId: null,
	sentAt: '2026-12-01T10:00:00.000Z',
	question: question as unknown as IDataObject,
};

function context(query: IDataObject, body: IDataObject, current: unknown = state) {
	const answer: { status?: number; body?: unknown } = {};
	const res = {
		status(code: number) {
			answer.status = code;
			return res;
		},
		json(value: unknown) {
			answer.body = value;
			return res;
		},
	};
	const ctx = {
		getResponseObject: () => res,
		getQueryData: () => query,
		getBodyData: () => body,
		evaluateExpression: () => current,
	} as unknown as IWebhookFunctions;
	return { ctx, answer };
}

const tap = (from: string | null) => ({
	event: {
		event: 'listReply',
		provider: 'sinchLatam',
		from,
		contactName: 'Ana',
		timestamp: '2026-12-01T10:05:00.000Z',
		reply: { id: 'wai1.x', title: '11:00' },
	},
});

describe('choices of a message', () => {
	test('in the order the recipient sees them, and replaced in the same order', () => {
		expect(choicesOf(list)).toEqual(question.choices);
		const replaced = withChoiceIds(list, ['r0', 'r1', 'r2']);
		expect(choicesOf(replaced).map((c) => c.id)).toEqual(['r0', 'r1', 'r2']);
		expect(list.list!.sections[0].rows[0].id).toBe('a'); // the original is not changed
		const buttons: InteractiveMessage = {
			type: 'buttons',
			body: 'Come?',
			buttons: [
				{ id: 'y', title: 'Yes' },
				{ id: 'n', title: 'No' },
			],
		};
		expect(withChoiceIds(buttons, ['1', '2']).buttons).toEqual([
			{ id: '1', title: 'Yes' },
			{ id: '2', title: 'No' },
		]);
	});
});

describe('a forwarded tap', () => {
	test('from the recipient, for the wait under way: resumes with the choice as it was offered', async () => {
		const { ctx, answer } = context({ k: '1', w: 'w1' }, tap('+55 19 90000-1111'));
		const result = await receiveAnswer(ctx);
		expect(answer).toEqual({ status: 200, body: { resumed: true } });
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData).toHaveLength(1);
		const item = result.workflowData![0][0];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			answered: true,
			timedOut: false,
			choice: { id: 'b', title: '11:00' },
			from: '+55 19 90000-1111',
			contactName: 'Ana',
			answeredAt: '2026-12-01T10:05:00.000Z',
			messageId: 'msg-1',
			question,
		});
	});

	test("Response Type Approval: Approve answers approved, Decline not approved, in the shape n8n's agent reads", async () => {
		const approval: Question = {
			waitId: 'w1',
			messageType: 'buttons',
			body: 'Refund?',
			responseType: 'approval',
			choices: [
				{ id: 'approve', title: 'Yes' },
				{ id: 'decline', title: 'No' },
			],
		};
		const waiting = { ...state, question: approval as unknown as IDataObject };
		for (const [k, approved] of [
			['0', true],
			['1', false],
		] as const) {
			const { ctx } = context({ k, w: 'w1' }, tap('5519900001111'), waiting);
			const json = (await receiveAnswer(ctx)).workflowData![0][0].json;
			expect(json).toMatchObject({
				answered: true,
				choice: approval.choices[Number(k)],
				data: { approved, respondedAt: json.receivedAt },
			});
		}
		const { ctx } = context({ k: '0', w: 'w1' }, tap('5519900001111'));
		expect((await receiveAnswer(ctx)).workflowData![0][0].json).not.toHaveProperty('data');
	});

	test.each([
		['another number', { k: '0', w: 'w1' }, tap('5519900009999'), state, 403, 'otherRecipient'],
		['no number', { k: '0', w: 'w1' }, tap(null), state, 403, 'otherRecipient'],
		[
			'an earlier wait of the node',
			{ k: '0', w: 'w0' },
			tap('5519900001111'),
			state,
			409,
			'otherMessage',
		],
		[
			'a choice the message did not have',
			{ k: '7', w: 'w1' },
			tap('5519900001111'),
			state,
			400,
			'unknownChoice',
		],
		[
			'a node that is not waiting',
			{ k: '0', w: 'w1' },
			tap('5519900001111'),
			{ some: 'item' },
			409,
			'notWaiting',
		],
	])('%s: refused, nothing resumed', async (_name, query, body, current, status, reason) => {
		const { ctx, answer } = context(query, body as IDataObject, current);
		const result = await receiveAnswer(ctx);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer.status).toBe(status);
		expect(answer.body).toMatchObject({ resumed: false, reason });
	});
});
