/**
 * Messangi's inbound JSON is not public (docs/providers.md): messages in WhatsApp's own form — a
 * `type` and an object of the same name, snake or camel case, on the entry or in one of its
 * containers — are read with the Cloud API's reader; nothing beyond that form is assumed.
 */
import type { IDataObject } from 'n8n-workflow';
import { decodeMessangiCallback } from '../../nodes/shared/dialects/messangi/decode';
import type { NormalisedEvent } from '../../nodes/shared/model/event';
import { cloudApiEnvelope } from './fixtures';

function only(body: unknown): NormalisedEvent {
	const decoded = decodeMessangiCallback(body);
	expect(decoded.rejected).toBeUndefined();
	expect(decoded.unrecognised).toEqual([]);
	expect(decoded.events).toHaveLength(1);
	return decoded.events[0];
}

const sender = { id: 'wamid.m-1', from: '+1000000002', to: '1000000001', timestamp: '1642531300' };

describe('Messangi inbound messages in WhatsApp form', () => {
	it('image, snake case, nested in "message"', () => {
		const event = only({
			...sender,
			message: {
				type: 'image',
				image: {
					id: '1003383421387256',
					mime_type: 'image/jpeg',
					sha256: 'abc=',
					caption: 'Black jacket',
				},
			},
		});
		expect(event).toMatchObject({ event: 'message', from: '+1000000002', text: 'Black jacket' });
		expect(event.message).toEqual({
			type: 'image',
			caption: 'Black jacket',
			media: {
				id: '1003383421387256',
				url: null,
				mimeType: 'image/jpeg',
				fileName: null,
				size: null,
				sha256: 'abc=',
			},
		});
	});

	it('document, camel case, on the entry itself', () => {
		const event = only({
			...sender,
			type: 'document',
			document: {
				id: 'd-1',
				mimeType: 'application/pdf',
				filename: 'invoice.pdf',
				fileSize: '2048',
			},
		});
		expect(event.message?.media).toMatchObject({
			id: 'd-1',
			mimeType: 'application/pdf',
			fileName: 'invoice.pdf',
			size: 2048,
		});
	});

	it('a reaction, with no text at all', () => {
		expect(
			only({ ...sender, type: 'reaction', reaction: { messageId: 'wamid.x', emoji: '\u2764' } })
				.message,
		).toEqual({ type: 'reaction', reaction: { emoji: '\u2764', messageId: 'wamid.x' } });
	});

	it('location and contacts', () => {
		expect(
			only({
				...sender,
				type: 'location',
				location: { latitude: '37.44', longitude: '-122.16', name: 'Lucky Shrub' },
			}).message,
		).toEqual({
			type: 'location',
			location: { latitude: 37.44, longitude: -122.16, name: 'Lucky Shrub', address: null },
		});
		expect(
			only({
				...sender,
				type: 'contacts',
				contacts: [{ name: { formattedName: 'Ana Souza' }, phones: [{ phone: '+1 555' }] }],
			}).message?.contacts?.[0],
		).toMatchObject({ name: 'Ana Souza', phones: ['+1 555'] });
	});

	it('an interactive answer that is no reply (a Flow) is a message of type interactive', () => {
		const interactive = { type: 'nfm_reply', nfm_reply: { name: 'flow', response_json: '{}' } };
		const event = only({
			...sender,
			message: { type: 'interactive', interactive, context: { id: 'wamid.q' } },
		});
		expect(event).toMatchObject({
			event: 'message',
			inReplyTo: 'wamid.q',
			message: { type: 'interactive', interactive: { type: 'nfm_reply', raw: interactive } },
		});
	});

	it('a sender known only by business-scoped user id (WhatsApp’s from_user_id, camel case too)', () => {
		for (const key of ['from_user_id', 'fromUserId']) {
			const event = only({
				id: 'wamid.u',
				[key]: 'US.13491208655302741918',
				type: 'text',
				text: { body: 'hi' },
			});
			expect(event).toMatchObject({
				from: null,
				userId: 'US.13491208655302741918',
				text: 'hi',
				message: { type: 'text', text: 'hi' },
			});
		}
	});

	it('plain texts and media without a WhatsApp type keep working, with a message part', () => {
		expect(only({ from: '+1000000002', id: 't-1', text: 'Hello' }).message).toEqual({
			type: 'text',
			text: 'Hello',
		});
		expect(
			only({ from: '+1000000002', id: 'i-1', image: { link: 'https://x/y.jpg', caption: 'Look' } })
				.message,
		).toMatchObject({ type: 'image', caption: 'Look', media: { url: 'https://x/y.jpg' } });
	});

	it('a type that is no WhatsApp message type is no message', () => {
		expect(
			decodeMessangiCallback({ ...sender, type: 'campaign', campaign: { name: 'spring' } })
				.rejected,
		).toBeDefined();
	});

	it('a Cloud API envelope passed through: user ids and contact names by user id', () => {
		const body = cloudApiEnvelope() as { entry: Array<{ changes: Array<{ value: IDataObject }> }> };
		const value = body.entry[0].changes[0].value;
		value.contacts = [{ profile: { name: 'Alex' }, user_id: 'US.13491208655302741918' }];
		value.messages = [
			{
				from_user_id: 'US.13491208655302741918',
				id: 'wamid.cloud-text',
				timestamp: '1642531301',
				type: 'text',
				text: { body: 'Thanks!' },
			},
		];
		value.statuses = [
			{
				id: 'wamid.original',
				status: 'read',
				timestamp: '1642531302',
				recipient_user_id: 'US.13491208655302741918',
			},
		];
		const decoded = decodeMessangiCallback(body);
		expect(decoded.events).toEqual([
			expect.objectContaining({
				event: 'message',
				from: null,
				userId: 'US.13491208655302741918',
				contactName: 'Alex',
				text: 'Thanks!',
			}),
			expect.objectContaining({ event: 'status', userId: 'US.13491208655302741918' }),
		]);
	});
});
