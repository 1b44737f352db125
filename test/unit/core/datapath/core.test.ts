import fc from 'fast-check';

import {
	AIRTABLE_RATE_LIMIT_PAUSE_MS,
	changedFields,
	applyExternal,
	classifyFailure,
	describeRecord,
	flushDecision,
	largestGroup,
	mergeEntries,
	recordsToSend,
	windowStart,
	withoutHeld,
	openHandoffs,
	pendingReminders,
	planFlush,
	recordId,
	selectTasks,
	splitRequest,
	upsertBody,
	type OutboxEntry,
	type RecordRef,
} from '../../../../core/datapath';

const user = (phone: string): RecordRef => ({ table: 'Users', keyField: 'Phone', key: phone });

function entry(id: number, ref: RecordRef, fields: Record<string, unknown>, parents: RecordRef[] = [], at = 1000 + id): OutboxEntry {
	return { id: String(id).padStart(6, '0'), ...ref, fields, parents, at };
}

// Small alphabets so generated entries collide on records and fields often.
const refArb = fc.oneof(
	fc.constantFrom('+5511900000001', '+5511900000002', '+5511900000003').map(user),
	fc.constantFrom('SM1', 'SM2', 'SM3', 'SM4').map((key) => ({ table: 'Messages', keyField: 'Message SID', key })),
	fc.constantFrom('T1', 'T2', 'T3').map((key) => ({ table: 'Tasks', keyField: 'Task Key', key })),
);
const entriesArb = fc
	.array(
		fc.record({
			ref: refArb,
			fields: fc.dictionary(fc.constantFrom('A', 'B', 'C', 'Status'), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxKeys: 3 }),
			parents: fc.array(refArb, { maxLength: 2 }),
		}),
		{ maxLength: 60 },
	)
	.map((list) => list.map((e, i) => entry(i, e.ref, e.fields, e.parents)));

describe('mergeEntries', () => {
	it('merges writes to one record: later values win, earlier untouched fields stay', () => {
		const task = { table: 'Tasks', keyField: 'Task Key', key: 'tk_1' };
		const merged = mergeEntries([
			entry(1, task, { Title: 'comprar pão', Status: 'todo' }, [user('+5511987654321')]),
			entry(2, user('+5511987654321'), { Name: 'Ana' }),
			entry(3, task, { Status: 'done' }, [user('+5511987654321')]),
		]);
		expect(merged).toEqual([
			{ ...task, fields: { Title: 'comprar pão', Status: 'done' }, parents: [user('+5511987654321')], entryIds: ['000001', '000003'], firstAt: 1001 },
			{ ...user('+5511987654321'), fields: { Name: 'Ana' }, parents: [], entryIds: ['000002'], firstAt: 1002 },
		]);
	});

	it('keeps a null (a cleared field) as the last value', () => {
		const [record] = mergeEntries([entry(1, user('+1'), { Email: 'a@b.co' }), entry(2, user('+1'), { Email: null })]);
		expect(record.fields).toEqual({ Email: null });
	});

	it('property: no change is lost and each field holds the last value written to it', () => {
		fc.assert(
			fc.property(entriesArb, (entries) => {
				const merged = mergeEntries(entries);
				// Every entry id exactly once.
				expect(merged.flatMap((r) => r.entryIds).sort()).toEqual(entries.map((e) => e.id).sort());
				// One record per distinct key.
				expect(new Set(merged.map(recordId)).size).toBe(merged.length);
				for (const record of merged) {
					const own = entries.filter((e) => recordId(e) === recordId(record));
					const expected: Record<string, unknown> = {};
					for (const e of own) Object.assign(expected, e.fields);
					expect(record.fields).toEqual(expected);
					// Entry order is outbox order.
					expect(record.entryIds).toEqual(own.map((e) => e.id));
				}
			}),
		);
	});
});

