import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadDateSet, type DateKind } from '../../../bench/date-set';
import { benchDates, datesMarkdown } from '../../../bench/datetime';

const NOW = '2026-11-20T13:00:00Z';
const kind = (name: string, cases: [string, string | null, string | null][]): DateKind => ({
	kind: name,
	description: `${name} cases`,
	reference: 'Friday 10:00',
	cases: cases.map(([text, datetime, title]) => ({ kind: name, text, now: NOW, timeZone: 'America/Sao_Paulo', datetime, title })),
});

describe('dates bench', () => {
	it('scores each kind on datetime and title together and names every miss', () => {
		const result = benchDates([
			kind('good', [['amanhã às 9h', '2026-11-21T09:00:00-03:00', null]]),
			kind('mixed', [
				['amanhã às 9h comprar pão', '2026-11-21T09:00:00-03:00', 'comprar leite'],
				['amanhã', '2026-11-22T09:00:00-03:00', null],
			]),
		]);
		expect(result.kinds.map((k) => [k.kind, k.cases, k.exact, k.datetimeCorrect, k.accuracy])).toEqual([
			['good', 1, 1, 1, 1],
			['mixed', 2, 0, 1, 0],
		]);
		expect([result.cases, result.exact, result.accuracy]).toEqual([3, 1, 0.333]);
		expect(result.misses.map((m) => [m.kind, m.text, m.got.title])).toEqual([
			['mixed', 'amanhã às 9h comprar pão', 'comprar pão'],
			['mixed', 'amanhã', null],
		]);
		const markdown = datesMarkdown('2026-11-29T00:00:00Z', result);
		expect(markdown).toContain('| mixed | 2 | 0 | 1 | 0 |');
		expect(markdown).toContain('| **all** | 3 | 1 | 2 | 0.333 |');
		expect(markdown).toContain('| mixed | amanhã | 2026-11-22T09:00:00-03:00 / null | 2026-11-21T09:00:00-03:00 / null |');
	});

	it('reports the whole project date set at 100%', () => {
		const result = benchDates();
		expect(result.misses).toEqual([]);
		expect(result.kinds.length).toBeGreaterThanOrEqual(18);
	});
});

describe('loadDateSet', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'date-set-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	const write = (name: string, body: unknown) => writeFileSync(join(dir, name), JSON.stringify(body));

	it('fills each case from the file defaults', () => {
		write('a.json', { kind: 'a', description: 'd', reference: 'r', now: NOW, cases: [{ text: 'x', datetime: null, title: 'x' }] });
		expect(loadDateSet(dir)).toEqual([
			{ kind: 'a', description: 'd', reference: 'r', cases: [{ kind: 'a', text: 'x', now: NOW, timeZone: 'America/Sao_Paulo', datetime: null, title: 'x' }] },
		]);
	});

	it.each([
		['a kind that is not the file name', { kind: 'b', description: 'd', reference: 'r', now: NOW, cases: [{ text: 'x', datetime: null, title: null }] }, /"kind" is "b" but the file is a\.json/],
		['a case without a title', { kind: 'a', description: 'd', reference: 'r', now: NOW, cases: [{ text: 'x', datetime: null }] }, /case 0.*"datetime" and "title" are both required/],
		['an unparseable now', { kind: 'a', description: 'd', reference: 'r', now: 'friday', cases: [{ text: 'x', datetime: null, title: null }] }, /"now" friday is not an ISO 8601 instant/],
		['no cases', { kind: 'a', description: 'd', reference: 'r', now: NOW, cases: [] }, /"cases" must be a non-empty array/],
	])('refuses %s, naming the file', (_what, body, message) => {
		write('a.json', body);
		expect(() => loadDateSet(dir)).toThrow(message);
		expect(() => loadDateSet(dir)).toThrow(join(dir, 'a.json'));
	});
});
