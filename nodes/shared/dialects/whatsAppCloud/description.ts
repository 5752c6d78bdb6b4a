/** What the editor shows for the WhatsApp Cloud API: its sender, its Options and the trigger's set-up notice. */
import type { INodeProperties } from 'n8n-workflow';

export const PHONE_NUMBERS_METHOD = 'whatsAppCloudPhoneNumbers';

export const whatsAppCloudFrom = {
	description:
		'The business phone number that sends the message, listed from the WhatsApp Business Account ID in the credential. Choose from the list, or specify a phone number ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>; without a credential (Build Payload) the list stays empty, so give the ID that way.',
	loadOptionsMethod: PHONE_NUMBERS_METHOD,
};

export const whatsAppCloudOptions: INodeProperties[] = [
	{
		displayName: 'Correlation ID',
		name: 'correlationId',
		type: 'string',
		default: '',
		description:
			'Your own ID for this message, up to 512 characters; sent as biz_opaque_callback_data, which Meta returns in the status webhooks of the message',
	},
	{
		displayName: 'Reply To Message ID',
		name: 'replyToMessageId',
		type: 'string',
		default: '',
		placeholder: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUI…',
		description:
			'The wamid of a message this one answers; WhatsApp shows it quoted above the new message',
	},
];

export const whatsAppCloudTriggerNotice =
	'In your Meta app (WhatsApp → Configuration → Webhook), enter the Production URL above as Callback URL and the Verify Token of this trigger\'s credential, then subscribe to the "messages" field. Publish the workflow first: Meta verifies the URL with a GET at once. Every callback is checked against its X-Hub-Signature-256 with the App Secret.';
