import { createHash } from 'node:crypto';

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { messageFields, newReminderFields, newTaskFields, userFields, type TaskListFilter } from '../../../core/airtable/crm';
import { changedFields, dropSmallMoves, selectTasks } from '../../../core/datapath';
import type { DataPathStore, RecordWrite, ReplicaRecord } from '../../shared/datapath/store';
import { additional } from '../helpers/context';
import { itemFailure } from '../../shared/item-errors';
import { toNodeError } from '../helpers/node-errors';
import { AirtableRequestError, type AirtableGateway } from '../transport/request';
import { loadUserRows } from './replica-loader';

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
function derivedKey(ctx: IExecuteFunctions, prefix: string, itemIndex: number): string {
	const seed = `${ctx.getExecutionId()}|${ctx.getNode().id}|${itemIndex}`;
	return `${prefix}${createHash('sha256').update(seed).digest('hex').slice(0, 24)}`;
}

function output(record: ReplicaRecord, created: boolean, itemIndex: number): INodeExecutionData {
	return { json: { id: record.recordId ?? null, key: record.key, created, buffered: true, fields: record.fields }, pairedItem: { item: itemIndex } };
}

/**
 * Builds one write per item (bad input fails only its item when the node continues on fail),
 * accepts them all in one atomic data path write, and returns each item's replica record.
 * `prepare` runs per valid write before it is accepted (e.g. to load the user on a miss).
 */
async function writeBuffered(ctx: IExecuteFunctions, context: BufferedContext, build: (i: number) => RecordWrite, prepare?: (write: RecordWrite) => Promise<void>): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const results: INodeExecutionData[][] = items.map(() => []);
	const accepted: Array<{ index: number; write: RecordWrite }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const write = build(i);
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

export const BUFFERED: Record<string, Record<string, BufferedOperation>> = {
	user: {
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
	},
	message: {
		async log(context) {
			const now = new Date();
			return writeBuffered(this, context, (i) => {
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
				return { table: 'Messages', keyField: 'Message SID', key, fields, parents: [userRef(ownerOf(fields))] };
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
					for (const task of tasks) out.push({ json: { id: task.recordId ?? null, key: task.key, buffered: true, fields: task.fields }, pairedItem: { item: i } });
				} catch (error) {
					out.push(itemFailure(this, error, i, toNodeError));
				}
			}
			return out;
		},
	},
	reminder: {
		async create(context) {
			const now = new Date();
			return writeBuffered(this, context, (i) => {
				const fields = newReminderFields({ phone: this.getNodeParameter('phone', i), text: this.getNodeParameter('text', i), dueAt: this.getNodeParameter('dueAt', i), taskId: this.getNodeParameter('taskId', i, '') }, now);
				const key = String(this.getNodeParameter('reminderKey', i, '') || '').trim() || derivedKey(this, 'rm_', i);
				const owner = ownerOf(fields);
				return { table: 'Reminders', keyField: 'Reminder Key', key, fields, parents: [userRef(owner)], owner };
			});
		},
	},
};
