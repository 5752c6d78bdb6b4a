/**
 * What a typed answer to Send and Wait (Free Text) must be: any message, text that is not empty, a
 * number, an email address, one of a list, text matching a pattern, media of given kinds, or (Response
 * Type Location) a shared location. Read
 * from the node's parameters when it asks (every problem found then, before anything is sent), kept
 * with the waiting execution, and applied by the waiting node to each answer the trigger hands it.
 */
import type { NormalisedEvent } from '../model/event';
import { own } from '../model/values';

export type AnswerRule =
	'any' | 'notEmpty' | 'number' | 'email' | 'oneOf' | 'pattern' | 'media' | 'location';

export const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const;
export type MediaKindName = (typeof MEDIA_KINDS)[number];

/** The rule as kept with the waiting execution. */
export interface AnswerCheck {
	rule: AnswerRule;
	/** `oneOf`: the allowed answers, compared without case and surrounding spaces. */
	choices?: string[];
	/** `pattern`: a JavaScript regular expression's source, searched for in the text (`^…$` for all of it). */
	pattern?: string;
	/** `media`: the kinds of media taken. */
	mediaTypes?: MediaKindName[];
}

/** Longest pattern taken: a pattern runs on every answer in the webhook process. */
export const MAX_PATTERN_LENGTH = 500;

const RULE_NAMES: Record<AnswerRule, string> = {
	any: 'Any Message',
	notEmpty: 'Text',
	number: 'Number',
	email: 'Email Address',
	oneOf: 'One of a List',
	pattern: 'Matches a Pattern',
	media: 'Media',
	location: 'Location',
};

export const ANSWER_RULES = Object.keys(RULE_NAMES) as AnswerRule[];

/** The rule from the node's fields, or what is wrong with them and how to fix it. */
export function readAnswerCheck(fields: {
	rule: unknown;
	choices?: unknown;
	pattern?: unknown;
	mediaTypes?: unknown;
}): { ok: true; check: AnswerCheck } | { ok: false; message: string } {
	const rule = String(fields.rule ?? 'any');
	if (own(RULE_NAMES, rule) === undefined)
		return {
			ok: false,
			message: `Answer Must Be must be one of ${Object.values(RULE_NAMES).join(', ')}, not "${rule}"`,
		};
	const check: AnswerCheck = { rule: rule as AnswerRule };
	if (rule === 'oneOf') {
		const given = fields.choices;
		const list = (Array.isArray(given) ? given.map(String) : String(given ?? '').split(','))
			.map((choice) => choice.trim())
			.filter((choice) => choice !== '');
		if (list.length === 0)
			return {
				ok: false,
				message:
					'Allowed Answers is empty; list the answers to accept, separated by commas (e.g. yes, no)',
			};
		check.choices = list;
	}
	if (rule === 'pattern') {
		const pattern = String(fields.pattern ?? '');
		if (pattern === '')
			return {
				ok: false,
				message: 'Pattern is empty; enter a regular expression, e.g. ^[0-9]{5}$',
			};
		if (pattern.length > MAX_PATTERN_LENGTH)
			return {
				ok: false,
				message: `Pattern is ${pattern.length} characters; the limit is ${MAX_PATTERN_LENGTH}`,
			};
		try {
			new RegExp(pattern, 'u');
		} catch (error) {
			return {
				ok: false,
				message: `Pattern is not a valid regular expression (${(error as Error).message}); write it without the surrounding slashes, e.g. ^[0-9]{5}$`,
			};
		}
		check.pattern = pattern;
	}
	if (rule === 'media') {
		const given = Array.isArray(fields.mediaTypes) ? fields.mediaTypes.map(String) : [];
		const unknown = given.filter((kind) => !(MEDIA_KINDS as readonly string[]).includes(kind));
		if (unknown.length > 0)
			return {
				ok: false,
				message: `Media Types has "${unknown[0]}"; choose from ${MEDIA_KINDS.join(', ')}`,
			};
		check.mediaTypes = (given.length > 0 ? given : [...MEDIA_KINDS]) as MediaKindName[];
	}
	return { ok: true, check };
}

/** The answer's text: a text message's, or the caption of media. */
export function answerText(event: NormalisedEvent): string {
	const text = event.message?.text ?? event.text ?? event.message?.caption ?? '';
	return typeof text === 'string' ? text.trim() : '';
}

/** A number as people type it: digits, an optional sign, one decimal point or comma. */
const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why the answer does not do, in words for the person asked; `null` when it does. */
export function checkAnswer(check: AnswerCheck, event: NormalisedEvent): string | null {
	const type = event.message?.type ?? (event.text ? 'text' : 'unknown');
	const text = type === 'text' ? answerText(event) : '';
	switch (check.rule) {
		case 'any':
			return null;
		case 'notEmpty':
			return text !== '' ? null : 'expected a text answer';
		case 'number':
			return NUMBER.test(text) ? null : 'expected a number';
		case 'email':
			return EMAIL.test(text) ? null : 'expected an email address';
		case 'oneOf': {
			const said = text.toLowerCase();
			return (check.choices ?? []).some((choice) => choice.toLowerCase() === said)
				? null
				: `expected one of: ${(check.choices ?? []).join(', ')}`;
		}
		case 'pattern': {
			let matches = false;
			try {
				matches = new RegExp(check.pattern ?? '', 'u').test(text);
			} catch {
				matches = false;
			}
			return text !== '' && matches ? null : 'the answer does not have the expected form';
		}
		case 'media':
			return (check.mediaTypes ?? MEDIA_KINDS).includes(type as MediaKindName)
				? null
				: `expected ${(check.mediaTypes ?? MEDIA_KINDS).join(' or ')}`;
		case 'location':
			return type === 'location' && event.message?.location ? null : 'expected a location';
	}
	return null;
}

const MEDIA_WORDS: Record<MediaKindName, string> = {
	image: 'a photo',
	audio: 'a voice note',
	video: 'a video',
	document: 'a document',
	sticker: 'a sticker',
};

/** The re-prompt sent when the user wrote none: what the rule expects, in plain words. */
export function defaultReprompt(check: AnswerCheck): string {
	switch (check.rule) {
		case 'number':
			return 'Please answer with a number.';
		case 'email':
			return 'Please answer with an email address.';
		case 'oneOf':
			return `Please answer with one of: ${(check.choices ?? []).join(', ')}.`;
		case 'media': {
			const words = (check.mediaTypes ?? [...MEDIA_KINDS]).map((kind) => MEDIA_WORDS[kind]);
			const last = words.pop();
			return `Please send ${words.length > 0 ? `${words.join(', ')} or ${last}` : last}.`;
		}
		case 'pattern':
			return 'Sorry, that answer does not have the expected form. Please try again.';
		case 'location':
			return 'Please share a location: tap Send location below.';
		default:
			return 'Please answer with a text message.';
	}
}
