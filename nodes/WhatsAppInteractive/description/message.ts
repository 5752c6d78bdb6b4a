import type { INodeProperties } from 'n8n-workflow';
import { DIALECTS, type Dialect } from '../../shared/dialects';
import { docsLink } from '../../shared/description/provider';
import { AUTO_OPTION, KINDS, type KindName } from '../../shared/kinds';
import { forProviders, merged } from './display';
import { flowFields } from './flow';
import type { Header } from '../../shared/model/message';

/**
 * Display rules. n8n's editor clears an options value that the newly shown variant of a
 * parameter does not offer (editor-ui `removeMismatchedOptionValues`), but it checks the rules
 * against the parameters that differ from their defaults only. A rule on a default value
 * (`defineMessage: fields`, `messageType: buttons`, the first provider of the registry) is therefore written
 * as `hide` on the other value: `hide` treats an absent value as "not hidden", `show` as
 * "not shown", and only the former matches what the editor displays.
 */
const notJson = { defineMessage: ['json'] };
/** Kinds without WhatsApp's interactive object (text): no header, footer, buttons or rows. */
const NOT_INTERACTIVE: string[] = KINDS.filter((kind) => !kind.interactive).map(
	(kind) => kind.type,
);
/** The fields every interactive message has (header text, body, footer). */
const interactiveOnly = { hide: { ...notJson, messageType: NOT_INTERACTIVE } };
/** The header fields of reply buttons (and of CTA URL buttons, which take the same media). */
const onButtons = { hide: { ...notJson, messageType: ['list', 'auto', ...NOT_INTERACTIVE] } };
/** The Buttons collection: reply buttons only. */
const onReplyButtons = {
	hide: {
		...notJson,
		messageType: ['auto', ...KINDS.filter((kind) => kind.type !== 'buttons').map((k) => k.type)],
	},
};
/** The List Button Label and the text-only header: a list, or Auto (which may become one). */
const listOrAuto = ['list', 'auto'];

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
const MEDIA = ['image', 'video', 'document'] as const;

/** The header types on offer depend on the message type and the provider. */
function headerType(
	options: INodeProperties['options'],
	displayOptions: NonNullable<INodeProperties['displayOptions']>,
	description = 'What the message shows above its body',
): INodeProperties {
	return {
		displayName: 'Header Type',
		name: 'headerType',
		type: 'options',
		options,
		default: 'none',
		description,
		displayOptions,
	};
}

/** One Header Media URL per media kind, each with an example of its own kind. */
function mediaUrl(kind: (typeof MEDIA)[number], example: string): INodeProperties {
	return {
		displayName: 'Header Media URL',
		name: 'headerMediaUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: example,
		description: `A direct download link (http:// or https://, no redirects) to the ${kind}`,
		displayOptions: { show: { headerType: [kind] }, hide: onButtons.hide },
	};
}

/** A provider's Media Type: only the file types it accepts for that header kind (`Limits.mediaTypes`). */
function mediaType(
	dialect: Dialect,
	kind: (typeof MEDIA)[number],
	types: readonly string[],
): INodeProperties {
	return {
		displayName: 'Media Type',
		name: 'headerMediaType',
		type: 'options',
		options: [{ name: 'Detect From URL', value: '' }, ...types.map((t) => ({ name: t, value: t }))],
		default: '',
		description: `The file type ${dialect.displayName} is told (${types.join(', ')} for ${kind === 'image' ? 'an' : 'a'} ${kind}). Detected from the URL's extension unless set here.`,
		displayOptions: { show: { provider: [dialect.id], headerType: [kind] }, hide: onButtons.hide },
	};
}

const HEADER_NAMES: Record<Header['type'], string> = {
	text: 'Text',
	image: 'Image',
	video: 'Video',
	document: 'Document',
	location: 'Location',
};

/**
 * The Header Type of reply buttons, one variant per set of header kinds the providers allow. The
 * variant of the first provider (the default) is written as `hide` on the others (see above).
 */
