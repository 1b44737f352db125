import { minutesBeforeRules } from '../../../../../core/datetime/rules/minutes-before';
import { matchWith } from './support';

describe('rules/minutes-before', () => {
	it.each([
		['quinze para o meio-dia', { kind: 'time', hour: 11, minute: 45, fixed: true }],
		['5 para meio dia', { kind: 'time', hour: 11, minute: 55, fixed: true }],
		['vinte para a meia-noite', { kind: 'time', hour: 23, minute: 40, fixed: true }],
		['5 para as 3', { kind: 'time', hour: 2, minute: 55, afternoonLikely: true }],
		['cinco para a uma', { kind: 'time', hour: 0, minute: 55, afternoonLikely: true }],
		['dez para as oito', { kind: 'time', hour: 7, minute: 50 }],
		['um quarto para as oito', { kind: 'time', hour: 7, minute: 45 }],
		['dez para as oito da noite', { kind: 'time', hour: 7, minute: 50, meridiem: 'evening' }],
		['15 para as 18h', { kind: 'time', hour: 17, minute: 45 }],
		['a quarter to five', { kind: 'time', hour: 4, minute: 45, afternoonLikely: true }],
	])('%s', (text, facet) => {
		expect(matchWith(minutesBeforeRules, text)).toEqual([['minutes-before-the-hour', text, [facet]]]);
	});

	it('refuses ranges and steps nobody counts down in', () => {
		expect(matchWith(minutesBeforeRules, '5 pra 10 pessoas')).toEqual([]);
		expect(matchWith(minutesBeforeRules, '10 to 15 people')).toEqual([]);
		expect(matchWith(minutesBeforeRules, '2 pra 1')).toEqual([]);
		expect(matchWith(minutesBeforeRules, 'sete para as oito')).toEqual([]);
	});
});
