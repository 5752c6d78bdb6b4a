/**
 * Encode + validate throughput: messages per second for a 3-button message and a 10-row list,
 * both dialects, from the neutral model (what fields mode builds) and from JSON text (JSON mode),
 * against JSON.stringify of the same payload in the same run.
 */
import { getDialect } from '../nodes/shared/dialects';
import type { InteractiveMessage } from '../nodes/shared/model/message';
import { parseMessage } from '../nodes/shared/kinds';

const buttons: InteractiveMessage = {
	type: 'buttons',
	header: { type: 'text', text: 'Appointment reminder 🗓️' },
	body: 'Hi Alex! Your appointment with Dr. Smith is on Friday at 3:00 PM. Please confirm below.',
	footer: 'Clinic Central',
	buttons: [
		{ id: 'confirm', title: 'Confirm' },
		{ id: 'reschedule', title: 'Reschedule' },
		{ id: 'cancel', title: 'Cancel' },
	],
};

const list: InteractiveMessage = {
	type: 'list',
	header: { type: 'text', text: 'Choose a time' },
	body: 'These are the free slots this week. Pick one and we will book it for you.',
	footer: 'Times are local',
	list: {
		button: 'See times',
		sections: [
			{
				title: 'This week',
				rows: Array.from({ length: 10 }, (_, i) => ({
					id: `slot-${i}-9ab8d65e-d389-4123-b97b-702e658cc9e4`,
					title: `August ${7 + i}, 11:00`,
					description: `Day ${i + 1} of the campaign, 11:00 AM, room ${100 + i}`,
				})),
			},
		],
	},
};

function rate(fn: () => unknown, minMs = 700): number {
	for (let i = 0; i < 2000; i++) fn(); // warm up
	let n = 0;
	const start = process.hrtime.bigint();
	let elapsed = 0;
	while (elapsed < minMs) {
		for (let i = 0; i < 1000; i++) fn();
		n += 1000;
		elapsed = Number(process.hrtime.bigint() - start) / 1e6;
	}
	return (n / elapsed) * 1000;
}

export interface EncodeRow {
	dialect: string;
	message: string;
	mode: string;
	perSecond: number;
	stringifyPerSecond: number;
	ratio: number;
}

export function runEncodeBench(): EncodeRow[] {
	const rows: EncodeRow[] = [];
	for (const provider of ['messangi', 'sinchLatam']) {
		const dialect = getDialect(provider);
		const envelope = {
			to: '+55 (19) 90000-1111',
			from: '15550001111',
			options: { externalId: 'x-1', correlationId: 'c-1' },
		};
		for (const [name, message] of [
			['3 buttons', buttons],
			['10-row list', list],
		] as const) {
			const encode = () => {
				const issues = dialect.validate(message);
				const result = dialect.encode(message, envelope);
				if (issues.length || !result.request) throw new Error('bench message is invalid');
				return result.request.body;
			};
			const payload = encode();
			const stringify = rate(() => JSON.stringify(payload));
			const fromModel = rate(encode);
			rows.push({
				dialect: provider,
				message: name,
				mode: 'model (fields)',
				perSecond: fromModel,
				stringifyPerSecond: stringify,
				ratio: fromModel / stringify,
			});
			const text = JSON.stringify(message);
			const fromJson = rate(() => {
				const parsed = parseMessage(text);
				if (!parsed.message) throw new Error('bench JSON is invalid');
				const issues = dialect.validate(parsed.message);
				const result = dialect.encode(parsed.message, envelope);
				if (issues.length || !result.request) throw new Error('bench message is invalid');
				return result.request.body;
			});
			rows.push({
				dialect: provider,
				message: name,
				mode: 'JSON text',
				perSecond: fromJson,
				stringifyPerSecond: stringify,
				ratio: fromJson / stringify,
			});
		}
	}
	return rows;
}

if (require.main === module && process.argv.includes('--json')) {
	process.stdout.write(JSON.stringify({ node: process.version, rows: runEncodeBench() }));
} else if (require.main === module) {
	console.table(
		runEncodeBench().map((r) => ({
			...r,
			perSecond: Math.round(r.perSecond),
			stringifyPerSecond: Math.round(r.stringifyPerSecond),
			ratio: r.ratio.toFixed(3),
		})),
	);
}
