import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import {
	choicesOf,
	receiveAnswer,
	withChoiceIds,
	type Question,
} from '../../nodes/WhatsAppInteractive/actions/sendAndWait';
import type { InteractiveMessage } from '../../nodes/shared/model/message';
import { answerProof, hopProof, type HopOutcome } from '../../nodes/shared/wait/hop';

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

const EXECUTION_ID = '42';
const NODE_ID = '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95';

function context(
	query: IDataObject,
	body: IDataObject,
	current: unknown = state,
	executionId = EXECUTION_ID,
) {
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
		logger: { warn: jest.fn(), info: jest.fn(), error: jest.fn(), debug: jest.fn() },
		getNode: () => ({ id: NODE_ID, name: 'Ask' }),
		getRequestObject: () => ({
			originalUrl: `/webhook-waiting/${executionId}/${NODE_ID}?k=${String(query.k)}&w=${String(query.w)}&signature=x`,
		}),
		getResponseObject: () => res,
		getQueryData: () => query,
		getBodyData: () => body,
		evaluateExpression: () => current,
	} as unknown as IWebhookFunctions;
	return { ctx, answer };
}

/** The tap's event, as the trigger normalises it. */
const tapEvent = (from: string | null) => ({
	event: 'listReply',
	provider: 'sinchLatam',
	from,
	contactName: 'Ana',
	timestamp: '2026-12-01T10:05:00.000Z',
	reply: { id: 'wai1.x', title: '11:00' },
});

/** What the trigger of this process posts for a tap: the event as text and its proof. */
function hop(query: IDataObject, event: unknown, executionId = EXECUTION_ID): IDataObject {
	const text = JSON.stringify(event);
	const target = {
		executionId,
		nodeId: NODE_ID,
		waitId: String(query.w),
		choice: Number(query.k),
	};
	return { event: text, proof: hopProof(target, text) };
}

const tap = (from: string | null, query: IDataObject = { k: '0', w: 'w1' }) =>
	hop(query, tapEvent(from));

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
		const query = { k: '1', w: 'w1' };
		const body = tap('+55 19 90000-1111', query);
		const { ctx, answer } = context(query, body);
		const result = await receiveAnswer(ctx);
		// Nothing written: n8n answers once it has stored the resumed run, with the node's answer.
		expect(answer).toEqual({});
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.webhookResponse).toEqual({
			resumed: true,
			proof: answerProof(body.proof as string, 'resumed'),
		});
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
			const { ctx } = context({ k, w: 'w1' }, tap('5519900001111', { k, w: 'w1' }), waiting);
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
			tap('5519900001111', { k: '0', w: 'w0' }),
			state,
			409,
			'otherMessage',
		],
		[
			'a choice the message did not have',
			{ k: '7', w: 'w1' },
			tap('5519900001111', { k: '7', w: 'w1' }),
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
		expect(answer.body).toMatchObject({
			resumed: false,
			reason,
			// The node's own answer: the trigger checks it against the hop it sent.
			proof: answerProof((body as IDataObject).proof as string, reason as HopOutcome),
		});
	});
});

describe('an answer that did not come from the trigger of this process', () => {
	const query = { k: '0', w: 'w1' };
	const genuine = tap('5519900001111', query);
	test.each([
		['no proof at all (the reference alone)', { event: genuine.event }],
		[
			'the event as an object, as a hand-made POST would send it',
			{ event: tapEvent('5519900001111'), proof: genuine.proof },
		],
		[
			'a forged sender under a genuine proof',
			{ event: JSON.stringify(tapEvent('5519900009999')), proof: genuine.proof },
		],
		['a proof made for another choice', hop({ k: '1', w: 'w1' }, tapEvent('5519900001111'))],
		['a proof made for another wait', hop({ k: '0', w: 'w0' }, tapEvent('5519900001111'))],
		['a proof made for another execution', hop(query, tapEvent('5519900001111'), '43')],
		['a proof of the right length, made up', { event: genuine.event, proof: 'f'.repeat(64) }],
	])('%s: refused as unauthenticated, nothing resumed', async (_name, body) => {
		const { ctx, answer } = context(query, body as IDataObject);
		const result = await receiveAnswer(ctx);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer.status).toBe(403);
		expect(answer.body).toMatchObject({ resumed: false, reason: 'unauthenticated' });
		expect(answer.body).not.toHaveProperty('proof');
	});
});
