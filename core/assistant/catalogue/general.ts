import { defineSlice } from './types';

/** Messages every conversation needs whatever the intent. */
export interface GeneralParams {
	'general.not_understood': Record<string, never>;
	'general.coming_soon': { feature: 'calendar' | 'email' | 'digest' };
}

export const general = defineSlice<GeneralParams>({
	texts: {
		'pt-BR': {
			'general.not_understood': () => 'Não entendi 🤔 Digite *menu* para ver o que eu faço.',
			'general.coming_soon': ({ feature }) =>
				`${{ calendar: 'Sua agenda', email: 'O resumo dos seus e-mails', digest: 'O resumo do dia' }[feature]} chega em breve por aqui. Por enquanto eu cuido das suas tarefas e lembretes. 😉`,
		},
		en: {
			'general.not_understood': () => "I didn't get that 🤔 Type *menu* to see what I can do.",
			'general.coming_soon': ({ feature }) =>
				`${{ calendar: 'Your calendar', email: 'Your email summary', digest: 'The daily digest' }[feature]} is coming soon. For now I take care of your tasks and reminders. 😉`,
		},
	},
	examples: { 'general.not_understood': {}, 'general.coming_soon': { feature: 'calendar' } },
});
