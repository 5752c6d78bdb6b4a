/**
 * Callback bodies as the providers post them (docs/providers.md and the Sinch document's callback tables, see test/fixtures/seeds/SOURCES.md).
 * Builders return fresh objects, so a test can change one without touching another.
 */
import type { IDataObject } from 'n8n-workflow';

export const USER = '5519900001111';
export const BUSINESS = '5519900002222';

export const clientInfo = { customerId: 1234, subAccountId: 5678, userId: 91011 };

/** A Sinch batch. */
export function sinchBatch(...data: unknown[]): IDataObject {
	return { total: data.length, data: data as IDataObject[], clientInfo: { ...clientInfo } };
}

export function sinchInbound(
	id: string,
	message: IDataObject,
	extra: IDataObject = {},
): IDataObject {
	return {
		id,
		source: USER,
		origin: BUSINESS,
		userProfile: { name: 'Ana Souza', whatsAppId: USER },
		correlationId: 'order-42',
		campaignId: '777',
		campaignAlias: 'spring',
		message,
		receivedDate: '2021-08-07T14:00:00Z',
		receivedAt: 1628344800000,
		extraInfo: '{"channel":"whatsapp"}',
		session: { sessionId: 'session-1', createdAt: 1628344700000 },
		...extra,
	};
}

export function sinchButtonReply(id = 'in-button-1', payload = 'change_appointment'): IDataObject {
	return sinchInbound(id, {
		type: 'BUTTON',
		messageText: 'Change',
		interactive: { type: 'BUTTON_REPLY', buttonReply: { payload, title: 'Change' } },
	});
}

export function sinchListReply(
	id = 'in-list-1',
	row = '9ab8d65e-d389-4123-b97b-702e658cc9e4',
): IDataObject {
	return sinchInbound(id, {
		type: 'TEXT',
		messageText: 'August 7, 11:00',
		interactive: {
			type: 'LIST_REPLY',
			listReply: { rowIdentifier: row, rowTitle: 'August 7, 11:00' },
		},
	});
}

export function sinchText(id = 'in-text-1', text = 'Hello, is the shop open?'): IDataObject {
	return sinchInbound(id, { type: 'TEXT', messageText: text });
}

export function sinchImage(id = 'in-image-1'): IDataObject {
	return sinchInbound(id, {
		type: 'IMAGE',
		mediaUrl: 'https://media.example.com/receipt.jpg',
		mimeType: 'image/jpeg',
		caption: 'My receipt',
	});
}

/** A Sinch status; `stages` adds the fields of each stage reached. */
export function sinchStatus(
	id: string,
	stages: Array<'sent' | 'delivered' | 'read'>,
	extra: IDataObject = {},
): IDataObject {
	const status: IDataObject = {
		id,
		correlationId: 'order-42',
		destination: USER,
		origin: BUSINESS,
		campaignId: '777',
	};
	if (stages.includes('sent')) {
		Object.assign(status, {
			sent: true,
			sentDate: '2021-08-07T14:00:01Z',
			sentAt: 1628344801000,
			sentStatusCode: 2,
			sentStatus: 'SENT_SUCCESS',
		});
	}
	if (stages.includes('delivered')) {
		Object.assign(status, {
			delivered: true,
			deliveredDate: '2021-08-07T14:00:02Z',
			deliveredAt: 1628344802000,
			deliveredStatusCode: 4,
			deliveredStatus: 'DELIVERED_SUCCESS',
		});
	}
	if (stages.includes('read')) {
		Object.assign(status, { read: true, readDate: '2021-08-07T14:00:03Z', readAt: 1628344803000 });
	}
	return { ...status, ...extra };
}

/** A Sinch status whose delivery failed with `code`/`name` after it was sent. */
export function sinchDeliveryFailure(id: string, code: number, name: string): IDataObject {
	return sinchStatus(id, ['sent'], {
		delivered: false,
		deliveredDate: '2021-08-07T14:05:00Z',
		deliveredAt: 1628345100000,
		deliveredStatusCode: code,
		deliveredStatus: name,
	});
}

/** A Sinch status whose sending failed with `code`/`name`. */
export function sinchSendFailure(id: string, code: number, name: string): IDataObject {
	return {
		id,
		correlationId: 'order-42',
		destination: USER,
		origin: BUSINESS,
		sent: false,
		sentDate: '2021-08-07T14:00:01Z',
		sentAt: 1628344801000,
		sentStatusCode: code,
		sentStatus: name,
	};
}

