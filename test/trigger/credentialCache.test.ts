import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';
import { authorise, checkSignature } from '../../nodes/shared/trigger/authorise';
import {
	forgetCredentials,
	judgeWithCredential,
	KEEP_MS,
} from '../../nodes/shared/trigger/credentialCache';
import { createHmac } from 'crypto';
import { DIALECTS } from '../../nodes/shared/dialects';
import { createWebhookContext } from '../helpers/webhookContext';
import { cloudApiEnvelope } from './fixtures';

const TYPE = 'whatsAppInteractiveWebhookApi';
const OLD = 'old-secret-0123456789';
const NEW = 'new-secret-9876543210';

/**
 * One trigger node as n8n has it: a fixed workflow, node and credential id, whose credential data
 * the test changes as a user would in n8n; counts n8n's credential reads.
 */
function triggerNode(secret: { value: string }) {
	const reads = jest.fn();
	const contextFor = (query: Record<string, string>) => {
		const { context } = createWebhookContext({
			workflowId: 'cached-workflow',
			parameters: { provider: 'sinchLatam', authentication: 'secret' },
			query,
			credentials: { [TYPE]: { secret: 'unused' } },
		});
		const node = context.getNode();
		node.credentials = { [TYPE]: { id: 'credential-1', name: 'Secret' } };
		(context as { getCredentials: IWebhookFunctions['getCredentials'] }).getCredentials =
			(async () => {
				reads();
				return {
					secret: secret.value,
					queryParameterName: 'secret',
					headerName: '',
					basicAuth: false,
				};
			}) as IWebhookFunctions['getCredentials'];
		return context;
	};
	return { reads, contextFor };
}

beforeEach(() => forgetCredentials());

describe('the trigger keeps its credential for a few seconds', () => {
	it('reads the credential once for many accepted callbacks', async () => {
		const { reads, contextFor } = triggerNode({ value: OLD });
		for (let i = 0; i < 5; i++)
			expect(await authorise(contextFor({ secret: OLD }))).toEqual({ outcome: 'accepted' });
		expect(reads).toHaveBeenCalledTimes(1);
	});

	it('reads it again for a request the kept one refuses, so a new secret works at once', async () => {
		const secret = { value: OLD };
		const { reads, contextFor } = triggerNode(secret);
		await authorise(contextFor({ secret: OLD }));
		secret.value = NEW;
		expect(await authorise(contextFor({ secret: NEW }))).toEqual({ outcome: 'accepted' });
		expect(reads).toHaveBeenCalledTimes(2);
		// Once the new secret was read, the old one is refused.
		expect((await authorise(contextFor({ secret: OLD }))).outcome).toBe('rejected');
	});

	it('accepts the replaced secret only until the kept read is KEEP_MS old', async () => {
		const secret = { value: OLD };
		const { reads, contextFor } = triggerNode(secret);
		const judge = (context: IWebhookFunctions, now: number) =>
			judgeWithCredential(
				context,
				TYPE,
				(credential: ICredentialDataDecryptedObject) =>
					(context.getQueryData() as { secret?: string }).secret === credential.secret,
				(ok) => ok,
				now,
			);
		expect(await judge(contextFor({ secret: OLD }), 1_000)).toBe(true);
		secret.value = NEW;
		expect(await judge(contextFor({ secret: OLD }), 1_000 + KEEP_MS - 1)).toBe(true);
		expect(reads).toHaveBeenCalledTimes(1);
		expect(await judge(contextFor({ secret: OLD }), 1_000 + KEEP_MS)).toBe(false);
		expect(reads).toHaveBeenCalledTimes(2);
	});

	it('reads the credential for every forged callback and never accepts one', async () => {
		const { reads, contextFor } = triggerNode({ value: OLD });
		await authorise(contextFor({ secret: OLD }));
		for (let i = 0; i < 3; i++)
			expect((await authorise(contextFor({ secret: 'forged' }))).outcome).toBe('rejected');
		expect(reads).toHaveBeenCalledTimes(4);
	});

	it('keeps nothing for another node, even of the same workflow and credential', async () => {
		const { reads, contextFor } = triggerNode({ value: OLD });
		await authorise(contextFor({ secret: OLD }));
		const other = contextFor({ secret: OLD });
		other.getNode().id = 'another-trigger';
		await authorise(other);
		expect(reads).toHaveBeenCalledTimes(2);
	});

	it('keeps nothing when the read fails, and says the trigger is misconfigured', async () => {
		const { contextFor } = triggerNode({ value: OLD });
		const context = contextFor({ secret: OLD });
		const read = jest.fn().mockRejectedValue(new Error('Credentials not found'));
		(context as { getCredentials: unknown }).getCredentials = read;
		expect((await authorise(context)).outcome).toBe('misconfigured');
		expect((await authorise(context)).outcome).toBe('misconfigured');
		expect(read).toHaveBeenCalledTimes(2);
	});

	it('keeps the Cloud API app secret too, and still refuses a forged signature', async () => {
		const signature = DIALECTS.find((d) => d.id === 'whatsAppCloud')!.trigger.signature!;
		const appSecret = 'cloud-app-secret-0123';
		const rawBody = JSON.stringify(cloudApiEnvelope());
		const request = {
			rawBody,
			signature: 'sha256=' + createHmac('sha256', appSecret).update(rawBody).digest('hex'),
			credential: { appSecret, verifyToken: 'verify' },
		};
		const contextFor = (sign: string) => {
			const { context } = createWebhookContext({
				workflowId: 'cloud-cached',
				parameters: { provider: 'whatsAppCloud' },
				headers: { 'x-hub-signature-256': sign },
				rawBody: request.rawBody,
				credentials: { [signature.credentialType]: request.credential },
			});
			return context;
		};
		const reads = jest.fn();
		const counted = (context: IWebhookFunctions) => {
			const read = context.getCredentials.bind(context);
			(context as { getCredentials: unknown }).getCredentials = async (type: string) => {
				reads();
				return await read(type);
			};
			return context;
		};
		for (let i = 0; i < 3; i++)
			expect(
				await checkSignature(counted(contextFor(request.signature)), signature, request.rawBody),
			).toEqual({ outcome: 'accepted' });
		expect(reads).toHaveBeenCalledTimes(1);
		const forged = await checkSignature(
			counted(contextFor(`sha256=${'0'.repeat(64)}`)),
			signature,
			request.rawBody,
		);
		expect(forged.outcome).toBe('rejected');
		expect(reads).toHaveBeenCalledTimes(2);
	});
});
