import Redis from 'ioredis';

import { airtableBaseBudget, parseAirtableBudget } from '../../../core/rate-limit/airtable-budget';
import { sharedAirtableWindow } from '../airtable-base-budget';
import { AirtableUpsertSender } from './airtable-sender';
import { DataPathConfigError, requireDataPathRedisUrl } from './config';
import { BaseFlusher, type UpsertSender } from './flusher';
import { DataPathStore } from './store';

/**
 * The flusher process (`beststag flusher`): finds every base with an outbox and runs one
 * BaseFlusher per base. Run it beside n8n as often as you like: the lease makes one leader per base.
 */

export interface FlusherSettings {
	redisUrl: string;
	accessToken: string;
	/** Blank = https://api.airtable.com. */
	endpointUrl?: string;
	/** Requests per second per base that every BestStag process together may spend (core/rate-limit/airtable-budget.ts; default 4 of Airtable's 5). */
	budgetPerSecond: number;
}

/**
 * Reads the flusher's settings: BESTSTAG_REDIS_URL, BESTSTAG_AIRTABLE_TOKEN (a personal access
 * token with data.records:write on the bases), BESTSTAG_AIRTABLE_URL (optional),
 * BESTSTAG_AIRTABLE_BUDGET (optional, requests/s per base). Throws DataPathConfigError naming what
 * is missing or wrong.
 */
export function flusherSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): FlusherSettings {
	const redisUrl = requireDataPathRedisUrl(env);
	const accessToken = env.BESTSTAG_AIRTABLE_TOKEN?.trim();
	if (!accessToken) throw new DataPathConfigError('The flusher writes to Airtable: set BESTSTAG_AIRTABLE_TOKEN to a personal access token with data.records:write on your bases.');
	let budget: number;
	try {
		budget = parseAirtableBudget(env.BESTSTAG_AIRTABLE_BUDGET).perSecond;
	} catch (error) {
		throw new DataPathConfigError((error as Error).message);
	}
	return { redisUrl, accessToken, endpointUrl: env.BESTSTAG_AIRTABLE_URL?.trim() || undefined, budgetPerSecond: budget };
}

export interface RunFlusherOptions {
	holder: string;
	signal: AbortSignal;
	log?: (line: string) => void;
	/** How often to look for new bases, ms. */
	discoverEveryMs?: number;
	/** For tests: another sender than airtable.js. */
	sender?: UpsertSender;
	leaseTtlMs?: number;
}

/** Runs until `signal` aborts; resolves after every base flusher has released its lease. */
export async function runFlusher(settings: FlusherSettings, options: RunFlusherOptions): Promise<void> {
	const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
	redis.on('error', (error) => options.log?.(`[flusher] Redis: ${error.message}`));
	const store = new DataPathStore(redis);
	// The same window and definition as the CRM node's direct mode: one budget per base for every process.
	const limiter = sharedAirtableWindow(redis, airtableBaseBudget(settings.budgetPerSecond));
	const sender = options.sender ?? new AirtableUpsertSender({ accessToken: settings.accessToken, endpointUrl: settings.endpointUrl });
	const running = new Map<string, Promise<void>>();
	try {
		while (!options.signal.aborted) {
			try {
				for (const base of await store.bases()) {
					if (running.has(base)) continue;
					options.log?.(`[flusher] flushing base ${base} (budget ${settings.budgetPerSecond} requests/s).`);
					const flusher = new BaseFlusher(redis, store, base, sender, limiter, { holder: options.holder, log: options.log, leaseTtlMs: options.leaseTtlMs });
					running.set(base, flusher.run(options.signal));
				}
			} catch (error) {
				options.log?.(`[flusher] cannot list bases: ${(error as Error).message}`);
			}
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, options.discoverEveryMs ?? 2_000);
				options.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
			});
		}
		await Promise.all(running.values());
	} finally {
		await redis.quit().catch(() => redis.disconnect());
	}
}
