import type { AirtableBaseClient } from '../../../nodes/AirtableCrm/transport/client';
import { AirtableGateway, AirtableRequestError } from '../../../nodes/AirtableCrm/transport/request';

const credentials = { accessToken: 'pat', baseId: 'appTEST', endpointUrl: 'http://127.0.0.1:1' };
const noLimit = { acquire: async () => undefined };
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

	it('retries 429, 5xx and connection errors, then succeeds', async () => {
		const client = failing([{ error: 'TOO_MANY_REQUESTS', statusCode: 429 }, { error: 'SERVER_ERROR', statusCode: 502 }, { error: 'CONNECTION_ERROR' }]);
		const gateway = new AirtableGateway(credentials, { client, limiter: noLimit, sleep: noSleep });
		await expect(gateway.call({ method: 'GET', path: '/Users' }, { table: 'Users' })).resolves.toEqual({ ok: true });
		expect(client.calls).toBe(4);
		expect(noSleep).toHaveBeenCalledTimes(3);
	});

	it('gives up after the policy allows, never forever', async () => {
		const client = failing(Array.from({ length: 50 }, () => ({ error: 'TOO_MANY_REQUESTS', statusCode: 429 })));
		const gateway = new AirtableGateway(credentials, { client, limiter: noLimit, sleep: noSleep, policy: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } });
		const error = await gateway.call({ method: 'GET', path: '/Users' }, { table: 'Users' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AirtableRequestError);
		expect((error as AirtableRequestError).attempts).toBe(4);
		expect((error as AirtableRequestError).explained.transient).toBe(true);
		expect(client.calls).toBe(4);
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
		const gateway = new AirtableGateway(credentials, { client, limiter: { acquire: async (base) => void acquired.push(base) }, sleep: noSleep });
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
