import { Queue } from 'bullmq';
import Redis from 'ioredis';

import { BESTSTAG_SCHEMA } from '../../../../../../airtable-schema';
import { phoneDigitForms } from '../../../../../../core/airtable/crm';
import * as erase from '../../../../../../nodes/AirtableCrm/actions/user/erase.operation';
import { eraseUser } from '../../../../../../nodes/AirtableCrm/actions/user/erase.operation';
import { AirtableGateway } from '../../../../../../nodes/AirtableCrm/transport/request';
import { baseKeys } from '../../../../../../nodes/shared/datapath/keys';
import { DataPathStore } from '../../../../../../nodes/shared/datapath/store';
import { closeRedisConnections } from '../../../../../../nodes/shared/redis';
import { startTestRedis, type TestRedis } from '../../../../../support/redis-server';
import { TOKEN } from '../../../../sandbox/airtable/helpers';
import { items, phoneOf, useCrmHarness } from '../../harness';
import { NO_RATE_LIMIT } from '../../../../../support/no-rate-limit';

jest.setTimeout(60_000);

const crm = useCrmHarness();

const ANA = phoneOf(500);
const BIA = phoneOf(501);
/** Ana's personal data as it is written below; none of it may survive her erasure, anywhere. */
const ANA_PII = [...phoneDigitForms(ANA), 'Ana Privada', 'ana@privada.example', 'segredo', 'consulta médica', 'Clínica Sigilo'];

/** Every key of the Redis and everything in it, as text. */
async function dumpRedis(redis: Redis): Promise<string> {
	const out: string[] = [];
	for (const key of await redis.keys('*')) {
		const type = await redis.type(key);
		const value =
			type === 'string' ? await redis.get(key)
			: type === 'hash' ? await redis.hgetall(key)
			: type === 'set' ? await redis.smembers(key)
			: type === 'list' ? await redis.lrange(key, 0, -1)
			: type === 'stream' ? await redis.xrange(key, '-', '+')
			: type === 'zset' ? await redis.zrange(key, '0', '-1')
			: null;
		out.push(`${key} => ${JSON.stringify(value)}`);
	}
	return out.join('\n');
}

/** Every table of the base, every record, as text. */
async function dumpBase(): Promise<Record<string, string>> {
	const tables: Record<string, string> = {};
	for (const table of BESTSTAG_SCHEMA.tables) tables[table.name] = JSON.stringify(await crm.records(table.name));
	return tables;
}

