import type { NormalisedEvent } from '../../nodes/shared/model/event';
import { freeTextProperties } from '../../nodes/WhatsAppInteractive/description/freeText';
import type { InboundMessage } from '../../nodes/shared/model/inbound';
import {
	ANSWER_RULES,
	answerText,
	checkAnswer,
	defaultReprompt,
	MAX_PATTERN_LENGTH,
	MEDIA_KINDS,
	readAnswerCheck,
	type AnswerCheck,
} from '../../nodes/shared/wait/validate';

/** A customer's message, as the dialects normalise it. */
function messageEvent(message: InboundMessage, text: string | null = null): NormalisedEvent {
	return {
		event: 'message',
		provider: 'whatsAppCloud',
		messageId: 'wamid.1',
		correlationId: null,
		from: '5519900001111',
		to: '5511333330000',
		timestamp: '2026-12-01T10:05:00.000Z',
		contactName: 'Ana',
		userId: null,
		text,
		message,
		raw: {},
	};
}

const textMessage = (text: string) => messageEvent({ type: 'text', text }, text);

const media = {
	id: 'media-1',
	url: null,
	mimeType: 'image/jpeg',
	fileName: null,
	size: 1234,
	sha256: null,
};
const image = (caption?: string) =>
	messageEvent(
		{ type: 'image', ...(caption !== undefined ? { caption } : {}), media },
		caption ?? null,
	);
const voiceNote = () =>
	messageEvent({ type: 'audio', media: { ...media, mimeType: 'audio/ogg', voice: true } });
const documentMessage = () =>
	messageEvent({ type: 'document', media: { ...media, mimeType: 'application/pdf' } });
const location = () =>
	messageEvent({
		type: 'location',
		location: { latitude: -22.9, longitude: -47.06, name: null, address: null },
	});

function check(fields: Parameters<typeof readAnswerCheck>[0]): AnswerCheck {
	const read = readAnswerCheck(fields);
	if (!read.ok) throw new Error(`unexpected refusal: ${read.message}`);
	return read.check;
}

function refusal(fields: Parameters<typeof readAnswerCheck>[0]): string {
	const read = readAnswerCheck(fields);
	if (read.ok) throw new Error(`unexpectedly taken: ${JSON.stringify(read.check)}`);
	return read.message;
}

