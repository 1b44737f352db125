import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

import { BESTSTAG_SCHEMA } from '../../airtable-schema';
import { WindowLimiter } from '../../core/rate-limit/window-limiter';
import { listen } from '../stand-in-http';
import { isId, newId } from './ids';
import { Metadata } from './metadata';
import { RecordLister } from './query';
import { RecordService } from './records';
import { createRequestHandler } from './router';
import { loadSchema } from './schema-loader';
import { ObservedStoreDatabase } from './webhooks/observed-database';
import { WebhookService } from './webhooks/service';
import { withChangeSource } from './webhooks/source-context';

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

export const DEFAULT_AIRTABLE_STORE_PORT = 5681;
const DEFAULT_RATE_LIMIT = 5;

function checkOptions(options: AirtableStoreOptions): number {
	if (typeof options.token !== 'string' || options.token.trim() === '') {
		throw new Error('The Airtable store needs a token: the personal access token clients will send (AIRTABLE_STORE_TOKEN).');
	}
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
		throw new RangeError(`The Airtable store port must be a whole number from 0 to 65535, got ${options.port}.`);
	}
	if (options.baseId !== undefined && !isId('app', options.baseId)) {
		throw new Error(`The base id "${options.baseId}" is not an Airtable base id: use "app" followed by 14 letters or digits.`);
	}
	const rate = options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT;
	if (!Number.isInteger(rate) || rate < 0) throw new RangeError(`The rate limit must be a whole number of requests per second (0 = off), got ${rate}.`);
	return rate;
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
	const rate = checkOptions(options);
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
		const userId = `usr${baseId.slice(3)}`;
		const server = createServer(
			withChangeSource(createRequestHandler({
				token: options.token,
				metadata,
				records: new RecordService(db, metadata, now),
				lister: new RecordLister(db, metadata, now),
				limiter: rate > 0 ? new WindowLimiter({ limit: rate, windowMs: 1000 }) : undefined,
				userId,
				stats: { requests: 0 },
				webhooks,
			}), userId),
		);
		const host = options.host ?? '127.0.0.1';
		const address = await listen(server, options.port, host);
		let closed: Promise<void> | undefined;
		return {
			url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
			baseId,
			token: options.token,
			close() {
				closed ??= new Promise<void>((resolve) => {
					server.close(() => {
						void webhooks?.close().finally(() => {
							db.close();
							resolve();
						});
					});
					// Keep-alive connections would hold close() open until they time out.
					server.closeAllConnections();
				});
				return closed;
			},
		};
	} catch (error) {
		void webhooks?.close();
		db.close();
		throw error;
	}
}

async function main(): Promise<void> {
	const env = process.env;
	const store = await startAirtableStore({
		port: Number(env.AIRTABLE_STORE_PORT ?? DEFAULT_AIRTABLE_STORE_PORT),
		dataDir: env.AIRTABLE_STORE_DATA ?? join(process.cwd(), '.sandbox', 'airtable'),
		token: env.AIRTABLE_STORE_TOKEN ?? '',
		baseId: env.AIRTABLE_STORE_BASE_ID || undefined,
		rateLimitPerSecond: env.AIRTABLE_STORE_RATE_LIMIT === undefined || env.AIRTABLE_STORE_RATE_LIMIT === '' ? undefined : Number(env.AIRTABLE_STORE_RATE_LIMIT),
		loadSchema: env.AIRTABLE_STORE_LOAD_SCHEMA !== '0',
	});
	console.log(`airtable store listening on ${store.url}/ (base ${store.baseId})`);
	const stop = () => {
		void store.close().then(() => process.exit(0));
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(`airtable store failed to start: ${error.message}`);
		process.exit(1);
	});
}
