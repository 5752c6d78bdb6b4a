/**
 * fast-check arbitraries for hostile WhatsApp interactive messages, written from docs/contract.md, docs/message-model.md and the limits table (docs/limits.md) and the
 * seed documents (not from the package code; nothing here imports from `nodes/`).
 *
 * A generated case is one node run (`operation: buildPayload`, one item) in JSON mode or fields mode,
 * of one of three kinds:
 * - `valid`: within every limit of the limits table (docs/limits.md) for its provider. Must be accepted, and the payload must
 *   carry exactly the message that was generated (checked by decoding the payload back).
 * - `invalid`: a valid case with one to three known violations applied. Must be rejected with a
 *   NodeOperationError that names every violated field (in words or as a path).
 * - `chaos`: a valid case with a random part replaced by a random JSON value, removed, or an
 *   unknown key added. Either outcome is fine, as long as an accepted payload is valid and a
 *   rejection is a NodeOperationError naming a field.
 */
import fc from 'fast-check';

export type Provider = 'messangi' | 'sinchLatam';
export type Mode = 'json' | 'fields';
type Obj = Record<string, any>;

/** Code points, counted without the package's helper. */
export const cpLength = (s: string): number => Array.from(s).length;
/**
 * Deep copy within this realm (jest's `structuredClone` makes objects of the outer realm, which
 * `isDeepStrictEqual` then tells apart); keeps own keys such as `__proto__`.
 */
export function clone<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => clone(entry)) as T;
	if (value === null || typeof value !== 'object') return value;
	const out = {};
	for (const [key, entry] of Object.entries(value)) {
		Object.defineProperty(out, key, {
			value: clone(entry),
			enumerable: true,
			configurable: true,
			writable: true,
		});
	}
	return out as T;
}

// ---------------------------------------------------------------- text

const ASCII =
	'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,!?-_:;\'"()[]{}<>/\\@#$%^&*+=~`|'.split(
		'',
	);
const EMOJI = ['🍕', '😀', '👍🏽', '🇧🇷', '👨‍👩‍👧', '❤️', '🧑🏿‍🚀', '1️⃣', '🏳️‍🌈'];
const COMBINING = [
	'e\u0301',
	'a\u0308',
	'n\u0303',
	'o\u0302\u0323',
	'\u0301',
	'Z\u0351\u0352\u0353',
];
const RTL = [
	'م',
	'ر',
	'ح',
	'ب',
	'ا',
	'ש',
	'ל',
	'ו',
	'ם',
	'\u200f',
	'\u202e',
	'\u2067',
	'\u2069',
	'\u061c',
	'ﷺ',
];
const SPACES = [' ', '\u00a0', '\u3000', '\t', '\n', '\u2003', '\r\n', '\u2028'];
const ZERO_WIDTH = ['\u200b', '\u200d', '\u2060', '\u00ad'];
const OTHER = [
	'漢',
	'字',
	'한',
	'글',
	'𠀀',
	'𝔘',
	'ß',
	'İ',
	'ﬃ',
	'\u0000',
	'\u001b',
	'€',
	'\ud7ff',
	'\ue000',
];

export const atom = fc.oneof(
	{ weight: 12, arbitrary: fc.constantFrom(...ASCII) },
	{ weight: 2, arbitrary: fc.constantFrom(...EMOJI) },
	{ weight: 2, arbitrary: fc.constantFrom(...COMBINING) },
	{ weight: 2, arbitrary: fc.constantFrom(...RTL) },
	{ weight: 1, arbitrary: fc.constantFrom(...SPACES) },
	{ weight: 1, arbitrary: fc.constantFrom(...ZERO_WIDTH) },
	{ weight: 1, arbitrary: fc.constantFrom(...OTHER) },
);

const isSpace = (cp: string) => /^\s$/u.test(cp);

/** A length in [min, max], biased to both ends. */
function lengthIn(min: number, max: number): fc.Arbitrary<number> {
	return fc.oneof(
		fc.integer({ min, max: Math.min(max, min + 6) }),
		fc.integer({ min: Math.max(min, max - 3), max }),
		fc.integer({ min, max }),
	);
}

export interface TextOptions {
	/** At least one code point that is not white space. */
	notBlank?: boolean;
	/** No white space at either end. */
	trimmed?: boolean;
}

/** Text of `min`–`max` code points from the hostile alphabet. */
export function text(min: number, max: number, options: TextOptions = {}): fc.Arbitrary<string> {
	return lengthIn(min, max)
		.chain((n) => fc.array(atom, { minLength: n, maxLength: n }))
		.map((parts) => {
			const cps = Array.from(parts.join('')).slice(0, max);
			if (options.trimmed && cps.length) {
				if (isSpace(cps[0])) cps[0] = 'x';
				if (isSpace(cps[cps.length - 1])) cps[cps.length - 1] = 'y';
			}
			if (options.notBlank && cps.length && cps.every(isSpace)) cps[0] = 'x';
			return cps.join('');
		});
}

/** Prebuilt huge strings (built once: generating them each run would dominate the runtime). */
const HUGE = [
	'🍕'.repeat(1025),
	'x'.repeat(100_000),
	'😀'.repeat(50_001),
	'a\u0301'.repeat(30_000),
	'ש'.repeat(5_000) + '\u202e',
	'y'.repeat(300_000),
];
export const huge = fc.constantFrom(...HUGE);

