/**
 * Property-based tests of the action node's message handling (issue "Hostile input, faults and
 * secrets" — Messages). For each provider and each way of defining a message (JSON mode, fields
 * mode), PROPERTY_RUNS (default 10,000) generated cases go through the node's `execute` with
 * `operation: buildPayload` (nothing is sent). Generators: ./arbitraries.ts. One test file per
 * provider (messages.<provider>.property.test.ts) calls describeMessageProperties(), so that jest
 * runs the two on both cores at once.
 *
 * Properties (each its own test, so one broken rule does not hide another):
 * 1. nothing but a NodeOperationError is ever thrown;
 * 2. every accepted payload satisfies the independent JSON Schema of its dialect and extra.ts;
 * 3. every rejection names a field (in its message or its description);
 * 4. every valid case is accepted, and its payload carries exactly the generated message;
 * 5. every invalid case is rejected, naming each field that was broken (message or description);
 * 6. error messages stay short, however huge the input.
 *
 * Reproduce with FC_SEED=<seed printed in the summary>; scale with PROPERTY_RUNS; DEBUG_SLOW=1 logs
 * every case that takes over 100 ms.
 */
import { isDeepStrictEqual, inspect } from 'util';
import fc from 'fast-check';
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';
import { checkRequestBody } from '../schemas/extra';
import {
	applyChaos,
	clone,
	baseArb,
	chaosSteps,
	NOT_AN_OBJECT,
	violationsFor,
	type Base,
	type ChaosStep,
	type FieldRef,
	type Mode,
	type Provider,
	type Section,
	type Violation,
} from './arbitraries';
import { redactCallbackUrl } from '../../nodes/shared/dialects/envelope';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);
const SEED = Number(process.env.FC_SEED ?? 20261121);
type Obj = Record<string, any>;
type Kind = 'valid' | 'invalid' | 'chaos';

// ---------------------------------------------------------------- cases

interface Layout {
	/** Fields mode: whether rows of different sections are interleaved in the Rows collection. */
	interleave: boolean;
	picks: number[];
	/** JSON mode: the message as an object (0), compact JSON text (1) or pretty JSON text (2). */
	jsonAs: 0 | 1 | 2;
	/** Fields mode, valid cases: ids given as numbers (an expression returning a number). */
	numericIds: boolean;
	headerTypeNoneOmitted: boolean;
}

const layoutArb: fc.Arbitrary<Layout> = fc.record({
	interleave: fc.boolean(),
	picks: fc.array(fc.nat(99), { minLength: 20, maxLength: 20 }),
	jsonAs: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
	numericIds: fc.boolean(),
	headerTypeNoneOmitted: fc.boolean(),
});

interface Case {
	provider: Provider;
	mode: Mode;
	kind: Kind;
	base: Base;
	params: Obj;
	violations: Array<{ violation: Violation; refs: FieldRef[] }>;
	/** Fields mode: the model row [section, row] at each position of the Rows collection. */
	ui: Array<[number, number]>;
	chaos?: ChaosStep[];
}

/** Rows in the order the user entered them in the Rows collection (fields mode). */
function uiOrder(sections: Section[], layout: Layout): Array<[number, number]> {
	const order: Array<[number, number]> = [];
	const next = sections.map(() => 0);
	const total = sections.reduce((k, s) => k + s.rows.length, 0);
	for (let k = 0; k < total; k++) {
		const open = sections.map((_s, i) => i).filter((i) => next[i] < sections[i].rows.length);
		const s = layout.interleave
			? open[layout.picks[k % layout.picks.length] % open.length]
			: open[0];
		order.push([s, next[s]++]);
	}
	return order;
}

