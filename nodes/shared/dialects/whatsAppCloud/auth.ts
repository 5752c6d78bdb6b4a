/** The credential's auth header, as an n8n expression: the credential's `authenticate` and the credential test use it. */
export const WHATSAPP_CLOUD_AUTH_HEADERS = { Authorization: '=Bearer {{$credentials.accessToken}}' };

export const WHATSAPP_CLOUD_DEFAULT_HOST = 'https://graph.facebook.com';
/** The Graph API version requests use unless the credential names another. */
export const WHATSAPP_CLOUD_DEFAULT_VERSION = 'v24.0';
