/**
 * An n8n-workflow `Workflow` with one trigger node over given static data, for tests of how n8n
 * marks, clears and saves the static data a webhook call changes (its `__dataChanged` flag).
 */
import type { IDataObject, INode, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

const nodeTypes: INodeTypes = {
	getByName: () => ({}) as INodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getKnownTypes: () => ({}),
};

/** The trigger node such a workflow holds; `name` as the node's static data is keyed by it. */
export function triggerNode(name: string, id = 'trigger-node-1'): INode {
	return {
		id,
		name,
		type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractiveTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** A new Workflow over `staticData`, as n8n builds one for a webhook call or an execution. */
export function workflowOver(staticData: IDataObject, node: INode, id = 'wf'): Workflow {
	return new Workflow({ id, nodes: [node], connections: {}, active: true, nodeTypes, staticData });
}
