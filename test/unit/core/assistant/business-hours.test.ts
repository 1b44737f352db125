import fc from 'fast-check';

import {
	answerTime,
	brazilianNationalHolidays,
	BusinessHoursError,
	businessHoursFromEnv,
	dayAndTime,
	easterSunday,
	estimateAnswer,
	parseBusinessHours,
	type BusinessHours,
} from '../../../../core/assistant/business-hours';

const SP = 'America/Sao_Paulo';
const hours = (env: Record<string, string> = {}): BusinessHours => businessHoursFromEnv(env);
/** An instant from São Paulo wall time (UTC-3 all year since 2019). */
const sp = (isoLocal: string) => Date.parse(`${isoLocal}-03:00`);

describe('parseBusinessHours', () => {
	it('reads the default Monday-to-Friday week', () => {
		const week = parseBusinessHours('mon-fri 09:00-18:00');
		expect(week[0]).toEqual([]);
		expect(week[6]).toEqual([]);
		for (let d = 1; d <= 5; d++) expect(week[d]).toEqual([{ open: 540, close: 1080 }]);
	});

	it('reads Portuguese day names, several groups, single days and wrapping ranges', () => {
		const week = parseBusinessHours('seg-sex 08:30-17:30; sáb 09:00-12:00');
		expect(week[1]).toEqual([{ open: 510, close: 1050 }]);
		expect(week[6]).toEqual([{ open: 540, close: 720 }]);
		expect(week[0]).toEqual([]);
		const wrap = parseBusinessHours('fri-mon 10:00-14:00');
		expect([5, 6, 0, 1].every((d) => wrap[d][0]?.open === 600)).toBe(true);
		expect(wrap[2]).toEqual([]);
	});

	it('reads a lunch break as two ranges of the day, in order', () => {
		const week = parseBusinessHours('mon-fri 13:00-18:00; mon-fri 09:00-12:00');
		expect(week[3]).toEqual([{ open: 540, close: 720 }, { open: 780, close: 1080 }]);
	});

	it.each([
		['', /empty/],
		['mon-fri', /cannot read/],
		['xyz 09:00-18:00', /"xyz" is not a weekday/],
		['mon 9h-18h', /"9h" is not a time/],
		['mon 09:00-25:00', /"25:00" is not a time/],
		['mon 18:00-09:00', /closes before it opens/],
		['mon-fri 09:00-18:00; fri 10:00-12:00', /overlap/],
	])('refuses %j, saying what is wrong', (spec, message) => {
		expect(() => parseBusinessHours(spec)).toThrow(BusinessHoursError);
		expect(() => parseBusinessHours(spec)).toThrow(message);
	});
});

describe('businessHoursFromEnv', () => {
	it('defaults to Brazil: São Paulo, national holidays, 60 minutes', () => {
		const h = hours();
		expect(h).toMatchObject({ timeZone: SP, holidays: 'br', responseMinutes: 60 });
		expect(h.week[3]).toEqual([{ open: 540, close: 1080 }]);
	});

	it('takes every variable, blank meaning the default', () => {
		const h = hours({ BESTSTAG_BUSINESS_HOURS: 'mon 10:00-11:00', BESTSTAG_BUSINESS_TIMEZONE: 'Europe/Lisbon', BESTSTAG_BUSINESS_HOLIDAYS: 'none', BESTSTAG_HANDOFF_RESPONSE_MINUTES: '30' });
		expect(h).toMatchObject({ timeZone: 'Europe/Lisbon', holidays: 'none', responseMinutes: 30 });
		expect(hours({ BESTSTAG_BUSINESS_HOURS: '  ' }).week[1]).toEqual([{ open: 540, close: 1080 }]);
	});

	it('refuses bad values naming the variable', () => {
		expect(() => hours({ BESTSTAG_BUSINESS_HOLIDAYS: 'us' })).toThrow(/BESTSTAG_BUSINESS_HOLIDAYS/);
		expect(() => hours({ BESTSTAG_HANDOFF_RESPONSE_MINUTES: '0' })).toThrow(/BESTSTAG_HANDOFF_RESPONSE_MINUTES/);
		expect(() => hours({ BESTSTAG_HANDOFF_RESPONSE_MINUTES: '1.5' })).toThrow(/whole minutes/);
		expect(() => hours({ BESTSTAG_BUSINESS_TIMEZONE: 'Mars/Olympus' })).toThrow(/Unknown time zone/);
	});
});

describe('Brazilian national holidays', () => {
	it.each([
		[2024, { month: 3, day: 31 }],
		[2025, { month: 4, day: 20 }],
		[2026, { month: 4, day: 5 }],
		[2027, { month: 3, day: 28 }],
		[2038, { month: 4, day: 25 }],
	])('Easter %i', (year, date) => {
		expect(easterSunday(year)).toEqual({ year, ...date });
	});

	it('lists 2026 as the federal calendar does, Good Friday included, Carnival not', () => {
		const days = brazilianNationalHolidays(2026).map((d) => `${d.month}-${d.day}`);
		expect(days).toEqual(['1-1', '4-3', '4-21', '5-1', '9-7', '10-12', '11-2', '11-15', '11-20', '12-25']);
	});

	it('has Black Consciousness Day only from 2024 (Lei 14.759/2023)', () => {
		expect(brazilianNationalHolidays(2023).some((d) => d.month === 11 && d.day === 20)).toBe(false);
		expect(brazilianNationalHolidays(2024).some((d) => d.month === 11 && d.day === 20)).toBe(true);
	});
});