describe('user: erase ("apaga meus dados")', () => {
	let server: TestRedis;
	let redis: Redis;
	let store: DataPathStore;
	const base = () => crm.store.baseId;

	beforeAll(async () => {
		server = await startTestRedis();
		redis = new Redis(server.url);
		store = new DataPathStore(redis);
		process.env.BESTSTAG_REDIS_URL = server.url;
	});
	afterAll(async () => {
		delete process.env.BESTSTAG_REDIS_URL;
		await closeRedisConnections();
		await redis.quit();
		await server.stop();
	});

	/** Ana and Bia in every table, Airtable and Redis; returns Bia's row counts to check they survive. */
	async function seedBoth(): Promise<void> {
		const [ana, bia] = await crm.seed('Users', [
			{ Phone: ANA, Name: 'Ana Privada', Email: 'ana@privada.example', 'WhatsApp ID': phoneDigitForms(ANA)[1], 'Consent Status': 'accepted', Role: 'consultant' },
			{ Phone: BIA, Name: 'Bia Mantida', 'Consent Status': 'accepted' },
		]);
		await crm.seed('Messages', [
			...Array.from({ length: 3 }, (_, i) => ({ 'Message SID': `SM${String(i).repeat(32)}`, User: [ana], Direction: 'inbound', Text: `meu segredo ${i}` })),
			{ 'Message SID': `SM${'f'.repeat(32)}`, User: [bia], Direction: 'inbound', Text: 'oi da Bia' },
		]);
		await crm.seed('Tasks', [...Array.from({ length: 12 }, (_, i) => ({ Title: `segredo ${i}`, User: [ana], Status: 'todo' })), { Title: 'tarefa da Bia', User: [bia], Status: 'todo' }]);
		await crm.seed('Reminders', [{ Text: 'consulta médica', User: [ana], Status: 'scheduled' }]);
		await crm.seed('Events', [{ Title: 'consulta médica', User: [ana], Location: 'Clínica Sigilo', Provider: 'google', 'External ID': 'ev1' }]);
		await crm.seed('Emails', [{ Subject: 'resultado da consulta médica', User: [ana], From: 'ana@privada.example', Provider: 'google', 'External ID': 'em1' }]);
		await crm.seed('Digests', [{ 'Digest Key': `${ANA}|2026-11-29`, User: [ana], Content: 'segredo do dia' }]);
		await crm.seed('Handoffs', [
			{ Reference: 'HO-1', User: [ana], Reason: 'segredo' },
			// Ana was the consultant of Bia's hand-off: the hand-off is Bia's and stays, without Ana.
			{ Reference: 'HO-2', User: [bia], Consultant: [ana], Reason: 'ajuda da Bia' },
		]);
		await crm.seed('Leads', [{ Name: 'Ana Privada', Phone: ANA, Email: 'ana@privada.example' }, { Name: 'Outro Lead', Phone: phoneOf(502) }]);
		await crm.seed('AuditLog', [
			{ Event: 'consent.accepted', Actor: ANA, Entity: 'Users', Details: '{}' },
			{ Event: 'handoff.assigned', Actor: 'workflow', Entity: 'Handoffs/HO-2', Details: JSON.stringify({ consultant: phoneDigitForms(ANA)[0] }) },
			{ Event: 'consent.accepted', Actor: BIA, Entity: 'Users', Details: '{}' },
		]);

		// The data path: Ana's writes still waiting for the flusher, a message already flushed, Bia's write.
		await store.write(base(), [
			{ table: 'Users', keyField: 'Phone', key: ANA, fields: { Name: 'Ana Privada' } },
			{ table: 'Messages', keyField: 'Message SID', key: `SM${'9'.repeat(32)}`, fields: { Text: 'segredo recente', User: [ANA] }, parents: [{ table: 'Users', keyField: 'Phone', key: ANA }] },
			{ table: 'Tasks', keyField: 'Task Key', key: 'tk_ana', fields: { Title: 'segredo pendente', User: [ANA] }, owner: ANA },
			{ table: 'AuditLog', keyField: 'Audit Key', key: 'au_ana', fields: { Event: 'user.opted_out', Actor: ANA }, owner: ANA },
			{ table: 'Users', keyField: 'Phone', key: BIA, fields: { Name: 'Bia Mantida' } },
		]);
		await store.applyExternalChange(base(), 'Messages', `SM${'8'.repeat(32)}`, { fields: { Text: 'segredo antigo', User: [ANA] } }, { recordId: 'recAnaOldMessage1' });
		await redis.set(`beststag:wa:last:${ANA}`, new Date().toISOString());
		await redis.set(`beststag:wa:last:${BIA}`, new Date().toISOString());
		await redis.set(`beststag:ctx:${phoneDigitForms(ANA)[0]}`, JSON.stringify({ lastIntent: 'task.list' }));
		// A proactive message to Ana waiting in the outbound queue (a reminder due in an hour), and one to Bia.
		const outbound = new Queue('beststag-whatsapp-testqueue01', { connection: redis });
		await outbound.add('send', { to: `whatsapp:${ANA}`, messages: [{ kind: 'text', body: '⏰ consulta médica', mediaUrls: [] }] }, { delay: 3_600_000 });
		await outbound.add('send', { to: `whatsapp:${BIA}`, messages: [{ kind: 'text', body: '⏰ lembrete da Bia', mediaUrls: [] }] }, { delay: 3_600_000 });
		await outbound.close();
		await redis.lpush(baseKeys(base()).dead, JSON.stringify({ table: 'Tasks', key: 'tk_dead', fields: { Title: 'segredo morto', User: [ANA] } }));
	}

	it('leaves no PII of the user in any table or Redis key, keeps the other user whole, and logs one anonymous entry', async () => {
		await seedBoth();
		const before = await dumpBase();
		const biaBefore = Object.fromEntries(Object.entries(before).map(([t, text]) => [t, (text.match(/Bia/g) ?? []).length]));

		const { out } = await crm.run(erase, { items: items(1), parameters: { phone: `whatsapp:${ANA}` }, credentials: { airtableCrmApi: { accessToken: TOKEN, baseId: base(), endpointUrl: crm.store.url } } });
		const result = out[0].json as erase.ErasureResult;
		expect(result).toMatchObject({
			erased: true,
			counts: { Messages: 3, Tasks: 12, Reminders: 1, Events: 1, Emails: 1, Digests: 1, Handoffs: 1, Leads: 1, AuditLog: 2, Users: 1 },
			dataPath: { outboxEntries: 4, deadLetters: 1, outboundJobs: 1 },
		});
		expect(result.pseudonym).toMatch(/^user:[0-9a-f]{16}$/);
		expect(JSON.stringify(result)).not.toContain(phoneDigitForms(ANA)[0]);

		const after = await dumpBase();
		for (const [table, text] of Object.entries(after)) for (const pii of ANA_PII) expect(`${table}: ${text}`).not.toContain(pii);
		// Bia's rows are all still there.
		for (const [table, count] of Object.entries(biaBefore)) expect([table, (after[table].match(/Bia/g) ?? []).length]).toEqual([table, count]);
		const erasedEntries = (await crm.records('AuditLog')).filter((r) => r.fields.Event === 'user.erased');
		expect(erasedEntries).toHaveLength(1);
		expect(erasedEntries[0].fields.Actor).toBe(result.pseudonym);
		expect(JSON.parse(erasedEntries[0].fields.Details).counts).toEqual(result.counts);
		// The operators' log keeps what happened, with the pseudonym for Ana.
		expect((await crm.records('AuditLog')).filter((r) => r.fields.Actor === result.pseudonym).map((r) => r.fields.Event).sort()).toEqual(['consent.accepted', 'user.erased']);

		const redisText = await dumpRedis(redis);
		for (const pii of ANA_PII) expect(redisText).not.toContain(pii);
		expect(redisText).toContain(`beststag:wa:last:${BIA}`);
		expect(redisText).toContain('lembrete da Bia');
		expect((await store.readOutbox(base(), 100)).map((e) => e.key)).toEqual([BIA]);
		expect(await store.get(base(), 'Users', BIA)).toBeDefined();
	});

	it('holds the flusher while deleting; a write it had in flight lands mid-sweep and the check pass removes it too', async () => {
		const phone = phoneOf(510);
		const [ana] = await crm.seed('Users', [{ Phone: phone, Name: 'Ana Privada' }]);
		await crm.seed('Messages', [{ 'Message SID': `SM${'1'.repeat(32)}`, User: [ana], Direction: 'inbound', Text: 'segredo' }]);
		const gateway = new AirtableGateway({ accessToken: TOKEN, baseId: base(), endpointUrl: crm.store.url }, { limiter: NO_RATE_LIMIT });
		const listAll = gateway.listAll.bind(gateway);
		const pausedDuring: number[] = [];
		let landed = false;
		gateway.listAll = async (table, query) => {
			pausedDuring.push(await redis.pttl(baseKeys(base()).hold));
			if (table === 'Handoffs' && !landed) {
				// The flusher's request, sent just before the hold, lands now (typecast links it by phone).
				landed = true;
				await crm.store.api('POST', `/v0/${base()}/Messages`, { records: [{ fields: { 'Message SID': `SM${'2'.repeat(32)}`, User: [phone], Direction: 'inbound', Text: 'segredo atrasado' } }], typecast: true });
			}
			return listAll(table, query);
		};
		const result = await eraseUser(gateway, base(), phone, { redis, auditKey: 'au_test_late' });
		expect(result.counts.Messages).toBe(2);
		expect(pausedDuring.every((ms) => ms > 0)).toBe(true);
		expect(await redis.exists(baseKeys(base()).hold)).toBe(0);
		const after = await dumpBase();
		for (const text of Object.values(after)) {
			expect(text).not.toContain(phoneDigitForms(phone)[0]);
			expect(text).not.toContain('segredo atrasado');
		}
	});

	it('leaves a longer hold in place, and leaves the 429 pause (its own requests wait on the limiter) alone', async () => {
		await redis.set(baseKeys(base()).hold, 'another-erasure', 'PX', 600_000);
		await redis.set(baseKeys(base()).pause, 'rate-limited', 'PX', 600_000);
		const gateway = new AirtableGateway({ accessToken: TOKEN, baseId: base(), endpointUrl: crm.store.url }, { limiter: NO_RATE_LIMIT });
		await eraseUser(gateway, base(), phoneOf(511), { redis, auditKey: 'au_test_pause' });
		expect(await redis.get(baseKeys(base()).hold)).toBe('another-erasure');
		expect(await redis.get(baseKeys(base()).pause)).toBe('rate-limited');
		await redis.del(baseKeys(base()).pause, baseKeys(base()).hold);
	});

	it('erasing twice (a repeated tap) finds nothing the second time and still answers', async () => {
		const gateway = new AirtableGateway({ accessToken: TOKEN, baseId: base(), endpointUrl: crm.store.url }, { limiter: NO_RATE_LIMIT });
		const result = await eraseUser(gateway, base(), ANA, { redis, auditKey: 'au_test_twice' });
		expect(Object.values(result.counts).every((n) => n === 0)).toBe(true);
		expect(result.dataPath).toEqual({ outboxEntries: 0, replicaRecords: 0, deadLetters: 0, otherKeys: 0, outboundJobs: 0 });
	});
});
