/**
 * Download Media against the mock provider: the Cloud API's media ids (Graph's description, then
 * the bytes with the same token), Sinch LATAM's and Messangi's URLs (the credential only on the
 * provider's host), the size cap before and while downloading, expired ids, refused tokens, pages
 * that are no media, and Continue On Fail.
 */
import { createHash } from 'crypto';
import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
} from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { DIALECTS } from '../../nodes/shared/dialects';
import { executeContext } from '../helpers/executeContext';
import {
	EXPIRED_MEDIA_IDS,
	MOCK_MEDIA,
	startMockProvider,
	type MockProvider,
} from '../mock-provider';

const node = new WhatsAppInteractive();
const TOKEN = 'test-cloud-token';
const SINCH_TOKEN = 'test-token';
const MESSANGI_KEY = 'test-messangi-key';

let mock: MockProvider;
beforeAll(async () => {
	mock = await startMockProvider({ cloudToken: TOKEN });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

/** The mock on another host name: "someone else's server" for the provider's credential. */
const foreign = () => mock.url.replace('127.0.0.1', 'localhost');

const credentialsFor = (provider: string): Record<string, ICredentialDataDecryptedObject> => {
	if (provider === 'whatsAppCloud')
		return {
			whatsAppCloudApi: { accessToken: TOKEN, apiVersion: 'v24.0', baseUrl: `${mock.url}/cloud` },
		};
	if (provider === 'sinchLatam')
		return {
			sinchLatamApi: {
				userName: 'test-user',
				authenticationToken: SINCH_TOKEN,
				baseUrl: `${mock.url}/sinch`,
			},
		};
	return { messangiApi: { apiKey: MESSANGI_KEY, baseUrl: `${mock.url}/messangi` } };
};

interface RunOptions {
	provider?: string;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	params?: IDataObject | ((i: number) => IDataObject);
}

async function run(options: RunOptions) {
	const provider = options.provider ?? 'whatsAppCloud';
	const params = options.params ?? {};
	const ctx = executeContext({
		params: (i) => ({
			provider,
			operation: 'downloadMedia',
			binaryPropertyName: 'data',
			...(typeof params === 'function' ? params(i) : params),
		}),
		inputItems: options.items ?? [{ json: { index: 0 } }],
		credentials: options.credentials ?? credentialsFor(provider),
		continueOnFail: options.continueOnFail,
	});
	const [items] = await node.execute.call(ctx);
	return { items, calls: ctx.calls };
}

async function failure(
	options: RunOptions,
): Promise<Error & { description?: string; httpCode?: string }> {
	try {
		await run(options);
	} catch (error) {
		return error as Error & { description?: string; httpCode?: string };
	}
	throw new Error('the download succeeded');
}

const bytesOf = (binary: IBinaryData | undefined) => Buffer.from(binary?.data ?? '', 'base64');

/** An item as the trigger outputs an inbound media message. */
const triggerItem = (media: IDataObject, extra: IDataObject = {}): INodeExecutionData => ({
	json: {
		provider: 'whatsAppCloud',
		event: 'message',
		messageId: 'wamid.X',
		message: { type: 'image', media },
		...extra,
	},
});

describe('Cloud API: a media id', () => {
	it('looks the id up with the token, downloads the URL with the same token, byte for byte', async () => {
		const image = MOCK_MEDIA.image;
		const { items, calls } = await run({
			params: { media: image.id },
			items: [
				triggerItem({ id: image.id, mimeType: 'image/jpeg', sha256: image.sha256 }, { keep: 'me' }),
			],
		});
		expect(items).toHaveLength(1);
		const [item] = items;
		expect(bytesOf(item.binary?.data).equals(image.bytes)).toBe(true);
		expect(item.binary?.data.mimeType).toBe('image/jpeg');
		expect(item.binary?.data.fileName).toBe(`${image.id}.jpg`);
		expect(item.pairedItem).toEqual({ item: 0 });
		// The item's JSON is kept, with the summary beside it.
		expect(item.json.keep).toBe('me');
		expect(item.json.downloadedMedia).toEqual({
			provider: 'whatsAppCloud',
			mediaId: image.id,
			fileName: `${image.id}.jpg`,
			mimeType: 'image/jpeg',
			fileSize: image.bytes.length,
			sha256: image.sha256,
			sha256Verified: true,
			binaryProperty: 'data',
		});
		expect(calls.map((c) => [c.method, new URL(c.url).pathname])).toEqual([
			['GET', `/cloud/v24.0/${image.id}`],
			['GET', `/cloud/media/${image.id}`],
		]);
		for (const call of calls) expect(call.headers.Authorization).toBe(`Bearer ${TOKEN}`);
		expect(JSON.stringify(items)).not.toContain(TOKEN);
	});

	it("names the file from the trigger's document name, else from the download's Content-Disposition; File Name wins over both", async () => {
		const doc = MOCK_MEDIA.document;
		const fromDisposition = await run({ params: { media: doc.id } });
		expect(fromDisposition.items[0].binary?.data.fileName).toBe('invoice.pdf');
		expect(fromDisposition.items[0].binary?.data.mimeType).toBe('application/pdf');

		const fromTrigger = await run({
			params: { media: doc.id },
			items: [triggerItem({ id: doc.id, fileName: 'Factura marzo.pdf' })],
		});
		expect(fromTrigger.items[0].binary?.data.fileName).toBe('Factura marzo.pdf');

		const named = await run({
			params: { media: doc.id, options: { fileName: 'mine.pdf' } },
			items: [triggerItem({ id: doc.id, fileName: 'Factura marzo.pdf' })],
		});
		expect(named.items[0].binary?.data.fileName).toBe('mine.pdf');
		expect(bytesOf(named.items[0].binary?.data).equals(doc.bytes)).toBe(true);
	});

	it('keeps the MIME type Meta states, parameters included (voice notes)', async () => {
		const { items } = await run({ params: { media: MOCK_MEDIA.audio.id } });
		expect(items[0].binary?.data.mimeType).toBe('audio/ogg; codecs=opus');
		expect(items[0].binary?.data.fileName).toBe(`${MOCK_MEDIA.audio.id}.ogg`);
	});

	it('puts the file in the named binary field and keeps the binary fields the item had', async () => {
		const previous = { data: 'AAAA', mimeType: 'text/plain' } as IBinaryData;
		const { items } = await run({
			params: { media: MOCK_MEDIA.image.id, binaryPropertyName: 'photo' },
			items: [{ json: {}, binary: { data: previous } }],
		});
		expect(items[0].binary?.data).toEqual(previous);
		expect(bytesOf(items[0].binary?.photo).equals(MOCK_MEDIA.image.bytes)).toBe(true);
		expect((items[0].json.downloadedMedia as IDataObject).binaryProperty).toBe('photo');
	});

	it("accepts the trigger's whole media object as Media", async () => {
		const { items } = await run({
			params: { media: { id: MOCK_MEDIA.image.id, url: null, mimeType: 'image/jpeg' } },
		});
		expect(bytesOf(items[0].binary?.data).equals(MOCK_MEDIA.image.bytes)).toBe(true);
	});

	it('reports a SHA-256 that differs from the one Meta gave, without failing', async () => {
		const { items } = await run({ params: { media: MOCK_MEDIA.damaged.id } });
		const summary = items[0].json.downloadedMedia as IDataObject;
		expect(summary.sha256Verified).toBe(false);
		expect(summary.sha256).toBe(MOCK_MEDIA.damaged.sha256);
		expect(summary.warning).toMatch(/SHA-256 differs/);
	});

	it('refuses a file whose stated size is over Max Size before downloading it', async () => {
		const error = await failure({
			params: { media: MOCK_MEDIA.huge.id, options: { maxSizeMb: 16 } },
		});
		expect(error.message).toBe(
			'The media is 200.0 MB, more than Max Size (16 MB); it was not downloaded [item 0]',
		);
		expect(error.description).toMatch(/Raise Max Size/);
		expect(mock.requests.map((r) => r.path)).toEqual([`/cloud/v24.0/${MOCK_MEDIA.huge.id}`]);
	});

	it('stops a download whose size nobody stated once its bytes cross Max Size', async () => {
		const error = await failure({
			params: { media: MOCK_MEDIA.unannounced.id, options: { maxSizeMb: 2 } },
		});
		expect(error.message).toMatch(
			/^The media is larger than Max Size \(2 MB\): the download stopped after 2\.\d MB \[item 0\]$/,
		);
		// The same file under a cap it fits.
		const { items } = await run({
			params: { media: MOCK_MEDIA.unannounced.id, options: { maxSizeMb: 3 } },
		});
		expect(bytesOf(items[0].binary?.data).equals(MOCK_MEDIA.unannounced.bytes)).toBe(true);
		expect((items[0].json.downloadedMedia as IDataObject).sha256Verified).toBe(true);
	});

	it.each([
		['404', EXPIRED_MEDIA_IDS.notFound],
		['400 with error 100/33', EXPIRED_MEDIA_IDS.badRequest],
	])('an expired id (%s) says that Meta no longer has the media', async (_name, id) => {
		const error = await failure({ params: { media: id } });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toMatch(
			new RegExp(
				`^Media ${id} is no longer available at WhatsApp Cloud API \\(HTTP 40[04]\\): Unsupported get request\\. Object with ID '${id}' does not exist`,
			),
		);
		expect(error.message).toMatch(/\(code 100, subcode 33, fbtrace_id mock-trace\) \[item 0\]$/);
		expect(error.description).toMatch(
			/no longer on Meta's servers: ids from webhooks expire after 7 days/,
		);
	});

	it("a refused token is a NodeApiError with Meta's message and what to check, the token not in it", async () => {
		const error = await failure({
			params: { media: MOCK_MEDIA.image.id },
			credentials: {
				whatsAppCloudApi: {
					accessToken: 'wrong-token-1234',
					apiVersion: 'v24.0',
					baseUrl: `${mock.url}/cloud`,
				},
			},
		});
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toMatch(
			/^WhatsApp Cloud API answered HTTP 401: Invalid OAuth access token/,
		);
		expect(error.description).toMatch(/refused the credentials/);
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-token-1234');
	});

	it('needs a credential for an id, and says which', async () => {
		const error = await failure({ params: { media: MOCK_MEDIA.image.id }, credentials: {} });
		expect(error.message).toBe('No WhatsApp Cloud API credential is chosen [item 0]');
	});

	it('an empty Media says what the item has and what to give', async () => {
		const error = await failure({
			params: { media: '' },
			items: [{ json: { message: { type: 'text' } } }],
		});
		expect(error.message).toBe('Media is empty [item 0]');
		expect(error.description).toMatch(/media ID of the inbound message/);
		expect(error.description).toMatch(/a message of type text without media/);
	});
});

describe('a media URL', () => {
	it("Sinch LATAM: a URL on the provider's host gets its user and token", async () => {
		const image = MOCK_MEDIA.image;
		const url = `${mock.url}/sinch/media/${image.name}`;
		const { items, calls } = await run({
			provider: 'sinchLatam',
			params: { media: url },
			items: [{ json: { message: { type: 'IMAGE', media: { url, mimeType: 'image/jpeg' } } } }],
		});
		expect(bytesOf(items[0].binary?.data).equals(image.bytes)).toBe(true);
		expect(items[0].binary?.data.fileName).toBe('photo.jpg');
		expect(calls).toHaveLength(1);
		expect(calls[0].credentialType).toBe('sinchLatamApi');
		expect(calls[0].headers).toMatchObject({
			UserName: 'test-user',
			AuthenticationToken: SINCH_TOKEN,
		});
		expect((items[0].json.downloadedMedia as IDataObject).sha256Verified).toBeNull();
	});

	it.each([
		['sinchLatam', ['UserName', 'AuthenticationToken']],
		['messangi', ['Authorization']],
	])('%s: a URL on another host is fetched without the credential', async (provider, names) => {
		const url = `${foreign()}/files/${MOCK_MEDIA.document.name}`;
		const { items, calls } = await run({ provider, params: { media: url } });
		expect(bytesOf(items[0].binary?.data).equals(MOCK_MEDIA.document.bytes)).toBe(true);
		expect(calls[0].credentialType).toBe('');
		for (const name of names) expect(calls[0].headers).not.toHaveProperty(name);
		const recorded = mock.requests.find((r) => r.path.startsWith('/files/'));
		expect(recorded?.headers.authorization).toBeUndefined();
		expect(recorded?.headers.authenticationtoken).toBeUndefined();
	});

	it("Messangi: a URL on the Base URL's host gets the API key", async () => {
		const url = `${mock.url}/messangi/media/${MOCK_MEDIA.audio.name}`;
		const { items, calls } = await run({ provider: 'messangi', params: { media: url } });
		expect(bytesOf(items[0].binary?.data).equals(MOCK_MEDIA.audio.bytes)).toBe(true);
		expect(calls[0].headers.Authorization).toBe(`Bearer ${MESSANGI_KEY}`);
	});

	it('works without a credential for a URL that needs none', async () => {
		const url = `${foreign()}/files/${MOCK_MEDIA.image.name}`;
		const { items } = await run({
			provider: 'sinchLatam',
			params: { media: url },
			credentials: {},
		});
		expect(bytesOf(items[0].binary?.data).equals(MOCK_MEDIA.image.bytes)).toBe(true);
	});

	it("follows a redirect, without the credential once it leaves the provider's host", async () => {
		const target = `${foreign()}/files/${MOCK_MEDIA.image.name}`;
		const { items, calls } = await run({
			provider: 'sinchLatam',
			params: { media: `${mock.url}/files/redirect?to=${encodeURIComponent(target)}` },
		});
		expect(bytesOf(items[0].binary?.data).equals(MOCK_MEDIA.image.bytes)).toBe(true);
		expect(calls.map((c) => [c.credentialType, c.url])).toEqual([
			['sinchLatamApi', `${mock.url}/files/redirect?to=${encodeURIComponent(target)}`],
			['', target],
		]);
		const [first, second] = mock.requests;
		expect(first.headers.authenticationtoken).toBe(SINCH_TOKEN);
		expect(second.headers.authenticationtoken).toBeUndefined();
		expect(second.headers.username).toBeUndefined();
	});

	it("Cloud API: Meta's token never goes to a URL on another host", async () => {
		const url = `${foreign()}/files/${MOCK_MEDIA.image.name}`;
		const { items, calls } = await run({ params: { media: url } });
		expect(bytesOf(items[0].binary?.data).equals(MOCK_MEDIA.image.bytes)).toBe(true);
		expect(calls[0].headers.Authorization).toBeUndefined();
		expect(mock.requests[0].headers.authorization).toBeUndefined();
	});

	it('Cloud API: an expired media URL says to give the media ID', async () => {
		const error = await failure({
			params: { media: `${mock.url}/cloud/media/${EXPIRED_MEDIA_IDS.notFound}` },
		});
		expect(error.message).toMatch(/answered HTTP 404/);
		expect(error.description).toMatch(/valid for 5 minutes only\. Give the media ID instead/);
	});

	it('refuses a web page: not a media file', async () => {
		const error = await failure({
			provider: 'sinchLatam',
			params: { media: `${foreign()}/files/page.html` },
		});
		expect(error.message).toBe(
			'The address answered with a web page (text/html), not a media file [item 0]',
		);
	});

	it("a missing file is the server's HTTP status, with what to do", async () => {
		const error = await failure({
			provider: 'sinchLatam',
			params: { media: `${foreign()}/files/gone.jpg` },
		});
		expect(error.message).toMatch(
			/^Downloading the media failed: localhost:\d+ answered HTTP 404: Not found \[item 0\]$/,
		);
		expect(error.description).toMatch(/URL may have expired/);
	});

	it('Sinch LATAM and Messangi take no media id', async () => {
		const error = await failure({ provider: 'sinchLatam', params: { media: '1000000001' } });
		expect(error.message).toBe('Media "1000000001" is not a URL [item 0]');
		expect(error.description).toMatch(/download URL \(the trigger's message\.media\.url\)/);
	});

	it('the size cap applies to a URL too (Content-Length, before reading the body)', async () => {
		const url = `${foreign()}/files/${MOCK_MEDIA.document.name}`;
		const error = await failure({
			provider: 'messangi',
			params: { media: url, options: { maxSizeMb: 0.05 } },
		});
		expect(error.message).toBe(
			'The media is 0.07 MB, more than Max Size (0.05 MB); it was not downloaded [item 0]',
		);
	});
});

describe('Continue On Fail', () => {
	it('one bad item among good ones: every item yields an output item or an error item, each paired', async () => {
		const ids = [MOCK_MEDIA.image.id, EXPIRED_MEDIA_IDS.notFound, MOCK_MEDIA.audio.id, ''];
		const { items } = await run({
			continueOnFail: true,
			params: (i) => ({ media: ids[i] }),
			items: ids.map((_, i) => ({ json: { index: i } })),
		});
		expect(items).toHaveLength(4);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(bytesOf(items[0].binary?.data).equals(MOCK_MEDIA.image.bytes)).toBe(true);
		expect(items[1].json.error).toMatch(/is no longer available/);
		expect(items[1].binary).toBeUndefined();
		expect(bytesOf(items[2].binary?.data).equals(MOCK_MEDIA.audio.bytes)).toBe(true);
		expect(items[3].json.error).toBe('Media is empty [item 3]');
	});

	it('without it, the first bad item fails the run with its index', async () => {
		const ids = [MOCK_MEDIA.image.id, EXPIRED_MEDIA_IDS.notFound];
		const error = await failure({
			params: (i) => ({ media: ids[i] }),
			items: ids.map((_, i) => ({ json: { index: i } })),
		});
		expect(error.message).toMatch(/\[item 1\]$/);
	});
});

describe('the Media field reads the trigger item by default', () => {
	const description = new WhatsAppInteractive().description;
	const defaults = Object.fromEntries(
		description.properties
			.filter((p) => p.name === 'media')
			.map((p) => [JSON.stringify(p.displayOptions), String(p.default)]),
	);
	/** n8n evaluates `={{ … }}` as JavaScript with `$json` the item's JSON. */
	const evaluate = (expression: string, json: IDataObject) =>
		new Function('$json', `return (${/^=\{\{(.*)\}\}$/s.exec(expression)![1]});`)(json) as unknown;

	it('Cloud API: the id, else the URL; Sinch LATAM and Messangi: the URL; nothing without media', () => {
		const values = Object.values(defaults);
		expect(values).toHaveLength(3);
		const cloud = values.find((v) => v.includes('.id'))!;
		const url = values.find((v) => !v.includes('.id'))!;
		const withId = { message: { media: { id: '42', url: null } } };
		const withUrl = { message: { media: { id: null, url: 'https://x/y.jpg' } } };
		expect(evaluate(cloud, withId)).toBe('42');
		expect(evaluate(cloud, withUrl)).toBe('https://x/y.jpg');
		expect(evaluate(url, withUrl)).toBe('https://x/y.jpg');
		expect(evaluate(cloud, { message: { type: 'text' } })).toBeUndefined();
		expect(evaluate(url, {})).toBeUndefined();
	});
});

describe('hashes', () => {
	it('the summary is the SHA-256 of the bytes in hex', async () => {
		const { items } = await run({ params: { media: MOCK_MEDIA.image.id } });
		const hex = createHash('sha256').update(bytesOf(items[0].binary?.data)).digest('hex');
		expect((items[0].json.downloadedMedia as IDataObject).sha256).toBe(hex);
	});

	it("Meta's base64 form (as in webhooks) is compared too", async () => {
		const base64 = Buffer.from(MOCK_MEDIA.image.sha256, 'hex').toString('base64');
		const url = `${foreign()}/files/${MOCK_MEDIA.image.name}`;
		const { items } = await run({
			params: { media: url },
			items: [triggerItem({ id: null, url, sha256: base64 })],
		});
		expect((items[0].json.downloadedMedia as IDataObject).sha256Verified).toBe(true);
	});
});

describe('secrets', () => {
	const carried = (error: Error & { description?: string }) =>
		JSON.stringify({ ...error, message: error.message, description: error.description });

	it('a download whose server echoes the credential back: the token is in neither the error nor the output', async () => {
		mock.enqueueFor('sinchLatam', {
			status: 403,
			body: { errorMessage: `Token ${SINCH_TOKEN} may not read this` },
		});
		const url = `${mock.url}/sinch/media/${MOCK_MEDIA.image.name}`;
		const error = await failure({ provider: 'sinchLatam', params: { media: url } });
		expect(error.message).toMatch(/answered HTTP 403: Token \[redacted\] may not read this/);
		expect(carried(error)).not.toContain(SINCH_TOKEN);

		mock.enqueueFor('sinchLatam', {
			status: 403,
			body: { errorMessage: `Token ${SINCH_TOKEN} may not read this` },
		});
		const { items } = await run({
			provider: 'sinchLatam',
			params: { media: url },
			continueOnFail: true,
		});
		expect(JSON.stringify(items)).not.toContain(SINCH_TOKEN);
	});

	it('a media lookup whose answer echoes the token: redacted in the error', async () => {
		mock.enqueueFor('whatsAppCloud', {
			status: 400,
			body: { error: { message: `Bad token ${TOKEN}`, code: 100 } },
		});
		const error = await failure({ params: { media: MOCK_MEDIA.image.id } });
		expect(error.message).toMatch(/Bad token \[redacted\]/);
		expect(carried(error)).not.toContain(TOKEN);
	});
});

describe('where the credential may go (Dialect.media.authenticatedOrigins)', () => {
	const originsOf = (provider: string, baseUrl?: string) =>
		DIALECTS.find((d) => d.id === provider)!.media!.authenticatedOrigins(
			baseUrl === undefined ? {} : { baseUrl },
		);

	it("the origin of the credential's Base URL (scheme, host and port), and Meta's media host for the Cloud API", () => {
		expect(originsOf('sinchLatam', 'https://api-messaging.wavy.global/')).toEqual([
			'https://api-messaging.wavy.global',
		]);
		expect(originsOf('sinchLatam')).toEqual(['https://api-messaging.wavy.global']);
		expect(originsOf('messangi')).toEqual(['https://elastic.messangi.me']);
		expect(originsOf('whatsAppCloud')).toEqual([
			'https://lookaside.fbsbx.com',
			'https://graph.facebook.com',
		]);
		// Plain http on the provider's host is another origin: no credential over it.
		expect(originsOf('sinchLatam')).not.toContain('http://api-messaging.wavy.global');
	});
});
