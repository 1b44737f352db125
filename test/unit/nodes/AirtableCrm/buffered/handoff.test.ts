import Redis from 'ioredis';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { BUFFERED, type BufferedContext } from '../../../../../nodes/AirtableCrm/buffered/operations';
import { AirtableGateway } from '../../../../../nodes/AirtableCrm/transport/request';
import { AirtableUpsertSender } from '../../../../../nodes/shared/datapath/airtable-sender';
import { BaseFlusher } from '../../../../../nodes/shared/datapath/flusher';
import { DataPathStore } from '../../../../../nodes/shared/datapath/store';
import { mockExecuteContext, type ParameterValue } from '../../../../support/execute-context';
import { startTestRedis, type TestRedis } from '../../../../support/redis-server';
import { createMany, startTestStore, TOKEN, type TestStore } from '../../../sandbox/airtable/helpers';
import { NO_RATE_LIMIT } from '../../../../support/no-rate-limit';

jest.setTimeout(30_000);

const ANA = '+5511987654321';
const CONSULTANT = '+5511912345678';
const SID = (n: number) => `SM${n.toString(16).padStart(32, '0')}`;
const noLimit = NO_RATE_LIMIT;

describe('Hand-off buffered operations (real redis-server, Airtable stand-in)', () => {
	let server: TestRedis;
	let redis: Redis;
	let airtable: TestStore;
	let store: DataPathStore;
	let context: BufferedContext;
	const saved = { ...process.env };

	beforeAll(async () => {
		server = await startTestRedis();
		redis = new Redis(server.url);
		store = new DataPathStore(redis);
	});
	afterAll(async () => {
		await redis.quit();
		await server.stop();
	});
	beforeEach(async () => {
		await redis.flushall();
		airtable = await startTestStore();
		const gateway = new AirtableGateway({ accessToken: TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url }, { limiter: noLimit });
		context = { store, base: airtable.baseId, gateway };
		const [ana] = await createMany(airtable, 'Users', [
			{ Phone: ANA, Name: 'Ana', Locale: 'pt-BR', Timezone: 'America/Sao_Paulo' },
			{ Phone: CONSULTANT, Name: 'Marina', Role: 'consultant', Locale: 'en' },
		]);
		await createMany(airtable, 'Tasks', [
			{ Title: 'relatório', User: [ana], Status: 'todo', 'Task Key': 'tk_1' },
			{ Title: 'boleto', User: [ana], Status: 'doing', 'Task Key': 'tk_2' },
			{ Title: 'old', User: [ana], Status: 'done', 'Task Key': 'tk_3' },
		]);
		process.env = { ...saved };
		delete process.env.BESTSTAG_CONSULTANT_PHONES;
		delete process.env.BESTSTAG_HANDOFF_TEMPLATE_SID;
		delete process.env.BESTSTAG_BUSINESS_HOURS;
	});
	afterEach(async () => {
		process.env = saved;
		await airtable.dispose();
	});

	const run = async (operation: 'open' | 'close' | 'check', parameters: Record<string, ParameterValue>, items: IDataObject[] = [{}], continueOnFail = false): Promise<INodeExecutionData[]> => {
		const { ctx } = mockExecuteContext({ items, parameters, continueOnFail, node: { id: 'node-1' } });
		(ctx as unknown as { getExecutionId: () => string }).getExecutionId = () => 'exec-1';
		return BUFFERED.handoff[operation].call(ctx, context);
	};
	const open = (sid: number, extra: Record<string, ParameterValue> = {}) => run('open', { phone: ANA, reason: 'quero falar com um humano', handoffKey: SID(sid), recentMessages: ['oi', 'minhas tarefas'], ...extra });
	const check = async (phone = ANA) => (await run('check', { phone }, [{ from: `whatsapp:${phone}`, body: 'oi' }]))[0].json;
	const rows = async (table: string) => (await airtable.api('GET', `/v0/${airtable.baseId}/${table}?pageSize=100`)).body.records as Array<{ id: string; fields: Record<string, unknown> }>;
	const flush = () => new BaseFlusher(redis, store, airtable.baseId, new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }), { acquire: async () => undefined }, { holder: 't', window: { windowMs: 0, fullBatch: 10 } }).cycle();

	it('opens one hand-off with the summary, pauses the bot, and prepares the consultant notice', async () => {
		expect((await check()).handoff).toEqual({ paused: false, reference: null, resumed: false, resumedReference: null });
		const [out] = await open(1);
		const json = out.json as Record<string, unknown>;
		expect(json).toMatchObject({ created: true, paused: true, status: 'open', userName: 'Ana', locale: 'pt-BR', replyKey: 'handoff.opened', notifyError: null });
		expect(json.reference).toMatch(/^HO-\d{8}-[0-9A-F]{6}$/);
		expect(json.summary).toEqual({ messages: ['oi', 'minhas tarefas', 'quero falar com um humano'], openTasks: 2, reason: 'quero falar com um humano' });
		expect((json.replyParams as { reference: string }).reference).toBe(json.reference);
		const [notice] = json.consultantNotices as Array<Record<string, string>>;
		expect(notice).toMatchObject({ to: `whatsapp:${CONSULTANT}`, locale: 'en', templateSid: '' });
		expect(notice.text).toContain('*Ana* (+5511987654321) wants to talk to a person');
		expect(JSON.parse(notice.templateVariables)).toEqual({ '1': 'Ana', '2': json.reference, '3': 'quero falar com um humano' });

		const state = await check();
		expect(state).toMatchObject({ from: `whatsapp:${ANA}`, body: 'oi', handoff: { paused: true, reference: json.reference, resumed: false } });

		// Reaches Airtable through the flusher with every field the base accepts.
		expect(await flush()).toMatchObject({ dead: 0 });
		const [row] = await rows('Handoffs');
		expect(row.fields).toMatchObject({ Reference: json.reference, Status: 'open', Reason: 'quero falar com um humano' });
		expect(row.fields.Summary).toBe('• "oi"\n• "minhas tarefas"\n• "quero falar com um humano"\nTarefas abertas: 2');
	});

	it('never opens a second while one is open, nor twice for a redelivered message', async () => {
		const [first] = await open(1);
		const [again] = await open(1);
		const [other] = await open(2);
		for (const out of [again, other]) expect(out.json).toMatchObject({ created: false, reference: first.json.reference, replyKey: 'handoff.already_open', consultantNotices: [] });
		expect(await store.listOwned(context.base, 'Handoffs', ANA)).toHaveLength(1);
	});

	it('closes by reference: the bot resumes and the user is told once, on the next turn', async () => {
		const [opened] = await open(1);
		const reference = String(opened.json.reference);
		const [closed] = await run('close', { reference, consultantPhone: CONSULTANT });
		expect(closed.json).toMatchObject({ reference, closed: true, phone: ANA, locale: 'pt-BR', replyKey: 'handoff.resumed', userTold: false });
		expect((await check()).handoff).toEqual({ paused: false, reference: null, resumed: true, resumedReference: reference });
		expect((await check()).handoff).toEqual({ paused: false, reference: null, resumed: false, resumedReference: null });
		expect(await flush()).toMatchObject({ dead: 0 });
		const [row] = await rows('Handoffs');
		expect(row.fields).toMatchObject({ Status: 'closed' });
		expect(row.fields['Closed At']).toBeDefined();
		expect(row.fields['Resume Notified At']).toBeDefined();
		// A new request after the close opens a new hand-off.
		expect((await open(3))[0].json).toMatchObject({ created: true });
	});

	it('with Mark User Told, the next turn does not repeat "I\'m back"', async () => {
		const [opened] = await open(1);
		await run('close', { reference: opened.json.reference, markUserTold: true });
		expect((await check()).handoff).toMatchObject({ paused: false, resumed: false });
	});

	it('follows a close made in Airtable (the changes trigger applies it to the replica)', async () => {
		const [opened] = await open(1);
		// The open reached Airtable first (a pending local write would win over Airtable's value).
		await flush();
		await store.applyExternalChange(context.base, 'Handoffs', String(opened.json.reference), { fields: { Status: 'closed', 'Closed At': new Date().toISOString() } });
		expect((await check()).handoff).toMatchObject({ paused: false, resumed: true, resumedReference: opened.json.reference });
	});

	it('pauses for a hand-off left open in Airtable before the user\'s first turn (replica miss)', async () => {
		const [ana] = (await rows('Users')).filter((r) => r.fields.Phone === ANA).map((r) => r.id);
		await createMany(airtable, 'Handoffs', [{ Reference: 'HO-20261101-ABCDEF', User: [ana], Status: 'assigned' }]);
		expect((await check()).handoff).toMatchObject({ paused: true, reference: 'HO-20261101-ABCDEF' });
		expect((await open(9))[0].json).toMatchObject({ created: false, reference: 'HO-20261101-ABCDEF' });
	});

	it('notifies BESTSTAG_CONSULTANT_PHONES with the template when set, and says when nobody can be notified', async () => {
		process.env.BESTSTAG_CONSULTANT_PHONES = '+5511955554444';
		process.env.BESTSTAG_HANDOFF_TEMPLATE_SID = 'HX0123456789abcdef0123456789abcdef';
		const [out] = await open(1);
		expect(out.json.consultantNotices).toEqual([expect.objectContaining({ to: 'whatsapp:+5511955554444', locale: 'pt-BR', templateSid: 'HX0123456789abcdef0123456789abcdef' })]);
		expect((out.json.consultantNotices as Array<{ text: string }>)[0].text).toContain('*Ana* (+5511987654321) quer falar com uma pessoa');
	});

	it('refuses bad settings and input before writing anything', async () => {
		process.env.BESTSTAG_CONSULTANT_PHONES = 'marina';
		await expect(open(1)).rejects.toThrow(/BESTSTAG_CONSULTANT_PHONES/);
		delete process.env.BESTSTAG_CONSULTANT_PHONES;
		process.env.BESTSTAG_BUSINESS_HOURS = 'whenever';
		await expect(open(1)).rejects.toThrow(/Business hours/);
		delete process.env.BESTSTAG_BUSINESS_HOURS;
		const [failed] = await run('open', { phone: 'abc', reason: 'x', handoffKey: SID(1) }, [{}], true);
		expect(failed.json.error).toMatch(/Phone/);
		const [noReason] = await run('open', { phone: ANA, reason: ' ', handoffKey: SID(1) }, [{}], true);
		expect(noReason.json.error).toMatch(/Reason is required/);
		const [unknown] = await run('close', { reference: 'HO-20990101-000000' }, [{}], true);
		expect(unknown.json.error).toMatch(/No hand-off "HO-20990101-000000"/);
		expect(await store.outboxDepth(context.base)).toBe(0);
	});
});
