import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { canonicalPhoneKey } from '../../core/phone/brazil';
import { crmAccess } from '../AirtableCrm/helpers/context';
import { dataPathStore } from '../AirtableCrm/buffered/store';
import type { BufferedContext } from '../AirtableCrm/buffered/operations';
import { DataPathConfigError, requireDataPathRedisUrl } from '../shared/datapath/config';
import { redisConnection } from '../shared/redis';
import { ReminderStore } from '../shared/reminders/store';

/** The data path (replica + outbox) and the scheduler's Redis state of the credential's base. */
export interface RemindersContext extends BufferedContext {
	reminders: ReminderStore;
}

/**
 * Opens the data path for this node's base. Reminders live on the data path only: without
 * BESTSTAG_REDIS_URL the node stops with what to set (claims in memory could not be exactly-once).
 */
export async function remindersContext(ctx: IExecuteFunctions): Promise<RemindersContext> {
	let store;
	let url;
	try {
		store = dataPathStore();
		url = requireDataPathRedisUrl();
	} catch (error) {
		const description = error instanceof DataPathConfigError ? 'Reminders claim each delivery in Redis so that it goes exactly once.' : undefined;
		throw new NodeOperationError(ctx.getNode(), error as Error, { description });
	}
	const { baseId, gateway } = await crmAccess(ctx);
	return { store, base: baseId, gateway, reminders: new ReminderStore(redisConnection(url), baseId) };
}

/** A phone or WhatsApp address as the person's key, so +55 11 8... and +55 11 98... match. */
export function personKey(raw: unknown): string {
	const text = String(raw ?? '').replace(/^whatsapp:/, '').trim();
	try {
		return canonicalPhoneKey(text);
	} catch {
		return text;
	}
}
