import type { IDataObject, INode, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import type { NormalisedEvent, StatusState } from '../../nodes/shared/model/event';
import {
	DEDUPE_MAX_AGE_MS,
	DEDUPE_MAX_KEYS,
	DEDUPE_STATIC_KEY,
	dropDuplicates,
	eventKey,
	RecentKeys,
} from '../../nodes/shared/trigger/dedupe';

const NOW = Date.UTC(2025, 0, 1, 12);

function status(messageId: string | null, state: StatusState = 'delivered'): NormalisedEvent {
	return {
		event: 'status',
		provider: 'sinchLatam',
		messageId,
		correlationId: null,
		from: null,
		to: null,
		timestamp: null,
		contactName: null,
		status: { state, providerStatus: null, code: null, error: null },
		raw: {},
	};
}

function reply(messageId: string): NormalisedEvent {
	return { ...status(messageId), event: 'buttonReply', status: undefined, reply: { id: 'a', title: 'A' } };
}

describe('event keys', () => {
	it('are provider, message id, event kind and status state', () => {
		expect(eventKey(status('m1', 'read'))).toBe('sinchLatam|m1|status|read');
		expect(eventKey(reply('m1'))).toBe('sinchLatam|m1|buttonReply|');
		expect(eventKey({ ...reply('m1'), provider: 'messangi' })).toBe('messangi|m1|buttonReply|');
		expect(eventKey(status(null))).toBeNull();
	});
});

describe('dropDuplicates', () => {
	it('passes new events, remembers them, and drops them the second time', () => {
		const staticData: IDataObject = {};
		const first = dropDuplicates(staticData, [status('m1'), reply('m2')], { now: NOW });
		expect(first.fresh).toHaveLength(2);
		expect(first.duplicates).toHaveLength(0);
		expect(staticData[DEDUPE_STATIC_KEY]).toEqual({
			'sinchLatam|m1|status|delivered': NOW,
			'sinchLatam|m2|buttonReply|': NOW,
		});

		const second = dropDuplicates(staticData, [status('m1'), reply('m2'), status('m3')], { now: NOW + 1000 });
		expect(second.fresh.map((e) => e.messageId)).toEqual(['m3']);
		expect(second.duplicates.map((e) => e.messageId)).toEqual(['m1', 'm2']);
	});

	it('treats each status state of a message as its own event', () => {
		const staticData: IDataObject = {};
		dropDuplicates(staticData, [status('m1', 'sent')], { now: NOW });
		const later = dropDuplicates(staticData, [status('m1', 'delivered'), status('m1', 'sent')], { now: NOW });
		expect(later.fresh.map((e) => e.status?.state)).toEqual(['delivered']);
		expect(later.duplicates.map((e) => e.status?.state)).toEqual(['sent']);
	});

	it('drops a repeat inside the same batch', () => {
		const result = dropDuplicates({}, [status('m1'), status('m1')], { now: NOW });
		expect(result.fresh).toHaveLength(1);
		expect(result.duplicates).toHaveLength(1);
	});

	it('always passes events without a message id, and does not store them', () => {
		const staticData: IDataObject = {};
		const result = dropDuplicates(staticData, [status(null), status(null)], { now: NOW });
		expect(result.fresh).toHaveLength(2);
		expect(staticData[DEDUPE_STATIC_KEY]).toBeUndefined();
	});

	it(`forgets keys older than ${DEDUPE_MAX_AGE_MS / 3_600_000} hours`, () => {
		const staticData: IDataObject = {
			[DEDUPE_STATIC_KEY]: {
				'sinchLatam|old|status|delivered': NOW - DEDUPE_MAX_AGE_MS - 1,
				'sinchLatam|recent|status|delivered': NOW - DEDUPE_MAX_AGE_MS + 60_000,
				'sinchLatam|garbage|status|delivered': 'not a time',
			},
		};
		const result = dropDuplicates(staticData, [status('old'), status('recent')], { now: NOW });
		expect(result.fresh.map((e) => e.messageId)).toEqual(['old']);
		expect(Object.keys(staticData[DEDUPE_STATIC_KEY] as IDataObject).sort()).toEqual([
			'sinchLatam|old|status|delivered',
			'sinchLatam|recent|status|delivered',
		]);
	});

	it(`keeps at most ${DEDUPE_MAX_KEYS} keys, evicting the oldest`, () => {
		const stored: IDataObject = {};
		for (let i = 0; i < DEDUPE_MAX_KEYS; i++) stored[`sinchLatam|k${i}|status|delivered`] = NOW - DEDUPE_MAX_KEYS + i;
		const staticData: IDataObject = { [DEDUPE_STATIC_KEY]: stored };

		dropDuplicates(staticData, [status('new-1'), status('new-2')], { now: NOW });
		const kept = staticData[DEDUPE_STATIC_KEY] as IDataObject;
		expect(Object.keys(kept)).toHaveLength(DEDUPE_MAX_KEYS);
		expect(kept['sinchLatam|k0|status|delivered']).toBeUndefined();
		expect(kept['sinchLatam|k1|status|delivered']).toBeUndefined();
		expect(kept['sinchLatam|k2|status|delivered']).toBeDefined();
		expect(kept['sinchLatam|new-2|status|delivered']).toBe(NOW);
	});

	it('recovers from a corrupted store', () => {
		const staticData: IDataObject = { [DEDUPE_STATIC_KEY]: 'oops' };
		expect(dropDuplicates(staticData, [status('m1')], { now: NOW }).fresh).toHaveLength(1);
		expect(staticData[DEDUPE_STATIC_KEY]).toEqual({ 'sinchLatam|m1|status|delivered': NOW });
	});

	it('also drops what the process memory saw, for redeliveries that overtake the static data save', () => {
		const keys = new RecentKeys();
		dropDuplicates({}, [status('m1')], { now: NOW, memory: { keys, scope: 'wf-1|node-1' } });
		// A second request that started from static data loaded before the first one saved it:
		const overtaking = dropDuplicates({}, [status('m1')], { now: NOW + 50, memory: { keys, scope: 'wf-1|node-1' } });
		expect(overtaking.duplicates).toHaveLength(1);
		// Another workflow is another scope.
		const other = dropDuplicates({}, [status('m1')], { now: NOW + 50, memory: { keys, scope: 'wf-2|node-1' } });
		expect(other.fresh).toHaveLength(1);
	});
});

describe('RecentKeys', () => {
	it('forgets keys after its age limit and beyond its size limit', () => {
		const keys = new RecentKeys(2, 1000);
		keys.add('a', 0);
		keys.add('b', 10);
		keys.add('c', 20);
		expect(keys.has('a', 30)).toBe(false);
		expect(keys.has('b', 30)).toBe(true);
		expect(keys.has('b', 1011)).toBe(false);
		keys.clear();
		expect(keys.has('c', 30)).toBe(false);
	});
});

describe('dropDuplicates with n8n static data', () => {
	// n8n saves static data after a webhook call only when its change flag is set (WorkflowStaticDataService).
	const node: INode = {
		id: 'n1',
		name: 'Trigger',
		type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => ({}) as INodeType,
		getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
		getKnownTypes: () => ({}),
	};

	function workflowWith(staticData: IDataObject) {
		return new Workflow({ id: 'wf', nodes: [node], connections: {}, active: true, nodeTypes, staticData });
	}

	it('marks the workflow static data as changed when it remembers a key, and it survives a save', () => {
		const workflow = workflowWith({});
		dropDuplicates(workflow.getStaticData('node', node), [status('m1')], { now: NOW });
		expect(workflow.staticData.__dataChanged).toBe(true);

		// What n8n writes to the database and reads back for the next call:
		const saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		const next = workflowWith(saved);
		const again = dropDuplicates(next.getStaticData('node', node), [status('m1')], { now: NOW + 1 });
		expect(again.duplicates).toHaveLength(1);
		expect(next.staticData.__dataChanged).toBe(false);
	});

	it('(n8n behaviour the trigger works around) a second Workflow over the same static data clears the flag', () => {
		// WorkflowRunner.run() wraps the webhook's static data object in a new Workflow before a
		// deferred "onReceived" answer saves it: the flag is gone by then. Answering the request
		// from the node (noWebhookResponse) makes n8n save before the execution starts.
		const raw: IDataObject = {};
		const webhookWorkflow = workflowWith(raw);
		dropDuplicates(webhookWorkflow.getStaticData('node', node), [status('m1')], { now: NOW });
		expect(webhookWorkflow.staticData.__dataChanged).toBe(true);
		workflowWith(raw);
		expect(webhookWorkflow.staticData.__dataChanged).toBe(false);
	});
});
