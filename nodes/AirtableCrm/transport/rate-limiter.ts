import { WindowLimiter } from '../../../core/rate-limit/window-limiter';

/** Airtable allows 5 requests per second per base; every request of this package waits its turn. */
export const AIRTABLE_REQUESTS_PER_SECOND = 5;

export interface BaseRateLimiter {
	acquire(baseId: string): Promise<void>;
}

// One limiter per n8n process, shared by every execution and node instance.
const inProcess = new WindowLimiter({ limit: AIRTABLE_REQUESTS_PER_SECOND, windowMs: 1000 });

export const inProcessLimiter: BaseRateLimiter = {
	acquire: (baseId) => inProcess.acquire(baseId),
};
