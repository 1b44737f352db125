import { emptyContext } from '../../../../core/assistant/context';
import { ACTIONS } from '../../../../core/assistant/decide';
import { classifyOffline } from '../../../../core/classifier';
import { BeststagAssistant } from '../../../../nodes/Assistant/BeststagAssistant.node';
import { configuredOutputs } from '../../../../nodes/Assistant/outputs';
import { turnStore } from '../../../../nodes/Assistant/transport/turn-store';
import { mockExecuteContext } from '../../../support/execute-context';

const PHONE = '+5511900001234';
let sid = 0;
const message = (text: string, extra: Record<string, unknown> = {}) => {
	const messageSid = `SM${String(++sid).padStart(32, '0')}`;
	return { kind: 'message', messageSid, from: `whatsapp:${PHONE}`, phone: PHONE, to: 'whatsapp:+14155238886', waId: null, profileName: 'Ana', text, media: [], location: null, button: null, receivedAt: new Date().toISOString(), raw: {}, webhookUrl: null, ...extra };
};
const user = { phone: PHONE, found: true, id: 'recUser000000001', fields: { Phone: PHONE, 'Opt-in Status': 'opted_in', 'Consent Status': 'accepted', Locale: 'pt-BR' }, openTasks: [], openHandoffs: 0 };

async function remember(msg: ReturnType<typeof message>, burstWindowMs = 300) {
	const { ctx } = mockExecuteContext({ parameters: { resource: 'turn', operation: 'remember', message: msg, user, options: { burstWindowMs } } });
	return (await new BeststagAssistant().execute.call(ctx))[0];
}

describe('BestStag Assistant node', () => {
	beforeAll(() => {
		expect(process.env.BESTSTAG_REDIS_URL ?? '').toBe('');
		// The offline model trains on first use; train it before timing anything.
		classifyOffline('oi');
	});

	it('draws one Decide output per action, in the order Decide fills them', () => {
		expect(configuredOutputs({ operation: 'decide' }).map((o) => o.displayName)).toEqual([...ACTIONS]);
		expect(configuredOutputs({ operation: 'remember' })).toHaveLength(1);
	});

	it('a burst of two preludes and a request gets one turn, answered by the request at once', async () => {
		const finished: string[] = [];
		const done = (name: string) => <T>(value: T) => (finished.push(name), value);
		const [first, second, third] = await Promise.all([
			remember(message('oi'), 1_000).then(done('oi')),
			new Promise((r) => setTimeout(r, 50)).then(() => remember(message('tudo bem?'), 1_000)).then(done('tudo bem?')),
			new Promise((r) => setTimeout(r, 100)).then(async () => ({ out: await remember(message('me lembra amanhã de pagar o boleto'), 1_000) })).then(done('request')),
		]);
		expect(first).toEqual([]);
		expect(second).toEqual([]);
		// The request did not wait for the preludes' window.
		expect(finished[0]).toBe('request');
		const turn = third.out[0].json.turn as { texts: string[]; greeted: boolean; messageSids: string[] };
		expect(turn.texts).toEqual(['oi', 'tudo bem?', 'me lembra amanhã de pagar o boleto']);
		expect(turn.greeted).toBe(true);
		expect(turn.messageSids).toHaveLength(3);
	});

	it('preludes alone: the newest answers for all once the window ends', async () => {
		const [first, second] = await Promise.all([remember(message('oi')), new Promise((r) => setTimeout(r, 50)).then(() => remember(message('tudo bem?')))]);
		expect(first).toEqual([]);
		expect((second[0].json.turn as { texts: string[] }).texts).toEqual(['oi', 'tudo bem?']);
	});

	it('switches to English for an English writer; Decide routes; Compose replies in English and saves the context', async () => {
		const [item] = await remember(message('remind me tomorrow at 9 to call John'), 0);
		const turn = item.json.turn as { locale: string; localeChanged: boolean; text: string; timeZone: string };
		expect(turn).toMatchObject({ locale: 'en', localeChanged: true });
		const classified = classifyOffline(turn.text, { timeZone: turn.timeZone });
		const decide = mockExecuteContext({ items: [{ ...item.json, ...classified }], parameters: { resource: 'turn', operation: 'decide', requireConsent: true } });
		const outputs = await new BeststagAssistant().execute.call(decide.ctx);
		const decided = outputs[ACTIONS.indexOf('reminder.create')][0].json as { params: { dueAt: string; text: string } };
		expect(decided.params.text).toBe('call John');

		const compose = mockExecuteContext({
			parameters: { resource: 'reply', operation: 'compose', key: 'assistant.reminder_created', params: { text: decided.params.text, dueAt: decided.params.dueAt, moved: false }, decision: decided, collect: 'none' },
		});
		const [[reply]] = await new BeststagAssistant().execute.call(compose.ctx);
		expect((reply.json.reply as { text: string }).text).toMatch(/^⏰ All set! I will ping you tomorrow at 09:00: \*call John\*$/);
		expect((await turnStore().getContext(PHONE)).lastReminder).toMatchObject({ text: 'call John' });
	});

	it('Compose after "apaga meus dados" is done deletes the context instead of writing it back', async () => {
		expect((await turnStore().getContext(PHONE)).lastReminder).toMatchObject({ text: 'call John' });
		const [item] = await remember(message('apaga meus dados'), 0);
		const compose = mockExecuteContext({ parameters: { resource: 'reply', operation: 'compose', key: 'privacy.erase.done', params: {}, decision: item.json, collect: 'none' } });
		const [[reply]] = await new BeststagAssistant().execute.call(compose.ctx);
		expect((reply.json.reply as { text: string }).text).toMatch(/^Pronto, apaguei/);
		expect(await turnStore().getContext(PHONE)).toEqual(emptyContext());
	});

	it('a tap on a one-time question counts once', async () => {
		const tap = () => message('Feito', { button: { payload: 'task.pick#abc:tk_1', text: 'Feito' } });
		const [a] = await remember(tap(), 0);
		const [b] = await remember(tap(), 0);
		expect((a.json.turn as { button: { firstTap: boolean } }).button.firstTap).toBe(true);
		expect((b.json.turn as { button: { firstTap: boolean } }).button.firstTap).toBe(false);
	});
});