describe('planFlush', () => {
	it('sends parents before the rows that link to them, 10 per request', () => {
		const messages = Array.from({ length: 12 }, (_, i) =>
			entry(i + 10, { table: 'Messages', keyField: 'Message SID', key: `SM${i}` }, { Text: `oi ${i}` }, [user('+5511900000001')]),
		);
		const plan = planFlush(mergeEntries([...messages, entry(99, user('+5511900000001'), { Name: 'Ana' })]));
		expect(plan.map((r) => [r.table, r.records.length])).toEqual([
			['Users', 1],
			['Messages', 10],
			['Messages', 2],
		]);
		expect(plan[1].records.map((r) => r.key)).toEqual(['SM0', 'SM1', 'SM2', 'SM3', 'SM4', 'SM5', 'SM6', 'SM7', 'SM8', 'SM9']);
	});

	it('orders chains of links (reminder → task → user)', () => {
		const task = { table: 'Tasks', keyField: 'Task Key', key: 'tk_1' };
		const reminder = { table: 'Reminders', keyField: 'Reminder Key', key: 'rm_1' };
		const plan = planFlush(mergeEntries([entry(1, reminder, { Text: 'x' }, [task, user('+1')]), entry(2, task, { Title: 'y' }, [user('+1')]), entry(3, user('+1'), { Name: 'z' })]));
		expect(plan.map((r) => r.table)).toEqual(['Users', 'Tasks', 'Reminders']);
	});

	it('survives a link cycle without looping', () => {
		const a = { table: 'Tasks', keyField: 'Task Key', key: 'a' };
		const b = { table: 'Tasks', keyField: 'Task Key', key: 'b' };
		const plan = planFlush(mergeEntries([entry(1, a, { X: 1 }, [b]), entry(2, b, { X: 2 }, [a])]));
		expect(plan.flatMap((r) => r.records.map((x) => x.key)).sort()).toEqual(['a', 'b']);
	});

	it('refuses a request size below 1', () => {
		expect(() => planFlush([], 0)).toThrow(RangeError);
	});

	it('property: every record exactly once, never twice in a request, ≤ 10 per request, parents first, table order kept', () => {
		fc.assert(
			fc.property(entriesArb, fc.integer({ min: 1, max: 10 }), (entries, max) => {
				const records = mergeEntries(entries);
				const plan = planFlush(records, max);
				const position = new Map<string, number>();
				plan.forEach((request, index) => {
					expect(request.records.length).toBeGreaterThan(0);
					expect(request.records.length).toBeLessThanOrEqual(max);
					const keys = request.records.map(recordId);
					expect(new Set(keys).size).toBe(keys.length);
					for (const r of request.records) {
						expect([r.table, r.keyField]).toEqual([request.table, request.keyField]);
						expect(position.has(recordId(r))).toBe(false);
						position.set(recordId(r), index);
					}
				});
				expect(position.size).toBe(records.length);
				const acyclic = !hasCycle(records.map((r) => [recordId(r), r.parents.map(recordId)]));
				for (const record of records) {
					for (const parent of record.parents) {
						const p = position.get(recordId(parent));
						if (acyclic && p !== undefined && recordId(parent) !== recordId(record)) expect(p).toBeLessThan(position.get(recordId(record))!);
					}
				}
				// Within a table and a dependency level, records keep their first-write order.
				const flat = plan.flatMap((r) => r.records);
				for (const request of plan) {
					const order = request.records.map((r) => records.indexOf(r));
					expect([...order].sort((x, y) => x - y)).toEqual(order);
				}
				expect(flat.length).toBe(records.length);
			}),
		);
	});

	it('builds an upsert on the stable key with only the changed fields, and splits per record', () => {
		const [request] = planFlush(mergeEntries([entry(1, user('+5511987654321'), { Locale: 'en' })]));
		expect(upsertBody(request)).toEqual({ performUpsert: { fieldsToMergeOn: ['Phone'] }, records: [{ fields: { Locale: 'en', Phone: '+5511987654321' } }], typecast: true });
		const two = planFlush(mergeEntries([entry(1, user('+1'), { A: 1 }), entry(2, user('+2'), { A: 2 })]))[0];
		expect(splitRequest(two).map((r) => r.records.map((x) => x.key))).toEqual([['+1'], ['+2']]);
	});

	it('updates a row keyed by its record id (typed in Airtable without a key) by id, never creating a second row', () => {
		const task = (key: string): RecordRef => ({ table: 'Tasks', keyField: 'Task Key', key });
		const [request] = planFlush(mergeEntries([entry(1, task('recAbCdEfGhIjKlMn'), { Status: 'done' }), entry(2, task('tk_1'), { Status: 'done' })]));
		expect(upsertBody(request).records).toEqual([{ id: 'recAbCdEfGhIjKlMn', fields: { Status: 'done' } }, { fields: { Status: 'done', 'Task Key': 'tk_1' } }]);
		// Only a well-formed record id: anything else is a key to merge on.
		const [other] = planFlush(mergeEntries([entry(3, task('recShort'), { Status: 'done' })]));
		expect(upsertBody(other).records).toEqual([{ fields: { Status: 'done', 'Task Key': 'recShort' } }]);
	});
});