/** More than `max` code points: a little more, or huge. */
export function tooLong(max: number): fc.Arbitrary<string> {
	return fc.oneof(
		{
			weight: 8,
			arbitrary: fc
				.integer({ min: max + 1, max: max + 30 })
				.chain((n) => fc.array(atom, { minLength: n, maxLength: n }).map((p) => p.join(''))),
		},
		{ weight: 1, arbitrary: huge },
	);
}

export const blank = fc
	.array(fc.constantFrom(...SPACES), { minLength: 1, maxLength: 8 })
	.map((p) => p.join(''));

/** Values of the wrong type for a text field. JSON-able unless `objectMode`. */
export const wrongType = fc.oneof(
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
/** Wrong types that can never be read as text: objects and lists. */
export const structuredValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
	fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string({ maxLength: 5 }), {
		maxKeys: 3,
		noNullPrototype: true,
	}),
	fc
		.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string({ maxLength: 5 }), {
			maxKeys: 3,
		})
		.map((o) => Object.assign(Object.create(null), o) as object),
);

/** How a wrong-typed value is named in violation names (so findings group by type). */
export function typeLabel(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object')
		return Object.getPrototypeOf(value) === null ? 'a null-prototype object' : 'an object';
	return `a ${typeof value}`;
}

// ---------------------------------------------------------------- URLs

const HOSTS = [
	'example.com',
	'cdn.example.org',
	'127.0.0.1:8080',
	'xn--r8jz45g.jp',
	'例え.jp',
	'sub.domain.example.co.uk',
];
const EXTENSIONS: Record<'image' | 'video' | 'document', string[]> = {
	image: ['jpg', 'jpeg', 'png', 'JPG', 'Png'],
	video: ['mp4', 'MP4'],
	document: ['pdf', 'PDF'],
};
export const MEDIA_TYPES: Record<'image' | 'video' | 'document', string[]> = {
	image: ['JPG', 'JPEG', 'PNG'],
	video: ['MP4'],
	document: ['PDF'],
};
const segment = fc.stringMatching(/^[A-Za-z0-9_~-]{1,12}$/);
const unicodeSegment = fc.constantFrom('imágenes', '画像', 'ملف', '%E2%82%AC', 'a%20b');

/** http(s) URLs of a file with the given extension (or none); no commas, no white space. */
export function httpUrl(extension: fc.Arbitrary<string | null>): fc.Arbitrary<string> {
	return fc
		.record({
			scheme: fc.constantFrom('https://', 'http://', 'HTTPS://', 'Https://'),
			host: fc.constantFrom(...HOSTS),
			dirs: fc.array(
				fc.oneof({ weight: 4, arbitrary: segment }, { weight: 1, arbitrary: unicodeSegment }),
				{ maxLength: 3 },
			),
			name: segment,
			ext: extension,
			query: fc.option(fc.constantFrom('?v=1', '?token=abc&size=large', '#page=2', '?x=a.b'), {
				nil: undefined,
			}),
		})
		.map(
			({ scheme, host, dirs, name, ext, query }) =>
				`${scheme}${host}/${[...dirs, ext ? `${name}.${ext}` : name].join('/')}${query ?? ''}`,
		);
}
export const anyHttpUrl = httpUrl(
	fc.option(fc.constantFrom('png', 'jpg', 'mp4', 'pdf', 'bin', 'html'), { nil: null }),
);

/** Not acceptable as media or callback URLs: not http(s), relative, empty, or not a URL as written. */
export const badUrl = fc.constantFrom(
	'javascript:alert(1)',
	'JavaScript:alert(document.cookie)//https://example.com/a.png',
	'ftp://example.com/a.png',
	'file:///etc/passwd',
	'data:image/png;base64,iVBORw0KGgo=',
	'mailto:a@example.com',
	'ws://example.com/a.png',
	'/images/a.png',
	'images/a.png',
	'./a.png',
	'//example.com/a.png',
	'example.com/a.png',
	'',
	'   ',
	'http://',
	'https://',
	'http//example.com/a.png',
	'https:/example.com/a.png',
	'https:example.com/a.png',
	'https:\\\\example.com\\a.png',
	' https://example.com/a.png',
	'https://example.com/a.png ',
	'https://example.com/a.png\n',
	'\thttps://example.com/a.png',
	'https://exa mple.com/a.png',
	'https://example.com/a b.png',
	'https://example.com/a\u0000.png',
);

// ---------------------------------------------------------------- phones

export interface Phone {
	value: unknown;
	digits: string;
}
/** What people type: 8–15 digits (first not 0), with or without +, spaces, dashes, dots, brackets. */
export const phone: fc.Arbitrary<Phone> = fc
	.tuple(
		fc.integer({ min: 1, max: 9 }),
		fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 14 }),
		fc.integer({ min: 0, max: 4 }),
		fc.boolean(),
	)
	.chain(([first, rest, style, plus]) => {
		const digits = `${first}${rest.join('')}`;
		if (style === 4 && Number.isSafeInteger(Number(digits)))
			return fc.constant<Phone>({ value: Number(digits), digits });
		if (style === 0) return fc.constant<Phone>({ value: `${plus ? '+' : ''}${digits}`, digits });
		return fc
			.array(fc.constantFrom(' ', '-', '.', ' ', '\u00a0'), {
				minLength: digits.length,
				maxLength: digits.length,
			})
			.map((seps) => {
				let out = plus ? '+' : '';
				for (let i = 0; i < digits.length; i++) {
					if (i === 2 && style === 2) out += ' (';
					out += digits[i];
					if (i === 3 && style === 2) out += ')';
					if (i > 0 && i < digits.length - 1 && i % 3 === 0 && style !== 1) out += seps[i];
				}
				return { value: out, digits };
			});
	});
