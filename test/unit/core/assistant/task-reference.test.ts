import { isUndoMessage, taskReference } from '../../../../core/assistant/task-reference';

describe('taskReference', () => {
	it.each([
		['concluí a 2', [2]],
		['conclui a 2', [2]],
		['Concluí a 2!', [2]],
		['feito 3', [3]],
		['feito o 3', [3]],
		['a segunda', [2]],
		['concluí a segunda', [2]],
		['terminei a terceira', [3]],
		['a primeira tá feita', [1]],
		['2', [2]],
		['#4', [4]],
		['nº 2', [2]],
		['número 5 feito', [5]],
		['a 2ª', [2]],
		['feito 1 e 3', [1, 3]],
		['concluí 2, 3 e 5', [2, 3, 5]],
		['dei baixa na 4', [4]],
		['marca a 2 como feita', [2]],
		['pode riscar a 1', [1]],
		['já fiz a 2', [2]],
		['a dois', [2]],
		['a última', [-1]],
		['done with 2', [2]],
		['done 2', [2]],
		['finished the second one', [2]],
		['mark 3 as done', [3]],
		['tarefa 7 concluída', [7]],
		['✅ 2', [2]],
		['a 2 já foi', [2]],
		['2 feita', [2]],
		['primeira e segunda feitas', [1, 2]],
		['pode marcar a 3 como concluída', [3]],
		['mark task 2 as done', [2]],
		['finalizado o 2', [2]],
		['concluída a tarefa 2', [2]],
	])('"%s" names list numbers %j', (text, numbers) => {
		expect(taskReference(text)).toEqual({ kind: 'numbers', numbers });
	});

	it.each(['feito', 'Feito!', 'pronto', 'concluí', 'essa', 'essa aí', 'isso', 'feito essa', 'terminei essa', 'já fiz', 'done', 'this one', '✅', 'ok, feito', 'finished it', 'concluída', 'marca como feita', 'dá baixa nessa', 'tá feito', 'feito, valeu', 'valeu, já fiz', 'already did it'])(
		'"%s" means the task last mentioned',
		(text) => {
			expect(taskReference(text)).toEqual({ kind: 'last' });
		},
	);

	it.each([
		['terminei o relatório', 'relatório'],
		['concluí comprar pão', 'comprar pão'],
		['dei baixa no boleto', 'boleto'],
		['Terminei a reunião de segunda', 'reunião de segunda'],
		['feito: ligar pro João', 'ligar pro João'],
		['já enviei o relatório', 'enviei o relatório'],
		['marca o relatorio como feito', 'relatorio'],
		['finished the report', 'report'],
		['done with the slides', 'slides'],
		['concluí uma tarefa', 'uma tarefa'],
		['terminei 2 relatórios', '2 relatórios'],
		['terminei de enviar o relatório', 'enviar o relatório'],
		['I finished the report', 'report'],
		['relatório feito, valeu', 'relatório'],
	])('"%s" names the title "%s"', (text, query) => {
		expect(taskReference(text)).toEqual({ kind: 'title', query });
	});

	it('reads a non-string as the last task mentioned, never throws', () => {
		expect(taskReference(undefined)).toEqual({ kind: 'last' });
		expect(taskReference(42)).toEqual({ kind: 'last' });
	});
});

describe('isUndoMessage', () => {
	it.each(['desfazer', 'Desfazer', 'desfaz', 'desfaça', 'desfaz isso', 'opa, desfaz', 'reabre essa', 'reabrir a tarefa', 'não era essa', 'foi engano', 'undo', 'Undo!', 'undo that', 'reopen it', 'desfazer por favor'])(
		'"%s" asks to undo',
		(text) => {
			expect(isUndoMessage(text)).toBe(true);
		},
	);

	it.each(['voltar', 'volta', 'desfazer a reunião de amanhã e marcar outra', 'feito', 'oi', '', 'quero desfazer minha conta'])('"%s" does not', (text) => {
		expect(isUndoMessage(text)).toBe(false);
	});

	it('never throws on a non-string', () => {
		expect(isUndoMessage(null)).toBe(false);
	});
});
