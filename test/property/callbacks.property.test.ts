/**
 * Property-based tests of the trigger's `webhook()` on malformed callbacks (issue "Hostile input,
 * faults and secrets" — Callbacks). CALLBACK_RUNS (default 1,500) generated requests per provider:
 * bodies that are not JSON, empty, scalars at the top, arrays and objects of junk, missing fields,
 * wrong types, nulls, unknown event kinds, deep nesting, very long strings, and valid entries next
 * to broken ones (valid entries written from docs/providers.md and the Sinch document's callback tables).
 *
 * Properties:
 * - every request is answered exactly once, with 200 or 400 — never 500, never an exception;
 * - not JSON, empty, or a scalar at the top → 400, and no execution;
 * - a callback with valid entries → 200, and every valid entry reaches its output (List Reply,
 *   Button Reply, Status) with its id, however broken its neighbours;
 * - a 200 accounts for every entry: received = delivered + duplicates + ignored, and the items
 *   handed to the workflow are exactly `delivered`; with Other on, nothing is ignored silently;
 * - a 400 starts nothing.
 */
import fc from 'fast-check';
import type { INodeExecutionData } from 'n8n-workflow';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import { answerAsN8n, createWebhookContext } from '../helpers/webhookContext';
import { huge, text } from './arbitraries';

const RUNS = Number(process.env.CALLBACK_RUNS ?? 1_500);
const SEED = Number(process.env.FC_SEED ?? 20261121);
type Provider = 'messangi' | 'sinchLatam';
type Obj = Record<string, any>;
type Kind = 'listReply' | 'buttonReply' | 'status';
const OUTPUT: Record<Kind, number> = { listReply: 0, buttonReply: 1, status: 2 };

const trigger = new WhatsAppInteractiveTrigger();

// ---------------------------------------------------------------- valid entries (docs/providers.md)

interface Valid {
	kind: Kind;
	id: string;
	replyId?: string;
	entry: Obj;
}

const USER = '5519900001111';
const BUSINESS = '5519900002222';
const replyText = text(1, 60, { notBlank: true, trimmed: true });

function sinchValid(kind: Kind, id: string): fc.Arbitrary<Valid> {
	const inbound = (message: Obj) => ({
		id,
		source: USER,
		origin: BUSINESS,
		userProfile: { name: 'Ana', whatsAppId: USER },
		correlationId: 'order-42',
		message,
		receivedDate: '2021-08-07T14:00:00Z',
		receivedAt: 1628344800000,
		session: { sessionId: 'session-1', createdAt: 1628344700000 },
	});
	if (kind === 'buttonReply') {
		return fc.tuple(replyText, replyText).map(([payload, title]) => ({
			kind,
			id,
			replyId: payload,
			entry: inbound({
				type: 'BUTTON',
				messageText: title,
				interactive: { type: 'BUTTON_REPLY', buttonReply: { payload, title } },
			}),
		}));
	}
	if (kind === 'listReply') {
		return fc.tuple(replyText, replyText).map(([row, title]) => ({
			kind,
			id,
			replyId: row,
			entry: inbound({
				type: 'TEXT',
				messageText: title,
				interactive: { type: 'LIST_REPLY', listReply: { rowIdentifier: row, rowTitle: title } },
			}),
		}));
	}
	return fc
		.constantFrom<Obj>(
			{
				sent: true,
				sentStatusCode: 2,
				sentStatus: 'SENT_SUCCESS',
				sentAt: 1628344801000,
				sentDate: '2021-08-07T14:00:01Z',
			},
			{
				sent: true,
				sentStatusCode: 2,
				sentStatus: 'SENT_SUCCESS',
				delivered: true,
				deliveredStatusCode: 4,
				deliveredStatus: 'DELIVERED_SUCCESS',
				deliveredAt: 1628344802000,
			},
			{
				sent: true,
				sentStatusCode: 2,
				sentStatus: 'SENT_SUCCESS',
				delivered: true,
				deliveredStatusCode: 4,
				deliveredStatus: 'DELIVERED_SUCCESS',
				read: true,
				readAt: 1628344803000,
			},
			{
				sent: true,
				sentStatusCode: 2,
				sentStatus: 'SENT_SUCCESS',
				delivered: false,
				deliveredStatusCode: 104,
				deliveredStatus: 'NOT_DELIVERED',
			},
			{ sent: false, sentStatusCode: 202, sentStatus: 'INVALID_DESTINATION_NUMBER' },
		)
		.map((stage) => ({
			kind,
			id,
			entry: { id, destination: USER, origin: BUSINESS, correlationId: 'order-42', ...stage },
		}));
}