export const badPhone = fc.oneof(
	fc.stringMatching(/^\+?[1-9][0-9]{0,6}$/),
	fc.stringMatching(/^\+?[1-9][0-9]{15,25}$/),
	fc.constantFrom(
		'',
		'   ',
		'abc',
		'+55 19 9OOOO-1111',
		'٥٥١٩٩٠٠٠٠١١١١',
		'５５１９９００００１１１１',
		'+55 19 90000-1111 ext 2',
		'+-+',
		'null',
		'1e10',
	),
	fc.constantFrom(null, {}, [], true, 12.5, -5519900001111),
);

// ---------------------------------------------------------------- the neutral message

export interface Row {
	id: unknown;
	title: unknown;
	description?: unknown;
}
export interface Section {
	title?: unknown;
	rows: Row[];
}

export interface Base {
	provider: Provider;
	message: Obj;
	to: Phone;
	from?: Phone;
	options: Obj;
	/** Expected envelope values in the payload. */
	expectedOptions: Obj;
}

function buttonsArb(): fc.Arbitrary<Obj[]> {
	return fc
		.integer({ min: 1, max: 3 })
		.chain((n) =>
			fc
				.tuple(
					fc.uniqueArray(text(1, 256), { minLength: n, maxLength: n }),
					fc.uniqueArray(text(1, 20), { minLength: n, maxLength: n }),
				)
				.map(([ids, titles]) => ids.map((id, i) => ({ id, title: titles[i] }))),
		);
}

function listArb(provider: Provider): fc.Arbitrary<Obj> {
	const sectionTitle: fc.Arbitrary<unknown> =
		provider === 'messangi'
			? text(1, 24, { trimmed: true, notBlank: true })
			: fc.oneof(fc.constant(undefined), fc.constant(null), text(0, 80));
	return fc.integer({ min: 1, max: 10 }).chain((rowCount) =>
		fc
			.record({
				button: text(1, 20),
				ids: fc.uniqueArray(text(1, 200), { minLength: rowCount, maxLength: rowCount }),
				titles: fc.array(text(1, 24), { minLength: rowCount, maxLength: rowCount }),
				descriptions: fc.array(fc.oneof(fc.constant(undefined), fc.constant(null), text(1, 72)), {
					minLength: rowCount,
					maxLength: rowCount,
				}),
				cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, rowCount - 1) }), {
					maxLength: rowCount - 1,
				}),
				sectionTitles: fc.uniqueArray(sectionTitle, {
					minLength: 10,
					maxLength: 10,
					selector: (t) => String(t),
				}),
			})
			.map(({ button, ids, titles, descriptions, cuts, sectionTitles }) => {
				const rows: Row[] = ids.map((id, i) => {
					const row: Row = { id, title: titles[i] };
					if (descriptions[i] !== undefined) row.description = descriptions[i];
					return row;
				});
				const bounds = [0, ...cuts.filter((c) => c < rowCount).sort((a, b) => a - b), rowCount];
				const sections: Section[] = [];
				for (let s = 0; s + 1 < bounds.length; s++) {
					const section: Section = { rows: rows.slice(bounds[s], bounds[s + 1]) };
					if (sectionTitles[s] !== undefined) section.title = sectionTitles[s];
					sections.push(section);
				}
				return { button, sections };
			}),
	);
}

function mediaHeaderArb(provider: Provider): fc.Arbitrary<Obj> {
	return fc
		.constantFrom<'image' | 'video' | 'document'>('image', 'video', 'document')
		.chain((kind) => {
			if (provider === 'messangi') {
				return fc
					.record({
						url: anyHttpUrl,
						mediaType: fc.option(fc.constantFrom('PNG', 'gif', 'anything'), { nil: undefined }),
					})
					.map(({ url, mediaType }) => ({
						type: kind,
						url,
						...(mediaType !== undefined ? { mediaType } : {}),
					}));
			}
			const caseOf = (t: string) =>
				fc.constantFrom(t, t.toLowerCase(), t[0] + t.slice(1).toLowerCase());
			return fc.oneof(
				// The type from the URL's extension.
				httpUrl(fc.constantFrom(...EXTENSIONS[kind])).map((url) => ({ type: kind, url })),
				// The type given; the URL may have any extension or none.
				fc
					.record({
						url: anyHttpUrl,
						mediaType: fc.constantFrom(...MEDIA_TYPES[kind]).chain(caseOf),
					})
					.map(({ url, mediaType }) => ({ type: kind, url, mediaType })),
			);
		});
}

const latitude = fc.oneof(
	fc.double({ min: -90, max: 90, noNaN: true }),
	fc.constantFrom(-90, 90, 0, -0, -22.89418, 1e-7),
);
const longitude = fc.oneof(
	fc.double({ min: -180, max: 180, noNaN: true }),
	fc.constantFrom(-180, 180, 0, -47.04796),
);

