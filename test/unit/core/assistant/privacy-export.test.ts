import { exportMessages, exportParams, exportWhen } from '../../../../core/assistant/privacy-export';
import { WHATSAPP_BODY_LIMIT, whatsappTextLength } from '../../../../core/limits/whatsapp';

const PHONE = '+5511987654321';
const empty = { phone: PHONE, tasks: [], reminders: [], messages: [], handoffs: [] };

describe('"meus dados" export', () => {
	it('formats instants in the user\'s zone and language', () => {
		expect(exportWhen('2026-11-29T12:00:00.000Z', 'pt-BR', 'America/Sao_Paulo')).toBe('29/11/2026 09:00');
		expect(exportWhen('2026-11-29T12:00:00.000Z', 'en', 'Europe/Lisbon')).toBe('2026-11-29 12:00');
		expect(exportWhen('', 'pt-BR', 'America/Sao_Paulo')).toBeUndefined();
		expect(exportWhen('not a date', 'pt-BR', 'America/Sao_Paulo')).toBeUndefined();
	});

	it('counts everything, lists the newest first, and falls back to São Paulo for a bad zone', () => {
		const params = exportParams(
			{
				...empty,
				user: { Name: 'Ana', Locale: 'en', Timezone: 'Mars/Olympus', 'Consent Status': 'accepted', 'Consent At': '2026-11-29T12:00:00.000Z', 'Consent Version': 'v1' },
				tasks: [
					{ fields: { Title: 'old', Due: '2026-01-01T12:00:00Z', Status: 'done' } },
					{ fields: { Title: 'no date', Status: 'todo' } },
					{ fields: { Title: 'new', Due: '2026-12-01T12:00:00Z', Status: 'todo' } },
				],
				messages: Array.from({ length: 30 }, (_, i) => ({ fields: { Text: `m${i}`, At: new Date(Date.UTC(2026, 10, 1, i)).toISOString(), Direction: 'inbound' } })),
			},
			2,
		);
		expect(params).toMatchObject({ name: 'Ana', locale: 'en', timezone: 'America/Sao_Paulo', consent: { status: 'accepted', at: '2026-11-29 09:00', version: 'v1' }, counts: { tasks: 3, messages: 30, reminders: 0, handoffs: 0 } });
		expect(params.tasks.map((t) => t.text)).toEqual(['new', 'old']);
		expect(params.messages.map((m) => m.text)).toEqual(['m29', 'm28']);
	});

	it('renders in one language with statuses in words, and splits a long export into WhatsApp-sized messages', () => {
		const long = 'x'.repeat(500);
		const params = exportParams({ ...empty, user: { Locale: 'pt-BR' }, tasks: Array.from({ length: 20 }, () => ({ fields: { Title: long, Status: 'done' } })) }, 20);
		// A listed item is cut (the export is a summary), so 20 long titles still fit a few messages.
		expect(params.tasks[0].text.length).toBeLessThanOrEqual(120);
		const parts = exportMessages(params, 'pt-BR');
		expect(parts.length).toBeGreaterThan(1);
		for (const part of parts) expect(whatsappTextLength(part)).toBeLessThanOrEqual(WHATSAPP_BODY_LIMIT);
		expect(parts.join('\n')).toContain('[concluída]');
		expect(parts.join('\n')).not.toMatch(/\b(done|tasks)\b/);
	});

	it('a phone with nothing stored still gets an honest export', () => {
		const [text] = exportMessages(exportParams(empty), 'pt-BR');
		expect(text).toContain(`Telefone: ${PHONE}`);
		expect(text).toContain('*Tarefas: 0*');
	});
});
