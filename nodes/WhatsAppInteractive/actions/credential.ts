/**
 * The provider's credential, as chosen in the node: Send and Send and Wait need it, Build Payload
 * uses it when there is one (its base URL and API version), and the credential is therefore not
 * `required` in the description. n8n's getCredentials refuses a credential that is not required
 * and not chosen ("Node does not require credentials"), so the node asks first.
 */
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
} from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';

/** The chosen credential's data, or undefined when the node has none of the provider's type. */
export async function chosenCredentials(
	ctx: IExecuteFunctions,
	dialect: Dialect,
): Promise<ICredentialDataDecryptedObject | undefined> {
	if (!ctx.getNode().credentials?.[dialect.credential.type]) return undefined;
	return await ctx.getCredentials<ICredentialDataDecryptedObject>(dialect.credential.type);
}

/** The credential to send with; an error that says what to choose when there is none. */
export async function sendingCredentials(
	ctx: IExecuteFunctions,
	dialect: Dialect,
): Promise<ICredentialDataDecryptedObject> {
	const credentials = await chosenCredentials(ctx, dialect);
	if (credentials) return credentials;
	throw new NodeOperationError(
		ctx.getNode(),
		`No ${dialect.displayName} credential is chosen [item 0]`,
		{
			description: `Choose one under "Credential to connect with" (or create one there). Build Payload works without a credential.`,
			itemIndex: 0,
		},
	);
}

/**
 * The credential read above, handed to n8n with each request (`credentialsDecrypted`), so that it
 * does not load and decrypt it again per request.
 */
export function handedCredential(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	data: ICredentialDataDecryptedObject,
) {
	const type = dialect.credential.type;
	const reference = ctx.getNode().credentials?.[type];
	return {
		credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type, data },
	};
}