function locationHeaderArb(): fc.Arbitrary<Obj> {
	return fc
		.record({
			latitude,
			longitude,
			name: fc.option(text(1, 100, { notBlank: true }), { nil: undefined }),
			address: fc.option(text(1, 200, { notBlank: true }), { nil: undefined }),
		})
		.map(({ latitude: lat, longitude: lng, name, address }) => ({
			type: 'location',
			latitude: lat,
			longitude: lng,
			...(name !== undefined ? { name } : {}),
			...(address !== undefined ? { address } : {}),
		}));
}

function headerArb(
	provider: Provider,
	type: 'buttons' | 'list',
): fc.Arbitrary<Obj | undefined | null> {
	const textHeader = text(1, 60).map((t) => ({ type: 'text', text: t }));
	const none = fc.constantFrom(undefined, null);
	if (type === 'list') return fc.oneof(none, textHeader);
	const options: Array<fc.Arbitrary<Obj | undefined | null>> = [
		none,
		textHeader,
		mediaHeaderArb(provider),
	];
	if (provider === 'sinchLatam') options.push(locationHeaderArb());
	return fc.oneof(...options);
}

function messageArb(provider: Provider): fc.Arbitrary<Obj> {
	return fc.constantFrom<'buttons' | 'list'>('buttons', 'list').chain((type) =>
		fc
			.record({
				header: headerArb(provider, type),
				body: text(1, 1024, { notBlank: true }),
				footer: fc.oneof(
					fc.constant(undefined),
					fc.constant(null),
					text(1, 60, { notBlank: provider === 'sinchLatam' }),
				),
				buttons: type === 'buttons' ? buttonsArb() : fc.constant(undefined),
				list: type === 'list' ? listArb(provider) : fc.constant(undefined),
			})
			.map(({ header, body, footer, buttons, list }) => {
				const message: Obj = { type };
				if (header !== undefined) message.header = header;
				message.body = body;
				if (footer !== undefined) message.footer = footer;
				if (buttons) message.buttons = buttons;
				if (list) message.list = list;
				return message;
			}),
	);
}

const optionalText = (max: number) => fc.oneof(fc.constant(undefined), text(1, max), blank);
const trimmedOrAbsent = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function optionsArb(provider: Provider): fc.Arbitrary<{ options: Obj; expected: Obj }> {
	if (provider === 'sinchLatam') {
		return fc
			.record({ correlationId: optionalText(100), alternativeText: optionalText(300) })
			.map(({ correlationId, alternativeText }) => {
				const options: Obj = {};
				if (correlationId !== undefined) options.correlationId = correlationId;
				if (alternativeText !== undefined) options.alternativeText = alternativeText;
				return {
					options,
					expected: {
						correlationId: trimmedOrAbsent(correlationId),
						alternativeText: trimmedOrAbsent(alternativeText),
					},
				};
			});
	}
	return fc
		.record({
			externalId: optionalText(64),
			clientId: optionalText(64),
			templateMessage: optionalText(300),
			callbackUrls: fc.option(fc.array(anyHttpUrl, { minLength: 1, maxLength: 3 }), {
				nil: undefined,
			}),
			callbacksAsList: fc.boolean(),
		})
		.map(({ externalId, clientId, templateMessage, callbackUrls, callbacksAsList }) => {
			const options: Obj = {};
			if (externalId !== undefined) options.externalId = externalId;
			if (clientId !== undefined) options.clientId = clientId;
			if (templateMessage !== undefined) options.templateMessage = templateMessage;
			if (callbackUrls)
				options.callbackUrls = callbacksAsList ? callbackUrls : callbackUrls.join(', ');
			return {
				options,
				expected: {
					externalId: trimmedOrAbsent(externalId),
					clientId: trimmedOrAbsent(clientId),
					message: trimmedOrAbsent(templateMessage),
					callbacks: callbackUrls,
				},
			};
		});
}

export function baseArb(provider: Provider): fc.Arbitrary<Base> {
	return fc
		.record({
			message: messageArb(provider),
			to: phone,
			from: provider === 'messangi' ? phone : fc.constant(undefined),
			options: optionsArb(provider),
		})
		.map(({ message, to, from, options }) => ({
			provider,
			message,
			to,
			...(from ? { from } : {}),
			options: options.options,
			expectedOptions: options.expected,
		}));
}

// ---------------------------------------------------------------- violations

/** Which field a violation is about; the error must name it. */
export type FieldRef =
	| {
			field:
				| 'body'
				| 'footer'
				| 'headerText'
				| 'headerUrl'
				| 'headerMediaType'
				| 'header'
				| 'latitude'
				| 'longitude';
	  }
	| { field: 'buttons' | 'listButton' | 'sections' | 'rows' | 'type' | 'to' | 'from' | 'message' }
	| { field: 'button'; index: number; prop: 'id' | 'title' }
	| { field: 'section'; index: number }
	| { field: 'sectionTitle'; index: number }
	| {
			field: 'row';
			section: number;
			row: number;
			prop: 'id' | 'title' | 'description';
			alsoRow?: [number, number];
	  }
	| { field: 'callback'; index: number }
	| { field: 'key'; key: string };

export interface Violation {
	name: string;
	/** Parser-level (the JSON message has the wrong shape): reported before limits are looked at. */
	structural: boolean;
	/** Violations in different areas are independent and can be combined. */
	area: 'body' | 'footer' | 'header' | 'items' | 'envelope' | 'whole';
	/** Mutates the base; returns the fields the error must name. */
	apply: (base: Base) => FieldRef[];
}