function hasCycle(graph: Array<[string, string[]]>): boolean {
	const edges = new Map(graph);
	const state = new Map<string, 1 | 2>();
	const visit = (node: string): boolean => {
		if (state.get(node) === 1) return true;
		if (state.get(node) === 2) return false;
		state.set(node, 1);
		for (const next of edges.get(node) ?? []) if (next !== node && edges.has(next) && visit(next)) return true;
		state.set(node, 2);
		return false;
	};
	return graph.some(([node]) => visit(node));
}

describe('flushDecision', () => {
	const window = { windowMs: 1500, fullBatch: 10 };
	it('waits while a partial batch is younger than the window', () => {
		expect(flushDecision(3, 10_000, 10_400, window)).toEqual({ send: false, waitMs: 1100 });
	});
	it('sends when the oldest write is a window old', () => {
		expect(flushDecision(1, 10_000, 11_500, window)).toEqual({ send: true });
	});
	it('sends at once when a full request is waiting', () => {
		expect(flushDecision(10, 10_000, 10_001, window)).toEqual({ send: true });
	});
	it('counts the fullest table, not all records: 5 users and 5 messages are two half requests', () => {
		const mixed = [...Array.from({ length: 5 }, () => ({ table: 'Users', keyField: 'Phone' })), ...Array.from({ length: 5 }, () => ({ table: 'Messages', keyField: 'Message SID' }))];
		expect(largestGroup(mixed)).toBe(5);
		expect(flushDecision(largestGroup(mixed), 10_000, 10_001, window)).toEqual({ send: false, waitMs: 1499 });
		expect(largestGroup([])).toBe(0);
	});
	it('idles a window when nothing waits', () => {
		expect(flushDecision(0, undefined, 5, window)).toEqual({ send: false, waitMs: 1500 });
	});
});

describe('recordsToSend', () => {
	const window = { windowMs: 2_000, busyWindowMs: 5_000, quietMs: 1_000, fullBatch: 10 };
	const waiting = (table: string, count: number, firstAt: number) => Array.from({ length: count }, (_, i) => ({ table, keyField: 'Key', key: `${table}${i}`, firstAt }));
	it('before the window ends, sends only the full requests of a table that filled them; sparse tables wait for company', () => {
		const records = [...waiting('Messages', 23, 10_000), ...waiting('Tasks', 3, 10_000), ...waiting('Reminders', 1, 10_100)];
		const sent = recordsToSend(records, 10_900, window, 10_890);
		expect(sent).toEqual(records.filter((r) => r.table === 'Messages').slice(0, 20));
		expect(planFlush(sent.map((r) => ({ ...r, fields: {}, parents: [], entryIds: [] }))).map((q) => q.records.length)).toEqual([10, 10]);
	});
	it('once the oldest has waited its window (and the base went quiet, or the busy window ran out), sends everything', () => {
		const records = [...waiting('Messages', 12, 10_000), ...waiting('Tasks', 2, 10_000)];
		expect(recordsToSend(records, 12_100, window, 11_000)).toEqual(records);
		expect(recordsToSend(records, 15_000, window, 14_990)).toEqual(records);
		// Busy (a write 10 ms ago) and inside the busy window: only the full Messages request.
		expect(recordsToSend(records, 12_100, window, 12_090)).toHaveLength(10);
	});
	it('sends nothing when nothing is ready and no table is full', () => {
		expect(recordsToSend(waiting('Tasks', 4, 10_000), 10_500, window, 10_400)).toEqual([]);
		expect(recordsToSend([], 10_500, window)).toEqual([]);
	});
});

