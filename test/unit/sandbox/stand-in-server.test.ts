import { Agent, request } from 'node:http';

import { BodyTooLargeError, basicCredentials, bearerToken, pathParts, readBody, secretEquals } from '../../../sandbox/stand-in/http';
import { baseUrl, serveStandIn, type ServedStandIn, type StandInHandler } from '../../../sandbox/stand-in/server';

class TeapotError extends Error {}

/** A toy stand-in: its routes, its error shape, and nothing else. */
function toyHandler(log: string[]): StandInHandler {
	return {
		health: () => ({ requests: log.length }),
		async handle({ req, method, url }) {
			log.push(`${method} ${url.pathname}`);
			if (url.pathname === '/echo') return { status: 201, body: { got: await readBody(req, 16) } };
			if (url.pathname === '/teapot') throw new TeapotError('short and stout');
			if (url.pathname === '/none') return { status: 204 };
			if (url.pathname === '/parts') return { status: 200, body: pathParts(url.pathname + '/a%20b//c/') };
			throw new Error('boom');
		},
		errorReply: (error) => {
			if (error instanceof TeapotError) return { status: 418, body: { problem: error.message }, headers: { 'x-kind': 'teapot' } };
			if (error instanceof BodyTooLargeError) return { status: 413, body: { problem: 'too large' } };
			return undefined;
		},
		internalError: (message) => ({ status: 500, body: { problem: `toy failed: ${message}` } }),
		headers: () => ({ 'x-request-id': 'req-1' }),
	};
}

describe('the stand-in kernel server', () => {
	let served: ServedStandIn;
	const log: string[] = [];

	beforeAll(async () => {
		served = await serveStandIn({ label: 'toy stand-in', port: 0, handler: toyHandler(log) });
	});
	afterAll(() => served.close());

	it('answers /healthz without calling the routes', async () => {
		const response = await fetch(`${served.url}/healthz`);
		expect(response.status).toBe(200);
		expect(response.headers.get('x-request-id')).toBe('req-1');
		expect(await response.json()).toEqual({ ok: true, requests: 0 });
		expect(log).toEqual([]);
	});

	it('sends JSON with a content length, no caching, and the stand-in’s headers', async () => {
		const response = await fetch(`${served.url}/echo`, { method: 'POST', body: 'hello' });
		expect(response.status).toBe(201);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('{"got":"hello"}')));
		expect(await response.json()).toEqual({ got: 'hello' });
	});

	it('turns errors into the service’s own shape, and anything unexpected into its 500', async () => {
		const big = await fetch(`${served.url}/echo`, { method: 'POST', body: 'x'.repeat(17) });
		expect([big.status, await big.json()]).toEqual([413, { problem: 'too large' }]);
		const teapot = await fetch(`${served.url}/teapot`);
		expect([teapot.status, teapot.headers.get('x-kind'), await teapot.json()]).toEqual([418, 'teapot', { problem: 'short and stout' }]);
		const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		const crash = await fetch(`${served.url}/crash`);
		expect([crash.status, await crash.json()]).toEqual([500, { problem: 'toy failed: boom' }]);
		expect(spy).toHaveBeenCalledWith('[toy stand-in]', expect.any(Error));
		spy.mockRestore();
	});

	it('sends a 204 with no body and no content type', async () => {
		const response = await fetch(`${served.url}/none`);
		expect(response.status).toBe(204);
		expect(response.headers.get('content-type')).toBeNull();
	});

	it('decodes path segments and drops empty ones', async () => {
		expect(await (await fetch(`${served.url}/parts`)).json()).toEqual(['parts', 'a b', 'c']);
		expect(pathParts('/v0/%E0%A4%A')).toBeUndefined();
	});
});

describe('serveStandIn', () => {
	it('refuses a port out of range, naming the stand-in', async () => {
		await expect(serveStandIn({ label: 'Toy stand-in', port: 70_000, handler: toyHandler([]) })).rejects.toThrow(
			'The Toy stand-in port must be a whole number from 0 to 65535, got 70000.',
		);
		await expect(serveStandIn({ label: 'Toy stand-in', port: 1.5, handler: toyHandler([]) })).rejects.toThrow(RangeError);
	});

	it('fails when the port is taken', async () => {
		const first = await serveStandIn({ label: 'toy', port: 0, handler: toyHandler([]) });
		try {
			await expect(serveStandIn({ label: 'toy', port: first.port, handler: toyHandler([]) })).rejects.toThrow(/EADDRINUSE/);
		} finally {
			await first.close();
		}
	});

	it('closes at once despite a keep-alive connection, runs its hooks in order, and closes only once', async () => {
		const order: string[] = [];
		const served = await serveStandIn({
			label: 'toy',
			port: 0,
			handler: toyHandler([]),
			onClosing: () => void order.push('closing'),
			onClose: () => void order.push('closed'),
		});
		const agentRequest = new Promise<void>((resolve) => {
			const req = request(`${served.url}/healthz`, { agent: new Agent({ keepAlive: true }) }, (res) => {
				res.resume();
				res.on('end', resolve);
			});
			req.end();
		});
		await agentRequest;
		const t0 = Date.now();
		await Promise.all([served.close(), served.close()]);
		expect(Date.now() - t0).toBeLessThan(1_000);
		expect(order).toEqual(['closing', 'closed']);
	});

	it('formats IPv6 hosts in brackets', () => {
		expect(baseUrl('127.0.0.1', 5681)).toBe('http://127.0.0.1:5681');
		expect(baseUrl('::1', 5681)).toBe('http://[::1]:5681');
	});
});

describe('credential helpers', () => {
	it('reads bearer and basic credentials, and compares secrets whatever their lengths', () => {
		expect(bearerToken('Bearer abc ')).toBe('abc');
		expect(bearerToken('Basic abc')).toBeUndefined();
		expect(basicCredentials(`Basic ${Buffer.from('AC1:tok:en').toString('base64')}`)).toEqual({ username: 'AC1', password: 'tok:en' });
		expect(basicCredentials(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
		expect(secretEquals('a', 'a')).toBe(true);
		expect(secretEquals('a', 'ab')).toBe(false);
		expect(secretEquals(undefined, 'a')).toBe(false);
	});
});
