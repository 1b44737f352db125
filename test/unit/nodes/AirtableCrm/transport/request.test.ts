import type { AirtableBaseClient } from '../../../../../nodes/AirtableCrm/transport/client';
import { memoryLimiter } from '../../../../../nodes/AirtableCrm/transport/rate-limiter';
import { AirtableGateway, AirtableRequestError } from '../../../../../nodes/AirtableCrm/transport/request';
import { NO_RATE_LIMIT } from '../../../../support/no-rate-limit';

const credentials = { accessToken: 'pat', baseId: 'appTEST', endpointUrl: 'http://127.0.0.1:1' };
const noLimit = NO_RATE_LIMIT;
const noSleep = jest.fn(async () => undefined);

function failing(errors: Array<{ error: string; statusCode?: number; message?: string }>, body: unknown = { ok: true }): AirtableBaseClient & { calls: number } {
	const client = {
		calls: 0,
		async makeRequest() {
			const error = errors[client.calls++];
			if (error) throw { message: 'failed', ...error };
			return { statusCode: 200, headers: { get: () => null }, body };
		},
	};
	return client;
}

describe('AirtableGateway', () => {
	beforeEach(() => noSleep.mockClear());

	it('retries 5xx and connection errors, then succeeds', async () => {
		const client = failing([{ error: 'SERVER_ERROR', statusCode: 503 }, { error: 'SERVER_ERROR', statusCode: 502 }, { error: 'CONNECTION_ERROR' }]);
		const gateway = new AirtableGateway(credentials, { client, limiter: noLimit, sleep: noSleep });
		await expect(gateway.call({ method: 'GET', path: '/Users' }, { table: 'Users' })).resolves.toEqual({ ok: true });
		expect(client.calls).toBe(4);
		expect(noSleep).toHaveBeenCalledTimes(3);
	});

	it('gives up after the policy allows, never forever', async () => {
		const client = failing(Array.from({ length: 50 }, () => ({ error: 'SERVER_ERROR', statusCode: 500 })));
		const gateway = new AirtableGateway(credentials, { client, limiter: noLimit, sleep: noSleep, policy: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } });
		const error = await gateway.call({ method: 'GET', path: '/Users' }, { table: 'Users' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AirtableRequestError);
		expect((error as AirtableRequestError).attempts).toBe(4);
		expect((error as AirtableRequestError).explained.transient).toBe(true);
		expect(client.calls).toBe(4);
	});

	describe('after a 429', () => {
		const write = { method: 'POST' as const, path: '/Tasks', body: { records: [{ fields: { Title: 'x' } }] } };
		let clock = 1_000_000;
		const now = () => clock;

		it('fails at once without retrying, saying the cause, how long, and what to do, and pauses the base', async () => {
			const limiter = memoryLimiter(now);
			const client = failing([{ error: 'TOO_MANY_REQUESTS', statusCode: 429 }]);
			const gateway = new AirtableGateway(credentials, { client, limiter, sleep: noSleep });
			const error = (await gateway.call(write, { table: 'Tasks' }).catch((e: unknown) => e)) as AirtableRequestError;
			expect(error).toBeInstanceOf(AirtableRequestError);
			expect(client.calls).toBe(1);
			expect(noSleep).not.toHaveBeenCalled();
			expect(error).toMatchObject({ status: 429, type: 'RATE_LIMIT_REACHED', attempts: 1, retryAfterMs: 30_000 });
			expect(error.message).toBe('Airtable is refusing this base for 30 s (rate limit)');
			expect(error.explained.description).toMatch(/answered 429.*more than 5 requests per second.*30 s\. Nothing was written\..*Retry after 30 s/);
			expect(await limiter.pausedMs('appTEST')).toBe(30_000);
		});

		it('sends nothing to a paused base, from any gateway sharing the limiter, until the pause ends', async () => {
			const limiter = memoryLimiter(now);
			await limiter.pause('appTEST', 30_000);
			const client = failing([]);
			const other = new AirtableGateway(credentials, { client, limiter, sleep: noSleep });
			clock += 12_000;
			const error = (await other.call({ method: 'GET', path: '/Users' }, { table: 'Users' }).catch((e: unknown) => e)) as AirtableRequestError;
			expect(client.calls).toBe(0);
			expect(error).toMatchObject({ attempts: 0, retryAfterMs: 18_000 });
			expect(error.explained.description).toMatch(/refuses it for 18 s more; this request was not sent.*Nothing was read\./);
			// Another base is not affected.
			const elsewhere = new AirtableGateway({ ...credentials, baseId: 'appOTHER' }, { client, limiter, sleep: noSleep });
			await expect(elsewhere.call({ method: 'GET', path: '/Users' }, { table: 'Users' })).resolves.toEqual({ ok: true });
			clock += 18_000;
			await expect(other.call({ method: 'GET', path: '/Users' }, { table: 'Users' })).resolves.toEqual({ ok: true });
		});

		it('stops retrying a 5xx once another caller paused the base', async () => {
			const limiter = memoryLimiter(now);
			const client = failing([{ error: 'SERVER_ERROR', statusCode: 502 }]);
			const pausing = jest.fn(async () => limiter.pause('appTEST', 30_000));
			const gateway = new AirtableGateway(credentials, { client, limiter, sleep: pausing });
			await expect(gateway.call(write, { table: 'Tasks' })).rejects.toMatchObject({ type: 'RATE_LIMIT_REACHED', attempts: 1 });
			expect(client.calls).toBe(1);
		});

		it('honours a shorter configured penalty', async () => {
			const limiter = memoryLimiter(now);
			const client = failing([{ error: 'TOO_MANY_REQUESTS', statusCode: 429 }]);
			const gateway = new AirtableGateway(credentials, { client, limiter, sleep: noSleep, rateLimitPenaltyMs: 2_000 });
			await expect(gateway.call(write, { table: 'Tasks' })).rejects.toMatchObject({ retryAfterMs: 2_000 });
			expect(await limiter.pausedMs('appTEST')).toBe(2_000);
		});
	});

	it('does not retry a bad request, and explains it with the field and value', async () => {
		const client = failing([{ error: 'INVALID_VALUE_FOR_COLUMN', statusCode: 422, message: 'Field "Due" cannot accept the provided value' }]);
		const gateway = new AirtableGateway(credentials, { client, limiter: noLimit, sleep: noSleep });
		const error = (await gateway
			.call({ method: 'POST', path: '/Tasks' }, { table: 'Tasks', fields: [{ Due: 'amanhã' }] })
			.catch((e: unknown) => e)) as AirtableRequestError;
		expect(client.calls).toBe(1);
		expect(error.message).toBe('Field "Due" in table "Tasks" cannot accept the value (value sent: "amanhã")');
	});

	it('waits for the base rate limiter before every request, retries included', async () => {
		const acquired: string[] = [];
		const client = failing([{ error: 'SERVER_ERROR', statusCode: 500 }]);
		const gateway = new AirtableGateway(credentials, { client, limiter: { ...noLimit, acquire: async (base) => void acquired.push(base) }, sleep: noSleep });
		await gateway.call({ method: 'GET', path: '/Users' }, { table: 'Users' });
		expect(acquired).toEqual(['appTEST', 'appTEST']);
	});

	it('follows offset pagination in listAll and honours maxRecords', async () => {
		const pages = [
			{ records: [{ id: 'rec1', createdTime: 't', fields: {} }, { id: 'rec2', createdTime: 't', fields: {} }], offset: 'itr1' },
			{ records: [{ id: 'rec3', createdTime: 't', fields: {} }] },
		];
		const bodies: unknown[] = [];
		const client: AirtableBaseClient = {
			async makeRequest(options) {
				bodies.push(options.body);
				return { statusCode: 200, headers: { get: () => null }, body: pages[bodies.length - 1] };
			},
		};
		const gateway = new AirtableGateway(credentials, { client, limiter: noLimit, sleep: noSleep });
		expect((await gateway.listAll('Tasks', { filterByFormula: '1' })).map((r) => r.id)).toEqual(['rec1', 'rec2', 'rec3']);
		expect(bodies[1]).toMatchObject({ offset: 'itr1', filterByFormula: '1' });
		bodies.length = 0;
		expect((await gateway.listAll('Tasks', { maxRecords: 1 })).map((r) => r.id)).toEqual(['rec1']);
		expect(bodies).toHaveLength(1);
	});
});
