import fc from 'fast-check';

import { CONSENT_TEXT_VERSION } from '../../../../core/assistant/catalogue/privacy';
import { consentButtonAnswer, consentStateOf, decideConsent, PROMPT_AGAIN_MS, REMINDER_QUIET_MS, typedConsentAnswer, type ConsentState } from '../../../../core/assistant/consent';
import { renderMessage } from '../../../../core/assistant/catalogue';

const T0 = new Date('2026-11-29T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const V = CONSENT_TEXT_VERSION;

describe('consent answers', () => {
	it.each(['sim', 'SIM', 'Sim!', 's', 'ok', 'OK 👍', 'aceito', 'Aceito.', 'sim, aceito', 'sim por favor', 'concordo', 'yes', 'Yes I agree', '👍', 'pode', 'claro'])('"%s" is yes', (text) => {
		expect(typedConsentAnswer(text)).toBe('yes');
	});
	it.each(['não', 'NÃO', 'nao', 'n', 'não aceito', 'No', 'no thanks', 'recuso', 'sair', 'STOP', 'sim não'])('"%s" is no', (text) => {
		expect(typedConsentAnswer(text)).toBe('no');
	});
	it.each(['oi', 'sim, mas o que vocês guardam?', 'me lembra amanhã de pagar o boleto', '', '   ', 'ok me lembra amanhã', 'obrigado', 'o que é isso?'])('"%s" is no answer', (text) => {
		expect(typedConsentAnswer(text)).toBeUndefined();
	});

	it('reads the tapped button with the version of the text it came with', () => {
		const [yes, no] = renderMessage('pt-BR', 'consent.prompt', { version: V }).buttons!;
		expect(consentButtonAnswer(yes.id)).toEqual({ answer: 'yes', version: V });
		expect(consentButtonAnswer(no.id)).toEqual({ answer: 'no', version: V });
		expect(consentButtonAnswer('consent.2020-01-01:yes')).toEqual({ answer: 'yes', version: '2020-01-01' });
		expect(consentButtonAnswer('erase.1:yes')).toBeUndefined();
		expect(consentButtonAnswer(undefined)).toBeUndefined();
	});

	it('reads the state from a Users row, ignoring unknown statuses', () => {
		expect(consentStateOf(undefined)).toEqual({});
		expect(consentStateOf({ 'Consent Status': 'accepted', 'Consent At': '2026-11-29T12:00:00.000Z', 'Consent Version': V })).toMatchObject({ status: 'accepted', version: V });
		expect(consentStateOf({ 'Consent Status': 'maybe' }).status).toBeUndefined();
	});
});

describe('the consent gate', () => {
	const prompted: ConsentState = { status: 'pending', version: V, promptedAt: T0.toISOString() };

	it('a new user gets the full text, whatever they write, and only the consent state is stored', () => {
		for (const text of ['oi', 'ok', 'sim', 'me lembra amanhã de pagar o boleto']) {
			const d = decideConsent({}, { text, now: T0 });
			expect(d).toMatchObject({ action: 'prompt', reply: { key: 'consent.prompt', params: { version: V } }, storeTurn: false });
			if (d.action !== 'pass') expect(Object.keys(d.fields).sort()).toEqual(['Consent Prompted At', 'Consent Status', 'Consent Version']);
		}
	});

	it('a new user whose first message is SAIR or não is recorded as declined, without the welcome text', () => {
		for (const text of ['SAIR', 'não', 'stop']) {
			const d = decideConsent({}, { text, now: T0 });
			expect(d).toMatchObject({ action: 'decline', reply: { key: 'consent.declined' }, audit: { event: 'consent.declined', version: V } });
		}
	});

	it('SIM (tapped or typed) accepts, stamps the time and the version shown, and opts in', () => {
		const typed = decideConsent(prompted, { text: 'sim', now: at(5000) });
		expect(typed).toMatchObject({ action: 'accept', reply: { key: 'consent.accepted' }, audit: { event: 'consent.accepted', version: V }, storeTurn: false });
		if (typed.action !== 'pass') expect(typed.fields).toEqual({ 'Consent Status': 'accepted', 'Consent At': at(5000).toISOString(), 'Consent Version': V, 'Opt-in Status': 'opted_in', 'Opted In At': at(5000).toISOString() });
		const tapped = decideConsent(prompted, { buttonPayload: 'consent.2026-01-01:yes', now: at(5000) });
		expect(tapped).toMatchObject({ action: 'accept', version: '2026-01-01' });
	});

	it('a late tap from an older text records that older version', () => {
		const d = decideConsent({ status: 'pending', version: 'old', promptedAt: T0.toISOString() }, { text: 'ok', now: at(1000) }, 'new');
		expect(d).toMatchObject({ action: 'accept', version: 'old' });
	});

	it('NÃO declines, stores nothing but the decision, and a second no gets silence', () => {
		const d = decideConsent(prompted, { buttonPayload: `consent.${V}:no`, now: at(1000) });
		expect(d).toMatchObject({ action: 'decline', reply: { key: 'consent.declined' }, audit: { event: 'consent.declined' } });
		if (d.action !== 'pass') expect(Object.keys(d.fields).sort()).toEqual(['Consent At', 'Consent Status', 'Consent Version']);
		const declined: ConsentState = { status: 'declined', at: at(1000).toISOString(), version: V, promptedAt: T0.toISOString() };
		expect(decideConsent(declined, { text: 'não', now: at(2000) }).action).toBe('silent');
		// Writing again right after declining is not spammed; later, they are asked again, and SIM works at any time.
		expect(decideConsent(declined, { text: 'ok entendi tchau', now: at(60_000) }).action).toBe('silent');
		expect(decideConsent(declined, { text: 'oi', now: at(1000 + REMINDER_QUIET_MS) }).action).toBe('prompt');
		expect(decideConsent(declined, { text: 'SIM', now: at(3000) }).action).toBe('accept');
	});

	it('anything else before an answer: one short reminder, then silence, a reminder again after the quiet time, the full text after a day', () => {
		const first = decideConsent(prompted, { text: 'o que é isso?', now: at(20_000) });
		expect(first).toMatchObject({ action: 'remind', reply: { key: 'consent.reminder', params: { version: V } } });
		const reminded: ConsentState = { ...prompted, remindedAt: at(20_000).toISOString() };
		expect(decideConsent(reminded, { text: 'oi??', now: at(30_000) })).toMatchObject({ action: 'silent', fields: {} });
		expect(decideConsent(reminded, { text: 'oi??', now: at(20_000 + REMINDER_QUIET_MS) }).action).toBe('remind');
		expect(decideConsent(reminded, { text: 'oi', now: at(PROMPT_AGAIN_MS) }).action).toBe('prompt');
	});

	it('passes every turn of a user who accepted; a repeated consent tap gets "already accepted"', () => {
		const accepted: ConsentState = { status: 'accepted', at: T0.toISOString(), version: V };
		expect(decideConsent(accepted, { text: 'me lembra amanhã', now: at(1) })).toEqual({ action: 'pass', storeTurn: true });
		expect(decideConsent(accepted, { text: 'sim', now: at(1) }).action).toBe('pass');
		expect(decideConsent(accepted, { buttonPayload: `consent.${V}:yes`, now: at(1) })).toMatchObject({ action: 'already', fields: {} });
	});

	it('never passes a turn before acceptance, never throws, and never stores the text (property)', () => {
		const status = fc.constantFrom(undefined, 'pending', 'declined');
		const iso = fc.option(fc.integer({ min: -3 * PROMPT_AGAIN_MS, max: 0 }).map((ms) => at(ms).toISOString()), { nil: undefined });
		fc.assert(
			fc.property(status, iso, iso, iso, fc.string(), fc.option(fc.string(), { nil: undefined }), (s, a, p, r, text, payload) => {
				const d = decideConsent({ status: s as ConsentState['status'], at: a, promptedAt: p, remindedAt: r, version: V }, { text, buttonPayload: payload, now: T0 });
				expect(d.action).not.toBe('pass');
				expect(d.storeTurn).toBe(false);
				if (d.action !== 'pass') for (const value of Object.values(d.fields)) expect(value === text && text.length > 0 && !/^\d{4}-/.test(text)).toBe(false);
			}),
		);
	});
});
