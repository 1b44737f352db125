import { planWriteRequests, toHttpCall, type RecordWrite } from '../../../../core/airtable/write-batches';

const upsertUser = (itemIndex: number, phone: string): RecordWrite => ({
	itemIndex,
	table: 'Users',
	mode: 'upsert',
	mergeOn: ['Phone'],
	fields: { Phone: phone },
});

describe('planWriteRequests', () => {
	it('packs 25 creates into requests of 10, 10 and 5, keeping item order', () => {
		const writes = Array.from({ length: 25 }, (_, i): RecordWrite => ({ itemIndex: i, table: 'Tasks', mode: 'create', fields: { Title: `t${i}` } }));
		const requests = planWriteRequests(writes);
		expect(requests.map((r) => r.writes.length)).toEqual([10, 10, 5]);
		expect(requests.flatMap((r) => r.writes.map((w) => w.itemIndex))).toEqual(writes.map((w) => w.itemIndex));
	});

	it('never mixes tables, modes or typecast in one request', () => {
		const requests = planWriteRequests([
			{ itemIndex: 0, table: 'Tasks', mode: 'create', fields: {} },
			{ itemIndex: 1, table: 'Reminders', mode: 'create', fields: {} },
			{ itemIndex: 2, table: 'Tasks', mode: 'create', fields: {}, typecast: true },
			{ itemIndex: 3, table: 'Tasks', mode: 'create', fields: {} },
		]);
		expect(requests.map((r) => r.writes.map((w) => w.itemIndex))).toEqual([[0, 3], [1], [2]]);
	});

	it('puts upserts of the same key in separate requests, in item order', () => {
		const requests = planWriteRequests([upsertUser(0, '+5511'), upsertUser(1, '+5521'), upsertUser(2, '+5511'), upsertUser(3, '+5531')]);
		expect(requests.map((r) => r.writes.map((w) => w.itemIndex))).toEqual([[0, 1, 3], [2]]);
	});

	it('refuses an update without an id and an upsert without merge fields', () => {
		expect(() => planWriteRequests([{ itemIndex: 4, table: 'Tasks', mode: 'update', fields: {} }])).toThrow('Item 4: an update needs the record id.');
		expect(() => planWriteRequests([{ itemIndex: 5, table: 'Users', mode: 'upsert', fields: {} }])).toThrow(/Item 5: an upsert needs/);
	});
});

describe('toHttpCall', () => {
	it('builds an Airtable upsert with performUpsert', () => {
		const [request] = planWriteRequests([upsertUser(0, '+5511987654321')]);
		expect(toHttpCall(request)).toEqual({
			method: 'PATCH',
			path: '/Users',
			body: { performUpsert: { fieldsToMergeOn: ['Phone'] }, records: [{ fields: { Phone: '+5511987654321' } }], typecast: false },
		});
	});

	it('encodes table names in the path', () => {
		const [request] = planWriteRequests([{ itemIndex: 0, table: 'Sync Log', mode: 'create', fields: {} }]);
		expect(toHttpCall(request).path).toBe('/Sync%20Log');
	});
});