type ViolationArb = fc.Arbitrary<Violation>;
const v = (
	name: string,
	area: Violation['area'],
	apply: (base: Base) => FieldRef[],
	structural = false,
): Violation => ({
	name,
	area,
	structural,
	apply,
});

/** Violations that apply to `base` in `mode` (they mutate the base when applied). */
export function violationsFor(base: Base, mode: Mode): ViolationArb[] {
	const J = mode === 'json';
	const p = base.provider;
	const m = base.message;
	const out: ViolationArb[] = [];
	const add = (arb: ViolationArb) => out.push(arb);
	/** Not text: in JSON mode a parser (structural) error; in fields mode objects and lists only. */
	const notText = J ? wrongType.filter((x) => x !== null) : structuredValue;

	// Body
	add(
		fc
			.constantFrom('', null)
			.map((value) =>
				v(
					`body empty (${JSON.stringify(value)})`,
					'body',
					(b) => ((b.message.body = value), [{ field: 'body' }]),
					J && value === null,
				),
			),
	);
	add(
		blank.map((value) =>
			v('body blank', 'body', (b) => ((b.message.body = value), [{ field: 'body' }])),
		),
	);
	add(
		tooLong(1024).map((value) =>
			v('body too long', 'body', (b) => ((b.message.body = value), [{ field: 'body' }])),
		),
	);
	add(
		notText.map((value) =>
			v(
				`body is ${typeLabel(value)}`,
				'body',
				(b) => ((b.message.body = value), [{ field: 'body' }]),
				J,
			),
		),
	);

	// Footer
	add(
		tooLong(60).map((value) =>
			v('footer too long', 'footer', (b) => ((b.message.footer = value), [{ field: 'footer' }])),
		),
	);
	if (p === 'sinchLatam')
		add(
			blank.map((value) =>
				v(
					'footer blank (Sinch)',
					'footer',
					(b) => ((b.message.footer = value), [{ field: 'footer' }]),
				),
			),
		);
	add(
		notText.map((value) =>
			v(
				`footer is ${typeLabel(value)}`,
				'footer',
				(b) => ((b.message.footer = value), [{ field: 'footer' }]),
				J,
			),
		),
	);

	// Header
	add(
		fc
			.oneof(fc.constant(''), tooLong(60))
			.map((value) =>
				v(
					value === '' ? 'header text empty' : 'header text too long',
					'header',
					(b) => ((b.message.header = { type: 'text', text: value }), [{ field: 'headerText' }]),
				),
			),
	);
	add(
		notText.map((value) =>
			v(
				`header text is ${typeLabel(value)}`,
				'header',
				(b) => ((b.message.header = { type: 'text', text: value }), [{ field: 'headerText' }]),
				J,
			),
		),
	);
	if (m.type === 'buttons') {
		add(
			fc
				.tuple(
					fc.constantFrom<'image' | 'video' | 'document'>('image', 'video', 'document'),
					badUrl,
				)
				.map(([kind, url]) =>
					v(
						'header media URL not http(s)',
						'header',
						(b) => (
							(b.message.header = {
								type: kind,
								url,
								...(p === 'sinchLatam' ? { mediaType: MEDIA_TYPES[kind][0] } : {}),
							}),
							[{ field: 'headerUrl' }]
						),
					),
				),
		);
		if (p === 'messangi') {
			add(
				locationHeaderArb().map((h) =>
					v(
						'location header on Messangi',
						'header',
						(b) => ((b.message.header = h), [{ field: 'header' }]),
					),
				),
			);
		} else {
			add(
				fc
					.tuple(
						fc.constantFrom<'image' | 'video' | 'document'>('image', 'video', 'document'),
						fc.constantFrom('GIF', 'TXT', 'MP3', 'JPG', 'PDF', 'MP4', 'WEBP', '3GPP', 'image/png'),
					)
					.filter(([kind, type]) => !MEDIA_TYPES[kind].includes(type))
					.chain(([kind, type]) =>
						anyHttpUrl.map((url) =>
							v(
								'Sinch media type not accepted',
								'header',
								(b) => (
									(b.message.header = { type: kind, url, mediaType: type }),
									[{ field: 'headerMediaType' }]
								),
							),
						),
					),
			);
			add(
				fc
					.tuple(fc.constantFrom('image', 'video', 'document'), httpUrl(fc.constant(null)))
					.map(([kind, url]) =>
						v(
							'Sinch media type unknown (no extension)',
							'header',
							(b) => ((b.message.header = { type: kind, url }), [{ field: 'headerMediaType' }]),
						),
					),
			);
			add(
				fc
					.tuple(
						locationHeaderArb(),
						fc.oneof(
							fc.double({ min: 90.000001, max: 1e6, noNaN: true }),
							fc.double({ min: -1e6, max: -90.000001, noNaN: true }),
						),
						fc.boolean(),
					)
					.map(([h, bad, lat]) =>
						v(`location ${lat ? 'latitude' : 'longitude'} out of range`, 'header', (b) => {
							const header = { ...h };
							if (lat) header.latitude = bad;
							else
								header.longitude =
									Math.abs(bad) <= 180 ? Math.sign(bad) * (180 + Math.abs(bad)) : bad;
							b.message.header = header;
							return [{ field: lat ? 'latitude' : 'longitude' }];
						}),
					),
			);
			if (J) {
				add(
					fc
						.constantFrom('12.5', null, [1], {})
						.map((value) =>
							v(
								'location latitude not a number',
								'header',
								(b) => (
									(b.message.header = { type: 'location', latitude: value, longitude: 0 }),
									[{ field: 'latitude' }]
								),
								true,
							),
						),
				);
			} else {
				add(
					fc
						.constantFrom('abc', '1e999', {}, [1, 2])
						.map((value) =>
							v(
								'location latitude not a number (fields)',
								'header',
								(b) => (
									(b.message.header = { type: 'location', latitude: value, longitude: 0 }),
									[{ field: 'latitude' }]
								),
							),
						),
				);
			}
		}
	} else {
		add(
			fc
				.oneof(mediaHeaderArb(p), locationHeaderArb())
				.map((h) =>
					v(
						'non-text header on a list',
						'header',
						(b) => ((b.message.header = h), [{ field: 'header' }]),
					),
				),
		);
	}

	// Buttons
	if (m.type === 'buttons') {
		const n = (m.buttons as Obj[]).length;
		add(
			fc.constant(
				v('no buttons', 'items', (b) => ((b.message.buttons = []), [{ field: 'buttons' }])),
			),
		);
		add(
			fc.integer({ min: 4, max: 8 }).map((count) =>
				v('more than 3 buttons', 'items', (b) => {
					const buttons = b.message.buttons as Obj[];
					for (let i = buttons.length; i < count; i++)
						buttons.push({ id: `extra-${i}`, title: `Extra ${i}` });
					return [{ field: 'buttons' }];
				}),
			),
		);
		add(
			fc
				.tuple(
					fc.integer({ min: 0, max: n - 1 }),
					fc.constantFrom<'id' | 'title'>('id', 'title'),
					fc.boolean(),
				)
				.chain(([i, prop, empty]) =>
					(empty ? fc.constant('') : tooLong(prop === 'id' ? 256 : 20)).map((value) =>
						v(
							`button ${prop} ${empty ? 'empty' : 'too long'}`,
							'items',
							(b) => (
								((b.message.buttons as Obj[])[i][prop] = value),
								[{ field: 'button', index: i, prop }]
							),
						),
					),
				),
		);
		add(
			fc
				.tuple(
					fc.integer({ min: 0, max: n - 1 }),
					fc.constantFrom<'id' | 'title'>('id', 'title'),
					J
						? wrongType.filter((x) => typeof x !== 'number' || !Number.isInteger(x))
						: structuredValue,
				)
				.map(([i, prop, value]) =>
					v(
						`button ${prop} is ${typeLabel(value)}`,
						'items',
						(b) => (
							((b.message.buttons as Obj[])[i][prop] = value),
							[{ field: 'button', index: i, prop }]
						),
						J,
					),
				),
		);
		if (n >= 2) {
			add(
				fc
					.tuple(fc.integer({ min: 0, max: n - 2 }), fc.constantFrom<'id' | 'title'>('id', 'title'))
					.chain(([i, prop]) =>
						fc.integer({ min: i + 1, max: n - 1 }).map((j) =>
							v(`duplicate button ${prop}`, 'items', (b) => {
								const buttons = b.message.buttons as Obj[];
								buttons[j][prop] = buttons[i][prop];
								return [{ field: 'button', index: j, prop }];
							}),
						),
					),
			);
		}
		if (J) {
			add(
				fc.constant(
					v(
						'list on a buttons message',
						'items',
						(b) => (
							(b.message.list = {
								button: 'x',
								sections: [{ title: 's', rows: [{ id: 'r', title: 't' }] }],
							}),
							[{ field: 'key', key: 'list' }]
						),
					),
				),
			);
			add(
				fc.constant(
					v(
						'buttons missing',
						'items',
						(b) => (delete b.message.buttons, [{ field: 'buttons' }]),
						true,
					),
				),
			);
		}
	}

	// List
	if (m.type === 'list') {
		const sections = (m.list as Obj).sections as Section[];
		const total = sections.reduce((k, s) => k + s.rows.length, 0);
		add(
			fc
				.oneof(fc.constant(''), tooLong(20))
				.map((value) =>
					v(
						`list button ${value === '' ? 'empty' : 'too long'}`,
						'items',
						(b) => (((b.message.list as Obj).button = value), [{ field: 'listButton' }]),
					),
				),
		);
		if (J)
			add(
				fc.constant(
					v(
						'no sections',
						'items',
						(b) => (((b.message.list as Obj).sections = []), [{ field: 'sections' }]),
					),
				),
			);
		else
			add(
				fc.constant(
					v(
						'no rows',
						'items',
						(b) => (((b.message.list as Obj).sections = []), [{ field: 'rows' }]),
					),
				),
			);
		add(
			fc.integer({ min: 11, max: 14 }).map((count) =>
				v('more than 10 sections', 'items', (b) => {
					(b.message.list as Obj).sections = Array.from({ length: count }, (_, s) => ({
						title: `Section ${s}`,
						rows: [{ id: `s${s}`, title: `Row ${s}` }],
					}));
					return [{ field: 'sections' }];
				}),
			),
		);
		add(
			fc.integer({ min: 11 - total, max: 15 - total }).map((extra) =>
				v('more than 10 rows in total', 'items', (b) => {
					const secs = (b.message.list as Obj).sections as Section[];
					for (let k = 0; k < extra; k++)
						secs[k % secs.length].rows.push({ id: `extra-row-${k}`, title: `Extra ${k}` });
					return [{ field: 'rows' }];
				}),
			),
		);
		if (J) {
			add(
				fc
					.integer({ min: 0, max: sections.length - 1 })
					.map((s) =>
						v(
							'section without rows',
							'items',
							(b) => (
								(((b.message.list as Obj).sections as Section[])[s].rows = []),
								[{ field: 'section', index: s }]
							),
						),
					),
			);
		}
		if (p === 'messangi') {
			add(
				fc
					.tuple(
						fc.integer({ min: 0, max: sections.length - 1 }),
						fc.oneof(fc.constant(undefined), fc.constant(''), blank, tooLong(24)),
					)
					.map(([s, value]) =>
						v(
							`Messangi section title ${value === undefined ? 'missing' : value === '' ? 'empty' : typeof value === 'string' && value.trim() === '' ? 'blank' : 'too long'}`,
							'items',
							(b) => {
								const section = ((b.message.list as Obj).sections as Section[])[s];
								if (value === undefined) delete section.title;
								else section.title = value;
								return [{ field: 'sectionTitle', index: s }];
							},
						),
					)
					.filter((viol) => !J || !viol.name.endsWith('blank')),
			);
		}
		const rowAt = fc
			.integer({ min: 0, max: sections.length - 1 })
			.chain((s) =>
				fc.integer({ min: 0, max: sections[s].rows.length - 1 }).map((r) => [s, r] as const),
			);
		add(
			fc
				.tuple(
					rowAt,
					fc.constantFrom<'id' | 'title' | 'description'>('id', 'title', 'description'),
					fc.boolean(),
				)
				.chain(([[s, r], prop, empty]) =>
					(empty && prop !== 'description'
						? fc.constant('')
						: tooLong(prop === 'id' ? 200 : prop === 'title' ? 24 : 72)
					).map((value) =>
						v(`row ${prop} ${value === '' ? 'empty' : 'too long'}`, 'items', (b) => {
							((b.message.list as Obj).sections as Section[])[s].rows[r][prop] = value;
							return [{ field: 'row', section: s, row: r, prop }];
						}),
					),
				),
		);
		add(
			fc
				.tuple(
					rowAt,
					fc.constantFrom<'id' | 'title' | 'description'>('id', 'title', 'description'),
					J
						? wrongType.filter((x) => x !== null && (typeof x !== 'number' || !Number.isInteger(x)))
						: structuredValue,
				)
				.map(([[s, r], prop, value]) =>
					v(
						`row ${prop} is ${typeLabel(value)}`,
						'items',
						(b) => {
							((b.message.list as Obj).sections as Section[])[s].rows[r][prop] = value;
							return [{ field: 'row', section: s, row: r, prop }];
						},
						J,
					),
				),
		);
		if (total >= 2) {
			const flat = sections.flatMap((sec, s) => sec.rows.map((_, r) => [s, r] as const));
			add(
				fc.integer({ min: 0, max: flat.length - 2 }).chain((a) =>
					fc.integer({ min: a + 1, max: flat.length - 1 }).map((z) =>
						v('duplicate row id', 'items', (b) => {
							const secs = (b.message.list as Obj).sections as Section[];
							const [sa, ra] = flat[a];
							const [sz, rz] = flat[z];
							secs[sz].rows[rz].id = secs[sa].rows[ra].id;
							return [{ field: 'row', section: sz, row: rz, prop: 'id', alsoRow: [sa, ra] }];
						}),
					),
				),
			);
		}
		if (J) {
			// Rows built by an expression from many input items, every one of them too long.
			add(
				fc.integer({ min: 50, max: 400 }).map((count) =>
					v('hundreds of rows, every title too long', 'items', (b) => {
						(b.message.list as Obj).sections = [
							{
								title: 'All',
								rows: Array.from({ length: count }, (_, i) => ({
									id: `row-${i}`,
									title: `Item number ${i} with a long title`,
								})),
							},
						];
						return [{ field: 'rows' }, { field: 'row', section: 0, row: 0, prop: 'title' }];
					}),
				),
			);
		}
		if (J)
			add(
				fc.constant(
					v(
						'buttons on a list message',
						'items',
						(b) => (
							(b.message.buttons = [{ id: 'a', title: 'b' }]),
							[{ field: 'key', key: 'buttons' }]
						),
					),
				),
			);
	}

	// The JSON message as a whole: parser errors, reported on their own.
	if (J) {
		add(
			fc
				.constantFrom<unknown>('carousel', 'BUTTONS', 'button', '', 5, null)
				.map((value) =>
					v(
						'type not buttons or list',
						'whole',
						(b) => ((b.message.type = value), [{ field: 'type' }]),
						true,
					),
				),
		);
		add(
			fc.constant(
				v('type missing', 'whole', (b) => (delete b.message.type, [{ field: 'type' }]), true),
			),
		);
		add(
			fc
				.constantFrom('foo', 'Body', 'constructor', '__proto__', 'interactive', 'headerText')
				.map((key) =>
					v(
						`unknown key ${key}`,
						'whole',
						(b) => (
							Object.defineProperty(b.message, key, {
								value: 1,
								enumerable: true,
								configurable: true,
								writable: true,
							}),
							[{ field: 'key', key }]
						),
						true,
					),
				),
		);
		add(
			fc
				.constantFrom<unknown>('gif', 'TEXT', 'sticker', 7)
				.map((t) =>
					v(
						'header type unknown',
						'whole',
						(b) => ((b.message.header = { type: t, text: 'x' }), [{ field: 'header' }]),
						true,
					),
				),
		);
		add(
			fc
				.constantFrom<unknown>(
					null,
					0,
					true,
					[],
					[{ type: 'buttons' }],
					'not json',
					'',
					'   ',
					'[1,2]',
					'"a string"',
					'{"type": "buttons",}',
					'null',
					'{',
				)
				.map((value) =>
					v(
						'message is not a JSON object',
						'whole',
						(b) => ((b.message = { [NOT_AN_OBJECT]: value }), [{ field: 'message' }]),
						true,
					),
				),
		);
	}

	// Envelope
	add(
		badPhone.map((value) =>
			v(
				'recipient not a phone number',
				'envelope',
				(b) => ((b.to = { value, digits: '' }), [{ field: 'to' }]),
			),
		),
	);
	if (p === 'messangi') {
		add(
			badPhone.map((value) =>
				v(
					'sender not a phone number',
					'envelope',
					(b) => ((b.from = { value, digits: '' }), [{ field: 'from' }]),
				),
			),
		);
		add(
			// Callback URLs are a comma-separated list: spaces around each are trimmed, so those are no violation.
			fc
				.tuple(
					fc.array(anyHttpUrl, { maxLength: 2 }),
					badUrl.filter((u) => u.trim() !== '' && u.trim() === u && !u.includes(',')),
					fc.boolean(),
				)
				.map(([good, bad, asList]) =>
					v('callback URL not http(s)', 'envelope', (b) => {
						const urls = [...good, bad];
						b.options.callbackUrls = asList ? urls : urls.join(',');
						return [{ field: 'callback', index: good.length }];
					}),
				),
		);
	}
	return out;
}

