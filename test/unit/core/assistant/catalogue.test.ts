import { SLICES, catalogueKeys, renderMessage } from '../../../../core/assistant/catalogue';
import { LOCALES } from '../../../../core/airtable/crm/choices';
import { WHATSAPP_MAX_QUICK_REPLIES, WHATSAPP_QUICK_REPLY_TITLE_LIMIT } from '../../../../core/limits/whatsapp';

// Words that mark one language inside a reply meant to be in the other one ("Anotado / Noted").
const ENGLISH_MARKERS = /\b(the|you|your|is|are|will|done|noted|remind|tasks?|type)\b/i;
const PORTUGUESE_MARKERS = /\b(você|seu|sua|não|tarefas?|lembrete|amanhã|digite|pronto|então)\b/i;

describe('the reply catalogue', () => {
	const cases = SLICES.flatMap((slice) => Object.entries(slice.examples).map(([key, params]) => ({ key, params })));

	it('has the same keys in every language', () => {
		for (const slice of SLICES) for (const locale of LOCALES) expect(Object.keys(slice.texts[locale]).sort()).toEqual(Object.keys(slice.examples).sort());
	});

	it.each(cases)('$key renders in pt-BR and English, each in one language', ({ key, params }) => {
		const pt = renderMessage('pt-BR', key, params);
		const en = renderMessage('en', key, params);
		for (const message of [pt, en]) {
			expect(message.text.trim()).not.toBe('');
			expect((message.buttons ?? []).length).toBeLessThanOrEqual(WHATSAPP_MAX_QUICK_REPLIES);
			for (const button of message.buttons ?? []) {
				expect(button.id).toMatch(/\S/);
				expect(button.title.length).toBeLessThanOrEqual(WHATSAPP_QUICK_REPLY_TITLE_LIMIT);
			}
		}
		expect(pt.text).not.toMatch(ENGLISH_MARKERS);
		expect(en.text).not.toMatch(PORTUGUESE_MARKERS);
	});

	it('refuses a key it does not have, naming real ones', () => {
		expect(() => renderMessage('pt-BR', 'nope.nothing')).toThrow(/Unknown message "nope.nothing".*e\.g\. [a-z_]+\.[a-z_.]+/);
		expect(catalogueKeys()).toContain('general.not_understood');
	});
});
