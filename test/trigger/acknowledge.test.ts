/**
 * Acknowledge: When Saved (the default) and At Once. With When Saved, a callback that starts an
 * execution is answered by n8n once it has stored the execution: the trigger returns its receipt
 * as `webhookResponse` and does not touch the response. Its events count as seen only once that
 * answer was a 2xx; a redelivery that arrives in between waits for it.
 */
import { answerProof } from '../../nodes/shared/wait/hop';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import {
	DEDUPE_STATIC_KEY,
	dropDuplicates,
	RecentKeys,
	type CompactStore,
} from '../../nodes/shared/trigger/dedupe';
import type { NormalisedEvent } from '../../nodes/shared/model/event';
import { decodeReference, encodeReference } from '../../nodes/shared/wait/reference';
import {
	answerAsN8n,
	createWebhookContext,
	type MockWebhook,
	type WebhookContextOptions,
} from '../helpers/webhookContext';
import { sinchBatch, sinchButtonReply, sinchStatus } from './fixtures';
import { triggerNode, workflowOver } from '../helpers/staticDataWorkflow';

const trigger = new WhatsAppInteractiveTrigger();

function context(options: WebhookContextOptions = {}): MockWebhook {
	return createWebhookContext({
		properties: trigger.description.properties,
		headers: { 'content-type': 'application/json' },
		workflowId: 'wf-ack',
		...options,
		parameters: { provider: 'sinchLatam', ...options.parameters },
	});
}

async function post(mock: MockWebhook): Promise<IWebhookResponseData> {
	return await trigger.webhook.call(mock.context);
}

/** Lets pending promise callbacks run. */
const flush = async () => await new Promise((resolve) => setImmediate(resolve));