/** Every failure code the Sinch document lists (docs/providers.md). */
export const SINCH_ERROR_CODES: Array<[number, string]> = [
	[101, 'EXPIRED'],
	[102, 'CARRIER_COMMUNICATION_ERROR'],
	[103, 'REJECTED_BY_CARRIER'],
	[104, 'NOT_DELIVERED'],
	[202, 'INVALID_DESTINATION_NUMBER'],
	[204, 'DESTINATION_BLOCKED_BY_OPTOUT'],
	[206, 'INVALID_MESSAGE_LENGTH'],
	[207, 'INVALID_MESSAGE_TEXT'],
	[209, 'INVALID_CONTENT'],
	[210, 'INVALID_SESSION'],
	[211, 'DESTINATION_BLOCKED_BY_OPTIN'],
	[212, 'DESTINATION_BLOCKED_BY_WHITELIST'],
	[311, 'INTERNAL_ERROR'],
];

/** A Messangi status as its callbacks are most likely shaped: the send request's ids echoed. */
export function messangiStatus(status: string, extra: IDataObject = {}): IDataObject {
	return {
		messageId: 'msg-9f1c',
		externalId: '123456789abcde',
		clientId: 'client-7',
		channel: 'WHATSAPP',
		from: '1000000001',
		to: '+1000000002',
		status,
		timestamp: 1642531254980,
		...extra,
	};
}

/** An inbound Messangi reply in WhatsApp's form, nested as Messangi may nest it. */
export function messangiButtonReply(style: 'snake' | 'camel' = 'snake'): IDataObject {
	const key = style === 'snake' ? 'button_reply' : 'buttonReply';
	return {
		id: 'wamid.HBgLMTAwMDAwMDAwMDIVAgASGBQzQTc',
		from: '+1000000002',
		to: '1000000001',
		timestamp: '1642531300',
		contact: { profile: { name: 'Alex' } },
		message: {
			type: 'interactive',
			interactive: {
				type: style === 'snake' ? 'button_reply' : 'buttonReply',
				[key]: { id: '0', title: 'Change' },
			},
		},
	};
}

export function messangiListReply(style: 'snake' | 'camel' = 'snake'): IDataObject {
	const key = style === 'snake' ? 'list_reply' : 'listReply';
	return {
		messageId: 'wamid.list-1',
		from: '+1000000002',
		to: '1000000001',
		date: '2022-01-18T18:41:40Z',
		profileName: 'Alex',
		message: {
			interactive: {
				type: 'list_reply',
				[key]: { id: 'r1', title: 'Fruit Bowl', description: 'Seasonal fruit' },
			},
		},
	};
}

/** A WhatsApp Cloud API webhook, as a provider relaying Meta's callbacks would post it. */
export function cloudApiEnvelope(): IDataObject {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: 'waba-1',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: '1000000001', phone_number_id: 'pn-1' },
							contacts: [{ profile: { name: 'Alex' }, wa_id: '1000000002' }],
							messages: [
								{
									from: '1000000002',
									id: 'wamid.cloud-button',
									timestamp: '1642531300',
									type: 'interactive',
									context: { from: '1000000001', id: 'wamid.original' },
									interactive: { type: 'button_reply', button_reply: { id: '1', title: 'Cancel' } },
								},
								{
									from: '1000000002',
									id: 'wamid.cloud-text',
									timestamp: '1642531301',
									type: 'text',
									text: { body: 'Thanks!' },
								},
							],
							statuses: [
								{
									id: 'wamid.original',
									status: 'failed',
									timestamp: '1642531302',
									recipient_id: '1000000002',
									errors: [
										{
											code: 131047,
											title: 'Re-engagement message',
											message: 'More than 24 hours have passed',
										},
									],
								},
							],
						},
					},
				],
			},
		],
	};
}

/** The Cloud API business number and phone number id the fixtures use (Meta's examples' values). */
export const CLOUD_BUSINESS = '15550783881';
export const CLOUD_PHONE_NUMBER_ID = '106540352242922';

/**
 * A Cloud API webhook with one change of field `messages` whose `value` is `value` after the
 * business's `messaging_product` and `metadata` (Meta's messages webhook reference).
 */
export function cloudWebhook(value: IDataObject): IDataObject {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '102290129340398',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: {
								display_phone_number: CLOUD_BUSINESS,
								phone_number_id: CLOUD_PHONE_NUMBER_ID,
							},
							...value,
						},
					},
				],
			},
		],
	};
}
