/** The credential's auth headers, as n8n expressions: the credential's `authenticate` and the credential test use them. */
export const SINCH_LATAM_AUTH_HEADERS = {
	UserName: '={{$credentials.userName}}',
	AuthenticationToken: '={{$credentials.authenticationToken}}',
};
