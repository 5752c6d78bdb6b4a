/** The credential's auth headers, as n8n expressions: the credential's `authenticate` and the credential test use them. */
export const MESSANGI_AUTH_HEADERS = { Authorization: '=Bearer {{$credentials.apiKey}}' };
