/**
 * Shape validators for the two provider dialects, as documented in
 * the providers' API pages (test/fixtures/seeds/SOURCES.md: request examples + field tables) and docs/message-model.md, docs/providers.md and the limits table (docs/limits.md).
 *
 * Each returns every problem found, in document order; an empty array means the
 * body has the documented shape. Messages start with the field path.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Length in Unicode code points (an emoji counts as one). */
const cpLength = (s: string): number => {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		// Skip the low half of a surrogate pair.
		if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
			const p = s.charCodeAt(i - 1);
			if (p >= 0xd800 && p <= 0xdbff) continue;
		}
		n++;
	}
	return n;
};

interface StrRule {
	/** default true */
	required?: boolean;
	/** minimum code points; default 1 */
	min?: number;
	max?: number;
	/** reject whitespace-only strings */
	notBlank?: boolean;
}

/** Returns the string if it passed, otherwise undefined (errors pushed). */
function checkString(
	errors: string[],
	value: unknown,
	path: string,
	rule: StrRule = {},
): string | undefined {
	const { required = true, min = 1, max, notBlank = false } = rule;
	if (value === undefined || value === null) {
		if (required) errors.push(`${path} is required`);
		return undefined;
	}
	if (typeof value !== 'string') {
		errors.push(`${path} must be a string (got ${typeof value})`);
		return undefined;
	}
	const n = cpLength(value);
	if (n < min) {
		errors.push(
			min <= 1
				? `${path} must not be empty`
				: `${path} must be at least ${min} characters (got ${n})`,
		);
		return undefined;
	}
	if (notBlank && value.trim() === '') {
		errors.push(`${path} must not be blank`);
		return undefined;
	}
	if (max !== undefined && n > max) {
		errors.push(`${path} must be at most ${max} characters (got ${n})`);
		return undefined;
	}
	return value;
}

function checkObject(
	errors: string[],
	value: unknown,
	path: string,
	required = true,
): Obj | undefined {
	if (value === undefined || value === null) {
		if (required) errors.push(`${path} is required`);
		return undefined;
	}
	if (!isObj(value)) {
		errors.push(`${path} must be an object`);
		return undefined;
	}
	return value;
}