describe('held records (a turn\'s row awaiting its delivery status)', () => {
	const row = { table: 'Messages', keyField: 'Message SID', key: 'SM1' };
	it('a hold lasts until its time runs out or a later write of the record arrives', () => {
		const [held] = mergeEntries([{ ...entry(1, row, { Status: 'queued' }), holdMs: 6_000 }]);
		expect(held.heldUntil).toBe(1001 + 6_000);
		const [released] = mergeEntries([{ ...entry(1, row, { Status: 'queued' }), holdMs: 6_000 }, entry(2, row, { Status: 'delivered' })]);
		expect(released).toMatchObject({ fields: { Status: 'delivered' }, entryIds: ['000001', '000002'] });
		expect(released.heldUntil).toBeUndefined();
		expect(released.releasedAt).toBe(1002);
		// A hold asked by the last write counts from that write.
		const [again] = mergeEntries([entry(1, row, { Text: 'oi' }), { ...entry(5, row, { Status: 'queued' }), holdMs: 1_000 }]);
		expect(again.heldUntil).toBe(1005 + 1_000);
	});
	it('withoutHeld leaves held records out and says when the first hold ends', () => {
		const records = [
			{ key: 'a', firstAt: 0, heldUntil: 5_000 },
			{ key: 'b', firstAt: 0 },
			{ key: 'c', firstAt: 0, heldUntil: 3_000 },
			{ key: 'd', firstAt: 0, heldUntil: 2_000 },
		];
		expect(withoutHeld(records, 2_500)).toEqual({ ready: [records[1], records[3]], releaseInMs: 500 });
		expect(withoutHeld(records, 5_000)).toEqual({ ready: records, releaseInMs: undefined });
		expect(withoutHeld([], 0)).toEqual({ ready: [], releaseInMs: undefined });
	});
	it('a held row is in no decision: neither a full table nor an expired window sends it', () => {
		const window = { windowMs: 2_000, busyWindowMs: 5_000, quietMs: 1_000, fullBatch: 10 };
		const records: Array<{ table: string; keyField: string; key: string; firstAt: number; heldUntil?: number }> = [
			...Array.from({ length: 10 }, (_, i) => ({ table: 'Messages', keyField: 'Message SID', key: `SM${i}`, firstAt: 10_000, heldUntil: 16_000 })),
			{ table: 'Tasks', keyField: 'Task Key', key: 'tk_1', firstAt: 10_000 },
		];
		const { ready } = withoutHeld(records, 15_500);
		expect(recordsToSend(ready, 15_500, window, 15_400)).toEqual([records[10]]);
		expect(recordsToSend(withoutHeld(records, 16_000).ready, 16_000, window, 15_400)).toEqual(records);
	});
	it('a released row starts a fresh window, so it waits for company instead of sending every half-empty table', () => {
		const window = { windowMs: 2_000, busyWindowMs: 5_000, quietMs: 1_000, fullBatch: 10 };
		const released = { table: 'Messages', keyField: 'Message SID', key: 'SM1', firstAt: 10_000, releasedAt: 14_000 };
		const task = { table: 'Tasks', keyField: 'Task Key', key: 'tk_1', firstAt: 13_000 };
		expect(windowStart(released, window)).toBe(14_000);
		expect(windowStart(task, window)).toBe(13_000);
		// 4.5 s after the row's first write, but only 0.5 s after its release, on a busy base: nothing goes.
		expect(recordsToSend([released, task], 14_500, window, 14_400)).toEqual([]);
		expect(flushDecision(1, Math.min(...[released, task].map((r) => windowStart(r, window))), 14_500, window, 14_400)).toEqual({ send: false, waitMs: 500 });
	});
	it('a late release cannot make a row stale: its window still ends by maxAgeMs after its first write', () => {
		const window = { windowMs: 2_000, busyWindowMs: 5_000, quietMs: 1_000, fullBatch: 10, maxAgeMs: 9_000 };
		// Written at 10 s, its status came at 15.9 s: the window starts at 14 s, so it ends by 19 s (9 s after the write), not 20.9 s.
		const late = { table: 'Messages', keyField: 'Message SID', key: 'SM2', firstAt: 10_000, releasedAt: 15_900 };
		expect(windowStart(late, window)).toBe(14_000);
		expect(recordsToSend([late], 18_999, window, 18_990)).toEqual([]);
		expect(recordsToSend([late], 19_000, window, 18_990)).toEqual([late]);
		// Without a cap, the release starts the window.
		expect(windowStart(late, { ...window, maxAgeMs: undefined })).toBe(15_900);
		// The default window caps at 9 s.
		expect(windowStart(late)).toBe(14_000);
	});
});

describe('classifyFailure', () => {
	it('pauses the base on 429 for Airtable’s 30 s', () => {
		expect(classifyFailure({ status: 429, type: 'RATE_LIMIT_REACHED' })).toBe('pause-base');
		expect(AIRTABLE_RATE_LIMIT_PAUSE_MS).toBe(30_000);
	});
	it('dead-letters refused data, retries everything else', () => {
		expect(classifyFailure({ status: 422, type: 'INVALID_VALUE_FOR_COLUMN' })).toBe('invalid');
		expect(classifyFailure({ status: 404, type: 'ROW_DOES_NOT_EXIST' })).toBe('invalid');
		expect(classifyFailure({ status: 404, type: 'NOT_FOUND' })).toBe('retry');
		expect(classifyFailure({ status: 503, type: 'SERVICE_UNAVAILABLE' })).toBe('retry');
		expect(classifyFailure({ status: 401, type: 'AUTHENTICATION_REQUIRED' })).toBe('retry');
		expect(classifyFailure({ type: 'CONNECTION_ERROR' })).toBe('retry');
	});
});

