import { redisOrMemory, redisUrlFromEnv } from '../../../../nodes/shared/redis';

describe('redisOrMemory: how every BestStag store is chosen', () => {
	type Store = { kind: 'redis' | 'memory'; url?: string };
	const choose = redisOrMemory<Store>(
		(url) => ({ kind: 'redis', url }),
		() => ({ kind: 'memory' }),
	);

	it('uses Redis when BESTSTAG_REDIS_URL is set, a new handle on each call', () => {
		expect(choose({ BESTSTAG_REDIS_URL: ' redis://127.0.0.1:6379/0 ' })).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379/0' });
	});

	it('without it, one in-memory store per process: every call shares it', () => {
		const first = choose({});
		expect(first).toMatchObject({ kind: 'memory' });
		expect(choose({ BESTSTAG_REDIS_URL: '  ' })).toBe(first);
		// A second chooser has a store of its own.
		const other = redisOrMemory<Store>(() => ({ kind: 'redis' }), () => ({ kind: 'memory' }));
		expect(other({})).not.toBe(first);
	});

	it('a blank URL counts as unset', () => {
		expect(redisUrlFromEnv({ BESTSTAG_REDIS_URL: '' })).toBeUndefined();
	});
});
