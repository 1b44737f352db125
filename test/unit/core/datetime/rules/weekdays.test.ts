import { weekdayRules } from '../../../../../core/datetime/rules/weekdays';
import { matchWith } from './support';

const weekday = (weekday: number, pick: string) => [{ kind: 'day', spec: { type: 'weekday', weekday, pick } }];

describe('rules/weekdays', () => {
	it.each([
		['seg', 1, 'coming'],
		['qua', 3, 'coming'],
		['sáb', 6, 'coming'],
		['dom', 0, 'coming'],
		['qui.', 4, 'coming'],
		['terça', 2, 'coming'],
		['essa segunda', 1, 'this'],
		['toda terça', 2, 'this'],
		['próxima terça', 2, 'next-week'],
		['terça que vem', 2, 'next-week'],
		['terça passada', 2, 'previous'],
		['domingo passado', 0, 'previous'],
		['na última sexta', 5, 'previous'],
		['last friday', 5, 'previous'],
	])('%s', (text, day, pick) => {
		expect(matchWith(weekdayRules, text)).toEqual([['weekday', text, weekday(day, pick)]]);
	});

	it('takes an ambiguous abbreviation only with a day preposition, a time, or as the whole message', () => {
		expect(matchWith(weekdayRules, 'vou ter que sair')).toEqual([]);
		expect(matchWith(weekdayRules, 'ter')).toEqual([]);
		expect(matchWith(weekdayRules, 'ela tem um dom')).toEqual([]);
		expect(matchWith(weekdayRules, 'sex and the city')).toEqual([]);
		expect(matchWith(weekdayRules, 'espera 30 seg')).toEqual([]);
		expect(matchWith(weekdayRules, 'na ter')[0]?.[1]).toBe('na ter');
		expect(matchWith(weekdayRules, 'churrasco no dom')[0]?.[1]).toBe('no dom');
		expect(matchWith(weekdayRules, 'dom 10h')[0]?.[1]).toBe('dom');
		expect(matchWith(weekdayRules, 'reunião sex')[0]?.[1]).toBe('sex');
	});
});
