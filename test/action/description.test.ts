/**
 * What the editor shows: n8n's own display logic (NodeHelpers.getNodeParameters, as the editor
 * uses it) applied to the node description, for each provider and message type.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NodeHelpers, type INodeParameters, type INodeProperties } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { WhatsAppInteractiveTrigger } from '../../nodes/WhatsAppInteractiveTrigger/WhatsAppInteractiveTrigger.node';
import { DIALECTS } from '../../nodes/shared/dialects';
import { MessangiApi } from '../../credentials/MessangiApi.credentials';
import { SinchLatamApi } from '../../credentials/SinchLatamApi.credentials';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { shownOptions, visibleParameters } from '../helpers/display';

const description = new WhatsAppInteractive().description;

const visible = (values: INodeParameters) => visibleParameters(description, values);

const headerOptions = (values: INodeParameters) => shownOptions(description, 'headerType', values);

describe('node description', () => {
	it('keeps the public parameter names', () => {
		const names = new Set(description.properties.map((p: INodeProperties) => p.name));
		for (const name of [
			'provider',
			'operation',
			'to',
			'from',
			'defineMessage',
			'messageJson',
			'messageType',
			'headerType',
			'headerText',
			'headerMediaUrl',
			'bodyText',
			'footerText',
			'buttons',
			'listButtonText',
			'rows',
			'options',
		]) {
			expect(names).toContain(name);
		}
		expect(description.name).toBe('whatsAppInteractive');
		expect(description.usableAsTool).toBe(true);
	});

	it('Messangi buttons: sender, media headers but no location, buttons and Messangi options', () => {
		const values = { provider: 'messangi', messageType: 'buttons' };
		const shown = visible(values);
		expect(shown).toEqual(
			expect.arrayContaining(['to', 'from', 'headerType', 'bodyText', 'footerText', 'buttons']),
		);
		expect(shown).not.toContain('rows');
		expect(shown).not.toContain('listButtonText');
		expect(headerOptions(values)).toEqual(['none', 'text', 'image', 'video', 'document']);
		const options = description.properties.find(
			(p) =>
				p.name === 'options' &&
				NodeHelpers.displayParameter(values, p, { typeVersion: 1 }, description),
		);
		const optionNames = (options!.options as INodeProperties[]).map((o) => o.name);
		expect(optionNames).toEqual(
			expect.arrayContaining([
				'externalId',
				'clientId',
				'callbackUrls',
				'templateMessage',
				'concurrency',
				'maxRetries',
			]),
		);
		expect(optionNames).not.toContain('correlationId');
	});

	it('Sinch buttons: no sender, location header allowed, Sinch options', () => {
		const values = { provider: 'sinchLatam', messageType: 'buttons' };
		expect(visible(values)).not.toContain('from');
		expect(headerOptions(values)).toEqual([
			'none',
			'text',
			'image',
			'video',
			'document',
			'location',
		]);
		const options = description.properties.find(
			(p) =>
				p.name === 'options' &&
				NodeHelpers.displayParameter(values, p, { typeVersion: 1 }, description),
		);
		const optionNames = (options!.options as INodeProperties[]).map((o) => o.name);
		expect(optionNames).toEqual(
			expect.arrayContaining([
				'correlationId',
				'alternativeText',
				'broadcastBatching',
				'batchSize',
			]),
		);
		expect(optionNames).not.toContain('externalId');
	});

	it.each(['messangi', 'sinchLatam'])(
		'%s lists: text header only, rows and list button label',
		(provider) => {
			const values = { provider, messageType: 'list' };
			expect(headerOptions(values)).toEqual(['none', 'text']);
			expect(visible(values)).toEqual(expect.arrayContaining(['rows', 'listButtonText']));
			expect(visible(values)).not.toContain('buttons');
		},
	);

	it('location fields show for a Sinch location header only', () => {
		expect(
			visible({ provider: 'sinchLatam', messageType: 'buttons', headerType: 'location' }),
		).toEqual(
			expect.arrayContaining([
				'headerLatitude',
				'headerLongitude',
				'headerLocationName',
				'headerLocationAddress',
			]),
		);
		expect(
			visible({ provider: 'sinchLatam', messageType: 'buttons', headerType: 'image' }),
		).toEqual(expect.arrayContaining(['headerMediaUrl', 'headerMediaType']));
		expect(
			visible({ provider: 'messangi', messageType: 'buttons', headerType: 'image' }),
		).not.toContain('headerMediaType');
	});

	it('JSON mode hides the message fields', () => {
		const shown = visible({ provider: 'messangi', defineMessage: 'json' });
		expect(shown).toContain('messageJson');
		for (const name of ['messageType', 'bodyText', 'buttons', 'rows', 'headerType'])
			expect(shown).not.toContain(name);
	});

	it('no credential rule is written with `show`, so n8n\'s editor does not take Provider for the "main auth field" and hide it', () => {
		// editor-ui nodeTypesUtils getNodeAuthFields/findAlternativeAuthField read `displayOptions.show` only.
		for (const c of description.credentials!)
			expect({ name: c.name, show: c.displayOptions?.show }).toEqual({
				name: c.name,
				show: undefined,
			});
	});

	it('rules on a default value are written as `hide`, so the editor resets a Header Type the new state does not offer', () => {
		// The editor checks the variants against the non-default parameters only (removeMismatchedOptionValues).
		const defaults = { defineMessage: 'fields', messageType: 'buttons', provider: 'messangi' };
		for (const p of description.properties.filter((x) => x.type === 'options')) {
			for (const [name, values] of Object.entries(p.displayOptions?.show ?? {})) {
				const d = defaults[name as keyof typeof defaults];
				if (d)
					expect({ parameter: p.name, name, values }).toEqual({
						parameter: p.name,
						name,
						values: expect.not.arrayContaining([d]),
					});
			}
		}
	});

	it('Latitude and Longitude have no 0 default; Media Type offers only what Sinch takes for that header', () => {
		for (const name of ['headerLatitude', 'headerLongitude']) {
			const p = description.properties.find((x) => x.name === name)!;
			expect({ name, default: p.default, required: p.required }).toEqual({
				name,
				default: '',
				required: true,
			});
		}
		const mediaTypes = (headerType: string) =>
			description.properties
				.filter(
					(p) =>
						p.name === 'headerMediaType' &&
						NodeHelpers.displayParameter(
							{ provider: 'sinchLatam', headerType },
							p,
							{ typeVersion: 1 },
							description,
						),
				)
				.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => o.value));
		expect(mediaTypes('image')).toEqual(['', 'JPG', 'JPEG', 'PNG']);
		expect(mediaTypes('video')).toEqual(['', 'MP4']);
		expect(mediaTypes('document')).toEqual(['', 'PDF']);
	});

	it("each provider's credential is offered for its provider in every operation, optional (Build Payload works without one)", () => {
		const creds = description.credentials!;
		const shownFor = (values: INodeParameters) =>
			creds
				.filter((c) => NodeHelpers.displayParameter(values, c, { typeVersion: 1 }, description))
				.map((c) => c.name);
		expect(shownFor({ provider: 'messangi', operation: 'send' })).toEqual(['messangiApi']);
		expect(shownFor({ provider: 'sinchLatam', operation: 'send' })).toEqual(['sinchLatamApi']);
		expect(shownFor({ provider: 'sinchLatam', operation: 'buildPayload' })).toEqual([
			'sinchLatamApi',
		]);
		expect(shownFor({ provider: 'whatsAppCloud', operation: 'buildPayload' })).toEqual([
			'whatsAppCloudApi',
		]);
		expect(creds.map((c) => c.required)).toEqual(creds.map(() => false));
	});
});

describe('subtitle', () => {
	// The canvas shows the subtitle under the node: each `{{ … }}` evaluated with the node's parameters.
	const subtitle = (parameters: INodeParameters) =>
		String(description.subtitle)
			.replace(/^=/, '')
			.replace(/\{\{(.*?)\}\}(?!\})/g, (_m, code: string) =>
				String(new Function('$parameter', `return (${code});`)(parameters)),
			);

	it.each([
		[{}, 'Send: Messangi'],
		[{ operation: 'send', provider: 'sinchLatam' }, 'Send: Sinch LATAM'],
		[{ operation: 'buildPayload', provider: 'whatsAppCloud' }, 'Payload: Cloud API'],
		[{ operation: 'sendAndWait', provider: 'sinchLatam' }, 'Send & wait: Sinch LATAM'],
		[{ operation: 'sendAndWait', provider: 'whatsAppCloud' }, 'Send & wait: Cloud API'],
		[{ operation: 'downloadMedia', provider: 'sinchLatam' }, 'Download: Sinch LATAM'],
		[{ operation: 'markAsRead', provider: 'whatsAppCloud' }, 'Mark read: Cloud API'],
	])('%j: %s', (parameters, expected) => {
		expect(subtitle(parameters as INodeParameters)).toBe(expected);
	});

	it('fits the canvas (n8n cuts a subtitle after about 25 characters) for every provider and operation', () => {
		for (const dialect of DIALECTS)
			for (const operation of [
				'send',
				'sendTemplate',
				'sendAndWait',
				'buildPayload',
				'downloadMedia',
				'markAsRead',
			]) {
				expect(subtitle({ provider: dialect.id, operation }).length).toBeLessThanOrEqual(25);
			}
	});
});

describe('codex (node search)', () => {
	// n8n takes a community node's description.codex over its .node.json: the providers come from the registry.
	it.each([
		['action', description],
		['trigger', new WhatsAppInteractiveTrigger().description],
	])('%s: every provider is found by its name and its other names', (_name, d) => {
		const alias = d.codex?.alias ?? [];
		for (const dialect of DIALECTS)
			for (const word of [dialect.displayName, ...dialect.searchAliases])
				expect(alias).toContain(word);
		expect(alias).toContain('WhatsApp');
		expect(d.codex?.categories).toEqual(['Communication']);
		expect(d.codex?.resources?.primaryDocumentation?.[0]?.url).toMatch(/#readme$/);
	});
});

describe('texts the user reads', () => {
	/** Every string of a description (labels, descriptions, notices, hints, the trigger's help). */
	const strings = (value: unknown): string[] =>
		typeof value === 'string'
			? [value]
			: value !== null && typeof value === 'object'
				? Object.values(value).flatMap(strings)
				: [];

	it.each([
		['action', description],
		['trigger', new WhatsAppInteractiveTrigger().description],
	])(
		"%s: speak of the user's provider, not of the development set-up (that is in docs/development.md)",
		(_name, d) => {
			const texts = strings({
				properties: d.properties,
				triggerPanel: d.triggerPanel,
				description: d.description,
			});
			expect(texts.length).toBeGreaterThan(20);
			expect(texts.filter((t) => /npm run|mock provider|127\.0\.0\.1|localhost/i.test(t))).toEqual(
				[],
			);
		},
	);
});