describe('Acknowledge: When Saved (default)', () => {
	it('leaves the answer to n8n: the receipt goes back as webhookResponse, the response is untouched', async () => {
		const mock = context({ workflowId: 'wf-ack-1', body: sinchBatch(sinchButtonReply('b-1')) });
		const result = await post(mock);
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.webhookResponse).toEqual({
			received: 1,
			delivered: 1,
			duplicates: 0,
			ignored: 0,
			unrecognised: 0,
		});
		expect(result.workflowData?.[1]).toHaveLength(1);
		expect(mock.response.headersSent).toBe(false);
	});

	it('answers at once itself when the callback starts nothing', async () => {
		const mock = context({
			workflowId: 'wf-ack-2',
			body: sinchBatch(sinchStatus('s-1', ['sent'])),
			parameters: { statusStates: ['read'] },
		});
		const result = await post(mock);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(mock.response.statusCode).toBe(200);
		expect(mock.response.body).toMatchObject({ delivered: 0, ignored: 1 });
	});

	it('a redelivery that arrives while the first callback is being saved waits, then is dropped after a 200', async () => {
		const body = sinchBatch(sinchButtonReply('b-2'));
		const first = context({ workflowId: 'wf-ack-3', body });
		const firstResult = await post(first);

		const second = context({ workflowId: 'wf-ack-3', body });
		let secondResult: IWebhookResponseData | undefined;
		const secondCall = post(second).then((r) => (secondResult = r));
		await flush();
		expect(secondResult).toBeUndefined(); // waiting for the first callback's answer
		expect(second.response.headersSent).toBe(false);

		answerAsN8n(first.response, firstResult, 200);
		await secondCall;
		expect(secondResult).toEqual({ noWebhookResponse: true });
		expect(second.response.statusCode).toBe(200);
		expect(second.response.body).toMatchObject({ delivered: 0, duplicates: 1 });
	});

	it('a redelivery waiting on a callback n8n could not save (500) is delivered: nothing is lost', async () => {
		const body = sinchBatch(sinchButtonReply('b-3'));
		const first = context({ workflowId: 'wf-ack-4', body });
		const firstResult = await post(first);
		const second = context({ workflowId: 'wf-ack-4', body });
		const secondCall = post(second);
		await flush();
		answerAsN8n(first.response, firstResult, 500);
		const secondResult = await secondCall;
		expect(secondResult.workflowData?.[1].map((item) => item.json.messageId)).toEqual(['b-3']);
		answerAsN8n(second.response, secondResult, 200);

		// Once that one was saved, a third copy is a duplicate.
		const third = context({ workflowId: 'wf-ack-4', body });
		expect(await post(third)).toEqual({ noWebhookResponse: true });
		expect(third.response.body).toMatchObject({ duplicates: 1 });
	});

	it('a callback whose caller hung up before the answer counts as not acknowledged: its redelivery is delivered', async () => {
		const body = sinchBatch(sinchButtonReply('b-4'));
		const first = context({ workflowId: 'wf-ack-5', body });
		await post(first);
		first.response.abort();
		const again = await post(context({ workflowId: 'wf-ack-5', body }));
		expect(again.workflowData?.[1]).toHaveLength(1);
	});

	it('a redelivery after a 200 is dropped, also by a process that only has the saved static data', async () => {
		const body = sinchBatch(sinchButtonReply('b-5'));
		const staticData: IDataObject = {};
		const first = context({ workflowId: 'wf-ack-6', body, staticData });
		answerAsN8n(first.response, await post(first), 200);

		const sameProcess = context({ workflowId: 'wf-ack-6', body });
		expect(await post(sameProcess)).toEqual({ noWebhookResponse: true });
		// The first callback's copy of the store held its key, for n8n to save with that callback:
		const restarted = context({
			workflowId: 'wf-ack-6-after-restart',
			body,
			staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
		});
		expect(await post(restarted)).toEqual({ noWebhookResponse: true });
	});

	it('never writes a callback in flight into the store another callback writes', async () => {
		const staticData: IDataObject = {};
		const first = context({
			workflowId: 'wf-ack-7',
			body: sinchBatch(sinchButtonReply('b-6')),
			staticData: {},
		});
		const firstResult = await post(first);
		// A second callback, with other events, writes the store while the first is in flight:
		const second = context({
			workflowId: 'wf-ack-7',
			body: sinchBatch(sinchButtonReply('b-7')),
			staticData,
		});
		await post(second);
		const written = staticData[DEDUPE_STATIC_KEY] as unknown as CompactStore;
		expect(written.keys.length / 11).toBe(1); // b-7 only
		// The first fails: a redelivery that only knows the second's store is new again.
		answerAsN8n(first.response, firstResult, 500);
		const redelivery = context({
			workflowId: 'wf-ack-7-elsewhere',
			body: sinchBatch(sinchButtonReply('b-6')),
			staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
		});
		expect((await post(redelivery)).workflowData?.[1]).toHaveLength(1);
	});
});

describe('Acknowledge: At Once', () => {
	it('answers the provider itself before the execution starts, and remembers the events at once', async () => {
		const body = sinchBatch(sinchButtonReply('b-8'));
		const mock = context({
			workflowId: 'wf-ack-8',
			body,
			parameters: { options: { acknowledge: 'atOnce' } },
		});
		const result = await post(mock);
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData?.[1]).toHaveLength(1);
		expect(mock.response.statusCode).toBe(200);
		expect(mock.response.body).toMatchObject({ delivered: 1 });
		const again = context({
			workflowId: 'wf-ack-8',
			body,
			parameters: { options: { acknowledge: 'atOnce' } },
		});
		expect(await post(again)).toEqual({ noWebhookResponse: true });
	});
});

