import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { storedLocale } from '../../../core/assistant/locale';
import { DEFAULT_QUIET_HOURS, parseReminderButton, quietHoursFor, resolveReminderTap, timeZoneOf } from '../../../core/assistant/reminders';
import { loadOnMiss } from '../../AirtableCrm/buffered/operations';
import { toNodeError } from '../../AirtableCrm/helpers/node-errors';
import type { RecordWrite } from '../../shared/datapath/store';
import { itemFailure } from '../../shared/item-errors';
import { ownerOf, reminderState } from '../../shared/reminders/scheduler';
import { personKey, remindersContext } from '../context';
import { clockOf } from './deliverDue.operation';

const show = { show: { operation: ['applyTap'] } };

export const description: INodeProperties[] = [
	{ displayName: 'Phone', name: 'phone', type: 'string', required: true, default: '={{ $json.from }}', description: 'Who tapped: the WhatsApp Trigger\'s "from" (only their own reminders can be changed)', displayOptions: show },
	{ displayName: 'Button Payload', name: 'buttonPayload', type: 'string', required: true, default: '={{ $json.button?.payload }}', description: 'The tapped quick reply\'s ID: reminder:&lt;key&gt;:done, :snooze or :tomorrow', displayOptions: show },
	{
		displayName: 'Replied Message SID',
		name: 'repliedMessageSid',
		type: 'string',
		default: '',
		placeholder: '={{ $json.raw?.OriginalRepliedMessageSid }}',
		description: "Optional: the MessageSid of the reminder message the tap answered (Twilio's OriginalRepliedMessageSid); a snooze from an older delivery is then ignored",
		displayOptions: show,
	},
	{ displayName: 'Clock (Tests Only)', name: 'now', type: 'string', default: '', description: 'ISO 8601 "now", honoured only with BESTSTAG_TEST_CLOCK=1', displayOptions: show },
];

/**
 * Apply Button Tap: resolves a Feito / Adiar 1h / Amanhã tap (core/assistant/reminders.ts) and
 * writes it through the data path: the reminder (and, for Feito, its linked task) in the replica
 * and the outbox, the due index for a snooze. Outputs `matched` (false: the payload is not a
 * reminder button), the outcome and the catalogue key + params of the reply, in the user's locale.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const context = await remindersContext(this);
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const nowMs = clockOf(this, this.getNodeParameter('now', i, ''));
			const phone = personKey(this.getNodeParameter('phone', i));
			const button = parseReminderButton(this.getNodeParameter('buttonPayload', i, ''));
			if (!button) {
				out.push({ json: { matched: false }, pairedItem: { item: i } });
				continue;
			}
			await loadOnMiss(context, phone);
			const user = await context.store.get(context.base, 'Users', phone);
			const locale = storedLocale(user?.fields.Locale);
			const repliedMessageSid = String(this.getNodeParameter('repliedMessageSid', i, '') || '').trim() || undefined;
			const json = await context.reminders.withLock(button.key, async (): Promise<IDataObject> => {
				const record = await context.store.get(context.base, 'Reminders', button.key);
				// Someone else's reminder key is answered exactly like a missing one.
				if (!record || personKey(ownerOf(record)) !== phone) {
					return { matched: true, reminderKey: button.key, choice: button.choice, outcome: 'not_found', locale, replyKey: 'reminders.not_found', replyParams: {} };
				}
				const timeZone = timeZoneOf(user?.fields.Timezone);
				const quiet = quietHoursFor(user?.fields['Quiet Hours'], process.env.BESTSTAG_QUIET_HOURS?.trim() || DEFAULT_QUIET_HOURS);
				const resolution = resolveReminderTap(reminderState(record), button.choice, { nowMs, timeZone, repliedMessageSid, quiet });
				const parents = [{ table: 'Users', keyField: 'Phone', key: phone }];
				const writes: RecordWrite[] = [];
				if (Object.keys(resolution.fields).length > 0) writes.push({ table: 'Reminders', keyField: 'Reminder Key', key: button.key, fields: resolution.fields, owner: phone, parents });
				let taskCompleted = false;
				if (resolution.completeTaskId) {
					const taskKey = await context.store.keyOfRecordId(context.base, 'Tasks', resolution.completeTaskId);
					const task = taskKey ? await context.store.get(context.base, 'Tasks', taskKey) : undefined;
					if (taskKey && task && task.fields.Status !== 'done') {
						writes.push({ table: 'Tasks', keyField: 'Task Key', key: taskKey, fields: { Status: 'done', 'Completed At': new Date(nowMs).toISOString() }, owner: phone, parents });
						taskCompleted = true;
					}
				}
				await context.store.write(context.base, writes);
				if (resolution.dueMs !== undefined) await context.reminders.index(button.key, resolution.dueMs);
				if (resolution.outcome === 'done') await context.reminders.unindex(button.key);
				return {
					matched: true,
					reminderKey: button.key,
					choice: button.choice,
					outcome: resolution.outcome,
					...(resolution.reason ? { reason: resolution.reason } : {}),
					...(resolution.dueMs !== undefined ? { dueAt: new Date(resolution.dueMs).toISOString() } : {}),
					taskCompleted,
					locale,
					replyKey: resolution.reply.key,
					replyParams: resolution.reply.params as IDataObject,
				};
			});
			out.push({ json, pairedItem: { item: i } });
		} catch (error) {
			out.push(itemFailure(this, error, i, toNodeError));
		}
	}
	return out;
}
