import { createServer, type AddressInfo, type Socket } from 'node:net';

import { MemoryCache } from '../../../../core/llm/cache';
import { CircuitBreaker } from '../../../../core/llm/circuit-breaker';
import { createIntentClassifier, type IntentClassifierOptions, type LlmCallRecord } from '../../../../core/llm/strategy';
import type { LlmEngine } from '../../../../core/llm/types';
import { AnthropicEngine } from '../../../../nodes/shared/llm/anthropic-engine';
import { OpenAiEngine } from '../../../../nodes/shared/llm/openai-engine';
import { RedisCache } from '../../../../nodes/shared/llm/redis-cache';
import { startTestRedis } from '../../../support/redis-server';
import { ANTHROPIC_KEY, offlineStub, OPENAI_KEY, startStandIns, type StandIns } from './helpers';

const CONTEXT = { now: new Date('2026-03-09T12:00:00Z'), timeZone: 'America/Sao_Paulo' };
const UNSURE = 'me lembra do dentista terça';

let standIns: StandIns;
beforeAll(async () => {
	standIns = await startStandIns();
});
afterAll(() => standIns.close());
afterEach(() => {
	standIns.openai.faults.clear();
	standIns.anthropic.faults.clear();
});

const openai = (timeoutMs?: number) => new OpenAiEngine({ apiKey: OPENAI_KEY, baseURL: `${standIns.openai.url}/v1`, model: 'gpt-4o-mini', timeoutMs });
const anthropic = (timeoutMs?: number) => new AnthropicEngine({ apiKey: ANTHROPIC_KEY, baseURL: standIns.anthropic.url, model: 'claude-haiku-4-5', timeoutMs });

function classifier(options: Partial<IntentClassifierOptions> = {}) {
	return createIntentClassifier({ strategy: 'cascade', offline: offlineStub, llm: openai(), ...options });
}

describe('strategies', () => {
	it('offline: never calls the LLM', async () => {
		const before = standIns.openai.requests.length;
		const result = await classifier({ strategy: 'offline' }).classify(UNSURE, CONTEXT);
		expect(result).toMatchObject({ intent: 'unknown', confidence: 0.3, engine: 'offline', cached: false });
		expect(result.fallback).toBeUndefined();
		expect(standIns.openai.requests.length).toBe(before);
	});

	it('cascade: keeps a confident offline answer without a call', async () => {
		const before = standIns.openai.requests.length;
		const result = await classifier().classify('bom dia!', CONTEXT);
		expect(result).toMatchObject({ intent: 'greeting', engine: 'offline', cached: false });
		expect(standIns.openai.requests.length).toBe(before);
	});

	it('cascade: asks the LLM when the offline engine is unsure, keeping the offline entities', async () => {
		const result = await classifier().classify(UNSURE, CONTEXT);
		expect(result).toMatchObject({
			intent: 'reminder.create',
			confidence: 0.91,
			engine: 'openai',
			cached: false,
			model: 'gpt-4o-mini',
			entities: { datetime: '2026-03-10T12:00:00.000Z', title: 'dentista' },
		});
		expect(result.usage!.inputTokens).toBeGreaterThan(0);
		expect(result.costUsd).toBeGreaterThan(0);
		expect(result.fallback).toBeUndefined();
	});

	it('cascade: the threshold decides what counts as unsure', async () => {
		const before = standIns.openai.requests.length;
		const result = await classifier({ threshold: 0.25 }).classify(UNSURE, CONTEXT);
		expect(result.engine).toBe('offline');
		expect(standIns.openai.requests.length).toBe(before);
	});

	it('llm: asks the LLM even when the offline engine is sure, with Anthropic too', async () => {
		const result = await classifier({ strategy: 'llm', llm: anthropic() }).classify('bom dia, marca uma reunião amanhã', CONTEXT);
		expect(result).toMatchObject({ intent: 'calendar.create', confidence: 0.88, engine: 'anthropic', model: 'claude-haiku-4-5' });
	});

	it('llm: does not spend a call on an empty message', async () => {
		const before = standIns.openai.requests.length;
		const result = await classifier({ strategy: 'llm' }).classify('   ', CONTEXT);
		expect(result).toMatchObject({ intent: 'unknown', engine: 'offline', fallback: 'empty_message' });
		expect(standIns.openai.requests.length).toBe(before);
	});

	it('refuses a configuration it cannot run', () => {
		expect(() => createIntentClassifier({ strategy: 'cascade', offline: offlineStub })).toThrow(/needs an LLM engine/);
		expect(() => createIntentClassifier({ strategy: 'llm-first' as never, offline: offlineStub })).toThrow(/offline, llm, cascade/);
		expect(() => classifier({ threshold: 2 })).toThrow(RangeError);
	});
});

