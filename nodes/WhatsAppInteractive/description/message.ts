import type { INodeProperties } from 'n8n-workflow';

const fieldsMode = { defineMessage: ['fields'] };

const JSON_EXAMPLE = `{
  "type": "buttons",
  "header": { "type": "text", "text": "Appointment reminder" },
  "body": "Your appointment is on Friday at 3:00 PM. Will you come?",
  "footer": "Reply with a button",
  "buttons": [
    { "id": "confirm", "title": "Confirm" },
    { "id": "reschedule", "title": "Reschedule" }
  ]
}`;

const textHeader = { name: 'Text', value: 'text' };
const noHeader = { name: 'None', value: 'none' };
const mediaHeaders = [
	{ name: 'Image', value: 'image' },
	{ name: 'Video', value: 'video' },
	{ name: 'Document', value: 'document' },
];

/** The header types on offer depend on the message type and the provider (docs/contract.md). */
function headerType(
	options: INodeProperties['options'],
	show: NonNullable<INodeProperties['displayOptions']>['show'],
	description = 'What the message shows above its body',
): INodeProperties {
	return {
		displayName: 'Header Type',
		name: 'headerType',
		type: 'options',
		options,
		default: 'none',
		description,
		displayOptions: { show },
	};
}

export const messageProperties: INodeProperties[] = [
	{
		displayName: 'Define Message',
		name: 'defineMessage',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description: 'Whether to fill in the message field by field, or pass one JSON message (e.g. built with an expression from earlier nodes)',
	},
	{
		displayName: 'Message (JSON)',
		name: 'messageJson',
		type: 'json',
		default: JSON_EXAMPLE,
		required: true,
		description:
			'The message as JSON: its type ("buttons" or "list"), an optional header, the body, an optional footer, and its buttons or list. The README describes every field.',
		displayOptions: { show: { defineMessage: ['json'] } },
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Reply Buttons', value: 'buttons', description: 'Up to three buttons the recipient taps to answer' },
			{ name: 'List', value: 'list', description: 'A button that opens a list of up to ten choices' },
		],
		default: 'buttons',
		displayOptions: { show: fieldsMode },
	},
	headerType(
		[noHeader, textHeader],
		{ ...fieldsMode, messageType: ['list'] },
		'What the message shows above its body. A list takes a text header only.',
	),
	headerType([noHeader, textHeader, ...mediaHeaders], { ...fieldsMode, messageType: ['buttons'], provider: ['messangi'] }),
	headerType([noHeader, textHeader, ...mediaHeaders, { name: 'Location', value: 'location' }], {
		...fieldsMode,
		messageType: ['buttons'],
		provider: ['sinchLatam'],
	}),
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		description: 'Up to 60 characters',
		displayOptions: { show: { ...fieldsMode, headerType: ['text'] } },
	},
	{
		displayName: 'Header Media URL',
		name: 'headerMediaUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/brochure.pdf',
		description: 'A direct download link (http:// or https://, no redirects) to the image, video or document',
		displayOptions: { show: { ...fieldsMode, headerType: ['image', 'video', 'document'] } },
	},
	{
		displayName: 'Media Type',
		name: 'headerMediaType',
		type: 'options',
		options: [
			{ name: 'Detect From URL', value: '' },
			{ name: 'JPEG', value: 'JPEG' },
			{ name: 'JPG', value: 'JPG' },
			{ name: 'MP4', value: 'MP4' },
			{ name: 'PDF', value: 'PDF' },
			{ name: 'PNG', value: 'PNG' },
		],
		default: '',
		description: "The file type Sinch is told. Detected from the URL's extension unless set here.",
		displayOptions: {
			show: { ...fieldsMode, provider: ['sinchLatam'], headerType: ['image', 'video', 'document'] },
		},
	},
	{
		displayName: 'Latitude',
		name: 'headerLatitude',
		type: 'number',
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 },
		default: 0,
		displayOptions: { show: { ...fieldsMode, headerType: ['location'] } },
	},
	{
		displayName: 'Longitude',
		name: 'headerLongitude',
		type: 'number',
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 },
		default: 0,
		displayOptions: { show: { ...fieldsMode, headerType: ['location'] } },
	},
	{
		displayName: 'Location Name',
		name: 'headerLocationName',
		type: 'string',
		default: '',
		displayOptions: { show: { ...fieldsMode, headerType: ['location'] } },
	},
	{
		displayName: 'Location Address',
		name: 'headerLocationAddress',
		type: 'string',
		default: '',
		displayOptions: { show: { ...fieldsMode, headerType: ['location'] } },
	},
	{
		displayName: 'Body',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'The main text, 1 to 1024 characters. Emoji and WhatsApp formatting (*bold*, _italic_) are fine.',
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Footer',
		name: 'footerText',
		type: 'string',
		default: '',
		description: 'Optional small text under the body, up to 60 characters',
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, maxAllowedFields: 3 },
		placeholder: 'Add Button',
		default: {},
		description: 'One to three reply buttons. The ID comes back in the reply; the title is what the recipient sees.',
		displayOptions: { show: { ...fieldsMode, messageType: ['buttons'] } },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						description: 'Returned in the Button Reply when tapped, up to 256 characters, unique in the message',
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'The button label, up to 20 characters',
					},
				],
			},
		],
	},
	{
		displayName: 'List Button Label',
		name: 'listButtonText',
		type: 'string',
		default: '',
		placeholder: 'See options',
		required: true,
		description: 'The label of the button that opens the list, up to 20 characters',
		displayOptions: { show: { ...fieldsMode, messageType: ['list'] } },
	},
	{
		displayName: 'Rows',
		name: 'rows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Row',
		default: {},
		description:
			'Up to ten rows in total. Rows with the same Section title are grouped into one section, in the order they first appear.',
		displayOptions: { show: { ...fieldsMode, messageType: ['list'] } },
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{
						displayName: 'Section',
						name: 'section',
						type: 'string',
						default: '',
						description: 'Title of the section this row belongs to, up to 24 characters (Messangi needs one; Sinch does not show it)',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						description: 'Returned in the List Reply when chosen, up to 200 characters, unique in the list',
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'Up to 24 characters',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Optional second line, up to 72 characters',
					},
				],
			},
		],
	},
];
