/** The credential's auth headers, as n8n expressions: every request of the node and the credential test add them (the credential has no `authenticate`). */
export const SINCH_LATAM_AUTH_HEADERS = {
	UserName: '={{$credentials.userName}}',
	AuthenticationToken: '={{$credentials.authenticationToken}}',
};
