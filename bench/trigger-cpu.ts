/**
 * The trigger's own work per callback, in this process (no n8n): what `webhook()` does for a Sinch
 * batch of 1, 50 and 1,000 events — read the body, decode, select, drop duplicates, route — timed
 * per request and per event, with the duplicate filter's store empty and at its steady state
 * (full: DEDUPE_MAX_KEYS keys). Also n8n's own cost of the static data the filter keeps: n8n
 * parses it with the workflow and serialises it back after every call that changed it.
 */
import { getDialect } from '../nodes/shared/dialects';
import { STATUS_STATES } from '../nodes/shared/model/event';
import { readCallbackBody } from '../nodes/shared/trigger/body';
import { DEDUPE_MAX_KEYS, dropDuplicates, RecentKeys } from '../nodes/shared/trigger/dedupe';
import { selectEvents, toOutputs } from '../nodes/shared/trigger/routing';
import type { IDataObject } from 'n8n-workflow';
import { round } from './lib';
import { sinchBatchTemplate } from './workflows';

export interface TriggerCpuRow {
	batch: number;
	/** 'none': Ignore Duplicates off; 'empty'/'full': on, with an empty or a full key store. */
	dedupe: 'off' | 'empty store' | 'full store';
	usPerRequest: number;
	usPerEvent: number;
	/** n8n: JSON.parse + JSON.stringify of the node's static data, per request. */
	staticDataUs: number;
	staticDataKiB: number;
}

const dialect = getDialect('sinchLatam');

function handle(
	body: unknown,
	staticData: IDataObject | undefined,
	memory: RecentKeys | undefined,
): number {
	const read = readCallbackBody(body, undefined);
	if (!read.ok) throw new Error(read.message);
	const decoded = dialect.decodeCallback(read.body);
	const { selected } = selectEvents(decoded.events, {
		states: [...STATUS_STATES],
		outputMessage: false,
		outputOther: false,
	});
	let events = selected;
	if (staticData && memory)
		events = dropDuplicates(staticData, selected, {
			now: Date.now(),
			memory: { keys: memory, scope: 'wf|node' },
		}).fresh;
	const outputs = toOutputs(events, decoded.unrecognised, {
		provider: 'sinchLatam',
		outputMessage: false,
		outputOther: false,
		clientInfo: decoded.clientInfo,
	});
	return outputs.reduce((n, o) => n + o.length, 0);
}

export function runTriggerCpuBench(minMs = 600): TriggerCpuRow[] {
	const rows: TriggerCpuRow[] = [];
	let counter = 0;
	for (const batch of [1, 50, 1000]) {
		const template = sinchBatchTemplate(batch);
		for (const dedupe of ['off', 'empty store', 'full store'] as const) {
			// Bodies are parsed before timing (n8n parses the JSON before the trigger runs).
			const bodies = Array.from(
				{ length: Math.max(20, Math.ceil(20_000 / batch)) },
				() => JSON.parse(template.split('@@N@@').join(`c${++counter}`)) as unknown,
			);
			const staticData: IDataObject = {};
			const memory = dedupe === 'off' ? undefined : new RecentKeys();
			if (dedupe === 'full store') {
				// Fill the store to its bound with keys of earlier callbacks.
				const filler = sinchBatchTemplate(1000);
				for (let k = 0; k * 1000 < DEDUPE_MAX_KEYS; k++)
					handle(JSON.parse(filler.split('@@N@@').join(`f${++counter}`)), staticData, memory);
			}
			let i = 0;
			let n = 0;
			const start = process.hrtime.bigint();
			let elapsed = 0;
			while (elapsed < minMs && i < bodies.length) {
				const delivered = handle(bodies[i++], dedupe === 'off' ? undefined : staticData, memory);
				if (delivered !== batch) throw new Error(`delivered ${delivered} of ${batch}`);
				n++;
				elapsed = Number(process.hrtime.bigint() - start) / 1e6;
			}
			const usPerRequest = (elapsed * 1000) / n;
			// n8n's side: the static data round trip (parse with the workflow, stringify on save).
			const json = JSON.stringify(staticData);
			const t0 = process.hrtime.bigint();
			const reps = 20;
			for (let r = 0; r < reps; r++) JSON.stringify(JSON.parse(json));
			const staticDataUs =
				dedupe === 'off' ? 0 : Number(process.hrtime.bigint() - t0) / 1000 / reps;
			rows.push({
				batch,
				dedupe,
				usPerRequest: round(usPerRequest, 1),
				usPerEvent: round(usPerRequest / batch, 2),
				staticDataUs: round(staticDataUs, 0),
				staticDataKiB: round(json.length / 1024, 1),
			});
		}
	}
	return rows;
}

if (require.main === module) console.table(runTriggerCpuBench());
