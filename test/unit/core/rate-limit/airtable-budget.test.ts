import fc from 'fast-check';

import { AIRTABLE_ARRIVAL_MARGIN_MS, AIRTABLE_CLIENT_BUDGET, airtableBaseBudget, parseAirtableBudget } from '../../../../core/rate-limit/airtable-budget';
import { WindowLimiter } from '../../../../core/rate-limit/window-limiter';

describe('the one Airtable request budget per base', () => {
	it('defaults to 4 requests per second, booked over a second plus the arrival margin', () => {
		expect(parseAirtableBudget(undefined)).toEqual({ perSecond: 4, limit: 4, windowMs: 1_000 + AIRTABLE_ARRIVAL_MARGIN_MS });
		expect(parseAirtableBudget('  ')).toEqual(AIRTABLE_CLIENT_BUDGET);
		expect(parseAirtableBudget(' 3 ')).toMatchObject({ perSecond: 3, limit: 3 });
		expect(airtableBaseBudget(5).limit).toBe(5);
	});

	it.each(['0', '6', '4.5', 'four', '-1', '1e1'])('refuses BESTSTAG_AIRTABLE_BUDGET=%j, naming the variable and the range', (raw) => {
		expect(() => parseAirtableBudget(raw)).toThrow(/BESTSTAG_AIRTABLE_BUDGET must be a whole number of requests per second from 1 to 5/);
	});

	it('never lets more than the budget arrive in any 1 s when each request arrives within the margin of its booking', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 5 }),
				fc.array(fc.record({ gap: fc.integer({ min: 0, max: 400 }), delay: fc.integer({ min: 0, max: AIRTABLE_ARRIVAL_MARGIN_MS }) }), { minLength: 1, maxLength: 60 }),
				(perSecond, requests) => {
					const budget = airtableBaseBudget(perSecond);
					let t = 0;
					const limiter = new WindowLimiter({ limit: budget.limit, windowMs: budget.windowMs, now: () => t });
					const arrivals: number[] = [];
					for (const { gap, delay } of requests) {
						t += gap;
						// Wait as acquire() does, then book; the request reaches Airtable `delay` ms later.
						for (let wait = limiter.waitMs('app'); wait > 0; wait = limiter.waitMs('app')) t += wait;
						expect(limiter.tryAcquire('app')).toBe(true);
						arrivals.push(t + delay);
					}
					arrivals.sort((a, b) => a - b);
					for (let i = perSecond; i < arrivals.length; i++) expect(arrivals[i] - arrivals[i - perSecond]).toBeGreaterThanOrEqual(1_000);
				},
			),
		);
	});
});