function fieldsParams(base: Base, layout: Layout): { params: Obj; ui: Array<[number, number]> } {
	const m = base.message;
	const params: Obj = {
		provider: base.provider,
		operation: 'buildPayload',
		defineMessage: 'fields',
		to: base.to.value,
		options: base.options,
	};
	if (base.provider === 'messangi') params.from = base.from?.value;
	params.messageType = m.type;
	const h = m.header;
	if (h === undefined || h === null) {
		if (!layout.headerTypeNoneOmitted) params.headerType = 'none';
	} else if (h.type === 'text') {
		Object.assign(params, { headerType: 'text', headerText: h.text });
	} else if (h.type === 'location') {
		Object.assign(params, {
			headerType: 'location',
			headerLatitude: h.latitude,
			headerLongitude: h.longitude,
			headerLocationName: h.name ?? '',
			headerLocationAddress: h.address ?? '',
		});
	} else {
		Object.assign(params, { headerType: h.type, headerMediaUrl: h.url });
		if (base.provider === 'sinchLatam') params.headerMediaType = h.mediaType ?? '';
	}
	params.bodyText = m.body;
	if (m.footer !== undefined && m.footer !== null) params.footerText = m.footer;
	let ui: Array<[number, number]> = [];
	if (m.type === 'buttons') {
		params.buttons = { button: (m.buttons as Obj[]).map((b) => ({ id: b.id, title: b.title })) };
	} else {
		const sections = m.list.sections as Section[];
		ui = uiOrder(sections, layout);
		params.listButtonText = m.list.button;
		params.rows = {
			row: ui.map(([s, r]) => {
				const row = sections[s].rows[r];
				return {
					section: sections[s].title ?? '',
					id: row.id,
					title: row.title,
					description: row.description ?? '',
				};
			}),
		};
	}
	return { params, ui };
}

function jsonParams(base: Base, layout: Layout): Obj {
	const message: unknown =
		NOT_AN_OBJECT in base.message ? base.message[NOT_AN_OBJECT] : base.message;
	const messageJson =
		NOT_AN_OBJECT in base.message || layout.jsonAs === 0
			? message
			: JSON.stringify(message, null, layout.jsonAs === 2 ? 2 : undefined);
	const params: Obj = {
		provider: base.provider,
		operation: 'buildPayload',
		defineMessage: 'json',
		messageJson,
		to: base.to.value,
		options: base.options,
	};
	if (base.provider === 'messangi') params.from = base.from?.value;
	return params;
}

function makeIdsNumeric(base: Base): void {
	const m = base.message;
	if (m.type === 'buttons') (m.buttons as Obj[]).forEach((b, i) => (b.id = 7 * i + 1));
	else
		(m.list.sections as Section[]).flatMap((s) => s.rows).forEach((row, i) => (row.id = 1000 + i));
}

function caseArb(provider: Provider, mode: Mode): fc.Arbitrary<Case> {
	const kindArb = fc.oneof(
		{ weight: 4, arbitrary: fc.constant<Kind>('valid') },
		{ weight: 5, arbitrary: fc.constant<Kind>('invalid') },
		{ weight: 2, arbitrary: fc.constant<Kind>('chaos') },
	);
	const count = fc.oneof(
		{ weight: 4, arbitrary: fc.constant(1) },
		{ weight: 1, arbitrary: fc.constant(2) },
		{ weight: 1, arbitrary: fc.constant(3) },
	);
	return fc.tuple(baseArb(provider), layoutArb, kindArb, count).chain(([base, layout, kind, k]) => {
		const finish = (b: Base, violations: Case['violations'], chaos?: ChaosStep[]): Case => {
			if (mode === 'json')
				return {
					provider,
					mode,
					kind,
					base: b,
					params: jsonParams(b, layout),
					violations,
					ui: [],
					chaos,
				};
			const { params, ui } = fieldsParams(b, layout);
			return { provider, mode, kind, base: b, params, violations, ui, chaos };
		};
		if (kind === 'valid') {
			const b = clone(base);
			if (mode === 'fields' && layout.numericIds) makeIdsNumeric(b);
			return fc.constant(finish(b, []));
		}
		if (kind === 'invalid') {
			const arbs = violationsFor(base, mode);
			return fc
				.shuffledSubarray(arbs, {
					minLength: Math.min(k, arbs.length),
					maxLength: Math.min(k, arbs.length),
				})
				.chain((chosen) => fc.tuple(...chosen))
				.map((violations) => {
					const b = clone(base);
					const areas = new Set<string>();
					const applied: Case['violations'] = [];
					const whole = violations.find((x) => x.area === 'whole');
					for (const violation of whole ? [whole] : violations) {
						if (areas.has(violation.area)) continue;
						areas.add(violation.area);
						applied.push({ violation, refs: violation.apply(b) });
					}
					return finish(b, applied);
				});
		}
		const target: Obj =
			mode === 'json'
				? jsonParams(base, { ...layout, jsonAs: 0 })
				: fieldsParams(base, layout).params;
		const fixed = {
			provider: target.provider,
			operation: target.operation,
			defineMessage: target.defineMessage,
		};
		const { provider: _p, operation: _o, defineMessage: _d, ...free } = target;
		return chaosSteps(free).map((steps) => {
			const params: Obj = { ...applyChaos(free, steps), ...fixed };
			if (
				mode === 'json' &&
				layout.jsonAs !== 0 &&
				params.messageJson !== null &&
				typeof params.messageJson === 'object'
			) {
				try {
					params.messageJson = JSON.stringify(params.messageJson);
				} catch {
					// Left as an object.
				}
			}
			return { provider, mode, kind, base, params, violations: [], ui: [], chaos: steps };
		});
	});
}

