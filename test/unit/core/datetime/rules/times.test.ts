import { timeRules } from '../../../../../core/datetime/rules/times';
import { matchWith } from './support';

describe('rules/times: dotted times and spelled minutes', () => {
	it.each([
		['15.30', 'time-dot', { kind: 'time', hour: 15, minute: 30, meridiem: undefined }],
		['às 9.45', 'time-dot', { kind: 'time', hour: 9, minute: 45, meridiem: undefined }],
		['5 e quinze', 'time-hour-and-minutes', { kind: 'time', hour: 5, minute: 15, afternoonLikely: true }],
		['onze e quarenta e cinco', 'time-hour-and-minutes', { kind: 'time', hour: 11, minute: 45 }],
		['duas e meia', 'time-hour-and-minutes', { kind: 'time', hour: 2, minute: 30, afternoonLikely: true }],
		['às dezoito', 'time-bare', { kind: 'time', hour: 18, minute: 0 }],
		['às vinte e uma e quinze', 'time-bare', { kind: 'time', hour: 21, minute: 15 }],
	])('%s', (text, rule, facet) => {
		expect(matchWith(timeRules, text)).toEqual([[rule, text, [facet]]]);
	});

	it('refuses amounts, versions, decimals and quantities', () => {
		for (const text of ['custa R$ 15.30', 'versão 12.10', 'nota 9.50', '15.30 kg', '1.500', '2 e meia xícaras']) {
			expect([text, matchWith(timeRules, text)]).toEqual([text, []]);
		}
	});
});
