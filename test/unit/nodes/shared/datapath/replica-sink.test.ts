import Redis from 'ioredis';

import type { ExternalRecordChange } from '../../../../../core/airtable/webhooks/changes';
import { selectTasks } from '../../../../../core/datapath';
import { BaseLease } from '../../../../../nodes/shared/datapath/lease';
import { DataPathReplicaSink } from '../../../../../nodes/shared/datapath/replica-sink';
import { DataPathStore, type LoadedRecord } from '../../../../../nodes/shared/datapath/store';
import { useTestRedis } from '../../../../support/redis-server';

jest.setTimeout(30_000);

const BASE = 'appReplicaSink001';
const ANA = '+5511987654321';
const BIA = '+5521998765432';

/** A change as the sync hands it over: a manager's edit in Airtable's UI unless told otherwise. */
function change(table: string, recordId: string, fields: Record<string, unknown>, unchanged: Record<string, unknown> = {}, extra: Partial<ExternalRecordChange> = {}): ExternalRecordChange {
	return { tableId: `tbl${table}`, table, recordId, kind: 'changed', deleted: false, fields, unchanged, source: 'client', transaction: 7, timestamp: '2026-11-29T12:00:00.000Z', ...extra };
}

function destroyed(table: string, recordId: string): ExternalRecordChange {
	return { ...change(table, recordId, {}), kind: 'destroyed', deleted: true };
}

/** What the replica loader returns for Ana: her Users row and one open task, with record ids. */
const anaRows = (): LoadedRecord[] => [
	{ table: 'Users', key: ANA, recordId: 'recAna', fields: { Phone: ANA, Name: 'Ana', Timezone: 'America/Sao_Paulo', 'Opt-in Status': 'opted_in' } },
	{ table: 'Tasks', key: 'tk_boleto', recordId: 'recTask1', fields: { 'Task Key': 'tk_boleto', Title: 'pagar boleto', Status: 'todo', User: [ANA] }, owner: ANA },
];