function buttonHeaderTypes(): INodeProperties[] {
	const onReply = {
		...onButtons.hide,
		messageType: [...onButtons.hide.messageType, ...OWN_HEADER_KINDS],
	};
	const groups = new Map<string, Dialect[]>();
	for (const dialect of DIALECTS) {
		const key = dialect.limits.headerTypes.buttons.join(',');
		groups.set(key, [...(groups.get(key) ?? []), dialect]);
	}
	return [...groups.values()].map((members, g) => {
		const options = headerOptions(members[0].limits.headerTypes.buttons);
		const ids = members.map((d) => d.id);
		const others = DIALECTS.filter((d) => !ids.includes(d.id)).map((d) => d.id);
		return g === 0
			? headerType(options, {
					hide: { ...onReply, ...(others.length ? { provider: others } : {}) },
				})
			: headerType(options, { show: { provider: ids }, hide: onReply });
	});
}

/** None, then these header types, for the Header Type field. */
function headerOptions(types: ReadonlyArray<Header['type']>): INodeProperties['options'] {
	return [noHeader, ...types.map((type) => ({ name: HEADER_NAMES[type], value: type }))];
}

/** The kinds whose header types a provider declares in the kind's own limits (not `Limits.headerTypes`). */
const OWN_HEADER_KINDS = ['ctaUrl', 'flow'] as const;

/**
 * The Header Type of a CTA URL button or a Flow message: the header types each provider that takes
 * the kind allows for it, one variant per set.
 */
function ownHeaderTypes(dialects: ReadonlyArray<Dialect>): INodeProperties[] {
	return OWN_HEADER_KINDS.flatMap((kind) => {
		const groups = new Map<string, string[]>();
		for (const dialect of dialects) {
			const types = dialect.kinds[kind]?.limits.headerTypes;
			if (!types) continue;
			const key = types.join(',');
			groups.set(key, [...(groups.get(key) ?? []), dialect.id]);
		}
		return [...groups].map(([key, ids]) =>
			headerType(
				headerOptions(key.split(',') as Array<Header['type']>),
				merged({ show: { messageType: [kind] }, hide: notJson }, forProviders(dialects, ids)),
			),
		);
	});
}

/**
 * Fields mode, these message types, for the providers whose dialect takes one of them (written as
 * `hide` on the others when the default provider takes them).
 */
function onKinds(
	dialects: ReadonlyArray<Dialect>,
	types: KindName[],
): NonNullable<INodeProperties['displayOptions']> {
	return merged(
		{ show: { messageType: types }, hide: notJson },
		forProviders(
			dialects,
			dialects.filter((d) => types.some((type) => d.kinds[type])).map((d) => d.id),
		),
	);
}

/** The Body of a message type: required, with its example and what it says of its length. */
function bodyField(
	placeholder: string,
	description: string,
	displayOptions: INodeProperties['displayOptions'],
	rows = 4,
): INodeProperties {
	return {
		displayName: 'Body',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows },
		required: true,
		default: '',
		placeholder,
		description,
		displayOptions,
	};
}

/** A text field with an example and a description; `more` sets the rest (display rules, required…). */
function stringField(
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
	more: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder, description, ...more };
}

/**
 * The button of a CTA URL message (its label and the page it opens), and the body of a location
 * request, for the providers whose dialect takes each.
 */
function ctaUrlAndLocationRequestProperties(dialects: ReadonlyArray<Dialect>): INodeProperties[] {
	const on = (type: 'ctaUrl' | 'locationRequest') => onKinds(dialects, [type]);
	const properties: INodeProperties[] = [];
	if (dialects.some((d) => d.kinds.ctaUrl)) {
		properties.push(
			{
				displayName: 'Button Text',
				name: 'ctaButtonText',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'See Dates',
				description: 'The label of the button, up to 20 characters',
				displayOptions: on('ctaUrl'),
			},
			{
				displayName: 'Button URL',
				name: 'ctaButtonUrl',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://example.com/booking',
				description:
					"The page the button opens in the customer's browser, starting with https://. Nothing comes back to n8n when it is tapped.",
				displayOptions: on('ctaUrl'),
			},
		);
	}
	if (dialects.some((d) => d.kinds.locationRequest)) {
		properties.push(
			bodyField(
				'Where should we pick you up? Tap below to share your location.',
				'The text above the Send Location button WhatsApp adds, 1 to 1024 characters. The place the customer shares arrives at the trigger as a message of type location.',
				on('locationRequest'),
			),
		);
	}
	return properties;
}

/** Providers that take a location header on reply buttons. */
const withLocation = DIALECTS.filter((d) => d.limits.headerTypes.buttons.includes('location')).map(
	(d) => d.id,
);

const location = {
	show: { provider: withLocation, headerType: ['location'] },
	hide: onButtons.hide,
};

