/** Errors of one item that say how to fix it, for the operations that send no message. */
import { NodeApiError, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import { escapeHtml } from '../../shared/model/html';
import { LINE_BREAK } from './prepare';

/**
 * `message [item i]`, with what to do as the description: n8n's editor shows it as HTML, so it is
 * escaped, and lines are joined with a line break it shows (and Continue On Fail turns back into newlines).
 */
export function itemError(
	ctx: IExecuteFunctions,
	message: string,
	i: number,
	description: string | string[],
): NodeOperationError {
	const text = `${message} [item ${i}]`;
	const lines = Array.isArray(description) ? description : [description];
	const error = new NodeOperationError(ctx.getNode(), text, {
		itemIndex: i,
		description: lines.map(escapeHtml).join(LINE_BREAK),
	});
	// Keep the message exactly as written: n8n would otherwise append its own item suffix.
	error.message = text;
	return error;
}

/** An error of item `i` as n8n's own error types: ours as they are, anything else wrapped. */
export function nodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	i: number,
): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: i });
}

/**
 * A provider error of an operation that sends no message: where `providerError` would point to
 * Build Payload (a request the provider rejected), say what this operation's request depends on.
 */
export function rejectedAdvice<T extends NodeApiError>(error: T, advice: string): T {
	if (error.description?.includes('Build Payload')) error.description = escapeHtml(advice);
	return error;
}
