import { DAY_NUMBER_WORDS, HOUR_NUMBER_WORDS, NUMBER_WORDS_1_59, parseNumberWords } from '../../../../core/datetime/numbers';

const whole = (source: string) => new RegExp(`^(?:${source})$`, 'u');

describe('number words', () => {
	it('parses pt-BR and English cardinals, simple and compound', () => {
		expect(parseNumberWords('quinze')).toBe(15);
		expect(parseNumberWords('quarenta e cinco')).toBe(45);
		expect(parseNumberWords('vinte  e  uma')).toBe(21);
		expect(parseNumberWords('catorze')).toBe(14);
		expect(parseNumberWords('dezasseis')).toBe(16);
		expect(parseNumberWords('forty-five')).toBe(45);
		expect(parseNumberWords('twenty five')).toBe(25);
		expect(parseNumberWords('primeiro')).toBe(1);
		expect(parseNumberWords('zero')).toBe(0);
	});

	it('refuses what is not one number', () => {
		for (const text of ['vinte e dez', 'quinze e um', 'cinco e vinte', 'mil', '', 'quarenta e cinco e um']) expect(parseNumberWords(text)).toBeUndefined();
	});

	it('matches exactly the numbers each pattern promises', () => {
		const tens = ['vinte', 'trinta', 'quarenta', 'cinquenta'];
		const units = ['um', 'dois', 'tres', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove'];
		const all = [...units, 'dez', 'onze', 'doze', 'treze', 'quatorze', 'quinze', 'dezesseis', 'dezessete', 'dezoito', 'dezenove', ...tens.flatMap((t) => [t, ...units.map((u) => `${t} e ${u}`)])];
		expect(all).toHaveLength(59);
		all.forEach((word, i) => {
			expect([word, whole(NUMBER_WORDS_1_59).test(word), parseNumberWords(word)]).toEqual([word, true, i + 1]);
			expect([word, whole(DAY_NUMBER_WORDS).test(word)]).toEqual([word, i + 1 <= 31]);
		});
		expect(whole(HOUR_NUMBER_WORDS).test('vinte e tres')).toBe(true);
		expect(whole(HOUR_NUMBER_WORDS).test('vinte e quatro')).toBe(false);
		expect(whole(HOUR_NUMBER_WORDS).test('twelve')).toBe(true);
		expect(whole(HOUR_NUMBER_WORDS).test('thirteen')).toBe(false);
	});
});
