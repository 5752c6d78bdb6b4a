/**
 * Send and Wait for Response → Response Type Form (WhatsApp Flow): the question (n8n's own name,
 * `message`) goes as the body of a Flow message, whose button opens the Flow; the node sets the
 * Flow Token itself (the wait's signed reference), so the Flow's fields are those of Message Type
 * WhatsApp Flow without it.
 */
import type { INodeProperties } from 'n8n-workflow';
import { DIALECTS } from '../../shared/dialects';
import { docsLink } from '../../shared/description/provider';
import { questionProperty } from './approval';
import { flowFields } from './flow';

const form = { operation: ['sendAndWait'], responseType: ['form'] };

export const formProperties: INodeProperties[] = [
	{
		displayName: `The workflow pauses until the number asked submits the Flow: its button opens the form inside WhatsApp, and the submitted fields are this node's output. The Flow's reply reaches n8n through an active WhatsApp Interactive Trigger for the WhatsApp Cloud API that checks its callbacks. The node sets the Flow Token itself: end the Flow with a complete action that sends the token back (Meta does by default). ${docsLink('docs/send-and-wait.md#ask-with-a-form-whatsapp-flow', 'How a form answer reaches this node')}`,
		name: 'formNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: form },
	},
	questionProperty(
		form,
		'e.g. Please book your appointment: tap the button to pick a day and a time.',
		"The question, sent as the Flow message's body (WhatsApp Cloud API, up to 1024 characters)",
	),
	...flowFields(DIALECTS, { show: form }, { token: false }),
];
