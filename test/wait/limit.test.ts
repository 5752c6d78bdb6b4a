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

	test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
		'the unit %s (a property every object has) is not a unit',
		(unit) => {
			const result = waitUntil(
				{ limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: unit },
				NOW,
			);
			expect(result).toEqual({
				ok: false,
				message: `Limit Wait Time unit must be Seconds, Minutes, Hours or Days, not "${unit}"`,
			});
		},
	);

	test.each([NaN, Infinity, -Infinity, 'Infinity', '1e400'])(
		'the amount %s is refused',
		(amount) => {
			const result = waitUntil(
				{ limitType: 'afterTimeInterval', resumeAmount: amount, resumeUnit: 'seconds' },
				NOW,
			);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.message).toMatch(/amount must be a number above 0/);
		},
	);

	test.each([
		[1e6, 'days'],
		[1e12, 'hours'],
		[Number.MAX_SAFE_INTEGER, 'days'],
		[1e300, 'seconds'],
	])('%s %s ends after the year 3000 (or is no date at all) and is refused', (amount, unit) => {
		const result = waitUntil(
			{ limitType: 'afterTimeInterval', resumeAmount: amount, resumeUnit: unit },
			NOW,
		);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.message).toMatch(
				/ends after the year 3000, which n8n treats as waiting forever; choose a shorter time, or None/,
			);
	});

	test('the last day before the year 3000 is a limit; the year 3000 itself is not', () => {
		const before = waitUntil(
			{ limitType: 'atSpecifiedTime', maxDateAndTime: '2999-12-31T23:59:59Z' },
			NOW,
		);
		expect(before).toEqual({ ok: true, date: new Date('2999-12-31T23:59:59Z'), limited: true });
		for (const raw of [
			WAIT_INDEFINITELY.toISOString(),
			'3500-01-01T00:00:00Z',
			WAIT_INDEFINITELY,
		]) {
			const result = waitUntil({ limitType: 'atSpecifiedTime', maxDateAndTime: raw }, NOW);
			expect(result.ok).toBe(false);
			if (!result.ok)
				expect(result.message).toMatch(/on or after the year 3000, .* pick an earlier date/);
		}
		const huge = waitUntil({ limitType: 'atSpecifiedTime', maxDateAndTime: 1e20 }, NOW);
		expect(huge.ok).toBe(false);
		if (!huge.ok) expect(huge.message).toMatch(/needs a valid date and time/);
	});
});
