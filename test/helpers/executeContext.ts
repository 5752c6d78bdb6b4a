/**
 * A small stand-in for n8n's IExecuteFunctions: parameters per item (dotted paths for
 * fixed collections), credentials, continueOnFail, and httpRequestWithAuthentication doing real
 * HTTP with the headers the node gives it — to a local server only. The credentials have no
 * `authenticate`, so n8n adds nothing either: the node's own auth headers must be right.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
} from 'n8n-workflow';

export interface ContextOptions {
	/** Parameters shared by every item, or a function of the item index. */
	params: IDataObject | ((i: number) => IDataObject);
	items?: number;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
}

export interface RecordedCall {
	credentialType: string;
	url: string;
	body: unknown;
	headers: Record<string, string>;
}

export const NODE: INode = {
	id: 'node-1',
	name: 'WhatsApp Interactive',
	type: 'n8n-nodes-whatsapp-interactive.whatsAppInteractive',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function lookup(params: IDataObject, path: string): unknown {
	let current: unknown = params;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

export function executeContext(
	options: ContextOptions,
): IExecuteFunctions & { calls: RecordedCall[] } {
	const count = options.items ?? 1;
	const paramsOf = (i: number) =>
		typeof options.params === 'function' ? options.params(i) : options.params;
	const calls: RecordedCall[] = [];
	const ctx = {
		calls,
		getInputData: () => Array.from({ length: count }, (_, i) => ({ json: { index: i } })),
		// The node has a credential chosen for each type given (n8n's getCredentials refuses the others).
		getNode: () => ({
			...NODE,
			credentials: Object.fromEntries(
				Object.keys(options.credentials ?? {}).map((type) => [
					type,
					{ id: `${type}-id`, name: type },
				]),
			),
		}),
		continueOnFail: () => options.continueOnFail ?? false,
		getNodeParameter: (name: string, i: number, fallback?: unknown) => {
			const value = lookup(paramsOf(i), name);
			return value === undefined ? fallback : value;
		},
		getCredentials: async (type: string) => {
			const credentials = options.credentials?.[type];
			if (!credentials) throw new Error(`Node does not have credentials of type ${type}`);
			return credentials;
		},
		helpers: {
			async httpRequestWithAuthentication(
				this: unknown,
				credentialType: string,
				request: IDataObject,
			) {
				const headers: Record<string, string> = {
					'content-type': 'application/json',
					accept: 'application/json',
					...(request.headers as Record<string, string> | undefined),
				};
				const url = String(request.url);
				if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url))
					throw new Error(`Test tried to reach ${url}`);
				calls.push({ credentialType, url, body: request.body, headers });
				const response = await fetch(url, {
					method: String(request.method),
					headers,
					body: JSON.stringify(request.body),
					signal: AbortSignal.timeout(Number(request.timeout ?? 30_000)),
				}).catch((error: Error & { cause?: { code?: string } }) => {
					const wrapped = new Error(
						error.name === 'TimeoutError' ? 'timeout of ms exceeded' : error.message,
					) as Error & { code?: string; cause?: unknown };
					wrapped.code = error.name === 'TimeoutError' ? 'ECONNABORTED' : error.cause?.code;
					throw wrapped;
				});
				const text = await response.text();
				let body: unknown = text;
				try {
					body = text ? JSON.parse(text) : '';
				} catch {
					// Not JSON: returned as text, as n8n does.
				}
				const responseHeaders: Record<string, string> = {};
				response.headers.forEach((value, key) => (responseHeaders[key] = value));
				if (!request.returnFullResponse) return body;
				return { statusCode: response.status, headers: responseHeaders, body };
			},
		},
	};
	return ctx as unknown as IExecuteFunctions & { calls: RecordedCall[] };
}
