import * as crypto from 'crypto';

jest.mock('crypto', () => {
	const actual = jest.requireActual<typeof import('crypto')>('crypto');
	return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});
import { checkWebhookSecretCredential } from '../../nodes/shared/trigger/credentialTest';
import {
	checkSecret,
	places,
	presentedSecrets,
	readSecretSettings,
	type SecretSettings,
} from '../../nodes/shared/trigger/secret';

const SECRET = 's3cr3t-0123456789-abcdef';
const settings: SecretSettings = {
	secret: SECRET,
	headerName: 'X-Webhook-Secret',
	queryParameterName: 'secret',
	basicAuth: true,
};

function basic(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('checkSecret', () => {
	it.each([
		['the header (any case of its name)', { headers: { 'x-webhook-secret': SECRET }, query: {} }],
		['the query parameter', { headers: {}, query: { secret: SECRET } }],
		['a repeated query parameter', { headers: {}, query: { secret: ['nope', SECRET] } }],
		[
			'the Basic auth password, any user',
			{ headers: { authorization: basic('sinch', SECRET) }, query: {} },
		],
	])('accepts the secret in %s', (_where, request) => {
		expect(checkSecret(request, settings)).toBe('accepted');
	});

	it('takes everything after the first colon of Basic auth as the password', () => {
		const withColons = { ...settings, secret: 'a:b:c-0123456789' };
		expect(
			checkSecret(
				{ headers: { authorization: basic('user', 'a:b:c-0123456789') }, query: {} },
				withColons,
			),
		).toBe('accepted');
	});

	it.each([
		['header', { headers: { 'x-webhook-secret': 'wrong' }, query: {} }],
		['query', { headers: {}, query: { secret: `${SECRET}x` } }],
		['Basic auth', { headers: { authorization: basic('sinch', 'wrong') }, query: {} }],
		['prefix of the secret', { headers: {}, query: { secret: SECRET.slice(0, -1) } }],
	])('calls a wrong secret in the %s wrong', (_where, request) => {
		expect(checkSecret(request, settings)).toBe('wrong');
	});

	it('calls a request without any secret missing', () => {
		expect(checkSecret({ headers: {}, query: {} }, settings)).toBe('missing');
		expect(
			checkSecret({ headers: { 'x-webhook-secret': '' }, query: { secret: '' } }, settings),
		).toBe('missing');
		expect(checkSecret({ headers: { authorization: 'Bearer abc' }, query: {} }, settings)).toBe(
			'missing',
		);
	});

	it('ignores places the credential does not allow', () => {
		const queryOnly = { ...settings, headerName: '', basicAuth: false };
		expect(checkSecret({ headers: { 'x-webhook-secret': SECRET }, query: {} }, queryOnly)).toBe(
			'missing',
		);
		expect(
			checkSecret({ headers: { authorization: basic('a', SECRET) }, query: {} }, queryOnly),
		).toBe('missing');
		expect(checkSecret({ headers: {}, query: { secret: SECRET } }, queryOnly)).toBe('accepted');
		const custom = { ...settings, headerName: 'X-Sinch-Token', queryParameterName: 'token' };
		expect(checkSecret({ headers: { 'x-sinch-token': SECRET }, query: {} }, custom)).toBe(
			'accepted',
		);
		expect(checkSecret({ headers: {}, query: { secret: SECRET } }, custom)).toBe('missing');
	});

	it('accepts when any presented value matches, comparing each in constant time', () => {
		const spy = crypto.timingSafeEqual as unknown as jest.Mock;
		spy.mockClear();
		const request = {
			headers: { 'x-webhook-secret': 'wrong', authorization: basic('x', 'also wrong') },
			query: { secret: SECRET },
		};
		expect(presentedSecrets(request, settings)).toEqual(['wrong', SECRET, 'also wrong']);
		expect(checkSecret(request, settings)).toBe('accepted');
		// Every candidate is compared, as equal-length digests, whichever one matches.
		expect(spy).toHaveBeenCalledTimes(3);
		for (const [a, b] of spy.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
	});
});

describe('readSecretSettings', () => {
	it('reads the credential fields, trimming names', () => {
		expect(
			readSecretSettings({
				secret: SECRET,
				headerName: ' X-A ',
				queryParameterName: 'q',
				basicAuth: false,
			}),
		).toEqual({
			settings: { secret: SECRET, headerName: 'X-A', queryParameterName: 'q', basicAuth: false },
		});
	});

	it('refuses an empty secret and a secret accepted nowhere, saying how to fix it', () => {
		expect(
			readSecretSettings({ secret: '', headerName: 'X', queryParameterName: 'q', basicAuth: true }),
		).toEqual({
			problem: expect.stringMatching(/empty secret; enter a long random value/),
		});
		expect(
			readSecretSettings({
				secret: SECRET,
				headerName: '',
				queryParameterName: '',
				basicAuth: false,
			}),
		).toEqual({
			problem: expect.stringMatching(/accepts the secret nowhere; fill in a header name/),
		});
	});

	it('refuses a secret shorter than 16 characters, counting characters rather than bytes', () => {
		const base = { headerName: 'X', queryParameterName: 'q', basicAuth: true };
		expect(readSecretSettings({ ...base, secret: 'x'.repeat(15) })).toEqual({
			problem: expect.stringMatching(/has 15 characters; use at least 16/),
		});
		expect(readSecretSettings({ ...base, secret: '🔑'.repeat(16) })).toHaveProperty('settings');
		expect(readSecretSettings({ ...base, secret: 'x'.repeat(16) })).toHaveProperty('settings');
	});

	it('names the accepted places in words', () => {
		expect(places(settings)).toBe(
			'the "secret" query parameter, the "X-Webhook-Secret" header or the HTTP Basic auth password',
		);
		expect(places({ ...settings, headerName: '', basicAuth: false })).toBe(
			'the "secret" query parameter',
		);
	});
});

describe('the credential test', () => {
	it('passes a long secret and says where it is accepted', () => {
		expect(checkWebhookSecretCredential({ ...settings })).toEqual({
			status: 'OK',
			message: expect.stringContaining('the "secret" query parameter'),
		});
	});

	it('fails a short secret, counting characters rather than bytes', () => {
		const result = checkWebhookSecretCredential({
			...settings,
			secret: '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑',
		});
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/secret has 15 characters; use at least 16/),
		});
	});

	it('fails a credential that cannot work', () => {
		expect(checkWebhookSecretCredential({ ...settings, secret: '' }).status).toBe('Error');
	});
});