describe('Send and Wait notice', () => {
	it("links the set-up document by an absolute URL in the package's repository (package.json homepage), opening a new tab", () => {
		const notice = description.properties.find((p) => p.name === 'sendAndWaitNotice');
		const homepage = String(
			(
				JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
					homepage: string;
				}
			).homepage,
		).replace(/#readme$/, '');
		expect(notice?.type).toBe('notice');
		expect(notice?.displayName).toContain(
			`<a href="${homepage}/blob/main/docs/send-and-wait.md#who-can-answer" target="_blank">`,
		);
		expect(notice?.displayName).not.toMatch(/The README explains/);
	});
});

describe('Options offered per operation', () => {
	/** The names of a provider's Options that the editor offers for an operation (hide rules on `/operation`). */
	const offered = (provider: string, operation: string) => {
		const collection = description.properties.find(
			(p) => p.name === 'options' && p.displayOptions?.show?.provider?.includes(provider),
		)!;
		return (collection.options as INodeProperties[])
			.filter((o) => !(o.displayOptions?.hide?.['/operation'] ?? []).includes(operation))
			.map((o) => o.name);
	};
	const many = ['concurrencyMode', 'concurrency', 'broadcastBatching', 'batchSize'];

	it.each(DIALECTS.map((d) => d.id))(
		'%s: Send and Wait (one question) offers no option about sending many items at once',
		(provider) => {
			const names = offered(provider, 'sendAndWait');
			for (const name of many) expect(names).not.toContain(name);
			expect(names).toEqual(expect.arrayContaining(['maxRetries', 'timeout']));
		},
	);

	it.each(DIALECTS.map((d) => d.id))('%s: Send still offers them', (provider) => {
		const names = offered(provider, 'send');
		expect(names).toEqual(expect.arrayContaining(['concurrencyMode', 'concurrency']));
	});
});

