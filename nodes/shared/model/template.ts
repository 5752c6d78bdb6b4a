/**
 * A WhatsApp message template: approved by Meta in a WhatsApp Business Account, named by its name
 * and language, with variables (`{{1}}`, or `{{first_name}}` in a template with named parameters)
 * in its header, body and buttons. Outside the 24-hour window after the customer's last message a
 * template is the only message a business may send (docs/templates.md).
 *
 * Two shapes live here: a template's definition as the account lists it (what the node checks a
 * send against), and the values one send fills in (`TemplateFill`), in the order WhatsApp's
 * `template.components` carries them.
 */

export type TemplateHeaderFormat = 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';
export type TemplateMediaKind = 'image' | 'video' | 'document';

/** A button of a template's definition, with its position (`index` in a send). */
export interface TemplateButtonDefinition {
	index: number;
	/** QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, FLOW, OTP… as Meta lists it. */
	type: string;
	text: string;
	/** Variables of a URL button's URL (at most one, at its end). */
	variables: string[];
}

export interface TemplateDefinition {
	name: string;
	language: string;
	/** APPROVED, PENDING, REJECTED, PAUSED, DISABLED… */
	status: string;
	category: string | null;
	/** NAMED: variables are `{{first_name}}` and a send names each parameter. */
	parameterFormat: 'POSITIONAL' | 'NAMED';
	header: { format: TemplateHeaderFormat; text: string | null; variables: string[] } | null;
	body: { text: string; variables: string[] } | null;
	footer: string | null;
	buttons: TemplateButtonDefinition[];
}

/** One value of a header or body variable. */
export type TemplateValue =
	| { kind: 'text'; text: unknown; name?: string }
	/** A parameter written as JSON of another type (currency, date_time…): sent as written. */
	| { kind: 'other'; type: string; name?: string };

export type TemplateHeaderFill = TemplateValue | { kind: TemplateMediaKind; link: unknown };

/** A button's parameter: a quick reply's payload (returned when tapped) or a URL button's variable. */
export interface TemplateButtonFill {
	index: unknown;
	subType: string;
	value: unknown;
}

export interface TemplateFill {
	name: unknown;
	language: unknown;
	header: TemplateHeaderFill | null;
	body: TemplateValue[];
	buttons: TemplateButtonFill[];
}

/** `{{1}}`, `{{ 2 }}`, `{{first_name}}`: the distinct variables of a text, in their order. */
export function variablesOf(text: string | null | undefined): string[] {
	if (!text) return [];
	const found: string[] = [];
	for (const match of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
		if (!found.includes(match[1])) found.push(match[1]);
	}
	return found;
}

/** The body with its variables filled in (for the Send and Wait item's `question.body`). */
export function renderText(
	text: string,
	variables: string[],
	values: TemplateValue[],
	named: boolean,
): string {
	return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, variable: string) => {
		const value = named
			? values.find((v) => v.name === variable)
			: values[variables.indexOf(variable)];
		return value && value.kind === 'text' && typeof value.text === 'string' ? value.text : whole;
	});
}

/** `name|language`, the value the template picker gives (as n8n's own WhatsApp node does). */
export function templateKey(name: string, language: string): string {
	return `${name}|${language}`;
}

/** Splits `name|language`; a value without `|` is a name whose language is missing. */
export function splitTemplateKey(value: unknown): { name: unknown; language: unknown } {
	if (typeof value !== 'string') return { name: value, language: undefined };
	const at = value.lastIndexOf('|');
	if (at < 0) return { name: value.trim(), language: undefined };
	return { name: value.slice(0, at).trim(), language: value.slice(at + 1).trim() };
}
