import { cleanTitle } from '../../../../core/classifier/title';
import type { Intent } from '../../../../core/intents/taxonomy';

describe('cleanTitle', () => {
	it.each<[Intent, string, string | null]>([
		['task.create', 'anota aí comprar pão', 'comprar pão'],
		['task.create', 'adiciona na minha lista: comprar presente da Júlia', 'comprar presente da Júlia'],
		['task.create', 'nova tarefa: preparar o relatório mensal', 'preparar o relatório mensal'],
		['task.create', 'quero adicionar uma tarefa: organizar arquivo morto', 'organizar arquivo morto'],
		['task.create', 'preciso comprar um carregador novo, anota aí', 'comprar um carregador novo'],
		['task.create', 'add buy milk to my to-do list', 'buy milk'],
		['task.complete', 'baixa no relatório', 'relatório'],
		['task.complete', 'marca como feito: comprar pão', 'comprar pão'],
		['task.complete', 'mark "buy milk" as done', 'buy milk'],
		['calendar.create', 'marca uma reunião com o João', 'reunião com o João'],
		['calendar.create', 'tenho dentista, agenda pra mim', 'dentista'],
		['calendar.cancel', 'cancela o lembrete', 'lembrete'],
		['calendar.cancel', 'quero cancelar a reunião com o Pedro', 'reunião com o Pedro'],
		['reminder.create', 'me cutuca pra tomar remédio', 'tomar remédio'],
		['calendar.update', 'remarca a reunião com o Pedro', 'reunião com o Pedro'],
		['calendar.update', 'adia a call', 'call'],
		['calendar.update', 'muda o horário da consulta', 'consulta'],
		['calendar.update', 'move my meeting with Ana', 'meeting with Ana'],
		['calendar.update', 'passa a reunião pras', 'reunião'],
		['calendar.update', 'remarca a reunião de, mesmo horário', 'reunião de'],
		['calendar.update', 'remarca a call pra mim', 'call'],
		['task.create', 'anota', 'anota'],
		['task.list', 'minhas tarefas', 'minhas tarefas'],
		['calendar.query', 'o que tenho na agenda', 'o que tenho na agenda'],
		['task.create', '   ', null],
	])('%s: %s → %s', (intent, title, expected) => {
		expect(cleanTitle(intent, title)).toBe(expected);
	});

	it('passes null through', () => {
		expect(cleanTitle('task.create', null)).toBeNull();
	});
});