describe('the rules, on answers as they arrive', () => {
	test('any: every message does, text or not', () => {
		const any = check({ rule: 'any' });
		for (const event of [textMessage('hi'), textMessage(''), image(), voiceNote(), location()])
			expect(checkAnswer(any, event)).toBeNull();
	});

	test('notEmpty: a text message with something in it; not blanks, not media with a caption', () => {
		const text = check({ rule: 'notEmpty' });
		expect(checkAnswer(text, textMessage('The screen is broken'))).toBeNull();
		expect(checkAnswer(text, textMessage('   '))).toBe('expected a text answer');
		expect(checkAnswer(text, textMessage(''))).toBe('expected a text answer');
		expect(checkAnswer(text, image('a caption'))).toBe('expected a text answer');
		expect(checkAnswer(text, location())).toBe('expected a text answer');
	});

	test('number: whole, negative, decimal with a point or a comma, around spaces', () => {
		const number = check({ rule: 'number' });
		for (const said of ['42', '-3', '3.5', '3,5', ' 7 ', '+0.25', ',5'])
			expect(checkAnswer(number, textMessage(said))).toBeNull();
		for (const said of [
			'',
			'  ',
			'forty-two',
			'42 apples',
			'1,000.50',
			'Infinity',
			'NaN',
			'1e3',
			'0x10',
			'0b1',
		])
			expect(checkAnswer(number, textMessage(said))).toBe('expected a number');
		expect(checkAnswer(number, image('42'))).toBe('expected a number');
	});

	test('email: an address, trimmed; not a name, not two words, not a caption', () => {
		const email = check({ rule: 'email' });
		expect(checkAnswer(email, textMessage('ana@example.com'))).toBeNull();
		expect(checkAnswer(email, textMessage('  ana.souza+n8n@mail.example.com.br '))).toBeNull();
		for (const said of ['ana', 'ana@example', '@example.com', 'ana @example.com', 'a@b.c d'])
			expect(checkAnswer(email, textMessage(said))).toBe('expected an email address');
		expect(checkAnswer(email, image('ana@example.com'))).toBe('expected an email address');
	});

	test('oneOf: in any case, without surrounding spaces; a word inside a sentence is not one', () => {
		const oneOf = check({ rule: 'oneOf', choices: ' Yes, no ,Maybe Later' });
		expect(oneOf.choices).toEqual(['Yes', 'no', 'Maybe Later']);
		for (const said of ['yes', 'YES', '  Yes  ', 'No', 'maybe later', 'MAYBE LATER '])
			expect(checkAnswer(oneOf, textMessage(said))).toBeNull();
		for (const said of ['y', 'yes please', 'maybe', ''])
			expect(checkAnswer(oneOf, textMessage(said))).toBe('expected one of: Yes, no, Maybe Later');
		expect(checkAnswer(oneOf, image('yes'))).toBe('expected one of: Yes, no, Maybe Later');
	});

	test('oneOf: the answers may also be given as a list', () => {
		const oneOf = check({ rule: 'oneOf', choices: [' Sim ', 'Não', ''] });
		expect(oneOf.choices).toEqual(['Sim', 'Não']);
		expect(checkAnswer(oneOf, textMessage('NÃO'))).toBeNull();
	});

	test('pattern: the text must match; a caption or an empty text does not', () => {
		const zip = check({ rule: 'pattern', pattern: '^[0-9]{5}-?[0-9]{3}$' });
		expect(checkAnswer(zip, textMessage('13083-970'))).toBeNull();
		expect(checkAnswer(zip, textMessage(' 13083970 '))).toBeNull();
		for (const said of ['1308-970', 'CEP 13083-970', ''])
			expect(checkAnswer(zip, textMessage(said))).toBe(
				'the answer does not have the expected form',
			);
		expect(checkAnswer(zip, image('13083-970'))).toBe('the answer does not have the expected form');
		// A pattern that matches the empty string still needs a text.
		expect(checkAnswer(check({ rule: 'pattern', pattern: '.*' }), textMessage(''))).toBe(
			'the answer does not have the expected form',
		);
	});

	test('pattern: matched with the u flag (Unicode property escapes, one emoji as one character)', () => {
		const letters = check({ rule: 'pattern', pattern: '^\\p{L}+$' });
		expect(checkAnswer(letters, textMessage('Conceição'))).toBeNull();
		expect(checkAnswer(letters, textMessage('R2D2'))).not.toBeNull();
		const oneCharacter = check({ rule: 'pattern', pattern: '^.$' });
		expect(checkAnswer(oneCharacter, textMessage('👍'))).toBeNull();
		// Without the u flag this pattern is taken, and means something else: with it, it is refused.
		expect(readAnswerCheck({ rule: 'pattern', pattern: '\\-' }).ok).toBe(false);
	});

	test('pattern: a stored pattern that no longer compiles fails the answer instead of throwing', () => {
		expect(checkAnswer({ rule: 'pattern', pattern: '(' }, textMessage('('))).toBe(
			'the answer does not have the expected form',
		);
	});

	test('media: the kinds chosen, nothing else; all kinds when none was chosen', () => {
		const photo = check({ rule: 'media', mediaTypes: ['image'] });
		expect(photo.mediaTypes).toEqual(['image']);
		expect(checkAnswer(photo, image())).toBeNull();
		expect(checkAnswer(photo, image('my receipt'))).toBeNull();
		expect(checkAnswer(photo, voiceNote())).toBe('expected image');
		expect(checkAnswer(photo, textMessage('here it is'))).toBe('expected image');

		const either = check({ rule: 'media', mediaTypes: ['image', 'document'] });
		expect(checkAnswer(either, documentMessage())).toBeNull();
		expect(checkAnswer(either, location())).toBe('expected image or document');

		const anyMedia = check({ rule: 'media', mediaTypes: [] });
		expect(anyMedia.mediaTypes).toEqual([...MEDIA_KINDS]);
		for (const event of [image(), voiceNote(), documentMessage()])
			expect(checkAnswer(anyMedia, event)).toBeNull();
		expect(checkAnswer(anyMedia, textMessage('no'))).toBe(
			'expected image or audio or video or document or sticker',
		);
	});

	test('an event without `message` is read by its text', () => {
		const bare: NormalisedEvent = { ...textMessage('12'), message: undefined };
		expect(checkAnswer(check({ rule: 'number' }), bare)).toBeNull();
		const empty: NormalisedEvent = { ...bare, text: null };
		expect(checkAnswer(check({ rule: 'notEmpty' }), empty)).toBe('expected a text answer');
	});
});

describe('the answer’s text', () => {
	test('a text message’s text, or the caption of media, trimmed; nothing for media without one', () => {
		expect(answerText(textMessage('  hello \n'))).toBe('hello');
		expect(answerText(image(' receipt '))).toBe('receipt');
		expect(answerText(image())).toBe('');
		expect(answerText(location())).toBe('');
	});
});

