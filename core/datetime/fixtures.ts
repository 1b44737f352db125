/**
 * Fixed evaluation set for the date/time extractor: the benchmark reports accuracy on it and the unit tests
 * require 100%. Reference instants are fixed so expectations never drift.
 */

export interface DateTimeFixture {
	text: string;
	/** Reference instant, ISO 8601 in UTC. */
	now: string;
	/** IANA zone; America/Sao_Paulo when absent. */
	timeZone?: string;
	/** Expected DateTimeExtraction.datetime. */
	datetime: string | null;
	/** Expected DateTimeExtraction.title. */
	title: string | null;
}

/** Friday 2026-11-20, 10:00 in São Paulo. */
export const FRIDAY_MORNING = '2026-11-20T13:00:00Z';
/** Friday 2026-11-20, 20:30 in São Paulo: bare times already past roll to tomorrow. */
export const FRIDAY_EVENING = '2026-11-20T23:30:00Z';
/** Tuesday 2026-12-15, 12:00 in São Paulo: January dates roll into 2027. */
export const DECEMBER_NOON = '2026-12-15T15:00:00Z';
/** Saturday 2026-10-24, 11:00 in Lisbon (WEST, +01:00); summer time ends the next night. */
export const LISBON_BEFORE_DST_END = '2026-10-24T10:00:00Z';
/** Saturday 2026-03-07, 10:00 in New York (EST, -05:00); 02:00–03:00 is skipped the next night. */
export const NEW_YORK_BEFORE_DST_START = '2026-03-07T15:00:00Z';

const F = FRIDAY_MORNING;

