import Redis from 'ioredis';

import { BUFFERED, type BufferedContext } from '../../../nodes/AirtableCrm/buffered/operations';
import { AirtableGateway } from '../../../nodes/AirtableCrm/transport/request';
import { AirtableUpsertSender } from '../../../nodes/shared/datapath/airtable-sender';
import { BaseFlusher } from '../../../nodes/shared/datapath/flusher';
import { DataPathStore } from '../../../nodes/shared/datapath/store';
import { closeFromDesk, HandoffDeskError, listOpenHandoffs, replyToHandoff, type HandoffDeskDeps } from '../../../portal/handoffs';
import { mockExecuteContext } from '../../support/execute-context';
import { startTestRedis, type TestRedis } from '../../support/redis-server';
import { createMany, startTestStore, TOKEN, type TestStore } from '../sandbox/airtable/helpers';
import { BOT, startTestStandIn, type TestStandIn } from '../sandbox/twilio/helpers';
import { NO_RATE_LIMIT } from '../../support/no-rate-limit';

jest.setTimeout(30_000);

const ANA = '+5511987654321';
const noLimit = NO_RATE_LIMIT;

describe('the hand-off desk (portal): list, reply, close (real redis-server, Airtable and Twilio stand-ins)', () => {
	let server: TestRedis;
	let redis: Redis;
	let airtable: TestStore;
	let twilio: TestStandIn;
	let deps: HandoffDeskDeps;
	let reference: string;

	beforeAll(async () => {
		server = await startTestRedis();
		redis = new Redis(server.url);
		twilio = await startTestStandIn();
	});
	afterAll(async () => {
		await redis.quit();
		await server.stop();
		await twilio.dispose();
	});
	beforeEach(async () => {
		await redis.flushall();
		airtable = await startTestStore();
		const store = new DataPathStore(redis);
		const gateway = new AirtableGateway({ accessToken: TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url }, { limiter: noLimit });
		deps = { gateway, store, base: airtable.baseId, twilio: twilio.client, sender: BOT };
		const [ana] = await createMany(airtable, 'Users', [{ Phone: ANA, Name: 'Ana', Locale: 'en' }]);
		await createMany(airtable, 'Messages', [
			{ 'Message SID': `SM${'1'.repeat(32)}`, User: [ana], Direction: 'inbound', Text: 'hi', At: '2026-11-30T12:00:00.000Z' },
			{ 'Message SID': `SM${'2'.repeat(32)}`, User: [ana], Direction: 'inbound', Text: 'I want to talk to a person', At: '2026-11-30T12:01:00.000Z' },
		]);
		process.env.BESTSTAG_CONSULTANT_PHONES = '+5511912345678';
		// The bot opened it in buffered mode; the flusher brought it to Airtable.
		const context: BufferedContext = { store, base: airtable.baseId, gateway };
		const { ctx } = mockExecuteContext({ parameters: { phone: ANA, reason: 'I want to talk to a person', handoffKey: `SM${'2'.repeat(32)}`, recentMessages: ['hi'] } });
		const [opened] = await BUFFERED.handoff.open.call(ctx, context);
		reference = String(opened.json.reference);
		await flush();
	});
	afterEach(async () => {
		flusher = undefined;
		delete process.env.BESTSTAG_CONSULTANT_PHONES;
		await airtable.dispose();
	});

	// One flusher per test: it keeps the base's lease between cycles.
	let flusher: BaseFlusher | undefined;
	const flush = () => {
		flusher ??= new BaseFlusher(redis, deps.store, airtable.baseId, new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }), { acquire: async () => undefined }, { holder: 't', window: { windowMs: 0, fullBatch: 10 } });
		return flusher.cycle();
	};
	const sentTo = async (phone: string) => (await twilio.client.messages.list({ to: `whatsapp:${phone}` })).map((m) => m.body);
	const handoffRow = async () => (await airtable.api('GET', `/v0/${airtable.baseId}/Handoffs`)).body.records[0].fields as Record<string, unknown>;

	it('lists the open hand-off with its summary, the user and their latest messages', async () => {
		const [h] = await listOpenHandoffs(deps);
		expect(h).toMatchObject({ reference, status: 'open', reason: 'I want to talk to a person', user: { phone: ANA, name: 'Ana', locale: 'en' } });
		expect(h.summary).toContain('• "hi"');
		expect(h.messages.map((m) => m.text)).toEqual(['hi', 'I want to talk to a person']);
	});

	it('groups the latest messages per user, one listing for every hand-off', async () => {
		const [bruno] = await createMany(airtable, 'Users', [{ Phone: '+5521998765432', Name: 'Bruno' }]);
		await createMany(airtable, 'Messages', [{ 'Message SID': `SM${'3'.repeat(32)}`, User: [bruno], Direction: 'inbound', Text: 'atendente por favor', At: '2026-11-30T12:02:00.000Z' }]);
		const { ctx } = mockExecuteContext({ parameters: { phone: '+5521998765432', reason: 'atendente por favor', handoffKey: `SM${'3'.repeat(32)}` } });
		await BUFFERED.handoff.open.call(ctx, { store: deps.store, base: deps.base, gateway: deps.gateway });
		await flush();
		const listed = await listOpenHandoffs(deps);
		expect(listed.map((h) => [h.user.name, h.messages.map((m) => m.text)])).toEqual([
			['Ana', ['hi', 'I want to talk to a person']],
			['Bruno', ['atendente por favor']],
		]);
	});

	it('sends a reply in the user\'s language, logs it, marks the hand-off assigned and keeps the bot paused', async () => {
		const sent = await replyToHandoff(deps, reference, { text: 'Hi Ana, Marina here.', consultant: 'Marina' });
		expect(sent.sid).toMatch(/^SM/);
		expect(await sentTo(ANA)).toContain('*Marina (BestStag team):* Hi Ana, Marina here.');
		expect((await deps.store.get(deps.base, 'Handoffs', reference))?.fields.Status).toBe('assigned');
		expect(await flush()).toMatchObject({ dead: 0 });
		const logged = (await airtable.api('GET', `/v0/${airtable.baseId}/Messages?filterByFormula=${encodeURIComponent(`{Message SID}='${sent.sid}'`)}`)).body.records;
		expect(logged[0].fields).toMatchObject({ Direction: 'outbound', Text: '*Marina (BestStag team):* Hi Ana, Marina here.' });
		expect((await handoffRow()).Status).toBe('assigned');
		expect((await listOpenHandoffs(deps))[0].status).toBe('assigned');
	});

	it('closes: gone from the list at once, the user told now, and the bot\'s next turn does not repeat it', async () => {
		expect(await closeFromDesk(deps, reference)).toMatchObject({ closed: true });
		expect(await listOpenHandoffs(deps)).toEqual([]);
		expect(await sentTo(ANA)).toContain("I'm back! 👋 Your conversation with our team was closed and I'm here again. Type *menu* to see what I can do.");
		const { ctx } = mockExecuteContext({ parameters: { phone: ANA } });
		const [checked] = await BUFFERED.handoff.check.call(ctx, { store: deps.store, base: deps.base, gateway: deps.gateway });
		expect(checked.json.handoff).toEqual({ paused: false, reference: null, resumed: false, resumedReference: null });
		expect(await closeFromDesk(deps, reference)).toEqual({ closed: false, sid: null });
		await flush();
		expect(await handoffRow()).toMatchObject({ Status: 'closed' });
		await expect(replyToHandoff(deps, reference, { text: 'late' })).rejects.toMatchObject({ status: 409 });
	});

	it('refuses an empty reply, a bad or unknown reference, sending nothing', async () => {
		const before = (await sentTo(ANA)).length;
		await expect(replyToHandoff(deps, reference, { text: '  ' })).rejects.toThrow(HandoffDeskError);
		await expect(replyToHandoff(deps, 'DROP TABLE', { text: 'x' })).rejects.toMatchObject({ status: 400 });
		await expect(replyToHandoff(deps, 'HO-20990101-AAAAAA', { text: 'x' })).rejects.toMatchObject({ status: 404 });
		await expect(closeFromDesk(deps, 'HO-20990101-AAAAAA')).rejects.toMatchObject({ status: 404 });
		expect((await sentTo(ANA)).length).toBe(before);
	});

	it('shows a turn row\'s reply after its text, for a base that logs one row per turn', async () => {
		// Airtable as the desk reads it, with Messages rows that carry the turn's Reply (a newer schema).
		const answers: Record<string, Array<{ id: string; createdTime: string; fields: Record<string, unknown> }>> = {
			Handoffs: [{ id: 'recH', createdTime: '', fields: { Reference: 'HO-20261130-ABCDEF', Status: 'open', User: ['recU'] } }],
			Users: [{ id: 'recU', createdTime: '', fields: { Phone: ANA, Name: 'Ana' } }],
			Messages: [
				{ id: 'recM2', createdTime: '', fields: { User: ['recU'], Direction: 'inbound', Text: 'quero um humano', Reply: 'Combinado!', At: '2026-11-30T12:01:00.000Z' } },
				{ id: 'recM1', createdTime: '', fields: { User: ['recU'], Direction: 'inbound', Text: 'oi', Reply: 'Oi Ana!', At: '2026-11-30T12:00:00.000Z' } },
			],
		};
		const gateway = { listAll: async (table: string) => answers[table] ?? [] } as unknown as HandoffDeskDeps['gateway'];
		const [h] = await listOpenHandoffs({ ...deps, gateway });
		expect(h.messages.map((m) => [m.direction, m.text])).toEqual([
			['inbound', 'oi'],
			['outbound', 'Oi Ana!'],
			['inbound', 'quero um humano'],
			['outbound', 'Combinado!'],
		]);
	});
});
