import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { QueueEvents } from 'bullmq';
import Redis from 'ioredis';

import { closeOutboundQueues, enqueueOutbound, outboundQueue } from '../../../../nodes/shared/outbound-queue';
import { closeRedisConnections } from '../../../../nodes/shared/redis';
import { startTwilioStandIn } from '../../../../sandbox/twilio/server';
import { twilioClientFor } from '../../../../sandbox/twilio/client';
import { freePortBlock } from '../../../support/free-ports';
import { startTestRedis, type TestRedis } from '../../../support/redis-server';

jest.setTimeout(60_000);

const ACCOUNT = 'AC' + '2'.repeat(32);
const TOKEN = 'b'.repeat(32);
const FROM = 'whatsapp:+14155238886';

describe('the outbound WhatsApp queue (BullMQ on a real Redis, Twilio stand-in)', () => {
	let redis: TestRedis;
	let standIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	const connections: Redis[] = [];
	const eventsConnection = () => {
		const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
		connections.push(connection);
		return connection;
	};

	beforeAll(async () => {
		redis = await startTestRedis();
		standIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'queue-twilio-')), accountSid: ACCOUNT, authToken: TOKEN, statusDelayMs: 20 });
	});

	afterAll(async () => {
		await closeOutboundQueues();
		await Promise.all(connections.map((c) => c.quit()));
		await closeRedisConnections();
		await standIn.close();
		await redis.stop();
	});

	const credentials = () => ({ accountSid: ACCOUNT, authToken: TOKEN, from: FROM, baseUrl: standIn.url });

	it('delivers every queued message, throttled to the configured rate', async () => {
		const settings = { redisUrl: redis.url, messagesPerSecond: 4 };
		const queue = outboundQueue(credentials(), settings);
		const events = new QueueEvents(queue.name, { connection: eventsConnection() });
		await events.waitUntilReady();
		const started = Date.now();
		const jobs = await Promise.all(
			Array.from({ length: 9 }, (_, i) =>
				enqueueOutbound(credentials(), settings, { to: `whatsapp:+55119000010${i}`, messages: [{ kind: 'text', body: `lembrete ${i}`, mediaUrls: [] }] }),
			),
		);
		await Promise.all(jobs.map(async ({ jobId }) => (await queue.getJob(jobId))!.waitUntilFinished(events, 30_000)));
		// 9 jobs at 4 per second cannot all finish within the first two seconds.
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
		const client = twilioClientFor(standIn.url, ACCOUNT, TOKEN);
		const sent = await client.messages.list({ from: FROM, limit: 50 });
		expect(sent.map((m) => m.body).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `lembrete ${i}`).sort());
		await events.close();
	});

	it('retries a transient failure with backoff, and keeps a refused message as a failed job without retrying', async () => {
		// A Twilio that is down twice (503), then forwards to the stand-in.
		let calls = 0;
		const flaky = createServer(async (req, res) => {
			calls++;
			if (calls <= 2) {
				res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 20500, message: 'Service Unavailable', status: 503 }));
				return;
			}
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const upstream = await fetch(`${standIn.url}${req.url}`, { method: req.method, headers: { authorization: req.headers.authorization ?? '', 'content-type': req.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) });
			res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
		});
		const port = await freePortBlock(1);
		await new Promise<void>((resolve) => flaky.listen(port, '127.0.0.1', resolve));
		try {
			const flakyCredentials = { ...credentials(), baseUrl: `http://127.0.0.1:${port}` };
			const settings = { redisUrl: redis.url, messagesPerSecond: 10, backoffMs: 100 };
			const queue = outboundQueue(flakyCredentials, settings);
			const events = new QueueEvents(queue.name, { connection: eventsConnection() });
			await events.waitUntilReady();

			const ok = await enqueueOutbound(flakyCredentials, settings, { to: 'whatsapp:+5511900000200', messages: [{ kind: 'text', body: 'depois de duas falhas', mediaUrls: [] }] });
			const okJob = (await queue.getJob(ok.jobId))!;
			await okJob.waitUntilFinished(events, 30_000);
			expect((await queue.getJob(ok.jobId))!.attemptsMade).toBe(3);

			const bad = await enqueueOutbound(flakyCredentials, settings, { to: 'whatsapp:+5511900000201', messages: [{ kind: 'template', contentSid: 'HX' + 'f'.repeat(32), variables: {} }] });
			await expect((await queue.getJob(bad.jobId))!.waitUntilFinished(events, 30_000)).rejects.toThrow(/Twilio refused the message \(HTTP 4\d\d/);
			const failed = (await queue.getJob(bad.jobId))!;
			expect(failed.attemptsMade).toBe(1);
			expect(await queue.getFailedCount()).toBeGreaterThanOrEqual(1);
			await events.close();
		} finally {
			flaky.closeAllConnections();
			await new Promise((resolve) => flaky.close(resolve));
		}
	});
});