// ---------------------------------------------------------------- decoding the payload back

function dropUndefined(o: Obj): Obj {
	return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined));
}

function decodeMessangi(body: Obj): Obj {
	const req = body.request ?? {};
	const i = req.interactive ?? {};
	const out: Obj = {
		type: i.type === 'button' ? 'buttons' : i.type === 'list' ? 'list' : `?${i.type}`,
	};
	if (i.header)
		out.header =
			i.header.type === 'text'
				? { type: 'text', text: i.header.text }
				: { type: i.header.type, url: i.header[i.header.type]?.link };
	out.body = i.body?.text;
	if (i.footer) out.footer = i.footer.text;
	if (i.type === 'button')
		out.buttons = (i.action?.buttons ?? []).map((b: Obj) => ({
			id: b.reply?.id,
			title: b.reply?.title,
		}));
	if (i.type === 'list') {
		out.list = {
			button: i.action?.button,
			sections: (i.action?.sections ?? []).map((s: Obj) => ({
				title: s.title,
				rows: (s.rows ?? []).map((r: Obj) =>
					dropUndefined({ id: r.id, title: r.title, description: r.description }),
				),
			})),
		};
	}
	const callbacks =
		typeof body.callbacks === 'string'
			? body.callbacks.split(',').map((u: string) => u.trim())
			: body.callbacks;
	out.envelope = dropUndefined({
		to: req.to,
		from: req.from,
		externalId: req.externalId,
		clientId: req.clientId,
		message: req.message,
		callbacks,
	});
	return out;
}

function decodeSinch(body: Obj): Obj {
	const i = body.message?.interactive ?? {};
	const out: Obj = {
		type:
			i.messageInteractiveType === 'REPLY_BUTTON'
				? 'buttons'
				: i.messageInteractiveType === 'LIST'
					? 'list'
					: `?${i.messageInteractiveType}`,
	};
	const h = i.header;
	if (h) {
		if ('text' in h) out.header = { type: 'text', text: h.text };
		else if ('location' in h) {
			const [lat, lng] = String(h.location.geoPoint).split(',').map(Number);
			out.header = dropUndefined({
				type: 'location',
				latitude: lat,
				longitude: lng,
				name: h.location.name,
				address: h.location.address,
			});
		} else {
			const kind = Object.keys(h)[0];
			out.header = { type: kind, url: h[kind]?.url, mediaType: h[kind]?.type };
		}
	}
	out.body = i.body?.text;
	if (i.footer) out.footer = i.footer.text;
	if (out.type === 'buttons')
		out.buttons = (i.replyButtonAction?.buttons ?? []).map((b: Obj) => ({
			id: b.reply?.payload,
			title: b.reply?.title,
		}));
	if (out.type === 'list') {
		out.list = {
			button: i.listAction?.button,
			sections: (i.listAction?.sections ?? []).map((s: Obj) => ({
				rows: (s.rows ?? []).map((r: Obj) =>
					dropUndefined({ id: r.identifier, title: r.title, description: r.description }),
				),
			})),
		};
	}
	const d = (body.destinations ?? [])[0] ?? {};
	out.envelope = dropUndefined({
		to: d.destination,
		correlationId: d.correlationId,
		alternativeText: i.alternativeText,
	});
	return out;
}

