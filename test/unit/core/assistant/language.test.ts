import { detectLanguage, nextLocale } from '../../../../core/assistant/language';

describe('the language a message is clearly written in', () => {
	it.each([
		['remind me tomorrow at 9 to call John', 'en'],
		['hello, how are you?', 'en'],
		['show my tasks please', 'en'],
		['me lembra amanhã de pagar o boleto', 'pt-BR'],
		['tudo bem?', 'pt-BR'],
		['quais são minhas tarefas de hoje', 'pt-BR'],
	])('%s → %s', (text, locale) => expect(detectLanguage(text)).toBe(locale));

	it.each(['hi', 'oi', 'ok', 'menu', '', '👍', 'anota: call John', '2'])('decides nothing for "%s"', (text) => expect(detectLanguage(text)).toBeNull());

	it('switches to English and back, and keeps the stored language when unclear', () => {
		expect(nextLocale('pt-BR', 'remind me tomorrow to call John')).toEqual({ locale: 'en', changed: true });
		expect(nextLocale('en', 'ok')).toEqual({ locale: 'en', changed: false });
		expect(nextLocale('en', 'me lembra amanhã de pagar o boleto')).toEqual({ locale: 'pt-BR', changed: true });
		expect(nextLocale('pt-BR', 'minhas tarefas de hoje')).toEqual({ locale: 'pt-BR', changed: false });
	});
});
