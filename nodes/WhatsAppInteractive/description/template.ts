/**
 * Approved templates: the Send Template operation, and Send As → Template in Send and Wait and
 * Build Payload. The template fields are shown for providers whose dialect sends templates
 * (`Dialect.templates`); the others get a notice that says why there are none.
 */
import type { INodeProperties } from 'n8n-workflow';
import { DIALECTS } from '../../shared/dialects';
import { docsLink, providerList } from '../../shared/description/provider';
import { OWN_QUESTION_RESPONSES } from './approval';

const withTemplates = DIALECTS.filter((dialect) => dialect.templates);
const withoutTemplates = DIALECTS.filter((dialect) => !dialect.templates);
const templateProviders = withTemplates.map((dialect) => dialect.id);

type DisplayOptions = NonNullable<INodeProperties['displayOptions']>;

/**
 * Where the template fields are shown: Send Template, or Send As → Template (not for Approval): each
 * field twice, once per place. One rule with `hide: { sendAs: ['interactive'] }` cannot do it:
 * n8n-workflow's getNodeParameters checks display rules against every parameter's default, shown
 * or not, so the hidden Send As would hide the fields of Send Template too, and their values would
 * be dropped. (n8n drops a field's value whenever the field is hidden, so a switch between Send
 * Template and Send As → Template does not keep every template field: docs/templates.md says so.)
 */
const CONTEXTS: DisplayOptions[] = [
	{ show: { operation: ['sendTemplate'] } },
	{
		show: { operation: ['sendAndWait', 'buildPayload'], sendAs: ['template'] },
		hide: { responseType: ['approval', ...OWN_QUESTION_RESPONSES] },
	},
];

/** `extra` added to a context's `show` (and `hide` merged). */
function within(context: DisplayOptions, extra: DisplayOptions): DisplayOptions {
	const hide = { ...context.hide, ...extra.hide };
	return {
		show: { ...context.show, ...extra.show },
		...(Object.keys(hide).length ? { hide } : {}),
	};
}

/** Interactive message or template: one parameter, so a saved workflow's value reads the same in both operations. */
const sendAs: INodeProperties = {
	displayName: 'Send As',
	name: 'sendAs',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Interactive Message',
			value: 'interactive',
			description: "Reply buttons or a list: within 24 hours of the customer's last message",
		},
		{
			name: 'Template',
			value: 'template',
			description:
				'An approved template with quick-reply buttons: at any time, also outside the 24-hour window',
		},
	],
	default: 'interactive',
};

/** Send As (Send and Wait), and the same choice named for Build Payload, which sends nothing. */
export const sendAsProperties: INodeProperties[] = [
	{
		...sendAs,
		displayOptions: {
			show: { operation: ['sendAndWait'] },
			hide: { responseType: ['approval', ...OWN_QUESTION_RESPONSES] },
		},
	},
	{
		...sendAs,
		displayName: 'Build Request For',
		description: 'Which message the request sends: an interactive message or an approved template',
		displayOptions: { show: { operation: ['buildPayload'] } },
	},
];

/** Define Variables, with the default of the type versions its display rules select. */
function defineVariables(
	displayOptions: DisplayOptions,
	fallback: 'fields' | 'template',
): INodeProperties {
	return {
		displayName: 'Define Variables',
		name: 'templateVariables',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: "Using the Template's Fields",
				value: 'template',
				description: "The chosen template's text, and a field for each value it needs",
			},
			{
				name: 'Using Fields Below',
				value: 'fields',
				description: 'Header, Body Variables and Button Parameters, filled in by position',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: "Meta's components as JSON, for currency and date-time parameters",
			},
		],
		default: fallback,
		description: "How to give the values the template's variables and buttons need at sending",
		displayOptions,
	};
}

