import type { IDataObject, IWebhookResponseData, INodeExecutionData } from 'n8n-workflow';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import { PART_HEADER, splitByCustomer } from '../../nodes/shared/trigger/split';
import { getDialect } from '../../nodes/shared/dialects';
import {
	answerAsN8n,
	createWebhookContext,
	type WebhookContextOptions,
} from '../helpers/webhookContext';
import { sinchBatch, sinchButtonReply, sinchStatus, sinchText } from './fixtures';

const trigger = new WhatsAppInteractiveTrigger();

const ANA = '5511999990001';
const BIA = '5511999990002';
const CAIO = '5511999990003';
const from = (entry: IDataObject, source: string): IDataObject => ({
	...entry,
	source,
	userProfile: { name: source, whatsAppId: source },
});

interface Execution {
	items: INodeExecutionData[][];
}

/**
 * n8n, as far as these tests need it: a callback reaches the trigger; a part the trigger posts to
 * itself reaches the trigger again (same workflow, same static data), and starts an execution that
 * n8n stores, or fails to store when `fail` says so.
 */
function n8n(options: WebhookContextOptions & { fail?: (part: number) => boolean }) {
	const executions: Execution[] = [];
	const posted: IDataObject[] = [];
	// n8n loads the workflow's static data for each call and saves that copy only with a stored execution.
	let saved: IDataObject = {};
	const base = {
		properties: trigger.description.properties,
		typeVersion: 3,
		workflowId: `split-${Math.random()}`,
		...options,
		parameters: { provider: 'sinchLatam', authentication: 'none', ...options.parameters },
	};
	const httpRequest = async (request: IDataObject) => {
		posted.push(request);
		const number = posted.length;
		const headers = request.headers as Record<string, string>;
		const staticData = structuredClone(saved);
		const mock = createWebhookContext({
			...base,
			staticData,
			headers,
			rawBody: request.body as string,
			body: JSON.parse(request.body as string),
			httpRequest,
		});
		const result = await trigger.webhook.call(mock.context);
		const failed = options.fail?.(number) ?? false;
		if (result.workflowData && !failed) executions.push({ items: result.workflowData });
		answerAsN8n(mock.response, result, failed ? 500 : 200);
		if (!failed) saved = staticData;
		return { statusCode: mock.response.statusCode, body: mock.response.body };
	};
	const call = async (body: unknown, extra: WebhookContextOptions = {}) => {
		const mock = createWebhookContext({
			...base,
			staticData: structuredClone(saved),
			...extra,
			headers: { 'content-type': 'application/json' },
			body,
			httpRequest,
		});
		const result: IWebhookResponseData = await trigger.webhook.call(mock.context);
		if (result.workflowData) executions.push({ items: result.workflowData });
		answerAsN8n(mock.response, result);
		return { status: mock.response.statusCode, body: mock.response.body as IDataObject };
	};
	return { call, executions, posted };
}

const senders = (execution: Execution) => [
	...new Set(execution.items.flat().map((item) => item.json.from as string)),
];

