/**
 * Events older than the duplicate store remembers are dropped as stale, so that a callback replayed
 * after the store forgot it does not run again. Real clock here (no recorded-era offset).
 */
import fc from 'fast-check';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import type { NormalisedEvent } from '../../nodes/shared/model/event';
import { DEDUPE_MAX_AGE_MS, RecentKeys, dropDuplicates } from '../../nodes/shared/trigger/dedupe';
import {
	CLOCK_SKEW_MS,
	STALE_AFTER_MS,
	dropStale,
	staleLog,
} from '../../nodes/shared/trigger/freshness';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import { createWebhookContext, type WebhookContextOptions } from '../helpers/webhookContext';
import { sinchBatch, sinchButtonReply, sinchStatus } from './fixtures';

const HOUR = 3_600_000;
const SECRET = 'a-webhook-secret-of-32-characters';
const trigger = new WhatsAppInteractiveTrigger();

function event(id: string, timestamp: number | null): NormalisedEvent {
	return {
		event: 'buttonReply',
		provider: 'sinchLatam',
		messageId: id,
		correlationId: null,
		from: '1',
		to: '2',
		timestamp: timestamp === null ? null : new Date(timestamp).toISOString(),
		contactName: null,
		reply: { id: 'a', title: 'A', description: null },
		raw: {},
	};
}

describe('dropStale', () => {
	const now = Date.UTC(2026, 11, 6, 12);

	it('keeps events without a timestamp, with one in the future, and up to the limit', () => {
		const events = [
			event('none', null),
			event('future', now + HOUR),
			event('now', now),
			event('edge', now - STALE_AFTER_MS),
		];
		expect(dropStale(events, now)).toEqual({ fresh: events, stale: [] });
	});

	it('drops events older than the store remembers, less the clock-skew allowance', () => {
		const old = event('old', now - STALE_AFTER_MS - 1);
		const day = event('day', now - 25 * HOUR);
		const fresh = event('fresh', now - HOUR);
		expect(dropStale([old, fresh, day], now)).toEqual({ fresh: [fresh], stale: [old, day] });
		expect(STALE_AFTER_MS).toBe(DEDUPE_MAX_AGE_MS - CLOCK_SKEW_MS - 60_000);
	});

	it('says in the log how many and which', () => {
		const line = staleLog([event('old-1', now - 30 * HOUR), event('old-2', now - 30 * HOUR)]);
		expect(line).toMatch(/dropped 2 stale events, older than 23\.9 hours/);
		expect(line).toContain('old-1 (');
	});

	it('never lets a replay through once the store has forgotten the event (provider clock up to the allowance ahead)', () => {
		fc.assert(
			fc.property(
				// When n8n first saw the event, and how far its timestamp is from that (clock skew,
				// delivery delay), and when the replay comes.
				fc.integer({ min: 0, max: 30 * 24 * 60 }),
				fc.oneof(
					fc.integer({ min: -12 * HOUR, max: CLOCK_SKEW_MS }),
					fc.integer({ min: 0, max: CLOCK_SKEW_MS }),
				),
				fc.oneof(
					fc.integer({ min: 1, max: 3 * DEDUPE_MAX_AGE_MS }),
					// Around the moment the store forgets.
					fc.integer({
						min: DEDUPE_MAX_AGE_MS - 10 * 60_000,
						max: DEDUPE_MAX_AGE_MS + 10 * 60_000,
					}),
				),
				(firstMinute, offset, after) => {
					const seen = Date.UTC(2026, 0, 1) + firstMinute * 60_000 + 17_123;
					const original = event('wamid.1', seen + offset);
					const staticData: IDataObject = {};
					dropDuplicates(staticData, [original], { now: seen });
					const replayAt = seen + after;
					const { fresh } = dropStale([original], replayAt);
					const again = dropDuplicates(staticData, fresh, { now: replayAt });
					expect(again.fresh).toEqual([]);
				},
			),
			{ seed: 20261206, numRuns: 3000 },
		);
	});

	it('with process memory too', () => {
		const keys = new RecentKeys();
		const seen = Date.UTC(2026, 0, 1, 10, 0, 59);
		const original = event('wamid.2', seen + CLOCK_SKEW_MS);
		const staticData: IDataObject = {};
		dropDuplicates(staticData, [original], { now: seen, memory: { keys, scope: 's' } });
		for (const after of [DEDUPE_MAX_AGE_MS - 60_000, DEDUPE_MAX_AGE_MS, DEDUPE_MAX_AGE_MS + 1]) {
			const { fresh } = dropStale([original], seen + after);
			const again = dropDuplicates(staticData, fresh, {
				now: seen + after,
				memory: { keys, scope: 's' },
			});
			expect(again.fresh).toEqual([]);
		}
	});
});