/** Marks a message replaced as a whole by a value that is not an object (the value is `messageJson`). */
export const NOT_AN_OBJECT = '\u0000notAnObject';

// ---------------------------------------------------------------- chaos

/** Random JSON values, including the awkward ones. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
	{
		weight: 1,
		arbitrary: fc.constantFrom<unknown>(
			null,
			'',
			' ',
			0,
			-0,
			-1,
			1e308,
			true,
			false,
			[],
			{},
			[null],
			{ '': '' },
			'__proto__',
			'null',
			'undefined',
			'\u0000',
			'\ud800',
			'\udfff\ud800',
		),
	},
	{ weight: 1, arbitrary: huge },
	{
		weight: 1,
		arbitrary: fc
			.integer({ min: 1, max: 2000 })
			.map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
	},
	{
		weight: 1,
		arbitrary: fc.integer({ min: 1, max: 500 }).map((depth) => {
			let o: unknown = 'deep';
			for (let i = 0; i < depth; i++) o = { a: o };
			return o;
		}),
	},
);

export interface ChaosStep {
	path: Array<string | number>;
	action: 'replace' | 'delete' | 'addKey';
	value?: unknown;
	key?: string;
}

function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
	const out: Array<Array<string | number>> = [prefix];
	if (Array.isArray(value)) value.forEach((entry, i) => out.push(...paths(entry, [...prefix, i])));
	else if (value && typeof value === 'object')
		for (const [k, entry] of Object.entries(value)) out.push(...paths(entry, [...prefix, k]));
	return out;
}

export function chaosSteps(target: unknown): fc.Arbitrary<ChaosStep[]> {
	const all = paths(target);
	return fc.array(
		fc.record({
			path: fc.constantFrom(...all),
			action: fc.constantFrom<ChaosStep['action']>('replace', 'replace', 'delete', 'addKey'),
			value: weirdValue,
			key: fc.oneof(
				fc.constantFrom(
					'id',
					'title',
					'type',
					'text',
					'url',
					'rows',
					'extra',
					'__proto__',
					'constructor',
				),
				fc.string({ maxLength: 6 }),
			),
		}),
		{ minLength: 1, maxLength: 3 },
	);
}

export function applyChaos(target: Obj, steps: ChaosStep[]): Obj {
	let root: any = clone(target);
	for (const step of steps) {
		if (step.path.length === 0) {
			if (step.action === 'replace') root = step.value;
			continue;
		}
		let parent: any = root;
		for (const key of step.path.slice(0, -1)) {
			if (parent === null || typeof parent !== 'object') break;
			parent = parent[key];
		}
		if (parent === null || typeof parent !== 'object') continue;
		const last = step.path[step.path.length - 1];
		if (step.action === 'replace') parent[last] = step.value;
		else if (step.action === 'delete') {
			if (Array.isArray(parent)) parent.splice(Number(last), 1);
			else delete parent[last];
		} else {
			const holder = parent[last];
			if (holder && typeof holder === 'object' && !Array.isArray(holder)) {
				Object.defineProperty(holder, step.key ?? 'extra', {
					value: step.value,
					enumerable: true,
					configurable: true,
					writable: true,
				});
			}
		}
	}
	return root;
}
