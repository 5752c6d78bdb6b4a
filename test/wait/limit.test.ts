import { WAIT_INDEFINITELY } from 'n8n-workflow';
import { waitUntil } from '../../nodes/shared/wait/limit';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('Limit Wait Time', () => {
	test('none waits as long as n8n can', () => {
		expect(waitUntil({ limitType: 'none' }, NOW)).toEqual({
			ok: true,
			date: WAIT_INDEFINITELY,
			limited: false,
		});
	});

	test.each([
		[30, 'seconds', 30_000],
		[1.5, 'minutes', 90_000],
		[2, 'hours', 7_200_000],
		[1, 'days', 86_400_000],
	])('%s %s', (amount, unit, ms) => {
		expect(
			waitUntil({ limitType: 'afterTimeInterval', resumeAmount: amount, resumeUnit: unit }, NOW),
		).toEqual({
			ok: true,
			date: new Date(NOW + ms),
			limited: true,
		});
	});

	test('a date and time', () => {
		expect(
			waitUntil({ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-12-24T18:00:00Z' }, NOW),
		).toEqual({
			ok: true,
			date: new Date('2026-12-24T18:00:00Z'),
			limited: true,
		});
	});

	test.each([
		[
			{ limitType: 'afterTimeInterval', resumeAmount: 0, resumeUnit: 'hours' },
			/amount must be a number above 0/,
		],
		[
			{ limitType: 'afterTimeInterval', resumeAmount: 'soon', resumeUnit: 'hours' },
			/amount must be a number above 0, not "soon"/,
		],
		[
			{ limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'weeks' },
			/unit must be Seconds, Minutes, Hours or Days, not "weeks"/,
		],
		[{ limitType: 'atSpecifiedTime', maxDateAndTime: '' }, /needs a valid date and time/],
		[
			{ limitType: 'atSpecifiedTime', maxDateAndTime: 'next friday' },
			/needs a valid date and time .* not "next friday"/,
		],
		[
			{ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-11-30T00:00:00Z' },
			/which has passed; pick a later date/,
		],
		[
			{ limitType: 'forever' },
			/must be None, After Time Interval or At Specified Time, not "forever"/,
		],
	])('%j is refused with a message that says how to fix it', (settings, message) => {
		const result = waitUntil(settings, NOW);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(message);
	});
});
