import { createHash } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { awaitsDeliveryStatus, filesUntrackedStatus, laterStatus, REPLY_STATUS_HOLD_MS, messageFields, newReminderFields, newTaskFields, reopenTaskFields, requireTaskKey, taskChangeFields, userFields, type TaskListFilter } from '../../../core/airtable/crm';
import { rememberReply, turnOfReply } from './reply-index';
import { changedFields, dropSmallMoves, openHandoffs, selectTasks } from '../../../core/datapath';
import type { UserSnapshot } from '../actions/user/get.operation';
import { untrackedSkip } from '../actions/message/status.operation';
import { CrmInputError } from '../../../core/airtable/crm';
import type { DataPathStore, RecordWrite, ReplicaRecord } from '../../shared/datapath/store';
import { additional } from '../helpers/context';
import { itemFailure } from '../../shared/item-errors';
import { toNodeError } from '../helpers/node-errors';
import { AirtableRequestError, type AirtableGateway } from '../transport/request';
import { handoffOperations } from './handoff';
import { bufferedPrivacy } from './privacy';
import { loadUserRows } from './replica-loader';
import { indexReminders } from '../../shared/reminders/index-due';

/** What a buffered operation needs besides n8n's context. */
export interface BufferedContext {
	store: DataPathStore;
	base: string;
	/** The direct-mode gateway, used only to fill the replica on a miss. */
	gateway: AirtableGateway;
}

type BufferedOperation = (this: IExecuteFunctions, context: BufferedContext) => Promise<INodeExecutionData[]>;

const userRef = (phone: string) => ({ table: 'Users', keyField: 'Phone', key: phone });

/** The first element of a `User` link as buffered writes carry it: the user's E.164 phone. */
function ownerOf(fields: Record<string, unknown>): string {
	const link = fields.User;
	return Array.isArray(link) ? String(link[0]) : String(fields.Phone);
}

/** A key that stays the same when n8n retries this node in the same execution. */
export function derivedKey(ctx: IExecuteFunctions, prefix: string, itemIndex: number): string {
	const seed = `${ctx.getExecutionId()}|${ctx.getNode().id}|${itemIndex}`;
	return `${prefix}${createHash('sha256').update(seed).digest('hex').slice(0, 24)}`;
}

function output(record: ReplicaRecord, created: boolean, itemIndex: number): INodeExecutionData {
	return { json: { id: record.recordId ?? null, key: record.key, created, buffered: true, fields: record.fields }, pairedItem: { item: itemIndex } };
}

/**
 * Builds one write per item (bad input fails only its item when the node continues on fail; a
 * build may instead return the item's output when it writes nothing),
 * accepts them all in one atomic data path write, and returns each item's replica record.
 * `prepare` runs per valid write before it is accepted (e.g. to load the user on a miss).
 */
async function writeBuffered(ctx: IExecuteFunctions, context: BufferedContext, build: (i: number) => RecordWrite | { output: IDataObject }, prepare?: (write: RecordWrite) => Promise<void>): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const results: INodeExecutionData[][] = items.map(() => []);
	const accepted: Array<{ index: number; write: RecordWrite }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const write = build(i);
			if ('output' in write) {
				results[i].push({ json: write.output, pairedItem: { item: i } });
				continue;
			}
			await prepare?.(write);
			accepted.push({ index: i, write });
		} catch (error) {
			results[i].push(itemFailure(ctx, error, i, toNodeError));
		}
	}
	const before = await Promise.all(accepted.map(({ write }) => context.store.get(context.base, write.table, write.key)));
	// Only changed fields go to the outbox (less a coarse field's small move); a write that changes nothing costs Airtable nothing.
	const changed = accepted.map(({ write }, n) => ({ ...write, fields: dropSmallMoves(write.table, before[n]?.fields, changedFields(before[n]?.fields, write.fields)) }));
	const queued = changed.filter((write, n) => before[n] === undefined || Object.keys(write.fields).length > 0);
	const written = await context.store.write(context.base, queued);
	accepted.forEach(({ index }, n) => {
		const position = queued.indexOf(changed[n]);
		results[index].push(output(position >= 0 ? written[position] : before[n]!, before[n] === undefined, index));
	});
	return results.flat();
}

