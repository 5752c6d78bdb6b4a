/**
 * WhatsApp's `template` object of a send (`{ name, language: { code }, components }`), as Meta's
 * Cloud API takes it: reading a template's definition from the account's `message_templates`,
 * building the components from the node's fields, reading components written as JSON, and every
 * check Meta documents for them, all problems at once (docs/templates.md lists each with its source).
 */
import type { IDataObject } from 'n8n-workflow';
import {
	variablesOf,
	type TemplateButtonFill,
	type TemplateDefinition,
	type TemplateFill,
	type TemplateHeaderFill,
	type TemplateHeaderFormat,
	type TemplateValue,
} from '../../model/template';
import { codePointLength, quote } from '../../model/text';
import { isRecord, text } from '../../model/values';
import { checkText, type Issue } from '../../validation/issues';
import { checkHttpUrl } from '../../validation/url';

/** Meta's limits for template names and parameters (docs/templates.md, "Limits"). */
export const TEMPLATE_LIMITS = {
	/** Template name: lowercase letters, digits and underscores, up to 512 characters. */
	name: 512,
	/** A header text parameter. */
	headerText: 60,
	/** A body text parameter when the message has other components. */
	bodyText: 1024,
	/** A body text parameter when the body is the only component. */
	bodyTextAlone: 32768,
	/** Button indexes 0 to 9: up to ten buttons. */
	maxButtonIndex: 9,
	/** A quick-reply payload (WhatsApp's limit for a reply button's id). */
	payload: 256,
} as const;

const HEADER_FORMATS: readonly TemplateHeaderFormat[] = [
	'TEXT',
	'IMAGE',
	'VIDEO',
	'DOCUMENT',
	'LOCATION',
];
/** The header media a template can have, as a send names them. */
export const MEDIA = ['image', 'video', 'document'] as const;

/** One entry of `GET /{waba-id}/message_templates` as a definition, or null when it names no template. */
export function readTemplateDefinition(entry: unknown): TemplateDefinition | null {
	if (!isRecord(entry)) return null;
	const name = text(entry.name);
	const language = text(entry.language);
	if (name === null || language === null) return null;
	const definition: TemplateDefinition = {
		name,
		language,
		status: (text(entry.status) ?? 'UNKNOWN').toUpperCase(),
		category: text(entry.category),
		parameterFormat:
			String(entry.parameter_format ?? '').toUpperCase() === 'NAMED' ? 'NAMED' : 'POSITIONAL',
		header: null,
		body: null,
		footer: null,
		buttons: [],
	};
	for (const component of Array.isArray(entry.components)
		? entry.components.filter(isRecord)
		: []) {
		const type = String(component.type ?? '').toUpperCase();
		const body = text(component.text);
		if (type === 'HEADER') {
			const format = String(component.format ?? 'TEXT').toUpperCase() as TemplateHeaderFormat;
			definition.header = {
				format: HEADER_FORMATS.includes(format) ? format : 'TEXT',
				text: body,
				variables: format === 'TEXT' ? variablesOf(body) : [],
			};
		} else if (type === 'BODY') {
			definition.body = { text: body ?? '', variables: variablesOf(body) };
		} else if (type === 'FOOTER') {
			definition.footer = body;
		} else if (type === 'BUTTONS' && Array.isArray(component.buttons)) {
			definition.buttons = component.buttons
				.filter(isRecord)
				.map((button: IDataObject, index: number) => ({
					index,
					type: String(button.type ?? '').toUpperCase(),
					text: text(button.text) ?? '',
					variables: variablesOf(text(button.url)),
				}));
		}
	}
	return definition;
}

/** The definition's quick-reply buttons, in order: what Send and Wait offers as choices. */
export function quickReplies(definition: TemplateDefinition): TemplateDefinition['buttons'] {
	return definition.buttons.filter((button) => button.type === 'QUICK_REPLY');
}

