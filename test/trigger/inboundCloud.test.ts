/**
 * Every inbound message type of the Cloud API, decoded into the neutral `message` (docs/callbacks.md,
 * "Messages"). The message objects follow the syntax of Meta's "messages" webhook reference pages
 * (one page per type, test/fixtures/whatsAppCloud/SOURCES.md), with sample values; business-scoped
 * user ids follow Meta's "Business-scoped user IDs" page (docs/providers.md).
 */
import type { IDataObject } from 'n8n-workflow';
import { decodeWhatsAppCloudCallback } from '../../nodes/shared/dialects/whatsAppCloud/decode';
import type { NormalisedEvent } from '../../nodes/shared/model/event';
import { CLOUD_BUSINESS, cloudWebhook } from './fixtures';

const BUSINESS = CLOUD_BUSINESS;
const USER = '16505551234';
const BSUID = 'US.13491208655302741918';

const CONTACT = { profile: { name: 'Sheena Nelson' }, wa_id: USER };

const envelope = cloudWebhook;

/** One message from the user, with the contact Meta sends beside it. */
function inbound(message: IDataObject, contacts: unknown[] = [CONTACT]): NormalisedEvent {
	const decoded = decodeWhatsAppCloudCallback(
		envelope({
			contacts,
			messages: [
				{
					from: USER,
					id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
					timestamp: '1749416383',
					...message,
				},
			],
		}),
	);
	expect(decoded.unrecognised).toEqual([]);
	expect(decoded.events).toHaveLength(1);
	return decoded.events[0];
}

