/**
 * The trigger's outputs, in public-contract order (docs/contract.md): List Reply, Button Reply,
 * Status, then Message when the `outputMessage` parameter is on (type version 3 and later, on by
 * default) and Other when `outputOther` is on. n8n evaluates `configuredOutputs` from its source
 * text in the editor and at run time, so it must stay self-contained: no imports, no outer names.
 */
import type { EventKind } from '../model/event';

export const configuredOutputs = (parameters: {
	outputMessage?: boolean;
	outputOther?: boolean;
}) => {
	const outputs = [
		{ type: 'main', displayName: 'List Reply' },
		{ type: 'main', displayName: 'Button Reply' },
		{ type: 'main', displayName: 'Status' },
	];
	if (parameters.outputMessage === true) outputs.push({ type: 'main', displayName: 'Message' });
	if (parameters.outputOther === true) outputs.push({ type: 'main', displayName: 'Other' });
	return outputs;
};

/** Which of the optional outputs exist. */
export interface OutputLayout {
	outputMessage: boolean;
	outputOther: boolean;
}

/** How many outputs the trigger has. */
export function outputCount(layout: OutputLayout): number {
	return 3 + (layout.outputMessage ? 1 : 0) + (layout.outputOther ? 1 : 0);
}

/** The Other output's index, or undefined when it is off. */
export function otherIndex(layout: OutputLayout): number | undefined {
	return layout.outputOther ? 3 + (layout.outputMessage ? 1 : 0) : undefined;
}

/**
 * The output an event kind goes to, or undefined when none takes it: a plain message, and a Flow's
 * reply, go to Message when that is on, else to Other when that is on (as at type versions 1 to 2).
 */
export function outputIndex(kind: EventKind, layout: OutputLayout): number | undefined {
	switch (kind) {
		case 'listReply':
			return 0;
		case 'buttonReply':
			return 1;
		case 'status':
			return 2;
		case 'message':
		case 'flowReply':
			return layout.outputMessage ? 3 : otherIndex(layout);
	}
}
