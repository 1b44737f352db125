import { renderMessage } from '../../../../core/assistant/catalogue';

describe('assistant.brief_answer', () => {
	it("presents the model's answer, then a one-line hint to *menu* in the same language", () => {
		const pt = renderMessage('pt-BR', 'assistant.brief_answer', { text: '  Por aqui eu cuido das suas *tarefas* e *lembretes*.  ' });
		expect(pt.text).toBe('Por aqui eu cuido das suas *tarefas* e *lembretes*.\n\n👉 Digite *menu* para ver tudo o que eu faço.');
		expect(pt.buttons).toBeUndefined();
		const en = renderMessage('en', 'assistant.brief_answer', { text: 'I keep your *to-dos* and *reminders*.' });
		expect(en.text).toBe('I keep your *to-dos* and *reminders*.\n\n👉 Send *menu* to see everything I can do.');
	});

	it('adds no second pointer when the answer already names the menu', () => {
		expect(renderMessage('pt-BR', 'assistant.brief_answer', { text: 'Digite *menu* para ver as opções.' }).text).toBe('Digite *menu* para ver as opções.');
		expect(renderMessage('en', 'assistant.brief_answer', { text: 'Send MENU for options.' }).text).toBe('Send MENU for options.');
	});
});
