/**
 * A WhatsApp Flow message (WhatsApp's interactive `flow`): a body, an optional header and footer, and
 * a button that opens a form made in WhatsApp Manager. The Flow is named by its ID or its name; the
 * first screen comes from the message (`navigate`, optionally with data) or from the Flow's own
 * endpoint (`data_exchange`). What the customer submits arrives at the trigger as a Flow reply.
 */
import { z } from 'zod/v4';
import type { FlowMessage } from '../model/message';
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
import { checkFrame } from '../validation/limits';
import { headerSchema, readFrame } from './interactive';
import type { FlowLimits, Kind } from './types';

function buildSchema(strict: boolean) {
	const object = objectBuilder(strict);
	return object({
		type: z.literal('flow'),
		header: headerSchema(object).optional().nullable(),
		body: textField,
		footer: optionalText,
		flow: object({
			id: optionalText,
			name: optionalText,
			cta: textField,
			token: optionalText,
			mode: z
				.enum(['published', 'draft'], { error: 'must be "published" or "draft"' })
				.optional()
				.nullable(),
			action: z
				.enum(['navigate', 'data_exchange'], { error: 'must be "navigate" or "data_exchange"' })
				.optional()
				.nullable(),
			screen: optionalText,
			data: z
				.record(z.string(), z.unknown(), { error: 'must be a JSON object' })
				.optional()
				.nullable(),
		}),
	});
}

const schema: KindSchema = {
	strict: buildSchema(true),
	lenient: buildSchema(false),
	missing(raw, issues) {
		const at = issues.findIndex((issue) => issue.path === 'flow');
		if (raw.flow === undefined && at >= 0) {
			issues[at] = {
				path: 'flow',
				message:
					'Flow is missing; a Flow message needs "flow": { "id" (or "name"), "cta": "button label" }',
			};
		}
	},
};

/**
 * Fields mode's Screen Data: a JSON object, as text or as an expression's object. Empty text and
 * the field's default `{}` are none (n8n's JSON editor marks empty text as invalid JSON, so the
 * field starts at `{}`); JSON mode's `"data": {}` is still refused.
 */
function readData(value: unknown, issues: Issue[]): Record<string, unknown> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let data = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			data = JSON.parse(value);
		} catch (error) {
			issues.push({
				path: 'flowData',
				message: `Screen Data is not valid JSON (${(error as Error).message}); write an object such as { "name": "Ana" }`,
			});
			return undefined;
		}
	}
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		issues.push({
			path: 'flowData',
			message: `Screen Data must be a JSON object such as { "name": "Ana" }, not ${typeName(data)}`,
		});
		return undefined;
	}
	return Object.keys(data).length === 0 ? undefined : (data as Record<string, unknown>);
}

export const flow: Kind<'flow'> = {
	type: 'flow',
	option: {
		name: 'WhatsApp Flow',
		description: 'A button that opens a form made in WhatsApp Manager (Flows)',
	},
	noun: 'Flow',
	asks: false,
	interactive: true,
	schema: () => schema,
	read(field) {
		const { read, issues, done } = fieldReader();
		const by = field('flowIdentifier', 'id');
		const options = field('flowOptions', {});
		const option = (name: string): unknown =>
			options !== null && typeof options === 'object' && !Array.isArray(options)
				? (options as Record<string, unknown>)[name]
				: undefined;
		const flowPart: FlowMessage['flow'] = {
			cta: read(field('flowCta', ''), 'flowCta', 'Button Text', 'flow.cta'),
		};
		if (by === 'name')
			flowPart.name = read(field('flowName', ''), 'flowName', 'Flow Name', 'flow.name');
		else flowPart.id = read(field('flowId', ''), 'flowId', 'Flow ID', 'flow.id');
		const action = field('flowAction', 'navigate');
		if (action === 'data_exchange') flowPart.action = 'data_exchange';
		else {
			const screen = read(field('flowScreen', ''), 'flowScreen', 'First Screen', 'flow.screen');
			if (screen !== '') flowPart.screen = screen;
			const data = readData(field('flowData', ''), issues);
			if (data) flowPart.data = data;
		}
		const token = read(option('identifier'), 'flowOptions.identifier', 'Flow Token', 'flow.token');
		if (token !== '') flowPart.token = token;
		if (option('mode') === 'draft') flowPart.mode = 'draft';
		return done({ type: 'flow', ...readFrame(field, read, issues), flow: flowPart });
	},
	check(message: FlowMessage, limits: FlowLimits): Issue[] {
		const issues: Issue[] = [];
		checkFrame(message, limits, 'a Flow message', issues);
		const f = message.flow;
		checkText(issues, 'flow.cta', label.flowCta, f.cta, limits.cta);
		const id = f.id?.trim() ?? '';
		const name = f.name?.trim() ?? '';
		if (id !== '' && name !== '') {
			issues.push({
				path: 'flow.id',
				message: 'Give the Flow\'s "id" or its "name", not both',
			});
		} else if (id === '' && name === '') {
			issues.push({
				path: f.name !== undefined ? 'flow.name' : 'flow.id',
				message: `${f.name !== undefined ? 'Flow Name' : 'Flow ID'} is empty; give the Flow's ID (WhatsApp Manager → Account tools → Flows) or its name`,
			});
		} else if (id !== '' && !/^\d{1,30}$/.test(id)) {
			issues.push({
				path: 'flow.id',
				message: `Flow ID ${quote(id)} is not a Flow's ID (digits only, e.g. 1234567890); to name the Flow, use its name instead`,
			});
		}
		if (f.action === 'data_exchange' && (f.screen !== undefined || f.data !== undefined)) {
			issues.push({
				path: f.screen !== undefined ? 'flow.screen' : 'flow.data',
				message:
					'With "action": "data_exchange" the Flow\'s endpoint sends the first screen: leave out "screen" and "data"',
			});
		} else if (f.data !== undefined && (f.screen?.trim() ?? '') === '') {
			issues.push({
				path: 'flow.screen',
				message: "First Screen is empty; the Screen Data goes to a screen: give that screen's ID",
			});
		}
		if (f.data !== undefined && Object.keys(f.data).length === 0) {
			issues.push({
				path: 'flow.data',
				message: "Screen Data is an empty object; leave it out, or give the first screen's values",
			});
		}
		return issues;
	},
};
