import { classifyOffline } from '../../../../core/classifier';
import { CONSENT_TEXT_VERSION } from '../../../../core/assistant/catalogue/privacy';
import { renderMessage } from '../../../../core/assistant/catalogue';
import { decidePrivacy, ERASE_CONFIRM_TTL_MS, eraseButtonAnswer, eraseQuestionId, privacyCommand } from '../../../../core/assistant/privacy';

const T0 = new Date('2026-11-29T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const accepted = { Phone: '+5511987654321', 'Consent Status': 'accepted', 'Consent Version': CONSENT_TEXT_VERSION, 'Opt-in Status': 'opted_in' };

describe('privacy commands (exact rules)', () => {
	it.each(['apaga meus dados', 'Apaga meus dados!', 'apague todos os meus dados', 'exclua todos os meus dados', 'deleta meus dados pfv', 'quero que apaguem meus dados', 'LGPD: quero a exclusão dos meus dados', 'esqueçam tudo sobre mim', 'delete my data', 'please erase all my data', 'remove minhas informações'])('"%s" is erase', (text) => {
		expect(privacyCommand(text)).toBe('erase');
	});
	it.each(['meus dados', 'Meus dados', 'quero ver meus dados', 'me manda meus dados', 'quais são meus dados?', 'my data', 'minhas informações e meus dados', 'LGPD meus dados'])('"%s" is export', (text) => {
		expect(privacyCommand(text)).toBe('export');
	});
	it.each(['voltar', 'VOLTAR', 'Voltar!', 'quero voltar', 'quero voltar a receber mensagens', 'quero voltar a receber os lembretes', 'reativar', 'back', 'start', 'opt in'])('"%s" is opt_in', (text) => {
		expect(privacyCommand(text)).toBe('opt_in');
	});
	it.each(['apaga a tarefa 2', 'atualiza meus dados', 'muda meus dados de contato', 'voltar pra casa às 18h', 'oi', 'sair', 'me lembra de ligar pro João amanhã', 'os dados da planilha estão errados', '', 'dados'])('"%s" is none', (text) => {
		expect(privacyCommand(text)).toBeUndefined();
	});
	it('a long message that happens to mention data is not a command', () => {
		expect(privacyCommand('ontem a reunião foi longa e no fim o cliente pediu para apagar meus dados da apresentação antiga de vendas')).toBeUndefined();
	});
});

describe('erase confirmation buttons', () => {
	it('confirm within the time limit, expired after it, cancel whenever', () => {
		const id = eraseQuestionId(T0);
		const [yes, no] = renderMessage('pt-BR', 'privacy.erase.ask', { questionId: id }).buttons!;
		expect(eraseButtonAnswer(yes.id, at(60_000))).toBe('confirm');
		expect(eraseButtonAnswer(yes.id, at(ERASE_CONFIRM_TTL_MS + 1))).toBe('expired');
		expect(eraseButtonAnswer(yes.id, at(-5000))).toBe('expired');
		expect(eraseButtonAnswer(no.id, at(10 * ERASE_CONFIRM_TTL_MS))).toBe('cancel');
		expect(eraseButtonAnswer('consent.x:yes', T0)).toBeUndefined();
	});
});

describe('decidePrivacy', () => {
	it('a new user gets only the consent prompt, whatever they ask, and the turn is not stored', () => {
		const d = decidePrivacy({ user: undefined, text: 'me lembra amanhã de pagar o boleto', intent: 'reminder.create', now: T0 });
		expect(d).toMatchObject({ action: 'consent', choice: 'consent_prompted', consentVersion: CONSENT_TEXT_VERSION, reply: { key: 'consent.prompt' }, storeTurn: false });
	});

	it('accepting records the consent choice with its version', () => {
		const user = { 'Consent Status': 'pending', 'Consent Version': CONSENT_TEXT_VERSION, 'Consent Prompted At': T0.toISOString() };
		expect(decidePrivacy({ user, buttonPayload: `consent.${CONSENT_TEXT_VERSION}:yes`, now: at(1000) })).toMatchObject({ action: 'consent', choice: 'consent_accepted', consentVersion: CONSENT_TEXT_VERSION, storeTurn: false });
		expect(decidePrivacy({ user, text: 'oi', now: at(2000) })).toMatchObject({ action: 'consent', choice: 'consent_reminded' });
		const silent = decidePrivacy({ user: { ...user, 'Consent Reminded At': at(2000).toISOString() }, text: 'oi', now: at(3000) });
		expect(silent.action).toBe('consent');
		expect(silent.choice).toBeUndefined();
		expect(silent.reply).toBeUndefined();
	});

	it('opt-out (classifier intent or keyword) confirms; voltar re-subscribes only an opted-out user', () => {
		expect(decidePrivacy({ user: accepted, text: 'SAIR', now: T0 })).toMatchObject({ action: 'opt_out', choice: 'opted_out', reply: { key: 'privacy.opt_out.confirmed' }, storeTurn: true });
		expect(decidePrivacy({ user: accepted, text: 'não quero mais receber mensagens', intent: 'opt_out', now: T0 }).action).toBe('opt_out');
		expect(decidePrivacy({ user: { ...accepted, 'Opt-in Status': 'opted_out' }, text: 'voltar', now: T0 })).toMatchObject({ action: 'opt_in', choice: 'opted_in', reply: { key: 'privacy.opt_in.confirmed' } });
		expect(decidePrivacy({ user: accepted, text: 'voltar', intent: 'unknown', now: T0 }).action).toBe('pass');
		// An opted-out user still talks to the assistant.
		expect(decidePrivacy({ user: { ...accepted, 'Opt-in Status': 'opted_out' }, text: 'me lembra amanhã', intent: 'reminder.create', now: T0 })).toEqual({ action: 'pass', storeTurn: true, storeReplyText: true });
	});

	it('"apaga meus dados" asks first (even though the classifier calls it opt_out), then the tap erases', () => {
		const ask = decidePrivacy({ user: accepted, text: 'apaga meus dados', intent: 'opt_out', now: T0 });
		expect(ask).toMatchObject({ action: 'erase_ask', reply: { key: 'privacy.erase.ask', params: { questionId: eraseQuestionId(T0) } }, storeTurn: false });
		const questionId = (ask.reply!.params as { questionId: string }).questionId;
		expect(decidePrivacy({ user: accepted, buttonPayload: `${questionId}:yes`, now: at(30_000) })).toMatchObject({ action: 'erase', reply: { key: 'privacy.erase.done' }, storeTurn: false });
		expect(decidePrivacy({ user: accepted, buttonPayload: `${questionId}:no`, now: at(30_000) }).action).toBe('erase_cancel');
		expect(decidePrivacy({ user: accepted, buttonPayload: `${questionId}:yes`, now: at(ERASE_CONFIRM_TTL_MS + 1) })).toMatchObject({ action: 'erase_ask', reply: { params: { again: true } } });
		// A second tap after the erasure (the user is gone) erases again, harmlessly.
		expect(decidePrivacy({ user: undefined, buttonPayload: `${questionId}:yes`, now: at(40_000) }).action).toBe('erase');
	});

	it('LGPD rights hold before consent: erase and export are answered, nothing is logged', () => {
		expect(decidePrivacy({ user: undefined, text: 'apaga meus dados', now: T0 }).action).toBe('erase_ask');
		expect(decidePrivacy({ user: { 'Consent Status': 'pending' }, text: 'meus dados', now: T0 })).toMatchObject({ action: 'export', storeTurn: false, storeReplyText: false });
		expect(decidePrivacy({ user: accepted, text: 'meus dados', now: T0 })).toMatchObject({ action: 'export', storeTurn: true, storeReplyText: false });
	});
});

describe('with the real offline classifier in front', () => {
	const optedOut = { ...accepted, 'Opt-in Status': 'opted_out' };
	it.each<[string, string, Record<string, unknown>]>([
		['apaga meus dados', 'erase_ask', accepted],
		['exclua todos os meus dados', 'erase_ask', accepted],
		['meus dados', 'export', accepted],
		['voltar', 'opt_in', optedOut],
		['SAIR', 'opt_out', accepted],
		['não quero mais receber mensagens', 'opt_out', accepted],
		['me lembra amanhã às 9h de ligar pro João', 'pass', optedOut],
	])('"%s" reaches %s whatever the classifier says', (text, action, user) => {
		const { intent } = classifyOffline(text, { now: T0 });
		expect(decidePrivacy({ user, text, intent, now: T0 }).action).toBe(action);
	});
});
