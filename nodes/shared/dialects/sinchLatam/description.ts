/** What the editor shows for Sinch LATAM: its Options and the trigger's set-up notice. */
import type { INodeProperties } from 'n8n-workflow';

export const sinchLatamOptions: INodeProperties[] = [
	{
		displayName: 'Alternative Text',
		name: 'alternativeText',
		type: 'string',
		default: '',
		description: "Text sent instead when the recipient's phone cannot show interactive messages",
	},
	{
		displayName: 'Correlation ID',
		name: 'correlationId',
		type: 'string',
		default: '',
		description: 'Your own ID for this message; Sinch returns it in status callbacks and replies',
	},
];

export const sinchLatamTriggerNotice =
	'Copy the Production URL from Webhook URLs above and send it to Sinch support: they set one callback URL per account, which receives both replies and delivery statuses. The trigger answers each callback once n8n has stored its execution (Options → Acknowledge), normally well within the 200 ms Sinch waits before it retries.';
