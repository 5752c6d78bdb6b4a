/** The credential's auth header, as an n8n expression: every request of the node and the credential test add it (the credential has no `authenticate`). */
export const WHATSAPP_CLOUD_AUTH_HEADERS = {
	Authorization: '=Bearer {{$credentials.accessToken}}',
};

export const WHATSAPP_CLOUD_DEFAULT_HOST = 'https://graph.facebook.com';
/** The Graph API version requests use unless the credential names another. */
export const WHATSAPP_CLOUD_DEFAULT_VERSION = 'v24.0';
