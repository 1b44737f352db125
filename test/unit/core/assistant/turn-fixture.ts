import { emptyContext } from '../../../../core/assistant/context';
import type { Turn } from '../../../../core/assistant/turn';

/** A consented pt-BR user's one-message turn on Sunday 2026-11-29 10:00 in São Paulo; override what a test needs. */
export function turnOf(overrides: Partial<Turn> = {}): Turn {
	return {
		messageSid: 'SM' + 'a'.repeat(32),
		messageSids: ['SM' + 'a'.repeat(32)],
		from: 'whatsapp:+5511987654321',
		phone: '+5511987654321',
		profileName: 'Ana Souza',
		text: '',
		texts: [''],
		greeted: false,
		receivedAt: '2026-11-29T13:00:00.000Z',
		button: null,
		media: [],
		locale: 'pt-BR',
		localeChanged: false,
		timeZone: 'America/Sao_Paulo',
		consent: 'given',
		optInStatus: 'opted_in',
		known: true,
		handoffOpen: false,
		tasks: [],
		userFields: { 'Consent Status': 'accepted', 'Opt-in Status': 'opted_in' },
		handoffResumed: false,
		transcript: null,
		context: emptyContext(),
		statusCallback: null,
		...overrides,
	};
}

export const NOW = new Date('2026-11-29T13:00:00.000Z');
