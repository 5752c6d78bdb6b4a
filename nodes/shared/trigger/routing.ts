/**
 * Routes normalised events to the trigger's outputs and counts what was dropped on purpose:
 * statuses in states the user did not select, and — when the Other output is off — plain
 * messages and unrecognised entries.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { NormalisedEvent, StatusState } from '../model/event';
import { OUTPUT_INDEX } from './outputs';
import { isRecord } from '../model/values';

export interface RoutingOptions {
	/** Status states to deliver. */
	states: readonly StatusState[];
	/** Whether the Other output exists. */
	outputOther: boolean;
}

/** Events the user asked for, and how many were dropped on purpose. */
export function selectEvents(
	events: NormalisedEvent[],
	options: RoutingOptions,
): { selected: NormalisedEvent[]; ignored: number } {
	const selected = events.filter((event) => {
		if (event.event === 'status')
			return event.status !== undefined && options.states.includes(event.status.state);
		if (event.event === 'message') return options.outputOther;
		return true;
	});
	return { selected, ignored: events.length - selected.length };
}

/** One item list per output; unrecognised entries go to Other when it is on. */
export function toOutputs(
	events: NormalisedEvent[],
	unrecognised: unknown[],
	context: { provider: string; outputOther: boolean; clientInfo?: IDataObject },
): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = Array.from(
		{ length: context.outputOther ? 4 : 3 },
		() => [],
	);
	for (const event of events) {
		const index = OUTPUT_INDEX[event.event];
		if (index < outputs.length) outputs[index].push({ json: event as unknown as IDataObject });
	}
	if (context.outputOther) {
		for (const entry of unrecognised) {
			outputs[OUTPUT_INDEX.message].push({
				json: unrecognisedItem(entry, context.provider, context.clientInfo),
			});
		}
	}
	return outputs;
}

/** An entry the dialect did not understand, in the normalised shape, so Other items look alike. */
function unrecognisedItem(entry: unknown, provider: string, clientInfo?: IDataObject): IDataObject {
	const item: IDataObject = {
		event: 'message',
		provider,
		messageId: null,
		correlationId: null,
		from: null,
		to: null,
		timestamp: null,
		contactName: null,
		text: null,
		unrecognised: true,
		raw: isRecord(entry) ? entry : { value: entry as IDataObject[keyof IDataObject] },
	};
	if (clientInfo !== undefined) item.clientInfo = clientInfo;
	return item;
}