describe('estimateAnswer', () => {
	it('is soon inside hours, up to the minute before closing', () => {
		expect(estimateAnswer(sp('2026-11-30T09:00:00'), hours())).toEqual({ kind: 'soon', minutes: 60 });
		expect(estimateAnswer(sp('2026-11-30T17:59:00'), hours())).toEqual({ kind: 'soon', minutes: 60 });
	});

	it('opens later the same day before hours, next working day after hours', () => {
		expect(estimateAnswer(sp('2026-11-30T07:10:00'), hours())).toEqual({ kind: 'opens', at: sp('2026-11-30T09:00:00') });
		expect(estimateAnswer(sp('2026-11-30T18:00:00'), hours())).toEqual({ kind: 'opens', at: sp('2026-12-01T09:00:00') });
	});

	it('during the lunch break, the afternoon opening', () => {
		const lunch = hours({ BESTSTAG_BUSINESS_HOURS: 'mon-fri 09:00-12:00; mon-fri 13:00-18:00' });
		expect(estimateAnswer(sp('2026-11-30T12:30:00'), lunch)).toEqual({ kind: 'opens', at: sp('2026-11-30T13:00:00') });
		expect(estimateAnswer(sp('2026-11-30T11:59:00'), lunch)).toEqual({ kind: 'soon', minutes: 60 });
		expect(estimateAnswer(sp('2026-11-30T13:00:00'), lunch)).toEqual({ kind: 'soon', minutes: 60 });
	});

	it('skips the weekend: Friday night and Saturday mean Monday', () => {
		expect(estimateAnswer(sp('2026-12-04T19:00:00'), hours())).toEqual({ kind: 'opens', at: sp('2026-12-07T09:00:00') });
		expect(estimateAnswer(sp('2026-12-05T11:00:00'), hours())).toEqual({ kind: 'opens', at: sp('2026-12-07T09:00:00') });
	});

	it('skips national holidays (Christmas 2026 is a Friday), unless they are turned off', () => {
		expect(estimateAnswer(sp('2026-12-24T20:00:00'), hours())).toEqual({ kind: 'opens', at: sp('2026-12-28T09:00:00') });
		expect(estimateAnswer(sp('2026-12-25T10:00:00'), hours())).toEqual({ kind: 'opens', at: sp('2026-12-28T09:00:00') });
		expect(estimateAnswer(sp('2026-12-25T10:00:00'), hours({ BESTSTAG_BUSINESS_HOLIDAYS: 'none' }))).toEqual({ kind: 'soon', minutes: 60 });
	});

	it('counts hours in the team zone, whatever the instant', () => {
		const lisbon = hours({ BESTSTAG_BUSINESS_TIMEZONE: 'Europe/Lisbon' });
		// 07:00 in São Paulo is 10:00 in Lisbon (WET, UTC+0 in winter).
		expect(estimateAnswer(sp('2026-11-30T07:00:00'), lisbon)).toEqual({ kind: 'soon', minutes: 60 });
	});

	it('always answers a future opening or soon, for any instant (property)', () => {
		const h = hours({ BESTSTAG_BUSINESS_HOURS: 'seg-sex 08:00-12:00; seg-sex 13:30-17:00; sab 09:00-10:00' });
		fc.assert(
			fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }), (now) => {
				const e = estimateAnswer(now, h);
				if (e.kind === 'opens') {
					expect(e.at).toBeGreaterThan(now);
					// No earlier opening is skipped: the team is not in at any whole minute before it.
					expect(estimateAnswer(e.at - 60_000, h).kind).toBe('opens');
					expect(estimateAnswer(e.at, h).kind).toBe('soon');
				}
			}),
			{ numRuns: 200 },
		);
	});

	it('refuses a week with no day open', () => {
		expect(() => estimateAnswer(0, { ...hours(), week: new Array(7).fill([]) })).toThrow(/no open day/);
	});
});

describe('dayAndTime / answerTime', () => {
	it('words the opening relative to the user\'s today', () => {
		const now = sp('2026-11-30T20:00:00'); // Monday
		expect(dayAndTime(sp('2026-12-01T09:00:00'), now, SP)).toMatchObject({ day: 'tomorrow', weekday: 2, time: '09:00' });
		expect(dayAndTime(sp('2026-11-30T21:00:00'), now, SP)).toMatchObject({ day: 'today', time: '21:00' });
		expect(dayAndTime(sp('2026-12-04T09:00:00'), now, SP)).toMatchObject({ day: 'weekday', weekday: 5 });
		expect(dayAndTime(sp('2026-12-08T09:00:00'), now, SP)).toMatchObject({ day: 'date', date: { year: 2026, month: 12, day: 8 } });
	});

	it('tells a user in another zone their own clock', () => {
		const now = sp('2026-12-04T19:00:00'); // Friday evening in São Paulo, 22:00 in Lisbon
		expect(answerTime(now, hours(), 'Europe/Lisbon')).toEqual({ kind: 'opens', day: 'weekday', weekday: 1, date: { year: 2026, month: 12, day: 7 }, time: '12:00' });
		expect(answerTime(sp('2026-12-01T10:00:00'), hours(), SP)).toEqual({ kind: 'soon', minutes: 60 });
	});
});
