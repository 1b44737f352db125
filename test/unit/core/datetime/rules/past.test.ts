import { pastRules } from '../../../../../core/datetime/rules/past';
import { matchWith } from './support';

describe('rules/past', () => {
	it.each([
		['anteontem', 'day-before-yesterday', { kind: 'day', spec: { type: 'offset', days: -2 } }],
		['antes de ontem', 'day-before-yesterday', { kind: 'day', spec: { type: 'offset', days: -2 } }],
		['faz 3 dias', 'ago-leading', { kind: 'day', spec: { type: 'offset', days: -3 } }],
		['há 2 semanas', 'ago-leading', { kind: 'day', spec: { type: 'offset', days: -14 } }],
		['faz tres meses', 'ago-leading', { kind: 'day', spec: { type: 'months', months: -3 } }],
		['faz dois anos', 'ago-leading', { kind: 'day', spec: { type: 'months', months: -24 } }],
		['fazem duas horas', 'ago-leading', { kind: 'shift', minutes: -120 }],
		['há 2 dias atrás', 'ago-leading', { kind: 'day', spec: { type: 'offset', days: -2 } }],
		['3 dias atrás', 'ago-trailing', { kind: 'day', spec: { type: 'offset', days: -3 } }],
		['10 minutes ago', 'ago-trailing', { kind: 'shift', minutes: -10 }],
		['mês passado', 'last-month-year', { kind: 'day', spec: { type: 'months', months: -1 } }],
		['ano passado', 'last-month-year', { kind: 'day', spec: { type: 'months', months: -12 } }],
	])('%s', (text, rule, facet) => {
		expect(matchWith(pastRules, text)).toEqual([[rule, text, [facet]]]);
	});

	it('needs an amount and a unit after "faz"/"há"', () => {
		expect(matchWith(pastRules, 'faz sentido')).toEqual([]);
		expect(matchWith(pastRules, 'há 3 pessoas na fila')).toEqual([]);
		expect(matchWith(pastRules, 'faz meio dia e meio')).toEqual([]);
	});
});
