/**
 * A plain text message (WhatsApp's `text`): a body of up to 4096 characters (less where a provider
 * says so), optionally with a link preview and as a reply to an earlier message. Free-form, so
 * WhatsApp delivers it only within 24 hours of the customer's last message (docs/templates.md).
 * Nothing to tap: Send and Wait for Response does not ask with it.
 */
import { z } from 'zod/v4';
import type { TextMessage } from '../model/message';
import { quote, typeName } from '../model/text';
import { checkText, type Issue } from '../validation/issues';
import { label } from '../validation/labels';
import {
	objectBuilder,
	optionalText,
	text as textField,
	type KindSchema,
} from '../validation/parse';
import { fieldReader } from './fields';
import type { Kind, TextLimits } from './types';

function buildSchema(strict: boolean) {
	return objectBuilder(strict)({
		type: z.literal('text'),
		body: textField,
		previewUrl: z.boolean({ error: 'must be true or false' }).optional().nullable(),
		replyTo: optionalText,
	});
}

const schema: KindSchema = { strict: buildSchema(true), lenient: buildSchema(false) };

/** A reply-to id: trimmed; empty (as an expression may give) means none. */
export function replyToOf(message: TextMessage): string | undefined {
	const id = message.replyTo?.trim();
	return id ? id : undefined;
}

export const text: Kind<'text'> = {
	type: 'text',
	option: {
		name: 'Text',
		description: "A plain text message, within 24 hours of the customer's last message",
	},
	noun: 'text',
	asks: false,
	interactive: false,
	schema: () => schema,
	read(field) {
		const { read, issues, done } = fieldReader();
		const message: TextMessage = {
			type: 'text',
			body: read(field('bodyText', ''), 'bodyText', 'Body', 'body'),
		};
		const preview = field('previewUrl', false);
		if (preview === true) message.previewUrl = true;
		else if (preview !== false && preview !== undefined && preview !== null && preview !== '')
			issues.push({
				path: 'previewUrl',
				message: `Link Preview must be true or false, not ${typeof preview === 'string' ? quote(preview) : typeName(preview)}`,
			});
		return done(message);
	},
	check(message: TextMessage, limits: TextLimits): Issue[] {
		const issues: Issue[] = [];
		checkText(issues, 'body', label.body, message.body, limits.body);
		if (message.previewUrl === true && !limits.previewUrl) {
			issues.push({
				path: 'previewUrl',
				message: `${limits.providerName} documents no link preview for text messages; leave out "previewUrl"`,
			});
		}
		if (replyToOf(message) !== undefined && !limits.replyTo) {
			issues.push({
				path: 'replyTo',
				message: `${limits.providerName} documents no replies to a message; leave out "replyTo"`,
			});
		}
		return issues;
	},
};
