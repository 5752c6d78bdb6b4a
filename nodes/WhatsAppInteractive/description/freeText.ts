/**
 * Send and Wait for Response → Response Types Free Text and Location: the question (n8n's own name,
 * `message`, as Approval's), what the answer must be, and what happens when it is not. Location
 * asks with a location request (WhatsApp Cloud API) and takes only a shared place.
 */
import type { INodeProperties } from 'n8n-workflow';
import { docsLink } from '../../shared/description/provider';
import { MEDIA_KINDS } from '../../shared/wait/validate';
import { questionProperty } from './approval';

const freeText = { operation: ['sendAndWait'], responseType: ['freeText'] };
const location = { operation: ['sendAndWait'], responseType: ['location'] };

export const DEFAULT_MAX_REPROMPTS = 2;

export const freeTextProperties: INodeProperties[] = [
	{
		displayName: `The workflow pauses until the number asked writes back; their next message in WhatsApp (text, photo, voice note, document, location…) is the answer. It reaches n8n through an active WhatsApp Interactive Trigger for the same provider that checks its callbacks and also receives the question's status callbacks: that is how it knows the question was asked. ${docsLink('docs/conversations.md#wait-for-a-typed-answer-send-and-wait--free-text', 'How typed answers reach this node')}`,
		name: 'freeTextNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: freeText },
	},
	questionProperty(
		freeText,
		'e.g. Please describe the problem in a few words',
		'The question, sent as a text message',
	),
	{
		displayName: 'Answer Must Be',
		name: 'answerValidation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Any Message', value: 'any', description: 'Text, media, a location: anything' },
			{ name: 'Email Address', value: 'email' },
			{
				name: 'Location',
				value: 'location',
				description:
					'A place shared from WhatsApp (Response Type Location also asks with a button)',
			},
			{
				name: 'Matches a Pattern',
				value: 'pattern',
				description: 'Text matching a regular expression',
			},
			{ name: 'Media', value: 'media', description: 'A photo, voice note, video or document' },
			{ name: 'Number', value: 'number', description: 'A text message that is a number' },
			{
				name: 'One of a List',
				value: 'oneOf',
				description: 'One of the answers listed, in any case',
			},
			{ name: 'Text', value: 'notEmpty', description: 'A text message that is not empty' },
		],
		default: 'any',
		description:
			'What the answer must be. An answer that is not is met with a re-prompt, up to Max Re-prompts times.',
		displayOptions: { show: freeText },
	},
	{
		displayName: 'Allowed Answers',
		name: 'allowedAnswers',
		type: 'string',
		default: '',
		placeholder: 'e.g. yes, no',
		description: 'The answers to accept, separated by commas',
		displayOptions: { show: { ...freeText, answerValidation: ['oneOf'] } },
	},
	{
		displayName: 'Pattern',
		name: 'answerPattern',
		type: 'string',
		default: '',
		placeholder: 'e.g. ^[0-9]{5}$',
		description:
			'A regular expression the text must contain, without the surrounding slashes; start it with ^ and end it with $ to match the whole text',
		displayOptions: { show: { ...freeText, answerValidation: ['pattern'] } },
	},
	{
		displayName: 'Media Types',
		name: 'answerMediaTypes',
		type: 'multiOptions',
		options: MEDIA_KINDS.map((kind) => ({
			name: kind[0].toUpperCase() + kind.slice(1),
			value: kind,
		})),
		default: ['image'],
		description: 'The kinds of media to accept',
		displayOptions: { show: { ...freeText, answerValidation: ['media'] } },
	},
	typedAnswerOptions('Free Text Options', freeText, 'Please answer with a number.'),
];

/**
 * What happens with the answer (Free Text Options, Location Options: one name, `freeTextOptions`, as
 * the waiting node reads it): pass it on to the trigger too, ask again when it is not what is
 * expected, and with what.
 */
function typedAnswerOptions(
	displayName: string,
	show: Record<string, string[]>,
	example: string,
): INodeProperties {
	return {
		displayName,
		name: 'freeTextOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Also Output on Trigger',
				name: 'passOnAnswer',
				type: 'boolean',
				default: false,
				description:
					"Whether the answer also reaches the Message output of the WhatsApp Interactive Trigger, besides this node's output",
			},
			{
				displayName: 'Max Re-Prompts',
				name: 'maxReprompts',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
				default: DEFAULT_MAX_REPROMPTS,
				description:
					show === location
						? 'How many times to ask again when the answer is not a location; each is a message you pay for. Then the node goes on with the last answer, marked as not valid.'
						: 'How many times to ask again when an answer is not what Answer Must Be says; each is a message you pay for. Then the node goes on with the last answer, marked as not valid.',
			},
			{
				displayName: 'Re-Prompt Message',
				name: 'repromptMessage',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				placeholder: `e.g. ${example}`,
				description:
					show === location
						? 'What to send, again as a location request, when the answer is not a location. Empty: a message that asks for one.'
						: 'What to send when an answer is not what Answer Must Be says. Empty: a message that says what is expected.',
			},
		],
	};
}

export const locationProperties: INodeProperties[] = [
	{
		displayName: `The workflow pauses until the number asked shares a location: WhatsApp shows the question with a Send Location button. Any other message from them gets the re-prompt. It reaches n8n through an active WhatsApp Interactive Trigger for the WhatsApp Cloud API that checks its callbacks and also receives the question's status callbacks. ${docsLink('docs/send-and-wait.md#ask-for-a-location', 'How a shared location reaches this node')}`,
		name: 'locationNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: location },
	},
	questionProperty(
		location,
		'e.g. Where should we pick you up? Tap Send location below.',
		'The question, sent as a location request: WhatsApp adds its Send Location button (WhatsApp Cloud API, up to 1024 characters)',
	),
	typedAnswerOptions(
		'Location Options',
		location,
		'Please tap Send location to share where you are.',
	),
];
