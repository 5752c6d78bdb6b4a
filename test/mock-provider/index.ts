/**
 * Local mock of both providers (Messangi and Sinch LATAM) for end-to-end tests and benchmarks.
 * Node's `http` module only; no dependencies.
 *
 * Routes (base URLs for the node: `<url>/messangi`, `<url>/sinch` and, for the Cloud API, `<url>/cloud`):
 *   POST /messangi/v3/messages     Messangi send (Bearer auth, shape check)
 *   POST /sinch/v1/whatsapp/send   Sinch LATAM send (UserName + AuthenticationToken, shape check)
 *   POST /cloud/{version}/{phone-number-id}/messages   WhatsApp Cloud API send (Bearer, shape check; answers a wamid)
 *   GET  /cloud/{version}/{waba-id}/phone_numbers, GET /cloud/{version}/me   Cloud API reads (credential test, From list)
 *   GET  /cloud/{version}/{waba-id}/message_templates   the account's templates (templates.ts; name filter, limit/after paging)
 *        a template send is checked against them as Meta does (132000, 132001, 132012…), and an
 *        interactive send to a recipient whose 24-hour window is closed is answered 131047
 *   GET  /cloud/{version}/{media-id}, GET /cloud/media/{media-id}   Graph's media description and its bytes (media.ts)
 *   POST /cloud/{version}/{phone-number-id}/messages with status "read"   a read receipt (Mark as Read), answered { success: true }
 *   GET  /sinch/media/{name}, /messangi/media/{name}, /files/{name}   media URLs of a provider and of another host (media.ts)
 *   POST /openai/v1/chat/completions, GET /openai/v1/models   OpenAI chat completions, scripted by the conversation (openai.ts); recorded as provider "unknown"
 *   GET  /__mock/requests          recorded requests (JSON; ?provider=messangi|sinchLatam|whatsAppCloud|unknown filters)
 *   GET  /__mock/health            { ok: true }
 *   POST /__mock/reset             clears records, queues, latency
 *   POST /__mock/enqueue           JSON array (or one object) of ScriptedResponse; ?provider=messangi|sinchLatam|whatsAppCloud
 *   POST /__mock/latency           { "ms": number }
 *   POST /__mock/limit             { "maxInFlight": number | null, "retryAfter"?: seconds } (rate-limit mode)
 *   POST /__mock/windows           { "closed": ["+15551234567", …] }: recipients whose 24-hour window is closed (Cloud API)
 *   anything else                  404 JSON (provider style under /messangi, /sinch and /cloud)
 *
 * Order of evaluation for a provider request: the body is always read, parsed, shape-checked and
 * recorded; then a scripted response (provider queue first, then the shared queue) wins over
 * everything; otherwise: rate limit (429) → method (405) → auth (401) → shape (400) → 200.
 *
 * Rate-limit mode (`maxInFlight`): the provider works on at most that many requests at once (from
 * arrival to answer) and answers any request beyond them at once with 429 and `Retry-After`, in
 * the provider's error format, as a provider with a concurrency limit does.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';

import {
	EXPIRED_MEDIA_IDS,
	isReadReceipt,
	MOCK_MEDIA,
	mediaAnswer,
	validateCloudReadBody,
	type MockMedia,
} from './media';
import { OPENAI_PREFIX, openAiAnswer } from './openai';
import {
	checkTemplateSend,
	graphError,
	listTemplatesAnswer,
	MOCK_TEMPLATES,
	type MockTemplate,
} from './templates';
import {
	SINCH_MAX_DESTINATIONS,
	validateCloudBody,
	validateMessangiBody,
	validateSinchBody,
} from './validate';

export { MOCK_TEMPLATES, type MockTemplate };
export { EXPIRED_MEDIA_IDS, MOCK_MEDIA, type MockMedia };

export { validateCloudBody, validateMessangiBody, validateSinchBody, SINCH_MAX_DESTINATIONS };

export type MockProviderName = 'messangi' | 'sinchLatam' | 'whatsAppCloud';

export interface MockOptions {
	/** 0 (default) = random free port */
	port?: number;
	/** host to bind; default 127.0.0.1 */
	host?: string;
	/** added before every answer (not to the control API) */
	latencyMs?: number;
	/** default 'test-messangi-key' */
	messangiApiKey?: string;
	/** default 'test-user' */
	sinchUserName?: string;
	/** default 'test-token' */
	sinchToken?: string;
	/** Cloud API access token; default 'test-cloud-token' */
	cloudToken?: string;
	/** rate-limit mode: at most this many provider requests in flight; 429 + Retry-After beyond */
	maxInFlight?: number;
	/** Retry-After of those 429s, in seconds; default 1 */
	retryAfterS?: number;
	/** the Cloud API account's message templates; default MOCK_TEMPLATES */
	templates?: MockTemplate[];
}

