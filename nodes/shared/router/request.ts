/**
 * The request n8n's Webhook node received, as the router reads it from the Webhook node's item:
 * `headers`, `query` and `body` in its JSON, and, with the Webhook node's Raw Body option on, the
 * bytes received in its binary property `data`.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { isRecord } from '../model/values';

/** The binary property n8n's Webhook node puts the raw body in. */
export const RAW_BODY_PROPERTY = 'data';

export interface ReceivedRequest {
	headers: IDataObject;
	query: IDataObject;
	body: unknown;
	/** The bytes received; undefined when the Webhook node's Raw Body option is off. */
	raw?: Buffer;
}

/** What is wrong with an item that is not such a request, for the node's error. */
export const NOT_A_REQUEST =
	"The item is not a request received by n8n's Webhook node (it has no headers). Connect the router to the Webhook node that receives your provider's callbacks, with nothing in between that changes the items";

/** Reads item `index`; `null` when it is not a request n8n's Webhook node made. */
export async function readRequest(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	index: number,
): Promise<ReceivedRequest | null> {
	const { headers, query, body } = item.json;
	if (!isRecord(headers)) return null;
	const request: ReceivedRequest = {
		headers: headers as IDataObject,
		query: isRecord(query) ? (query as IDataObject) : {},
		body,
	};
	if (item.binary?.[RAW_BODY_PROPERTY] !== undefined)
		request.raw = await context.helpers.getBinaryDataBuffer(index, RAW_BODY_PROPERTY);
	return request;
}

/**
 * Whether the request is a GET verification (Meta's `hub.challenge`): n8n's Webhook node gives a
 * GET no body, and the item does not say which method was used, so it is known by its query.
 */
export function isVerification(request: ReceivedRequest): boolean {
	const emptyBody =
		request.body === undefined ||
		(isRecord(request.body) && Object.keys(request.body).length === 0);
	return (
		emptyBody &&
		(request.raw === undefined || request.raw.length === 0) &&
		typeof request.query['hub.mode'] === 'string'
	);
}
