import type { BaseRateLimiter } from '../../nodes/AirtableCrm/transport/rate-limiter';

/**
 * A per-base limiter that never waits or pauses: for tests that count Airtable requests or check
 * what was written, not when (the limiter has its own tests).
 */
export const NO_RATE_LIMIT: BaseRateLimiter = { acquire: async () => undefined, pause: async () => undefined, pausedMs: async () => 0 };
