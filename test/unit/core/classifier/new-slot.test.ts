import { newSlotText } from '../../../../core/classifier/new-slot';

describe('newSlotText', () => {
	it.each<[string, string | null]>([
		['remarca a reunião de quinta pra sexta', 'sexta'],
		['passa a reunião das 9h pras 10h', '10h'],
		['move my 3pm meeting to 4pm', '4pm'],
		['adia a call para amanhã às 15h', 'amanhã às 15h'],
		['empurra a reunião até sexta', 'sexta'],
		['adia a call em 30 min', null],
		['reparar o carro', null], // "para" inside a word is not the preposition
		['', null],
	])('%s → %s', (text, target) => {
		expect(newSlotText(text)).toBe(target);
	});
});
