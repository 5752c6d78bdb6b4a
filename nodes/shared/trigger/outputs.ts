/**
 * The trigger's outputs, in public-contract order (docs/contract.md): List Reply, Button Reply, Status, and
 * Other when the `outputOther` parameter is on. n8n evaluates `configuredOutputs` from its source
 * text in the editor and at run time, so it must stay self-contained: no imports, no outer names.
 */
import type { EventKind } from '../model/event';

export const configuredOutputs = (parameters: { outputOther?: boolean }) => {
	const outputs = [
		{ type: 'main', displayName: 'List Reply' },
		{ type: 'main', displayName: 'Button Reply' },
		{ type: 'main', displayName: 'Status' },
	];
	if (parameters.outputOther === true) outputs.push({ type: 'main', displayName: 'Other' });
	return outputs;
};

/** Output index of each event kind; `message` goes to Other. */
export const OUTPUT_INDEX: Readonly<Record<EventKind, number>> = {
	listReply: 0,
	buttonReply: 1,
	status: 2,
	message: 3,
};