describe('the trigger and stale events', () => {
	async function call(options: WebhookContextOptions) {
		const mock = createWebhookContext({
			properties: trigger.description.properties,
			headers: { 'content-type': 'application/json' },
			// A trigger added today (type version 2), with a webhook secret; the test's own version wins.
			typeVersion: 2,
			credentials: {
				whatsAppInteractiveWebhookApi: {
					secret: SECRET,
					queryParameterName: 'secret',
					basicAuth: false,
				},
			},
			query: { secret: SECRET },
			...options,
			parameters: { provider: 'sinchLatam', ...options.parameters },
		});
		const result: IWebhookResponseData = await trigger.webhook.call(mock.context);
		return { ...mock, result };
	}
	const at = (ms: number) => ({ receivedAt: ms, receivedDate: new Date(ms).toISOString() });
	const reply = (id: string, ms: number) => ({ ...sinchButtonReply(id), ...at(ms) });
	const status = (id: string, ms: number) =>
		sinchStatus(id, ['sent'], { sentAt: ms, sentDate: new Date(ms).toISOString() });

	it('drops replies and statuses older than the duplicate window, counts them and logs them', async () => {
		const now = Date.now();
		const { result, response, logger } = await call({
			body: sinchBatch(
				reply('old-reply', now - 25 * HOUR),
				reply('new-reply', now - 60_000),
				status('old-status', now - 48 * HOUR),
			),
			parameters: { options: { acknowledge: 'atOnce', dropStale: true } },
		});
		expect(response.statusCode).toBe(200);
		expect(response.body).toEqual({
			received: 3,
			delivered: 1,
			duplicates: 0,
			ignored: 0,
			unrecognised: 0,
			stale: 2,
		});
		const delivered = (result.workflowData ?? []).flat().map((item) => item.json.messageId);
		expect(delivered).toEqual(['new-reply']);
		expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/dropped 2 stale events/));
	});

	it('answers 200 when every event is stale, so the provider does not send it again', async () => {
		const { result, response } = await call({
			body: sinchBatch(reply('old', Date.now() - 30 * HOUR)),
			parameters: { options: { dropStale: true } },
		});
		expect(response.statusCode).toBe(200);
		expect((response.body as IDataObject).stale).toBe(1);
		expect(result.workflowData).toBeUndefined();
	});

	it('keeps them at every type version unless Drop Stale Events is on (a late first delivery after an outage is not lost), and drops none when it is off', async () => {
		const body = sinchBatch(reply('old', Date.now() - 30 * HOUR));
		const added = await call({ body, parameters: { options: { acknowledge: 'atOnce' } } });
		expect(added.result.workflowData?.flat()).toHaveLength(1);
		for (const typeVersion of [1, 1.1]) {
			const saved = await call({
				body,
				typeVersion,
				parameters: { authentication: 'none', options: { acknowledge: 'atOnce' } },
			});
			expect(saved.result.workflowData?.flat()).toHaveLength(1);
			const optedIn = await call({
				body,
				typeVersion,
				parameters: { authentication: 'none', options: { acknowledge: 'atOnce', dropStale: true } },
			});
			expect((optedIn.response.body as IDataObject).stale).toBe(1);
		}
		const optedOut = await call({
			body,
			parameters: { options: { acknowledge: 'atOnce', dropStale: false } },
		});
		expect(optedOut.result.workflowData?.flat()).toHaveLength(1);
	});

	it('keeps them with Ignore Duplicates off, and in test runs', async () => {
		const body = sinchBatch(reply('old', Date.now() - 30 * HOUR));
		const off = await call({
			body,
			parameters: { ignoreDuplicates: false, options: { acknowledge: 'atOnce' } },
		});
		expect(off.response.body).not.toHaveProperty('stale');
		expect(off.result.workflowData?.flat()).toHaveLength(1);
		const manual = await call({
			body,
			mode: 'manual',
			parameters: { options: { acknowledge: 'atOnce' } },
		});
		expect(manual.result.workflowData?.flat()).toHaveLength(1);
	});
});