function messangiValid(kind: Kind, id: string): fc.Arbitrary<Valid> {
	if (kind === 'status') {
		return fc
			.tuple(
				fc.constantFrom(
					'QUEUE',
					'DEQUEUED',
					'SENT',
					'DELIVERED',
					'READ',
					'FAILED',
					'CODE_NOT_ALLOWED',
					'BLACKLISTED',
					'QUOTA_EXCEEDED',
				),
				fc.boolean(),
			)
			.map(([status, external]) => ({
				kind,
				id,
				entry: {
					messageId: id,
					...(external ? { externalId: 'ext-1' } : { clientId: 'client-1' }),
					channel: 'WHATSAPP',
					from: '1000000001',
					to: '+1000000002',
					status,
					timestamp: 1642531254980,
				},
			}));
	}
	const snake = kind === 'buttonReply' ? 'button_reply' : 'list_reply';
	const camel = kind === 'buttonReply' ? 'buttonReply' : 'listReply';
	return fc
		.tuple(replyText, replyText, fc.boolean(), fc.integer({ min: 0, max: 2 }))
		.map(([replyId, title, useSnake, depth]) => {
			const key = useSnake ? snake : camel;
			const reply: Obj = {
				id: replyId,
				title,
				...(kind === 'listReply' ? { description: 'a row' } : {}),
			};
			let message: Obj = { type: 'interactive', interactive: { type: key, [key]: reply } };
			// docs/providers.md: replies may sit at any depth.
			for (let i = 0; i < depth; i++) message = { payload: message };
			return {
				kind,
				id,
				replyId,
				entry: { id, from: '+1000000002', to: '1000000001', timestamp: '1642531300', message },
			};
		});
}

const validEntry = (provider: Provider, id: string) =>
	fc
		.constantFrom<Kind>('listReply', 'buttonReply', 'status')
		.chain((kind) => (provider === 'sinchLatam' ? sinchValid(kind, id) : messangiValid(kind, id)));

// ---------------------------------------------------------------- broken entries

const deepArray = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
const deepObject = (depth: number, leaf: unknown = 'x') => {
	let node: unknown = leaf;
	for (let i = 0; i < depth; i++) node = { a: node };
	return node;
};

const scalar = fc.oneof(
	fc.constant(null),
	fc.boolean(),
	fc.integer(),
	fc.double(),
	fc.string({ maxLength: 30 }),
	huge,
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
	{ weight: 1, arbitrary: scalar },
	{ weight: 1, arbitrary: fc.integer({ min: 10, max: 3000 }).map(deepArray) },
	{ weight: 1, arbitrary: fc.integer({ min: 10, max: 3000 }).map((d) => deepObject(d)) },
);

/** Where a broken entry was broken (for grouping findings). */
const BREAKS = [
	'replace',
	'delete',
	'null',
	'wrongType',
	'unknownKind',
	'longString',
	'deep',
	'protoKeys',
] as const;

function setPath(target: Obj, path: string[], value: unknown, remove = false): void {
	let node: any = target;
	for (const key of path.slice(0, -1)) {
		if (node === null || typeof node !== 'object') return;
		node = node[key];
	}
	if (node === null || typeof node !== 'object') return;
	const last = path[path.length - 1];
	if (remove) delete node[last];
	else node[last] = value;
}

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
	if (value === null || typeof value !== 'object') return [prefix];
	const out: string[][] = prefix.length ? [prefix] : [];
	for (const [k, v] of Object.entries(value)) out.push(...leafPaths(v, [...prefix, k]));
	return out;
}

/** A valid entry of another id, broken in one or two ways; or plain junk. */
function brokenEntry(provider: Provider, id: string): fc.Arbitrary<unknown> {
	const broken = validEntry(provider, id).chain((valid) => {
		const paths = leafPaths(valid.entry);
		const step = fc.record({
			how: fc.constantFrom(...BREAKS),
			path: fc.constantFrom(...paths),
			value: junk,
		});
		return fc.array(step, { minLength: 1, maxLength: 3 }).map((steps) => {
			const entry: Obj = JSON.parse(JSON.stringify(valid.entry));
			for (const { how, path, value } of steps) {
				if (how === 'replace') setPath(entry, path, value);
				else if (how === 'delete') setPath(entry, path, undefined, true);
				else if (how === 'null') setPath(entry, path, null);
				else if (how === 'wrongType') setPath(entry, path, typeof path === 'string' ? 42 : [path]);
				else if (how === 'unknownKind') {
					const interactive = entry.message?.interactive;
					if (
						interactive !== null &&
						typeof interactive === 'object' &&
						!Array.isArray(interactive)
					)
						interactive.type = 'CAROUSEL_REPLY';
					else entry.status = 'TELEPORTED';
				} else if (how === 'longString') setPath(entry, path, 'é'.repeat(200_000));
				else if (how === 'deep')
					setPath(entry, path, deepObject(2000, { button_reply: { id: 'deep', title: 'deep' } }));
				else
					Object.defineProperty(
						entry,
						['__proto__', 'constructor', 'toString', 'hasOwnProperty'][path.length % 4],
						{ value, enumerable: true, configurable: true, writable: true },
					);
			}
			return entry;
		});
	});
	return fc.oneof({ weight: 3, arbitrary: broken }, { weight: 1, arbitrary: junk });
}

