import { changesFromPayloads, restCellValue, schemaNames } from '../../../../../core/airtable/webhooks/changes';
import type { WebhookPayload } from '../../../../../core/airtable/webhooks/types';

const schema = schemaNames([
	{ id: 'tblTasks000000000', name: 'Tasks', fields: [{ id: 'fldTitle000000000', name: 'Title' }, { id: 'fldStatus00000000', name: 'Status' }, { id: 'fldUser0000000000', name: 'User' }] },
	{ id: 'tblUsers000000000', name: 'Users', fields: [{ id: 'fldTz000000000000', name: 'Timezone' }] },
]);
const BOT = 'usrBotToken000000';
const MANAGER = 'usrManager0000000';

function payload(n: number, source: string, user: string | undefined, tables: WebhookPayload['changedTablesById']): WebhookPayload {
	return {
		timestamp: `2026-03-02T12:00:0${n}.000Z`,
		baseTransactionNumber: n,
		payloadFormat: 'v0',
		actionMetadata: { source, sourceMetadata: user ? { user: { id: user } } : {} },
		changedTablesById: tables,
	};
}

describe('changesFromPayloads', () => {
	const payloads: WebhookPayload[] = [
		payload(1, 'publicApi', BOT, {
			tblTasks000000000: { createdRecordsById: { recA: { createdTime: '2026-03-02T12:00:01.000Z', cellValuesByFieldId: { fldTitle000000000: 'Pagar boleto', fldStatus00000000: { id: 'selTodo', name: 'todo', color: 'blueLight2' } } } } },
		}),
		payload(2, 'client', MANAGER, {
			tblTasks000000000: {
				changedRecordsById: {
					recA: {
						current: { cellValuesByFieldId: { fldTitle000000000: 'Pagar boleto da luz', fldStatus00000000: { id: 'selDone', name: 'done' } } },
						previous: { cellValuesByFieldId: { fldTitle000000000: 'Pagar boleto' } },
						unchanged: { cellValuesByFieldId: { fldUser0000000000: [{ id: 'recU', name: '+5511987654321' }] } },
					},
				},
				destroyedRecordIds: ['recB'],
			},
			tblUsers000000000: { changedRecordsById: { recU: { current: { cellValuesByFieldId: { fldTz000000000000: null } } } } },
		}),
	];

	it('lists changes in order with names, REST cell values, deletes, source and transaction', () => {
		const { changes, skippedEchoes, unknownIds } = changesFromPayloads(payloads, { schema });
		expect(skippedEchoes).toBe(0);
		expect(unknownIds).toEqual([]);
		expect(changes).toEqual([
			{ tableId: 'tblTasks000000000', table: 'Tasks', recordId: 'recA', kind: 'created', deleted: false, fields: { Title: 'Pagar boleto', Status: 'todo' }, unchanged: {}, source: 'publicApi', userId: BOT, transaction: 1, timestamp: '2026-03-02T12:00:01.000Z' },
			{
				tableId: 'tblTasks000000000',
				table: 'Tasks',
				recordId: 'recA',
				kind: 'changed',
				deleted: false,
				fields: { Title: 'Pagar boleto da luz', Status: 'done' },
				unchanged: { User: ['recU'] },
				source: 'client',
				userId: MANAGER,
				transaction: 2,
				timestamp: '2026-03-02T12:00:02.000Z',
			},
			expect.objectContaining({ table: 'Tasks', recordId: 'recB', kind: 'destroyed', deleted: true, fields: {}, source: 'client' }),
			expect.objectContaining({ table: 'Users', recordId: 'recU', kind: 'changed', fields: { Timezone: null } }),
		]);
	});

	it("skips the bot's own publicApi echoes but keeps other API users' writes", () => {
		const other = payload(3, 'publicApi', 'usrSomeoneElse000', { tblUsers000000000: { destroyedRecordIds: ['recZ'] } });
		const { changes, skippedEchoes } = changesFromPayloads([...payloads, other], { schema, ownUserId: BOT });
		expect(skippedEchoes).toBe(1);
		expect(changes.map((c) => `${c.transaction}:${c.recordId}`)).toEqual(['2:recA', '2:recB', '2:recU', '3:recZ']);
	});

	it('reports ids missing from the schema instead of guessing, and error payloads by code', () => {
		const newField = payload(4, 'client', MANAGER, { tblTasks000000000: { changedRecordsById: { recA: { current: { cellValuesByFieldId: { fldBrandNew000000: 1 } } } } }, tblNew00000000000: { destroyedRecordIds: ['recQ'] } });
		const error: WebhookPayload = { timestamp: '2026-03-02T12:00:05.000Z', baseTransactionNumber: 5, payloadFormat: 'v0', actionMetadata: { source: 'system' }, error: true, code: 'INVALID_FILTERS' };
		const result = changesFromPayloads([newField, error], { schema });
		expect(result.unknownIds.sort()).toEqual(['fldBrandNew000000', 'tblNew00000000000']);
		expect(result.errorCodes).toEqual(['INVALID_FILTERS']);
	});
});

describe('restCellValue', () => {
	it.each([
		[null, null],
		[undefined, null],
		['text', 'text'],
		[3.5, 3.5],
		[true, true],
		[{ id: 'selX', name: 'high', color: 'red' }, 'high'],
		[[{ id: 'selA', name: 'a' }, { id: 'selB', name: 'b' }], ['a', 'b']],
		[[{ id: 'recA', name: 'Ana' }], ['recA']],
		[{ id: 'usrA', email: 'a@b.c', name: 'Ana' }, { id: 'usrA', email: 'a@b.c', name: 'Ana' }],
		[['x', 'y'], ['x', 'y']],
	])('%j → %j', (input, expected) => {
		expect(restCellValue(input)).toEqual(expected);
	});
});
