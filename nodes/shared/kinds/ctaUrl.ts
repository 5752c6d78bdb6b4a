/**
 * A call-to-action URL message (WhatsApp's interactive `cta_url`): a body, an optional header and
 * footer, and one button that opens a web page. A tap opens the page and sends nothing back, so
 * Send and Wait for Response does not ask with it.
 */
import { z } from 'zod/v4';
import type { CtaUrlMessage } from '../model/message';
import { checkText, type Issue } from '../validation/issues';
import { label } from '../validation/labels';
import {
	objectBuilder,
	optionalText,
	text as textField,
	type KindSchema,
} from '../validation/parse';
import { checkHttpUrl } from '../validation/url';
import { fieldReader } from './fields';
import { checkFrame } from '../validation/limits';
import { headerSchema, readFrame } from './interactive';
import type { CtaUrlLimits, Kind } from './types';

function buildSchema(strict: boolean) {
	const object = objectBuilder(strict);
	return object({
		type: z.literal('ctaUrl'),
		header: headerSchema(object).optional().nullable(),
		body: textField,
		footer: optionalText,
		button: object({ title: textField, url: textField }),
	});
}

const schema: KindSchema = {
	strict: buildSchema(true),
	lenient: buildSchema(false),
	missing(raw, issues) {
		const at = issues.findIndex((issue) => issue.path === 'button');
		if (raw.button === undefined && at >= 0) {
			issues[at] = {
				path: 'button',
				message:
					'Button is missing; a CTA URL message needs "button": { "title": "…", "url": "https://…" }',
			};
		}
	},
};

export const ctaUrl: Kind<'ctaUrl'> = {
	type: 'ctaUrl',
	option: {
		name: 'CTA URL Button',
		description: 'One button that opens a web page, with an optional header and footer',
	},
	noun: 'CTA URL',
	asks: false,
	interactive: true,
	schema: () => schema,
	read(field) {
		const { read, issues, done } = fieldReader();
		return done({
			type: 'ctaUrl',
			...readFrame(field, read, issues),
			button: {
				title: read(field('ctaButtonText', ''), 'ctaButtonText', 'Button Text', 'button.title'),
				url: read(field('ctaButtonUrl', ''), 'ctaButtonUrl', 'Button URL', 'button.url'),
			},
		});
	},
	check(message: CtaUrlMessage, limits: CtaUrlLimits): Issue[] {
		const issues: Issue[] = [];
		checkFrame(message, limits, 'a CTA URL message', issues);
		checkText(
			issues,
			'button.title',
			label.ctaButtonTitle,
			message.button.title,
			limits.buttonTitle,
		);
		checkHttpUrl(
			issues,
			'button.url',
			label.ctaButtonUrl,
			message.button.url,
			'write the whole address of the page, starting with https://',
		);
		return issues;
	},
};
