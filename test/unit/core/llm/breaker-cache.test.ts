import Redis from 'ioredis';

import { classificationCacheKey, MemoryCache, normalizeMessageText, type CachedIntent } from '../../../../core/llm/cache';
import { CircuitBreaker } from '../../../../core/llm/circuit-breaker';
import { PROMPT_VERSION } from '../../../../core/llm/prompt';
import { RedisCache } from '../../../../nodes/shared/llm/redis-cache';
import { startTestRedis, type TestRedis } from '../../../support/redis-server';

const ENTRY: CachedIntent = { intent: 'reminder.create', confidence: 0.9, engine: 'openai', model: 'gpt-4o-mini' };

describe('circuit breaker', () => {
	it('opens after 5 consecutive failures for 60 s, then lets one trial through, and closes on success', () => {
		let now = 1_000;
		const breaker = new CircuitBreaker({ now: () => now });
		for (let i = 0; i < 4; i++) {
			expect(breaker.tryAcquire()).toBe(true);
			breaker.recordFailure();
		}
		expect(breaker.state()).toBe('closed');
		breaker.tryAcquire();
		breaker.recordFailure();
		expect(breaker.state()).toBe('open');
		expect(breaker.tryAcquire()).toBe(false);
		now += 59_999;
		expect(breaker.retryInMs()).toBe(1);
		expect(breaker.tryAcquire()).toBe(false);
		now += 1;
		expect(breaker.state()).toBe('half-open');
		expect(breaker.tryAcquire()).toBe(true);
		expect(breaker.tryAcquire()).toBe(false);
		breaker.recordSuccess();
		expect(breaker.state()).toBe('closed');
		expect(breaker.tryAcquire()).toBe(true);
	});

	it('reopens for another 60 s when the trial fails', () => {
		let now = 0;
		const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 1000, now: () => now });
		breaker.recordFailure();
		breaker.recordFailure();
		now = 1000;
		expect(breaker.tryAcquire()).toBe(true);
		breaker.recordFailure();
		expect(breaker.state()).toBe('open');
		now = 1999;
		expect(breaker.tryAcquire()).toBe(false);
		now = 2000;
		expect(breaker.state()).toBe('half-open');
	});

	it('counts consecutive failures only: a success in between resets the count', () => {
		const breaker = new CircuitBreaker({ now: () => 0 });
		for (let i = 0; i < 4; i++) breaker.recordFailure();
		breaker.recordSuccess();
		for (let i = 0; i < 4; i++) breaker.recordFailure();
		expect(breaker.state()).toBe('closed');
	});

	it('refuses nonsense settings', () => {
		expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(RangeError);
		expect(() => new CircuitBreaker({ openMs: -1 })).toThrow(RangeError);
	});
});

describe('cache keys', () => {
	it('normalizes case, accents and white space', () => {
		expect(normalizeMessageText('  Me LEMBRA   de ligar\tpro João às 15h \n')).toBe('me lembra de ligar pro joao as 15h');
		expect(normalizeMessageText('Reunião amanhã 👍')).toBe('reuniao amanha 👍');
	});

	it('hashes the normalized text under engine, model and prompt version, never the text itself', () => {
		const key = classificationCacheKey('Reunião amanhã', 'openai', 'gpt-4o-mini');
		expect(key).toMatch(new RegExp(`^openai:gpt-4o-mini:${PROMPT_VERSION}:[0-9a-f]{64}$`));
		expect(classificationCacheKey('reuniao   AMANHA', 'openai', 'gpt-4o-mini')).toBe(key);
		expect(classificationCacheKey('Reunião amanhã', 'anthropic', 'gpt-4o-mini')).not.toBe(key);
		expect(classificationCacheKey('Reunião amanhã', 'openai', 'gpt-4.1-mini')).not.toBe(key);
	});
});

describe('memory cache', () => {
	it('expires entries after their TTL on the injected clock', async () => {
		let now = 0;
		const cache = new MemoryCache({ now: () => now });
		await cache.set('k', ENTRY, 1000);
		now = 999;
		expect(await cache.get('k')).toEqual(ENTRY);
		now = 1000;
		expect(await cache.get('k')).toBeUndefined();
		expect(cache.size).toBe(0);
	});

	it('stays bounded, dropping the least recently used entry', async () => {
		const cache = new MemoryCache({ maxEntries: 2 });
		await cache.set('a', ENTRY, 60_000);
		await cache.set('b', ENTRY, 60_000);
		await cache.get('a');
		await cache.set('c', ENTRY, 60_000);
		expect(await cache.get('b')).toBeUndefined();
		expect(await cache.get('a')).toEqual(ENTRY);
		expect(await cache.get('c')).toEqual(ENTRY);
	});

	it('refuses a TTL that is not a positive whole number', async () => {
		await expect(new MemoryCache().set('k', ENTRY, 0)).rejects.toThrow(RangeError);
	});
});

describe('redis cache', () => {
	let redis: TestRedis;
	beforeAll(async () => {
		redis = await startTestRedis();
	});
	afterAll(() => redis.stop());

	it('stores entries with SET … PX under its prefix, and reads them back', async () => {
		const cache = new RedisCache({ url: redis.url, prefix: 'test:intent:' });
		const probe = new Redis(redis.url);
		try {
			await cache.set('k1', ENTRY, 5000);
			expect(await cache.get('k1')).toEqual(ENTRY);
			expect(await cache.get('missing')).toBeUndefined();
			const ttl = await probe.pttl('test:intent:k1');
			expect(ttl).toBeGreaterThan(4000);
			expect(ttl).toBeLessThanOrEqual(5000);
			expect(JSON.parse((await probe.get('test:intent:k1'))!)).toEqual(ENTRY);
			await probe.set('test:intent:bad', '{"intent":"pay_bill","confidence":2}');
			expect(await cache.get('bad')).toBeUndefined();
		} finally {
			await cache.close();
			await probe.quit();
		}
	});

	it('leaves a client it was given open', async () => {
		const client = new Redis(redis.url);
		const cache = new RedisCache({ client });
		await cache.set('k2', ENTRY, 1000);
		await cache.close();
		expect(await client.ping()).toBe('PONG');
		await client.quit();
	});

	it('needs exactly one of client or url', () => {
		expect(() => new RedisCache({})).toThrow(/exactly one/);
	});
});
