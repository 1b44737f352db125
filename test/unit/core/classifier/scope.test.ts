import { featuresOf } from '../../../../core/classifier/features';
import { markNegatedScope, QUOTE_TOKEN, tokenizeWithQuotes } from '../../../../core/classifier/scope';
import { tokenize } from '../../../../core/classifier/normalize';

describe('tokenizeWithQuotes', () => {
	it.each<[string, string[]]>([
		["adiciona 'agendar reunião com o RH' nas minhas tarefas", ['adiciona', QUOTE_TOKEN, 'nas', 'minhas', 'tarefas']],
		['anota: "mandar email pro João"', ['anota', QUOTE_TOKEN]],
		['coloca “cancelar a academia” na lista', ['coloca', QUOTE_TOKEN, 'na', 'lista']],
		["add 'book the venue' to my tasks", ['adiciona', QUOTE_TOKEN, 'to', 'my', 'tasks']],
	])('%s', (text, tokens) => {
		expect(tokenizeWithQuotes(text)).toEqual(tokens);
	});

	it('leaves apostrophes inside words and unbalanced quotes alone', () => {
		for (const text of ["what's your name?", "copo d'água", "don't cancel it", 'ele disse "oi', "it's 'fine"]) {
			expect(tokenizeWithQuotes(text)).toEqual(tokenize(text));
		}
	});

	it('never throws on non-strings', () => {
		expect(tokenizeWithQuotes(undefined as unknown as string)).toEqual([]);
	});
});

describe('markNegatedScope', () => {
	const mark = (text: string) => markNegatedScope(tokenize(text));

	it('marks what the user turns down, between the negation and "só"/"just"', () => {
		expect(mark('não quero cancelar a reunião, só queria saber o horário dela')).toEqual([
			'nao', '~quero', '~cancelar', '~a', '~reuniao', 'so', 'queria', 'saber', 'o', 'horario', 'dela',
		]);
		expect(mark("don't cancel it, I just want to know when")).toEqual(['don', 't', '~cancel', '~it', '~i', 'just', 'want', 'to', 'know', 'when']);
	});

	it('marks nothing without a "só", for "não só", or when nothing is asked after it', () => {
		for (const text of ['não quero mais receber mensagens', 'não só a agenda, quero o resumo', 'não quero mais receber, só isso', 'não, só isso obrigado']) {
			expect(mark(text)).toEqual(tokenize(text));
		}
	});

	it('gives marked words no stems or character n-grams, so they stop voting', () => {
		const names = [...featuresOf(markNegatedScope(tokenize('não cancelar, só ver a agenda'))).keys()];
		expect(names).toContain('w:~cancelar');
		expect(names.filter((name) => name.includes('canc') && !name.includes('~cancelar'))).toEqual([]);
		// Unmarked, the same word brings its stem and n-grams.
		expect([...featuresOf(tokenize('cancelar a agenda')).keys()]).toEqual(expect.arrayContaining(['s:cancel', 'c:canc']));
	});
});

describe('tokenizeWithQuotes on long text', () => {
	it('reads only the head, like tokenize', () => {
		const long = `${"'x' ".repeat(400)}${'palavra '.repeat(1000)}`;
		// 1000 characters hold 250 quoted "x": nothing after them is read.
		expect(tokenizeWithQuotes(long)).toEqual(new Array(250).fill(QUOTE_TOKEN));
		expect(tokenizeWithQuotes(`${'a'.repeat(2000)} 'tarde'`)).not.toContain(QUOTE_TOKEN);
	});
});
