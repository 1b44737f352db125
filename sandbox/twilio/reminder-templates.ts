import type { SeedTemplate } from './content';

/**
 * The approved WhatsApp templates the sandbox offers for reminders outside the 24-hour window:
 * {{1}} the reminder text, {{2}} its key inside the quick-reply ids, so Feito / Adiar 1h / Amanhã
 * work on a template as on a session message. The real account needs the same two templates
 * approved by Meta (category UTILITY); their Content SIDs go in BESTSTAG_REMINDER_TEMPLATE_SID(_EN).
 * Source: https://www.twilio.com/docs/content/twilio-quick-reply
 */
export const SANDBOX_REMINDER_TEMPLATE_SID = 'HX0000000000000000000000000000b001';
export const SANDBOX_REMINDER_TEMPLATE_SID_EN = 'HX0000000000000000000000000000b002';

const template = (sid: string, name: string, language: string, body: string, titles: [string, string, string]): SeedTemplate => ({
	sid,
	friendly_name: name,
	language,
	variables: { 1: 'lembrete', 2: 'rm_example' },
	types: {
		'twilio/quick-reply': {
			body,
			actions: [
				{ title: titles[0], id: 'reminder:{{2}}:done' },
				{ title: titles[1], id: 'reminder:{{2}}:snooze' },
				{ title: titles[2], id: 'reminder:{{2}}:tomorrow' },
			],
		},
	},
	approval: { name, category: 'UTILITY' },
});

export const SANDBOX_REMINDER_TEMPLATES: SeedTemplate[] = [
	template(SANDBOX_REMINDER_TEMPLATE_SID, 'beststag_reminder_pt', 'pt_BR', '⏰ Lembrete do BestStag: {{1}}', ['Feito', 'Adiar 1h', 'Amanhã']),
	template(SANDBOX_REMINDER_TEMPLATE_SID_EN, 'beststag_reminder_en', 'en', '⏰ BestStag reminder: {{1}}', ['Done', 'Snooze 1h', 'Tomorrow']),
];