export interface RecordedRequest {
	provider: MockProviderName | 'unknown';
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** parsed JSON, or undefined when the body is empty or not JSON */
	body: unknown;
	receivedAt: number;
	answeredWith: number | 'timeout' | 'reset';
	/** when the answer (or reset) was written; undefined until then, and for timeouts */
	answeredAt?: number;
	/** shape problems of a send body (empty for valid bodies and non-send routes); computed even when auth fails or a scripted response answers */
	shapeErrors: string[];
}

export type ScriptedResponse =
	| { status: number; headers?: Record<string, string>; body?: unknown; rawBody?: string }
	| { kind: 'timeout' }
	| { kind: 'reset' }
	| { kind: 'latency'; ms: number; then?: ScriptedResponse };

export interface MockProvider {
	/** e.g. http://127.0.0.1:43817 (no trailing slash) */
	url: string;
	port: number;
	/** live array of every non-control request, in arrival order */
	requests: RecordedRequest[];
	setLatency(ms: number): void;
	/** rate-limit mode: at most `maxInFlight` requests in flight (undefined = unlimited) */
	setLimit(maxInFlight: number | undefined, retryAfterS?: number): void;
	/** requests answered 429 by rate-limit mode so far (reset clears it) */
	limited(): number;
	/** most provider requests in flight at once so far (reset clears it) */
	peakInFlight(): number;
	/** the next provider requests (either provider) get these, in order, before normal behaviour resumes */
	enqueue(...responses: ScriptedResponse[]): void;
	/** like enqueue, for one provider; its queue is used before the shared one */
	enqueueFor(provider: MockProviderName, ...responses: ScriptedResponse[]): void;
	/** Cloud API: these recipients' 24-hour window is closed (interactive sends get 131047); replaces the set */
	closeWindows(recipients: string[]): void;
	/** clears records (in place), both queues, latency (to 0), rate-limit mode and closed windows */
	reset(): void;
	/** frees every socket (hung `timeout` requests included) and stops listening */
	close(): Promise<void>;
}

const MESSANGI_PREFIX = '/messangi';
const SINCH_PREFIX = '/sinch';
const MESSANGI_SEND = '/messangi/v3/messages';
const SINCH_SEND = '/sinch/v1/whatsapp/send';
const CLOUD_PREFIX = '/cloud';
const CLOUD_SEND = /^\/cloud\/v\d+\.\d+\/\d+\/messages$/;
const CLOUD_READ = /^\/cloud\/v\d+\.\d+\/(?:\d+\/phone_numbers|\d+\/message_templates|me)$/;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const REASONS: Record<number, string> = {
	400: 'Bad request',
	401: 'Authentication failed',
	403: 'Forbidden',
	404: 'Not found',
	405: 'Method not allowed',
	413: 'Payload too large',
	420: 'Rate limit exceeded',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};
const STATUS_LINE: Record<number, string> = { 420: 'Enhance Your Calm' };

interface Answer {
	status: number;
	headers?: Record<string, string>;
	payload: string | Buffer;
	/** Without Content-Length, written in chunks (a download whose size only its bytes tell). */
	chunked?: boolean;
}

type Final = { kind: 'answer'; answer: Answer } | { kind: 'timeout' } | { kind: 'reset' };

const json = (status: number, body: unknown, headers?: Record<string, string>): Answer => ({
	status,
	headers,
	payload: JSON.stringify(body),
});

function providerOf(path: string): MockProviderName | 'unknown' {
	if (path === MESSANGI_PREFIX || path.startsWith(MESSANGI_PREFIX + '/')) return 'messangi';
	if (path === SINCH_PREFIX || path.startsWith(SINCH_PREFIX + '/')) return 'sinchLatam';
	if (path === CLOUD_PREFIX || path.startsWith(CLOUD_PREFIX + '/')) return 'whatsAppCloud';
	return 'unknown';
}

