import { renderMessage } from '../../../../core/assistant/catalogue';
import type { AnswerTime } from '../../../../core/assistant/business-hours';

const at = (day: 'today' | 'tomorrow' | 'weekday' | 'date', weekday: number, time = '09:00'): AnswerTime => ({ kind: 'opens', day, weekday, date: { year: 2026, month: 12, day: 26 }, time });

describe('the hand-off slice of the catalogue', () => {
	it.each<[AnswerTime, string, string]>([
		[{ kind: 'soon', minutes: 60 }, 'em até 1 hora', 'within 1 hour'],
		[{ kind: 'soon', minutes: 120 }, 'em até 2 horas', 'within 2 hours'],
		[{ kind: 'soon', minutes: 30 }, 'em até 30 minutos', 'within 30 minutes'],
		[at('today', 1), 'hoje a partir das 09:00', 'today from 09:00'],
		[at('tomorrow', 2), 'amanhã a partir das 09:00', 'tomorrow from 09:00'],
		[at('weekday', 1), 'segunda a partir das 09:00', 'on Monday from 09:00'],
		[at('date', 6), 'no dia 26/12 a partir das 09:00', 'on Dec 26 from 09:00'],
		[at('tomorrow', 2, '01:00'), 'amanhã a partir da 01:00', 'tomorrow from 01:00'],
	])('says when a person answers: %j', (when, pt, en) => {
		expect(renderMessage('pt-BR', 'handoff.opened', { reference: 'HO-1', when }).text).toContain(pt);
		expect(renderMessage('en', 'handoff.opened', { reference: 'HO-1', when }).text).toContain(en);
		expect(renderMessage('pt-BR', 'handoff.already_open', { reference: 'HO-1', when }).text).toContain(pt);
	});

	it('gives the reference and the user\'s name and messages to the consultant', () => {
		const text = renderMessage('pt-BR', 'handoff.consultant_notice', { name: 'Ana', phone: '+5511987654321', reference: 'HO-7', summary: { messages: ['oi', 'humano'], openTasks: 1, reason: 'humano' } }).text;
		expect(text).toContain('HO-7');
		expect(text).toContain('*Ana* (+5511987654321)');
		expect(text).toContain('• "oi"\n• "humano"');
		expect(text).toContain('Tarefas abertas: 1');
		expect(text).toContain('portal do BestStag');
	});
});
