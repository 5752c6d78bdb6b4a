/**
 * Every request example in the two providers' documents, entered as UI fields and as JSON,
 * must encode to exactly the document's JSON.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import type { IDataObject } from 'n8n-workflow';
import { WhatsAppInteractive } from '../../nodes/WhatsAppInteractive/WhatsAppInteractive.node';
import { executeContext } from '../helpers/executeContext';

const fixture = (name: string) =>
	JSON.parse(readFileSync(resolve(__dirname, '../fixtures/seeds', name), 'utf8')) as IDataObject;

async function build(params: IDataObject): Promise<IDataObject> {
	const ctx = executeContext({ params: { operation: 'buildPayload', ...params } });
	const [[item]] = await new WhatsAppInteractive().execute.call(ctx);
	return item.json.body as IDataObject;
}

/** The same message entered as JSON: fields mode parameters replaced by `messageJson`. */
function asJson(params: IDataObject, message: IDataObject): IDataObject {
	const keep = ['provider', 'to', 'from', 'options'];
	const out: IDataObject = { defineMessage: 'json', messageJson: JSON.stringify(message) };
	for (const key of keep) if (params[key] !== undefined) out[key] = params[key];
	return out;
}

const messangiButtons = {
	fields: {
		provider: 'messangi',
		to: '+1000000002',
		from: '1000000001',
		defineMessage: 'fields',
		messageType: 'buttons',
		headerType: 'image',
		headerMediaUrl: 'https://example.com?media=image.png',
		bodyText:
			'Hi Alex! Your appointment with Dr. Smith is scheduled for 3:00 PM on Friday, September 15th. If you need to make changes, please use the buttons below.',
		footerText: 'Looking forward to seeing you!',
		buttons: {
			button: [
				{ id: '0', title: 'Change' },
				{ id: '1', title: 'Cancel' },
			],
		},
		options: {
			templateMessage: 'message text body of the registered template',
			clientId: 'clientId',
			externalId: '123456789abcde',
		},
	},
	json: {
		type: 'buttons',
		header: { type: 'image', url: 'https://example.com?media=image.png' },
		body: 'Hi Alex! Your appointment with Dr. Smith is scheduled for 3:00 PM on Friday, September 15th. If you need to make changes, please use the buttons below.',
		footer: 'Looking forward to seeing you!',
		buttons: [
			{ id: '0', title: 'Change' },
			{ id: '1', title: 'Cancel' },
		],
	},
};

const meal = [
	[
		"I'm Hungry!",
		'first-option',
		'Grilled Chicken Salad',
		'Fresh greens with a grilled chicken breast (300 kcal)',
	],
	[
		"I'm Hungry!",
		'second-option',
		'Veggie Wrap',
		'Tortilla stuffed with fresh veggies and hummus (250 kcal)',
	],
	['Light Bites', 'third-option', 'Fruit Bowl', 'A mix of seasonal fruits (150 kcal)'],
	[
		'Light Bites',
		'fourth-option',
		'Greek Yogurt',
		'Creamy yogurt with honey and granola (200 kcal)',
	],
];

const messangiList = {
	fields: {
		provider: 'messangi',
		from: '1000000001',
		to: '+1000000002',
		defineMessage: 'fields',
		messageType: 'list',
		headerType: 'text',
		headerText: 'Choose Your Meal Option',
		bodyText: 'What would you like for lunch today? Please select an option below.',
		footerText: "Foodie's Delight: Fresh meals, delivered fast.",
		listButtonText: 'Select Meal',
		rows: {
			row: meal.map(([section, id, title, description]) => ({ section, id, title, description })),
		},
	},
	json: {
		type: 'list',
		header: { type: 'text', text: 'Choose Your Meal Option' },
		body: 'What would you like for lunch today? Please select an option below.',
		footer: "Foodie's Delight: Fresh meals, delivered fast.",
		list: {
			button: 'Select Meal',
			sections: ["I'm Hungry!", 'Light Bites'].map((title) => ({
				title,
				rows: meal
					.filter((r) => r[0] === title)
					.map(([, id, t, description]) => ({ id, title: t, description })),
			})),
		},
	},
};

const slots = [
	['9ab8d65e-d389-4123-b97b-702e658cc9e4', 'August 7, 11:00', 'Saturday, August 7, 2021. 11:00AM'],
	['2051afef-e000-47d0-99a5-7d96c17968b2', 'August 7, 15:00', 'Saturday, August 7, 2021. 3:00PM'],
	['55baac93-a513-45d0-ad9e-2e2271861fc8', 'August 9, 11:00', 'Monday, August 9, 2021. 11:00AM'],
	['e2703f03-689c-4d1e-b0e9-4045d6687605', 'August 9, 15:00', 'Monday, August 9, 2021. 4:00PM'],
];

const sinchCommon = {
	provider: 'sinchLatam',
	to: '5519900001111',
	defineMessage: 'fields',
	bodyText: 'Main message text',
	footerText: 'Footer text',
	options: { correlationId: 'MyCorrelationId', alternativeText: 'Simple message text' },
};