describe('Send and Wait taps', () => {
	const reference = encodeReference({
		executionId: '42',
		nodeId: '3c8e1f7a-5b2d-4e9c-8a6f-1d0b7c3e2a95',
		waitId: 'w1',
		choice: 0,
		signature: 'b'.repeat(64),
	});

	const TAP_SECRET = 'a-long-webhook-secret-for-taps-0123';

	function tapContext(httpRequest: jest.Mock, workflowId = 'wf-tap', ref = reference) {
		const mock = context({
			workflowId,
			body: sinchBatch(sinchButtonReply('tap-1', ref), sinchButtonReply('b-9')),
			// Only an authenticated callback's taps are handed over.
			parameters: { authentication: 'secret' },
			credentials: {
				whatsAppInteractiveWebhookApi: { secret: TAP_SECRET, headerName: 'X-Webhook-Secret' },
			},
			headers: { 'content-type': 'application/json', 'x-webhook-secret': TAP_SECRET },
		});
		const ctx = mock.context as unknown as Record<string, unknown>;
		const node = (mock.context as IWebhookFunctions).getNode();
		ctx.getNode = () => ({ ...node, webhookId: 'hook-1' });
		ctx.getNodeWebhookUrl = () => 'https://n8n.example.com/webhook/hook-1/webhook';
		ctx.helpers = { httpRequest };
		return mock;
	}

	it("hands a tap over on the address the callback arrived at, naming the public URL's host, with a proof", async () => {
		const httpRequest = jest.fn(async (request: { body: { proof: string } }) => ({
			statusCode: 200,
			body: { resumed: true, proof: answerProof(request.body.proof, 'resumed') },
		}));
		const other = encodeReference({ ...decodeReference(reference)!, executionId: '8' });
		const result = await post(tapContext(httpRequest, 'wf-tap-host', other));
		expect(result.webhookResponse).toMatchObject({ resumed: 1, notResumed: [] });
		const [request] = httpRequest.mock.calls[0] as unknown as [Record<string, any>];
		// Not https://n8n.example.com/…: the connection's own address, so no proxy is on the way.
		expect(request.url).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/8\//);
		expect(request.headers).toEqual({ host: 'n8n.example.com' });
		expect(request.body).toEqual({
			event: expect.any(String),
			proof: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(JSON.parse(request.body.event)).toMatchObject({
			event: 'buttonReply',
			messageId: 'tap-1',
		});
	});

	it('hands nothing over from a trigger without authentication', async () => {
		const httpRequest = jest.fn();
		const mock = context({
			workflowId: 'wf-tap-open',
			body: sinchBatch(sinchButtonReply('tap-open', reference)),
		});
		const result = await post(mock);
		expect(httpRequest).not.toHaveBeenCalled();
		expect(mock.response.body).toMatchObject({
			resumed: 0,
			notResumed: [{ reason: 'unauthenticated' }],
		});
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('answers 503 and starts nothing when n8n could not take a tap, so that the provider sends it again', async () => {
		const httpRequest = jest.fn(async () => {
			throw new Error('connect ECONNREFUSED 127.0.0.1:5678');
		});
		const mock = tapContext(httpRequest);
		const result = await post(mock);
		expect(httpRequest).toHaveBeenCalledTimes(1);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(mock.response.statusCode).toBe(503);
		expect(mock.response.body).toMatchObject({
			message: expect.stringContaining('send the callback again'),
		});

		// The other event of that callback was not remembered: the redelivery delivers it.
		const retried = tapContext(
			jest.fn(async (request: { body: { proof: string } }) => ({
				statusCode: 200,
				body: { resumed: true, proof: answerProof(request.body.proof, 'resumed') },
			})),
		);
		const again = await post(retried);
		expect(again.workflowData?.[1].map((item) => item.json.messageId)).toEqual(['b-9']);
		expect(again.webhookResponse).toMatchObject({ resumed: 1 });
	});
});

describe('dropDuplicates with hold', () => {
	const NOW = Date.UTC(2025, 0, 1, 12);
	const event = (messageId: string): NormalisedEvent => ({
		event: 'buttonReply',
		provider: 'sinchLatam',
		messageId,
		correlationId: null,
		from: null,
		to: null,
		timestamp: null,
		contactName: null,
		reply: { id: 'a', title: 'A' },
		raw: {},
	});

	it('asks a redelivery to wait while held, and decides nothing for it meanwhile', () => {
		const memory = { keys: new RecentKeys(), scope: 's' };
		const first = dropDuplicates({}, [event('m1')], { now: NOW, memory, hold: true });
		expect(first.fresh).toHaveLength(1);
		const staticData: IDataObject = {};
		const second = dropDuplicates(staticData, [event('m2'), event('m1')], {
			now: NOW,
			memory,
			hold: true,
		});
		expect(second.waitFor).toHaveLength(1);
		expect(second.fresh).toEqual([]);
		expect(second.duplicates).toEqual([]);
		expect(staticData).toEqual({});
		// m2 was not held by that call: a new call still finds it new.
		first.settle(true);
		const third = dropDuplicates({}, [event('m2'), event('m1')], { now: NOW, memory, hold: true });
		expect(third.fresh.map((e) => e.messageId)).toEqual(['m2']);
		expect(third.duplicates.map((e) => e.messageId)).toEqual(['m1']);
	});

	it('lets held keys go when not kept, and settles only once', () => {
		const memory = { keys: new RecentKeys(), scope: 's2' };
		const first = dropDuplicates({}, [event('m1')], { now: NOW, memory, hold: true });
		first.settle(false);
		first.settle(true);
		expect(dropDuplicates({}, [event('m1')], { now: NOW, memory, hold: true }).fresh).toHaveLength(
			1,
		);
	});

	it('writes kept keys into the store with the next call, even one that brings nothing new', () => {
		const memory = { keys: new RecentKeys(), scope: 's3' };
		dropDuplicates({}, [event('m1')], { now: NOW, memory, hold: true }).settle(true);
		const staticData: IDataObject = {};
		const next = dropDuplicates(staticData, [], { now: NOW, memory, hold: true });
		expect(next.fresh).toEqual([]);
		expect((staticData[DEDUPE_STATIC_KEY] as unknown as CompactStore).keys).toHaveLength(11);
		// A process with only that store drops m1.
		const other = dropDuplicates(staticData, [event('m1')], {
			now: NOW,
			memory: { keys: new RecentKeys(), scope: 's3' },
		});
		expect(other.duplicates).toHaveLength(1);
	});
});

describe("the duplicate store survives n8n 2.x's deferred answer", () => {
	// n8n 2.x, for a callback it answers once the execution is stored: WorkflowRunner.run() builds a
	// second Workflow over the webhook's static data (which clears its change flag), then reads the
	// node's webhookResponse, then saves the static data only if the flag is set again.
	const node = triggerNode('WhatsApp Interactive Trigger');
	const over = (staticData: IDataObject) => workflowOver(staticData, node, 'wf-deferred');

	it('is marked changed again when n8n reads the receipt, so that n8n saves the held keys with this callback', async () => {
		const raw: IDataObject = {};
		const webhookWorkflow = over(raw);
		const mock = context({
			workflowId: 'wf-deferred',
			body: sinchBatch(sinchButtonReply('b-10')),
			staticData: webhookWorkflow.getStaticData('node', node),
		});
		const result = await post(mock);
		expect(webhookWorkflow.staticData.__dataChanged).toBe(true);
		over(raw); // WorkflowRunner.run()
		expect(webhookWorkflow.staticData.__dataChanged).toBe(false);
		expect(result.webhookResponse).toMatchObject({ delivered: 1 });
		expect(webhookWorkflow.staticData.__dataChanged).toBe(true);
		// What n8n saves holds the event: a process with only that store drops its redelivery.
		const saved = JSON.parse(JSON.stringify(raw)) as IDataObject;
		const elsewhere = context({
			workflowId: 'wf-deferred-elsewhere',
			body: sinchBatch(sinchButtonReply('b-10')),
			staticData: over(saved).getStaticData('node', node),
		});
		expect(await post(elsewhere)).toEqual({ noWebhookResponse: true });
	});
});
