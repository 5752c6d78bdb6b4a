/**
 * Groups prepared requests into the HTTP requests that carry them. Without batching, one item is
 * one request. With broadcast batching, requests whose key is equal (same message, different
 * recipient) share a request, up to `batchSize` destinations, in input order.
 */
import type { IDataObject } from 'n8n-workflow';

/** What planning needs of a prepared request. */
export interface PlannedRequest {
	path: string;
	body: IDataObject;
}

/** How a provider batches (a dialect's `batching`): equal keys share a request, merged by `merge`. */
export interface Batching<R extends PlannedRequest> {
	key(request: R): string;
	merge(requests: R[]): IDataObject;
}

export interface Unit<R extends PlannedRequest = PlannedRequest> {
	/** Input item indexes this request carries, in order. */
	items: number[];
	requests: R[];
	body: IDataObject;
	path: string;
}

export function planUnits<R extends PlannedRequest>(
	batch: Batching<R> | undefined,
	prepared: Array<{ index: number; request: R }>,
	batching: { enabled: boolean; size: number },
): Array<Unit<R>> {
	if (!batching.enabled || !batch || batching.size <= 1) {
		return prepared.map(({ index, request }) => ({
			items: [index],
			requests: [request],
			body: request.body,
			path: request.path,
		}));
	}
	const open = new Map<string, { items: number[]; requests: R[] }>();
	const groups: Array<{ items: number[]; requests: R[] }> = [];
	for (const { index, request } of prepared) {
		const key = `${request.path}\u0000${batch.key(request)}`;
		let group = open.get(key);
		if (!group || group.items.length >= batching.size) {
			group = { items: [], requests: [] };
			open.set(key, group);
			groups.push(group);
		}
		group.items.push(index);
		group.requests.push(request);
	}
	return groups.map((group) => ({
		...group,
		body: group.requests.length === 1 ? group.requests[0].body : batch.merge(group.requests),
		path: group.requests[0].path,
	}));
}