function checkArray(
	errors: string[],
	value: unknown,
	path: string,
	min: number,
	max: number,
	/** singular noun */
	what: string,
): unknown[] | undefined {
	if (value === undefined || value === null) {
		errors.push(`${path} is required`);
		return undefined;
	}
	if (!Array.isArray(value)) {
		errors.push(`${path} must be an array`);
		return undefined;
	}
	const noun = (n: number) => (n === 1 ? what : `${what}s`);
	if (value.length < min) {
		errors.push(`${path} must contain at least ${min} ${noun(min)} (got ${value.length})`);
	} else if (value.length > max) {
		errors.push(`${path} must contain at most ${max} ${noun(max)} (got ${value.length})`);
	}
	return value;
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

function checkUrl(errors: string[], value: unknown, path: string): void {
	const s = checkString(errors, value, path);
	if (s !== undefined && !HTTP_URL.test(s))
		errors.push(`${path} must be an http:// or https:// URL (got "${s}")`);
}

/** entries: [value, its path]; reports every later duplicate of an earlier value. */
function checkUnique(errors: string[], entries: Array<[string | undefined, string]>): void {
	const seen = new Map<string, string>();
	for (const [v, path] of entries) {
		if (v === undefined) continue;
		const first = seen.get(v);
		if (first !== undefined) errors.push(`${path} must be unique ("${v}" is also at ${first})`);
		else seen.set(v, path);
	}
}

// ---------------------------------------------------------------- Messangi

const MESSANGI_MEDIA = ['image', 'video', 'document'];

/** Validates a Messangi `POST /v3/messages` body for an interactive WhatsApp message. */
export function validateMessangiBody(body: unknown): string[] {
	const errors: string[] = [];
	if (!isObj(body)) {
		errors.push('body must be a JSON object');
		return errors;
	}
	if (body.channel !== 'WHATSAPP') {
		errors.push(`channel must be "WHATSAPP" (got ${JSON.stringify(body.channel) ?? 'nothing'})`);
	}
	const request = checkObject(errors, body.request, 'request');
	if (request) {
		const to = checkString(errors, request.to, 'request.to');
		if (to !== undefined && !/^\+\d{8,15}$/.test(to)) {
			errors.push(`request.to must be "+" followed by 8–15 digits (got "${to}")`);
		}
		const from = checkString(errors, request.from, 'request.from');
		if (from !== undefined && !/^\d+$/.test(from)) {
			errors.push(`request.from must contain digits only, without "+" (got "${from}")`);
		}
		if (request.type !== 'interactive' && request.type !== 'text') {
			errors.push(
				`request.type must be "interactive" or "text" (got ${JSON.stringify(request.type) ?? 'nothing'})`,
			);
		}
		checkString(errors, request.externalId, 'request.externalId', { required: false });
		checkString(errors, request.clientId, 'request.clientId', { required: false });
		if (request.type === 'text') {
			// Messangi's "Text Message" page: the text in request.message (at most 1024), replyTo optional.
			checkString(errors, request.message, 'request.message', { max: 1024 });
			checkString(errors, request.replyTo, 'request.replyTo', { required: false });
			if (request.interactive !== undefined)
				errors.push('request.interactive must be absent from a text message');
		} else {
			checkString(errors, request.message, 'request.message', { required: false });
			const interactive = checkObject(errors, request.interactive, 'request.interactive');
			if (interactive) validateMessangiInteractive(errors, interactive, 'request.interactive');
		}
	}
	if (body.callbacks !== undefined) {
		const cbs = checkArray(errors, body.callbacks, 'callbacks', 1, Number.MAX_SAFE_INTEGER, 'URL');
		cbs?.forEach((u, i) => checkUrl(errors, u, `callbacks[${i}]`));
	}
	return errors;
}

/** `listBodyMax`: the longest body a list may have (Messangi 1024; the Cloud API's list page 4096). */
function validateMessangiInteractive(
	errors: string[],
	it: Obj,
	p: string,
	listBodyMax = 1024,
): void {
	const type = it.type;
	if (type !== 'button' && type !== 'list') {
		errors.push(`${p}.type must be "button" or "list" (got ${JSON.stringify(type) ?? 'nothing'})`);
	}
	const header = checkObject(errors, it.header, `${p}.header`, false);
	if (header) {
		const ht = header.type;
		if (ht === 'text') {
			checkString(errors, header.text, `${p}.header.text`, { max: 60 });
		} else if (typeof ht === 'string' && MESSANGI_MEDIA.includes(ht)) {
			if (type === 'list') errors.push(`${p}.header.type must be "text" on a list (got "${ht}")`);
			const media = checkObject(errors, header[ht], `${p}.header.${ht}`);
			if (media) checkUrl(errors, media.link, `${p}.header.${ht}.link`);
		} else {
			errors.push(
				`${p}.header.type must be one of text, image, video, document (got ${JSON.stringify(ht) ?? 'nothing'})`,
			);
		}
	}
	const bodyObj = checkObject(errors, it.body, `${p}.body`);
	if (bodyObj)
		checkString(errors, bodyObj.text, `${p}.body.text`, {
			max: type === 'list' ? listBodyMax : 1024,
			notBlank: true,
		});
	const footer = checkObject(errors, it.footer, `${p}.footer`, false);
	if (footer) checkString(errors, footer.text, `${p}.footer.text`, { max: 60 });

	const action = checkObject(errors, it.action, `${p}.action`);
	if (!action) return;
	if (type === 'button') {
		const buttons = checkArray(errors, action.buttons, `${p}.action.buttons`, 1, 3, 'button');
		if (!buttons) return;
		const ids: Array<[string | undefined, string]> = [];
		const titles: Array<[string | undefined, string]> = [];
		buttons.forEach((b, i) => {
			const bp = `${p}.action.buttons[${i}]`;
			const button = checkObject(errors, b, bp);
			if (!button) return;
			if (button.type !== 'reply') {
				errors.push(`${bp}.type must be "reply" (got ${JSON.stringify(button.type) ?? 'nothing'})`);
			}
			const reply = checkObject(errors, button.reply, `${bp}.reply`);
			if (!reply) return;
			ids.push([checkString(errors, reply.id, `${bp}.reply.id`, { max: 256 }), `${bp}.reply.id`]);
			titles.push([
				checkString(errors, reply.title, `${bp}.reply.title`, { max: 20 }),
				`${bp}.reply.title`,
			]);
		});
		checkUnique(errors, ids);
		checkUnique(errors, titles);
	} else if (type === 'list') {
		checkString(errors, action.button, `${p}.action.button`, { max: 20 });
		const sections = checkArray(errors, action.sections, `${p}.action.sections`, 1, 10, 'section');
		if (!sections) return;
		const ids: Array<[string | undefined, string]> = [];
		sections.forEach((s, si) => {
			const sp = `${p}.action.sections[${si}]`;
			const section = checkObject(errors, s, sp);
			if (!section) return;
			checkString(errors, section.title, `${sp}.title`, { max: 24 });
			const rows = checkArray(errors, section.rows, `${sp}.rows`, 1, 10, 'row');
			rows?.forEach((r, ri) => {
				const rp = `${sp}.rows[${ri}]`;
				const row = checkObject(errors, r, rp);
				if (!row) return;
				ids.push([checkString(errors, row.id, `${rp}.id`, { max: 200 }), `${rp}.id`]);
				checkString(errors, row.title, `${rp}.title`, { max: 24 });
				checkString(errors, row.description, `${rp}.description`, {
					required: false,
					min: 0,
					max: 72,
				});
			});
		});
		if (ids.length > 10)
			errors.push(`${p}.action.sections must hold at most 10 rows in total (got ${ids.length})`);
		checkUnique(errors, ids);
	}
}

// ---------------------------------------------------------------- Sinch LATAM

const SINCH_MEDIA: Record<string, string[]> = {
	image: ['JPG', 'JPEG', 'PNG'],
	video: ['MP4'],
	document: ['PDF'],
};
const SINCH_HEADER_KEYS = ['text', 'image', 'video', 'document', 'location'];

/** Maximum destinations per request accepted by the mock (docs/providers.md: unpublished for WhatsApp; SMS allows 1,000). */
export const SINCH_MAX_DESTINATIONS = 1000;

/** Validates a Sinch LATAM `POST /v1/whatsapp/send` body for an interactive message. */
export function validateSinchBody(body: unknown): string[] {
	const errors: string[] = [];
	if (!isObj(body)) {
		errors.push('body must be a JSON object');
		return errors;
	}
	const dests = checkArray(
		errors,
		body.destinations,
		'destinations',
		1,
		SINCH_MAX_DESTINATIONS,
		'destination',
	);
	dests?.forEach((d, i) => {
		const dp = `destinations[${i}]`;
		const dest = checkObject(errors, d, dp);
		if (!dest) return;
		const num = checkString(errors, dest.destination, `${dp}.destination`);
		if (num !== undefined && !/^\d{8,15}$/.test(num)) {
			errors.push(`${dp}.destination must be 8–15 digits only (got "${num}")`);
		}
		checkString(errors, dest.correlationId, `${dp}.correlationId`, { required: false, min: 0 });
	});
	const message = checkObject(errors, body.message, 'message');
	if (message && message.interactive === undefined && message.messageText !== undefined) {
		// Sinch LATAM's "Envio de Mensagens": a text is message.messageText.
		checkString(errors, message.messageText, 'message.messageText', { max: 4096 });
	} else if (message) {
		const interactive = checkObject(errors, message.interactive, 'message.interactive');
		if (interactive) validateSinchInteractive(errors, interactive, 'message.interactive');
	}
	return errors;
}

function validateSinchInteractive(errors: string[], it: Obj, p: string): void {
	const type = it.messageInteractiveType;
	if (type !== 'LIST' && type !== 'REPLY_BUTTON') {
		errors.push(
			`${p}.messageInteractiveType must be "LIST" or "REPLY_BUTTON" (got ${JSON.stringify(type) ?? 'nothing'})`,
		);
	}
	const header = checkObject(errors, it.header, `${p}.header`, false);
	if (header) {
		const present = SINCH_HEADER_KEYS.filter((k) => header[k] !== undefined && header[k] !== null);
		if (present.length !== 1) {
			errors.push(
				`${p}.header must have exactly one of text, image, video, document, location (got ${
					present.length === 0 ? 'none' : present.join(', ')
				})`,
			);
		} else {
			const kind = present[0];
			if (type === 'LIST' && kind !== 'text')
				errors.push(`${p}.header on a LIST accepts text only (got ${kind})`);
			if (kind === 'text') {
				checkString(errors, header.text, `${p}.header.text`, { max: 60 });
			} else if (kind === 'location') {
				const loc = checkObject(errors, header.location, `${p}.header.location`);
				if (loc) {
					const gp = checkString(errors, loc.geoPoint, `${p}.header.location.geoPoint`);
					if (gp !== undefined) {
						const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(gp);
						if (!m || Math.abs(Number(m[1])) > 90 || Math.abs(Number(m[2])) > 180) {
							errors.push(
								`${p}.header.location.geoPoint must be "latitude,longitude" (got "${gp}")`,
							);
						}
					}
					checkString(errors, loc.name, `${p}.header.location.name`, { required: false, min: 0 });
					checkString(errors, loc.address, `${p}.header.location.address`, {
						required: false,
						min: 0,
					});
				}
			} else {
				const media = checkObject(errors, header[kind], `${p}.header.${kind}`);
				if (media) {
					const allowed = SINCH_MEDIA[kind];
					const t = checkString(errors, media.type, `${p}.header.${kind}.type`);
					if (t !== undefined && !allowed.includes(t)) {
						errors.push(
							`${p}.header.${kind}.type must be one of ${allowed.join(', ')} (got "${t}")`,
						);
					}
					checkUrl(errors, media.url, `${p}.header.${kind}.url`);
				}
			}
		}
	}
	const bodyObj = checkObject(errors, it.body, `${p}.body`);
	if (bodyObj) checkString(errors, bodyObj.text, `${p}.body.text`, { max: 1024, notBlank: true });
	const footer = checkObject(errors, it.footer, `${p}.footer`, false);
	if (footer) checkString(errors, footer.text, `${p}.footer.text`, { max: 60, notBlank: true });
	checkString(errors, it.alternativeText, `${p}.alternativeText`, { required: false, min: 0 });

	if (type === 'REPLY_BUTTON') {
		const action = checkObject(errors, it.replyButtonAction, `${p}.replyButtonAction`);
		if (!action) return;
		const buttons = checkArray(
			errors,
			action.buttons,
			`${p}.replyButtonAction.buttons`,
			1,
			3,
			'button',
		);
		if (!buttons) return;
		const payloads: Array<[string | undefined, string]> = [];
		const titles: Array<[string | undefined, string]> = [];
		buttons.forEach((b, i) => {
			const bp = `${p}.replyButtonAction.buttons[${i}]`;
			const button = checkObject(errors, b, bp);
			if (!button) return;
			const reply = checkObject(errors, button.reply, `${bp}.reply`);
			if (!reply) return;
			titles.push([
				checkString(errors, reply.title, `${bp}.reply.title`, { max: 20 }),
				`${bp}.reply.title`,
			]);
			payloads.push([
				checkString(errors, reply.payload, `${bp}.reply.payload`, { max: 256 }),
				`${bp}.reply.payload`,
			]);
		});
		checkUnique(errors, payloads);
		checkUnique(errors, titles);
	} else if (type === 'LIST') {
		const action = checkObject(errors, it.listAction, `${p}.listAction`);
		if (!action) return;
		checkString(errors, action.button, `${p}.listAction.button`, { max: 20 });
		const sections = checkArray(
			errors,
			action.sections,
			`${p}.listAction.sections`,
			1,
			10,
			'section',
		);
		if (!sections) return;
		const ids: Array<[string | undefined, string]> = [];
		sections.forEach((s, si) => {
			const sp = `${p}.listAction.sections[${si}]`;
			const section = checkObject(errors, s, sp);
			if (!section) return;
			const rows = checkArray(errors, section.rows, `${sp}.rows`, 1, 10, 'row');
			rows?.forEach((r, ri) => {
				const rp = `${sp}.rows[${ri}]`;
				const row = checkObject(errors, r, rp);
				if (!row) return;
				ids.push([
					checkString(errors, row.identifier, `${rp}.identifier`, { max: 200 }),
					`${rp}.identifier`,
				]);
				checkString(errors, row.title, `${rp}.title`, { max: 24 });
				checkString(errors, row.description, `${rp}.description`, {
					required: false,
					min: 0,
					max: 72,
				});
			});
		});
		if (ids.length > 10)
			errors.push(
				`${p}.listAction.sections must hold at most 10 rows in total (got ${ids.length})`,
			);
		checkUnique(errors, ids);
	}
}

// ---------------------------------------------------------------- WhatsApp Cloud API

/**
 * Validates a Cloud API `POST /{phone-number-id}/messages` body for an interactive message (Meta's
 * "Interactive reply buttons messages" and "Interactive list messages"). The `interactive` object
 * is WhatsApp's own, the same Messangi passes through, so it is checked by the same rules, except
 * that a list's body may have 4096 characters (the list page), not 1024.
 */
export function validateCloudBody(body: unknown): string[] {
	const errors: string[] = [];
	if (!isObj(body)) {
		errors.push('body must be a JSON object');
		return errors;
	}
	if (body.messaging_product !== 'whatsapp') {
		errors.push(
			`messaging_product must be "whatsapp" (got ${JSON.stringify(body.messaging_product) ?? 'nothing'})`,
		);
	}
	if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
		errors.push(`recipient_type must be "individual" (got ${JSON.stringify(body.recipient_type)})`);
	}
	const to = checkString(errors, body.to, 'to');
	if (to !== undefined && !/^\+?\d{8,15}$/.test(to))
		errors.push(`to must be a phone number with country code (got "${to}")`);
	if (body.type !== 'interactive' && body.type !== 'template' && body.type !== 'text')
		errors.push(
			`type must be "interactive", "template" or "text" (got ${JSON.stringify(body.type) ?? 'nothing'})`,
		);
	checkString(errors, body.biz_opaque_callback_data, 'biz_opaque_callback_data', {
		required: false,
		max: 512,
	});
	const context = checkObject(errors, body.context, 'context', false);
	if (context) checkString(errors, context.message_id, 'context.message_id');
	if (body.type === 'template') {
		// Meta's "Template messages": { name, language: { code }, components? }; parameters are checked against the template (templates.ts).
		const template = checkObject(errors, body.template, 'template');
		if (template) {
			checkString(errors, template.name, 'template.name', { max: 512 });
			const language = checkObject(errors, template.language, 'template.language');
			if (language) checkString(errors, language.code, 'template.language.code');
			if (template.components !== undefined && !Array.isArray(template.components))
				errors.push('template.components must be a list');
		}
		return errors;
	}
	if (body.type === 'text') {
		// Meta's "Text messages": text: { body (at most 4096), preview_url? }.
		const text = checkObject(errors, body.text, 'text');
		if (text) {
			checkString(errors, text.body, 'text.body', { max: 4096 });
			if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean')
				errors.push('text.preview_url must be true or false');
		}
		return errors;
	}
	const interactive = checkObject(errors, body.interactive, 'interactive');
	if (interactive?.type === 'cta_url') validateCloudCtaUrl(errors, interactive);
	else if (interactive?.type === 'location_request_message')
		validateCloudLocationRequest(errors, interactive);
	else if (interactive?.type === 'flow') validateCloudFlow(errors, interactive);
	else if (interactive?.type === 'carousel') validateCloudCarousel(errors, interactive);
	else if (
		interactive?.type === 'product' ||
		interactive?.type === 'product_list' ||
		interactive?.type === 'catalog_message'
	)
		validateCloudCommerce(errors, interactive);
	else if (interactive) validateMessangiInteractive(errors, interactive, 'interactive', 4096);
	return errors;
}