describe('DataPathReplicaSink: changes made in Airtable reach the replica (real redis-server)', () => {
	const server = useTestRedis({ flushBeforeEach: true });
	let redis: Redis;
	let store: DataPathStore;
	let sink: DataPathReplicaSink;

	const openTitles = async (phone: string) => selectTasks(await store.listOwned(BASE, 'Tasks', phone), 'open', Date.now(), 50).map((t) => t.fields.Title);

	beforeAll(() => {
		redis = server.client;
		store = new DataPathStore(redis);
	});
	beforeEach(async () => {
		sink = new DataPathReplicaSink(store, BASE);
		await store.ensureLoaded(BASE, ANA, async () => anaRows());
	});

	it('a task renamed, then marked done, in Airtable shows in the open tasks the bot lists', async () => {
		expect(await openTitles(ANA)).toEqual(['pagar boleto']);
		await sink.applyExternalChange(change('Tasks', 'recTask1', { Title: 'pagar boleto da luz' }, { 'Task Key': 'tk_boleto', Status: 'todo', User: ['recAna'] }));
		expect(await openTitles(ANA)).toEqual(['pagar boleto da luz']);
		const task = await store.get(BASE, 'Tasks', 'tk_boleto');
		expect(task).toMatchObject({ recordId: 'recTask1', fields: { Title: 'pagar boleto da luz', Status: 'todo', User: [ANA] } });

		await sink.applyExternalChange(change('Tasks', 'recTask1', { Status: 'done', 'Completed At': '2026-11-29T12:01:00.000Z' }, { 'Task Key': 'tk_boleto', Title: 'pagar boleto da luz', User: ['recAna'] }));
		expect(await openTitles(ANA)).toEqual([]);
		expect(selectTasks(await store.listOwned(BASE, 'Tasks', ANA), 'done', Date.now(), 50).map((t) => t.key)).toEqual(['tk_boleto']);
		expect(sink.counts).toMatchObject({ applied: 2, userNotInReplica: 0 });
	});

	it("a user's time zone and opt-in changed in Airtable show in the profile, found by the canonical phone", async () => {
		// Airtable may hold the phone without the ninth digit; the replica keys users by the canonical one.
		await sink.applyExternalChange(change('Users', 'recAna', { Timezone: 'Europe/Lisbon', 'Opt-in Status': 'opted_out' }, { Phone: '+551187654321', Name: 'Ana' }));
		expect((await store.get(BASE, 'Users', ANA))?.fields).toMatchObject({ Timezone: 'Europe/Lisbon', 'Opt-in Status': 'opted_out', Name: 'Ana' });
		// A cleared cell is null in the change and leaves the profile.
		await sink.applyExternalChange(change('Users', 'recAna', { Timezone: null }, { Phone: ANA, Name: 'Ana' }));
		expect((await store.get(BASE, 'Users', ANA))?.fields.Timezone).toBeUndefined();
	});

	it('a delete, which carries only the record id, removes the row and its listing; an unknown id changes nothing', async () => {
		await sink.applyExternalChange(destroyed('Tasks', 'recTask1'));
		expect(await store.get(BASE, 'Tasks', 'tk_boleto')).toBeUndefined();
		expect(await store.listOwned(BASE, 'Tasks', ANA)).toEqual([]);
		expect(await store.keyOfRecordId(BASE, 'Tasks', 'recTask1')).toBeUndefined();
		await sink.applyExternalChange(destroyed('Tasks', 'recNeverSeen'));
		await sink.applyExternalChange(destroyed('Tasks', 'recTask1')); // applied again after a crash: idempotent
		expect(sink.counts).toMatchObject({ deleted: 1, ignored: 2 });
		expect((await store.get(BASE, 'Users', ANA))?.recordId).toBe('recAna');
	});

	it('a task a manager creates in Airtable without a Task Key is listed under its record id, and its delete removes it', async () => {
		await sink.applyExternalChange(change('Tasks', 'recTyped', { Title: 'ligar pro contador', Status: 'todo', User: ['recAna'] }, {}, { kind: 'created' }));
		expect((await openTitles(ANA)).sort()).toEqual(['ligar pro contador', 'pagar boleto']);
		expect(await store.get(BASE, 'Tasks', 'recTyped')).toMatchObject({ recordId: 'recTyped' });
		await sink.applyExternalChange(destroyed('Tasks', 'recTyped'));
		expect(await openTitles(ANA)).toEqual(['pagar boleto']);
	});

	it('a pending local change wins over an external change until the flusher has sent it, then Airtable is the truth', async () => {
		await store.write(BASE, [{ table: 'Tasks', keyField: 'Task Key', key: 'tk_boleto', fields: { Status: 'done' }, owner: ANA }]);
		await sink.applyExternalChange(change('Tasks', 'recTask1', { Status: 'in_progress', Title: 'pagar boleto hoje' }, { 'Task Key': 'tk_boleto', User: ['recAna'] }));
		expect((await store.get(BASE, 'Tasks', 'tk_boleto'))?.fields).toMatchObject({ Status: 'done', Title: 'pagar boleto hoje' });
		expect(await openTitles(ANA)).toEqual([]);

		const token = (await new BaseLease(redis, BASE, 'test', 5_000).hold())!;
		const [entry] = await store.readOutbox(BASE, 10);
		const sent = { table: 'Tasks', keyField: 'Task Key', key: 'tk_boleto', fields: entry.fields, parents: [], entryIds: [entry.id], firstAt: entry.at };
		expect(await store.acknowledge(BASE, token, [{ record: sent, recordId: 'recTask1' }])).toBe(true);
		await sink.applyExternalChange(change('Tasks', 'recTask1', { Status: 'in_progress' }, { 'Task Key': 'tk_boleto', Title: 'pagar boleto hoje', User: ['recAna'] }));
		expect(await openTitles(ANA)).toEqual(['pagar boleto hoje']);
	});

	it('record ids the flusher learns fill the index: a user and task the bot created are found by their ids', async () => {
		await store.write(BASE, [
			{ table: 'Users', keyField: 'Phone', key: BIA, fields: { Name: 'Bia' } },
			{ table: 'Tasks', keyField: 'Task Key', key: 'tk_bia', fields: { Title: 'renovar CNH', Status: 'todo', User: [BIA] }, owner: BIA },
		]);
		const entries = await store.readOutbox(BASE, 10);
		const token = (await new BaseLease(redis, BASE, 'test', 5_000).hold())!;
		const pending = (i: number, table: string, keyField: string, key: string) => ({ record: { table, keyField, key, fields: entries[i].fields, parents: [], entryIds: [entries[i].id], firstAt: entries[i].at } });
		await store.acknowledge(BASE, token, [
			{ ...pending(0, 'Users', 'Phone', BIA), recordId: 'recBia' },
			{ ...pending(1, 'Tasks', 'Task Key', 'tk_bia'), recordId: 'recTaskBia' },
		]);
		expect(await store.keyOfRecordId(BASE, 'Users', 'recBia')).toBe(BIA);
		expect(await store.keyOfRecordId(BASE, 'Tasks', 'recBia')).toBeUndefined();

		await sink.applyExternalChange(change('Tasks', 'recTaskBia', { Due: '2026-12-01T12:00:00.000Z' }, { 'Task Key': 'tk_bia', Title: 'renovar CNH', Status: 'todo', User: ['recBia'] }));
		expect((await store.get(BASE, 'Tasks', 'tk_bia'))?.fields).toMatchObject({ Due: '2026-12-01T12:00:00.000Z', User: [BIA] });
		await sink.applyExternalChange(destroyed('Users', 'recBia'));
		expect(await store.get(BASE, 'Users', BIA)).toBeUndefined();
	});

	it('a task moved to another user leaves the first user\'s list; one for a user the replica does not hold is left to that user\'s first load', async () => {
		await store.ensureLoaded(BASE, BIA, async () => [{ table: 'Users', key: BIA, recordId: 'recBia', fields: { Phone: BIA } }]);
		await sink.applyExternalChange(change('Tasks', 'recTask1', { User: ['recBia'] }, { 'Task Key': 'tk_boleto', Title: 'pagar boleto', Status: 'todo' }));
		expect(await openTitles(ANA)).toEqual([]);
		expect(await openTitles(BIA)).toEqual(['pagar boleto']);

		await sink.applyExternalChange(change('Tasks', 'recOther', { Title: 'x', Status: 'todo', User: ['recStranger'] }, {}, { kind: 'created' }));
		expect(await store.get(BASE, 'Tasks', 'recOther')).toBeUndefined();
		expect(sink.counts.userNotInReplica).toBe(1);
	});

	it('a row whose key changed in Airtable moves to the new key; tables the replica does not hold are ignored', async () => {
		await sink.applyExternalChange(change('Tasks', 'recTask1', { 'Task Key': 'tk_renamed' }, { Title: 'pagar boleto', Status: 'todo', User: ['recAna'] }));
		expect(await store.get(BASE, 'Tasks', 'tk_boleto')).toBeUndefined();
		expect((await store.listOwned(BASE, 'Tasks', ANA)).map((t) => t.key)).toEqual(['tk_renamed']);
		await sink.applyExternalChange(change('Leads', 'recLead', { Name: 'x' }));
		expect(sink.counts.ignored).toBe(1);
	});

	it('a full resync drops the table\'s rows except those with a pending local write, and the next turn reloads the user', async () => {
		await store.write(BASE, [{ table: 'Tasks', keyField: 'Task Key', key: 'tk_local', fields: { Title: 'ainda não enviada', Status: 'todo', User: [ANA] }, owner: ANA }]);
		await sink.fullResync('Tasks');
		expect((await store.listOwned(BASE, 'Tasks', ANA)).map((t) => t.key)).toEqual(['tk_local']);
		expect(await store.keyOfRecordId(BASE, 'Tasks', 'recTask1')).toBeUndefined();
		expect((await store.get(BASE, 'Users', ANA))?.recordId).toBe('recAna');

		// In Airtable meanwhile the boleto task was done and a new one was typed in: the reload shows that.
		const reload = jest.fn(async (): Promise<LoadedRecord[]> => [
			{ table: 'Users', key: ANA, recordId: 'recAna', fields: { Phone: ANA } },
			{ table: 'Tasks', key: 'recNew', recordId: 'recNew', fields: { Title: 'enviar nota', Status: 'todo', User: [ANA] }, owner: ANA },
		]);
		await store.ensureLoaded(BASE, ANA, reload);
		expect(reload).toHaveBeenCalledTimes(1);
		expect((await openTitles(ANA)).sort()).toEqual(['ainda não enviada', 'enviar nota']);
		await sink.fullResync('Leads'); // not held by the replica: nothing happens
		expect(await store.get(BASE, 'Users', ANA)).toBeDefined();
	});

	it('a first load that runs across a full resync does not mark its user loaded, so the next turn loads again', async () => {
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const slow = jest.fn(async (): Promise<LoadedRecord[]> => {
			await gate;
			return [{ table: 'Users', key: BIA, recordId: 'recBia', fields: { Phone: BIA } }];
		});
		const loading = store.ensureLoaded(BASE, BIA, slow);
		await new Promise((r) => setTimeout(r, 20));
		await sink.fullResync('Users');
		release();
		await loading;
		const again = jest.fn(async (): Promise<LoadedRecord[]> => []);
		await store.ensureLoaded(BASE, BIA, again);
		await store.ensureLoaded(BASE, BIA, again);
		expect(again).toHaveBeenCalledTimes(1);
	});
});
