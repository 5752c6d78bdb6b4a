/** What the editor shows for Messangi: its sender field, its Options and the trigger's set-up notice. */
import type { INodeProperties } from 'n8n-workflow';

export const messangiFrom = {
	placeholder: '15550001111',
	description: 'The WhatsApp Business number that sends the message, as registered with Messangi',
};

export const messangiOptions: INodeProperties[] = [
	{
		displayName: 'Callback URLs',
		name: 'callbackUrls',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/webhook',
		description:
			"Where Messangi posts delivery statuses for this message, comma-separated. Paste the WhatsApp Interactive Trigger's production URL here, with its webhook secret (…/webhook?secret=YOUR_SECRET): Messangi signs nothing, so the secret in the URL is how the trigger knows the status is Messangi's. Build Payload shows the secret as REDACTED.",
	},
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		description: 'Your own ID for the recipient; Messangi echoes it in status callbacks',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description:
			'Your own ID for this message, for reports; Messangi echoes it in status callbacks',
	},
	{
		displayName: 'Reply To Message ID',
		name: 'replyToMessageId',
		type: 'string',
		default: '',
		description:
			'Text messages only: the ID of a message this one answers, sent as replyTo; WhatsApp shows that message quoted above the new one',
	},
	{
		displayName: 'Template Message',
		name: 'templateMessage',
		type: 'string',
		default: '',
		description:
			'The text body of a registered template, sent as Messangi\'s "message" field when given (not with a text message, whose Body goes there)',
	},
];

export const messangiTriggerNotice =
	"Copy the Production URL from Webhook URLs above. Messangi posts delivery statuses to the callback URLs given with each message: in the WhatsApp Interactive node, add the option Callback URLs and paste this URL. For replies from users, ask Messangi support to post your number's inbound messages to the same URL.";