const sinchList = {
	fields: {
		...sinchCommon,
		messageType: 'list',
		headerType: 'text',
		headerText: 'Sample text',
		listButtonText: 'button text',
		rows: {
			row: slots.map(([id, title, description]) => ({ section: '', id, title, description })),
		},
	},
	json: {
		type: 'list',
		header: { type: 'text', text: 'Sample text' },
		body: 'Main message text',
		footer: 'Footer text',
		list: {
			button: 'button text',
			sections: [{ rows: slots.map(([id, title, description]) => ({ id, title, description })) }],
		},
	},
};

const sinchButtonsBase = {
	...sinchCommon,
	messageType: 'buttons',
	buttons: {
		button: [
			{ id: 'callback_payload_1', title: 'Display Text 1' },
			{ id: 'callback_payload_2', title: 'Display Text 2' },
		],
	},
};

/** The Sinch reply-button example fills every header kind at once, which Sinch forbids: one at a time. */
const sinchHeaderVariants: Array<{ kind: string; fields: IDataObject; header: IDataObject }> = [
	{
		kind: 'text',
		fields: { headerType: 'text', headerText: 'Sample text' },
		header: { type: 'text', text: 'Sample text' },
	},
	{
		kind: 'image',
		fields: { headerType: 'image', headerMediaUrl: 'http://...jpg' },
		header: { type: 'image', url: 'http://...jpg' },
	},
	{
		kind: 'video',
		fields: { headerType: 'video', headerMediaUrl: 'http://...mp4' },
		header: { type: 'video', url: 'http://...mp4' },
	},
	{
		kind: 'document',
		fields: { headerType: 'document', headerMediaUrl: 'http://...pdf' },
		header: { type: 'document', url: 'http://...pdf' },
	},
	{
		kind: 'location',
		fields: {
			headerType: 'location',
			headerLatitude: -22.89418,
			headerLongitude: -47.04796,
			headerLocationName: 'Wavy',
			headerLocationAddress: 'Av. Cel. Silva Telles',
		},
		header: {
			type: 'location',
			latitude: -22.89418,
			longitude: -47.04796,
			name: 'Wavy',
			address: 'Av. Cel. Silva Telles',
		},
	},
];

function sinchButtonsSeed(kind: string): IDataObject {
	const seed = fixture('sinch-buttons-every-header.json');
	const header = ((seed.message as IDataObject).interactive as IDataObject).header as IDataObject;
	for (const key of Object.keys(header)) if (key !== kind) delete header[key];
	return seed;
}

describe('seed examples encode exactly', () => {
	const cases: Array<[string, { fields: IDataObject; json: IDataObject }, () => IDataObject]> = [
		['Messangi reply buttons', messangiButtons, () => fixture('messangi-buttons.json')],
		['Messangi list', messangiList, () => fixture('messangi-list.json')],
		['Sinch list', sinchList, () => fixture('sinch-list.json')],
	];
	for (const [name, example, seed] of cases) {
		it(`${name}, entered as fields`, async () => {
			expect(await build(example.fields)).toStrictEqual(seed());
		});
		it(`${name}, entered as JSON`, async () => {
			expect(await build(asJson(example.fields, example.json))).toStrictEqual(seed());
		});
	}
	for (const variant of sinchHeaderVariants) {
		const fields = { ...sinchButtonsBase, ...variant.fields };
		it(`Sinch reply buttons with a ${variant.kind} header, entered as fields`, async () => {
			expect(await build(fields)).toStrictEqual(sinchButtonsSeed(variant.kind));
		});
		it(`Sinch reply buttons with a ${variant.kind} header, entered as JSON`, async () => {
			const json = {
				type: 'buttons',
				header: variant.header,
				body: 'Main message text',
				footer: 'Footer text',
				buttons: sinchButtonsBase.buttons.button,
			};
			expect(await build(asJson(fields, json))).toStrictEqual(sinchButtonsSeed(variant.kind));
		});
	}
	it('the Sinch example as written (every header kind at once) is rejected', async () => {
		const seed = fixture('sinch-buttons-every-header.json');
		const header = ((seed.message as IDataObject).interactive as IDataObject).header;
		expect(Object.keys(header as IDataObject)).toHaveLength(5);
		// The neutral model holds exactly one header, so such a message cannot even be written as JSON.
		const ctx = executeContext({
			params: {
				operation: 'buildPayload',
				provider: 'sinchLatam',
				to: '5519900001111',
				defineMessage: 'json',
				messageJson: {
					type: 'buttons',
					header: { type: 'text', text: 'a', image: { url: 'x' } },
					body: 'b',
					buttons: [{ id: '1', title: 't' }],
				},
			},
		});
		await expect(new WhatsAppInteractive().execute.call(ctx)).rejects.toThrow(
			/Unknown field "image" in Header/,
		);
	});
});

describe('the Sinch reply-button example as the document prints it', () => {
	const asWritten = readFileSync(
		resolve(__dirname, '../fixtures/seeds/sinch-buttons-as-written.txt'),
		'utf8',
	);
	it('is not valid JSON (a trailing comma)', () => {
		expect(() => JSON.parse(asWritten)).toThrow();
	});
	it('is the every-header fixture once that comma is removed: every header kind at once', () => {
		const repaired = JSON.parse(asWritten.replace(/\],\s*\n(\s*)\}/, ']\n$1}'));
		expect(repaired).toStrictEqual(fixture('sinch-buttons-every-header.json'));
		const header = repaired.message.interactive.header;
		expect(Object.keys(header).sort()).toEqual(['document', 'image', 'location', 'text', 'video']);
	});
});