describe('applyExternal', () => {
	const current = { recordId: 'rec1', fields: { Title: 'old', Status: 'todo', Due: '2026-12-01T12:00:00.000Z' } };
	it('takes Airtable’s values except for fields with a pending local write', () => {
		expect(applyExternal(current, new Set(['Status']), { fields: { Title: 'renamed', Status: 'doing' } })).toEqual({
			recordId: 'rec1',
			fields: { Title: 'renamed', Status: 'todo', Due: '2026-12-01T12:00:00.000Z' },
		});
	});
	it('clears a field Airtable cleared', () => {
		expect(applyExternal(current, new Set(), { fields: { Due: null } })?.fields).toEqual({ Title: 'old', Status: 'todo' });
	});
	it('deletes unless a local write is pending, which keeps only the pending fields', () => {
		expect(applyExternal(current, new Set(), { deleted: true })).toBeUndefined();
		expect(applyExternal(current, new Set(['Status']), { deleted: true })).toEqual({ fields: { Status: 'todo' } });
	});
	it('creates a record it did not have, with the given id', () => {
		expect(applyExternal(undefined, new Set(), { fields: { Title: 'new' } }, 'rec9')).toEqual({ recordId: 'rec9', fields: { Title: 'new' } });
	});
});

describe('replica queries', () => {
	const now = Date.parse('2026-11-29T12:00:00Z');
	const tasks = [
		{ key: 'a', fields: { Title: 'a', Status: 'todo', Due: '2026-11-30T12:00:00.000Z' } },
		{ key: 'b', fields: { Title: 'b', Status: 'done', Due: '2026-11-01T12:00:00.000Z' } },
		{ key: 'c', fields: { Title: 'c', Status: 'doing' } },
		{ key: 'd', fields: { Title: 'd', Status: 'todo', Due: '2026-11-28T12:00:00.000Z' } },
	];
	it('lists open tasks by due date, undated last, up to the limit', () => {
		expect(selectTasks(tasks, 'open', now, 10).map((t) => t.key)).toEqual(['d', 'a', 'c']);
		expect(selectTasks(tasks, 'open', now, 2).map((t) => t.key)).toEqual(['d', 'a']);
		expect(selectTasks(tasks, 'overdue', now, 10).map((t) => t.key)).toEqual(['d']);
		expect(selectTasks(tasks, 'done', now, 10).map((t) => t.key)).toEqual(['b']);
		expect(selectTasks(tasks, 'all', now, 10)).toHaveLength(4);
	});
	it('keeps scheduled reminders and unclosed hand-offs', () => {
		const reminders = [
			{ fields: { Status: 'sent', 'Due At': '2026-11-01T00:00:00Z' } },
			{ fields: { Status: 'scheduled', 'Due At': '2026-12-02T00:00:00Z' } },
			{ fields: { Status: 'scheduled', 'Due At': '2026-12-01T00:00:00Z' } },
		];
		expect(pendingReminders(reminders).map((r) => r.fields['Due At'])).toEqual(['2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z']);
		expect(openHandoffs([{ fields: { Status: 'closed' } }, { fields: { Status: 'assigned' } }, { fields: { Status: 'open' } }])).toHaveLength(2);
	});
});

describe('describeRecord', () => {
	it('hides a phone key but shows other keys', () => {
		expect(describeRecord({ table: 'Users', key: '+5511987654321' })).toBe('Users +55…4321');
		expect(describeRecord({ table: 'Messages', key: 'SM0123' })).toBe('Messages SM0123');
	});
});

describe('changedFields', () => {
	it('keeps only what differs from the replica', () => {
		const current = { Name: 'Ana', Locale: 'pt-BR', User: ['+5511987654321'] };
		expect(changedFields(current, { Name: 'Ana', Locale: 'en', User: ['+5511987654321'], Email: null })).toEqual({ Locale: 'en' });
		expect(changedFields(current, { Name: null })).toEqual({ Name: null });
		expect(changedFields(undefined, { Name: 'Ana' })).toEqual({ Name: 'Ana' });
		expect(changedFields(current, { Name: 'Ana' })).toEqual({});
	});
});
