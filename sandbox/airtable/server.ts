import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { BESTSTAG_SCHEMA } from '../../airtable-schema';
import { AIRTABLE_RATE_LIMIT_PENALTY_MS, AIRTABLE_REQUESTS_PER_SECOND_PER_BASE } from '../../core/limits/airtable';
import { runStandInMain } from '../stand-in/main';
import { checkPort, serveStandIn } from '../stand-in/server';
import { AIRTABLE_STORE_ENV } from './env';
import { isId, newId } from './ids';
import { Metadata } from './metadata';
import { RecordLister } from './query';
import { ArrivalMeter, BaseRateLimit } from './rate-limit';
import { RecordService } from './records';
import { storeHandler } from './router';
import { loadSchema } from './schema-loader';
import { ObservedStoreDatabase } from './webhooks/observed-database';
import { WebhookService } from './webhooks/service';

/**
 * The local Airtable: an HTTP server that answers Airtable's Web API (records and metadata) from a
 * SQLite file, so the official client and plain fetch work against it unchanged. See README.md here.
 */

export interface AirtableStoreOptions {
	/** Where the SQLite file (airtable.sqlite) lives; created if missing. */
	dataDir: string;
	/** 0 picks a free port. */
	port: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** The personal access token clients must send as "Authorization: Bearer <token>". */
	token: string;
	/** The base to serve; created if missing. Default: the data dir's first base, or a new one. */
	baseId?: string;
	/** Name of a newly created base. Default "BestStag". */
	baseName?: string;
	/** Create BESTSTAG_SCHEMA's missing tables and fields in the base. Default true; false starts with an empty base. */
	loadSchema?: boolean;
	/** Requests per second per base before 429. Default 5 (Airtable's limit); 0 turns the limit off. */
	rateLimitPerSecond?: number;
	/**
	 * Milliseconds a base keeps answering 429 after a 429, restarted by each 429. Default 30 000, Airtable's
	 * (https://airtable.com/developers/web/api/rate-limits); 0 forgives as soon as the window allows.
	 */
	rateLimitPenaltyMs?: number;
	/** The clock for createdTime and NOW()/TODAY() in formulas. */
	now?: () => Date;
}

export interface RunningAirtableStore {
	/** http://127.0.0.1:port, for the client's endpointUrl. */
	url: string;
	baseId: string;
	token: string;
	close(): Promise<void>;
}


function checkOptions(options: AirtableStoreOptions): { rate: number; penaltyMs: number } {
	if (typeof options.token !== 'string' || options.token.trim() === '') {
		throw new Error('The Airtable store needs a token: the personal access token clients will send (AIRTABLE_STORE_TOKEN).');
	}
	checkPort('Airtable store', options.port);
	if (options.baseId !== undefined && !isId('app', options.baseId)) {
		throw new Error(`The base id "${options.baseId}" is not an Airtable base id: use "app" followed by 14 letters or digits.`);
	}
	const rate = options.rateLimitPerSecond ?? AIRTABLE_REQUESTS_PER_SECOND_PER_BASE;
	if (!Number.isInteger(rate) || rate < 0) throw new RangeError(`The rate limit must be a whole number of requests per second (0 = off), got ${rate}.`);
	const penaltyMs = options.rateLimitPenaltyMs ?? AIRTABLE_RATE_LIMIT_PENALTY_MS;
	if (!Number.isInteger(penaltyMs) || penaltyMs < 0) {
		throw new RangeError(`The rate-limit penalty must be a whole number of milliseconds (0 = none), got ${penaltyMs}.`);
	}
	return { rate, penaltyMs };
}

function chooseBase(metadata: Metadata, options: AirtableStoreOptions): string {
	const name = options.baseName ?? 'BestStag';
	if (options.baseId !== undefined) {
		if (!metadata.hasBase(options.baseId)) metadata.createBase(options.baseId, name);
		return options.baseId;
	}
	const existing = metadata.listBases().bases[0];
	if (existing) return existing.id;
	const id = newId('app');
	metadata.createBase(id, name);
	return id;
}

export async function startAirtableStore(options: AirtableStoreOptions): Promise<RunningAirtableStore> {
	const { rate, penaltyMs } = checkOptions(options);
	const now = options.now ?? (() => new Date());
	mkdirSync(options.dataDir, { recursive: true });
	const db = new ObservedStoreDatabase(join(options.dataDir, 'airtable.sqlite'));
	let webhooks: WebhookService | undefined;
	try {
		const metadata = new Metadata(db);
		const baseId = db.transaction(() => {
			const id = chooseBase(metadata, options);
			if (options.loadSchema !== false) loadSchema(metadata, id, BESTSTAG_SCHEMA);
			return id;
		});
		webhooks = new WebhookService({ dataDir: options.dataDir, db, metadata, now });
		const served = await serveStandIn({
			label: 'Airtable store',
			port: options.port,
			host: options.host,
			handler: storeHandler({
				token: options.token,
				metadata,
				records: new RecordService(db, metadata, now),
				lister: new RecordLister(db, metadata, now),
				limiter: rate > 0 ? new BaseRateLimit({ perSecond: rate, penaltyMs }) : undefined,
				userId: `usr${baseId.slice(3)}`,
				stats: { requests: 0, rateLimited: 0 },
				arrivals: new ArrivalMeter(),
				webhooks,
			}),
			onClosing: () => webhooks?.close(),
			onClose: () => db.close(),
		});
		return { url: served.url, baseId, token: options.token, close: served.close };
	} catch (error) {
		void webhooks?.close();
		db.close();
		throw error;
	}
}

if (require.main === module) void runStandInMain({ name: 'airtable store', env: AIRTABLE_STORE_ENV, start: startAirtableStore, describe: (store) => `(base ${store.baseId})` });
