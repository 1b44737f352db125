import fc from 'fast-check';

import { dropAccents, noisyCopy, noisyText, typo } from '../../../../bench/noise';
import { osaDistance } from '../../../../core/classifier/fuzzy';
import { seededRandom } from '../../../../core/classifier/softmax';

describe('benchmark noise', () => {
	it('drops accents and cedillas, nothing else', () => {
		expect(dropAccents('reunião às 9h, ação já 🙂')).toBe('reuniao as 9h, acao ja 🙂');
	});

	it('makes one typo: a single edit of the word', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom(...'abcdefgilmnorstu'), minLength: 4, maxLength: 12 }), fc.nat(), (word, seed) => {
				const out = typo(word, seededRandom(seed));
				expect(out).not.toBe(word);
				expect(osaDistance(word, out)).toBe(1);
			}),
		);
	});

	it('is deterministic per message, whatever the order of the set', () => {
		const set = [
			{ text: 'me lembra amanhã de ligar pro contador', intent: 'reminder.create' as const },
			{ text: 'quais são minhas tarefas?', intent: 'task.list' as const },
		];
		const once = noisyCopy(set);
		expect(noisyCopy(set)).toEqual(once);
		expect(noisyCopy([...set].reverse())).toEqual([...once].reverse());
		expect(once.map((e) => e.intent)).toEqual(['reminder.create', 'task.list']);
	});

	it('changes every message that has a word of 4+ letters, and keeps emoji, digits and short words', () => {
		fc.assert(
			fc.property(fc.constantFrom('marca reunião amanhã às 15h 📅', 'tem email urgente?', 'oi tudo bem com você?', 'ok 👍 9h'), (text) => {
				const out = noisyText(text);
				if (/\p{L}{4,}/u.test(text)) expect(out).not.toBe(text);
				else expect(out).toBe(text);
				for (const kept of ['📅', '15h', '👍', '9h', '?']) if (text.includes(kept)) expect(out).toContain(kept);
			}),
		);
	});
});
