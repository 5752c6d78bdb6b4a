/**
 * A template's parts as the fields of n8n's resource mapper (Define Variables → Using the
 * Template's Fields): the template's own text to read, then one field per value the template needs
 * at sending, named as the template writes it. The values given are read back into a fill. Each
 * field's id carries what the fill needs (the header's kind, the variable, the button's index), so
 * a send whose definition cannot be read (Build Payload without a credential) is built the same way.
 */
import type { ResourceMapperField } from 'n8n-workflow';
import type {
	TemplateButtonFill,
	TemplateDefinition,
	TemplateFill,
	TemplateHeaderFill,
	TemplateValue,
} from '../../model/template';
import { quote } from '../../model/text';
import { buttonName, capital, MEDIA } from './template';

/** The read-only field that shows the template's text; its value is never sent. */
const TEXT_FIELD = 'templateText';

const HEADER_TEXT = 'header_text';
/** `header_image`, `header_video`, `header_document`. */
const HEADER_MEDIA = 'header_';
const POSITIONAL = 'body_';
const NAMED = 'named_';
const URL = 'url_';
const PAYLOAD = 'payload_';

function field(id: string, displayName: string, required = true): ResourceMapperField {
	return {
		id,
		displayName,
		required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
		// An optional value (a quick reply's payload) is offered under "Add", not shown at first.
		...(required ? {} : { removed: true }),
	};
}

function mediaKind(kind: string): (typeof MEDIA)[number] | undefined {
	return MEDIA.find((m) => m === kind);
}

/** The template as a person reads it: header, body, footer and buttons, placeholders included. */
export function templateText(definition: TemplateDefinition): string {
	const header = definition.header;
	const lines = [
		header?.format === 'TEXT'
			? (header.text ?? '')
			: header
				? `[${header.format.toLowerCase()}]`
				: '',
		definition.body?.text ?? '',
		definition.footer ?? '',
		definition.buttons.map((b) => `[${b.text}]`).join(' '),
	];
	return lines.filter((line) => line !== '').join('\n');
}

/**
 * The fields of a template. `payloads`: whether its quick replies' payloads are offered (Send and
 * Wait sets them itself, to the wait's references).
 */
export function templateFields(
	definition: TemplateDefinition,
	{ payloads = true }: { payloads?: boolean } = {},
): ResourceMapperField[] {
	const fields: ResourceMapperField[] = [
		{
			...field(TEXT_FIELD, 'Template Text'),
			required: false,
			readOnly: true,
			defaultValue: templateText(definition),
		},
	];
	const header = definition.header;
	if (header?.format === 'TEXT' && header.variables.length > 0)
		fields.push(field(HEADER_TEXT, `Header {{${header.variables[0]}}}`));
	else if (header && mediaKind(header.format.toLowerCase()))
		fields.push(
			field(
				`${HEADER_MEDIA}${header.format.toLowerCase()}`,
				`Header ${capital(header.format.toLowerCase())} (Link)`,
			),
		);
	const named = definition.parameterFormat === 'NAMED';
	for (const variable of definition.body?.variables ?? [])
		fields.push(field(`${named ? NAMED : POSITIONAL}${variable}`, `Body {{${variable}}}`));
	for (const button of definition.buttons) {
		const name = `${capital(buttonName(button.index))} ${quote(button.text)}`;
		if (button.type === 'URL' && button.variables.length > 0)
			fields.push(field(`${URL}${button.index}`, `${name}: end of its URL`));
		else if (button.type === 'QUICK_REPLY' && payloads)
			fields.push(field(`${PAYLOAD}${button.index}`, `${name}: payload`, false));
	}
	return fields;
}

/** The header, body and buttons of a fill from the mapper's values (unknown ids are left out). */
export function fillFromFields(
	values: Record<string, unknown>,
): Pick<TemplateFill, 'header' | 'body' | 'buttons'> {
	let header: TemplateHeaderFill | null = null;
	const positional: TemplateValue[] = [];
	const named: TemplateValue[] = [];
	const buttons: TemplateButtonFill[] = [];
	const given = (value: unknown) => value ?? '';
	for (const [id, value] of Object.entries(values)) {
		const media = id.startsWith(HEADER_MEDIA)
			? mediaKind(id.slice(HEADER_MEDIA.length))
			: undefined;
		if (id === HEADER_TEXT) header = { kind: 'text', text: given(value) };
		else if (media) header = { kind: media, link: given(value) };
		else if (id.startsWith(POSITIONAL) && /^\d+$/.test(id.slice(POSITIONAL.length)))
			positional[Number(id.slice(POSITIONAL.length)) - 1] = { kind: 'text', text: given(value) };
		else if (id.startsWith(NAMED))
			named.push({ kind: 'text', text: given(value), name: id.slice(NAMED.length) });
		else if (id.startsWith(URL))
			buttons.push({ index: Number(id.slice(URL.length)), subType: 'url', value: given(value) });
		else if (id.startsWith(PAYLOAD) && value !== undefined && value !== null && value !== '')
			buttons.push({ index: Number(id.slice(PAYLOAD.length)), subType: 'quick_reply', value });
	}
	// A gap (a variable left out) is an empty value in its place, which the checks name.
	const body = [...positional].map((v): TemplateValue => v ?? { kind: 'text', text: '' });
	buttons.sort((a, b) => Number(a.index) - Number(b.index));
	return { header, body: [...body, ...named], buttons };
}