type Option = { name: string; value: string; description: string };

/**
 * The Message Type entries for a provider: the kinds its dialect takes (`Dialect.kinds`), in the
 * registry's order, with Auto after List where it takes both. `asking`: only the kinds Send and
 * Wait for Response can ask with (choices to tap).
 */
function messageTypeOptions(dialect: Pick<Dialect, 'kinds'>, asking: boolean): Option[] {
	const options: Option[] = [];
	for (const kind of KINDS) {
		if (!dialect.kinds[kind.type] || (asking && !kind.asks)) continue;
		options.push({
			name: kind.option.name,
			value: kind.type,
			description: kind.option.description,
		});
		if (kind.type === 'list' && dialect.kinds.buttons) options.push(AUTO_OPTION);
	}
	return options;
}

/**
 * Message Type, one variant per set of entries: providers that take the same kinds share one, and
 * Send and Wait for Response gets its own when it offers fewer (it asks with choices). As for the
 * Header Type, the variant of the first provider (the default) is written as `hide` on the others,
 * and the one of Send, Build Payload… as `hide` on Send and Wait (see above).
 */
export function messageTypeProperties(dialects: ReadonlyArray<Dialect>): INodeProperties[] {
	const grouped = (asking: boolean) => {
		const groups = new Map<string, { options: Option[]; ids: string[] }>();
		for (const dialect of dialects) {
			const options = messageTypeOptions(dialect, asking);
			const key = JSON.stringify(options);
			const group = groups.get(key) ?? { options, ids: [] };
			group.ids.push(dialect.id);
			groups.set(key, group);
		}
		return [...groups.values()];
	};
	const variants = (
		groups: Array<{ options: Option[]; ids: string[] }>,
		operation: NonNullable<INodeProperties['displayOptions']>,
	): INodeProperties[] =>
		groups.map(({ options, ids }, g) => {
			const others = dialects.filter((d) => !ids.includes(d.id)).map((d) => d.id);
			const show = { ...operation.show, ...(g > 0 ? { provider: ids } : {}) };
			const hide = {
				...notJson,
				...operation.hide,
				...(g === 0 && others.length ? { provider: others } : {}),
			};
			return {
				displayName: 'Message Type',
				name: 'messageType',
				type: 'options',
				noDataExpression: true,
				options,
				default: 'buttons',
				displayOptions: Object.keys(show).length ? { show, hide } : { hide },
			};
		});
	const sending = grouped(false);
	const asking = grouped(true);
	if (JSON.stringify(sending) === JSON.stringify(asking)) return variants(sending, {});
	return [
		...variants(sending, { hide: { operation: ['sendAndWait'] } }),
		...variants(asking, { show: { operation: ['sendAndWait'] } }),
	];
}

/**
 * Message Type Text (for providers whose dialect takes text): the window notice, the Body (one
 * variant per body length the providers allow, so that each says its own) and Link Preview where
 * the provider documents one. Reply To is an option (Options → Reply To Message ID).
 */
function textProperties(dialects: ReadonlyArray<Dialect>): INodeProperties[] {
	const taking = dialects.filter((d) => d.kinds.text);
	if (taking.length === 0) return [];
	const onText = (ids: string[]) =>
		merged({ show: { messageType: ['text'] }, hide: notJson }, forProviders(dialects, ids));
	const bodies = new Map<number, string[]>();
	for (const dialect of taking) {
		const max = dialect.kinds.text!.limits.body.max ?? 4096;
		bodies.set(max, [...(bodies.get(max) ?? []), dialect.id]);
	}
	const previews = taking.filter((d) => d.kinds.text!.limits.previewUrl).map((d) => d.id);
	return [
		{
			displayName: `WhatsApp takes a text message only within 24 hours of the customer's last message; outside the 24-hour window it takes only approved templates. ${docsLink('docs/templates.md', 'When to use a template')}`,
			name: 'textNotice',
			type: 'notice',
			default: '',
			displayOptions: onText(taking.map((d) => d.id)),
		},
		...[...bodies].map(([max, ids]): INodeProperties =>
			bodyField(
				'Your order 1042 has shipped: https://example.com/track/1042',
				`The text, 1 to ${max} characters. Emoji and WhatsApp formatting (*bold*, _italic_) are fine.`,
				onText(ids),
			),
		),
		...(previews.length
			? [
					{
						displayName: 'Link Preview',
						name: 'previewUrl',
						type: 'boolean',
						default: false,
						description:
							'Whether WhatsApp shows a preview of the first link (http:// or https://) in the body',
						displayOptions: onText(previews),
					} satisfies INodeProperties,
				]
			: []),
	];
}

