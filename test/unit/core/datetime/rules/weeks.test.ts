import { weekRules } from '../../../../../core/datetime/rules/weeks';
import { matchWith } from './support';

const week = (weeks: number) => [{ kind: 'day', spec: { type: 'week', weeks } }];

describe('rules/weeks', () => {
	it.each([
		['terça desta semana', 'this-week', 'desta semana', 0],
		['quinta dessa semana', 'this-week', 'dessa semana', 0],
		['sex desta semana', 'this-week', 'desta semana', 0],
		['thursday this week', 'this-week', 'this week', 0],
		['sexta da semana passada', 'last-week', 'da semana passada', -1],
		['semana passada', 'last-week', 'semana passada', -1],
		['na semana anterior', 'last-week', 'na semana anterior', -1],
		['last week', 'last-week', 'last week', -1],
	])('%s', (text, rule, matched, weeks) => {
		expect(matchWith(weekRules, text)).toEqual([[rule, matched, week(weeks)]]);
	});

	it('needs a weekday before "desta semana": alone it names no day', () => {
		expect(matchWith(weekRules, 'esta semana')).toEqual([]);
		expect(matchWith(weekRules, 'vou fazer isso dessa semana')).toEqual([]);
	});
});