// ---------------------------------------------------------------- requests

interface Request {
	label: string;
	body: unknown;
	rawBody?: string | Buffer | null;
	contentType: string;
	valid: Valid[];
	expect: 'reject' | 'accept' | 'either';
	outputOther: boolean;
}

const notJsonText = fc
	.oneof(
		fc.constantFrom(
			'{',
			'{"data": [',
			'<xml><data/></xml>',
			'total=1&data=x',
			'\u0000\u0001\u0002',
			'\ufeff{oops}',
			'undefined',
			'NaN',
			"{'single': 'quotes'}",
			'[1, 2,',
			'"unterminated',
			'{"total": 1, "data": [{"id": "x"}],}',
			'null null',
		),
		fc.string({ minLength: 1, maxLength: 200 }),
		fc
			.uint8Array({ minLength: 1, maxLength: 64 })
			.map((bytes) => Buffer.from(bytes).toString('latin1')),
	)
	.filter((s) => {
		try {
			const parsed = JSON.parse(s.replace(/^\ufeff/, ''));
			return parsed === null || typeof parsed !== 'object';
		} catch {
			return true;
		}
	});

function requestArb(provider: Provider): fc.Arbitrary<Request> {
	const outputOther = fc.boolean();
	const notJson = fc
		.tuple(
			notJsonText,
			fc.constantFrom('text/plain', 'application/octet-stream', ''),
			fc.boolean(),
			outputOther,
		)
		.map(([raw, contentType, parsedAsString, other]): Request => ({
			label: 'not JSON',
			// n8n hands the trigger what it parsed: nothing (an empty object) or the text.
			body: parsedAsString ? raw : {},
			rawBody: Buffer.from(raw, 'latin1'),
			contentType,
			valid: [],
			expect: 'reject',
			outputOther: other,
		}));
	const empty = fc
		.tuple(
			fc.constantFrom('', ' ', '\r\n', '\t  '),
			fc.constantFrom<unknown>({}, '', undefined),
			outputOther,
		)
		.map(([raw, body, other]): Request => ({
			label: 'empty',
			body,
			rawBody: raw,
			contentType: 'application/json',
			valid: [],
			expect: 'reject',
			outputOther: other,
		}));
	const scalarTop = fc.tuple(scalar, outputOther).map(([value, other]): Request => ({
		label: 'scalar at the top',
		body: value,
		rawBody: JSON.stringify(value),
		contentType: 'text/plain',
		valid: [],
		expect: 'reject',
		outputOther: other,
	}));
	const junkTop = fc
		.tuple(
			fc.oneof(
				fc.array(brokenEntry(provider, 'junk-top'), { maxLength: 6 }),
				brokenEntry(provider, 'junk-top').filter((v) => v !== null && typeof v === 'object'),
			),
			outputOther,
		)
		.map(([value, other]): Request => ({
			label: 'junk only',
			body: value,
			contentType: 'application/json',
			valid: [],
			expect: 'either',
			outputOther: other,
		}));
	const mixed = fc
		.tuple(
			fc.integer({ min: 1, max: 5 }),
			fc.integer({ min: 0, max: 8 }),
			fc.nat(),
			fc.constantFrom<'batch' | 'array' | 'data' | 'single' | 'badTotal'>(
				'batch',
				'array',
				'data',
				'single',
				'badTotal',
			),
			outputOther,
		)
		.chain(([manyValid, manyBroken, salt, wrap, other]) => {
			// A bare entry (the way Messangi may post one status) is one valid entry on its own.
			const validCount = wrap === 'single' ? 1 : manyValid;
			const brokenCount = wrap === 'single' ? 0 : manyBroken;
			return fc
				.tuple(
					fc.tuple(
						...Array.from({ length: validCount }, (_, i) =>
							validEntry(provider, `valid-${salt}-${i}`),
						),
					),
					fc.array(brokenEntry(provider, `broken-${salt}`), {
						minLength: brokenCount,
						maxLength: brokenCount,
					}),
					fc.array(fc.nat(), {
						minLength: validCount + brokenCount,
						maxLength: validCount + brokenCount,
					}),
				)
				.map(([valid, broken, order]): Request => {
					const entries: Array<{ key: number; value: unknown }> = [
						...valid.map((v, i) => ({ key: order[i], value: v.entry as unknown })),
						...broken.map((b, i) => ({ key: order[valid.length + i], value: b })),
					].sort((a, b) => a.key - b.key);
					const data = entries.map((e) => e.value);
					let body: unknown;
					let shape: string;
					if (wrap === 'single' && valid.length === 1 && broken.length === 0) {
						body = valid[0].entry;
						shape = 'one entry, bare';
					} else if (provider === 'sinchLatam' && wrap !== 'array' && wrap !== 'data') {
						const bad = wrap === 'badTotal';
						body = {
							total: bad ? 'many' : data.length,
							data,
							clientInfo: bad ? null : { customerId: 1, subAccountId: 2, userId: 3 },
						};
						shape = bad ? 'batch with a wrong total and null clientInfo' : 'batch';
					} else if (wrap !== 'array') {
						body = { data };
						shape = 'wrapped in data';
					} else {
						body = data;
						shape = 'array';
					}
					return {
						label: `${valid.length} valid + ${broken.length} broken (${shape})`,
						body,
						contentType: 'application/json',
						valid,
						expect: 'accept',
						outputOther: other,
					};
				});
		});
	return fc.oneof(
		{ weight: 2, arbitrary: notJson },
		{ weight: 1, arbitrary: empty },
		{ weight: 1, arbitrary: scalarTop },
		{ weight: 3, arbitrary: junkTop },
		{ weight: 6, arbitrary: mixed },
	);
}