describe('Cloud API inbound messages: every type', () => {
	it('text: the body as message.text and as the top-level text', () => {
		const event = inbound({ type: 'text', text: { body: 'Does it come in another color?' } });
		expect(event).toMatchObject({
			event: 'message',
			from: USER,
			to: BUSINESS,
			userId: null,
			contactName: 'Sheena Nelson',
			inReplyTo: null,
			text: 'Does it come in another color?',
			message: { type: 'text', text: 'Does it come in another color?' },
		});
		expect(event.message).toEqual({ type: 'text', text: 'Does it come in another color?' });
	});

	it('image: the media object and its caption', () => {
		const event = inbound({
			type: 'image',
			image: {
				caption: 'Black jacket',
				mime_type: 'image/jpeg',
				sha256: 'dTuAHkc5Y0iYv7vJF2vE7Qd7bsGZfMTEqw0F4YDqHGU=',
				id: '1003383421387256',
				url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256',
			},
		});
		expect(event.text).toBe('Black jacket');
		expect(event.message).toEqual({
			type: 'image',
			caption: 'Black jacket',
			media: {
				id: '1003383421387256',
				url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256',
				mimeType: 'image/jpeg',
				fileName: null,
				size: null,
				sha256: 'dTuAHkc5Y0iYv7vJF2vE7Qd7bsGZfMTEqw0F4YDqHGU=',
			},
		});
	});

	it('audio: a voice recording says so', () => {
		const event = inbound({
			type: 'audio',
			audio: {
				mime_type: 'audio/ogg; codecs=opus',
				sha256: 'cZsXYAqVwM3Mv1Zd2GQ/eAu9TXt9BhIvnxtzUxQ4Wbw=',
				id: '1003383421387257',
				url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387257',
				voice: true,
			},
		});
		expect(event.text).toBeNull();
		expect(event.message).toEqual({
			type: 'audio',
			media: expect.objectContaining({
				id: '1003383421387257',
				mimeType: 'audio/ogg; codecs=opus',
				voice: true,
			}),
		});
		expect(event.message?.caption).toBeUndefined();
	});

	it('video: media and caption', () => {
		const event = inbound({
			type: 'video',
			video: {
				caption: 'Unboxing',
				mime_type: 'video/mp4',
				sha256: 'cU6u9B0mNWc8ZBn5hLt0aH7v0Pkfx1yAs2eIeYnz6n0=',
				id: '1003383421387258',
				url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387258',
			},
		});
		expect(event.message).toMatchObject({
			type: 'video',
			caption: 'Unboxing',
			media: { id: '1003383421387258', mimeType: 'video/mp4' },
		});
		expect(event.text).toBe('Unboxing');
	});

	it('document: the file name', () => {
		const event = inbound({
			type: 'document',
			document: {
				caption: 'Lucky Shrub Invoice',
				filename: 'lucky-shrub-invoice.pdf',
				mime_type: 'application/pdf',
				sha256: 'nzVE+9HcmFBdG1eJdJ7yxH0E4JzGpQAiZlA0SQbgjsY=',
				id: '1003383421387259',
				url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387259',
			},
		});
		expect(event.message).toMatchObject({
			type: 'document',
			caption: 'Lucky Shrub Invoice',
			media: { fileName: 'lucky-shrub-invoice.pdf', mimeType: 'application/pdf' },
		});
	});

	it('sticker: animated or not', () => {
		const event = inbound({
			type: 'sticker',
			sticker: {
				mime_type: 'image/webp',
				sha256: 'bb9h7eAyY/yPpYRvtHkSvrMsMzh0vJHgWJ4N3Su1KLo=',
				id: '1003383421387260',
				url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387260',
				animated: false,
			},
		});
		expect(event.message).toEqual({
			type: 'sticker',
			media: expect.objectContaining({ mimeType: 'image/webp', animated: false }),
		});
		expect(event.message?.media?.voice).toBeUndefined();
	});

	it('location: coordinates, name, address and url', () => {
		const event = inbound({
			type: 'location',
			location: {
				address: '101 Forest Hill Rd, Palo Alto, CA 94303',
				latitude: 37.44211676562361,
				longitude: -122.16155960083124,
				name: 'Lucky Shrub',
				url: 'https://www.luckyshrub.com',
			},
		});
		expect(event.message).toEqual({
			type: 'location',
			location: {
				latitude: 37.44211676562361,
				longitude: -122.16155960083124,
				name: 'Lucky Shrub',
				address: '101 Forest Hill Rd, Palo Alto, CA 94303',
				url: 'https://www.luckyshrub.com',
			},
		});
		expect(event.text).toBeNull();
	});

	it('contacts: formatted name, phones and emails, the card kept whole', () => {
		const card = {
			addresses: [{ city: 'Menlo Park', country: 'United States', type: 'HOME' }],
			birthday: '1999-01-23',
			emails: [{ email: 'bjohnson@luckyshrub.com', type: 'WORK' }],
			name: { formatted_name: 'Barbara J. Johnson', first_name: 'Barbara', last_name: 'Johnson' },
			org: { company: 'Lucky Shrub', title: 'Lead Designer' },
			phones: [
				{ phone: '+1 (415) 555-0123', wa_id: '14155550123', type: 'WORK' },
				{ phone: '+1 (415) 555-0124', type: 'HOME' },
			],
			urls: [{ url: 'https://www.luckyshrub.com', type: 'WORK' }],
		};
		const event = inbound({ type: 'contacts', contacts: [card] });
		expect(event.message).toEqual({
			type: 'contacts',
			contacts: [
				{
					name: 'Barbara J. Johnson',
					phones: ['+1 (415) 555-0123', '+1 (415) 555-0124'],
					emails: ['bjohnson@luckyshrub.com'],
					raw: card,
				},
			],
		});
	});

	it('contacts: a card without a formatted name gets its parts joined', () => {
		const event = inbound({
			type: 'contacts',
			contacts: [{ name: { first_name: 'Ana', last_name: 'Souza' } }, 'not a card'],
		});
		expect(event.message?.contacts).toEqual([
			{ name: 'Ana Souza', phones: [], emails: [], raw: { name: expect.any(Object) } },
		]);
	});

	it('reaction: the emoji and the message reacted to', () => {
		const event = inbound({
			type: 'reaction',
			reaction: {
				message_id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MDkyOTBFMkQ4RjE3RkE3RjMA',
				emoji: '\u{1F44D}',
			},
		});
		expect(event.message).toEqual({
			type: 'reaction',
			reaction: {
				emoji: '\u{1F44D}',
				messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MDkyOTBFMkQ4RjE3RkE3RjMA',
			},
		});
	});

	it('reaction removed: an empty emoji', () => {
		for (const reaction of [{ message_id: 'wamid.R' }, { message_id: 'wamid.R', emoji: '' }]) {
			expect(inbound({ type: 'reaction', reaction }).message?.reaction).toEqual({
				emoji: '',
				messageId: 'wamid.R',
			});
		}
	});

	it('order: catalog, text and items, numbers given as strings too', () => {
		const event = inbound({
			type: 'order',
			order: {
				catalog_id: '194836987003835',
				text: 'Please deliver before noon',
				product_items: [
					{ product_retailer_id: 'di9ozbzfi4', quantity: 2, item_price: 30, currency: 'USD' },
					{ product_retailer_id: 'nqryix03ez', quantity: '1', item_price: '25.5', currency: 'USD' },
				],
			},
		});
		expect(event.message).toEqual({
			type: 'order',
			order: {
				catalogId: '194836987003835',
				text: 'Please deliver before noon',
				items: [
					{ productRetailerId: 'di9ozbzfi4', quantity: 2, itemPrice: 30, currency: 'USD' },
					{ productRetailerId: 'nqryix03ez', quantity: 1, itemPrice: 25.5, currency: 'USD' },
				],
			},
		});
	});

	it('button without a payload: a message of type button with its text', () => {
		const event = inbound({
			type: 'button',
			context: { from: BUSINESS, id: 'wamid.template' },
			button: { text: 'Unsubscribe' },
		});
		expect(event).toMatchObject({
			event: 'message',
			inReplyTo: 'wamid.template',
			message: { type: 'button', button: { text: 'Unsubscribe', payload: null } },
		});
	});

	it('button with a payload stays a button reply', () => {
		const event = inbound({
			type: 'button',
			context: { from: BUSINESS, id: 'wamid.template' },
			button: { payload: 'unsubscribe', text: 'Unsubscribe' },
		});
		expect(event).toMatchObject({
			event: 'buttonReply',
			reply: { id: 'unsubscribe', title: 'Unsubscribe' },
			inReplyTo: 'wamid.template',
		});
		expect(event.message).toBeUndefined();
	});

	it('a Flow\'s reply (Meta\'s "Receiving a Flow response"): event flowReply, its response_json parsed, its token beside', () => {
		// Meta's example, with values for its placeholders.
		const interactive = {
			type: 'nfm_reply',
			nfm_reply: {
				name: 'flow',
				body: 'Sent',
				response_json:
					'{"flow_token": "AQAAAAACS5FpgQ_cAAAAAD0QI3s.", "optional_param1": "value1", "optional_param2": "value2"}',
			},
		};
		const event = inbound({
			type: 'interactive',
			context: { from: '16315558151', id: 'gBGGEiRVVgBPAgm7FUgc73noXjo' },
			interactive,
		});
		expect(event).toMatchObject({
			event: 'flowReply',
			from: USER,
			contactName: 'Sheena Nelson',
			inReplyTo: 'gBGGEiRVVgBPAgm7FUgc73noXjo',
			text: null,
			flow: {
				token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
				response: {
					flow_token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
					optional_param1: 'value1',
					optional_param2: 'value2',
				},
			},
			message: { type: 'interactive', interactive: { type: 'nfm_reply', raw: interactive } },
		});
	});

	it('a Flow reply whose response_json is not a JSON object: flowReply with response and token null', () => {
		for (const response_json of ['not json', '[1,2]', '']) {
			const event = inbound({
				type: 'interactive',
				interactive: {
					type: 'nfm_reply',
					nfm_reply: { name: 'flow', body: 'Sent', response_json },
				},
			});
			expect(event).toMatchObject({ event: 'flowReply', flow: { token: null, response: null } });
		}
	});

	it("other nfm_reply answers (an address message's) stay plain interactive messages", () => {
		const interactive = {
			type: 'nfm_reply',
			nfm_reply: { name: 'address_message', response_json: '{"values": {}}' },
		};
		const event = inbound({ type: 'interactive', interactive });
		expect(event).toMatchObject({
			event: 'message',
			message: { type: 'interactive', interactive: { type: 'nfm_reply', raw: interactive } },
		});
		expect(event.flow).toBeUndefined();
	});

	it('system: a changed number, with the body as text', () => {
		const decoded = decodeWhatsAppCloudCallback(
			envelope({
				messages: [
					{
						from: USER,
						id: 'wamid.system',
						timestamp: '1749416383',
						type: 'system',
						system: {
							body: 'User Sheena Nelson changed from 16505551234 to 16505551235',
							wa_id: '16505551235',
							type: 'user_changed_number',
						},
					},
				],
			}),
		);
		expect(decoded.events[0]).toMatchObject({
			event: 'message',
			text: 'User Sheena Nelson changed from 16505551234 to 16505551235',
			message: {
				type: 'system',
				system: {
					type: 'user_changed_number',
					body: 'User Sheena Nelson changed from 16505551234 to 16505551235',
					waId: '16505551235',
					userId: null,
				},
			},
		});
	});

	it('system: a changed business-scoped user id, without a phone number', () => {
		const decoded = decodeWhatsAppCloudCallback(
			envelope({
				messages: [
					{
						from_user_id: BSUID,
						id: 'wamid.system-2',
						timestamp: '1749416383',
						type: 'system',
						system: {
							body: 'User Sheena Nelson changed their user ID',
							user_id: 'US.99999999999999999999',
							type: 'user_changed_user_id',
						},
					},
				],
			}),
		);
		expect(decoded.events[0]).toMatchObject({
			from: null,
			userId: BSUID,
			message: { system: { type: 'user_changed_user_id', userId: 'US.99999999999999999999' } },
		});
	});

	it('unsupported: what was sent and Meta’s errors', () => {
		const event = inbound({
			type: 'unsupported',
			unsupported: { type: 'edit' },
			errors: [
				{
					code: 131051,
					title: 'Message type unknown',
					message: 'Message type unknown',
					error_data: { details: 'Message type is currently not supported.' },
				},
			],
		});
		expect(event.message).toEqual({
			type: 'unsupported',
			unsupported: { type: 'edit' },
			errors: [
				{
					code: 131051,
					title: 'Message type unknown',
					details: 'Message type is currently not supported.',
				},
			],
		});
	});

	it('unknown, and a type with no neutral name: its own name lower-cased', () => {
		expect(inbound({ type: 'unknown', errors: [{ code: '131051' }] }).message).toEqual({
			type: 'unknown',
			errors: [{ code: 131051, title: null, details: null }],
		});
		expect(inbound({ type: 'Request_Welcome' }).message).toEqual({ type: 'request_welcome' });
		expect(inbound({ type: 'poll_creation', poll_creation: { name: 'Q' } }).message).toEqual({
			type: 'poll_creation',
		});
		expect(inbound({}).message).toEqual({ type: 'unknown' });
	});

	it('a quoted or forwarded message: inReplyTo, forwarded, frequentlyForwarded', () => {
		const event = inbound({
			type: 'text',
			text: { body: 'Look at this' },
			context: { from: BUSINESS, id: 'wamid.quoted', forwarded: true, frequently_forwarded: true },
		});
		expect(event.inReplyTo).toBe('wamid.quoted');
		expect(event.message).toEqual({
			type: 'text',
			text: 'Look at this',
			forwarded: true,
			frequentlyForwarded: true,
		});
	});

	it('media sizes given as strings are numbers', () => {
		const event = inbound({
			type: 'document',
			document: { id: '1', mime_type: 'application/pdf', file_size: '52311' },
		});
		expect(event.message?.media?.size).toBe(52311);
	});
});

