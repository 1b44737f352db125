import { redisConnection } from '../../shared/redis';
import { requireDataPathRedisUrl } from '../../shared/datapath/config';
import { DataPathStore } from '../../shared/datapath/store';

const stores = new Map<string, DataPathStore>();

/**
 * The process's data path store on BESTSTAG_REDIS_URL (one shared connection per URL). Throws
 * DataPathConfigError saying what to set when Redis is not configured: buffered mode has no
 * in-memory fallback, since an outbox in memory would lose accepted writes on a restart.
 */
export function dataPathStore(env: NodeJS.ProcessEnv = process.env): DataPathStore {
	const url = requireDataPathRedisUrl(env);
	let store = stores.get(url);
	if (!store) {
		store = new DataPathStore(redisConnection(url));
		stores.set(url, store);
	}
	return store;
}
