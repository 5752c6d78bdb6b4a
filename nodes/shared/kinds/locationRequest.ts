/**
 * A location request (WhatsApp's interactive `location_request_message`): a body, and a "Send
 * location" button that WhatsApp draws itself. The place the customer shares comes back as an
 * inbound location message (the trigger's Message output), not as a tap: Send and Wait for Response
 * does not ask with it.
 */
import { z } from 'zod/v4';
import type { LocationRequestMessage } from '../model/message';
import { checkText, type Issue } from '../validation/issues';
import { label } from '../validation/labels';
import { objectBuilder, text as textField, type KindSchema } from '../validation/parse';
import { fieldReader } from './fields';
import type { Kind, LocationRequestLimits } from './types';

function buildSchema(strict: boolean) {
	return objectBuilder(strict)({ type: z.literal('locationRequest'), body: textField });
}

const schema: KindSchema = { strict: buildSchema(true), lenient: buildSchema(false) };

export const locationRequest: Kind<'locationRequest'> = {
	type: 'locationRequest',
	option: {
		name: 'Location Request',
		description: 'Ask the customer to share their location, with a button WhatsApp adds',
	},
	noun: 'location request',
	asks: false,
	interactive: false,
	schema: () => schema,
	read(field) {
		const { read, done } = fieldReader();
		return done({
			type: 'locationRequest',
			body: read(field('bodyText', ''), 'bodyText', 'Body', 'body'),
		});
	},
	check(message: LocationRequestMessage, limits: LocationRequestLimits): Issue[] {
		const issues: Issue[] = [];
		checkText(issues, 'body', label.body, message.body, limits.body);
		return issues;
	},
};