// ---------------------------------------------------------------- what a valid case must encode to

const extensionOf = (url: string): string =>
	(/\.([A-Za-z0-9]+)$/.exec(url.split(/[?#]/)[0]) ?? ['', ''])[1];
const given = (v: unknown): boolean => v !== undefined && v !== null;

function expectedModel(c: Case): Obj {
	const { base, mode, provider } = c;
	const m = base.message;
	const str = (v: unknown) => (mode === 'fields' ? String(v) : v);
	const out: Obj = { type: m.type };
	const h = m.header;
	if (given(h)) {
		if (h.type === 'text') out.header = { type: 'text', text: h.text };
		else if (h.type === 'location')
			out.header = dropUndefined({
				type: 'location',
				latitude: h.latitude,
				longitude: h.longitude,
				name: h.name,
				address: h.address,
			});
		else if (provider === 'messangi') out.header = { type: h.type, url: h.url };
		else
			out.header = {
				type: h.type,
				url: h.url,
				mediaType: (given(h.mediaType) && h.mediaType !== ''
					? String(h.mediaType).trim()
					: extensionOf(h.url)
				).toUpperCase(),
			};
	}
	out.body = m.body;
	if (given(m.footer)) out.footer = m.footer;
	if (m.type === 'buttons')
		out.buttons = (m.buttons as Obj[]).map((b) => ({ id: str(b.id), title: str(b.title) }));
	if (m.type === 'list') {
		const sections = m.list.sections as Section[];
		const row = (r: Obj) =>
			dropUndefined({
				id: str(r.id),
				title: str(r.title),
				description: given(r.description) ? r.description : undefined,
			});
		let outSections: Obj[];
		if (mode === 'json') {
			outSections = sections.map((s) => ({
				...(provider === 'messangi' ? { title: s.title } : {}),
				rows: s.rows.map(row),
			}));
		} else {
			// docs/contract.md: rows that share a section title form one section, in order of first appearance.
			const groups = new Map<string, Obj[]>();
			for (const [s, r] of c.ui) {
				const key = String(sections[s].title ?? '').trim();
				if (!groups.has(key)) groups.set(key, []);
				groups.get(key)!.push(row(sections[s].rows[r]));
			}
			outSections = [...groups.entries()].map(([title, rows]) => ({
				...(provider === 'messangi' ? { title } : {}),
				rows,
			}));
		}
		out.list = { button: m.list.button, sections: outSections };
	}
	const o = base.expectedOptions;
	out.envelope =
		provider === 'messangi'
			? dropUndefined({
					to: `+${base.to.digits}`,
					from: base.from?.digits,
					externalId: o.externalId,
					clientId: o.clientId,
					message: o.message,
					// As Build Payload shows them: secrets in callback URLs redacted.
					callbacks: o.callbacks?.map((url: string) => redactCallbackUrl(url)),
				})
			: dropUndefined({
					to: base.to.digits,
					correlationId: o.correlationId,
					alternativeText: o.alternativeText,
				});
	return out;
}

/** Coordinates travel as text with some precision: equal within a millionth of a degree. */
function alignCoordinates(actual: Obj, expected: Obj): void {
	const a = actual.header;
	const e = expected.header;
	if (a?.type !== 'location' || e?.type !== 'location') return;
	for (const key of ['latitude', 'longitude'])
		if (Math.abs(a[key] - e[key]) <= 1.0000001e-6) a[key] = e[key];
}

// ---------------------------------------------------------------- naming fields

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PROP = { id: 'ID', title: 'title', description: 'description' } as const;
const GENERIC_FIELD =
	/\b(body|footer|header|buttons?|list|sections?|rows?|recipient|sender|callback|type|message|latitude|longitude|location|media|ID|title|description|field)\b/i;

/** Ways of naming `ref` that the error message may use (any one is enough). */
function namings(ref: FieldRef, c: Case, structural: boolean): RegExp[] {
	const sections = (c.base.message.list?.sections ?? []) as Section[];
	switch (ref.field) {
		case 'body':
			return [/\bBody\b/];
		case 'footer':
			return [/\bFooter\b/];
		case 'headerText':
			return [/Header text/i];
		case 'headerUrl':
			return [/Header (media )?URL/i];
		case 'headerMediaType':
			return [/(Header )?media type/i];
		case 'header':
			return [/header/i];
		case 'latitude':
			return [/latitude/i];
		case 'longitude':
			return [/longitude/i];
		case 'buttons':
			return [/\bbuttons\b/i];
		case 'listButton':
			return [/List button/i];
		case 'sections':
			return [/sections/i];
		case 'rows':
			return [/rows/i];
		case 'type':
			return [/\btype\b/i];
		case 'to':
			return [/Recipient \(To\)/];
		case 'from':
			return [/Sender \(From\)/];
		case 'message':
			return [/\bmessage\b/i];
		case 'button':
			return [new RegExp(`\\bButton ${ref.index + 1} ${PROP[ref.prop]}\\b`)];
		case 'callback':
			return [new RegExp(`\\bCallback URL ${ref.index + 1}\\b`)];
		case 'key':
			return [new RegExp(escape(ref.key))];
		case 'section':
			return [new RegExp(`\\bSection ${ref.index + 1}\\b`)];
		case 'sectionTitle': {
			if (c.mode === 'json') return [new RegExp(`\\bSection ${ref.index + 1} title\\b`)];
			const keys: string[] = [];
			for (const [s] of c.ui) {
				const key = String(sections[s].title ?? '').trim();
				if (!keys.includes(key)) keys.push(key);
			}
			const g = keys.indexOf(String(sections[ref.index].title ?? '').trim());
			return [new RegExp(`\\bSection ${g + 1} title\\b`)];
		}
		case 'row': {
			const rowsOf = (s: number, r: number) => {
				if (c.mode === 'fields') {
					const ui = c.ui.findIndex(([a, b]) => a === s && b === r);
					return [new RegExp(`\\bRow ${ui + 1} ${PROP[ref.prop]}\\b`)];
				}
				const global = sections.slice(0, s).reduce((k, sec) => k + sec.rows.length, 0) + r;
				return [
					new RegExp(`\\bRow ${global + 1} ${PROP[ref.prop]}\\b`),
					new RegExp(
						`\\bSection ${s + 1} Row ${r + 1} ${PROP[ref.prop]}\\b`,
						structural ? 'i' : '',
					),
					new RegExp(escape(`list.sections[${s}].rows[${r}].${ref.prop}`)),
				];
			};
			return [
				...rowsOf(ref.section, ref.row),
				...(ref.alsoRow ? rowsOf(ref.alsoRow[0], ref.alsoRow[1]) : []),
			];
		}
	}
}

// ---------------------------------------------------------------- running

interface Finding {
	count: number;
	examples: Array<{ size: number; text: string }>;
}
interface Result {
	counts: Record<Kind, number> & { accepted: number; rejected: number; seconds: number };
	byViolation: Record<string, number>;
	findings: Record<string, Record<string, Finding>>;
}

const PROPERTIES = [
	'wrongException',
	'invalidPayloadAccepted',
	'rejectionNamesNoField',
	'validRejectedOrAltered',
	'invalidNotRejectedOrNotNamed',
	'errorFloods',
] as const;
type Property = (typeof PROPERTIES)[number];

/** A cheap measure of how big a case is (string lengths and entries, bounded). */
function sizeOf(value: unknown, depth = 0): number {
	if (typeof value === 'string') return value.length;
	if (value === null || typeof value !== 'object' || depth > 6) return 1;
	let size = 1;
	for (const entry of Object.values(value).slice(0, 50)) size += sizeOf(entry, depth + 1);
	return size;
}

function show(value: unknown, max = 700, maxStringLength = 80): string {
	const text = inspect(value, {
		depth: 6,
		maxStringLength,
		maxArrayLength: 12,
		breakLength: Infinity,
	});
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

async function runProperty(provider: Provider, mode: Mode): Promise<Result> {
	const started = Date.now();
	const result: Result = {
		counts: { valid: 0, invalid: 0, chaos: 0, accepted: 0, rejected: 0, seconds: 0 },
		byViolation: {},
		findings: Object.fromEntries(PROPERTIES.map((p) => [p, {}])) as Result['findings'],
	};
	const record = (property: Property, reason: string, c: Case, detail: unknown) => {
		const bucket = (result.findings[property][reason] ??= { count: 0, examples: [] });
		bucket.count++;
		// Keep the three smallest examples; rendering them is the costly part, so only when needed.
		const size = sizeOf(c.params);
		if (bucket.examples.length === 3 && size >= bucket.examples[2].size) return;
		const text = `${show(c.params)}\n      → ${show(detail, 1200, 400)}`;
		bucket.examples.push({ size, text });
		bucket.examples.sort((a, b) => a.size - b.size);
		bucket.examples.length = Math.min(bucket.examples.length, 3);
	};

	await fc.assert(
		fc.asyncProperty(caseArb(provider, mode), async (c) => {
			result.counts[c.kind]++;
			for (const { violation } of c.violations)
				result.byViolation[violation.name] = (result.byViolation[violation.name] ?? 0) + 1;
			const ctx = executeContext({ params: c.params as IDataObject });
			const t0 = Date.now();
			let items: Array<{ json: Obj }> | undefined;
			let thrown: unknown;
			try {
				[items] = (await new WhatsAppInteractive().execute.call(ctx)) as Array<
					Array<{ json: Obj }>
				>;
			} catch (error) {
				thrown = error;
			}
			const reason = c.violations.map((x) => x.violation.name).join(' + ') || c.kind;
			if (process.env.DEBUG_SLOW && Date.now() - t0 > 100)
				console.log(
					'SLOW',
					Date.now() - t0,
					reason,
					show(c.params, 600),
					show(thrown instanceof Error ? thrown.message.length : 'ok'),
				);

			if (items) {
				result.counts.accepted++;
				const body = items[0]?.json.body as Obj;
				const problems =
					items.length === 1
						? checkRequestBody(provider, body)
						: [`${items.length} items out for 1 in`];
				if (problems.length)
					record('invalidPayloadAccepted', `${c.kind}: ${problems[0].replace(/\d+/g, 'n')}`, c, {
						problems,
						body,
					});
				if (c.kind === 'invalid')
					record('invalidNotRejectedOrNotNamed', `accepted: ${reason}`, c, body);
				if (c.kind === 'valid' && !problems.length) {
					const actual = provider === 'messangi' ? decodeMessangi(body) : decodeSinch(body);
					const expected = expectedModel(c);
					alignCoordinates(actual, expected);
					if (!isDeepStrictEqual(actual, expected)) {
						const keys = Object.keys({ ...actual, ...expected }).filter(
							(k) => !isDeepStrictEqual(actual[k], expected[k]),
						);
						record('validRejectedOrAltered', `altered: ${keys.join(', ')}`, c, {
							actual: keys.map((k) => actual[k]),
							expected: keys.map((k) => expected[k]),
						});
					}
				}
				return;
			}

			result.counts.rejected++;
			if (!(thrown instanceof NodeOperationError)) {
				record(
					'wrongException',
					`${(thrown as Error)?.constructor?.name}: ${String((thrown as Error)?.message).slice(0, 60)}`,
					c,
					thrown,
				);
				return;
			}
			// The message must stay short; together with the description (the full list) it names the fields.
			const message = `${thrown.message}\n${thrown.description ?? ''}`;
			if (thrown.message.length > 5_000)
				record('errorFloods', reason, c, `${thrown.message.length} characters`);
			if (!GENERIC_FIELD.test(message)) record('rejectionNamesNoField', reason, c, message);
			if (c.kind === 'valid') record('validRejectedOrAltered', 'rejected', c, message);
			if (c.kind === 'invalid') {
				const structural = c.violations.some((x) => x.violation.structural);
				for (const { violation, refs } of c.violations) {
					if (structural && !violation.structural) continue; // parser errors come first, alone
					for (const ref of refs) {
						if (!namings(ref, c, violation.structural).some((re) => re.test(message))) {
							record('invalidNotRejectedOrNotNamed', `not named: ${violation.name}`, c, {
								expected: namings(ref, c, violation.structural).map(String),
								message,
							});
						}
					}
				}
			}
		}),
		{ numRuns: RUNS, seed: SEED, endOnFailure: true },
	);
	result.counts.seconds = (Date.now() - started) / 1000;
	return result;
}

function report(findings: Record<string, Finding>): string {
	const sorted = Object.entries(findings).sort((a, b) => b[1].count - a[1].count);
	const shown = sorted
		.slice(0, 12)
		.map(([reason, f]) => `  ${f.count}× ${reason}\n    e.g. ${f.examples[0]?.text}`);
	const rest = sorted.slice(12);
	if (rest.length)
		shown.push(
			`  … and ${rest.reduce((k, [, f]) => k + f.count, 0)} more cases under ${rest.length} other reasons`,
		);
	return shown.join('\n');
}

/** The property tests of one provider, in JSON mode and in fields mode. */
export function describeMessageProperties(provider: Provider): void {
	const summary: string[] = [];
	afterAll(() => {
		// The counts quoted in docs/reliability.md.
		console.log(
			`Property runs (seed ${SEED}, ${RUNS} per provider and mode):\n${summary.join('\n')}`,
		);
	});
	describe.each(['json', 'fields'] as Mode[])(`${provider}, %s mode`, (mode) => {
		describeMode(provider, mode, summary);
	});
}

function describeMode(provider: Provider, mode: Mode, summary: string[]): void {
	let result: Result;
	beforeAll(async () => {
		result = await runProperty(provider, mode);
		const c = result.counts;
		const top = Object.entries(result.byViolation).length;
		summary.push(
			`  ${provider.padEnd(10)} ${mode.padEnd(6)} ${RUNS} cases: ${c.valid} valid, ${c.invalid} invalid (${top} kinds of violation), ${c.chaos} random corruptions; ${c.accepted} accepted, ${c.rejected} rejected; ${c.seconds.toFixed(1)} s`,
		);
	}, 600_000);

	const expectNone = (property: Property) => {
		const found = result.findings[property];
		if (Object.keys(found).length) throw new Error(`${property}:\n${report(found)}`);
	};

	it('generates at least PROPERTY_RUNS cases, valid and invalid', () => {
		expect(result.counts.valid + result.counts.invalid + result.counts.chaos).toBe(RUNS);
		expect(result.counts.valid).toBeGreaterThan(RUNS / 5);
		expect(result.counts.invalid).toBeGreaterThan(RUNS / 5);
	});
	it('throws nothing but NodeOperationError', () => expectNone('wrongException'));
	it('accepts no payload that breaks the independent schema (test/schemas)', () =>
		expectNone('invalidPayloadAccepted'));
	it('names a field in every rejection', () => expectNone('rejectionNamesNoField'));
	it('accepts every valid message and sends exactly that message', () =>
		expectNone('validRejectedOrAltered'));
	it('rejects every invalid message, naming each broken field', () =>
		expectNone('invalidNotRejectedOrNotNamed'));
	it('keeps error messages short, whatever the input size', () => expectNone('errorFloods'));
}
