/**
 * Routes normalised events to the trigger's outputs and counts what was dropped on purpose:
 * statuses in states the user did not select, plain messages when neither the Message nor the
 * Other output is on, and unrecognised entries when Other is off.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { NormalisedEvent, StatusState } from '../model/event';
import { otherIndex, outputCount, outputIndex, type OutputLayout } from './outputs';
import { isRecord } from '../model/values';

export interface RoutingOptions extends OutputLayout {
	/** Status states to deliver. */
	states: readonly StatusState[];
}

/** Events the user asked for, and how many were dropped on purpose. */
export function selectEvents(
	events: NormalisedEvent[],
	options: RoutingOptions,
): { selected: NormalisedEvent[]; ignored: number } {
	const selected = events.filter((event) => {
		if (event.event === 'status')
			return event.status !== undefined && options.states.includes(event.status.state);
		return outputIndex(event.event, options) !== undefined;
	});
	return { selected, ignored: events.length - selected.length };
}

/** One item list per output; unrecognised entries go to Other when it is on. */
export function toOutputs(
	events: NormalisedEvent[],
	unrecognised: unknown[],
	context: OutputLayout & { provider: string; clientInfo?: IDataObject },
): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount(context) }, () => []);
	for (const event of events) {
		const index = outputIndex(event.event, context);
		if (index !== undefined) outputs[index].push({ json: event as unknown as IDataObject });
	}
	const other = otherIndex(context);
	if (other !== undefined) {
		for (const entry of unrecognised) {
			outputs[other].push({
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
