import { dayWordRules } from '../../../../../core/datetime/rules/day-words';
import { matchWith } from './support';

const date = (day: number, month?: number, year?: number) => [{ kind: 'day', spec: { type: 'date', day, month, year } }];

describe('rules/day-words', () => {
	it.each([
		['cinco de maio', date(5, 5)],
		['primeiro de março', date(1, 3)],
		['três de março', date(3, 3)],
		['um de março', date(1, 3)],
		['vinte e cinco de dezembro', date(25, 12)],
		['trinta e um de dezembro de 2027', date(31, 12, 2027)],
		['quinze maio', date(15, 5)],
	])('%s', (text, facets) => {
		expect(matchWith(dayWordRules, text)).toEqual([['date-day-words-month', text, facets]]);
	});

	it('reads "dia" plus a number word as that day of the month', () => {
		expect(matchWith(dayWordRules, 'dia primeiro')).toEqual([['date-day-words', 'dia primeiro', [{ kind: 'day', spec: { type: 'date', day: 1 } }]]]);
		expect(matchWith(dayWordRules, 'dia vinte e oito')).toEqual([['date-day-words', 'dia vinte e oito', [{ kind: 'day', spec: { type: 'date', day: 28 } }]]]);
	});

	it('refuses impossible days and abbreviated months with no "de"', () => {
		expect(matchWith(dayWordRules, 'trinta de fevereiro')).toEqual([]);
		expect(matchWith(dayWordRules, 'dez set')).toEqual([]);
		expect(matchWith(dayWordRules, 'quarenta de maio')).toEqual([]);
	});

	it('leaves street and place names alone', () => {
		expect(matchWith(dayWordRules, 'rua sete de setembro 120')).toEqual([]);
		expect(matchWith(dayWordRules, 'Av. Nove de Julho')).toEqual([]);
		expect(matchWith(dayWordRules, 'escola primeiro de maio')).toEqual([]);
	});
});
