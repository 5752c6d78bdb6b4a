/** The credential's auth headers, as n8n expressions: every request of the node and the credential test add them (the credential has no `authenticate`). */
export const MESSANGI_AUTH_HEADERS = { Authorization: '=Bearer {{$credentials.apiKey}}' };
