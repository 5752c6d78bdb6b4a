import { byKind } from '../kinds';
import type { Dialect } from '../types';
import {
	WHATSAPP_CLOUD_AUTH_HEADERS,
	WHATSAPP_CLOUD_DEFAULT_HOST,
	WHATSAPP_CLOUD_DEFAULT_VERSION,
} from './auth';
import { decodeWhatsAppCloudCallback } from './decode';
import {
	PHONE_NUMBERS_METHOD,
	whatsAppCloudFrom,
	whatsAppCloudOptions,
	whatsAppCloudTriggerNotice,
} from './description';
import {
	encodeWhatsAppCloud,
	encodeWhatsAppCloudCarousel,
	encodeWhatsAppCloudCatalog,
	encodeWhatsAppCloudProduct,
	encodeWhatsAppCloudProductList,
	encodeWhatsAppCloudCtaUrl,
	encodeWhatsAppCloudFlow,
	encodeWhatsAppCloudLocationRequest,
	encodeWhatsAppCloudTemplate,
	encodeWhatsAppCloudText,
} from './encode';
import {
	whatsAppCloudCarouselLimits,
	whatsAppCloudProductLimits,
	whatsAppCloudCtaUrlLimits,
	whatsAppCloudFlowLimits,
	whatsAppCloudLimits,
	whatsAppCloudLocationRequestLimits,
	whatsAppCloudTextLimits,
} from './limits';
import { whatsAppCloudMarkAsRead, whatsAppCloudMedia } from './media';
import { listPhoneNumbers } from './phoneNumbers';
import {
	isTokenError,
	readWhatsAppCloudReceipts,
	whatsAppCloudErrorMessage,
	whatsAppCloudRateLimited,
	whatsAppCloudWindowClosed,
} from './response';
import { findTemplate, listTemplates, TEMPLATE_FIELDS_METHOD, TEMPLATES_METHOD } from './templates';
import {
	checkCloudSignature,
	checkCloudWebhookCredential,
	verifyCloudSubscription,
} from './signature';

const CREDENTIAL = 'whatsAppCloudApi';

/** `{Base URL}/{API Version}`: requests append `/{phone-number-id}/messages`. */
function baseUrl(data: Record<string, unknown>): string {
	const host = String(data.baseUrl || WHATSAPP_CLOUD_DEFAULT_HOST).replace(/\/+$/, '');
	const version = String(data.apiVersion || WHATSAPP_CLOUD_DEFAULT_VERSION)
		.trim()
		.replace(/^\/+|\/+$/g, '');
	return `${host}/${version}`;
}

export const whatsAppCloud: Dialect = {
	id: 'whatsAppCloud',
	displayName: 'WhatsApp Cloud API',
	shortName: 'Cloud API',
	searchAliases: ['Meta', 'Cloud API'],
	credential: {
		type: CREDENTIAL,
		testedBy: 'whatsAppCloudApiTest',
		secretFields: ['accessToken'],
		authHeaders: WHATSAPP_CLOUD_AUTH_HEADERS,
		// A read-only Graph call: the account's phone numbers when its ID is given, else the token's owner.
		probe: {
			method: 'GET',
			path: (data) => {
				const account = String(data.businessAccountId ?? '').trim();
				return account ? `/${encodeURIComponent(account)}/phone_numbers` : '/me';
			},
			refused:
				'Create a new access token (a System User token in Meta Business Settings does not expire) and paste it into the credential.',
			verdict: (status, body) => {
				if (isTokenError(body)) {
					return {
						ok: false,
						message: `Meta refused the access token (${whatsAppCloudErrorMessage(body)}). Create a new token and paste it into the credential.`,
					};
				}
				if (status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 404) {
					return {
						ok: false,
						message: `Meta answered HTTP ${status}: ${whatsAppCloudErrorMessage(body) ?? 'no message'}. Check the WhatsApp Business Account ID and the API Version.`,
					};
				}
				return undefined;
			},
		},
	},
	defaultBaseUrl: `${WHATSAPP_CLOUD_DEFAULT_HOST}/${WHATSAPP_CLOUD_DEFAULT_VERSION}`,
	baseUrl,
	envelope: { from: whatsAppCloudFrom },
	correlationOption: 'correlationId',
	options: whatsAppCloudOptions,
	loadOptions: {
		[PHONE_NUMBERS_METHOD]: async (context) => await listPhoneNumbers(context, CREDENTIAL, baseUrl),
		[TEMPLATES_METHOD]: async (context) => await listTemplates(context, CREDENTIAL, baseUrl),
	},
	templates: {
		listMethod: TEMPLATES_METHOD,
		fieldsMethod: TEMPLATE_FIELDS_METHOD,
		unreadable: (data) =>
			String(data.businessAccountId ?? '').trim() === ''
				? 'the credential has no WhatsApp Business Account ID'
				: undefined,
		definition: async (context, name, language) =>
			await findTemplate(context, CREDENTIAL, baseUrl, name, language),
		encode: encodeWhatsAppCloudTemplate,
	},
	limits: whatsAppCloudLimits,
	...byKind('WhatsApp Cloud API', {
		buttons: { limits: whatsAppCloudLimits, encode: encodeWhatsAppCloud },
		list: { limits: whatsAppCloudLimits, encode: encodeWhatsAppCloud },
		text: { limits: whatsAppCloudTextLimits, encode: encodeWhatsAppCloudText },
		ctaUrl: { limits: whatsAppCloudCtaUrlLimits, encode: encodeWhatsAppCloudCtaUrl },
		locationRequest: {
			limits: whatsAppCloudLocationRequestLimits,
			encode: encodeWhatsAppCloudLocationRequest,
		},
		flow: { limits: whatsAppCloudFlowLimits, encode: encodeWhatsAppCloudFlow },
		carousel: { limits: whatsAppCloudCarouselLimits, encode: encodeWhatsAppCloudCarousel },
		product: { limits: whatsAppCloudProductLimits, encode: encodeWhatsAppCloudProduct },
		productList: { limits: whatsAppCloudProductLimits, encode: encodeWhatsAppCloudProductList },
		catalog: { limits: whatsAppCloudProductLimits, encode: encodeWhatsAppCloudCatalog },
	}),
	readReceipts: readWhatsAppCloudReceipts,
	errorMessage: whatsAppCloudErrorMessage,
	rateLimited: whatsAppCloudRateLimited,
	windowClosed: whatsAppCloudWindowClosed,
	media: whatsAppCloudMedia,
	markAsRead: whatsAppCloudMarkAsRead,
	trigger: {
		notice: whatsAppCloudTriggerNotice,
		signature: {
			credentialType: 'whatsAppCloudWebhookApi',
			testedBy: 'whatsAppCloudWebhookApiTest',
			credentialTest: checkCloudWebhookCredential,
			check: checkCloudSignature,
		},
		verification: verifyCloudSubscription,
	},
	decodeCallback: decodeWhatsAppCloudCallback,
};
