/**
 * Mark as Read (Cloud API) against the mock provider: the request Meta's "Typing indicators" page
 * documents, with and without the typing indicator; problems of an item; Meta's errors; Continue On Fail.
 */
import type { IDataObject } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';
import { startMockProvider, type MockProvider } from '../mock-provider';

const node = new WhatsAppInteractive();
const TOKEN = 'test-cloud-token';
const PHONE_NUMBER_ID = '106540352242922';
const WAMID = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA';

let mock: MockProvider;
beforeAll(async () => {
	mock = await startMockProvider({ cloudToken: TOKEN });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

async function run(
	params: IDataObject | ((i: number) => IDataObject),
	extra: { items?: number; continueOnFail?: boolean; provider?: string; token?: string } = {},
) {
	const ctx = executeContext({
		params: (i) => ({
			provider: extra.provider ?? 'whatsAppCloud',
			operation: 'markAsRead',
			from: PHONE_NUMBER_ID,
			messageId: WAMID,
			...(typeof params === 'function' ? params(i) : params),
		}),
		items: extra.items,
		continueOnFail: extra.continueOnFail,
		credentials: {
			whatsAppCloudApi: {
				accessToken: extra.token ?? TOKEN,
				apiVersion: 'v24.0',
				baseUrl: `${mock.url}/cloud`,
			},
		},
	});
	const [items] = await node.execute.call(ctx);
	return { items, calls: ctx.calls };
}

async function failure(...args: Parameters<typeof run>) {
	try {
		await run(...args);
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('the request was accepted');
}

describe('Mark as Read', () => {
	it("posts Meta's read receipt to the phone number's messages, and outputs Meta's answer with the message ID", async () => {
		const { items } = await run({});
		const [request] = mock.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/cloud/v24.0/${PHONE_NUMBER_ID}/messages`);
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(request.body).toEqual({
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: WAMID,
		});
		expect(request.shapeErrors).toEqual([]);
		expect(items).toEqual([
			{
				json: {
					success: true,
					provider: 'whatsAppCloud',
					messageId: WAMID,
					typingIndicator: false,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('with Show Typing Indicator: typing_indicator { type: "text" }', async () => {
		const { items } = await run({ options: { typingIndicator: true } });
		expect(mock.requests[0].body).toEqual({
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: WAMID,
			typing_indicator: { type: 'text' },
		});
		expect(mock.requests[0].shapeErrors).toEqual([]);
		expect(items[0].json.typingIndicator).toBe(true);
	});

	it('an empty Message ID and a From that is a phone number are reported together, nothing sent', async () => {
		const error = await failure({ messageId: '', from: '+1 650 555 1234' });
		expect(error.message).toBe('The request has 2 problems [item 0]');
		expect(error.description).toMatch(
			/Sender \(From\) "\+1 650 555 1234" is not a phone number ID/,
		);
		expect(error.description).toMatch(/Message ID is empty/);
		expect(mock.requests).toHaveLength(0);
	});

	it("a refused token: Meta's message, and what to check", async () => {
		const error = await failure({}, { token: 'wrong-token-5678' });
		expect(error.message).toMatch(
			/^WhatsApp Cloud API answered HTTP 401: (\(#190\) )?Invalid OAuth access token/,
		);
		expect(error.description).toMatch(/refused the credentials/);
		expect(JSON.stringify(error)).not.toContain('wrong-token-5678');
	});

	it("an ID Meta does not know: Meta's message, and what Message ID must be", async () => {
		mock.enqueueFor('whatsAppCloud', {
			status: 400,
			body: { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 } },
		});
		const error = await failure({ messageId: 'wamid.unknown' });
		expect(error.message).toBe(
			'WhatsApp Cloud API answered HTTP 400: (#100) Invalid parameter (code 100)',
		);
		expect(error.description).toMatch(
			/^The provider's message above says what to change\. Message ID must be/,
		);
		expect(mock.requests).toHaveLength(1);
	});

	it('a rate limit is retried (a read receipt may be sent twice)', async () => {
		mock.enqueueFor('whatsAppCloud', { status: 503 });
		const { items } = await run({});
		expect(mock.requests).toHaveLength(2);
		expect(items[0].json.success).toBe(true);
	});

	it('Continue On Fail: one bad item among good ones, each item paired', async () => {
		const ids = [WAMID, '', `${WAMID}2`];
		const { items } = await run((i) => ({ messageId: ids[i] }), {
			items: 3,
			continueOnFail: true,
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.messageId).toBe(WAMID);
		expect(items[1].json.error).toMatch(/^Message ID is empty.*\[item 1\]$/);
		expect(items[2].json.messageId).toBe(`${WAMID}2`);
		expect(mock.requests).toHaveLength(2);
	});

	it('is refused for a provider without it (a workflow saved with it)', async () => {
		const error = await failure({}, { provider: 'sinchLatam' });
		expect(error.message).toBe('Sinch LATAM has no Mark as Read in this node [item 0]');
	});
});