describe('Send and Wait webhook', () => {
	// Why the node has no webhookMethods: n8n registers a restart webhook nowhere (it serves it under
	// /webhook-waiting/ while an execution waits), so there is nothing to create, check or delete.
	it('is the only webhook, a POST restart webhook on the node id, and the node has no webhook lifecycle', () => {
		expect(description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// n8n answers with the node's webhookResponse once it has stored the resumed run.
				responseData: '',
				path: '={{ $nodeId }}',
				restartWebhook: true,
				isFullPath: true,
			},
		]);
		expect(
			(new WhatsAppInteractive() as { webhookMethods?: unknown }).webhookMethods,
		).toBeUndefined();
	});
});

describe('Limit Wait Time defaults (what n8n fills in and what it saves)', () => {
	const resolve = (values: INodeParameters, defaults: boolean) =>
		NodeHelpers.getNodeParameters(
			description.properties,
			values,
			defaults,
			false,
			{ typeVersion: 1 },
			description,
		) ?? {};
	const asking = { provider: 'sinchLatam', operation: 'sendAndWait' };

	it('Message Choices: no limit; Approval: one hour (Amount 1, Unit Hours)', () => {
		expect(resolve(asking, true)).toMatchObject({ limitType: 'none' });
		expect(resolve({ ...asking, responseType: 'choice' }, true)).toMatchObject({
			limitType: 'none',
		});
		expect(resolve({ ...asking, responseType: 'approval' }, true)).toMatchObject({
			limitType: 'afterTimeInterval',
			resumeAmount: 1,
			resumeUnit: 'hours',
		});
	});

	it('a limit set on purpose is saved and kept, None included; the default is not saved', () => {
		const approval = { ...asking, responseType: 'approval' };
		expect(resolve({ ...approval, limitType: 'none' }, false)).toMatchObject({ limitType: 'none' });
		expect(resolve({ ...approval, limitType: 'none' }, true)).toMatchObject({ limitType: 'none' });
		expect(resolve({ ...approval, limitType: 'afterTimeInterval' }, false)).not.toHaveProperty(
			'limitType',
		);
		expect(
			resolve({ ...asking, responseType: 'choice', limitType: 'afterTimeInterval' }, false),
		).toMatchObject({ limitType: 'afterTimeInterval' });
	});

	it('in the approval tool n8n derives (Response Type hidden, fixed to Approval), one hour too', () => {
		// As n8n's hitl-tools.ts builds it: `responseType` becomes a hidden parameter.
		const derived = description.properties.map((p) =>
			p.name === 'responseType'
				? ({
						displayName: 'Response Type',
						name: 'responseType',
						type: 'hidden',
						default: 'approval',
					} as INodeProperties)
				: p,
		);
		const resolved =
			NodeHelpers.getNodeParameters(
				derived,
				asking,
				true,
				false,
				{ typeVersion: 1 },
				description,
			) ?? {};
		expect(resolved).toMatchObject({
			responseType: 'approval',
			limitType: 'afterTimeInterval',
			resumeAmount: 1,
			resumeUnit: 'hours',
		});
	});
});

