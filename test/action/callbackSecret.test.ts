/** Messangi callback URLs carry the trigger's webhook secret: items show it redacted, requests carry it. */
import { redactCallbackUrl } from '../../nodes/shared/dialects/envelope';
import { encodeMessangi } from '../../nodes/shared/dialects/messangi/encode';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';

const SECRET = 'k9Qe-0f3b-77aa-long-secret';
const HOOK = `https://n8n.example.com/webhook/abc/webhook?secret=${SECRET}`;

describe('redactCallbackUrl', () => {
	it('redacts secret-like query values and a Basic auth password, and nothing else', () => {
		expect(redactCallbackUrl(HOOK)).toBe(
			'https://n8n.example.com/webhook/abc/webhook?secret=REDACTED',
		);
		expect(redactCallbackUrl(`https://any:${SECRET}@n8n.example.com/webhook/abc/webhook`)).toBe(
			'https://any:REDACTED@n8n.example.com/webhook/abc/webhook',
		);
		expect(redactCallbackUrl('https://h.example/x?id=7&access_token=t&apiKey=k#frag')).toBe(
			'https://h.example/x?id=7&access_token=REDACTED&apiKey=REDACTED#frag',
		);
		expect(redactCallbackUrl('Https://h.example/x?v=1&size=large')).toBe(
			'Https://h.example/x?v=1&size=large',
		);
	});
});

describe('Build Payload with Messangi callback URLs', () => {
	it('shows the callback URLs with the secret redacted; the encoded request keeps it', async () => {
		const params = {
			operation: 'buildPayload',
			provider: 'messangi',
			to: '5519900001111',
			from: '15550001111',
			defineMessage: 'fields',
			messageType: 'buttons',
			bodyText: 'Keep the appointment?',
			buttons: { button: [{ id: 'yes', title: 'Yes' }] },
			options: { callbackUrls: HOOK },
		};
		const ctx = executeContext({ params: () => params, items: 1 });
		const [[item]] = await new WhatsAppInteractive().execute.call(ctx);
		expect(JSON.stringify(item.json)).not.toContain(SECRET);
		expect((item.json.body as { callbacks: string[] }).callbacks).toEqual([
			'https://n8n.example.com/webhook/abc/webhook?secret=REDACTED',
		]);
		// What Send posts to Messangi is the encoded request, with the real URL.
		const encoded = encodeMessangi(
			{ type: 'buttons', body: 'Hi', buttons: [{ id: 'yes', title: 'Yes' }] } as never,
			{ to: '5519900001111', from: '15550001111', options: { callbackUrls: HOOK } } as never,
		);
		expect(encoded.request?.body.callbacks).toEqual([HOOK]);
	});
});