describe('fallback to the offline answer', () => {
	it('on a timeout, within the timeout', async () => {
		standIns.openai.faults.inject({ type: 'delay', ms: 3000 });
		const started = Date.now();
		const result = await classifier({ llm: openai(200) }).classify(UNSURE, CONTEXT);
		expect(Date.now() - started).toBeLessThan(1500);
		expect(result).toMatchObject({ intent: 'unknown', confidence: 0.3, engine: 'offline', fallback: 'timeout', entities: { title: 'dentista' } });
		expect(result.fallbackDetail).toMatch(/200 ms/);
	});

	it.each([
		['OpenAI 429', () => standIns.openai, openai, { type: 'rate_limit' } as const, 'rate_limited'],
		['OpenAI 500', () => standIns.openai, openai, { type: 'server_error' } as const, 'server_error'],
		['Anthropic 429', () => standIns.anthropic, anthropic, { type: 'rate_limit' } as const, 'rate_limited'],
		['Anthropic 529', () => standIns.anthropic, anthropic, { type: 'overloaded' } as const, 'overloaded'],
		['Anthropic 500', () => standIns.anthropic, anthropic, { type: 'server_error' } as const, 'server_error'],
	])('on %s', async (_, standIn, engine, fault, reason) => {
		standIn().faults.inject(fault);
		const result = await classifier({ llm: engine() }).classify(UNSURE, CONTEXT);
		expect(result).toMatchObject({ intent: 'unknown', engine: 'offline', cached: false, fallback: reason });
	});

	it('on an answer outside the taxonomy', async () => {
		standIns.anthropic.faults.inject({ type: 'answer', value: { intent: 'opt_out_now', confidence: 1 } });
		const result = await classifier({ llm: anthropic() }).classify(UNSURE, CONTEXT);
		expect(result).toMatchObject({ intent: 'unknown', engine: 'offline', fallback: 'bad_answer' });
		expect(result.fallbackDetail).toMatch(/not in the taxonomy/);
	});

	it('never throws for a string, whatever the engine, the cache or the hook do', async () => {
		const broken: LlmEngine = {
			name: 'openai',
			model: 'x',
			classify: () => {
				throw new TypeError('boom');
			},
		};
		const cache = { get: () => Promise.reject(new Error('down')), set: () => Promise.reject(new Error('down')) };
		const result = await createIntentClassifier({
			strategy: 'llm',
			offline: offlineStub,
			llm: broken,
			cache,
			onLlmCall: () => {
				throw new Error('meter down');
			},
		}).classify(UNSURE);
		expect(result).toMatchObject({ engine: 'offline', fallback: 'error', fallbackDetail: 'boom' });
	});
});

describe('circuit breaker around the LLM', () => {
	it('stops calling after 5 failures for 60 s, then sends one trial and closes on its success', async () => {
		let now = 0;
		const c = classifier({ now: () => now });
		standIns.openai.faults.set({ type: 'server_error' });
		const before = standIns.openai.requests.length;
		for (let i = 0; i < 5; i++) expect((await c.classify(`${UNSURE} ${i}`, CONTEXT)).fallback).toBe('server_error');
		expect(standIns.openai.requests.length - before).toBe(5);

		now = 59_999;
		const skipped = await c.classify(`${UNSURE} 6`, CONTEXT);
		expect(skipped).toMatchObject({ engine: 'offline', fallback: 'circuit_open' });
		expect(skipped.fallbackDetail).toMatch(/next try in 1 s/);
		expect(standIns.openai.requests.length - before).toBe(5);

		now = 60_000;
		standIns.openai.faults.clear();
		expect(c.breaker!.state()).toBe('half-open');
		const trial = await c.classify(`${UNSURE} 7`, CONTEXT);
		expect(trial).toMatchObject({ engine: 'openai', intent: 'reminder.create' });
		expect(standIns.openai.requests.length - before).toBe(6);
		expect(c.breaker!.state()).toBe('closed');
	});

	it('lets a single trial through when several messages arrive half-open', async () => {
		let now = 0;
		const breaker = new CircuitBreaker({ now: () => now });
		for (let i = 0; i < 5; i++) breaker.recordFailure();
		now = 60_000;
		standIns.anthropic.faults.inject({ type: 'delay', ms: 100 });
		const c = classifier({ llm: anthropic(), breaker, now: () => now });
		const before = standIns.anthropic.requests.length;
		const results = await Promise.all([c.classify(`${UNSURE} a`), c.classify(`${UNSURE} b`), c.classify(`${UNSURE} c`)]);
		expect(results.map((r) => r.engine).sort()).toEqual(['anthropic', 'offline', 'offline']);
		expect(results.filter((r) => r.fallback === 'circuit_open')).toHaveLength(2);
		expect(standIns.anthropic.requests.length - before).toBe(1);
	});
});