function errorBody(
	provider: MockProviderName | 'unknown',
	status: number,
	message?: string,
): unknown {
	const msg = message ?? REASONS[status] ?? http.STATUS_CODES[status] ?? `HTTP ${status}`;
	if (provider === 'sinchLatam') return { errorCode: status, errorMessage: msg };
	if (provider === 'messangi') return { message: msg };
	if (provider === 'whatsAppCloud') {
		// Graph API errors (Meta's "Error codes"): 429 is the throughput limit 130429, 401 an invalid token (190).
		const code = status === 429 ? 130429 : status === 401 ? 190 : status >= 500 ? 1 : 100;
		return {
			error: {
				message: `(#${code}) ${msg}`,
				type: 'OAuthException',
				code,
				fbtrace_id: 'mock-trace',
			},
		};
	}
	return { error: http.STATUS_CODES[status] ?? `HTTP ${status}`, message: msg };
}

function isJsonContentType(ct: string | undefined): boolean {
	if (!ct) return false;
	const base = ct.split(';', 1)[0].trim().toLowerCase();
	return base === 'application/json' || base.endsWith('+json');
}

function sinchSuccess(body: unknown): unknown {
	const dests =
		typeof body === 'object' &&
		body !== null &&
		Array.isArray((body as { destinations?: unknown }).destinations)
			? (body as { destinations: unknown[] }).destinations
			: [];
	return {
		id: randomUUID(),
		destinations: dests.map((d) => {
			const o = (typeof d === 'object' && d !== null ? d : {}) as {
				correlationId?: unknown;
				destination?: unknown;
			};
			return {
				id: randomUUID(),
				correlationId: o.correlationId ?? null,
				destination: o.destination ?? null,
			};
		}),
	};
}

function cloudSuccess(body: unknown): unknown {
	const to =
		typeof body === 'object' && body !== null ? String((body as { to?: unknown }).to ?? '') : '';
	return {
		messaging_product: 'whatsapp',
		contacts: [{ input: to, wa_id: to.replace(/^\+/, '') }],
		messages: [{ id: `wamid.${Buffer.from(randomUUID()).toString('base64')}` }],
	};
}

function messangiSuccess(): unknown {
	return {
		meta: { timestamp: Date.now(), transactionId: randomUUID(), explain: 'Send Notification' },
	};
}

/** Throws with a message when `v` is not a ScriptedResponse. */
export function assertScriptedResponse(
	v: unknown,
	path = 'response',
): asserts v is ScriptedResponse {
	if (typeof v !== 'object' || v === null || Array.isArray(v))
		throw new Error(`${path} must be an object`);
	const o = v as Record<string, unknown>;
	if ('kind' in o) {
		if (o.kind === 'timeout' || o.kind === 'reset') return;
		if (o.kind === 'latency') {
			if (typeof o.ms !== 'number' || !Number.isFinite(o.ms) || o.ms < 0) {
				throw new Error(`${path}.ms must be a non-negative number`);
			}
			if (o.then !== undefined) assertScriptedResponse(o.then, `${path}.then`);
			return;
		}
		throw new Error(`${path}.kind must be timeout, reset or latency`);
	}
	if (
		typeof o.status !== 'number' ||
		!Number.isInteger(o.status) ||
		o.status < 100 ||
		o.status > 999
	) {
		throw new Error(`${path}.status must be an HTTP status code`);
	}
	if (o.headers !== undefined) {
		if (typeof o.headers !== 'object' || o.headers === null || Array.isArray(o.headers)) {
			throw new Error(`${path}.headers must be an object`);
		}
		for (const [k, hv] of Object.entries(o.headers)) {
			if (typeof hv !== 'string') throw new Error(`${path}.headers.${k} must be a string`);
		}
	}
	if (o.rawBody !== undefined && typeof o.rawBody !== 'string')
		throw new Error(`${path}.rawBody must be a string`);
}