// ---------------------------------------------------------------- running

interface Stats {
	byLabel: Record<string, number>;
	byStatus: Record<string, number>;
	/** Requests with something broken in them: no valid entry, or broken entries next to valid ones. */
	malformed: number;
	validEntries: number;
	validDelivered: number;
	brokenRequests: number;
	maxMs: number;
	failures: Record<string, { count: number; example: string }>;
}

function describeRequest(r: Request): string {
	const body = JSON.stringify(r.body, (_k, v) =>
		typeof v === 'string' && v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v,
	);
	return `${r.label}: ${body === undefined ? String(r.body) : body.length > 500 ? `${body.slice(0, 500)}…` : body}`;
}

async function runProvider(provider: Provider): Promise<Stats> {
	const stats: Stats = {
		byLabel: {},
		byStatus: {},
		malformed: 0,
		validEntries: 0,
		validDelivered: 0,
		brokenRequests: 0,
		maxMs: 0,
		failures: {},
	};
	const fail = (reason: string, r: Request, detail: unknown) => {
		const f = (stats.failures[reason] ??= { count: 0, example: '' });
		f.count++;
		if (!f.example)
			f.example = `${describeRequest(r)}\n      → ${JSON.stringify(detail)?.slice(0, 600)}`;
	};
	await fc.assert(
		fc.asyncProperty(requestArb(provider), async (r) => {
			const label = r.label.replace(/^\d+ valid \+ \d+ broken/, 'valid + broken');
			stats.byLabel[label] = (stats.byLabel[label] ?? 0) + 1;
			stats.validEntries += r.valid.length;
			if (r.valid.length === 0) stats.brokenRequests++;
			if (r.valid.length === 0 || !/ \+ 0 broken/.test(r.label)) stats.malformed++;
			const mock = createWebhookContext({
				properties: trigger.description.properties,
				parameters: { provider, outputOther: r.outputOther },
				body: r.body,
				...(r.rawBody !== undefined ? { rawBody: r.rawBody } : {}),
				headers: r.contentType ? { 'content-type': r.contentType } : {},
			});
			const started = Date.now();
			let result: Awaited<ReturnType<typeof trigger.webhook>> | undefined;
			try {
				result = await trigger.webhook.call(mock.context);
			} catch (error) {
				fail('webhook() threw', r, String(error));
				return;
			}
			stats.maxMs = Math.max(stats.maxMs, Date.now() - started);
			// Either the trigger answered, or it left a receipt for n8n to send once the execution is stored.
			const leftToN8n = result?.noWebhookResponse !== true;
			if (
				leftToN8n &&
				(mock.response.headersSent ||
					result?.webhookResponse === undefined ||
					!result?.workflowData)
			)
				fail('neither answered nor left a receipt with an execution', r, result);
			if (!leftToN8n && !mock.response.headersSent) fail('not answered by the trigger', r, result);
			if (result) answerAsN8n(mock.response, result);
			const status = mock.response.statusCode;
			stats.byStatus[String(status)] = (stats.byStatus[String(status)] ?? 0) + 1;
			if (mock.logger.error.mock.calls.length)
				fail('logged an error', r, mock.logger.error.mock.calls[0]);
			if (status !== 200 && status !== 400) {
				fail(`answered ${status}`, r, mock.response.body);
				return;
			}
			const outputs = (result?.workflowData ?? []) as INodeExecutionData[][];
			const items = outputs.reduce((k, o) => k + o.length, 0);
			if (status === 400) {
				if (r.expect === 'accept')
					fail('400 for a callback with valid entries', r, mock.response.body);
				if (items) fail('400 but an execution started', r, items);
				if (typeof (mock.response.body as Obj)?.message !== 'string')
					fail('400 without a message', r, mock.response.body);
				return;
			}
			if (r.expect === 'reject')
				fail('200 for a body that is not a callback', r, mock.response.body);
			const counts = mock.response.body as Obj;
			if (counts.received !== counts.delivered + counts.duplicates + counts.ignored)
				fail('200 whose counts do not add up', r, counts);
			if (items !== counts.delivered)
				fail('items handed on differ from "delivered"', r, { items, counts });
			// Every status state is selected (the default), so with Other on nothing may be dropped.
			if (r.outputOther && counts.ignored !== 0)
				fail('Other is on but entries were dropped', r, counts);
			if (r.outputOther && (outputs[3]?.length ?? 0) < counts.unrecognised)
				fail('unrecognised entries missing from Other', r, counts);
			for (const v of r.valid) {
				const found = (outputs[OUTPUT[v.kind]] ?? []).find((item) => item.json.messageId === v.id);
				if (!found) {
					fail(`valid ${v.kind} did not reach its output`, r, {
						id: v.id,
						outputs: outputs.map((o) => o.map((i) => [i.json.event, i.json.messageId])),
					});
					continue;
				}
				stats.validDelivered++;
				if (v.replyId !== undefined && (found.json.reply as Obj)?.id !== v.replyId)
					fail(`valid ${v.kind} has the wrong reply id`, r, {
						expected: v.replyId,
						got: found.json.reply,
					});
				if (found.json.raw === undefined) fail('item without its raw event', r, found.json);
			}
		}),
		{ numRuns: RUNS, seed: SEED, endOnFailure: true },
	);
	return stats;
}

