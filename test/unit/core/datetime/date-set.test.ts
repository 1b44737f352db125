import { DATETIME_FIXTURES, loadDateSet } from '../../../../bench/date-set';
import { extractDateTime } from '../../../../core/datetime';

const kinds = loadDateSet();

describe('the labelled date set (test/data/datetime)', () => {
	it('has a sizeable set of unique cases', () => {
		expect(DATETIME_FIXTURES.length).toBeGreaterThanOrEqual(60);
		const keys = DATETIME_FIXTURES.map((f) => `${f.text}|${f.now}|${f.timeZone}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('gives every case a reference instant and a zone Intl knows', () => {
		for (const c of DATETIME_FIXTURES) {
			expect(Number.isNaN(Date.parse(c.now))).toBe(false);
			expect(() => new Intl.DateTimeFormat('en-US', { timeZone: c.timeZone })).not.toThrow();
		}
	});
});

describe.each(kinds.map((k) => [k.kind, k] as const))('kind %s', (_kind, kind) => {
	it.each(kind.cases.map((c) => [c.text, c] as const))('%s', (_text, c) => {
		const result = extractDateTime(c.text, { now: new Date(c.now), timeZone: c.timeZone });
		expect({ datetime: result.datetime, title: result.title }).toEqual({ datetime: c.datetime, title: c.title });
	});
});
