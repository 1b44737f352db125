import { deliveryStatusChange } from '../../../core/assistant/reminders';
import type { DataPathStore } from '../datapath/store';
import { ownerOf, reminderState } from './scheduler';
import type { ReminderStore } from './store';

/** What a status callback did to the reminders. */
export interface StatusRecord {
	/** False: the MessageSid did not deliver a reminder (or one older than 30 days). */
	matched: boolean;
	reminderKey?: string;
	/** Whether a field changed (false for a repeated, stale or out-of-order status). */
	changed: boolean;
}

/**
 * Writes one Twilio status callback onto the reminder its MessageSid delivered, through the data
 * path, under the reminder's lock (callbacks arrive close together). The current delivery is the
 * one the outbound worker recorded for the reminder's current claim, so callbacks that beat the
 * scheduler's own record of the send still land, and callbacks of an older delivery are ignored.
 */
export async function recordDeliveryStatus(data: DataPathStore, reminders: ReminderStore, update: { messageSid: string; status: string; errorCode?: string | null }): Promise<StatusRecord> {
	const key = update.messageSid ? await reminders.keyOfSid(update.messageSid) : undefined;
	if (!key || !(await data.get(reminders.base, 'Reminders', key))) return { matched: false, changed: false };
	const changed = await reminders.withLock(key, async () => {
		const record = (await data.get(reminders.base, 'Reminders', key))!;
		const state = reminderState(record);
		const claim = await reminders.getClaim(key);
		const current = (claim ? (await reminders.receipt(claim.job)).sid : undefined) ?? state.messageSid;
		const view = current === state.messageSid ? state : { ...state, messageSid: current, deliveryStatus: undefined };
		const fields = deliveryStatusChange(view, update);
		if (!fields) return false;
		if (current && state.messageSid !== current) fields['Message SID'] = current;
		const owner = ownerOf(record);
		await data.write(reminders.base, [{ table: 'Reminders', keyField: 'Reminder Key', key, fields, ...(owner ? { owner, parents: [{ table: 'Users', keyField: 'Phone', key: owner }] } : {}) }]);
		return true;
	});
	return { matched: true, reminderKey: key, changed };
}
