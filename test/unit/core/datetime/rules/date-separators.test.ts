import { TWO_DIGIT_YEAR_PIVOT, expandYear } from '../../../../../core/datetime/lexicon';
import { dateSeparatorRules } from '../../../../../core/datetime/rules/date-separators';
import { matchWith } from './support';

const date = (day: number, month: number, year?: number) => [{ kind: 'day', spec: { type: 'date', day, month, year } }];

describe('rules/date-separators', () => {
	it.each([
		['1-3-2013', date(1, 3, 2013)],
		['1.3.2013', date(1, 3, 2013)],
		['31.10.74', date(31, 10, 1974)],
		['15-03-26', date(15, 3, 2026)],
		['dia 20-02', date(20, 2)],
		['dia 15.03', date(15, 3)],
	])('%s', (text, facets) => {
		expect(matchWith(dateSeparatorRules, text)).toEqual([['date-dash-dot', text, facets]]);
	});

	it('refuses scores, ranges, decimals, versions, phone numbers and mixed separators', () => {
		for (const text of ['2-1', '13-15', '1.3', 'versão 1.2.3', '9999-1234', '192.168.0.1', '1-3.2013', '31-02-2013']) {
			expect([text, matchWith(dateSeparatorRules, text)]).toEqual([text, []]);
		}
	});

	it('expands two-digit years with the POSIX pivot', () => {
		expect(TWO_DIGIT_YEAR_PIVOT).toBe(69);
		expect([expandYear('00'), expandYear('68'), expandYear('69'), expandYear('99'), expandYear('2013')]).toEqual([2000, 2068, 1969, 1999, 2013]);
	});
});
