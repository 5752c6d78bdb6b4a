/**
 * The business account's message templates (`GET /{waba-id}/message_templates`): the picker's list
 * and the definition a send is checked against. Pages are followed with the `after` cursor on the
 * credential's own Base URL (Graph's `paging.next` names graph.facebook.com, not a proxy).
 */
import type { INodePropertyOptions } from 'n8n-workflow';
import { templateKey, type TemplateDefinition } from '../../model/template';
import { isRecord, text } from '../../model/values';
import type { LoadOptionsContext } from '../types';
import { escapeHtml } from '../../model/html';
import { describeTemplate, readTemplateDefinition } from '../whatsapp/template';

export const TEMPLATES_METHOD = 'whatsAppCloudTemplates';
export const TEMPLATE_FIELDS_METHOD = 'whatsAppCloudTemplateFields';

const FIELDS = 'name,language,status,category,parameter_format,components';
/** Graph's page size for this edge, and how many pages the picker reads at most (1,000 templates). */
const PAGE = 250;
const MAX_PAGES = 4;

type BaseUrl = (data: Record<string, unknown>) => string;

async function accountUrl(
	context: LoadOptionsContext,
	credentialType: string,
	baseUrl: BaseUrl,
	purpose: string,
): Promise<string> {
	const data = await context.credentials(credentialType);
	if (!data) throw new Error(`Choose a WhatsApp Cloud API credential above to ${purpose}`);
	const account = String(data.businessAccountId ?? '').trim();
	if (account === '')
		throw new Error(
			`Add the WhatsApp Business Account ID to the credential to ${purpose} (Meta's API Setup page shows it)`,
		);
	return `${baseUrl(data)}/${encodeURIComponent(account)}/message_templates`;
}

async function readPages(
	context: LoadOptionsContext,
	credentialType: string,
	url: string,
): Promise<TemplateDefinition[]> {
	const found: TemplateDefinition[] = [];
	let after: string | null = null;
	for (let page = 0; page < MAX_PAGES; page++) {
		const answer = await context.get(
			credentialType,
			`${url}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
		);
		const data = isRecord(answer) && Array.isArray(answer.data) ? answer.data : [];
		for (const entry of data) {
			const definition = readTemplateDefinition(entry);
			if (definition) found.push(definition);
		}
		const paging = isRecord(answer) && isRecord(answer.paging) ? answer.paging : {};
		const cursors = isRecord(paging.cursors) ? paging.cursors : {};
		after = paging.next ? text(cursors.after) : null;
		if (after === null) break;
	}
	return found;
}

/** The picker: approved templates first, each as `name (language)` with its status and what it needs. */
export async function listTemplates(
	context: LoadOptionsContext,
	credentialType: string,
	baseUrl: BaseUrl,
): Promise<INodePropertyOptions[]> {
	const url = await accountUrl(
		context,
		credentialType,
		baseUrl,
		'list its templates, or give name|language with an expression',
	);
	const templates = await readPages(
		context,
		credentialType,
		`${url}?fields=${FIELDS}&limit=${PAGE}`,
	);
	const approved = (t: TemplateDefinition) => (t.status === 'APPROVED' ? 0 : 1);
	return templates
		.sort(
			(a, b) =>
				approved(a) - approved(b) ||
				a.name.localeCompare(b.name) ||
				a.language.localeCompare(b.language),
		)
		.map((t) => ({
			name: `${t.name} (${t.language})`,
			value: templateKey(t.name, t.language),
			// The editor shows an option's description as HTML; button texts are the account's own.
			description: escapeHtml(describeTemplate(t)),
		}));
}

/** One template's definition, or null when the account has no template of that name and language. */
export async function findTemplate(
	context: LoadOptionsContext,
	credentialType: string,
	baseUrl: BaseUrl,
	name: string,
	language: string,
): Promise<TemplateDefinition | null> {
	const url = await accountUrl(
		context,
		credentialType,
		baseUrl,
		'check the template before sending',
	);
	const templates = await readPages(
		context,
		credentialType,
		`${url}?fields=${FIELDS}&name=${encodeURIComponent(name)}&limit=${PAGE}`,
	);
	// `name` filters by a part of the name: the exact one, in the language asked for.
	return templates.find((t) => t.name === name && t.language === language) ?? null;
}