describe('reading Answer Must Be from the node', () => {
	test('every rule the editor offers is read; a missing rule is Any Message', () => {
		expect(readAnswerCheck({ rule: undefined })).toEqual({ ok: true, check: { rule: 'any' } });
		expect(readAnswerCheck({ rule: 'number' })).toEqual({ ok: true, check: { rule: 'number' } });
		const offered = freeTextProperties.find((p) => p.name === 'answerValidation')
			?.options as Array<{
			value: string;
		}>;
		expect([...ANSWER_RULES].sort()).toEqual(offered.map((option) => option.value).sort());
		expect([...ANSWER_RULES].sort()).toEqual(
			['any', 'email', 'location', 'media', 'notEmpty', 'number', 'oneOf', 'pattern'].sort(),
		);
	});

	test.each(['sometimes', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
		'an unknown rule (%s) is refused, naming the rules',
		(rule) => {
			expect(refusal({ rule })).toBe(
				`Answer Must Be must be one of Any Message, Text, Number, Email Address, One of a List, Matches a Pattern, Media, Location, not "${rule}"`,
			);
		},
	);

	test.each([
		['nothing', undefined],
		['an empty text', ''],
		['commas and spaces only', ' , ,  '],
		['an empty list', []],
		['a list of blanks', [' ', '']],
	])('Allowed Answers that is %s is refused', (_name, choices) => {
		expect(refusal({ rule: 'oneOf', choices })).toBe(
			'Allowed Answers is empty; list the answers to accept, separated by commas (e.g. yes, no)',
		);
	});

	test('an empty pattern is refused', () => {
		expect(refusal({ rule: 'pattern', pattern: '' })).toBe(
			'Pattern is empty; enter a regular expression, e.g. ^[0-9]{5}$',
		);
		expect(refusal({ rule: 'pattern' })).toMatch(/^Pattern is empty/);
	});

	test('a pattern that is not a regular expression is refused, with why', () => {
		const message = refusal({ rule: 'pattern', pattern: '([0-9]' });
		expect(message).toMatch(/^Pattern is not a valid regular expression \(.+\); write it/);
		expect(message).toContain('without the surrounding slashes, e.g. ^[0-9]{5}$');
	});

	test('a pattern longer than the limit is refused; one at the limit is taken', () => {
		expect(refusal({ rule: 'pattern', pattern: 'a'.repeat(MAX_PATTERN_LENGTH + 1) })).toBe(
			`Pattern is ${MAX_PATTERN_LENGTH + 1} characters; the limit is ${MAX_PATTERN_LENGTH}`,
		);
		expect(
			check({ rule: 'pattern', pattern: 'a'.repeat(MAX_PATTERN_LENGTH) }).pattern,
		).toHaveLength(MAX_PATTERN_LENGTH);
	});

	test('an unknown media type is refused, naming the kinds', () => {
		expect(refusal({ rule: 'media', mediaTypes: ['image', 'gif'] })).toBe(
			'Media Types has "gif"; choose from image, audio, video, document, sticker',
		);
		expect(refusal({ rule: 'media', mediaTypes: ['constructor'] })).toMatch(
			/^Media Types has "constructor"/,
		);
	});

	test('fields of other rules are not kept', () => {
		expect(
			readAnswerCheck({ rule: 'number', choices: 'a', pattern: 'b', mediaTypes: ['image'] }),
		).toEqual({ ok: true, check: { rule: 'number' } });
	});
});

describe('the default re-prompt', () => {
	test.each([
		[{ rule: 'any' }, 'Please answer with a text message.'],
		[{ rule: 'notEmpty' }, 'Please answer with a text message.'],
		[{ rule: 'number' }, 'Please answer with a number.'],
		[{ rule: 'email' }, 'Please answer with an email address.'],
		[{ rule: 'oneOf', choices: ['yes', 'no'] }, 'Please answer with one of: yes, no.'],
		[
			{ rule: 'pattern', pattern: '^[0-9]{5}$' },
			'Sorry, that answer does not have the expected form. Please try again.',
		],
		[{ rule: 'media', mediaTypes: ['image'] }, 'Please send a photo.'],
		[
			{ rule: 'media', mediaTypes: ['audio', 'document'] },
			'Please send a voice note or a document.',
		],
		[
			{ rule: 'media', mediaTypes: [...MEDIA_KINDS] },
			'Please send a photo, a voice note, a video, a document or a sticker.',
		],
		[{ rule: 'media' }, 'Please send a photo, a voice note, a video, a document or a sticker.'],
	] as Array<[AnswerCheck, string]>)('%j: %s', (rule, words) => {
		expect(defaultReprompt(rule)).toBe(words);
	});

	test('does not change the rule it words', () => {
		const rule: AnswerCheck = { rule: 'media', mediaTypes: ['image', 'video'] };
		defaultReprompt(rule);
		expect(rule.mediaTypes).toEqual(['image', 'video']);
	});
});
