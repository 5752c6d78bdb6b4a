/**
 * A small stand-in for n8n's IExecuteFunctions: parameters per item (dotted paths for
 * fixed collections), credentials, continueOnFail, and httpRequestWithAuthentication (and
 * httpRequest, without a credential) doing real HTTP with the headers the node gives it — to a
 * local server only. The credentials have no `authenticate`, so n8n adds nothing either: the
 * node's own auth headers must be right. As n8n's helpers (axios), a body is returned as a
 * stream for `encoding: 'stream'`, as a Buffer for `arraybuffer`, else parsed JSON or text;
 * redirects are followed unless `disableFollowRedirect`. prepareBinaryData keeps the bytes as
 * base64, as n8n's default binary mode does.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

export interface ContextOptions {
	/** Parameters shared by every item, or a function of the item index. */
	params: IDataObject | ((i: number) => IDataObject);
	items?: number;
	/** The input items (default: `items` items `{ index: i }`). */
	inputItems?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
}

export interface RecordedCall {
	/** The credential type for httpRequestWithAuthentication; '' for httpRequest. */
	credentialType: string;
	method: string;
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
	const count = options.inputItems?.length ?? options.items ?? 1;
	const paramsOf = (i: number) =>
		typeof options.params === 'function' ? options.params(i) : options.params;
	const calls: RecordedCall[] = [];
	const send = async (credentialType: string, request: IDataObject) => {
		const headers: Record<string, string> = {
			// JSON requests as before; a download (`encoding`) sends no JSON headers.
			...(request.encoding === undefined
				? { 'content-type': 'application/json', accept: 'application/json' }
				: {}),
			...(request.headers as Record<string, string> | undefined),
		};
		const url = String(request.url);
		if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url))
			throw new Error(`Test tried to reach ${url}`);
		const method = String(request.method ?? 'GET');
		calls.push({ credentialType, method, url, body: request.body, headers });
		const response = await fetch(url, {
			method,
			headers,
			body: request.body === undefined ? undefined : JSON.stringify(request.body),
			redirect: request.disableFollowRedirect ? 'manual' : 'follow',
			signal: AbortSignal.timeout(Number(request.timeout ?? 30_000)),
		}).catch((error: Error & { cause?: { code?: string } }) => {
			const wrapped = new Error(
				error.name === 'TimeoutError' ? 'timeout of ms exceeded' : error.message,
			) as Error & { code?: string; cause?: unknown };
			wrapped.code = error.name === 'TimeoutError' ? 'ECONNABORTED' : error.cause?.code;
			throw wrapped;
		});
		const responseHeaders: Record<string, string> = {};
		response.headers.forEach((value, key) => (responseHeaders[key] = value));
		let body: unknown;
		if (request.encoding === 'stream') {
			body = response.body
				? Readable.fromWeb(response.body as unknown as WebReadableStream)
				: Readable.from([]);
		} else if (request.encoding === 'arraybuffer') {
			body = Buffer.from(await response.arrayBuffer());
		} else {
			const text = await response.text();
			body = text;
			try {
				body = text ? JSON.parse(text) : '';
			} catch {
				// Not JSON: returned as text, as n8n does.
			}
		}
		if (!request.returnFullResponse) return body;
		return { statusCode: response.status, headers: responseHeaders, body };
	};
	const ctx = {
		calls,
		getInputData: () =>
			options.inputItems ?? Array.from({ length: count }, (_, i) => ({ json: { index: i } })),
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
				return await send(credentialType, request);
			},
			async httpRequest(request: IDataObject) {
				return await send('', request);
			},
			async prepareBinaryData(
				data: Buffer,
				filePath?: string,
				mimeType?: string,
			): Promise<IBinaryData> {
				const fileName = filePath?.split('/').pop();
				const dot = fileName?.lastIndexOf('.') ?? -1;
				return {
					data: data.toString('base64'),
					mimeType: mimeType ?? 'application/octet-stream',
					...(fileName ? { fileName } : {}),
					...(fileName && dot > 0 ? { fileExtension: fileName.slice(dot + 1) } : {}),
					fileSize: `${data.length} B`,
				};
			},
		},
	};
	return ctx as unknown as IExecuteFunctions & { calls: RecordedCall[] };
}