/**
 * Message Type Carousel: the body, the kind of button every card has, and the cards (each an image
 * or video, optional text, and its buttons). Fields inside a card follow the Card Buttons choice
 * (`/carouselButtons`: a rule on a parameter outside the collection).
 */
function carouselProperties(dialects: ReadonlyArray<Dialect>): INodeProperties[] {
	const ids = dialects.filter((d) => d.kinds.carousel).map((d) => d.id);
	if (ids.length === 0) return [];
	const on = onKinds(dialects, ['carousel']);
	const replies = { displayOptions: { show: { '/carouselButtons': ['quickReply'] } } };
	const url = { displayOptions: { show: { '/carouselButtons': ['url'] } } };
	const field = stringField;
	return [
		bodyField(
			'Here are three of our latest arrivals:',
			'The text above the cards, 1 to 1024 characters',
			on,
			3,
		),
		{
			displayName: 'Card Buttons',
			name: 'carouselButtons',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Quick Replies',
					value: 'quickReply',
					description:
						'One or two buttons per card; a tap comes back as a Button Reply with its ID',
				},
				{
					name: 'URL Button',
					value: 'url',
					description: 'One button per card that opens a web page',
				},
			],
			default: 'quickReply',
			description: 'WhatsApp needs the same buttons on every card: the same kind, and as many',
			displayOptions: on,
		},
		{
			displayName: 'Cards',
			name: 'cards',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Card',
			default: {},
			description: 'Two to ten cards, shown left to right',
			displayOptions: on,
			options: [
				{
					displayName: 'Card',
					name: 'card',
					values: [
						{
							displayName: 'Media Type',
							name: 'headerType',
							type: 'options',
							options: [
								{ name: 'Image', value: 'image' },
								{ name: 'Video', value: 'video' },
							],
							default: 'image',
						},
						field(
							'Media URL',
							'mediaUrl',
							'https://example.com/images/blue-echeveria.jpg',
							"A direct download link (http:// or https://) to the card's image or video",
						),
						{
							...field(
								'Text',
								'body',
								'*Blue Echeveria* A rosette-shaped succulent',
								'Optional, up to 160 characters and 2 line breaks',
							),
							typeOptions: { rows: 2 },
						},
						field(
							'Quick Reply 1 ID',
							'replyId1',
							'learn-blue-echeveria',
							'Returned in the Button Reply when tapped, up to 256 characters, unique in the carousel',
							replies,
						),
						field(
							'Quick Reply 1 Title',
							'replyTitle1',
							'Learn more',
							'Up to 20 characters',
							replies,
						),
						field(
							'Quick Reply 2 ID',
							'replyId2',
							'fav-blue-echeveria',
							'Optional second quick reply: every card then needs one',
							replies,
						),
						field(
							'Quick Reply 2 Title',
							'replyTitle2',
							'Add to favorites',
							'Up to 20 characters',
							replies,
						),
						field('Button Text', 'buttonText', 'Buy now', 'Up to 20 characters', url),
						field(
							'Button URL',
							'buttonUrl',
							'https://example.com/shop/blue-echeveria',
							'The page the button opens, starting with https://',
							url,
						),
					],
				},
			],
		},
	];
}

/**
 * Message Types Product, Product List and Catalog: the catalog's ID and the products' retailer IDs,
 * with a body and a footer (and a product list's text header), for the providers that take each.
 */