describe('Custom API Call', () => {
	// n8n (packages/cli load-nodes-and-credentials.ts, injectCustomApiCallOptions / supportsProxyAuth)
	// appends "Custom API Call" to the `operation` options of a node when one of its credentials has
	// `authenticate` or extends an OAuth type. Choosing it hid every field of this node, so its
	// credentials have neither, and the node adds the auth headers itself.
	const credentialTypes: Array<{ name: string; authenticate?: unknown; extends?: string[] }> = [
		new MessangiApi(),
		new SinchLatamApi(),
		new WhatsAppCloudApi(),
	];

	it.each((description.credentials ?? []).map((c) => c.name))(
		'%s: no authenticate, no OAuth parent, so n8n offers no Custom API Call',
		(name) => {
			const type = credentialTypes.find((t) => t.name === name);
			expect(type).toBeDefined();
			expect(type?.authenticate).toBeUndefined();
			expect(
				(type?.extends ?? []).filter((p) =>
					['oAuth2Api', 'googleOAuth2Api', 'oAuth1Api'].includes(p),
				),
			).toEqual([]);
		},
	);
});

describe('Download Media and Mark as Read', () => {
	const node = { typeVersion: 1 };
	/** The operations the editor offers for a provider: the Operation variant it shows. */
	const operations = (provider: string) => {
		const shown = description.properties.filter(
			(p) =>
				p.name === 'operation' && NodeHelpers.displayParameter({ provider }, p, node, description),
		);
		expect(shown).toHaveLength(1);
		return (shown[0].options as Array<{ value: string }>).map((o) => o.value);
	};
	const sending = ['send', 'sendTemplate', 'sendAndWait', 'buildPayload'];

	it('are offered only for providers whose dialect declares them', () => {
		expect(operations('messangi')).toEqual([...sending, 'downloadMedia']);
		expect(operations('sinchLatam')).toEqual([...sending, 'downloadMedia']);
		expect(operations('whatsAppCloud')).toEqual([...sending, 'downloadMedia', 'markAsRead']);
		for (const dialect of DIALECTS)
			expect(operations(dialect.id)).toEqual([
				...sending,
				...(dialect.media ? ['downloadMedia'] : []),
				...(dialect.markAsRead ? ['markAsRead'] : []),
			]);
	});

	it('the Operation variants are written as `hide` on Provider (a switch resets what the new provider lacks)', () => {
		for (const p of description.properties.filter((x) => x.name === 'operation'))
			expect(p.displayOptions?.show?.provider).toBeUndefined();
	});

	it("have n8n's node panel action names", () => {
		const cloud = description.properties.find(
			(p) =>
				p.name === 'operation' &&
				NodeHelpers.displayParameter({ provider: 'whatsAppCloud' }, p, node, description),
		)!;
		const actions = Object.fromEntries(
			(cloud.options as Array<{ value: string; name: string; action: string }>).map((o) => [
				o.value,
				[o.name, o.action],
			]),
		);
		expect(actions.downloadMedia).toEqual(['Download Media', 'Download media from a message']);
		expect(actions.markAsRead).toEqual(['Mark as Read', 'Mark a message as read']);
	});

	it.each(DIALECTS.map((d) => d.id))(
		'%s, Download Media: Media, the binary field and its options; no message, To, From or sending options',
		(provider) => {
			const shown = visible({ provider, operation: 'downloadMedia' });
			expect(shown).toEqual([
				'provider',
				'operation',
				'credentials',
				'media',
				'binaryPropertyName',
				'options',
			]);
			const options = description.properties.find(
				(p) =>
					p.name === 'options' &&
					NodeHelpers.displayParameter(
						{ provider, operation: 'downloadMedia' },
						p,
						node,
						description,
					),
			)!;
			expect((options.options as INodeProperties[]).map((o) => o.name)).toEqual([
				'fileName',
				'maxSizeMb',
			]);
			const media = description.properties.filter(
				(p) =>
					p.name === 'media' &&
					NodeHelpers.displayParameter(
						{ provider, operation: 'downloadMedia' },
						p,
						node,
						description,
					),
			);
			expect(media).toHaveLength(1);
		},
	);

	it('Cloud API, Mark as Read: Message ID, From (the phone number ID list) and Show Typing Indicator', () => {
		const values = { provider: 'whatsAppCloud', operation: 'markAsRead' };
		expect(visible(values)).toEqual([
			'provider',
			'operation',
			'credentials',
			'from',
			'messageId',
			'options',
		]);
		const options = description.properties.find(
			(p) => p.name === 'options' && NodeHelpers.displayParameter(values, p, node, description),
		)!;
		expect(options.options).toEqual([
			expect.objectContaining({ name: 'typingIndicator', type: 'boolean', default: false }),
		]);
		expect((options.options as INodeProperties[])[0].description?.startsWith('Whether ')).toBe(
			true,
		);
		const from = description.properties.find(
			(p) => p.name === 'from' && NodeHelpers.displayParameter(values, p, node, description),
		)!;
		expect(from.typeOptions?.loadOptionsMethod).toBe('whatsAppCloudPhoneNumbers');
	});

	it('leave the sending operations as they were (no media fields there)', () => {
		for (const dialect of DIALECTS)
			for (const operation of sending) {
				const shown = visible({ provider: dialect.id, operation });
				for (const name of ['media', 'binaryPropertyName', 'messageId'])
					expect(shown).not.toContain(name);
			}
	});

	it('stay out of the approval tool n8n derives (hitl-tools.ts keeps what Send and Wait shows)', () => {
		// n8n's filterHitlToolProperties: drops `operation`, keeps properties without a
		// `show.operation` rule and those whose rule names sendAndWait.
		const kept = description.properties.filter((p) => {
			if (p.name === 'operation') return false;
			const ops = p.displayOptions?.show?.operation;
			return ops === undefined || ops.includes('sendAndWait');
		});
		const names = kept.map((p) => p.name);
		for (const name of ['media', 'binaryPropertyName', 'messageId'])
			expect(names).not.toContain(name);
		for (const p of kept.filter((x) => x.name === 'options'))
			for (const o of p.options as INodeProperties[])
				expect(['maxSizeMb', 'fileName', 'typingIndicator']).not.toContain(o.name);
	});
});
