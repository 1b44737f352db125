import { extractDateTime } from '../../../core/datetime';
import { DATETIME_FIXTURES } from '../../../core/datetime/fixtures';

describe('date/time evaluation set', () => {
	it('has a sizeable, unique set of cases', () => {
		expect(DATETIME_FIXTURES.length).toBeGreaterThanOrEqual(60);
		const keys = DATETIME_FIXTURES.map((f) => `${f.text}|${f.now}|${f.timeZone ?? ''}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it.each(DATETIME_FIXTURES.map((f) => [f.text, f] as const))('%s', (_text, fixture) => {
		const result = extractDateTime(fixture.text, { now: new Date(fixture.now), timeZone: fixture.timeZone });
		expect({ datetime: result.datetime, title: result.title }).toEqual({
			datetime: fixture.datetime,
			title: fixture.title,
		});
	});

	it('scores 100% on datetime and title together', () => {
		const correct = DATETIME_FIXTURES.filter((f) => {
			const r = extractDateTime(f.text, { now: new Date(f.now), timeZone: f.timeZone });
			return r.datetime === f.datetime && r.title === f.title;
		}).length;
		expect(correct / DATETIME_FIXTURES.length).toBe(1);
	});
});