function productProperties(dialects: ReadonlyArray<Dialect>): INodeProperties[] {
	const on = (types: Array<'product' | 'productList' | 'catalog'>) => onKinds(dialects, types);
	if (!dialects.some((d) => d.kinds.product || d.kinds.productList || d.kinds.catalog)) return [];
	const text = (
		displayName: string,
		name: string,
		placeholder: string,
		description: string,
		types: Array<'product' | 'productList' | 'catalog'>,
		required = false,
	): INodeProperties =>
		stringField(displayName, name, placeholder, description, {
			...(required ? { required: true } : {}),
			displayOptions: on(types),
		});
	return [
		text(
			'Header Text',
			'headerText',
			'Our best sellers',
			'The title above the products, up to 60 characters (a product list needs one)',
			['productList'],
			true,
		),
		{
			...text(
				'Body',
				'bodyText',
				'Hello! Here is what we have for you.',
				'The text of the message, 1 to 1024 characters',
				['productList', 'catalog'],
				true,
			),
			typeOptions: { rows: 3 },
		},
		{
			...text(
				'Body',
				'bodyText',
				'Our best seller, in stock again.',
				'Optional text under the product, up to 1024 characters',
				['product'],
			),
			typeOptions: { rows: 3 },
		},
		text(
			'Footer',
			'footerText',
			'Best grocery deals on WhatsApp!',
			'Optional small text under the body, up to 60 characters',
			['product', 'productList', 'catalog'],
		),
		text(
			'Catalog ID',
			'catalogId',
			'1234567890123456',
			'The ID of the Meta catalog connected to your WhatsApp Business Account (Commerce Manager)',
			['product', 'productList'],
			true,
		),
		text(
			'Product Retailer ID',
			'productRetailerId',
			'2lc20305pt',
			"The product's retailer ID (its SKU, Content ID in Commerce Manager)",
			['product'],
			true,
		),
		entries(
			'Products',
			'products',
			'Product',
			'product',
			'Up to 30 products in up to 10 sections. Products with the same Section title are grouped into one section, in the order they first appear.',
			on(['productList']),
			[
				entryText(
					'Section',
					'section',
					'Fruit',
					'Title of the section this product belongs to, up to 24 characters (needed with more than one section)',
				),
				entryText(
					'Product Retailer ID',
					'productRetailerId',
					'2lc20305pt',
					"The product's retailer ID (its SKU, Content ID in Commerce Manager)",
				),
			],
		),
		text(
			'Thumbnail Product Retailer ID',
			'thumbnailProductRetailerId',
			'2lc20305pt',
			"Optional: the product whose picture heads the message; empty: your catalog's first product",
			['catalog'],
		),
	];
}

/** A text field of a Buttons, Rows or Choices entry. */
function entryText(
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder, description };
}

