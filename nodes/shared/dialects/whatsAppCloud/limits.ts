import type {
	CarouselLimits,
	ProductLimits,
	CtaUrlLimits,
	FlowLimits,
	LocationRequestLimits,
	TextLimits,
} from '../../kinds/types';
import type { Limits } from '../../validation/limits';
import { WHATSAPP_LIMITS, WHATSAPP_TEXT_BODY } from '../../validation/whatsappLimits';

/**
 * WhatsApp Cloud API (Meta's "Interactive reply buttons messages" and "Interactive list messages"
 * pages, developers.facebook.com/documentation/business-messaging/whatsapp/messages/): headers
 * text, image, video or document on reply buttons, text only on lists; footer up to 60; section
 * titles 1 to 24 (the list page as updated on 2025-11-03 marks them required; older versions
 * required them only with more than one section). Body: the list page allows 4096 characters
 * ("Message body text. Supports URLs. Maximum 4096 characters."), the reply-buttons page 1024.
 */
export const whatsAppCloudLimits: Limits = {
	...WHATSAPP_LIMITS,
	providerName: 'WhatsApp Cloud API',
	sectionTitle: { min: 1, max: 24 },
	footer: { max: 60 },
	body: {
		buttons: WHATSAPP_LIMITS.body.buttons,
		list: { ...WHATSAPP_LIMITS.body.list, max: 4096 },
	},
	headerTypes: { buttons: ['text', 'image', 'video', 'document'], list: ['text'] },
};

/**
 * Text messages (Meta's "Text messages" page): `text.body` up to 4096 characters, `text.preview_url`
 * for a link preview, and `context.message_id` to reply to a message (as for every message).
 */
export const whatsAppCloudTextLimits: TextLimits = {
	providerName: 'WhatsApp Cloud API',
	body: WHATSAPP_TEXT_BODY,
	previewUrl: true,
	replyTo: true,
};

/**
 * CTA URL buttons (Meta's "Interactive CTA URL button messages" page): header text, image, video or
 * document, header text up to 60 characters, body up to 1024, footer up to 60, the button's
 * `display_text` up to 20; the page gives no limit for the URL.
 */
export const whatsAppCloudCtaUrlLimits: CtaUrlLimits = {
	providerName: 'WhatsApp Cloud API',
	headerTypes: ['text', 'image', 'video', 'document'],
	headerText: WHATSAPP_LIMITS.headerText,
	body: WHATSAPP_LIMITS.body.buttons,
	footer: { max: 60 },
	buttonTitle: WHATSAPP_LIMITS.buttonTitle,
};

/** Location requests (Meta's "Location request messages" page): body up to 1024 characters. */
export const whatsAppCloudLocationRequestLimits: LocationRequestLimits = {
	providerName: 'WhatsApp Cloud API',
	body: WHATSAPP_LIMITS.body.buttons,
};

/**
 * Flows (Meta's "Sending a Flow" page and the Messages API reference): a text header (the only one
 * Meta's Flow examples show) up to 60 characters, body up to 1024, footer up to 60; the button's
 * `flow_cta` "advised to be 30 characters or less (no emoji)", which the node holds to 30.
 */
export const whatsAppCloudFlowLimits: FlowLimits = {
	providerName: 'WhatsApp Cloud API',
	headerTypes: ['text'],
	headerText: WHATSAPP_LIMITS.headerText,
	body: WHATSAPP_LIMITS.body.buttons,
	footer: { max: 60 },
	cta: { min: 1, max: 30, notBlank: true },
};

/**
 * Media carousels (Meta's "Interactive media carousel messages" page): body up to 1024, 2 to 10
 * cards, each with an image or video header, text up to 160 characters "and up to 2 line breaks",
 * quick-reply IDs up to 256 and labels up to 20, URL button labels up to 20.
 */
export const whatsAppCloudCarouselLimits: CarouselLimits = {
	providerName: 'WhatsApp Cloud API',
	body: WHATSAPP_LIMITS.body.buttons,
	cards: { min: 2, max: 10 },
	cardHeaderTypes: ['image', 'video'],
	cardBody: { max: 160 },
	cardBodyLineBreaks: 2,
	buttonTitle: WHATSAPP_LIMITS.buttonTitle,
	buttonId: WHATSAPP_LIMITS.buttonId,
};

/**
 * Catalog messages (Meta's "Single-product", "Multi-product" and "Catalog messages" pages and its
 * Messages API reference): header text up to 60 (a product list's, which it requires), body up to
 * 1024 (optional on a single product), footer up to 60; 1 to 10 sections, titles up to 24 and
 * required with more than one section, 1 to 30 products across all sections.
 */
export const whatsAppCloudProductLimits: ProductLimits = {
	providerName: 'WhatsApp Cloud API',
	headerText: WHATSAPP_LIMITS.headerText,
	body: WHATSAPP_LIMITS.body.buttons,
	footer: { max: 60 },
	sections: { min: 1, max: 10 },
	sectionTitle: { max: 24 },
	products: { min: 1, max: 30 },
};