const summary: string[] = [];
afterAll(() =>
	console.log(`Callback runs (seed ${SEED}, ${RUNS} per provider):\n${summary.join('\n')}`),
);

describe.each(['sinchLatam', 'messangi'] as Provider[])('%s: malformed callbacks', (provider) => {
	let stats: Stats;
	beforeAll(async () => {
		const started = Date.now();
		stats = await runProvider(provider);
		const labels = Object.entries(stats.byLabel)
			.sort((a, b) => b[1] - a[1])
			.map(([l, n]) => `${n} ${l}`)
			.join(', ');
		summary.push(
			`  ${provider}: ${RUNS} requests, ${stats.malformed} of them malformed (${labels}); ${stats.validEntries} valid entries among them; answers ${JSON.stringify(stats.byStatus)}; slowest ${stats.maxMs} ms; ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
	}, 600_000);

	it('generates at least 1,000 malformed requests', () => {
		expect(stats.malformed).toBeGreaterThanOrEqual(Math.min(RUNS, 1_000));
	});

	it('answers every request with 200 or 400 as the README says, starts nothing on a 400, and never loses a valid entry', () => {
		const report = Object.entries(stats.failures)
			.map(([reason, f]) => `  ${f.count}× ${reason}\n    e.g. ${f.example}`)
			.join('\n');
		expect(report).toBe('');
	});

	it('delivered every valid entry generated', () => {
		expect(stats.validEntries).toBeGreaterThan(RUNS / 2);
		expect(stats.validDelivered).toBe(stats.validEntries);
	});

	// The slowest answer (Sinch redelivers after about 200 ms) is printed above as "slowest N ms":
	// a number to read, not to assert, since it depends on the machine's load (bench/ measures it).
});