/** A list of entries (Buttons, Rows, Choices): a fixed collection of one entry kind, added one by one. */
function entries(
	displayName: string,
	name: string,
	entryDisplayName: string,
	entryName: string,
	description: string,
	displayOptions: INodeProperties['displayOptions'],
	values: INodeProperties[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${entryDisplayName}`,
		default: {},
		description,
		displayOptions,
		options: [{ displayName: entryDisplayName, name: entryName, values }],
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
		description:
			'Whether to fill in the message field by field, or pass one JSON message (e.g. built with an expression from earlier nodes)',
	},
	{
		displayName: 'Message (JSON)',
		name: 'messageJson',
		type: 'json',
		default: JSON_EXAMPLE,
		required: true,
		description:
			'The message as JSON: its type ("buttons", "list", "text", "ctaUrl" or "locationRequest"), an optional header, the body, an optional footer, and its buttons, list or button; a text message is { "type": "text", "body": "…" }. The README describes every field.',
		displayOptions: { show: { defineMessage: ['json'] } },
	},
	...messageTypeProperties(DIALECTS),
	headerType(
		[noHeader, textHeader],
		{ show: { messageType: listOrAuto }, hide: notJson },
		'What the message shows above its body. A list, and so Auto, takes a text header only.',
	),
	...buttonHeaderTypes(),
	...ownHeaderTypes(DIALECTS),
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Appointment reminder',
		description: 'Up to 60 characters',
		displayOptions: { show: { headerType: ['text'] }, hide: interactiveOnly.hide },
	},
	mediaUrl('image', 'https://example.com/images/photo.jpg'),
	mediaUrl('video', 'https://example.com/videos/clip.mp4'),
	mediaUrl('document', 'https://example.com/files/brochure.pdf'),
	...DIALECTS.flatMap((dialect) => {
		const types = dialect.limits.mediaTypes;
		return types ? MEDIA.map((kind) => mediaType(dialect, kind, types[kind])) : [];
	}),
	{
		displayName: 'Latitude',
		name: 'headerLatitude',
		type: 'string',
		default: '',
		required: true,
		placeholder: '-22.894180',
		description: 'In degrees, from -90 (south) to 90 (north), with a dot for decimals',
		displayOptions: location,
	},
	{
		displayName: 'Longitude',
		name: 'headerLongitude',
		type: 'string',
		default: '',
		required: true,
		placeholder: '-47.047960',
		description: 'In degrees, from -180 (west) to 180 (east), with a dot for decimals',
		displayOptions: location,
	},
	{
		displayName: 'Location Name',
		name: 'headerLocationName',
		type: 'string',
		default: '',
		placeholder: 'City Clinic',
		description: 'Optional name of the place, shown above the map',
		displayOptions: location,
	},
	{
		displayName: 'Location Address',
		name: 'headerLocationAddress',
		type: 'string',
		default: '',
		placeholder: 'Av. Cel. Silva Telles, Campinas',
		description: 'Optional street address, shown under the name',
		displayOptions: location,
	},
	bodyField(
		'Your appointment is on Friday at 3:00 PM. Will you come?',
		'The main text, 1 to 1024 characters (a WhatsApp Cloud API list takes up to 4096). Emoji and WhatsApp formatting (*bold*, _italic_) are fine.',
		interactiveOnly,
	),
	...textProperties(DIALECTS),
	...ctaUrlAndLocationRequestProperties(DIALECTS),
	...flowFields(DIALECTS, { show: { messageType: ['flow'] }, hide: notJson }, { token: true }),
	...carouselProperties(DIALECTS),
	...productProperties(DIALECTS),
	{
		displayName: 'Footer',
		name: 'footerText',
		type: 'string',
		default: '',
		placeholder: 'Tap below to answer',
		description: 'Optional small text under the body, up to 60 characters',
		displayOptions: interactiveOnly,
	},
	// No `maxAllowedFields`: n8n's editor keeps offering Add Button past it anyway and then refuses
	// to run with "At most 3 fields are allowed". The node's own check names the buttons instead.
	entries(
		'Buttons',
		'buttons',
		'Button',
		'button',
		'One to three reply buttons. The ID comes back in the reply; the title is what the recipient sees.',
		onReplyButtons,
		[
			entryText(
				'ID',
				'id',
				'confirm',
				'Returned in the Button Reply when tapped, up to 256 characters, unique in the message',
			),
			entryText('Title', 'title', 'Confirm', 'The button label, up to 20 characters'),
		],
	),
	{
		displayName: 'List Button Label',
		name: 'listButtonText',
		type: 'string',
		default: '',
		placeholder: 'See options',
		required: true,
		description: 'The label of the button that opens the list, up to 20 characters',
		displayOptions: { show: { messageType: ['list'] }, hide: notJson },
	},
	entries(
		'Choices',
		'choices',
		'Choice',
		'choice',
		'One to ten choices. Up to three are sent as reply buttons; four or more as a list that opens from the List Button Label.',
		{ show: { messageType: ['auto'] }, hide: notJson },
		[
			entryText(
				'ID',
				'id',
				'confirm',
				'Returned in the reply when chosen, up to 200 characters, unique in the message',
			),
			entryText(
				'Title',
				'title',
				'Confirm',
				'What the recipient sees: up to 20 characters as a button, 24 in a list',
			),
			entryText(
				'Description',
				'description',
				'Keep the appointment',
				'Optional second line, up to 72 characters, shown only when the choices go as a list',
			),
		],
	),
	{
		displayName: 'List Button Label',
		name: 'listButtonText',
		type: 'string',
		default: '',
		placeholder: 'See options',
		description:
			'Needed with four or more choices: the label of the button that opens the list (also its heading), up to 20 characters',
		displayOptions: { show: { messageType: ['auto'] }, hide: notJson },
	},
	entries(
		'Rows',
		'rows',
		'Row',
		'row',
		'Up to ten rows in total. Rows with the same Section title are grouped into one section, in the order they first appear.',
		{ show: { messageType: ['list'] }, hide: notJson },
		[
			entryText(
				'Section',
				'section',
				'Mornings',
				'Title of the section this row belongs to, up to 24 characters (some providers need one, others do not show it)',
			),
			entryText(
				'ID',
				'id',
				'slot-9am',
				'Returned in the List Reply when chosen, up to 200 characters, unique in the list',
			),
			entryText('Title', 'title', '9:00 AM', 'Up to 24 characters'),
			entryText(
				'Description',
				'description',
				'With Dr. Smith, 30 minutes',
				'Optional second line, up to 72 characters',
			),
		],
	),
];
