/**
 * A media carousel (WhatsApp's interactive `carousel`): a body, then 2 to 10 cards the customer swipes
 * through, each with an image or a video, optional text, and either one URL button or quick-reply
 * buttons — the same kind and number on every card. A quick reply comes back as a button reply with
 * its ID. Fields mode takes up to two quick replies per card; JSON mode takes any number.
 */
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';
import type { CarouselCard, CarouselMessage } from '../model/message';
import { quote, typeName } from '../model/text';
import { checkCount, checkText, checkUnique, type Issue } from '../validation/issues';
import { label } from '../validation/labels';
import {
	objectBuilder,
	optionalText,
	text as textField,
	type KindSchema,
} from '../validation/parse';
import { checkHttpUrl } from '../validation/url';
import { entries, fieldReader, type Text } from './fields';
import type { CarouselLimits, Kind } from './types';

function buildSchema(strict: boolean) {
	const object = objectBuilder(strict);
	const card = object({
		header: object({
			type: z.enum(['image', 'video'], { error: 'must be "image" or "video"' }),
			url: textField,
		}),
		body: optionalText,
		buttons: z
			.array(object({ id: textField, title: textField }), { error: 'must be a list' })
			.optional(),
		button: object({ title: textField, url: textField }).optional(),
	});
	return object({
		type: z.literal('carousel'),
		body: textField,
		cards: z.array(card, { error: 'must be a list' }),
	});
}

const schema: KindSchema = { strict: buildSchema(true), lenient: buildSchema(false) };

/** What a card's buttons are, for comparing cards: "2 quick-reply buttons", "a URL button". */
function buttonsOf(card: CarouselCard): string | null {
	const replies = card.buttons?.length ?? 0;
	if (card.button !== undefined) return replies > 0 ? null : 'a URL button';
	if (replies === 0) return null;
	return replies === 1 ? '1 quick-reply button' : `${replies} quick-reply buttons`;
}

/** Fields mode: one Cards entry, with the button kind chosen for the whole carousel. */
function readCard(
	entry: IDataObject,
	k: number,
	urlButtons: boolean,
	read: Text,
	issues: Issue[],
): CarouselCard {
	const at = `cards[${k}]`;
	const name = `Card ${k + 1}`;
	const type = entry.headerType ?? 'image';
	if (type !== 'image' && type !== 'video')
		issues.push({
			path: `${at}.headerType`,
			message: `${name} media type must be Image or Video, not ${typeof type === 'string' ? quote(type) : typeName(type)}`,
		});
	const card: CarouselCard = {
		header: {
			type: type === 'video' ? 'video' : 'image',
			url: read(entry.mediaUrl, `${at}.mediaUrl`, `${name} media URL`, `${at}.header.url`),
		},
	};
	const body = read(entry.body, `${at}.body`, `${name} text`);
	if (body !== '') card.body = body;
	if (urlButtons) {
		card.button = {
			title: read(
				entry.buttonText,
				`${at}.buttonText`,
				`${name} button text`,
				`${at}.button.title`,
			),
			url: read(entry.buttonUrl, `${at}.buttonUrl`, `${name} button URL`, `${at}.button.url`),
		};
		return card;
	}
	card.buttons = [];
	for (const n of [1, 2]) {
		const id = read(entry[`replyId${n}`], `${at}.replyId${n}`, `${name} quick reply ${n} ID`);
		const title = read(
			entry[`replyTitle${n}`],
			`${at}.replyTitle${n}`,
			`${name} quick reply ${n} title`,
		);
		// The first quick reply is always read (and reported when empty); the second only when given.
		if (n === 1 || id !== '' || title !== '') card.buttons.push({ id, title });
	}
	return card;
}

export const carousel: Kind<'carousel'> = {
	type: 'carousel',
	option: {
		name: 'Carousel',
		description: 'Two to ten cards with an image or video, swiped sideways, each with buttons',
	},
	noun: 'carousel',
	asks: false,
	interactive: false,
	schema: () => schema,
	read(field) {
		const { read, issues, done } = fieldReader();
		const urlButtons = field('carouselButtons', 'quickReply') === 'url';
		const cards = entries(field('cards.card', []), 'cards', 'Cards', issues).map((entry, k) =>
			readCard(entry, k, urlButtons, read, issues),
		);
		return done({
			type: 'carousel',
			body: read(field('bodyText', ''), 'bodyText', 'Body', 'body'),
			cards,
		});
	},
	check(message: CarouselMessage, limits: CarouselLimits): Issue[] {
		const issues: Issue[] = [];
		checkText(issues, 'body', label.body, message.body, limits.body);
		checkCount(issues, 'cards', 'Cards', message.cards.length, limits.cards.min, limits.cards.max);
		const first = message.cards[0] ? buttonsOf(message.cards[0]) : null;
		message.cards.forEach((card, k) => {
			const at = `cards[${k}]`;
			const name = `Card ${k + 1}`;
			if (!limits.cardHeaderTypes.includes(card.header.type))
				issues.push({
					path: `${at}.header.type`,
					message: `${name} must have an ${limits.cardHeaderTypes.join(' or ')} header`,
				});
			checkHttpUrl(issues, `${at}.header.url`, `${name} media URL`, card.header.url);
			if (card.body !== undefined) {
				checkText(issues, `${at}.body`, `${name} text`, card.body, limits.cardBody);
				const breaks = (card.body.match(/\n/g) ?? []).length;
				if (breaks > limits.cardBodyLineBreaks)
					issues.push({
						path: `${at}.body`,
						message: `${name} text has ${breaks} line breaks; the limit is ${limits.cardBodyLineBreaks}`,
					});
			}
			const replies = card.buttons ?? [];
			if (card.button !== undefined && replies.length > 0) {
				issues.push({
					path: `${at}.button`,
					message: `${name} has a URL button and quick-reply buttons; give it one or the other`,
				});
			} else if (card.button === undefined && replies.length === 0) {
				issues.push({
					path: `${at}.buttons`,
					message: `${name} has no button; give it one URL button or one or more quick-reply buttons`,
				});
			} else if (k > 0 && first !== null && buttonsOf(card) !== first) {
				issues.push({
					path: card.button !== undefined ? `${at}.button` : `${at}.buttons`,
					message: `${name} has ${buttonsOf(card)} and card 1 has ${first}; every card of a carousel needs the same buttons`,
				});
			}
			if (card.button !== undefined) {
				checkText(
					issues,
					`${at}.button.title`,
					`${name} button text`,
					card.button.title,
					limits.buttonTitle,
				);
				checkHttpUrl(
					issues,
					`${at}.button.url`,
					`${name} button URL`,
					card.button.url,
					'write the whole address of the page, starting with https://',
				);
			}
			replies.forEach((button, b) => {
				const which = `${name} quick reply ${b + 1}`;
				checkText(issues, `${at}.buttons[${b}].id`, `${which} ID`, button.id, limits.buttonId);
				checkText(
					issues,
					`${at}.buttons[${b}].title`,
					`${which} title`,
					button.title,
					limits.buttonTitle,
				);
			});
		});
		// The node's own rule: a tap gives back only the ID, which must say which card was tapped.
		checkUnique(
			issues,
			message.cards.flatMap((card, k) =>
				(card.buttons ?? []).map((button, b) => ({
					path: `cards[${k}].buttons[${b}].id`,
					label: `Card ${k + 1} quick reply ${b + 1} ID`,
					value: button.id,
				})),
			),
			'quick-reply ID',
		);
		return issues;
	},
};