describe('one execution per customer', () => {
	it('cuts a batch into one part per customer, in order, with statuses and unrecognised entries last', () => {
		const decoded = getDialect('sinchLatam').decodeCallback(
			sinchBatch(
				from(sinchText('t-1'), ANA),
				sinchStatus('s-1', ['sent']),
				from(sinchText('t-2'), BIA),
				from(sinchButtonReply('b-1'), ANA),
			),
		);
		const parts = splitByCustomer(decoded.events, [{ junk: 1 }], decoded.clientInfo);
		expect(parts.map((part) => part.events.map((event) => event.messageId))).toEqual([
			['t-1', 'b-1'],
			['t-2'],
			['s-1'],
		]);
		expect(parts[2].unrecognised).toEqual([{ junk: 1 }]);
		expect(parts.every((part) => part.clientInfo !== undefined)).toBe(true);
	});

	it('keeps a callback of one customer whole, their statuses and unrecognised entries included', () => {
		const decoded = getDialect('sinchLatam').decodeCallback(
			sinchBatch(from(sinchText('t-1'), ANA), sinchStatus('s-1', ['sent'])),
		);
		const parts = splitByCustomer(decoded.events, [{ junk: 1 }]);
		expect(parts).toEqual([{ events: decoded.events, unrecognised: [{ junk: 1 }] }]);
	});

	it("starts three executions for a batch with three customers' first messages, and answers 200 once all are stored", async () => {
		const { call, executions, posted } = n8n({});
		const answer = await call(
			sinchBatch(
				from(sinchText('t-1'), ANA),
				from(sinchText('t-2'), BIA),
				from(sinchText('t-3'), CAIO),
			),
		);
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ received: 3, delivered: 3, duplicates: 0, executions: 3 });
		expect(answer.body).not.toHaveProperty('part');
		expect(posted).toHaveLength(3);
		// Posted to this trigger's own webhook on the listener the callback arrived at.
		expect(posted.map((p) => p.url)).toEqual(
			Array(3).fill('http://127.0.0.1:5678/webhook/hook-1/webhook'),
		);
		expect(executions.map(senders)).toEqual([[ANA], [BIA], [CAIO]]);
		// Each on the Message output.
		expect(executions.map((e) => e.items[3].length)).toEqual([1, 1, 1]);
	});

	it('keeps one customer, and one callback at version 2 or with One per Callback, in one execution', async () => {
		const single = n8n({});
		await single.call(sinchBatch(from(sinchText('t-1'), ANA), from(sinchButtonReply('b-1'), ANA)));
		expect(single.posted).toHaveLength(0);
		expect(single.executions).toHaveLength(1);

		const batch = sinchBatch(from(sinchText('t-1'), ANA), from(sinchText('t-2'), BIA));
		for (const options of [
			{ typeVersion: 2, parameters: { outputOther: true } },
			{ parameters: { options: { executions: 'perCallback' } } },
		]) {
			const one = n8n(options);
			const answer = await one.call(batch);
			expect(answer.body).toMatchObject({ received: 2, delivered: 2 });
			expect(one.posted).toHaveLength(0);
			expect(one.executions.map(senders)).toEqual([[ANA, BIA]]);
		}
	});

	it('does not cut a test run (its webhook takes one call)', async () => {
		const { call, executions, posted } = n8n({ mode: 'manual' });
		await call(sinchBatch(from(sinchText('t-1'), ANA), from(sinchText('t-2'), BIA)));
		expect(posted).toHaveLength(0);
		expect(executions).toHaveLength(1);
	});

	it('answers 503 when one part is not stored, and on the redelivery starts only that one', async () => {
		let failing = true;
		const { call, executions } = n8n({ fail: (k) => failing && k === 2 });
		const batch = sinchBatch(
			from(sinchText('t-1'), ANA),
			from(sinchText('t-2'), BIA),
			from(sinchText('t-3'), CAIO),
		);
		const first = await call(batch);
		expect(first.status).toBe(503);
		expect(executions.map(senders)).toEqual([[ANA], [CAIO]]);
		failing = false;
		const again = await call(batch);
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ delivered: 1, duplicates: 2, executions: 1 });
		expect(executions.map(senders)).toEqual([[ANA], [CAIO], [BIA]]);
	});

	it('refuses a part whose proof this process did not make, and starts nothing', async () => {
		const forged = JSON.stringify({ events: [], unrecognised: [] });
		for (const proof of ['0'.repeat(64), '']) {
			const mock = createWebhookContext({
				properties: trigger.description.properties,
				typeVersion: 3,
				parameters: { provider: 'sinchLatam', authentication: 'secret' },
				headers: { 'content-type': 'application/json', [PART_HEADER]: proof },
				rawBody: forged,
				body: JSON.parse(forged),
			});
			const result = await trigger.webhook.call(mock.context);
			expect(result.workflowData).toBeUndefined();
			expect(mock.response.statusCode).toBe(403);
		}
	});

	it('does not trust a part answered by anything but the trigger (a 200 without its proof)', async () => {
		const mock = createWebhookContext({
			properties: trigger.description.properties,
			typeVersion: 3,
			parameters: { provider: 'sinchLatam', authentication: 'none' },
			headers: { 'content-type': 'application/json' },
			body: sinchBatch(from(sinchText('t-1'), ANA), from(sinchText('t-2'), BIA)),
			httpRequest: async () => ({
				statusCode: 200,
				body: { received: 1, delivered: 1, duplicates: 0, part: 'f'.repeat(64) },
			}),
		});
		const result = await trigger.webhook.call(mock.context);
		expect(result.workflowData).toBeUndefined();
		expect(mock.response.statusCode).toBe(503);
	});
});
