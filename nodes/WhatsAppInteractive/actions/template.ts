/**
 * Template sends: which operations send a template, reading one item's template fields (or its
 * components as JSON), and looking up the template's definition in the business account once per
 * run, so that every item is checked against what Meta will check before anything is sent.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';
import { getWithAuthHeaders } from '../../shared/dialects/credential';
import type { LoadOptionsContext } from '../../shared/dialects/types';
import {
	checkTemplate,
	noSuchTemplate,
	readComponents,
	templateComponents,
} from '../../shared/dialects/whatsapp/template';
import { fillFromFields } from '../../shared/dialects/whatsapp/templateFields';
import {
	splitTemplateKey,
	templateKey,
	type TemplateDefinition,
	type TemplateFill,
	type TemplateHeaderFill,
} from '../../shared/model/template';
import { isRecord } from '../../shared/model/values';
import type { Issue } from '../../shared/validation/issues';
import { chosenCredentials } from './credential';

/** Whether item `i` is sent as a template: Send Template, or Send As → Template. */
export function sendsTemplate(ctx: IExecuteFunctions, i: number): boolean {
	const operation = ctx.getNodeParameter('operation', i, 'send') as string;
	if (operation === 'sendTemplate') return true;
	if (operation !== 'sendAndWait' && operation !== 'buildPayload') return false;
	if (
		operation === 'sendAndWait' &&
		['approval', 'freeText'].includes(ctx.getNodeParameter('responseType', i, 'choice') as string)
	)
		return false;
	return ctx.getNodeParameter('sendAs', i, 'interactive') === 'template';
}

export interface ReadTemplate {
	fill: TemplateFill;
	/** `template.components` to send: built from the fields, or the JSON as written. */
	components: IDataObject[];
	/** Built from the fields (not JSON as written): the node may complete it from the definition. */
	fromFields?: boolean;
	issues: Issue[];
}

export function readTemplate(ctx: IExecuteFunctions, i: number): ReadTemplate {
	const param = <T>(name: string, fallback: T) => ctx.getNodeParameter(name, i, fallback) as T;
	const { name, language } = splitTemplateKey(param<unknown>('template', ''));
	const issues: Issue[] = [];
	const mode = param<string>('templateVariables', 'fields');
	if (mode === 'json') {
		let components: unknown = param<unknown>('templateComponents', '[]');
		if (typeof components === 'string') {
			try {
				components = JSON.parse(components);
			} catch (error) {
				issues.push({
					path: 'components',
					message: `Components (JSON) is not valid JSON (${(error as Error).message}); write Meta's template.components list`,
				});
				components = [];
			}
		}
		const fill = readComponents(issues, components, name, language);
		return {
			fill,
			components: Array.isArray(components) ? (components as IDataObject[]) : [],
			issues,
		};
	}
	if (mode === 'template') {
		const values = param<unknown>('templateFields.value', {});
		const fill: TemplateFill = {
			name,
			language,
			...fillFromFields(isRecord(values) ? values : {}),
		};
		return { fill, components: templateComponents(fill), issues, fromFields: true };
	}
	const headerType = param<string>('templateHeaderType', 'none');
	let header: TemplateHeaderFill | null = null;
	if (headerType === 'text')
		header = { kind: 'text', text: param<unknown>('templateHeaderText', '') };
	else if (headerType === 'image' || headerType === 'video' || headerType === 'document')
		header = { kind: headerType, link: param<unknown>('templateHeaderMediaUrl', '') };
	const entries = (value: unknown) => (Array.isArray(value) ? value.filter(isRecord) : []);
	const body = entries(param<unknown>('templateBody.variable', [])).map((entry) => {
		const variable = typeof entry.name === 'string' ? entry.name.trim() : '';
		return {
			kind: 'text' as const,
			text: entry.value ?? '',
			...(variable ? { name: variable } : {}),
		};
	});
	const buttons = entries(param<unknown>('templateButtons.button', [])).map((entry) => ({
		index: entry.index ?? 0,
		subType: String(entry.type ?? 'quick_reply'),
		value: entry.value ?? '',
	}));
	const fill: TemplateFill = { name, language, header, body, buttons };
	return { fill, components: templateComponents(fill), issues, fromFields: true };
}