/** What the template picker shows under a template's name: its status, category and what it needs. */
export function describeTemplate(definition: TemplateDefinition): string {
	const needs: string[] = [];
	if (definition.header && definition.header.format !== 'TEXT')
		needs.push(`${definition.header.format.toLowerCase()} header`);
	if (definition.header?.variables.length) needs.push('header variable');
	const variables = definition.body?.variables ?? [];
	if (variables.length > 0) {
		const kind = definition.parameterFormat === 'NAMED' ? ' named' : '';
		needs.push(
			`${variables.length}${kind} body variable${variables.length === 1 ? '' : 's'} ${variables.map((v) => `{{${v}}}`).join(', ')}`,
		);
	}
	for (const button of definition.buttons)
		if (button.type === 'URL' && button.variables.length > 0)
			needs.push(`a value for the URL of ${buttonName(button.index)} ${quote(button.text)}`);
	const replies = quickReplies(definition).map((button) => button.text);
	if (replies.length > 0) needs.push(`quick replies: ${replies.join(', ')}`);
	const status = definition.status.charAt(0) + definition.status.slice(1).toLowerCase();
	return [status, definition.category?.toLowerCase(), ...needs].filter(Boolean).join(' · ');
}

/** What the account answers for a template it does not have (Meta: 132001), and what to do. */
export function noSuchTemplate(name: string, language: string): string {
	return `Your WhatsApp Business Account has no template "${name}" in language ${language}; choose one from the list (WhatsApp Manager → Message templates shows them)`;
}

/** A template button as people count it, with Meta's index (from 0) that Button Index takes. */
export function buttonName(index: number): string {
	return `button ${index + 1} (index ${index})`;
}