export async function startMockProvider(options: MockOptions = {}): Promise<MockProvider> {
	const messangiKey = options.messangiApiKey ?? 'test-messangi-key';
	const sinchUser = options.sinchUserName ?? 'test-user';
	const sinchToken = options.sinchToken ?? 'test-token';
	const cloudToken = options.cloudToken ?? 'test-cloud-token';
	const templates = options.templates ?? MOCK_TEMPLATES;
	const closedWindows = new Set<string>();
	const digitsOf = (value: unknown) => String(value ?? '').replace(/\D/g, '');
	const closeWindows = (recipients: string[]) => {
		closedWindows.clear();
		for (const r of recipients) closedWindows.add(digitsOf(r));
	};
	let latencyMs = Math.max(0, options.latencyMs ?? 0);
	let maxInFlight: number | undefined;
	let retryAfterS = 1;
	let inFlight = 0;
	let peak = 0;
	let limitedCount = 0;

	const requests: RecordedRequest[] = [];
	const sharedQueue: ScriptedResponse[] = [];
	const queues: Record<MockProviderName, ScriptedResponse[]> = {
		messangi: [],
		sinchLatam: [],
		whatsAppCloud: [],
	};
	const sockets = new Set<Socket>();
	/** The mock's own URL (known once it listens): Graph's media URLs point back to it. */
	let selfUrl = '';
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;

	const setLatency = (ms: number) => {
		if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
			throw new Error('latency must be a non-negative number');
		latencyMs = ms;
	};
	const setLimit = (max: number | undefined, retryAfter?: number) => {
		if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 0)) {
			throw new Error('maxInFlight must be a non-negative integer (or null for no limit)');
		}
		if (
			retryAfter !== undefined &&
			(typeof retryAfter !== 'number' || !Number.isFinite(retryAfter) || retryAfter < 0)
		) {
			throw new Error('retryAfter must be a non-negative number of seconds');
		}
		maxInFlight = max;
		if (retryAfter !== undefined) retryAfterS = retryAfter;
	};
	setLimit(options.maxInFlight, options.retryAfterS);
	const enqueue = (...responses: ScriptedResponse[]) => {
		responses.forEach((r, i) => assertScriptedResponse(r, `responses[${i}]`));
		sharedQueue.push(...responses);
	};
	const enqueueFor = (provider: MockProviderName, ...responses: ScriptedResponse[]) => {
		if (provider !== 'messangi' && provider !== 'sinchLatam' && provider !== 'whatsAppCloud')
			throw new Error(`unknown provider ${String(provider)}`);
		responses.forEach((r, i) => assertScriptedResponse(r, `responses[${i}]`));
		queues[provider].push(...responses);
	};
	const reset = () => {
		requests.length = 0;
		sharedQueue.length = 0;
		queues.messangi.length = 0;
		queues.sinchLatam.length = 0;
		queues.whatsAppCloud.length = 0;
		latencyMs = 0;
		maxInFlight = undefined;
		retryAfterS = 1;
		limitedCount = 0;
		peak = inFlight;
		closedWindows.clear();
	};

	const later = (ms: number, fn: () => void) => {
		if (ms <= 0) return fn();
		const t = setTimeout(() => {
			timers.delete(t);
			fn();
		}, ms);
		timers.add(t);
	};

	function write(res: http.ServerResponse, a: Answer) {
		if (res.destroyed || res.writableEnded) return;
		const headers: Record<string, string | number> = {};
		const noBody = a.status === 204 || a.status === 304 || (a.status >= 100 && a.status < 200);
		let hasType = false;
		if (a.headers) {
			for (const [k, v] of Object.entries(a.headers)) {
				headers[k] = v;
				if (k.toLowerCase() === 'content-type') hasType = true;
			}
		}
		if (!hasType && !noBody) headers['Content-Type'] = 'application/json; charset=utf-8';
		const buf = noBody
			? undefined
			: Buffer.isBuffer(a.payload)
				? a.payload
				: Buffer.from(a.payload, 'utf8');
		if (buf && !a.chunked) headers['Content-Length'] = buf.length;
		const line = STATUS_LINE[a.status];
		if (line) res.writeHead(a.status, line, headers);
		else res.writeHead(a.status, headers);
		if (buf && a.chunked) {
			const step = 64 * 1024;
			for (let at = 0; at < buf.length; at += step) res.write(buf.subarray(at, at + step));
			res.end();
			return;
		}
		res.end(buf);
	}

	/** Normal (unscripted) behaviour for a provider or unknown route. */
	function normal(rec: RecordedRequest, jsonOk: boolean): Answer {
		const { provider, path, method, headers } = rec;
		const bearer = typeof headers.authorization === 'string' ? headers.authorization.trim() : '';
		const media = mediaAnswer(method, path, rec.query, bearer === `Bearer ${cloudToken}`, selfUrl);
		if (media) return media;
		if (provider === 'messangi') {
			if (path !== MESSANGI_SEND)
				return json(404, errorBody(provider, 404, `No route for ${method} ${path}`));
			if (method !== 'POST')
				return json(405, errorBody(provider, 405, `Method ${method} not allowed`), {
					Allow: 'POST',
				});
			const auth = headers.authorization;
			const m = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth.trim()) : null;
			if (!m || m[1] !== messangiKey) {
				return json(401, errorBody(provider, 401, 'Invalid or expired token'), {
					'WWW-Authenticate': 'Bearer error="invalid_token"',
				});
			}
			if (rec.shapeErrors.length) {
				return json(400, { message: rec.shapeErrors[0], errors: rec.shapeErrors });
			}
			return json(200, messangiSuccess());
		}
		if (provider === 'sinchLatam') {
			if (path !== SINCH_SEND)
				return json(404, errorBody(provider, 404, `No route for ${method} ${path}`));
			if (method !== 'POST')
				return json(405, errorBody(provider, 405, `Method ${method} not allowed`), {
					Allow: 'POST',
				});
			if (headers.username !== sinchUser || headers.authenticationtoken !== sinchToken) {
				return json(401, errorBody(provider, 401, 'Authentication failed'));
			}
			if (rec.shapeErrors.length) return json(400, errorBody(provider, 400, rec.shapeErrors[0]));
			return json(200, sinchSuccess(jsonOk ? rec.body : undefined));
		}
		if (provider === 'whatsAppCloud') {
			const auth = headers.authorization;
			const m = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth.trim()) : null;
			const send = CLOUD_SEND.test(path);
			if (!send && !CLOUD_READ.test(path))
				return json(400, errorBody(provider, 400, `Unsupported request: ${method} ${path}`));
			if (method !== (send ? 'POST' : 'GET'))
				return json(400, errorBody(provider, 400, `Unsupported ${method} request`));
			if (!m || m[1] !== cloudToken)
				return json(
					401,
					errorBody(provider, 401, 'Invalid OAuth access token - Cannot parse access token'),
				);
			if (!send) {
				if (path.endsWith('/me')) return json(200, { id: '1000000000', name: 'Mock system user' });
				if (path.endsWith('/message_templates'))
					return json(200, listTemplatesAnswer(templates, rec.query));
				return json(200, {
					data: [
						{
							id: '106540352242922',
							display_phone_number: '+1 555-078-3881',
							verified_name: 'Lucky Shrub',
							quality_rating: 'GREEN',
						},
					],
				});
			}
			if (rec.shapeErrors.length) return json(400, errorBody(provider, 400, rec.shapeErrors[0]));
			if (jsonOk && isReadReceipt(rec.body)) return json(200, { success: true });
			const sent = (
				jsonOk && typeof rec.body === 'object' && rec.body !== null ? rec.body : {}
			) as Record<string, unknown>;
			if (sent.type === 'template') {
				const refused = checkTemplateSend(templates, sent.template);
				if (refused) return json(400, graphError(refused.code, refused.message, refused.details));
			} else if (closedWindows.has(digitsOf(sent.to))) {
				return json(
					400,
					graphError(
						131047,
						'Re-engagement message',
						'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
					),
				);
			}
			return json(200, cloudSuccess(jsonOk ? rec.body : undefined));
		}
		return json(404, errorBody('unknown', 404, `No route for ${method} ${path}`));
	}

	function scriptedAnswer(
		rec: RecordedRequest,
		s: { status: number; headers?: Record<string, string>; body?: unknown; rawBody?: string },
	): Answer {
		const provider = rec.provider;
		if (s.rawBody !== undefined)
			return { status: s.status, headers: s.headers, payload: s.rawBody };
		if (s.body !== undefined) return json(s.status, s.body, s.headers);
		if (s.status >= 200 && s.status < 300) {
			const body =
				provider === 'sinchLatam'
					? sinchSuccess(rec.body)
					: provider === 'whatsAppCloud'
						? cloudSuccess(rec.body)
						: messangiSuccess();
			return json(s.status, body, s.headers);
		}
		return json(s.status, errorBody(provider, s.status), s.headers);
	}

	function handleProvider(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		rec: RecordedRequest,
		jsonOk: boolean,
	) {
		const provider = rec.provider;
		let scripted: ScriptedResponse | undefined;
		if (provider !== 'unknown') scripted = queues[provider].shift() ?? sharedQueue.shift();

		let delay = latencyMs;
		while (scripted && 'kind' in scripted && scripted.kind === 'latency') {
			delay += scripted.ms;
			scripted = scripted.then;
		}

		let final: Final;
		if (
			!scripted &&
			provider !== 'unknown' &&
			maxInFlight !== undefined &&
			inFlight >= maxInFlight
		) {
			// Rate-limit mode: refused at once, before any other check, as a provider's gateway does.
			limitedCount++;
			rec.answeredWith = 429;
			rec.answeredAt = Date.now();
			write(
				res,
				json(429, errorBody(provider, 429, 'Too many requests in flight'), {
					'Retry-After': String(retryAfterS),
				}),
			);
			return;
		}
		if (!scripted) final = { kind: 'answer', answer: normal(rec, jsonOk) };
		else if ('kind' in scripted)
			final = scripted.kind === 'timeout' ? { kind: 'timeout' } : { kind: 'reset' };
		else final = { kind: 'answer', answer: scriptedAnswer(rec, scripted) };

		if (final.kind === 'timeout') {
			// Never answer. The socket is freed when the client gives up or on close().
			rec.answeredWith = 'timeout';
			return;
		}
		if (final.kind === 'reset') {
			rec.answeredWith = 'reset';
			later(delay, () => {
				rec.answeredAt = Date.now();
				const sock = req.socket;
				if (typeof sock.resetAndDestroy === 'function') sock.resetAndDestroy();
				else sock.destroy();
			});
			return;
		}
		const answer = final.answer;
		rec.answeredWith = answer.status;
		const counted = provider !== 'unknown';
		if (counted) {
			inFlight++;
			peak = Math.max(peak, inFlight);
		}
		later(delay, () => {
			if (counted) inFlight--;
			rec.answeredAt = Date.now();
			write(res, answer);
		});
	}

	function handleControl(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		path: string,
		query: Record<string, string>,
		raw: string,
	) {
		const method = req.method ?? 'GET';
		const reply = (status: number, body: unknown) => write(res, json(status, body));
		const parse = (): { ok: true; value: unknown } | { ok: false } => {
			try {
				return { ok: true, value: raw.length ? JSON.parse(raw) : undefined };
			} catch {
				reply(400, { error: 'Bad Request', message: 'body is not valid JSON' });
				return { ok: false };
			}
		};
		try {
			if (path === '/__mock/requests' && method === 'GET') {
				const p = query.provider;
				return reply(200, p ? requests.filter((r) => r.provider === p) : requests);
			}
			if (path === '/__mock/health' && method === 'GET') return reply(200, { ok: true });
			if (path === '/__mock/reset' && method === 'POST') {
				reset();
				return reply(200, { ok: true });
			}
			if (path === '/__mock/latency' && method === 'POST') {
				const b = parse();
				if (!b.ok) return;
				const ms = (b.value as { ms?: unknown } | undefined)?.ms;
				if (typeof ms !== 'number')
					return reply(400, { error: 'Bad Request', message: 'expected { "ms": number }' });
				setLatency(ms);
				return reply(200, { ok: true, latencyMs });
			}
			if (path === '/__mock/limit' && method === 'POST') {
				const b = parse();
				if (!b.ok) return;
				const v = (b.value ?? {}) as { maxInFlight?: unknown; retryAfter?: unknown };
				if (v.maxInFlight !== null && typeof v.maxInFlight !== 'number') {
					return reply(400, {
						error: 'Bad Request',
						message: 'expected { "maxInFlight": number | null, "retryAfter"?: number }',
					});
				}
				setLimit(v.maxInFlight ?? undefined, v.retryAfter as number | undefined);
				return reply(200, { ok: true, maxInFlight: maxInFlight ?? null, retryAfter: retryAfterS });
			}
			if (path === '/__mock/windows' && method === 'POST') {
				const b = parse();
				if (!b.ok) return;
				const closed = (b.value as { closed?: unknown } | undefined)?.closed;
				if (!Array.isArray(closed))
					return reply(400, {
						error: 'Bad Request',
						message: 'expected { "closed": [phone numbers] }',
					});
				closeWindows(closed.map(String));
				return reply(200, { ok: true, closed: [...closedWindows] });
			}
			if (path === '/__mock/enqueue' && method === 'POST') {
				const b = parse();
				if (!b.ok) return;
				const list = Array.isArray(b.value) ? b.value : [b.value];
				list.forEach((r, i) => assertScriptedResponse(r, `[${i}]`));
				const p = query.provider;
				if (p === undefined) enqueue(...(list as ScriptedResponse[]));
				else if (p === 'messangi' || p === 'sinchLatam' || p === 'whatsAppCloud')
					enqueueFor(p, ...(list as ScriptedResponse[]));
				else
					return reply(400, {
						error: 'Bad Request',
						message: 'provider must be messangi, sinchLatam or whatsAppCloud',
					});
				return reply(200, { ok: true, queued: list.length });
			}
			return reply(404, { error: 'Not Found', message: `No control route for ${method} ${path}` });
		} catch (e) {
			return reply(400, {
				error: 'Bad Request',
				message: e instanceof Error ? e.message : String(e),
			});
		}
	}

	function onBody(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		raw: string,
		tooLarge: boolean,
	) {
		const url = req.url ?? '/';
		const qi = url.indexOf('?');
		const path = qi === -1 ? url : url.slice(0, qi);
		const query: Record<string, string> = {};
		if (qi !== -1) for (const [k, v] of new URLSearchParams(url.slice(qi + 1))) query[k] = v;

		if (path.startsWith('/__mock/')) return handleControl(req, res, path, query, raw);

		const method = req.method ?? 'GET';
		const provider = providerOf(path);
		let body: unknown = undefined;
		let jsonOk = false;
		let parseError: string | undefined;
		if (raw.length) {
			try {
				body = JSON.parse(raw);
				jsonOk = true;
			} catch (e) {
				parseError = e instanceof Error ? e.message : String(e);
			}
		}
		const rec: RecordedRequest = {
			provider,
			method,
			path,
			query,
			headers: req.headers,
			rawBody: raw,
			body,
			receivedAt: Date.now(),
			answeredWith: 0,
			shapeErrors: [],
		};
		const isSend =
			method === 'POST' && (path === MESSANGI_SEND || path === SINCH_SEND || CLOUD_SEND.test(path));
		if (isSend) {
			const errs: string[] = [];
			if (tooLarge) errs.push(`body must be at most ${MAX_BODY_BYTES} bytes`);
			else if (!isJsonContentType(req.headers['content-type'])) {
				errs.push(
					`Content-Type must be application/json (got ${req.headers['content-type'] ?? 'none'})`,
				);
			}
			if (!raw.length) errs.push('body is required (a JSON object)');
			else if (parseError !== undefined) errs.push(`body is not valid JSON: ${parseError}`);
			else
				errs.push(
					...(provider === 'messangi'
						? validateMessangiBody(body)
						: provider === 'whatsAppCloud'
							? isReadReceipt(body)
								? validateCloudReadBody(body)
								: validateCloudBody(body)
							: validateSinchBody(body)),
				);
			rec.shapeErrors = errs;
		}
		requests.push(rec);
		if (path.startsWith(`${OPENAI_PREFIX}/`)) {
			const answer = openAiAnswer(method, path, body);
			rec.answeredWith = answer.status;
			rec.answeredAt = Date.now();
			return write(res, answer);
		}
		handleProvider(req, res, rec, jsonOk);
	}

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(c);
		});
		req.on('end', () => {
			if (closed) return;
			const raw =
				chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
			onBody(req, res, raw, tooLarge);
		});
		req.on('error', () => undefined);
	});
	// Clients (n8n's axios agents, benchmark tools) keep sockets alive; keep ours open longer than theirs
	// so they never reuse a socket the server is closing at the same moment.
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 66_000;
	server.requestTimeout = 0;
	server.on('connection', (s: Socket) => {
		sockets.add(s);
		s.setNoDelay(true);
		s.on('close', () => sockets.delete(s));
	});
	server.on('clientError', (_err, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy();
	});

	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		const onError = (e: Error) => reject(e);
		server.once('error', onError);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', onError);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	selfUrl = url;

	const close = () =>
		new Promise<void>((resolve) => {
			if (closed) return resolve();
			closed = true;
			for (const t of timers) clearTimeout(t);
			timers.clear();
			server.close(() => resolve());
			for (const s of sockets) s.destroy();
			sockets.clear();
		});

	return {
		url,
		port,
		requests,
		setLatency,
		setLimit,
		limited: () => limitedCount,
		peakInFlight: () => peak,
		enqueue,
		enqueueFor,
		closeWindows,
		reset,
		close,
	};
}
