/**
 * What n8n's editor shows for a node description, through n8n's own display logic
 * (`NodeHelpers`), as the editor computes it: the parameters with a value for given settings, and
 * the options of a parameter shown for them.
 */
import { NodeHelpers, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';

/** The names of the parameters the editor keeps a value for with these settings, in order. */
export function visibleParameters(
	description: INodeTypeDescription,
	values: INodeParameters,
	typeVersion = 1,
): string[] {
	const resolved = NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		{ typeVersion },
		description,
	);
	return Object.keys(resolved ?? {});
}

/**
 * The option values of the one parameter `name` shown with these settings (fields mode unless
 * they say otherwise). Throws unless exactly one such parameter is shown.
 */
export function shownOptions(
	description: INodeTypeDescription,
	name: string,
	values: INodeParameters,
): string[] {
	const shown = description.properties.filter(
		(p) =>
			p.name === name &&
			NodeHelpers.displayParameter(
				{ defineMessage: 'fields', ...values },
				p,
				{ typeVersion: 1 },
				description,
			),
	);
	if (shown.length !== 1)
		throw new Error(`${shown.length} parameters named ${name} are shown for these settings`);
	return (shown[0].options as Array<{ value: string }>).map((o) => o.value);
}
