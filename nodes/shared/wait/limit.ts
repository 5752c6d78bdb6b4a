/**
 * When a Send and Wait for Response stops waiting: never, after an interval, or at a date and time
 * (as n8n's Wait node and its own send-and-wait nodes offer). n8n resumes a waiting execution at
 * its `waitTill`; "never" is n8n's own far-future date, `WAIT_INDEFINITELY` (3000-01-01), so a
 * limit must come before it. Every problem is found here, before the question is sent.
 */
import { WAIT_INDEFINITELY } from 'n8n-workflow';
import { own } from '../model/values';

export type LimitType = 'none' | 'afterTimeInterval' | 'atSpecifiedTime';
export type LimitUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export interface LimitSettings {
	limitType: unknown;
	resumeAmount?: unknown;
	resumeUnit?: unknown;
	maxDateAndTime?: unknown;
}

const UNIT_MS: Record<LimitUnit, number> = {
	seconds: 1000,
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

const UNIT_NAMES = 'Seconds, Minutes, Hours or Days';

function isUnit(unit: string): unit is LimitUnit {
	// Own keys only: `constructor`, `toString` or `__proto__` are not units.
	return own(UNIT_MS, unit) !== undefined;
}

/** A limit at or after n8n's "wait indefinitely" would never be a limit. */
function beyondIndefinitely(date: Date): boolean {
	return date.getTime() >= WAIT_INDEFINITELY.getTime();
}

/** The date to wait until, or a message saying what is wrong with the settings and how to fix it. */
export function waitUntil(
	settings: LimitSettings,
	now: number,
): { ok: true; date: Date; limited: boolean } | { ok: false; message: string } {
	const type = settings.limitType ?? 'none';
	if (type === 'none') return { ok: true, date: WAIT_INDEFINITELY, limited: false };
	if (type === 'afterTimeInterval') {
		const amount = Number(settings.resumeAmount);
		const unit = String(settings.resumeUnit ?? 'hours');
		if (!isUnit(unit))
			return {
				ok: false,
				message: `Limit Wait Time unit must be ${UNIT_NAMES}, not "${unit}"`,
			};
		if (!Number.isFinite(amount) || amount <= 0) {
			return {
				ok: false,
				message: `Limit Wait Time amount must be a number above 0, not "${String(settings.resumeAmount)}"`,
			};
		}
		const date = new Date(now + amount * UNIT_MS[unit]);
		if (Number.isNaN(date.getTime()) || beyondIndefinitely(date)) {
			return {
				ok: false,
				message: `Limit Wait Time of ${String(settings.resumeAmount)} ${unit} ends after the year 3000, which n8n treats as waiting forever; choose a shorter time, or None to wait without a limit`,
			};
		}
		return { ok: true, date, limited: true };
	}
	if (type === 'atSpecifiedTime') {
		const raw = settings.maxDateAndTime;
		const date =
			raw instanceof Date ? raw : new Date(typeof raw === 'number' ? raw : String(raw ?? ''));
		if (raw === '' || raw === undefined || raw === null || Number.isNaN(date.getTime())) {
			return {
				ok: false,
				message: `Limit Wait Time needs a valid date and time (e.g. 2026-12-24T18:00:00Z), not "${String(raw ?? '')}"`,
			};
		}
		if (date.getTime() <= now) {
			return {
				ok: false,
				message: `Limit Wait Time is ${date.toISOString()}, which has passed; pick a later date and time`,
			};
		}
		if (beyondIndefinitely(date)) {
			return {
				ok: false,
				message: `Limit Wait Time is ${date.toISOString()}, on or after the year 3000, which n8n treats as waiting forever; pick an earlier date and time, or None to wait without a limit`,
			};
		}
		return { ok: true, date, limited: true };
	}
	return {
		ok: false,
		message: `Limit Wait Time must be None, After Time Interval or At Specified Time, not "${String(type)}"`,
	};
}