describe('Cloud API business-scoped user ids', () => {
	const bsuidContact = {
		profile: { name: 'Sheena Nelson', username: '@sheena' },
		user_id: BSUID,
	};

	it('a message without a phone number decodes, with the user id and the contact name', () => {
		const decoded = decodeWhatsAppCloudCallback(
			envelope({
				contacts: [bsuidContact],
				messages: [
					{
						from_user_id: BSUID,
						id: 'wamid.no-phone',
						timestamp: '1749416383',
						type: 'text',
						text: { body: 'Hello from a username' },
					},
				],
			}),
		);
		expect(decoded.unrecognised).toEqual([]);
		expect(decoded.events).toEqual([
			expect.objectContaining({
				event: 'message',
				messageId: 'wamid.no-phone',
				from: null,
				userId: BSUID,
				contactName: 'Sheena Nelson',
				text: 'Hello from a username',
			}),
		]);
	});

	it('with neither phone number nor message id, the user id alone is enough', () => {
		const decoded = decodeWhatsAppCloudCallback(
			envelope({ messages: [{ from_user_id: BSUID, type: 'text', text: { body: 'hi' } }] }),
		);
		expect(decoded.events[0]).toMatchObject({ from: null, messageId: null, userId: BSUID });
		expect(
			decodeWhatsAppCloudCallback(envelope({ messages: [{ type: 'text', text: { body: 'hi' } }] }))
				.events,
		).toEqual([]);
	});

	it('the contact name is found by user id among several contacts', () => {
		const decoded = decodeWhatsAppCloudCallback(
			envelope({
				contacts: [CONTACT, { profile: { name: 'Alex' }, user_id: 'BR.1502576394655843' }],
				messages: [
					{ from: USER, id: 'wamid.1', type: 'text', text: { body: 'a' } },
					{ from_user_id: 'BR.1502576394655843', id: 'wamid.2', type: 'text', text: { body: 'b' } },
				],
			}),
		);
		expect(decoded.events.map((e) => [e.from, e.userId, e.contactName])).toEqual([
			[USER, null, 'Sheena Nelson'],
			[null, 'BR.1502576394655843', 'Alex'],
		]);
	});

	it('phone number and user id together: both, the user id also from the contact', () => {
		const withBoth = { ...CONTACT, user_id: BSUID };
		const explicit = inbound({ from_user_id: BSUID, type: 'text', text: { body: 'x' } }, [
			withBoth,
		]);
		expect(explicit).toMatchObject({ from: USER, userId: BSUID, contactName: 'Sheena Nelson' });
		const fromContact = inbound({ type: 'text', text: { body: 'x' } }, [withBoth]);
		expect(fromContact.userId).toBe(BSUID);
	});

	it('replies carry the user id when the callback gives one, and decode without a phone number', () => {
		const decoded = decodeWhatsAppCloudCallback(
			envelope({
				contacts: [bsuidContact],
				messages: [
					{
						from_user_id: BSUID,
						id: 'wamid.reply',
						type: 'interactive',
						context: { from: BUSINESS, id: 'wamid.question' },
						interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } },
					},
				],
			}),
		);
		expect(decoded.events[0]).toMatchObject({
			event: 'buttonReply',
			from: null,
			userId: BSUID,
			contactName: 'Sheena Nelson',
			reply: { id: 'yes' },
		});
	});

	it('statuses: recipient_user_id, or the contact’s user_id', () => {
		const decoded = decodeWhatsAppCloudCallback(
			envelope({
				contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: USER, user_id: BSUID }],
				statuses: [
					{ id: 'wamid.a', status: 'read', timestamp: '1750263773', recipient_user_id: BSUID },
					{ id: 'wamid.b', status: 'delivered', timestamp: '1750263773', recipient_id: USER },
				],
			}),
		);
		expect(decoded.events.map((e) => [e.to, e.userId])).toEqual([
			[null, BSUID],
			[USER, BSUID],
		]);
		const plain = decodeWhatsAppCloudCallback(
			envelope({ statuses: [{ id: 'wamid.c', status: 'sent', recipient_id: USER }] }),
		);
		expect(plain.events[0].userId).toBeUndefined();
	});
});