/**
 * Fills the replica on a user's first turn. When Airtable cannot answer now (the base is paused
 * after a 429, a 5xx, the network), the turn goes on with what the replica holds and the user stays
 * unloaded, so the next turn tries again: a reply must never wait on, or die with, Airtable. Writes
 * still go to the outbox, and a later load never overrides a change not yet sent.
 * @throws what the load throws when the failure is not transient (a bad credential, say)
 */
export async function loadOnMiss(context: BufferedContext, phone: string): Promise<void> {
	try {
		await context.store.ensureLoaded(context.base, phone, () => loadUserRows(context.gateway, phone));
	} catch (error) {
		// The caller turns it into the node error of its item (toNodeError), with the item index.
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		if (!(error instanceof AirtableRequestError && error.explained.transient)) throw error;
	}
}

/** Validates and normalizes an item's Phone exactly as the direct mode does; returns the E.164 owner. */
function ownerParameter(ctx: IExecuteFunctions, i: number): string {
	return ownerOf(newTaskFields({ phone: ctx.getNodeParameter('phone', i), title: '-' }));
}

/**
 * The user's task named by `key` in the replica (loading the user's rows on a miss), or undefined
 * when the user has no such task: a key of someone else's task is never found, so a forged or stale
 * button payload cannot touch another user's list.
 */
async function ownedTask(context: BufferedContext, owner: string, key: string): Promise<ReplicaRecord | undefined> {
	await loadOnMiss(context, owner);
	const mine = await context.store.listOwned(context.base, 'Tasks', owner);
	return mine.find((task) => task.key === key);
}

/** A task item's json: its record id once known, its key, and that its write waits in the outbox. */
function taskJson(record: ReplicaRecord): Record<string, unknown> {
	return { id: record.recordId ?? null, key: record.key, buffered: true, fields: record.fields };
}

/**
 * Runs one task change per item, buffered: `decide` looks at the user's task (undefined when the
 * user has none with that key) and returns the fields to write, or an output without a write. Only
 * changed fields are queued, all items' writes in one atomic data path write (read-your-writes for
 * the next node and turn).
 */
async function changeTasks(
	ctx: IExecuteFunctions,
	context: BufferedContext,
	decide: (task: ReplicaRecord | undefined, i: number) => { fields: Record<string, unknown> } | { output: Record<string, unknown> },
	present: (record: ReplicaRecord) => Record<string, unknown>,
	precheck?: (i: number) => void,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const results: INodeExecutionData[][] = items.map(() => []);
	const writes: Array<{ index: number; before: ReplicaRecord; write: RecordWrite }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			precheck?.(i);
			const owner = ownerParameter(ctx, i);
			const key = requireTaskKey(ctx.getNodeParameter('taskKey', i));
			const task = await ownedTask(context, owner, key);
			const decision = decide(task, i);
			if ('output' in decision) {
				results[i].push({ json: decision.output as INodeExecutionData['json'], pairedItem: { item: i } });
				continue;
			}
			writes.push({ index: i, before: task!, write: { table: 'Tasks', keyField: 'Task Key', key, fields: changedFields(task!.fields, decision.fields), parents: [userRef(owner)], owner } });
		} catch (error) {
			results[i].push(itemFailure(ctx, error, i, toNodeError));
		}
	}
	const queued = writes.filter(({ write }) => Object.keys(write.fields).length > 0);
	const written = await context.store.write(
		context.base,
		queued.map(({ write }) => write),
	);
	for (const entry of writes) {
		const position = queued.indexOf(entry);
		results[entry.index].push({ json: present(position >= 0 ? written[position] : entry.before) as INodeExecutionData['json'], pairedItem: { item: entry.index } });
	}
	return results.flat();
}