export function capital(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The components of a send from the values filled in (`index` as text, as Meta's examples write it). */
export function templateComponents(fill: TemplateFill): IDataObject[] {
	const components: IDataObject[] = [];
	if (fill.header) components.push({ type: 'header', parameters: [headerParameter(fill.header)] });
	if (fill.body.length > 0)
		components.push({ type: 'body', parameters: fill.body.map((value) => valueParameter(value)) });
	for (const button of fill.buttons) {
		const parameter =
			button.subType === 'quick_reply'
				? { type: 'payload', payload: button.value }
				: { type: 'text', text: button.value };
		components.push({
			type: 'button',
			sub_type: button.subType,
			index: String(button.index),
			parameters: [parameter],
		});
	}
	return components;
}

function headerParameter(header: TemplateHeaderFill): IDataObject {
	if (header.kind === 'text' || header.kind === 'other') return valueParameter(header);
	return { type: header.kind, [header.kind]: { link: header.link } };
}

function valueParameter(value: TemplateValue): IDataObject {
	const parameter: IDataObject = {
		type: 'text',
		text: value.kind === 'text' ? (value.text as string) : '',
	};
	if (value.name) parameter.parameter_name = value.name;
	return parameter;
}

/**
 * Reads components written as JSON (Meta's `template.components`) into the values they fill, for
 * the checks; the components themselves are sent as written. Shape problems go into `issues`.
 */
export function readComponents(
	issues: Issue[],
	components: unknown,
	name: unknown,
	language: unknown,
): TemplateFill {
	const fill: TemplateFill = { name, language, header: null, body: [], buttons: [] };
	if (!Array.isArray(components)) {
		issues.push({
			path: 'components',
			message:
				'Components (JSON) must be a list, as Meta writes template.components: [{ "type": "body", "parameters": [ … ] }]',
		});
		return fill;
	}
	components.forEach((component, c) => {
		const path = `components[${c}]`;
		if (!isRecord(component)) {
			issues.push({
				path,
				message: `Component ${c + 1} must be an object with "type" and "parameters"`,
			});
			return;
		}
		const type = String(component.type ?? '').toLowerCase();
		const parameters = Array.isArray(component.parameters) ? component.parameters : null;
		if (type !== 'header' && type !== 'body' && type !== 'button') {
			issues.push({
				path: `${path}.type`,
				message: `Component ${c + 1} has type ${quote(String(component.type ?? ''))}; use "header", "body" or "button"`,
			});
			return;
		}
		if (parameters === null) {
			issues.push({
				path: `${path}.parameters`,
				message: `Component ${c + 1} (${type}) has no "parameters" list`,
			});
			return;
		}
		if (type === 'button') {
			const parameter = isRecord(parameters[0]) ? parameters[0] : {};
			fill.buttons.push({
				index: component.index,
				subType: String(component.sub_type ?? ''),
				value: parameter.payload ?? parameter.text,
			});
			return;
		}
		const values = parameters.map((parameter) => readParameter(parameter));
		if (type === 'header') fill.header = values[0] ?? null;
		else fill.body.push(...(values as TemplateValue[]));
	});
	return fill;
}

function readParameter(parameter: unknown): TemplateHeaderFill {
	const record = isRecord(parameter) ? parameter : {};
	const type = String(record.type ?? '');
	const name = text(record.parameter_name) ?? undefined;
	if (type === 'text') return { kind: 'text', text: record.text, ...(name ? { name } : {}) };
	if ((MEDIA as readonly string[]).includes(type)) {
		const media = isRecord(record[type]) ? (record[type] as IDataObject) : {};
		return { kind: type as (typeof MEDIA)[number], link: media.link ?? media.id };
	}
	return { kind: 'other', type, ...(name ? { name } : {}) };
}

/**
 * Every problem of a template send: Meta's limits on the name and the parameters, and, with the
 * template's definition, whether the parameters are the ones it has (Meta refuses a send otherwise:
 * 132000 wrong number of parameters, 132001 no such template, 132012 wrong parameter format).
 * `onlyBody`: the body is the only component of the send (its parameters may then be longer).
 */
export function checkTemplate(
	fill: TemplateFill,
	definition: TemplateDefinition | undefined,
): Issue[] {
	const issues: Issue[] = [];
	checkName(issues, fill.name, fill.language);
	const onlyBody =
		fill.header === null &&
		fill.buttons.length === 0 &&
		(definition
			? definition.header === null && definition.footer === null && definition.buttons.length === 0
			: true);
	checkHeader(issues, fill.header);
	fill.body.forEach((value, i) => {
		if (value.kind !== 'text') return;
		const label = `Body variable ${value.name ? quote(value.name) : i + 1}`;
		checkText(issues, `body[${i}]`, label, value.text, {
			min: 1,
			max: onlyBody ? TEMPLATE_LIMITS.bodyTextAlone : TEMPLATE_LIMITS.bodyText,
			notBlank: true,
		});
		checkParameterSpacing(issues, `body[${i}]`, label, value.text);
	});
	checkButtons(issues, fill.buttons);
	if (definition) checkAgainstDefinition(issues, fill, definition);
	return issues;
}

function checkName(issues: Issue[], name: unknown, language: unknown): void {
	if (typeof name !== 'string' || name === '') {
		issues.push({
			path: 'template',
			message:
				'Template is empty; choose an approved template from the list, or give name|language (e.g. appointment_reminder|en_US) with an expression',
		});
	} else if (!/^[a-z0-9_]+$/.test(name) || codePointLength(name) > TEMPLATE_LIMITS.name) {
		issues.push({
			path: 'template',
			message: `Template name ${quote(name)} is not a template name; Meta's are lowercase letters, digits and underscores, up to ${TEMPLATE_LIMITS.name} characters`,
		});
	}
	if (
		typeof name === 'string' &&
		name !== '' &&
		(typeof language !== 'string' || language === '')
	) {
		issues.push({
			path: 'template',
			message: `Template ${quote(name)} has no language; give name|language (e.g. ${name}|en_US), or choose the template from the list`,
		});
	} else if (
		typeof language === 'string' &&
		language !== '' &&
		!/^[a-z]{2,3}(?:_[A-Za-z]{2,4})?$/.test(language)
	) {
		issues.push({
			path: 'template',
			message: `Template language ${quote(language)} is not a language code; use the template's code as WhatsApp Manager shows it, such as en_US, pt_BR or es`,
		});
	}
}

function checkHeader(issues: Issue[], header: TemplateHeaderFill | null): void {
	if (!header) return;
	if (header.kind === 'text') {
		checkText(issues, 'header', 'Header variable', header.text, {
			min: 1,
			max: TEMPLATE_LIMITS.headerText,
			notBlank: true,
		});
		checkParameterSpacing(issues, 'header', 'Header variable', header.text);
	} else if (header.kind !== 'other') {
		checkHttpUrl(issues, 'header', `Header ${header.kind} URL`, header.link);
	}
}

/** Meta refuses parameter texts with line breaks, tabs or more than four spaces in a row (132018). */
function checkParameterSpacing(issues: Issue[], path: string, label: string, value: unknown): void {
	if (typeof value !== 'string') return;
	if (/[\n\r\t]/.test(value)) {
		issues.push({
			path,
			message: `${label} ${quote(value)} has a line break or a tab; template variables must be one line (put line breaks in the template itself)`,
		});
	} else if (/ {5,}/.test(value)) {
		issues.push({
			path,
			message: `${label} ${quote(value)} has more than four spaces in a row; WhatsApp refuses that in template variables`,
		});
	}
}

function checkButtons(issues: Issue[], buttons: TemplateButtonFill[]): void {
	const seen = new Set<number>();
	buttons.forEach((button, i) => {
		const path = `buttons[${i}]`;
		const index =
			typeof button.index === 'string' && /^\d+$/.test(button.index)
				? Number(button.index)
				: button.index;
		if (
			typeof index !== 'number' ||
			!Number.isInteger(index) ||
			index < 0 ||
			index > TEMPLATE_LIMITS.maxButtonIndex
		) {
			issues.push({
				path: `${path}.index`,
				message: `Button parameter ${i + 1} has index ${quote(String(button.index ?? ''))}; the index is the button's position in the template, 0 to ${TEMPLATE_LIMITS.maxButtonIndex}`,
			});
			return;
		}
		if (seen.has(index))
			issues.push({
				path: `${path}.index`,
				message: `Button parameter ${i + 1} is the second for ${buttonName(index)}; give each button at most one`,
			});
		seen.add(index);
		if (button.subType === 'quick_reply') {
			checkText(
				issues,
				`${path}.payload`,
				`Quick-reply payload of ${buttonName(index)}`,
				button.value,
				{
					min: 1,
					max: TEMPLATE_LIMITS.payload,
				},
			);
		} else if (button.subType === 'url') {
			checkText(issues, `${path}.text`, `URL variable of ${buttonName(index)}`, button.value, {
				min: 1,
				max: 2000,
				notBlank: true,
			});
		} else {
			issues.push({
				path: `${path}.sub_type`,
				message: `Button parameter ${i + 1} has sub_type ${quote(button.subType)}; this node fills "quick_reply" payloads and "url" variables`,
			});
		}
	});
}

function checkAgainstDefinition(
	issues: Issue[],
	fill: TemplateFill,
	definition: TemplateDefinition,
): void {
	const label = `Template ${quote(definition.name)} (${definition.language})`;
	if (definition.status !== 'APPROVED') {
		issues.push({
			path: 'template',
			message: `${label} is ${definition.status.toLowerCase()} in your WhatsApp Business Account; only approved templates can be sent (WhatsApp Manager → Message templates)`,
		});
	}
	const named = definition.parameterFormat === 'NAMED';
	// Header.
	const header = definition.header;
	if (header && header.format === 'TEXT') {
		if (header.variables.length > 0 && (!fill.header || fill.header.kind !== 'text')) {
			issues.push({
				path: 'header',
				message: `${label} has a variable in its header (${quote(header.text ?? '')}); set Header to Text and give its value`,
			});
		} else if (header.variables.length === 0 && fill.header) {
			issues.push({ path: 'header', message: `${label} has a fixed header; set Header to None` });
		}
	} else if (header && header.format !== 'LOCATION') {
		const kind = header.format.toLowerCase();
		if (!fill.header)
			issues.push({
				path: 'header',
				message: `${label} has ${kind === 'image' ? 'an' : 'a'} ${kind} header; set Header to ${header.format.charAt(0) + kind.slice(1)} and give the link of the ${kind} to send`,
			});
		else if (fill.header.kind !== kind)
			issues.push({
				path: 'header',
				message: `${label} has ${kind === 'image' ? 'an' : 'a'} ${kind} header, not ${fill.header.kind === 'text' ? 'a text' : `a ${fill.header.kind}`}; set Header to ${header.format.charAt(0) + kind.slice(1)}`,
			});
	} else if (!header && fill.header) {
		issues.push({ path: 'header', message: `${label} has no header; set Header to None` });
	}
	// Body.
	const variables = definition.body?.variables ?? [];
	if (named) {
		const given = fill.body.map((value) => value.name ?? '');
		const missing = variables.filter((variable) => !given.includes(variable));
		const unknown = given.filter((name) => name !== '' && !variables.includes(name));
		const unnamed = given.filter((name) => name === '').length;
		const list = variables.map((v) => `{{${v}}}`).join(', ') || 'none';
		// Values without a name (a positional habit): one line that says so, not "missing" and
		// "unknown" lines that would both be about the same values.
		if (unnamed > 0)
			issues.push({
				path: 'body',
				message: `${label} has named body variables (${list}); ${unnamed === 1 ? '1 value' : `${unnamed} values`} under Body Variables ${unnamed === 1 ? 'has' : 'have'} no Name. Give each value the name of its variable, e.g. ${variables[0] ?? 'first_name'}`,
			});
		else if (missing.length > 0)
			issues.push({
				path: 'body',
				message: `${label} needs body variable${missing.length === 1 ? '' : 's'} ${missing.map((m) => `{{${m}}}`).join(', ')}; add ${missing.length === 1 ? 'it' : 'them'} under Body Variables with ${missing.length === 1 ? 'its' : 'their'} name`,
			});
		if (unknown.length > 0)
			issues.push({
				path: 'body',
				message: `${label} has no body variable named ${unknown.map((u) => `{{${u}}}`).join(', ')}; its variables are ${list}`,
			});
	} else if (fill.body.length !== variables.length) {
		issues.push({
			path: 'body',
			message: `${label} has ${variables.length} body variable${variables.length === 1 ? '' : 's'} (${variables.map((v) => `{{${v}}}`).join(', ') || 'none'}); ${fill.body.length} ${fill.body.length === 1 ? 'is' : 'are'} given. Give one value per variable, in order`,
		});
	}
	// Buttons.
	for (const button of fill.buttons) {
		const index = Number(button.index);
		// An index outside 0–9 is reported by the limits already.
		if (!Number.isInteger(index) || index < 0 || index > TEMPLATE_LIMITS.maxButtonIndex) continue;
		const defined = definition.buttons.find((b) => b.index === index);
		if (!defined) {
			issues.push({
				path: 'buttons',
				message: `${label} has no ${buttonName(index)}; its buttons are ${definition.buttons.map((b) => `${buttonName(b.index)} ${quote(b.text)}`).join(', ') || 'none'}`,
			});
		} else if (button.subType === 'quick_reply' && defined.type !== 'QUICK_REPLY') {
			issues.push({
				path: 'buttons',
				message: `${capital(buttonName(index))} of ${label} (${quote(defined.text)}) is a ${defined.type.toLowerCase().replace(/_/g, ' ')} button, not a quick reply; only quick replies take a payload`,
			});
		} else if (
			button.subType === 'url' &&
			(defined.type !== 'URL' || defined.variables.length === 0)
		) {
			issues.push({
				path: 'buttons',
				message: `${capital(buttonName(index))} of ${label} (${quote(defined.text)}) has no URL variable to fill`,
			});
		}
	}
	for (const defined of definition.buttons) {
		if (
			defined.type === 'URL' &&
			defined.variables.length > 0 &&
			!fill.buttons.some((b) => Number(b.index) === defined.index && b.subType === 'url')
		) {
			issues.push({
				path: 'buttons',
				message: `${capital(buttonName(defined.index))} of ${label} (${quote(defined.text)}) has a variable in its URL; add a Button Parameter for it (Button Index ${defined.index}, type URL Variable)`,
			});
		}
	}
}
