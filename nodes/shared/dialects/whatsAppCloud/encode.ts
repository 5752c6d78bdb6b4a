/**
 * Encodes the neutral message into the Cloud API's `POST /{phone-number-id}/messages` body
 * (Meta's "Interactive reply buttons messages" and "Interactive list messages" pages):
 * `{ messaging_product: "whatsapp", recipient_type: "individual", to, type: "interactive", interactive }`,
 * with WhatsApp's own `interactive` object (shared with the dialects that pass it through); text
 * messages, `type: "text"` with `text: { body, preview_url }` (Meta's "Text messages" page); CTA URL
 * buttons, location requests, Flows, carousels and the catalog messages, `interactive` of their own
 * types (their Meta pages, `../whatsapp/interactive.ts`); and
 * template sends, `type: "template"` with the `template` object (`../whatsapp/template.ts`).
 */
import type { IDataObject } from 'n8n-workflow';
import { replyToOf } from '../../kinds/text';
import type {
	CarouselMessage,
	CatalogMessage,
	ProductListMessage,
	ProductMessage,
	CtaUrlMessage,
	FlowMessage,
	InteractiveMessage,
	LocationRequestMessage,
	TextMessage,
} from '../../model/message';
import { quote } from '../../model/text';
import type { Issue } from '../../validation/issues';
import { optionalString, phoneDigits, replyContext } from '../envelope';
import type { EncodedRequest, Envelope } from '../types';
import {
	carouselObject,
	catalogObject,
	productListObject,
	productObject,
	ctaUrlObject,
	flowObject,
	interactiveObject,
	locationRequestObject,
} from '../whatsapp/interactive';

/** `biz_opaque_callback_data`: Meta echoes it in the message's status webhooks; up to 512 characters. */
const MAX_TRACKING = 512;

type Encoder<M> = (message: M, envelope: Envelope) => { request?: EncodedRequest; issues: Issue[] };

/** An encoder of one kind: `type: "interactive"` with the kind's `interactive` object. */
function asInteractive<M>(interactiveOf: (message: M) => IDataObject): Encoder<M> {
	return (message, envelope) =>
		withEnvelope(envelope, { type: 'interactive', interactive: interactiveOf(message) });
}

/** Reply buttons and lists. */
export const encodeWhatsAppCloud = asInteractive<InteractiveMessage>(interactiveObject);
/** `interactive.type: "cta_url"`. */
export const encodeWhatsAppCloudCtaUrl = asInteractive<CtaUrlMessage>(ctaUrlObject);
/** `interactive.type: "location_request_message"`. */
export const encodeWhatsAppCloudLocationRequest =
	asInteractive<LocationRequestMessage>(locationRequestObject);
/** `interactive.type: "flow"`. */
export const encodeWhatsAppCloudFlow = asInteractive<FlowMessage>(flowObject);
/** `interactive.type: "carousel"`. */
export const encodeWhatsAppCloudCarousel = asInteractive<CarouselMessage>(carouselObject);
/** `interactive.type: "product"`. */
export const encodeWhatsAppCloudProduct = asInteractive<ProductMessage>(productObject);
/** `interactive.type: "product_list"`. */
export const encodeWhatsAppCloudProductList = asInteractive<ProductListMessage>(productListObject);
/** `interactive.type: "catalog_message"`. */
export const encodeWhatsAppCloudCatalog = asInteractive<CatalogMessage>(catalogObject);

/** A text message: `type: "text"`, `text: { body, preview_url }`, and `context` when it replies. */
export function encodeWhatsAppCloudText(
	message: TextMessage,
	envelope: Envelope,
): { request?: EncodedRequest; issues: Issue[] } {
	return withEnvelope(
		envelope,
		{ type: 'text', text: { body: message.body, preview_url: message.previewUrl === true } },
		replyToOf(message),
	);
}

/** A template send: `type: "template"` with WhatsApp's `template` object (Meta's "Template messages"). */
export function encodeWhatsAppCloudTemplate(
	template: IDataObject,
	envelope: Envelope,
): { request?: EncodedRequest; issues: Issue[] } {
	return withEnvelope(envelope, { type: 'template', template });
}

/**
 * The request around a message: recipient, sender (the URL's phone number ID), reply context and
 * tracking. `replyTo`: the message's own (a text message's `replyTo`), beside the option.
 */
function withEnvelope(
	envelope: Envelope,
	content: IDataObject,
	replyTo?: string,
): { request?: EncodedRequest; issues: Issue[] } {
	const issues: Issue[] = [];
	const to = phoneDigits(issues, 'to', 'Recipient (To)', envelope.to);
	const phoneNumberId = readPhoneNumberId(issues, envelope.from);
	const correlationId = optionalString(envelope.options, 'correlationId');
	if (correlationId !== undefined && Array.from(correlationId).length > MAX_TRACKING) {
		issues.push({
			path: 'options.correlationId',
			message: `Correlation ID is ${Array.from(correlationId).length} characters; the limit is ${MAX_TRACKING}`,
		});
	}
	const context = replyContext(issues, replyTo, envelope.options);
	if (issues.length) return { issues };

	const body: IDataObject = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		// With the "+", as Meta's examples write it; `to` in the output has it too.
		to: `+${to}`,
		...content,
	};
	if (context !== undefined) body.context = { message_id: context };
	if (correlationId !== undefined) body.biz_opaque_callback_data = correlationId;
	return {
		issues,
		request: {
			method: 'POST',
			path: `/${phoneNumberId}/messages`,
			body,
			to: `+${to}`,
			correlationId: correlationId ?? null,
		},
	};
}

/** The sender is the business number's phone number ID (digits, from WhatsApp Manager), not the number. */
export function readPhoneNumberId(issues: Issue[], value: unknown): string {
	const id =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (id === '') {
		issues.push({
			path: 'from',
			message:
				"Sender (From) is empty; choose the phone number ID of your business number (WhatsApp Manager → Phone numbers, or the app's API Setup page)",
		});
	} else if (!/^\d{5,20}$/.test(id)) {
		issues.push({
			path: 'from',
			message: `Sender (From) ${quote(id)} is not a phone number ID; give the ID of the number (digits only, e.g. 106540352242922), not the phone number itself`,
		});
	}
	return id;
}
