/**
 * Download Media and Mark as Read: their entries in the Operation list, and their fields. Both are
 * offered only for providers whose dialect declares them (`Dialect.media`, `Dialect.markAsRead`),
 * and the message fields and sending options of the other operations are not shown for them.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { DIALECTS, type Dialect } from '../../shared/dialects';

export const DOWNLOAD_MEDIA = 'downloadMedia';
export const MARK_AS_READ = 'markAsRead';
/** The operations that send no message: the message fields, To and the sending options are hidden for them. */
export const NOT_SENDING = [DOWNLOAD_MEDIA, MARK_AS_READ];

/** WhatsApp's largest media (documents, 100 MB): the default cap of a download. */
export const DEFAULT_MAX_SIZE_MB = 100;

type DisplayOptions = NonNullable<INodeProperties['displayOptions']>;

/**
 * Shown for `operation` and these providers only. The providers are written as `hide` on the
 * others, since the registry's first provider is Provider's default (see description/message.ts).
 */
export function onlyFor(dialects: readonly Dialect[], operation?: string): DisplayOptions {
	const others = DIALECTS.filter((d) => !dialects.includes(d)).map((d) => d.id);
	return {
		...(operation ? { show: { operation: [operation] } } : {}),
		...(others.length ? { hide: { provider: others } } : {}),
	};
}

/** The operations a provider offers beyond sending: Download Media, Mark as Read. */
export function mediaOperations(dialect: Dialect): INodePropertyOptions[] {
	return [
		...(dialect.media
			? [
					{
						name: 'Download Media',
						value: DOWNLOAD_MEDIA,
						action: 'Download media from a message',
						description:
							'Download the image, video, audio, sticker or document of an inbound message as binary data',
					},
				]
			: []),
		...(dialect.markAsRead
			? [
					{
						name: 'Mark as Read',
						value: MARK_AS_READ,
						action: 'Mark a message as read',
						description:
							'Mark an inbound message as read (blue ticks), optionally with a typing indicator',
					},
				]
			: []),
	];
}

/** The given properties, hidden for the operations that send nothing (merged into their `hide`). */
export function exceptForMedia(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		const hidden = property.displayOptions?.hide?.operation ?? [];
		return {
			...property,
			displayOptions: {
				...property.displayOptions,
				hide: {
					...property.displayOptions?.hide,
					operation: [...hidden, ...NOT_SENDING.filter((op) => !hidden.includes(op))],
				},
			},
		};
	});
}

const withMedia = DIALECTS.filter((d) => d.media);
const withReadReceipts = DIALECTS.filter((d) => d.markAsRead);

/**
 * What the Media field reads by default: the trigger's item has `message.media`, which is
 * `{ id, url, mimeType, fileName, size, sha256 }`; the id where the provider has ids, else the URL.
 */
const MEDIA_BY_ID = '={{ $json.message?.media?.id ?? $json.message?.media?.url }}';
const MEDIA_BY_URL = '={{ $json.message?.media?.url }}';

function mediaField(dialect: Dialect): INodeProperties {
	const media = dialect.media!;
	const reads = media.lookup ? MEDIA_BY_ID : MEDIA_BY_URL;
	return {
		displayName: 'Media',
		name: 'media',
		type: 'string',
		required: true,
		default: reads,
		placeholder: media.placeholder,
		description: media.description,
		displayOptions: onlyFor([dialect], DOWNLOAD_MEDIA),
	};
}

const downloadProperties: INodeProperties[] = [
	...withMedia.map(mediaField),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: onlyFor(withMedia, DOWNLOAD_MEDIA),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: onlyFor(withMedia, DOWNLOAD_MEDIA),
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'invoice.pdf',
				description:
					"The output file's name. Empty: the name the customer gave the document, else one made of the media ID and its type (e.g. 1037543291543636.jpg).",
			},
			{
				displayName: 'Max Size (MB)',
				name: 'maxSizeMb',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: DEFAULT_MAX_SIZE_MB,
				description:
					"The largest file to download, in megabytes (1 MB = 1,048,576 bytes); a larger one fails the item without being downloaded whole. WhatsApp's own limits: images 5 MB, audio and video 16 MB, documents 100 MB.",
			},
		],
	},
];

const markAsReadProperties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '={{ $json.messageId }}',
		placeholder: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA',
		description:
			"The ID of the inbound message to mark as read (the trigger's messageId). WhatsApp marks the earlier messages of the conversation as read too.",
		displayOptions: onlyFor(withReadReceipts, MARK_AS_READ),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: onlyFor(withReadReceipts, MARK_AS_READ),
		options: [
			{
				displayName: 'Show Typing Indicator',
				name: 'typingIndicator',
				type: 'boolean',
				default: false,
				description:
					'Whether to also show "typing…" to the customer, until the business answers or for 25 seconds. Only worth it when an answer follows.',
			},
		],
	},
];

export const mediaProperties: INodeProperties[] = [...downloadProperties, ...markAsReadProperties];