function fieldsFor(context: DisplayOptions): INodeProperties[] {
	const fields: DisplayOptions = within(context, {
		show: { provider: templateProviders },
		hide: { templateVariables: ['json', 'template'] },
	});
	const header = (types: string[]) => within(fields, { show: { templateHeaderType: types } });
	return [
		...withoutTemplates.map((dialect): INodeProperties => ({
			displayName: `${dialect.displayName} documents no message templates for this API, so this node cannot send one through it. Templates are sent through the ${providerList(withTemplates)}; choose it as Provider. ${docsLink('docs/templates.md', 'About templates')}`,
			name: 'noTemplatesNotice',
			type: 'notice',
			default: '',
			displayOptions: within(context, { show: { provider: [dialect.id] } }),
		})),
		{
			displayName: `Outside the 24-hour window after the customer's last message, WhatsApp takes only approved templates. ${docsLink('docs/templates.md', 'When to use a template')}`,
			name: 'templateNotice',
			type: 'notice',
			default: '',
			displayOptions: within(context, { show: { provider: templateProviders } }),
		},
		...withTemplates.map((dialect): INodeProperties => ({
			displayName: 'Template Name or ID',
			name: 'template',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: dialect.templates!.listMethod,
				loadOptionsDependsOn: ['provider'],
			},
			required: true,
			default: '',
			description:
				'An approved template of the WhatsApp Business Account in the credential, with its language. Choose from the list, or specify name|language (e.g. appointment_reminder|en_US) using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: within(context, { show: { provider: [dialect.id] } }),
		})),
		// Two properties of one name, one per type version (as the trigger's Authentication): a saved
		// node left at the default of 1, Using Fields Below, keeps it; from 1.1 a new node shows the
		// chosen template's own fields (docs/contract.md).
		defineVariables(
			within(context, { show: { provider: templateProviders, '@version': [1] } }),
			'fields',
		),
		defineVariables(
			within(context, { show: { provider: templateProviders }, hide: { '@version': [1] } }),
			'template',
		),
		...withTemplates.map((dialect): INodeProperties => ({
			displayName: 'Template Values',
			name: 'templateFields',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			required: true,
			typeOptions: {
				loadOptionsDependsOn: ['template'],
				resourceMapper: {
					resourceMapperMethod: dialect.templates!.fieldsMethod,
					mode: 'add',
					valuesLabel: 'Template Values',
					fieldWords: { singular: 'value', plural: 'values' },
					addAllFields: true,
					multiKeyMatch: false,
					supportAutoMap: false,
				},
			},
			displayOptions: within(context, {
				show: { provider: [dialect.id], templateVariables: ['template'] },
			}),
		})),
		{
			displayName: 'Header',
			name: 'templateHeaderType',
			type: 'options',
			options: [
				{ name: 'Document', value: 'document' },
				{ name: 'Image', value: 'image' },
				{ name: 'None', value: 'none', description: 'The template has no header, or a fixed one' },
				{ name: 'Text', value: 'text', description: "The value of the header's variable" },
				{ name: 'Video', value: 'video' },
			],
			default: 'none',
			description:
				"What the template's header needs at sending: the value of its variable, or the media it shows",
			displayOptions: fields,
		},
		{
			displayName: 'Header Text',
			name: 'templateHeaderText',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Ana',
			description: "The value of the header's variable, up to 60 characters",
			displayOptions: header(['text']),
		},
		{
			displayName: 'Header Media URL',
			name: 'templateHeaderMediaUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/images/reminder.jpg',
			description:
				'A direct download link (https://) to the image, video or document the header shows',
			displayOptions: header(['image', 'video', 'document']),
		},
		{
			displayName: 'Body Variables',
			name: 'templateBody',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Variable',
			default: {},
			description:
				"One value per variable of the template's body, in order: the first for {{1}}, the second for {{2}}…",
			displayOptions: fields,
			options: [
				{
					displayName: 'Variable',
					name: 'variable',
					values: [
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'Friday at 3:00 PM',
							description: 'Up to 1024 characters, on one line (no line breaks or tabs)',
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'first_name',
							description:
								"Only for a template with named variables ({{first_name}}): the variable's name. Leave empty for {{1}}, {{2}} and so on.",
						},
					],
				},
			],
		},
		{
			displayName: 'Button Parameters',
			name: 'templateButtons',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Button Parameter',
			default: {},
			description:
				"Optional. A quick reply's payload is returned to the trigger when tapped (without one, its text is); a URL button with a variable needs its value. Send and Wait sets the quick replies' payloads itself.",
			displayOptions: fields,
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{
							displayName: 'Button Index',
							name: 'index',
							type: 'number',
							typeOptions: { minValue: 0, maxValue: 9 },
							default: 0,
							description:
								"The button's position in the template as Meta counts it: 0 for the first button, 1 for the second",
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: [
								{ name: 'Quick-Reply Payload', value: 'quick_reply' },
								{ name: 'URL Variable', value: 'url' },
							],
							default: 'quick_reply',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'confirm',
							description:
								"The payload (up to 256 characters), or the text that completes the button's URL",
						},
					],
				},
			],
		},
		{
			displayName: 'Components (JSON)',
			name: 'templateComponents',
			type: 'json',
			default:
				'[\n  {\n    "type": "body",\n    "parameters": [{ "type": "text", "text": "Ana" }]\n  }\n]',
			required: true,
			description:
				'Meta\'s template.components: header, body and button parameters, as in Meta\'s "Template messages" reference. Sent as written, after the same checks.',
			displayOptions: within(context, {
				show: { provider: templateProviders, templateVariables: ['json'] },
			}),
		},
	];
}

export const templateProperties: INodeProperties[] = CONTEXTS.flatMap(fieldsFor);

/**
 * The interactive message's fields, not shown for a template. Written as `hide` on the template
 * values (the default is the interactive message, see description/message.ts).
 */
export function exceptForTemplate(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		const hide = property.displayOptions?.hide;
		return {
			...property,
			displayOptions: {
				...property.displayOptions,
				hide: {
					...hide,
					// Added to a property's own operations hidden (Message Type: Send and Wait's variant).
					operation: [...(hide?.operation ?? []), 'sendTemplate'],
					sendAs: ['template'],
				},
			},
		};
	});
}
