/**
 * Every `message.type` of Sinch LATAM's inbound callback (the seed's Message table: TEXT, IMAGE,
 * AUDIO, DOCUMENT, STICKER, BUTTON, ORDER, with messageText, mediaUrl, mimeType, caption, location
 * and contacts), decoded into the neutral `message` (docs/callbacks.md, "Messages").
 */
import type { IDataObject } from 'n8n-workflow';
import { decodeSinchLatamCallback } from '../../nodes/shared/dialects/sinchLatam/decode';
import type { NormalisedEvent } from '../../nodes/shared/model/event';
import { sinchBatch, sinchButtonReply, sinchInbound, USER } from './fixtures';

function inbound(message: IDataObject | string, extra: IDataObject = {}): NormalisedEvent {
	const decoded = decodeSinchLatamCallback(
		sinchBatch(sinchInbound('in-1', message as IDataObject, extra)),
	);
	expect(decoded.unrecognised).toEqual([]);
	expect(decoded.events).toHaveLength(1);
	return decoded.events[0];
}

const media = (url: string, mimeType: string) => ({
	id: null,
	url,
	mimeType,
	fileName: null,
	size: null,
	sha256: null,
});

describe('Sinch LATAM inbound messages: every documented type', () => {
	it('TEXT: messageText', () => {
		const event = inbound({ type: 'TEXT', messageText: 'Hello, is the shop open?' });
		expect(event).toMatchObject({
			event: 'message',
			from: USER,
			userId: null,
			text: 'Hello, is the shop open?',
		});
		expect(event.message).toEqual({ type: 'text', text: 'Hello, is the shop open?' });
		expect(event.inReplyTo).toBeUndefined();
	});

	it('IMAGE: mediaUrl, mimeType and caption', () => {
		const event = inbound({
			type: 'IMAGE',
			mediaUrl: 'https://media.example.com/receipt.jpg',
			mimeType: 'image/jpeg',
			caption: 'My receipt',
		});
		expect(event.text).toBe('My receipt');
		expect(event.message).toEqual({
			type: 'image',
			caption: 'My receipt',
			media: media('https://media.example.com/receipt.jpg', 'image/jpeg'),
		});
	});

	it('AUDIO: mediaUrl and mimeType', () => {
		expect(
			inbound({
				type: 'AUDIO',
				mediaUrl: 'https://media.example.com/voice.ogg',
				mimeType: 'audio/ogg',
			}).message,
		).toEqual({ type: 'audio', media: media('https://media.example.com/voice.ogg', 'audio/ogg') });
	});

	it('DOCUMENT: mediaUrl, mimeType and caption', () => {
		expect(
			inbound({
				type: 'DOCUMENT',
				mediaUrl: 'https://media.example.com/invoice.pdf',
				mimeType: 'application/pdf',
				caption: 'Invoice',
			}).message,
		).toEqual({
			type: 'document',
			caption: 'Invoice',
			media: media('https://media.example.com/invoice.pdf', 'application/pdf'),
		});
	});

	it('STICKER: mediaUrl and mimeType', () => {
		expect(
			inbound({
				type: 'STICKER',
				mediaUrl: 'https://media.example.com/sticker.webp',
				mimeType: 'image/webp',
			}).message,
		).toEqual({
			type: 'sticker',
			media: media('https://media.example.com/sticker.webp', 'image/webp'),
		});
	});

	it('BUTTON without an interactive reply: a message of type button with its text', () => {
		const event = inbound({ type: 'BUTTON', messageText: 'Stop promotions' });
		expect(event.event).toBe('message');
		expect(event.message).toEqual({
			type: 'button',
			text: 'Stop promotions',
			button: { text: 'Stop promotions', payload: null },
		});
	});

	it('BUTTON with an interactive reply stays a button reply', () => {
		const event = only(sinchBatch(sinchButtonReply('in-b', 'change')));
		expect(event.event).toBe('buttonReply');
		expect(event.message).toBeUndefined();
	});

	it('ORDER: its type and text', () => {
		expect(inbound({ type: 'ORDER', messageText: 'Order sent' }).message).toEqual({
			type: 'order',
			text: 'Order sent',
		});
	});

	it('location: latitude and longitude', () => {
		const event = inbound({
			type: 'LOCATION',
			location: {
				latitude: -22.89418,
				longitude: '-47.04796',
				name: 'Wavy',
				address: 'Av. Cel. Silva Telles',
			},
		});
		expect(event.message).toEqual({
			type: 'location',
			location: {
				latitude: -22.89418,
				longitude: -47.04796,
				name: 'Wavy',
				address: 'Av. Cel. Silva Telles',
			},
		});
	});

	it('location: geoPoint "lat,lng" as the header Location object writes it, type inferred', () => {
		const event = inbound({
			location: {
				geoPoint: '-22.894180,-47.047960',
				name: 'Wavy',
				address: 'Av. Cel. Silva Telles',
			},
		});
		expect(event.message).toEqual({
			type: 'location',
			location: {
				latitude: -22.89418,
				longitude: -47.04796,
				name: 'Wavy',
				address: 'Av. Cel. Silva Telles',
			},
		});
	});

	it('contacts: camel or snake case cards', () => {
		const cards = [
			{
				name: { formattedName: 'Ana Souza' },
				phones: [{ phone: '+55 19 90000-1111' }],
				emails: [{ email: 'ana@example.com' }],
			},
			{ name: { formatted_name: 'Bruno Lima' }, phones: [{ phone: '+55 11 90000-2222' }] },
		];
		expect(inbound({ type: 'CONTACTS', contacts: cards }).message).toEqual({
			type: 'contacts',
			contacts: [
				{
					name: 'Ana Souza',
					phones: ['+55 19 90000-1111'],
					emails: ['ana@example.com'],
					raw: cards[0],
				},
				{ name: 'Bruno Lima', phones: ['+55 11 90000-2222'], emails: [], raw: cards[1] },
			],
		});
	});

	it('a type Sinch does not list keeps its own name, lower-cased', () => {
		expect(inbound({ type: 'VIDEO', mediaUrl: 'https://m/v.mp4' }).message).toMatchObject({
			type: 'video',
			media: { url: 'https://m/v.mp4', mimeType: null },
		});
		expect(inbound({ type: 'Poll Creation' }).message).toEqual({ type: 'poll_creation' });
		expect(inbound({}).message).toEqual({ type: 'unknown' });
	});

	it('a message that is a plain string is text', () => {
		expect(inbound('Plain string').message).toEqual({ type: 'text', text: 'Plain string' });
	});
});

describe('Sinch LATAM business-scoped user ids', () => {
	it('a sender that is a business-scoped user id is the user id as well', () => {
		const event = inbound(
			{ type: 'TEXT', messageText: 'hi' },
			{ source: 'BR.1502576394655843', userProfile: { name: 'Ana' } },
		);
		expect(event).toMatchObject({
			from: 'BR.1502576394655843',
			userId: 'BR.1502576394655843',
			contactName: 'Ana',
		});
	});

	it('a reply from one carries it too; a phone number is no user id', () => {
		const reply = sinchButtonReply();
		reply.source = 'US.13491208655302741918';
		expect(only(sinchBatch(reply)).userId).toBe('US.13491208655302741918');
		expect(only(sinchBatch(sinchButtonReply())).userId).toBeUndefined();
	});
});

function only(body: unknown): NormalisedEvent {
	const decoded = decodeSinchLatamCallback(body);
	expect(decoded.events).toHaveLength(1);
	return decoded.events[0];
}
