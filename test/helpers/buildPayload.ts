/**
 * Build Payload on the action node without n8n: the item it outputs (the provider request), or the
 * problems it refuses the item with. For the tests of what each message type encodes to.
 */
import type { IDataObject } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from './executeContext';

const node = new WhatsAppInteractive();

/** The output of Build Payload for these parameters (without a credential: the provider's default URL). */
export async function build(params: IDataObject): Promise<IDataObject> {
	const ctx = executeContext({ params: { operation: 'buildPayload', ...params } });
	const [[item]] = await node.execute.call(ctx);
	return item.json;
}

/** The error's message and description, or fails when the item is accepted. */
export async function problems(params: IDataObject): Promise<string> {
	try {
		await build(params);
	} catch (error) {
		const e = error as Error & { description?: string };
		return `${e.message}\n${e.description ?? ''}`;
	}
	throw new Error('the message was accepted');
}
