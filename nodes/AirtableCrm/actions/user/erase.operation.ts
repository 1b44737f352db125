import type Redis from 'ioredis';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { anonymisedAuditFields, DATA_PATH_TABLES, erasureAuditFields, erasurePlan, phoneDigitForms, type ErasureStep } from '../../../../core/airtable/crm';
import { phone as canonicalPhone } from '../../../../core/airtable/crm/values';
import { DataPathEraser, type RedisErasure } from '../../../shared/datapath/erase';
import { itemFailure } from '../../../shared/item-errors';
import { redisConnection, redisUrlFromEnv } from '../../../shared/redis';
import { toNodeError } from '../../helpers/node-errors';
import { auditKeyFor, erasurePseudonym } from '../../helpers/privacy';
import { forOperation, phoneProperty } from '../../helpers/properties';
import { AirtableRequestError, type AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('user', 'erase', [
	phoneProperty('The user whose data is erased ("apaga meus dados"). Ask them to confirm first: this cannot be undone.'),
	{
		displayName:
			'Erases the user everywhere: their rows in every table (Airtable, through the same per-base request budget as every other write), the data path replica and pending outbox entries, and BestStag\'s Redis keys for the phone. One AuditLog entry is kept, with a pseudonym instead of the phone (salted with BESTSTAG_ERASURE_SALT when set).',
		name: 'eraseNotice',
		type: 'notice',
		default: '',
	},
]);

/** Airtable requests a batch delete or update may carry (https://airtable.com/developers/web/api/delete-multiple-records). */
const BATCH = 10;
/** Extra passes over the data path's tables, for a write a flusher had in flight when the outbox was purged. */
const CHECK_PASSES = 2;

export interface ErasureResult extends IDataObject {
	erased: true;
	pseudonym: string;
	pseudonymSalt: 'configured' | 'random';
	/** Rows deleted (or, for AuditLog, anonymised) per table. */
	counts: Record<string, number>;
	/** What went from Redis; null when BestStag runs without Redis (nothing of the user is kept there then). */
	dataPath: (RedisErasure & IDataObject) | null;
	/** The AuditLog entry recording the erasure. */
	auditId: string;
}

const chunks = <T>(list: T[]): T[][] => Array.from({ length: Math.ceil(list.length / BATCH) }, (_, i) => list.slice(i * BATCH, (i + 1) * BATCH));

/** One pass over the plan's steps; returns the rows it touched per table (a missing table has none). */
async function sweep(gateway: AirtableGateway, steps: ErasureStep[], phone: string, pseudonym: string): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const step of steps) {
		let records;
		try {
			records = await gateway.listAll(step.table, { filterByFormula: step.formula, ...(step.action === 'anonymise' ? { fields: ['Actor', 'Entity', 'Details'] } : {}) });
		} catch (error) {
			// A base without this table (an older or trimmed copy) holds nothing of the user in it.
			if (error instanceof AirtableRequestError && error.status === 404) {
				counts[step.table] = 0;
				continue;
			}
			// The caller turns it into the node error of its item (toNodeError), with the item index.
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			throw error;
		}
		counts[step.table] = records.length;
		for (const batch of chunks(records)) {
			if (step.action === 'delete') {
				await gateway.call({ method: 'DELETE', path: `/${encodeURIComponent(step.table)}`, qs: { records: batch.map((r) => r.id) } }, { table: step.table });
			} else {
				const updates = batch.map((r) => ({ id: r.id, fields: anonymisedAuditFields(r.fields, phone, pseudonym) })).filter((u) => Object.keys(u.fields).length > 0);
				if (updates.length > 0) await gateway.call({ method: 'PATCH', path: `/${encodeURIComponent(step.table)}`, body: { records: updates } }, { table: step.table, fields: updates.map((u) => u.fields) });
			}
		}
	}
	return counts;
}

/**
 * Erases one user (the phone, canonicalised): holds the base's flusher, drops the user from Redis
 * (outbox first), deletes their rows in every table (children, a check pass, the Users row, a final
 * check), releases the flusher, and logs one AuditLog entry without PII.
 *
 * Why not through the outbox: the outbox is a log of upserts merged per record by stable key, and
 * most of a user's rows are not in the replica (done tasks, old messages, events, emails): they must
 * be found in Airtable by formula first, which the flusher does not do; and the user is told
 * "apaguei" only once the rows are gone, not when a delete was queued. The deletes still share the
 * per-base request budget with the flusher and every other node (the gateway's limiter).
 * @param redis the data path's Redis, when BestStag runs with one
 * @throws AirtableRequestError when Airtable refuses or a 429 pauses the base (rows deleted so far stay deleted; running it again finishes the job)
 */
export async function eraseUser(gateway: AirtableGateway, base: string, phoneInput: unknown, options: { redis?: Redis; now?: Date; auditKey: string; env?: NodeJS.ProcessEnv }): Promise<ErasureResult> {
	const phone = canonicalPhone(phoneInput, 'Phone');
	const { pseudonym, salted } = erasurePseudonym(phone, options.env);
	const eraser = options.redis ? new DataPathEraser(options.redis) : undefined;
	// The flusher waits, and the outbox loses the user's writes, before any row is deleted.
	const release = eraser ? await eraser.holdFlusher(base) : async () => undefined;
	let dataPath: RedisErasure | null = null;
	const counts: Record<string, number> = {};
	const add = (found: Record<string, number>) => {
		for (const [table, n] of Object.entries(found)) counts[table] = (counts[table] ?? 0) + n;
		return Object.values(found).every((n) => n === 0);
	};
	try {
		dataPath = eraser ? await eraser.erase(base, phone, phoneDigitForms(phone)) : null;
		const plan = erasurePlan(phone);
		const children = plan.filter((step) => step.table !== 'Users');
		const users = plan.filter((step) => step.table === 'Users');
		add(await sweep(gateway, children, phone, pseudonym));
		// A write a flusher was sending when it was held links to the Users row, which still exists: found here.
		add(await sweep(gateway, children.filter((step) => DATA_PATH_TABLES.includes(step.table)), phone, pseudonym));
		add(await sweep(gateway, users, phone, pseudonym));
		// After the Users row went, a late upsert would have made it again (typecast): look once more.
		const again = plan.filter((step) => DATA_PATH_TABLES.includes(step.table));
		for (let pass = 0; pass < CHECK_PASSES; pass++) if (add(await sweep(gateway, again, phone, pseudonym))) break;
	} finally {
		await release();
	}
	const audit = erasureAuditFields(pseudonym, counts, options.now ?? new Date(), options.auditKey);
	const created = await gateway.call<{ records: Array<{ id: string }> }>(
		{ method: 'PATCH', path: '/AuditLog', body: { performUpsert: { fieldsToMergeOn: ['Audit Key'] }, records: [{ fields: audit }], typecast: true } },
		{ table: 'AuditLog', fields: [audit] },
	);
	return { erased: true, pseudonym, pseudonymSalt: salted, counts, dataPath: dataPath as (RedisErasure & IDataObject) | null, auditId: created.records[0]?.id ?? '' };
}

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	// The router already read the credential for the gateway; reading it again is a database read and a decryption.
	const baseId = gateway.baseId;
	const url = redisUrlFromEnv();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < this.getInputData().length; i++) {
		try {
			const result = await eraseUser(gateway, baseId, this.getNodeParameter('phone', i), { redis: url ? redisConnection(url) : undefined, auditKey: auditKeyFor(this, i, 'erase') });
			out.push({ json: result, pairedItem: { item: i } });
		} catch (error) {
			out.push(itemFailure(this, error, i, toNodeError));
		}
	}
	return out;
}
