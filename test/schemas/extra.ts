/**
 * The rules of the limits table (docs/limits.md) that JSON Schema cannot express, checked on a provider request body, and
 * one `checkRequestBody` that runs the JSON Schema of the dialect (ajv, draft 2020-12) and these.
 *
 * Written from docs/message-model.md and the limits table (docs/limits.md) and the seed documents only: nothing here imports from `nodes/`.
 *
 * - button ids (Messangi `reply.id`, Sinch `reply.payload`) unique; button titles unique;
 * - list rows: 1–10 in total across all sections; row ids (Messangi `id`, Sinch `identifier`) unique;
 * - Sinch location `geoPoint`: latitude −90…90, longitude −180…180.
 *
 * Uniqueness is exact string equality (the limits table says "unique" and nothing about case or spaces).
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import messangiSchema from './messangi.schema.json';
import sinchLatamSchema from './sinchLatam.schema.json';

export type Provider = 'messangi' | 'sinchLatam';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const at = (v: unknown, ...keys: string[]): unknown =>
	keys.reduce<unknown>((cur, key) => (isObject(cur) ? cur[key] : undefined), v);

function duplicates(values: unknown[], what: string): string[] {
	const seen = new Set<string>();
	const problems: string[] = [];
	values.forEach((value, i) => {
		if (typeof value !== 'string') return;
		if (seen.has(value))
			problems.push(`${what} ${i + 1} ${JSON.stringify(value.slice(0, 40))} is not unique`);
		seen.add(value);
	});
	return problems;
}

function rowRules(sections: unknown[], idKey: string): string[] {
	const rows = sections.flatMap((section) => list(at(section, 'rows')));
	const problems: string[] = [];
	if (rows.length < 1 || rows.length > 10)
		problems.push(`list has ${rows.length} rows in total; 1 to 10 allowed`);
	problems.push(
		...duplicates(
			rows.map((row) => at(row, idKey)),
			`row ${idKey}`,
		),
	);
	return problems;
}

/** Messangi: unique button ids and titles, 10 rows in total, unique row ids. */
export function messangiExtra(body: unknown): string[] {
	const interactive = at(body, 'request', 'interactive');
	const problems: string[] = [];
	if (at(interactive, 'type') === 'button') {
		const buttons = list(at(interactive, 'action', 'buttons'));
		problems.push(
			...duplicates(
				buttons.map((b) => at(b, 'reply', 'id')),
				'button id',
			),
		);
		problems.push(
			...duplicates(
				buttons.map((b) => at(b, 'reply', 'title')),
				'button title',
			),
		);
	}
	if (at(interactive, 'type') === 'list') {
		problems.push(...rowRules(list(at(interactive, 'action', 'sections')), 'id'));
	}
	return problems;
}

/** Sinch LATAM: unique payloads and titles, 10 rows in total, unique identifiers, geoPoint ranges. */
export function sinchLatamExtra(body: unknown): string[] {
	const interactive = at(body, 'message', 'interactive');
	const problems: string[] = [];
	const kind = at(interactive, 'messageInteractiveType');
	if (kind === 'REPLY_BUTTON') {
		const buttons = list(at(interactive, 'replyButtonAction', 'buttons'));
		problems.push(
			...duplicates(
				buttons.map((b) => at(b, 'reply', 'payload')),
				'button payload',
			),
		);
		problems.push(
			...duplicates(
				buttons.map((b) => at(b, 'reply', 'title')),
				'button title',
			),
		);
		const geoPoint = at(interactive, 'header', 'location', 'geoPoint');
		if (typeof geoPoint === 'string') {
			const [lat, lng] = geoPoint.split(',').map(Number);
			if (!(lat >= -90 && lat <= 90)) problems.push(`geoPoint latitude ${lat} outside -90..90`);
			if (!(lng >= -180 && lng <= 180))
				problems.push(`geoPoint longitude ${lng} outside -180..180`);
		}
	}
	if (kind === 'LIST') {
		problems.push(...rowRules(list(at(interactive, 'listAction', 'sections')), 'identifier'));
	}
	return problems;
}

// ajv 8 counts minLength/maxLength in code points by default (runtime/ucs2length); schemas.test.ts checks it.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });

const validators: Record<Provider, ValidateFunction> = {
	messangi: ajv.compile(messangiSchema),
	sinchLatam: ajv.compile(sinchLatamSchema),
};
const extras: Record<Provider, (body: unknown) => string[]> = {
	messangi: messangiExtra,
	sinchLatam: sinchLatamExtra,
};

function describeAjv(errors: ErrorObject[] | null | undefined): string[] {
	// `if` errors only repeat the errors of the `then` branch they point to.
	return (errors ?? [])
		.filter((e) => e.keyword !== 'if')
		.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

/** Every problem of a request body against the dialect's schema and the extra rules; empty = valid. */
export function checkRequestBody(provider: Provider, body: unknown): string[] {
	const validate = validators[provider];
	const schemaProblems = validate(body) ? [] : describeAjv(validate.errors);
	return [...schemaProblems, ...extras[provider](body)];
}
