/**
 * The mock Cloud API's message templates: the WhatsApp Business Account's list
 * (`GET /{waba-id}/message_templates`, Graph's shape with paging), and the checks Meta makes when a
 * template is sent (error codes from Meta's "Error codes" page):
 *   132001 the account has no template of that name in that language
 *   132000 the number of parameters differs from the template's variables
 *   132012 a parameter has the wrong format for its place (a text for a media header…)
 *   132015 / 132016 the template is paused / disabled; other non-approved statuses: 132001
 * And the 24-hour window: recipients whose window is closed get 131047 for anything but a template.
 */

export interface MockTemplate {
	name: string;
	language: string;
	status: string;
	category: string;
	id: string;
	parameter_format?: 'POSITIONAL' | 'NAMED';
	components: Array<Record<string, unknown>>;
}

/** The account's templates. Their ids are made up; their shapes are Meta's. */
export const MOCK_TEMPLATES: MockTemplate[] = [
	{
		name: 'appointment_reminder',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		id: '1000000000000001',
		components: [
			{
				type: 'HEADER',
				format: 'TEXT',
				text: 'Reminder for {{1}}',
				example: { header_text: ['Ana'] },
			},
			{
				type: 'BODY',
				text: 'Your appointment is on {{1}} at {{2}}. Will you come?',
				example: { body_text: [['Friday', '3:00 PM']] },
			},
			{ type: 'FOOTER', text: 'City Clinic' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Confirm' },
					{ type: 'QUICK_REPLY', text: 'Reschedule' },
				],
			},
		],
	},
	{
		name: 'appointment_reminder',
		language: 'pt_BR',
		status: 'APPROVED',
		category: 'UTILITY',
		id: '1000000000000002',
		components: [
			{
				type: 'BODY',
				text: 'Sua consulta é {{1}} às {{2}}. Você vem?',
				example: { body_text: [['sexta', '15h']] },
			},
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Confirmo' },
					{ type: 'QUICK_REPLY', text: 'Remarcar' },
				],
			},
		],
	},
	{
		name: 'order_update',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		id: '1000000000000003',
		parameter_format: 'NAMED',
		components: [
			{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2U='] } },
			{
				type: 'BODY',
				text: 'Hi {{first_name}}, order {{order_id}} has shipped.',
				example: {
					body_text_named_params: [
						{ param_name: 'first_name', example: 'Ana' },
						{ param_name: 'order_id', example: '1042' },
					],
				},
			},
			{
				type: 'BUTTONS',
				buttons: [
					{
						type: 'URL',
						text: 'Track it',
						url: 'https://shop.example.com/track/{{1}}',
						example: ['1042'],
					},
				],
			},
		],
	},
	{
		name: 'hello_world',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		id: '1000000000000004',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Hello World' },
			{
				type: 'BODY',
				text: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta.',
			},
			{ type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
		],
	},
	{
		name: 'spring_sale',
		language: 'en_US',
		status: 'PENDING',
		category: 'MARKETING',
		id: '1000000000000005',
		components: [
			{
				type: 'BODY',
				text: 'Our spring sale starts {{1}}!',
				example: { body_text: [['tomorrow']] },
			},
		],
	},
];

const variables = (text: unknown): string[] => {
	const found: string[] = [];
	for (const m of String(text ?? '').matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g))
		if (!found.includes(m[1])) found.push(m[1]);
	return found;
};

/** `GET …/message_templates?name=&limit=&after=`: Graph's page of templates (`name` matches a part of the name). */
export function listTemplatesAnswer(
	templates: MockTemplate[],
	query: Record<string, string>,
): unknown {
	const matching = templates.filter((t) => !query.name || t.name.includes(query.name));
	const limit = Math.max(1, Number(query.limit ?? 25) || 25);
	const start = query.after ? Number(Buffer.from(query.after, 'base64').toString('utf8')) || 0 : 0;
	const page = matching.slice(start, start + limit);
	const cursor = (n: number) => Buffer.from(String(n)).toString('base64');
	const answer: Record<string, unknown> = {
		data: page,
		paging: { cursors: { before: cursor(start), after: cursor(start + page.length) } },
	};
	if (start + page.length < matching.length)
		(answer.paging as Record<string, unknown>).next =
			`https://graph.facebook.com/v24.0/mock/message_templates?after=${cursor(start + page.length)}`;
	return answer;
}

