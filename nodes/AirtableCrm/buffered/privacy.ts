import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { privacyAuditFields, privacyChoiceFields, type PrivacyChoice } from '../../../core/airtable/crm';
import { phone as canonicalPhone } from '../../../core/airtable/crm/values';
import { EXPORT_LATEST, type ExportSource } from '../../../core/assistant/privacy-export';
import { itemFailure } from '../../shared/item-errors';
import type { RecordWrite } from '../../shared/datapath/store';
import { exportItem } from '../actions/user/export.operation';
import { toNodeError } from '../helpers/node-errors';
import { auditKeyFor, mergeRows, readUserRows } from '../helpers/privacy';
import type { BufferedContext } from './operations';

/** Outbox entries read to find a user's messages not flushed yet (the flusher keeps the outbox short). */
const OUTBOX_SCAN = 10_000;

type BufferedOperation = (this: IExecuteFunctions, context: BufferedContext) => Promise<INodeExecutionData[]>;

/**
 * Buffered privacy operations of the User resource (see ../actions/user/*.operation.ts for the
 * direct ones). `loadOnMiss` is passed in to keep this file free of a cycle with operations.ts.
 */
export function bufferedPrivacy(loadOnMiss: (context: BufferedContext, phone: string) => Promise<void>): Record<string, BufferedOperation> {
	return {
		/**
		 * The Users row's privacy fields and, for a decision, its AuditLog entry (keyed by Audit Key,
		 * owned by the phone so erasure finds it), accepted in one atomic data path write.
		 */
		async privacyChoice(context) {
			const now = new Date();
			const out: INodeExecutionData[] = [];
			for (let i = 0; i < this.getInputData().length; i++) {
				try {
					const phone = canonicalPhone(this.getNodeParameter('phone', i), 'Phone');
					const choice = this.getNodeParameter('choice', i) as PrivacyChoice;
					const version = this.getNodeParameter('consentVersion', i, '') as string;
					const fields = privacyChoiceFields(choice, version, now);
					const audit = privacyAuditFields(choice, phone, version, now, auditKeyFor(this, i, `${choice}|${phone}`));
					await loadOnMiss(context, phone);
					const before = await context.store.get(context.base, 'Users', phone);
					const writes: RecordWrite[] = [{ table: 'Users', keyField: 'Phone', key: phone, fields }];
					if (audit) {
						const { 'Audit Key': key, ...rest } = audit;
						writes.push({ table: 'AuditLog', keyField: 'Audit Key', key: String(key), fields: rest, owner: phone });
					}
					const [user] = await context.store.write(context.base, writes);
					out.push({ json: { id: user.recordId ?? null, key: user.key, created: before === undefined, buffered: true, fields: user.fields }, pairedItem: { item: i } });
				} catch (error) {
					out.push(itemFailure(this, error, i, toNodeError));
				}
			}
			return out;
		},

		/**
		 * "meus dados" in buffered mode: Airtable's rows (the full history: the replica holds only
		 * open tasks, scheduled reminders and open hand-offs) with the replica's on top, so writes
		 * not yet flushed are shown too (messages still in the outbox included). The Users row comes
		 * from the replica when it has one.
		 */
		async export(context) {
			const out: INodeExecutionData[] = [];
			for (let i = 0; i < this.getInputData().length; i++) {
				try {
					const phone = canonicalPhone(this.getNodeParameter('phone', i), 'Phone');
					await loadOnMiss(context, phone);
					const [rows, user, tasks, reminders, handoffs] = await Promise.all([
						readUserRows(context.gateway, phone),
						context.store.get(context.base, 'Users', phone),
						context.store.listOwned(context.base, 'Tasks', phone),
						context.store.listOwned(context.base, 'Reminders', phone),
						context.store.listOwned(context.base, 'Handoffs', phone),
					]);
					// Messages are not listed per user in the replica: the ones not flushed yet are found in the outbox.
					const waiting = (await context.store.readOutbox(context.base, OUTBOX_SCAN)).filter((e) => e.table === 'Messages' && Array.isArray(e.fields.User) && e.fields.User[0] === phone);
					const unsent = (await Promise.all([...new Set(waiting.map((e) => e.key))].map((key) => context.store.get(context.base, 'Messages', key)))).filter((r) => r !== undefined);
					const userFields = user || rows.user ? { ...(rows.user?.fields ?? {}), ...(user?.fields ?? {}) } : undefined;
					const source: ExportSource = {
						phone,
						user: userFields,
						tasks: mergeRows(rows.tasks, tasks, 'Task Key'),
						reminders: mergeRows(rows.reminders, reminders, 'Reminder Key'),
						messages: mergeRows(rows.messages, unsent, 'Message SID'),
						handoffs: mergeRows(rows.handoffs, handoffs, 'Reference'),
					};
					out.push({ json: exportItem(source, this.getNodeParameter('latest', i, EXPORT_LATEST) as number), pairedItem: { item: i } });
				} catch (error) {
					out.push(itemFailure(this, error, i, toNodeError));
				}
			}
			return out;
		},
	};
}