/** WhatsApp's `template` object of a send. */
export function templateObject(fill: TemplateFill, components: IDataObject[]): IDataObject {
	const template: IDataObject = {
		name: fill.name as string,
		language: { code: fill.language as string },
	};
	if (components.length > 0) template.components = components;
	return template;
}

/**
 * What the account says of a template: its definition; `missing` (it has no such template: Meta
 * would answer 132001); or `unchecked` with the reason it could not be read (no credential in Build
 * Payload, no account ID, or a token without the whatsapp_business_management permission).
 */
export type TemplateLookup =
	| { definition: TemplateDefinition }
	| { missing: true }
	/** `unchecked`: what the item's warning says; `reason`: why, alone. */
	| { unchecked: string; reason: string };

export type TemplateLookups = Map<string, TemplateLookup>;

/** Looks up the templates the items name, each once. */
export async function lookUpTemplates(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	count: number,
): Promise<TemplateLookups> {
	const lookups: TemplateLookups = new Map();
	const support = dialect.templates;
	if (!support) return lookups;
	const credentials = await chosenCredentials(ctx, dialect);
	for (let i = 0; i < count; i++) {
		const { name, language } = splitTemplateKey(ctx.getNodeParameter('template', i, ''));
		if (typeof name !== 'string' || typeof language !== 'string' || name === '' || language === '')
			continue;
		const key = templateKey(name, language);
		if (lookups.has(key)) continue;
		const unchecked = (reason: string, consequence: string) =>
			lookups.set(key, { unchecked: `${reason}, so ${consequence}`, reason });
		if (!credentials) {
			unchecked(
				'no credential is chosen',
				"only Meta's limits were checked, not the template's own variables",
			);
			continue;
		}
		const lacking = support.unreadable?.(credentials);
		if (lacking !== undefined) {
			unchecked(lacking, "the template's own variables were not checked");
			continue;
		}
		try {
			const definition = await support.definition(
				executeLookupContext(ctx, dialect, credentials),
				name,
				language,
			);
			lookups.set(key, definition ? { definition } : { missing: true });
		} catch (error) {
			unchecked(
				`the template could not be read from the account (${(error as Error).message})`,
				'its own variables were not checked',
			);
		}
	}
	return lookups;
}

/** The dialect's read context, in an execution: the chosen credential and n8n's request helper. */
function executeLookupContext(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	credentials: ICredentialDataDecryptedObject,
): LoadOptionsContext {
	return {
		credentials: async () => credentials,
		get: async (type, url) =>
			await getWithAuthHeaders(ctx, type, dialect.credential.authHeaders, credentials, url),
	};
}

/** The checks of one item's template against Meta's limits and, when it was read, its definition. */
export function checkTemplateItem(
	read: ReadTemplate,
	lookups: TemplateLookups,
): { issues: Issue[]; lookup?: TemplateLookup; read: ReadTemplate } {
	const { name, language } = read.fill;
	const lookup =
		typeof name === 'string' && typeof language === 'string'
			? lookups.get(templateKey(name, language))
			: undefined;
	const definition = lookup && 'definition' in lookup ? lookup.definition : undefined;
	// A template with named variables names its header parameter too; the panel has no field for
	// that name, as a header has at most one variable: it is taken from the definition.
	const variable =
		definition?.parameterFormat === 'NAMED' ? definition.header?.variables[0] : undefined;
	if (read.fromFields && variable && read.fill.header?.kind === 'text' && !read.fill.header.name) {
		const fill = { ...read.fill, header: { ...read.fill.header, name: variable } };
		read = { ...read, fill, components: templateComponents(fill) };
	}
	const issues = read.issues.concat(checkTemplate(read.fill, definition));
	if (lookup && 'missing' in lookup) {
		issues.unshift({
			path: 'template',
			message: noSuchTemplate(String(name), String(language)),
		});
	}
	return { issues, lookup, read };
}