export const DATETIME_FIXTURES: readonly DateTimeFixture[] = [
	// Phrases named in the issue, at Friday 10:00.
	{ text: 'amanhã às 9h', now: F, datetime: '2026-11-21T09:00:00-03:00', title: null },
	{ text: 'sexta às 15h', now: F, datetime: '2026-11-20T15:00:00-03:00', title: null },
	{ text: 'quinta 14:30', now: F, datetime: '2026-11-26T14:30:00-03:00', title: null },
	{ text: 'às 18h', now: F, datetime: '2026-11-20T18:00:00-03:00', title: null },
	{ text: 'daqui a 2 horas', now: F, datetime: '2026-11-20T12:00:00-03:00', title: null },
	{ text: 'em 30 min', now: F, datetime: '2026-11-20T10:30:00-03:00', title: null },
	{ text: 'em 1 hora e meia', now: F, datetime: '2026-11-20T11:30:00-03:00', title: null },
	{ text: 'dia 10/12 às 9h', now: F, datetime: '2026-12-10T09:00:00-03:00', title: null },
	{ text: '15 de dezembro às 14h30', now: F, datetime: '2026-12-15T14:30:00-03:00', title: null },
	{ text: '05/01/2027', now: F, datetime: '2027-01-05T09:00:00-03:00', title: null },
	{ text: 'segunda que vem', now: F, datetime: '2026-11-23T09:00:00-03:00', title: null },
	{ text: 'próxima terça', now: F, datetime: '2026-11-24T09:00:00-03:00', title: null },
	{ text: 'depois de amanhã', now: F, datetime: '2026-11-22T09:00:00-03:00', title: null },
	{ text: '3 da tarde', now: F, datetime: '2026-11-20T15:00:00-03:00', title: null },
	{ text: 'meio dia', now: F, datetime: '2026-11-20T12:00:00-03:00', title: null },
	{ text: 'de manhã', now: F, datetime: '2026-11-21T09:00:00-03:00', title: null },
	{ text: 'tomorrow at 8am', now: F, datetime: '2026-11-21T08:00:00-03:00', title: null },
	{ text: 'on Wednesday at 4pm', now: F, datetime: '2026-11-25T16:00:00-03:00', title: null },

	// Whole messages: date plus title.
	{ text: 'me lembra amanhã às 9h de ligar pro João', now: F, datetime: '2026-11-21T09:00:00-03:00', title: 'ligar pro João' },
	{ text: 'reunião com a Ana sexta às 15h', now: F, datetime: '2026-11-20T15:00:00-03:00', title: 'reunião com a Ana' },
	{ text: 'lembrar de pagar o boleto dia 10', now: F, datetime: '2026-12-10T09:00:00-03:00', title: 'pagar o boleto' },
	{ text: 'remind me tomorrow at 8am to call Mary', now: F, datetime: '2026-11-21T08:00:00-03:00', title: 'call Mary' },
	{ text: 'Dentista na quinta às 14h30!', now: F, datetime: '2026-11-26T14:30:00-03:00', title: 'Dentista' },
	{ text: 'Oi, me lembra de ligar pro João amanhã, por favor', now: F, datetime: '2026-11-21T09:00:00-03:00', title: 'ligar pro João' },
	{ text: 'Lembrete: pagar IPVA dia 15/12', now: F, datetime: '2026-12-15T09:00:00-03:00', title: 'pagar IPVA' },
	{ text: 'cria um lembrete pra buscar as crianças às 17h', now: F, datetime: '2026-11-20T17:00:00-03:00', title: 'buscar as crianças' },
	{ text: 'me avisa em 15 minutos pra tirar o bolo do forno', now: F, datetime: '2026-11-20T10:15:00-03:00', title: 'tirar o bolo do forno' },
	{ text: 'ligar pra Maria daqui 2 horas', now: F, datetime: '2026-11-20T12:00:00-03:00', title: 'ligar pra Maria' },
	{ text: 'jantar com a Bia hoje à noite', now: F, datetime: '2026-11-20T19:00:00-03:00', title: 'jantar com a Bia' },
	{ text: 'aniversário da mãe 15 de dezembro', now: F, datetime: '2026-12-15T09:00:00-03:00', title: 'aniversário da mãe' },
	{ text: 'Call the bank on Monday at 10am', now: F, datetime: '2026-11-23T10:00:00-03:00', title: 'Call the bank' },
	{ text: '⏰ amanhã 9h reunião com cliente 🙏', now: F, datetime: '2026-11-21T09:00:00-03:00', title: 'reunião com cliente' },

	// Informal writing: no accents, abbreviations, typos.
	{ text: 'amanha as 9h', now: F, datetime: '2026-11-21T09:00:00-03:00', title: null },
	{ text: 'proxima terca as 10 reuniao de equipe', now: F, datetime: '2026-11-24T10:00:00-03:00', title: 'reuniao de equipe' },
	{ text: 'hj as 18h buscar encomenda', now: F, datetime: '2026-11-20T18:00:00-03:00', title: 'buscar encomenda' },
	{ text: 'amnh 9h reuniao', now: F, datetime: '2026-11-21T09:00:00-03:00', title: 'reuniao' },
	{ text: 'vc pode me lembrar amanha as 10 de pagar a luz pfv', now: F, datetime: '2026-11-21T10:00:00-03:00', title: 'pagar a luz' },
	{ text: 'dps de amanha levar o carro na revisao', now: F, datetime: '2026-11-22T09:00:00-03:00', title: 'levar o carro na revisao' },
	{ text: 'sex 15h call com fornecedor', now: F, datetime: '2026-11-20T15:00:00-03:00', title: 'call com fornecedor' },
	{ text: 'seg q vem entregar proposta', now: F, datetime: '2026-11-23T09:00:00-03:00', title: 'entregar proposta' },
	{ text: 'academia 7h da manha amanha', now: F, datetime: '2026-11-21T07:00:00-03:00', title: 'academia' },
	{ text: 'buscar o carro às 3 e meia', now: F, datetime: '2026-11-20T15:30:00-03:00', title: 'buscar o carro' },
	{ text: 'quinze pras 3 reunião', now: F, datetime: '2026-11-20T14:45:00-03:00', title: 'reunião' },
	{ text: 'em meia hora tirar a roupa do varal', now: F, datetime: '2026-11-20T10:30:00-03:00', title: 'tirar a roupa do varal' },
	{ text: 'semana que vem falar com o contador', now: F, datetime: '2026-11-27T09:00:00-03:00', title: 'falar com o contador' },
	{ text: 'mês que vem renovar o seguro', now: F, datetime: '2026-12-20T09:00:00-03:00', title: 'renovar o seguro' },
	{ text: 'quarta da semana que vem às 8 da noite', now: F, datetime: '2026-11-25T20:00:00-03:00', title: null },

	// Negatives: no date or time in the text.
	{ text: 'tenho 3 filhos', now: F, datetime: null, title: 'tenho 3 filhos' },
	{ text: 'comprar as 3 camisas', now: F, datetime: null, title: 'comprar as 3 camisas' },
	{ text: 'preciso ter calma', now: F, datetime: null, title: 'preciso ter calma' },
	{ text: 'me lembra de comprar pão', now: F, datetime: null, title: 'comprar pão' },
	{ text: 'comprar 1/2 kg de carne', now: F, datetime: null, title: 'comprar 1/2 kg de carne' },

	// Friday 20:30: bare times and periods already past move to tomorrow.
	{ text: 'às 18h', now: FRIDAY_EVENING, datetime: '2026-11-21T18:00:00-03:00', title: null },
	{ text: 'de manhã correr no parque', now: FRIDAY_EVENING, datetime: '2026-11-21T09:00:00-03:00', title: 'correr no parque' },
	{ text: 'meia noite', now: FRIDAY_EVENING, datetime: '2026-11-21T00:00:00-03:00', title: null },
	{ text: 'sexta às 22h', now: FRIDAY_EVENING, datetime: '2026-11-20T22:00:00-03:00', title: null },
	{ text: 'sexta', now: FRIDAY_EVENING, datetime: '2026-11-27T09:00:00-03:00', title: null },

	// December: day/month without a year rolls into next year.
	{ text: 'dia 10/01 pagar IPTU', now: DECEMBER_NOON, datetime: '2027-01-10T09:00:00-03:00', title: 'pagar IPTU' },
	{ text: 'dia 10', now: DECEMBER_NOON, datetime: '2027-01-10T09:00:00-03:00', title: null },
	{ text: '10 de janeiro às 8h', now: DECEMBER_NOON, datetime: '2027-01-10T08:00:00-03:00', title: null },

	// Zones with daylight saving time.
	{ text: 'amanhã às 9h', now: LISBON_BEFORE_DST_END, timeZone: 'Europe/Lisbon', datetime: '2026-10-25T09:00:00+00:00', title: null },
	{ text: 'tomorrow at 8am', now: NEW_YORK_BEFORE_DST_START, timeZone: 'America/New_York', datetime: '2026-03-08T08:00:00-04:00', title: null },
	{ text: 'tomorrow at 2:30am', now: NEW_YORK_BEFORE_DST_START, timeZone: 'America/New_York', datetime: '2026-03-08T03:30:00-04:00', title: null },
];
