/**
 * The registry of message kinds: one line per kind, in the order the editor's Message Type lists
 * them (Auto comes right after the interactive kinds). Reading a message, in fields mode or JSON
 * mode, dispatches on its kind here; checking and encoding it look the kind up in the dialect
 * (`Dialect.kinds`). docs/architecture.md says how to add a kind.
 */
import { quote, typeName } from '../model/text';
import { parseMessageWith, type KindSchema } from '../validation/parse';
import { buttons } from './buttons';
import { carousel } from './carousel';
import { ctaUrl } from './ctaUrl';
import { flow } from './flow';
import { list } from './list';
import { locationRequest } from './locationRequest';
import { catalog, product, productList } from './products';
import { text } from './text';
import type { FieldValue, Kind, KindName, ReadMessage } from './types';

export const KINDS: readonly Kind[] = [
	buttons,
	list,
	text,
	ctaUrl,
	locationRequest,
	flow,
	carousel,
	product,
	productList,
	catalog,
];

/** Message Type Auto (fields mode only): the choices go as reply buttons or as a list (`auto.ts`). */
export const AUTO_OPTION = {
	name: 'Auto',
	value: 'auto',
	description: 'Enter the choices once: up to three go as reply buttons, four to ten as a list',
};

export function kindOf(type: KindName): Kind {
	return KINDS.find((kind) => kind.type === type)!;
}

export function isKind(type: unknown): type is KindName {
	return KINDS.some((kind) => kind.type === type);
}

/** "A, B or C". */
function either(words: string[]): string {
	return words.length > 1
		? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
		: words[0];
}

/** Fields mode: the item's message, read by the kind its Message Type names. */
export function readFields(field: FieldValue): ReadMessage {
	const chosen = field('messageType', 'buttons');
	if (chosen === AUTO_OPTION.value) return kindOf('buttons').read(field);
	if (isKind(chosen)) return kindOf(chosen).read(field);
	// Anything else is read as reply buttons, after saying so.
	const read = kindOf('buttons').read(field);
	const names = [AUTO_OPTION.name, ...KINDS.map((kind) => kind.option.name)];
	read.issues.unshift({
		path: 'messageType',
		message: `Message Type must be ${either(names)}, not ${typeof chosen === 'string' ? quote(chosen) : typeName(chosen)}`,
	});
	return read;
}

let schemas: Map<KindName, KindSchema> | undefined;

/** Each kind's JSON schema, built once, on first use. */
function schemaOf(type: KindName): KindSchema {
	if (!schemas) {
		const typeError = `must be ${either(KINDS.map((kind) => `"${kind.type}"`))}`;
		schemas = new Map(KINDS.map((kind) => [kind.type, kind.schema(typeError)]));
	}
	return schemas.get(type)!;
}

/**
 * JSON mode: the one JSON message, read by the schema of the kind its `type` names. A message
 * without a known `type` is read with the first kind's schema, which says what `type` may be.
 */
export function parseMessage(input: unknown): ReadMessage {
	let kind: KindName | undefined;
	const read = parseMessageWith(input, (raw) => {
		kind = isKind(raw.type) ? raw.type : undefined;
		return schemaOf(kind ?? KINDS[0].type);
	});
	return kind !== undefined ? { ...read, kind } : read;
}

export type { FieldValue, Kind, KindName, KindTypes, ReadMessage } from './types';
