import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { getDialect } from '../shared/dialects';
import { buildPayload } from './actions/buildPayload';
import { messangiApiTest, sinchLatamApiTest } from './actions/credentialTest';
import { send } from './actions/send';
import { commonProperties } from './description/common';
import { messageProperties } from './description/message';
import { optionsProperties } from './description/options';

export class WhatsAppInteractive implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Interactive',
		name: 'whatsAppInteractive',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "buildPayload" ? "Build payload" : "Send"}}: {{$parameter["provider"] === "sinchLatam" ? "Sinch LATAM" : "Messangi"}}',
		description: 'Send WhatsApp reply-button and list messages through Messangi or Sinch LATAM',
		defaults: { name: 'WhatsApp Interactive' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'messangiApi',
				required: true,
				testedBy: 'messangiApiTest',
				displayOptions: { show: { provider: ['messangi'], operation: ['send'] } },
			},
			{
				name: 'sinchLatamApi',
				required: true,
				testedBy: 'sinchLatamApiTest',
				displayOptions: { show: { provider: ['sinchLatam'], operation: ['send'] } },
			},
		],
		properties: [...commonProperties, ...messageProperties, ...optionsProperties],
	};

	methods = {
		credentialTest: { messangiApiTest, sinchLatamApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const dialect = getDialect(this.getNodeParameter('provider', 0) as string);
		const operation = this.getNodeParameter('operation', 0) as string;
		const items = operation === 'buildPayload' ? buildPayload(this, dialect) : await send(this, dialect);
		return [items];
	}
}
