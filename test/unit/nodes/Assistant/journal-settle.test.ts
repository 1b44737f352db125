import { classifyOffline } from '../../../../core/classifier';
import { BeststagAssistant } from '../../../../nodes/Assistant/BeststagAssistant.node';
import { closeRedisConnections } from '../../../../nodes/shared/redis';
import { InboundJournal } from '../../../../nodes/shared/inbound-journal';
import { mockExecuteContext } from '../../../support/execute-context';
import { useTestRedis } from '../../../support/redis-server';

// Each message the trigger accepted is journaled until its turn is done; the trigger replays the rest
// after a crash. A prelude answered by a later message, and a turn that stores nothing before consent,
// write no Messages row of their own, so the Assistant settles them.
const PHONE = '+5511900005678';
let sid = 0;
const message = (text: string) => ({
	kind: 'message', messageSid: `SM${String(++sid).padStart(32, 'a')}`, from: `whatsapp:${PHONE}`, phone: PHONE, to: 'whatsapp:+14155238886', waId: null,
	profileName: 'Ana', text, media: [], location: null, button: null, receivedAt: new Date().toISOString(), raw: {}, webhookUrl: null,
});
const consented = { phone: PHONE, found: true, id: 'recUser000000009', fields: { Phone: PHONE, 'Opt-in Status': 'opted_in', 'Consent Status': 'accepted', Locale: 'pt-BR' }, openTasks: [], openHandoffs: 0 };

async function run(parameters: Record<string, unknown>, json: Record<string, unknown> = {}) {
	const { ctx } = mockExecuteContext({ parameters, items: [json as never] });
	return new BeststagAssistant().execute.call(ctx);
}

describe('BestStag Assistant settles the inbound journal for turns without a row of their own', () => {
	const redis = useTestRedis({ flushBeforeEach: true });
	const previous = process.env.BESTSTAG_REDIS_URL;
	beforeAll(() => {
		process.env.BESTSTAG_REDIS_URL = redis.url;
		classifyOffline('oi');
	});
	afterAll(async () => {
		if (previous === undefined) delete process.env.BESTSTAG_REDIS_URL;
		else process.env.BESTSTAG_REDIS_URL = previous;
		await closeRedisConnections();
	});

	it('preludes taken by a request are settled; the request stays journaled until its row is queued', async () => {
		const journal = new InboundJournal(redis.client);
		const oi = message('oi');
		const request = message('me lembra amanhã às 9h de pagar o boleto');
		await journal.record(oi.messageSid, oi);
		await journal.record(request.messageSid, request);
		const [held, answered] = await Promise.all([
			run({ resource: 'turn', operation: 'remember', message: oi, user: consented, options: { burstWindowMs: 500 } }),
			new Promise((r) => setTimeout(r, 100)).then(() => run({ resource: 'turn', operation: 'remember', message: request, user: consented, options: { burstWindowMs: 500 } })),
		]);
		expect(held[0]).toEqual([]);
		expect((answered[0][0].json.turn as { messageSids: string[] }).messageSids).toEqual([oi.messageSid, request.messageSid]);
		expect(await journal.depth()).toBe(1);
		const { claimed } = await journal.claimOverdue(0);
		expect(claimed.map((e) => e.messageSid)).toEqual([request.messageSid]);
	});

	it('a first contact (consent prompt, nothing stored) is settled by Decide', async () => {
		const journal = new InboundJournal(redis.client);
		const first = message('oi, quero organizar minhas tarefas');
		await journal.record(first.messageSid, first);
		const newUser = { phone: PHONE, found: false, fields: {}, openTasks: [], openHandoffs: 0 };
		const remembered = await run({ resource: 'turn', operation: 'remember', message: first, user: newUser, options: { burstWindowMs: 0 } });
		const turn = remembered[0][0].json.turn;
		const decided = await run({ resource: 'turn', operation: 'decide', requireConsent: true }, { turn, intent: 'task.list', confidence: 0.9, entities: { datetime: null, title: null } });
		const out = decided.flat()[0].json as { action: string; log: boolean };
		expect(out.log).toBe(false);
		expect(await journal.depth()).toBe(0);
	});
});