describe('cache', () => {
	it('answers a repeat from memory without a call, up to the TTL', async () => {
		let now = 0;
		const c = classifier({ cache: new MemoryCache({ now: () => now }), cacheTtlMs: 60_000, now: () => now });
		const before = standIns.openai.requests.length;
		const first = await c.classify('Me lembra do dentista na terça', CONTEXT);
		const second = await c.classify('  me LEMBRA do dentista na terca ', CONTEXT);
		expect(first).toMatchObject({ engine: 'openai', cached: false });
		expect(second).toMatchObject({ intent: 'reminder.create', confidence: 0.91, engine: 'openai', cached: true, model: 'gpt-4o-mini' });
		expect(second.entities).toEqual(first.entities);
		expect(second.usage).toBeUndefined();
		expect(standIns.openai.requests.length - before).toBe(1);
		now = 60_000;
		expect(await c.classify('me lembra do dentista na terça', CONTEXT)).toMatchObject({ cached: false });
		expect(standIns.openai.requests.length - before).toBe(2);
	});

	it('does not keep a fallback', async () => {
		const cache = new MemoryCache();
		const c = classifier({ cache });
		standIns.openai.faults.inject({ type: 'rate_limit' });
		expect(await c.classify(UNSURE, CONTEXT)).toMatchObject({ fallback: 'rate_limited' });
		expect(cache.size).toBe(0);
		expect(await c.classify(UNSURE, CONTEXT)).toMatchObject({ engine: 'openai', cached: false });
	});

	it('shares answers between workers through a real Redis', async () => {
		const redis = await startTestRedis();
		const caches = [new RedisCache({ url: redis.url }), new RedisCache({ url: redis.url })];
		try {
			const before = standIns.anthropic.requests.length;
			const workerA = classifier({ llm: anthropic(), cache: caches[0] });
			const workerB = classifier({ llm: anthropic(), cache: caches[1] });
			expect(await workerA.classify('quais e-mails urgentes?', CONTEXT)).toMatchObject({ intent: 'email.summary', cached: false });
			expect(await workerB.classify('Quais E-MAILS urgentes?', CONTEXT)).toMatchObject({ intent: 'email.summary', engine: 'anthropic', cached: true });
			expect(standIns.anthropic.requests.length - before).toBe(1);
		} finally {
			await Promise.all(caches.map((cache) => cache.close()));
			await redis.stop();
		}
	});

	it('treats a Redis that does not answer as a miss, without waiting for it', async () => {
		// Accepts connections and never replies: the worst kind of outage, since nothing fails fast.
		const sockets = new Set<Socket>();
		const silent = createServer((socket) => {
			sockets.add(socket);
			socket.on('error', () => undefined);
		});
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		const cache = new RedisCache({ url: `redis://127.0.0.1:${(silent.address() as AddressInfo).port}`, commandTimeoutMs: 10_000 });
		try {
			const started = Date.now();
			const result = await classifier({ cache, cacheTimeoutMs: 150 }).classify(UNSURE, CONTEXT);
			expect(result).toMatchObject({ engine: 'openai', cached: false });
			expect(Date.now() - started).toBeLessThan(1500);
		} finally {
			await cache.close();
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => silent.close(() => resolve()));
		}
	});
});

describe('metering', () => {
	it('records tokens and cost for each call, and the failures too', async () => {
		const calls: LlmCallRecord[] = [];
		const c = classifier({ onLlmCall: (record) => calls.push(record) });
		const ok = await c.classify(UNSURE, CONTEXT);
		standIns.openai.faults.inject({ type: 'server_error' });
		await c.classify(UNSURE, CONTEXT);
		expect(calls).toEqual([
			{ engine: 'openai', model: 'gpt-4o-mini', promptVersion: 'intent-v2', ok: true, latencyMs: expect.any(Number), usage: ok.usage, costUsd: ok.costUsd },
			{ engine: 'openai', model: 'gpt-4o-mini', promptVersion: 'intent-v2', ok: false, failure: 'server_error', latencyMs: expect.any(Number) },
		]);
		expect(calls[0].usage!.inputTokens).toBeGreaterThan(0);
		expect(calls[0].costUsd).toBeGreaterThan(0);
	});
});
