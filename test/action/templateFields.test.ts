/**
 * Define Variables → Using the Template's Fields: a template's parts as resource-mapper fields, and
 * the values given read back into the same send the field-by-field way builds.
 */
import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';
import { MOCK_TEMPLATES } from '../mock-provider';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import {
	checkTemplate,
	readTemplateDefinition,
	templateComponents,
} from '../../nodes/shared/dialects/whatsapp/template';
import {
	fillFromFields,
	templateFields,
	templateText,
} from '../../nodes/shared/dialects/whatsapp/templateFields';
import type { TemplateDefinition } from '../../nodes/shared/model/template';

const definition = (name: string) =>
	readTemplateDefinition(
		MOCK_TEMPLATES.find((t) => t.name === name && t.language === 'en_US'),
	) as TemplateDefinition;

describe("a template's fields", () => {
	it('appointment_reminder: its text, the header variable, two body variables, optional quick-reply payloads', () => {
		const fields = templateFields(definition('appointment_reminder'));
		expect(fields.map((f) => [f.id, f.displayName, f.required, f.removed ?? false])).toEqual([
			['templateText', 'Template Text', false, false],
			['header_text', 'Header {{1}}', true, false],
			['body_1', 'Body {{1}}', true, false],
			['body_2', 'Body {{2}}', true, false],
			['payload_0', 'Button 1 (index 0) "Confirm": payload', false, true],
			['payload_1', 'Button 2 (index 1) "Reschedule": payload', false, true],
		]);
		expect(fields[0].readOnly).toBe(true);
		expect(fields[0].defaultValue).toBe(templateText(definition('appointment_reminder')));
		expect(fields[0].defaultValue).toContain('{{1}}');
	});

	it('order_update: an image header, named body variables, the URL button that needs its end', () => {
		expect(
			templateFields(definition('order_update')).map((f) => [f.id, f.displayName, f.required]),
		).toEqual([
			['templateText', 'Template Text', false],
			['header_image', 'Header Image (Link)', true],
			['named_first_name', 'Body {{first_name}}', true],
			['named_order_id', 'Body {{order_id}}', true],
			['url_0', 'Button 1 (index 0) "Track it": end of its URL', true],
		]);
		expect(templateText(definition('order_update'))).toBe(
			'[image]\nHi {{first_name}}, order {{order_id}} has shipped.\n[Track it]',
		);
	});
});

describe('values read back', () => {
	it('build the components the field-by-field way builds, and pass the checks', () => {
		const fill = {
			name: 'appointment_reminder',
			language: 'en_US',
			...fillFromFields({
				templateText: 'whatever the editor keeps',
				body_2: '3:00 PM',
				header_text: 'Ana',
				body_1: 'Friday',
				payload_1: 'later',
			}),
		};
		expect(templateComponents(fill)).toEqual([
			{ type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', text: 'Friday' },
					{ type: 'text', text: '3:00 PM' },
				],
			},
			{
				type: 'button',
				sub_type: 'quick_reply',
				index: '1',
				parameters: [{ type: 'payload', payload: 'later' }],
			},
		]);
		expect(checkTemplate(fill, definition('appointment_reminder'))).toEqual([]);
	});

	it('named variables keep their names; the URL button its index; a gap is an empty value the checks name', () => {
		const order = fillFromFields({
			header_image: 'https://example.com/box.jpg',
			named_first_name: 'Ana',
			named_order_id: '1042',
			url_0: '1042',
		});
		expect(order.body).toEqual([
			{ kind: 'text', text: 'Ana', name: 'first_name' },
			{ kind: 'text', text: '1042', name: 'order_id' },
		]);
		expect(order.buttons).toEqual([{ index: 0, subType: 'url', value: '1042' }]);
		expect(
			checkTemplate(
				{ name: 'order_update', language: 'en_US', ...order },
				definition('order_update'),
			),
		).toEqual([]);
		const gap = fillFromFields({ body_2: 'x' });
		expect(gap.body).toEqual([
			{ kind: 'text', text: '' },
			{ kind: 'text', text: 'x' },
		]);
		expect(
			checkTemplate(
				{
					name: 'appointment_reminder',
					language: 'en_US',
					...gap,
					header: { kind: 'text', text: 'Ana' },
				},
				definition('appointment_reminder'),
			).map((i) => i.message),
		).not.toEqual([]);
	});
});

describe('Send and Wait', () => {
	it("offers no quick-reply payloads: it sets them itself, to the wait's references", () => {
		expect(
			templateFields(definition('appointment_reminder'), { payloads: false }).map((f) => f.id),
		).toEqual(['templateText', 'header_text', 'body_1', 'body_2']);
	});
});

describe('Define Variables by type version', () => {
	const description = new WhatsAppInteractive().description;
	const resolved = (typeVersion: number, parameters: INodeParameters) =>
		NodeHelpers.getNodeParameters(
			description.properties,
			{ provider: 'whatsAppCloud', operation: 'sendTemplate', ...parameters },
			true,
			false,
			{ typeVersion } as INode,
			description,
		)!;

	it("1 keeps Using Fields Below (saved nodes); 1.1, the editor's default, starts on the template's fields", () => {
		expect(description.version).toEqual([1, 1.1]);
		expect(resolved(1, {}).templateVariables).toBe('fields');
		expect(resolved(1.1, {}).templateVariables).toBe('template');
		expect(resolved(1.1, {}).templateFields).toEqual({ mappingMode: 'defineBelow', value: null });
		expect(resolved(1, {}).templateFields).toBeUndefined();
		// A value given is kept at either version.
		expect(resolved(1.1, { templateVariables: 'fields' }).templateVariables).toBe('fields');
		expect(resolved(1, { templateVariables: 'template' }).templateVariables).toBe('template');
		// Send and Wait and Build Payload with Send As → Template follow the same default.
		expect(resolved(1.1, { operation: 'buildPayload', sendAs: 'template' }).templateVariables).toBe(
			'template',
		);
	});
});
