import { extractDateTime } from '../../../../core/datetime';
import { DECEMBER_NOON, FRIDAY_EVENING, FRIDAY_MORNING } from './instants';

/**
 * Reference: Friday 2026-11-20 10:00 in São Paulo (UTC-03:00) unless a row says otherwise.
 * title: undefined means the row does not check the title.
 */
interface Row {
	text: string;
	datetime: string | null;
	title?: string | null;
	now?: string;
	timeZone?: string;
}

const d = (local: string): string => `${local}-03:00`;

const rows: Row[] = [
	// Relative days.
	{ text: 'amanhã', datetime: d('2026-11-21T09:00:00') },
	{ text: 'amanha', datetime: d('2026-11-21T09:00:00') },
	{ text: 'amnh', datetime: d('2026-11-21T09:00:00') },
	{ text: 'amanã às 10h', datetime: d('2026-11-21T10:00:00') },
	{ text: 'depois de amanhã às 15h', datetime: d('2026-11-22T15:00:00') },
	{ text: 'dps de amanha', datetime: d('2026-11-22T09:00:00') },
	{ text: 'hoje às 16h', datetime: d('2026-11-20T16:00:00') },
	{ text: 'hj 16h', datetime: d('2026-11-20T16:00:00') },
	{ text: 'pagar conta hoje', datetime: d('2026-11-20T11:00:00'), title: 'pagar conta' },
	{ text: 'amanhã cedo', datetime: d('2026-11-21T08:00:00') },
	{ text: 'amanhã de tarde', datetime: d('2026-11-21T14:00:00') },
	{ text: 'amanhã à noite', datetime: d('2026-11-21T19:00:00') },
	{ text: 'amanhã de manhã às 10', datetime: d('2026-11-21T10:00:00') },
	{ text: 'hoje à noite às 8', datetime: d('2026-11-20T20:00:00') },

	// Weekdays.
	{ text: 'sexta', datetime: d('2026-11-27T09:00:00') },
	{ text: 'sexta-feira às 11h', datetime: d('2026-11-20T11:00:00') },
	{ text: 'sábado', datetime: d('2026-11-21T09:00:00') },
	{ text: 'sabado 10h', datetime: d('2026-11-21T10:00:00') },
	{ text: 'domingo às 20h', datetime: d('2026-11-22T20:00:00') },
	{ text: 'segunda-feira', datetime: d('2026-11-23T09:00:00') },
	{ text: '2ª feira 10h', datetime: d('2026-11-23T10:00:00') },
	{ text: 'terça às 9', datetime: d('2026-11-24T09:00:00') },
	{ text: 'ter às 9', datetime: d('2026-11-24T09:00:00') },
	{ text: 'qua 14h', datetime: d('2026-11-25T14:00:00') },
	{ text: 'quinta às 14:30', datetime: d('2026-11-26T14:30:00') },
	{ text: 'próxima sexta', datetime: d('2026-11-27T09:00:00') },
	{ text: 'sexta que vem às 10h', datetime: d('2026-11-27T10:00:00') },
	{ text: 'domingo que vem', datetime: d('2026-11-29T09:00:00') },
	{ text: 'prox terca', datetime: d('2026-11-24T09:00:00') },
	{ text: 'até sexta entregar o relatório', datetime: d('2026-11-27T09:00:00'), title: 'entregar o relatório' },
	{ text: 'reunião segunda com o João', datetime: d('2026-11-23T09:00:00'), title: 'reunião com o João' },
	{ text: 'quarta da semana que vem', datetime: d('2026-11-25T09:00:00') },
	{ text: 'sexta de manhã', datetime: d('2026-11-27T09:00:00') },
	{ text: 'sexta à tarde', datetime: d('2026-11-20T14:00:00') },

	// Clock times.
	{ text: 'às 9', datetime: d('2026-11-21T09:00:00') },
	{ text: 'as 21', datetime: d('2026-11-20T21:00:00') },
	{ text: 'às 3', datetime: d('2026-11-20T15:00:00') },
	{ text: 'às 15:30h', datetime: d('2026-11-20T15:30:00') },
	{ text: '16:00', datetime: d('2026-11-20T16:00:00') },
	{ text: '14hrs', datetime: d('2026-11-20T14:00:00') },
	{ text: 'às 9h30min', datetime: d('2026-11-21T09:30:00') },
	{ text: 'amanhã às 9h e 15', datetime: d('2026-11-21T09:15:00') },
	{ text: '9 da manhã', datetime: d('2026-11-21T09:00:00') },
	{ text: '8 da noite', datetime: d('2026-11-20T20:00:00') },
	{ text: 'às duas da tarde', datetime: d('2026-11-20T14:00:00') },
	{ text: 'Reunião às 3 e meia da tarde', datetime: d('2026-11-20T15:30:00'), title: 'Reunião' },
	{ text: 'meio-dia', datetime: d('2026-11-20T12:00:00') },
	{ text: 'ao meio dia e meia', datetime: d('2026-11-20T12:30:00') },
	{ text: 'meia-noite', datetime: d('2026-11-21T00:00:00') },
	{ text: 'sexta à meia noite', datetime: d('2026-11-21T00:00:00') },
	{ text: 'lá pelas 10 da noite', datetime: d('2026-11-20T22:00:00') },
	{ text: 'por volta das 15h', datetime: d('2026-11-20T15:00:00') },
	{ text: 'até às 18h entregar relatório', datetime: d('2026-11-20T18:00:00'), title: 'entregar relatório' },
	{ text: 'dez para as oito da noite', datetime: d('2026-11-20T19:50:00') },
	{ text: 'voo às 6h', datetime: d('2026-11-21T06:00:00'), title: 'voo' },
	{ text: 'reunião das 14h às 16h', datetime: d('2026-11-20T14:00:00'), title: 'reunião' },

	// Periods alone.
	{ text: 'de tarde', datetime: d('2026-11-20T14:00:00') },
	{ text: 'à noite', datetime: d('2026-11-20T19:00:00') },
	{ text: 'pela manhã', datetime: d('2026-11-21T09:00:00') },

	// Durations.
	{ text: 'daqui 20 minutos', datetime: d('2026-11-20T10:20:00') },
	{ text: 'daqui a uma hora', datetime: d('2026-11-20T11:00:00') },
	{ text: 'em 2h', datetime: d('2026-11-20T12:00:00') },
	{ text: 'daqui 1h30', datetime: d('2026-11-20T11:30:00') },
	{ text: 'em 1h e 30 min', datetime: d('2026-11-20T11:30:00') },
	{ text: 'em 10 minutinhos', datetime: d('2026-11-20T10:10:00') },
	{ text: 'em 2 dias', datetime: d('2026-11-22T09:00:00') },
	{ text: 'em 3 dias às 15h', datetime: d('2026-11-23T15:00:00') },
	{ text: 'em 2 semanas', datetime: d('2026-12-04T09:00:00') },
	{ text: 'daqui a um mês', datetime: d('2026-12-20T09:00:00') },
	{ text: 'em 24h', datetime: d('2026-11-21T10:00:00') },

	// Dates.
	{ text: 'dia 25', datetime: d('2026-11-25T09:00:00') },
	{ text: 'dia 5', datetime: d('2026-12-05T09:00:00') },
	{ text: 'pagar aluguel todo dia 5', datetime: d('2026-12-05T09:00:00'), title: 'pagar aluguel' },
	{ text: 'dia 10 às 14h', datetime: d('2026-12-10T14:00:00') },
	{ text: 'dia 10 de manhã', datetime: d('2026-12-10T09:00:00') },
	{ text: '10/12', datetime: d('2026-12-10T09:00:00') },
	{ text: 'entrega 10/12 com o fornecedor', datetime: d('2026-12-10T09:00:00'), title: 'entrega com o fornecedor' },
	{ text: '15/12/26', datetime: d('2026-12-15T09:00:00') },
	{ text: 'dia 10/12/2026 às 10:00', datetime: d('2026-12-10T10:00:00') },
	{ text: '1º de maio', datetime: d('2027-05-01T09:00:00') },
	{ text: 'prova dia 3 de dez', datetime: d('2026-12-03T09:00:00'), title: 'prova' },
	{ text: '15 de dezembro de 2027', datetime: d('2027-12-15T09:00:00') },
	{ text: 'dia 10 do mês que vem', datetime: d('2026-12-10T09:00:00') },
	{ text: '29/02', datetime: d('2028-02-29T09:00:00') },
	{ text: '2026-12-01', datetime: d('2026-12-01T09:00:00') },
	{ text: 'dia 20/11', datetime: d('2026-11-20T11:00:00') },
	{ text: 'próxima semana', datetime: d('2026-11-27T09:00:00') },
	{ text: 'ano que vem', datetime: d('2027-11-20T09:00:00') },
	{ text: 'fim de semana', datetime: d('2026-11-21T09:00:00') },
	{ text: 'fds que vem', datetime: d('2026-11-28T09:00:00') },

	// English.
	{ text: 'tomorrow', datetime: d('2026-11-21T09:00:00') },
	{ text: 'tomorrow morning', datetime: d('2026-11-21T09:00:00') },
	{ text: 'Tomorrow at noon', datetime: d('2026-11-21T12:00:00') },
	{ text: 'today at 5pm', datetime: d('2026-11-20T17:00:00') },
	{ text: 'tonight at 9', datetime: d('2026-11-20T21:00:00') },
	{ text: 'friday at 5', datetime: d('2026-11-20T17:00:00') },
	{ text: 'next monday', datetime: d('2026-11-23T09:00:00') },
	{ text: 'at 9:30 pm', datetime: d('2026-11-20T21:30:00') },
	{ text: 'in 30 minutes', datetime: d('2026-11-20T10:30:00') },
	{ text: 'in an hour and a half', datetime: d('2026-11-20T11:30:00') },
	{ text: 'in 2 days', datetime: d('2026-11-22T09:00:00') },
	{ text: 'December 15 at 2pm', datetime: d('2026-12-15T14:00:00') },
	{ text: 'meeting December 3rd 2027', datetime: d('2027-12-03T09:00:00'), title: 'meeting' },
	{ text: 'I have a meeting on the 15th', datetime: d('2026-12-15T09:00:00'), title: 'I have a meeting' },
	{ text: 'remind me to call mom tomorrow', datetime: d('2026-11-21T09:00:00'), title: 'call mom' },

	// Recurrences resolve to the next occurrence.
	{ text: 'aula de inglês toda terça às 19h', datetime: d('2026-11-24T19:00:00'), title: 'aula de inglês' },
	{ text: 'todas as segundas 8h academia', datetime: d('2026-11-23T08:00:00'), title: 'academia' },
	{ text: 'every Monday at 9am standup', datetime: d('2026-11-23T09:00:00'), title: 'standup' },

	// Titles keep the user's casing and accents.
	{ text: 'marcar dentista pra semana que vem na terça às 10', datetime: d('2026-11-24T10:00:00'), title: 'marcar dentista' },
	{ text: 'Amanhã às 9h: reunião de pauta', datetime: d('2026-11-21T09:00:00'), title: 'reunião de pauta' },
	{ text: 'preciso pagar a fatura do cartão até dia 5', datetime: d('2026-12-05T09:00:00'), title: 'preciso pagar a fatura do cartão' },
	// Decomposed accents (a + U+0300) still make the crase.
	{ text: 'buscar pão a\u0300s 3', datetime: d('2026-11-20T15:00:00'), title: 'buscar pão' },
	{ text: 'Consulta médica (amanhã) às 10h', datetime: d('2026-11-21T10:00:00'), title: 'Consulta médica' },
	{ text: 'pagar boleto, amanhã, às 9h.', datetime: d('2026-11-21T09:00:00'), title: 'pagar boleto' },
	{ text: 'reunião de amanhã com a Ana', datetime: d('2026-11-21T09:00:00'), title: 'reunião com a Ana' },
	{ text: 'não me deixa esquecer de tomar o remédio às 22h', datetime: d('2026-11-20T22:00:00'), title: 'tomar o remédio' },
	{ text: 'Me Lembra De Ligar Pra Vovó Sábado', datetime: d('2026-11-21T09:00:00'), title: 'Ligar Pra Vovó' },

	// Negatives and decisions.
	{ text: 'comprar pão', datetime: null, title: 'comprar pão' },
	{ text: 'tenho 2 horas livres', datetime: null },
	{ text: 'estou a 2 horas de SP', datetime: null },
	{ text: 'o jogo foi 2 a 1', datetime: null },
	{ text: 'as 12 pessoas da lista', datetime: null },
	{ text: 'vou ter que sair', datetime: null },
	{ text: 'na segunda vez que eu for', datetime: null },
	{ text: 'quinta série', datetime: null },
	{ text: 'segunda tenho dentista', datetime: null },
	{ text: '3/4 do bolo', datetime: null },
	{ text: 'R$ 10/12', datetime: null },
	{ text: 'aberto 24h', datetime: null },
	{ text: 'nota 9,5', datetime: null },
	{ text: 'versão 2.0', datetime: null },
	{ text: 'ligar para 11 99999-9999', datetime: null },
	{ text: 'sex and the city', datetime: null },
	{ text: 'I have 3 kids', datetime: null },
	// Decision: a day/month pair is read as DD/MM even after "preço" (pt-BR prices use R$ and a decimal comma).
	{ text: 'o preço é 10/12', datetime: d('2026-12-10T09:00:00'), title: 'o preço' },

	// Late evening: past bare times roll to tomorrow; "hoje" with no time takes the next whole hour.
	{ text: 'meio dia', now: FRIDAY_EVENING, datetime: d('2026-11-21T12:00:00') },
	{ text: '3 da tarde', now: FRIDAY_EVENING, datetime: d('2026-11-21T15:00:00') },
	{ text: 'às 21h', now: FRIDAY_EVENING, datetime: d('2026-11-20T21:00:00') },
	{ text: 'hoje à noite', now: FRIDAY_EVENING, datetime: d('2026-11-20T21:00:00') },
	{ text: 'hoje', now: FRIDAY_EVENING, datetime: d('2026-11-20T21:00:00') },
	{ text: 'essa noite', now: FRIDAY_EVENING, datetime: d('2026-11-20T21:00:00') },
	{ text: '9pm', now: FRIDAY_EVENING, datetime: d('2026-11-20T21:00:00') },

	// December: rollovers into January and into the next month.
	{ text: 'dia 20', now: DECEMBER_NOON, datetime: d('2026-12-20T09:00:00') },
	{ text: 'mês que vem', now: DECEMBER_NOON, datetime: d('2027-01-15T09:00:00') },
	{ text: 'dia 31 do mês que vem', now: DECEMBER_NOON, datetime: d('2027-01-31T09:00:00') },
	{ text: 'terça', now: DECEMBER_NOON, datetime: d('2026-12-22T09:00:00') },
	{ text: 'terça às 15h', now: DECEMBER_NOON, datetime: d('2026-12-15T15:00:00') },
	{ text: 'próxima semana', now: DECEMBER_NOON, datetime: d('2026-12-22T09:00:00') },
	{ text: '05/01', now: DECEMBER_NOON, datetime: d('2027-01-05T09:00:00') },

	// Other zones.
	{ text: 'amanhã à 1:30', now: '2026-10-24T10:00:00Z', timeZone: 'Europe/Lisbon', datetime: '2026-10-25T01:30:00+01:00' },
	{ text: 'daqui a 24 horas', now: '2026-10-24T10:00:00Z', timeZone: 'Europe/Lisbon', datetime: '2026-10-25T10:00:00+00:00' },
	{ text: 'in 2 hours', now: '2026-03-08T06:30:00Z', timeZone: 'America/New_York', datetime: '2026-03-08T04:30:00-04:00' },
	{ text: 'at 1:30am', now: '2026-11-01T04:00:00Z', timeZone: 'America/New_York', datetime: '2026-11-01T01:30:00-04:00' },
	{ text: 'amanhã às 9h', now: FRIDAY_MORNING, timeZone: 'Asia/Kolkata', datetime: '2026-11-21T09:00:00+05:30' },
	{ text: 'amanhã às 9h', now: FRIDAY_MORNING, timeZone: 'UTC', datetime: '2026-11-21T09:00:00+00:00' },
];

describe('extractDateTime', () => {
	it.each(rows)('$text', (row) => {
		const result = extractDateTime(row.text, {
			now: new Date(row.now ?? FRIDAY_MORNING),
			timeZone: row.timeZone,
		});
		expect(result.datetime).toBe(row.datetime);
		if (row.title !== undefined) expect(result.title).toBe(row.title);
	});
});
