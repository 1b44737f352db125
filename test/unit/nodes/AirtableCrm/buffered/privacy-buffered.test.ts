import Redis from 'ioredis';

import { CONSENT_TEXT_VERSION } from '../../../../../core/assistant/catalogue/privacy';
import { BUFFERED } from '../../../../../nodes/AirtableCrm/buffered/operations';
import { AirtableGateway } from '../../../../../nodes/AirtableCrm/transport/request';
import { DataPathStore } from '../../../../../nodes/shared/datapath/store';
import { mockExecuteContext } from '../../../../support/execute-context';
import { startTestRedis, type TestRedis } from '../../../../support/redis-server';
import { TOKEN } from '../../../sandbox/airtable/helpers';
import { phoneOf, useCrmHarness } from '../harness';
import { NO_RATE_LIMIT } from '../../../../support/no-rate-limit';

jest.setTimeout(60_000);

const crm = useCrmHarness();

/** The buffered privacy operations against a real Redis (replica + outbox) and the sandbox Airtable store. */
describe('Airtable CRM buffered privacy operations', () => {
	let server: TestRedis;
	let redis: Redis;
	let store: DataPathStore;
	beforeAll(async () => {
		server = await startTestRedis();
		redis = new Redis(server.url);
		store = new DataPathStore(redis);
	});
	afterAll(async () => {
		await redis.quit();
		await server.stop();
	});

	const context = () => ({
		store,
		base: crm.store.baseId,
		gateway: new AirtableGateway({ accessToken: TOKEN, baseId: crm.store.baseId, endpointUrl: crm.store.url }, { limiter: NO_RATE_LIMIT }),
	});
	const run = async (operation: 'privacyChoice' | 'export', parameters: Record<string, unknown>) => {
		const { ctx } = mockExecuteContext({ parameters });
		return BUFFERED.user[operation].call(ctx, context());
	};

	it('a consent decision lands in the replica and the outbox in one write: the Users row and its AuditLog entry, owned by the user', async () => {
		const phone = phoneOf(600);
		await run('privacyChoice', { phone, choice: 'consent_prompted', consentVersion: CONSENT_TEXT_VERSION });
		const [out] = await run('privacyChoice', { phone: `whatsapp:${phone}`, choice: 'consent_accepted', consentVersion: CONSENT_TEXT_VERSION });
		expect(out.json).toMatchObject({ key: phone, buffered: true, fields: { 'Consent Status': 'accepted', 'Consent Version': CONSENT_TEXT_VERSION, 'Opt-in Status': 'opted_in' } });
		// Only the consent state (no name, no text) was stored for this user.
		expect(Object.keys((await store.get(crm.store.baseId, 'Users', phone))!.fields).sort()).toEqual(['Consent At', 'Consent Prompted At', 'Consent Status', 'Consent Version', 'Opt-in Status', 'Opted In At']);
		const audit = await store.listOwned(crm.store.baseId, 'AuditLog', phone);
		expect(audit.map((r) => r.fields.Event)).toEqual(['consent.accepted']);
		const outbox = await store.readOutbox(crm.store.baseId, 100);
		expect(outbox.filter((e) => e.key === phone || e.table === 'AuditLog').map((e) => e.table)).toEqual(['Users', 'Users', 'AuditLog']);
	});

	it('"meus dados" shows Airtable\'s history with the replica\'s unsent writes on top', async () => {
		const phone = phoneOf(601);
		const [userId] = await crm.seed('Users', [{ Phone: phone, Name: 'Nome Antigo', Locale: 'pt-BR' }]);
		await crm.seed('Tasks', [{ Title: 'feita em março', User: [userId], Status: 'done', 'Task Key': 'tk_old' }]);
		// A task created this turn (not flushed yet) and a new name waiting in the outbox.
		await store.write(crm.store.baseId, [
			{ table: 'Users', keyField: 'Phone', key: phone, fields: { Name: 'Nome Novo' } },
			{ table: 'Tasks', keyField: 'Task Key', key: 'tk_new', fields: { Title: 'recém criada', Status: 'todo', User: [phone] }, owner: phone },
			{ table: 'Messages', keyField: 'Message SID', key: `SM${'c'.repeat(32)}`, fields: { Text: 'anota aí: recém criada', Direction: 'inbound', User: [phone] }, parents: [{ table: 'Users', keyField: 'Phone', key: phone }] },
			{ table: 'Messages', keyField: 'Message SID', key: `SM${'d'.repeat(32)}`, fields: { Text: 'de outra pessoa', Direction: 'inbound', User: [phoneOf(602)] } },
		]);
		await crm.seed('Messages', [{ 'Message SID': `SM${'e'.repeat(32)}`, User: [userId], Direction: 'inbound', Text: 'mensagem antiga' }]);
		const [out] = await run('export', { phone, latest: 5 });
		const json = out.json as { counts: Record<string, number>; exportParams: { name: string; tasks: Array<{ text: string }> } };
		expect(json.counts.tasks).toBe(2);
		expect(json.counts.messages).toBe(2);
		expect(json.exportParams.name).toBe('Nome Novo');
		expect(json.exportParams.tasks.map((t) => t.text).sort()).toEqual(['feita em março', 'recém criada']);
	});
});
