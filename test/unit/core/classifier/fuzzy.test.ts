import fc from 'fast-check';

import { stem } from '../../../../core/classifier/features';
import { buildLexicon, MIN_FUZZY_LENGTH, osaDistance } from '../../../../core/classifier/fuzzy';

describe('osaDistance (optimal string alignment)', () => {
	it.each<[string, string, number]>([
		['', '', 0],
		['tarefa', 'tarefa', 0],
		['', 'abc', 3],
		['lembar', 'lembra', 1], // transposition costs 1, not 2 as in Levenshtein
		['atendenet', 'atendente', 1],
		['diggest', 'digest', 1],
		['tarefs', 'tarefas', 1],
		['reuniao', 'reuinao', 1],
		['kitten', 'sitting', 3],
		// OSA edits no substring twice, so this is 3 (true Damerau–Levenshtein says 2).
		['ca', 'abc', 3],
	])('%s ↔ %s = %i', (a, b, d) => {
		expect(osaDistance(a, b)).toBe(d);
		expect(osaDistance(b, a)).toBe(d);
	});

	const word = fc.string({ unit: fc.constantFrom(...'abcdeflmnorst'), maxLength: 10 });

	it('is 0 exactly for equal strings, symmetric, and between the length gap and the longer length', () => {
		fc.assert(
			fc.property(word, word, (a, b) => {
				const d = osaDistance(a, b);
				expect(d === 0).toBe(a === b);
				expect(osaDistance(b, a)).toBe(d);
				expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
				expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
			}),
		);
	});

	it('counts any one swap of adjacent letters as 1', () => {
		fc.assert(
			fc.property(word.filter((w) => w.length >= 2), fc.nat(), (w, n) => {
				const i = n % (w.length - 1);
				fc.pre(w[i] !== w[i + 1]);
				const swapped = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
				expect(osaDistance(w, swapped)).toBe(1);
			}),
		);
	});
});

describe('buildLexicon().repair', () => {
	const frequency = new Map<string, number>([
		['atendente', 12],
		['digest', 5],
		['lembra', 40],
		['tarefas', 30],
		['tarefa', 25],
		['agenda', 50],
		['ok', 80],
		['sair', 9],
		['adiciona', 20],
		['casa', 3],
		['cama', 3],
	]);
	const lexicon = buildLexicon(frequency, 1, stem);

	it.each([
		['atendenet', 'atendente'],
		['diggest', 'digest'],
		['agnda', 'agenda'],
		['tarfas', 'tarefas'],
		['lembar', 'lembra'],
	])('%s → %s', (typo, word) => {
		expect(lexicon.repair(typo)).toBe(word);
	});

	it('leaves known words, short words, shapes and far words alone', () => {
		for (const w of ['agenda', 'ok', 'okk', 'oi', '0h', 'NUM', 'EMO_OK', 'xyzzy', 'atndnte']) expect(lexicon.repair(w)).toBe(w);
		expect(MIN_FUZZY_LENGTH).toBe(4);
	});

	it('leaves an unseen inflection of a known stem alone', () => {
		expect(lexicon.repair('adiciono')).toBe('adiciono');
	});

	it('prefers the more frequent candidate, then the alphabetically first', () => {
		expect(buildLexicon(new Map([['tarefa', 25], ['tarefas', 30]])).repair('tarefx')).toBe('tarefa');
		expect(buildLexicon(new Map([['tarefa', 1], ['tarifa', 9]])).repair('tarafa')).toBe('tarifa');
		expect(lexicon.repair('cata')).toBe('cama');
		expect(buildLexicon(new Map([['cama', 3], ['casa', 3]])).repair('caxa')).toBe('cama');
	});

	it('offers only words seen in at least minFrequency messages', () => {
		expect(buildLexicon(frequency, 10).repair('atendenet')).toBe('atendente');
		expect(buildLexicon(frequency, 13).repair('atendenet')).toBe('atendenet');
	});

	it('always returns the word or a known word exactly one edit away', () => {
		const known = [...frequency.keys()];
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom(...'abcdefgilmnorst'), maxLength: 11 }), (w) => {
				const out = lexicon.repair(w);
				if (out !== w) {
					expect(known).toContain(out);
					expect(osaDistance(w, out)).toBe(1);
				}
			}),
		);
	});
});
