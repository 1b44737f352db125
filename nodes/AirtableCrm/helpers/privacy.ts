import { createHash, createHmac, randomBytes } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';

import { formulaString } from '../../../core/airtable/formula-escape';
import type { ExportRow } from '../../../core/assistant/privacy-export';
import type { ReplicaRecord } from '../../shared/datapath/store';
import type { AirtableGateway, AirtableRecord } from '../transport/request';

/**
 * A key for an AuditLog entry that stays the same when n8n retries this node in the same execution,
 * so a resent write upserts the same entry instead of logging twice.
 */
export function auditKeyFor(ctx: IExecuteFunctions, itemIndex: number, what: string): string {
	const seed = `${ctx.getExecutionId()}|${ctx.getNode().id}|${itemIndex}|${what}`;
	return `au_${createHash('sha256').update(seed).digest('hex').slice(0, 24)}`;
}

/**
 * The pseudonym an erased user keeps in the AuditLog: "user:" + 16 hex digits of HMAC-SHA256 of the
 * phone with BESTSTAG_ERASURE_SALT. With the salt, an operator can answer "was this phone erased?"
 * by computing it again; without the salt set, a random one is used and thrown away, so the entry
 * cannot be linked to anyone at all.
 */
export function erasurePseudonym(phone: string, env: NodeJS.ProcessEnv = process.env): { pseudonym: string; salted: 'configured' | 'random' } {
	const configured = env.BESTSTAG_ERASURE_SALT?.trim();
	const salt = configured || randomBytes(32).toString('hex');
	return { pseudonym: `user:${createHmac('sha256', salt).update(phone).digest('hex').slice(0, 16)}`, salted: configured ? 'configured' : 'random' };
}

/** The formula for one user's rows of a table linked to Users (the phone as an escaped literal). */
export const ownedBy = (phone: string): string => `ARRAYJOIN({User}) = ${formulaString(phone)}`;

/** Every row of the user in the tables the export shows, read from Airtable (one paged list per table). */
export async function readUserRows(gateway: AirtableGateway, phone: string): Promise<{ user?: AirtableRecord; tasks: AirtableRecord[]; reminders: AirtableRecord[]; messages: AirtableRecord[]; handoffs: AirtableRecord[] }> {
	const [users, tasks, reminders, messages, handoffs] = await Promise.all([
		gateway.listAll('Users', { filterByFormula: `{Phone} = ${formulaString(phone)}`, maxRecords: 1 }),
		gateway.listAll('Tasks', { filterByFormula: ownedBy(phone), fields: ['Title', 'Status', 'Due', 'Task Key'] }),
		gateway.listAll('Reminders', { filterByFormula: ownedBy(phone), fields: ['Text', 'Status', 'Due At', 'Reminder Key'] }),
		gateway.listAll('Messages', { filterByFormula: ownedBy(phone), fields: ['Text', 'Direction', 'At', 'Message SID'] }),
		gateway.listAll('Handoffs', { filterByFormula: ownedBy(phone), fields: ['Reference', 'Status', 'Opened At'] }),
	]);
	return { user: users[0], tasks, reminders, messages, handoffs };
}

/**
 * Airtable's rows of a table with the replica's on top: a replica record replaces the Airtable row
 * with the same record id or stable key (it may hold a write not yet sent), and a record only the
 * replica has (not yet flushed) is added.
 */
export function mergeRows(airtable: AirtableRecord[], replica: ReplicaRecord[], keyField: string): ExportRow[] {
	const rows = new Map<string, ExportRow>();
	const byKey = new Map<string, string>();
	for (const record of airtable) {
		rows.set(record.id, { fields: record.fields });
		const key = record.fields[keyField];
		if (typeof key === 'string' && key) byKey.set(key, record.id);
	}
	for (const record of replica) {
		const id = record.recordId ?? byKey.get(record.key) ?? `replica:${record.key}`;
		rows.set(id, { fields: { ...(rows.get(id)?.fields ?? {}), ...record.fields } });
	}
	return [...rows.values()];
}
