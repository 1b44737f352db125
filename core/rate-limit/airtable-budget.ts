import { AIRTABLE_REQUESTS_PER_SECOND_PER_BASE } from '../limits/airtable';

/**
 * How fast BestStag's own clients send to one Airtable base: Airtable's 5 requests, counted over
 * 1.25 s instead of 1 s. A client measures its window when a request leaves; Airtable counts when
 * it arrives, and network jitter can bunch five requests sent a second apart into less than a
 * second on arrival. One 429 costs 30 s of refusals (https://airtable.com/developers/web/api/rate-limits),
 * so the margin is worth its 20% of throughput. Use with WindowLimiter or RedisWindowLimiter.
 */
export const AIRTABLE_CLIENT_BUDGET = Object.freeze({ limit: AIRTABLE_REQUESTS_PER_SECOND_PER_BASE, windowMs: 1250 });