export const BUFFERED: Record<string, Record<string, BufferedOperation>> = {
	user: {
		/** The user from the replica (a miss loads them once), their open tasks and open hand-offs; writes nothing. */
		async get(context) {
			const items = this.getInputData();
			const out: INodeExecutionData[] = [];
			for (let i = 0; i < items.length; i++) {
				try {
					const phone = String(userFields({ phone: this.getNodeParameter('phone', i) }, new Date()).Phone);
					await loadOnMiss(context, phone);
					const [user, tasks, handoffs] = await Promise.all([
						context.store.get(context.base, 'Users', phone),
						context.store.listOwned(context.base, 'Tasks', phone),
						context.store.listOwned(context.base, 'Handoffs', phone),
					]);
					const snapshot: UserSnapshot = {
						phone,
						found: user !== undefined,
						id: user?.recordId ?? null,
						fields: user?.fields ?? {},
						openTasks: selectTasks(tasks, 'open', Date.now(), Number.MAX_SAFE_INTEGER).map((t) => ({ key: t.key, id: t.recordId ?? null, fields: t.fields })),
						tasks: tasks.map((t) => ({ key: t.key, id: t.recordId ?? null, fields: t.fields })),
						openHandoffs: openHandoffs(handoffs).length,
					};
					out.push({ json: snapshot as never, pairedItem: { item: i } });
				} catch (error) {
					out.push(itemFailure(this, error, i, toNodeError));
				}
			}
			return out;
		},
		async upsert(context) {
			const now = new Date();
			return writeBuffered(
				this,
				context,
				(i) => {
					const fields = userFields({ phone: this.getNodeParameter('phone', i), ...additional(this, 'additionalFields', i) }, now);
					const phone = String(fields.Phone);
					delete fields.Phone;
					return { ...userRef(phone), fields };
				},
				(write) => loadOnMiss(context, write.key),
			);
		},
		...bufferedPrivacy(loadOnMiss),
	},
	message: {
		async log(context) {
			const now = new Date();
			const replies: Array<{ replySid: string; key: string }> = [];
			const out = await writeBuffered(this, context, (i) => {
				const fields = messageFields(
					{
						messageSid: this.getNodeParameter('messageSid', i),
						phone: this.getNodeParameter('phone', i),
						direction: this.getNodeParameter('direction', i),
						text: this.getNodeParameter('text', i),
						...additional(this, 'additionalFields', i),
					},
					now,
				);
				const key = String(fields['Message SID']);
				delete fields['Message SID'];
				if (typeof fields['Reply SID'] === 'string') replies.push({ replySid: fields['Reply SID'], key });
				// The reply's delivery status is seconds away: the row waits for it, so both go as one record.
				const hold = awaitsDeliveryStatus(fields) ? { holdMs: REPLY_STATUS_HOLD_MS } : {};
				return { table: 'Messages', keyField: 'Message SID', key, fields, parents: [userRef(ownerOf(fields))], ...hold };
			});
			for (const { replySid, key } of replies) await rememberReply(context.base, replySid, key);
			return out;
		},
		/**
		 * A status callback: a turn's reply updates the turn's row (only Status and Error Code, and
		 * never backwards), merged by the flusher with the row's other pending changes; any other
		 * message is handled as Untracked Messages says, as direct mode does.
		 */
		async status(context) {
			const now = new Date();
			const turns = await Promise.all(this.getInputData().map((_, i) => turnOfReply(context.base, String(this.getNodeParameter('messageSid', i) ?? '').trim())));
			const rows = await Promise.all(turns.map((key) => (key ? context.store.get(context.base, 'Messages', key) : Promise.resolve(undefined))));
			return writeBuffered(this, context, (i) => {
				const own = messageFields({ messageSid: this.getNodeParameter('messageSid', i), phone: this.getNodeParameter('phone', i), direction: 'outbound', status: this.getNodeParameter('status', i), ...additional(this, 'additionalFields', i) }, now);
				const turnKey = turns[i];
				if (turnKey) {
					const fields: Record<string, unknown> = { Status: laterStatus(rows[i]?.fields.Status, own.Status) };
					if (own['Error Code']) fields['Error Code'] = own['Error Code'];
					return { table: 'Messages', keyField: 'Message SID', key: turnKey, fields, parents: [userRef(ownerOf(own))] };
				}
				const key = String(own['Message SID']);
				if (!filesUntrackedStatus(this.getNodeParameter('untracked', i, 'row') as string, own.Status)) return { output: untrackedSkip(key, own.Status) };
				delete own['Message SID'];
				return { table: 'Messages', keyField: 'Message SID', key, fields: own, parents: [userRef(ownerOf(own))] };
			});
		},
	},
	task: {
		async create(context) {
			return writeBuffered(this, context, (i) => {
				const fields = newTaskFields({ phone: this.getNodeParameter('phone', i), title: this.getNodeParameter('title', i), ...additional(this, 'additionalFields', i) });
				const key = String(this.getNodeParameter('taskKey', i, '') || '').trim() || derivedKey(this, 'tk_', i);
				const owner = ownerOf(fields);
				return { table: 'Tasks', keyField: 'Task Key', key, fields, parents: [userRef(owner)], owner };
			});
		},
		async list(context) {
			const items = this.getInputData();
			const out: INodeExecutionData[] = [];
			for (let i = 0; i < items.length; i++) {
				try {
					// Validates and normalizes the phone exactly as the direct mode does.
					const owner = ownerOf(newTaskFields({ phone: this.getNodeParameter('phone', i), title: '-' }));
					await loadOnMiss(context, owner);
					const tasks = selectTasks(await context.store.listOwned(context.base, 'Tasks', owner), this.getNodeParameter('filter', i) as TaskListFilter, Date.now(), this.getNodeParameter('limit', i) as number);
					for (const task of tasks) out.push({ json: taskJson(task) as INodeExecutionData['json'], pairedItem: { item: i } });
				} catch (error) {
					out.push(itemFailure(this, error, i, toNodeError));
				}
			}
			return out;
		},
		/** By the task's key only: the assistant resolves titles and numbers to keys (core/assistant/tasks.ts). */
		async complete(context) {
			const now = new Date();
			const done = taskChangeFields({ status: 'done' }, now);
			return changeTasks(
				this,
				context,
				(task) => {
					if (!task) return { output: { completed: false, reason: 'not_found' } };
					// Done already (a second tap): nothing is written, the first Completed At stays.
					if (task.fields.Status === 'done') return { output: { completed: false, reason: 'already_done', ...taskJson(task) } };
					return { fields: done };
				},
				(record) => ({ completed: true, ...taskJson(record) }),
				(i) => {
					if (this.getNodeParameter('findBy', i) !== 'key') throw new CrmInputError('Find Task By', 'Buffered mode finds the task by its Task Key (the key the task list outputs); set Find Task By to Task Key.');
				},
			);
		},
		async reopen(context) {
			return changeTasks(
				this,
				context,
				(task, i) => {
					const fields = reopenTaskFields(this.getNodeParameter('status', i, 'todo'));
					if (!task) return { output: { reopened: false, reason: 'not_found' } };
					if (task.fields.Status !== 'done') return { output: { reopened: false, reason: 'not_done', ...taskJson(task) } };
					return { fields };
				},
				(record) => ({ reopened: true, ...taskJson(record) }),
			);
		},
		async update(context) {
			const now = new Date();
			return changeTasks(
				this,
				context,
				(task, i) => {
					const fields = taskChangeFields(additional(this, 'updateFields', i), now);
					if (!task) throw new CrmInputError('Task Key', `The user has no task with key "${String(this.getNodeParameter('taskKey', i))}"; use a key from their task list.`);
					// Setting done on a done task keeps its Completed At.
					if (fields.Status === 'done' && task.fields.Status === 'done') delete fields['Completed At'];
					return { fields };
				},
				(record) => ({ created: false, ...taskJson(record) }),
			);
		},
	},
	reminder: {
		async create(context) {
			const now = new Date();
			const output = await writeBuffered(this, context, (i) => {
				const fields = newReminderFields({ phone: this.getNodeParameter('phone', i), text: this.getNodeParameter('text', i), dueAt: this.getNodeParameter('dueAt', i), taskId: this.getNodeParameter('taskId', i, '') }, now);
				const key = String(this.getNodeParameter('reminderKey', i, '') || '').trim() || derivedKey(this, 'rm_', i);
				const owner = ownerOf(fields);
				return { table: 'Reminders', keyField: 'Reminder Key', key, fields, parents: [userRef(owner)], owner };
			});
			// The reminder scheduler finds it in its due index, without asking Airtable.
			await indexReminders(context.base, output);
			return output;
		},
	},
	handoff: handoffOperations({ loadOnMiss, derivedKey }),
};