/** A Graph API error as Meta's Cloud API answers a refused send. */
export function graphError(code: number, message: string, details: string): unknown {
	return {
		error: {
			message: `(#${code}) ${message}`,
			type: 'OAuthException',
			code,
			error_data: { messaging_product: 'whatsapp', details },
			fbtrace_id: 'mock-trace',
		},
	};
}

/** Checks a `type: "template"` send against the account's templates as Meta does; null when Meta would accept it. */
export function checkTemplateSend(
	templates: MockTemplate[],
	template: unknown,
): { code: number; message: string; details: string } | null {
	const t = (typeof template === 'object' && template !== null ? template : {}) as Record<
		string,
		unknown
	>;
	const language = (
		typeof t.language === 'object' && t.language !== null
			? (t.language as Record<string, unknown>).code
			: undefined
	) as string | undefined;
	const found = templates.find((x) => x.name === t.name && x.language === language);
	if (!found)
		return {
			code: 132001,
			message: 'Template name does not exist in the translation',
			details: `template name (${String(t.name)}) does not exist in ${String(language)}`,
		};
	if (found.status === 'PAUSED')
		return { code: 132015, message: 'Template is Paused', details: 'The template is paused' };
	if (found.status === 'DISABLED')
		return { code: 132016, message: 'Template is disabled', details: 'The template is disabled' };
	if (found.status !== 'APPROVED')
		return {
			code: 132001,
			message: 'Template name does not exist in the translation',
			details: `template name (${found.name}) is not approved`,
		};
	const components = Array.isArray(t.components)
		? (t.components as Array<Record<string, unknown>>)
		: [];
	const given = (type: string) =>
		components
			.filter((c) => c.type === type)
			.flatMap((c) =>
				Array.isArray(c.parameters) ? (c.parameters as Array<Record<string, unknown>>) : [],
			);
	const header = found.components.find((c) => c.type === 'HEADER');
	const body = found.components.find((c) => c.type === 'BODY');
	const headerParams = given('header');
	const expectedHeader = header
		? header.format === 'TEXT'
			? variables(header.text).length
			: header.format === 'LOCATION'
				? 0
				: 1
		: 0;
	const mismatch = (where: string, expected: number, got: number) => ({
		code: 132000,
		message: 'Number of parameters does not match the expected number of params',
		details: `${where}: number of localizable_params (${got}) does not match the expected number of params (${expected})`,
	});
	if (headerParams.length !== expectedHeader)
		return mismatch('header', expectedHeader, headerParams.length);
	if (
		header &&
		header.format !== 'TEXT' &&
		headerParams[0] &&
		headerParams[0].type !== String(header.format).toLowerCase()
	) {
		return {
			code: 132012,
			message: 'Parameter format does not match format in the created template',
			details: `header: expected ${String(header.format)}, got ${String(headerParams[0].type)}`,
		};
	}
	const bodyParams = given('body');
	const expectedBody = variables(body?.text).length;
	if (bodyParams.length !== expectedBody) return mismatch('body', expectedBody, bodyParams.length);
	if (found.parameter_format === 'NAMED') {
		const names = variables(body?.text);
		const unknown = bodyParams.find((p) => !names.includes(String(p.parameter_name ?? '')));
		if (unknown)
			return {
				code: 132000,
				message: 'Number of parameters does not match the expected number of params',
				details: `body: parameter_name ${String(unknown.parameter_name)} is not in the template`,
			};
	}
	const buttons = (found.components.find((c) => c.type === 'BUTTONS')?.buttons ?? []) as Array<
		Record<string, unknown>
	>;
	for (const c of components.filter((x) => x.type === 'button')) {
		const button = buttons[Number(c.index)];
		const want = button
			? button.type === 'QUICK_REPLY'
				? 'quick_reply'
				: String(button.type).toLowerCase()
			: undefined;
		if (want !== c.sub_type)
			return {
				code: 132012,
				message: 'Parameter format does not match format in the created template',
				details: `button at index ${String(c.index)}: expected ${want ?? 'no button'}, got ${String(c.sub_type)}`,
			};
	}
	return null;
}