/** Only these keys in `object` (Graph refuses unknown parameters). */
function onlyKeys(errors: string[], object: Obj, path: string, keys: string[]): void {
	for (const key of Object.keys(object))
		if (!keys.includes(key)) errors.push(`${path}.${key} is not a parameter of this message`);
}

/**
 * Meta's "Interactive CTA URL button messages": header text (≤ 60) or image/video/document with a
 * `link`, body ≤ 1024, `action: { name: "cta_url", parameters: { display_text ≤ 20, url } }`,
 * footer ≤ 60.
 */
function validateCloudCtaUrl(errors: string[], interactive: Obj): void {
	onlyKeys(errors, interactive, 'interactive', ['type', 'header', 'body', 'action', 'footer']);
	const header = checkObject(errors, interactive.header, 'interactive.header', false);
	if (header) {
		const type = header.type;
		if (type === 'text') checkString(errors, header.text, 'interactive.header.text', { max: 60 });
		else if (type === 'image' || type === 'video' || type === 'document') {
			const media = checkObject(errors, header[type], `interactive.header.${type}`);
			if (media) checkString(errors, media.link, `interactive.header.${type}.link`);
		} else errors.push(`interactive.header.type must be text, image, video or document`);
	}
	const body = checkObject(errors, interactive.body, 'interactive.body');
	if (body) checkString(errors, body.text, 'interactive.body.text', { max: 1024 });
	const footer = checkObject(errors, interactive.footer, 'interactive.footer', false);
	if (footer) checkString(errors, footer.text, 'interactive.footer.text', { max: 60 });
	const action = checkObject(errors, interactive.action, 'interactive.action');
	if (!action) return;
	if (action.name !== 'cta_url') errors.push('interactive.action.name must be "cta_url"');
	onlyKeys(errors, action, 'interactive.action', ['name', 'parameters']);
	const parameters = checkObject(errors, action.parameters, 'interactive.action.parameters');
	if (!parameters) return;
	checkString(errors, parameters.display_text, 'interactive.action.parameters.display_text', {
		max: 20,
	});
	const url = checkString(errors, parameters.url, 'interactive.action.parameters.url');
	if (url !== undefined && !/^https?:\/\//.test(url))
		errors.push('interactive.action.parameters.url must be a web address');
}

/** Meta's "Location request messages": body ≤ 1024 and `action: { name: "send_location" }`, nothing else. */
function validateCloudLocationRequest(errors: string[], interactive: Obj): void {
	onlyKeys(errors, interactive, 'interactive', ['type', 'body', 'action']);
	const body = checkObject(errors, interactive.body, 'interactive.body');
	if (body) checkString(errors, body.text, 'interactive.body.text', { max: 1024 });
	const action = checkObject(errors, interactive.action, 'interactive.action');
	if (action && (action.name !== 'send_location' || Object.keys(action).length !== 1))
		errors.push('interactive.action must be { "name": "send_location" }');
}

/**
 * Meta's "Sending a Flow" and its Messages API reference: header text ≤ 60, body ≤ 1024, footer ≤ 60,
 * `action: { name: "flow", parameters: { flow_message_version: "3", flow_id | flow_name (one),
 * flow_cta, flow_token?, mode?, flow_action?, flow_action_payload? } }`; the payload only with
 * navigate, its `data` a non-empty object (or one serialised as a string).
 */
function validateCloudFlow(errors: string[], interactive: Obj): void {
	onlyKeys(errors, interactive, 'interactive', ['type', 'header', 'body', 'footer', 'action']);
	const header = checkObject(errors, interactive.header, 'interactive.header', false);
	if (header) {
		if (header.type !== 'text') errors.push('interactive.header.type must be text');
		else checkString(errors, header.text, 'interactive.header.text', { max: 60 });
	}
	const body = checkObject(errors, interactive.body, 'interactive.body');
	if (body) checkString(errors, body.text, 'interactive.body.text', { max: 1024 });
	const footer = checkObject(errors, interactive.footer, 'interactive.footer', false);
	if (footer) checkString(errors, footer.text, 'interactive.footer.text', { max: 60 });
	const action = checkObject(errors, interactive.action, 'interactive.action');
	if (!action) return;
	if (action.name !== 'flow') errors.push('interactive.action.name must be "flow"');
	const p = checkObject(errors, action.parameters, 'interactive.action.parameters');
	if (!p) return;
	const at = 'interactive.action.parameters';
	onlyKeys(errors, p, at, [
		'flow_message_version',
		'flow_token',
		'flow_id',
		'flow_name',
		'flow_cta',
		'mode',
		'flow_action',
		'flow_action_payload',
	]);
	if (p.flow_message_version !== '3') errors.push(`${at}.flow_message_version must be "3"`);
	if ((p.flow_id === undefined) === (p.flow_name === undefined))
		errors.push(`${at} needs flow_id or flow_name, not both`);
	if (p.flow_id !== undefined && !/^\d+$/.test(String(p.flow_id)))
		errors.push(`${at}.flow_id must be a Flow ID`);
	checkString(errors, p.flow_cta, `${at}.flow_cta`);
	checkString(errors, p.flow_token, `${at}.flow_token`, { required: false });
	if (p.mode !== undefined && p.mode !== 'draft' && p.mode !== 'published')
		errors.push(`${at}.mode must be "draft" or "published"`);
	if (
		p.flow_action !== undefined &&
		p.flow_action !== 'navigate' &&
		p.flow_action !== 'data_exchange'
	)
		errors.push(`${at}.flow_action must be "navigate" or "data_exchange"`);
	const payload = checkObject(errors, p.flow_action_payload, `${at}.flow_action_payload`, false);
	if (!payload) return;
	if (p.flow_action === 'data_exchange')
		errors.push(`${at}.flow_action_payload must be left out with data_exchange`);
	checkString(errors, payload.screen, `${at}.flow_action_payload.screen`);
	if (payload.data !== undefined) {
		let data: unknown = payload.data;
		if (typeof data === 'string') {
			try {
				data = JSON.parse(data);
			} catch {
				data = null;
			}
		}
		if (!isObj(data) || Object.keys(data).length === 0)
			errors.push(`${at}.flow_action_payload.data must be a non-empty object`);
	}
}

/**
 * Meta's "Interactive media carousel messages": a body ≤ 1024 and no header or footer; 2–10 cards,
 * each `card_index` in order, an image or video header with a `link`, text ≤ 160, and either a
 * `cta_url` action (label ≤ 20) or `quick_reply` buttons (id ≤ 256, title ≤ 20), the same on every card.
 */
function validateCloudCarousel(errors: string[], interactive: Obj): void {
	onlyKeys(errors, interactive, 'interactive', ['type', 'body', 'action']);
	const body = checkObject(errors, interactive.body, 'interactive.body');
	if (body) checkString(errors, body.text, 'interactive.body.text', { max: 1024 });
	const action = checkObject(errors, interactive.action, 'interactive.action');
	const cards = action?.cards;
	if (!Array.isArray(cards) || cards.length < 2 || cards.length > 10) {
		errors.push('interactive.action.cards must be a list of 2 to 10 cards');
		return;
	}
	const shapes = new Set<string>();
	cards.forEach((card: unknown, k: number) => {
		const at = `interactive.action.cards[${k}]`;
		if (!isObj(card)) return void errors.push(`${at} must be an object`);
		if (card.card_index !== k) errors.push(`${at}.card_index must be ${k}`);
		if (card.type !== 'cta_url') errors.push(`${at}.type must be "cta_url"`);
		const header = checkObject(errors, card.header, `${at}.header`);
		if (header) {
			const type = header.type;
			if (type !== 'image' && type !== 'video')
				errors.push(`${at}.header.type must be image or video`);
			else {
				const media = checkObject(errors, header[type], `${at}.header.${type}`);
				if (media) checkString(errors, media.link, `${at}.header.${type}.link`);
			}
		}
		const text = checkObject(errors, card.body, `${at}.body`, false);
		if (text) checkString(errors, text.text, `${at}.body.text`, { max: 160 });
		const cardAction = checkObject(errors, card.action, `${at}.action`);
		if (!cardAction) return;
		if (cardAction.name === 'cta_url') {
			const p = checkObject(errors, cardAction.parameters, `${at}.action.parameters`);
			if (p) {
				checkString(errors, p.display_text, `${at}.action.parameters.display_text`, { max: 20 });
				checkString(errors, p.url, `${at}.action.parameters.url`);
			}
			shapes.add('url');
		} else if (Array.isArray(cardAction.buttons) && cardAction.buttons.length > 0) {
			cardAction.buttons.forEach((b: unknown, i: number) => {
				const bt = `${at}.action.buttons[${i}]`;
				if (!isObj(b) || b.type !== 'quick_reply' || !isObj(b.quick_reply))
					return void errors.push(
						`${bt} must be { "type": "quick_reply", "quick_reply": { id, title } }`,
					);
				checkString(errors, b.quick_reply.id, `${bt}.quick_reply.id`, { max: 256 });
				checkString(errors, b.quick_reply.title, `${bt}.quick_reply.title`, { max: 20 });
			});
			shapes.add(`replies:${cardAction.buttons.length}`);
		} else errors.push(`${at}.action needs a cta_url or quick_reply buttons`);
	});
	if (shapes.size > 1) errors.push('interactive.action.cards must all have the same buttons');
}

/**
 * Meta's catalog messages: `product` (no header; body optional; `action: { catalog_id,
 * product_retailer_id }`), `product_list` (text header ≤ 60 required; body; 1–10 sections of
 * products, ≤ 30 in all, titles ≤ 24 and required with several sections) and `catalog_message`
 * (body; `action: { name: "catalog_message", parameters?: { thumbnail_product_retailer_id } }`);
 * body ≤ 1024, footer ≤ 60.
 */
function validateCloudCommerce(errors: string[], interactive: Obj): void {
	const type = interactive.type as string;
	onlyKeys(errors, interactive, 'interactive', ['type', 'header', 'body', 'footer', 'action']);
	const header = checkObject(
		errors,
		interactive.header,
		'interactive.header',
		type === 'product_list',
	);
	if (header && type !== 'product_list')
		errors.push(`interactive.header is not allowed on ${type}`);
	if (header && type === 'product_list') {
		if (header.type !== 'text') errors.push('interactive.header.type must be text');
		checkString(errors, header.text, 'interactive.header.text', { max: 60 });
	}
	const body = checkObject(errors, interactive.body, 'interactive.body', type !== 'product');
	if (body) checkString(errors, body.text, 'interactive.body.text', { max: 1024 });
	const footer = checkObject(errors, interactive.footer, 'interactive.footer', false);
	if (footer) checkString(errors, footer.text, 'interactive.footer.text', { max: 60 });
	const action = checkObject(errors, interactive.action, 'interactive.action');
	if (!action) return;
	if (type === 'catalog_message') {
		if (action.name !== 'catalog_message')
			errors.push('interactive.action.name must be "catalog_message"');
		const p = checkObject(errors, action.parameters, 'interactive.action.parameters', false);
		if (p)
			checkString(
				errors,
				p.thumbnail_product_retailer_id,
				'interactive.action.parameters.thumbnail_product_retailer_id',
			);
		return;
	}
	checkString(errors, action.catalog_id, 'interactive.action.catalog_id');
	if (type === 'product') {
		checkString(errors, action.product_retailer_id, 'interactive.action.product_retailer_id');
		return;
	}
	const sections = action.sections;
	if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10)
		return void errors.push('interactive.action.sections must be a list of 1 to 10 sections');
	let total = 0;
	sections.forEach((section: unknown, s: number) => {
		const at = `interactive.action.sections[${s}]`;
		if (!isObj(section)) return void errors.push(`${at} must be an object`);
		checkString(errors, section.title, `${at}.title`, { required: sections.length > 1, max: 24 });
		const items = section.product_items;
		if (!Array.isArray(items) || items.length === 0)
			return void errors.push(`${at}.product_items must be a non-empty list`);
		total += items.length;
		items.forEach((item: unknown, i: number) =>
			checkString(
				errors,
				isObj(item) ? item.product_retailer_id : undefined,
				`${at}.product_items[${i}].product_retailer_id`,
			),
		);
	});
	if (total > 30) errors.push('interactive.action.sections may hold at most 30 products');
}
