import { monthDayRules } from '../../../../../core/datetime/rules/month-day';
import { matchWith } from './support';

const date = (day: number, month: number, year?: number) => [{ kind: 'day', spec: { type: 'date', day, month, year } }];

describe('rules/month-day', () => {
	it.each([
		['maio 5', date(5, 5)],
		['março 15', date(15, 3)],
		['marco, 15', date(15, 3)],
		['fev. 20', date(20, 2)],
		['set. 7', date(7, 9)],
		['julho primeiro', date(1, 7)],
		['dezembro 25 de 2027', date(25, 12, 2027)],
	])('%s', (text, facets) => {
		expect(matchWith(monthDayRules, text)).toEqual([['date-month-day', text, facets]]);
	});

	it('refuses counts, clock times and ambiguous abbreviations without a dot', () => {
		expect(matchWith(monthDayRules, 'maio 5 pessoas')).toEqual([]);
		expect(matchWith(monthDayRules, 'maio 5:30')).toEqual([]);
		expect(matchWith(monthDayRules, 'set 5')).toEqual([]);
		expect(matchWith(monthDayRules, 'dez 5')).toEqual([]);
		expect(matchWith(monthDayRules, 'fevereiro 30')).toEqual([]);
	});
});
