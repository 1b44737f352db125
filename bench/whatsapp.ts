import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

import { QueueEvents } from 'bullmq';
import Redis from 'ioredis';

import { closeOutboundQueues, enqueueOutbound, outboundQueue } from '../nodes/shared/outbound-queue';
import { closeRedisConnections } from '../nodes/shared/redis';
import { startN8n } from '../sandbox/n8n/harness';
import { inboundMessageParams, postWebhook, signFormWebhook } from '../sandbox/twilio/inbound-webhook';
import { startTwilioStandIn } from '../sandbox/twilio/server';
import { percentile } from './load';

export interface WhatsAppBenchResult {
	echo: { messages: number; p50Ms: number; p95Ms: number; maxMs: number };
	queue: { messages: number; messagesPerSecond: number } | { skipped: string };
}

const ACCOUNT = 'AC' + '3'.repeat(32);
const TOKEN = 'c'.repeat(32);
const FROM = 'whatsapp:+14155238886';

async function sentCount(url: string): Promise<number> {
	return ((await (await fetch(`${url}/healthz`)).json()) as { messages: number }).messages;
}

/**
 * Webhook-to-reply latency of the echo flow in real n8n (signed Twilio webhook in, reply created at
 * the Twilio stand-in), one message at a time; and how fast the BullMQ outbound queue drains.
 */
export async function benchWhatsApp(projectRoot: string, portBase: number, messages = 60): Promise<WhatsAppBenchResult> {
	const dir = mkdtempSync(join(tmpdir(), 'beststag-bench-wa-'));
	const standIn = await startTwilioStandIn({ port: portBase + 2, dataDir: join(dir, 'twilio'), accountSid: ACCOUNT, authToken: TOKEN, statusDelayMs: 5000 });
	const n8n = await startN8n({
		projectRoot,
		userFolder: join(dir, 'n8n'),
		port: portBase,
		taskBrokerPort: portBase + 1,
		workflowDirs: [join(projectRoot, 'test', 'e2e', 'workflows')],
		credentials: [{ id: 'bsTwilioSandbox1', name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: TOKEN, from: FROM, baseUrl: standIn.url } }],
		tuning: { N8N_LOG_LEVEL: 'warn' },
	});
	try {
		const url = `${n8n.webhookBaseUrl}test/whatsapp`;
		const latencies: number[] = [];
		for (let i = 0; i < messages + 5; i++) {
			const sid = `SM${String(i).padStart(32, 'b')}`;
			const webhook = signFormWebhook(TOKEN, url, inboundMessageParams({ accountSid: ACCOUNT, from: `+55119${String(80000000 + i)}`, to: FROM, body: `oi ${i}`, messageSid: sid }));
			const before = await sentCount(standIn.url);
			const t = performance.now();
			await (await postWebhook(webhook, { timeoutMs: 30_000 })).arrayBuffer();
			while ((await sentCount(standIn.url)) === before) {
				if (performance.now() - t > 30_000) throw new Error(`No reply to message ${i} within 30 s.`);
				await new Promise((r) => setTimeout(r, 2));
			}
			if (i >= 5) latencies.push(performance.now() - t); // the first few warm n8n up
		}
		latencies.sort((a, b) => a - b);
		const echo = { messages, p50Ms: Math.round(percentile(latencies, 50)), p95Ms: Math.round(percentile(latencies, 95)), maxMs: Math.round(latencies[latencies.length - 1]) };
		return { echo, queue: await benchQueue(standIn.url, portBase + 3) };
	} finally {
		await n8n.stop();
		await standIn.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

async function benchQueue(standInUrl: string, redisPort: number, messages = 300): Promise<WhatsAppBenchResult['queue']> {
	const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
	if (!binary) return { skipped: 'redis-server is not installed (npm test installs it)' };
	const redisProcess = spawn(binary, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
	const redisUrl = `redis://127.0.0.1:${redisPort}`;
	const events = new Redis(redisUrl, { maxRetriesPerRequest: null });
	try {
		await new Promise((r) => setTimeout(r, 300));
		const credentials = { accountSid: ACCOUNT, authToken: TOKEN, from: FROM, baseUrl: standInUrl };
		const settings = { redisUrl, messagesPerSecond: 10_000 };
		const queue = outboundQueue(credentials, settings);
		// One completion listener per awaited job.
		queue.setMaxListeners(messages + 10);
		const queueEvents = new QueueEvents(queue.name, { connection: events });
		queueEvents.setMaxListeners(messages + 10);
		await queueEvents.waitUntilReady();
		const t = performance.now();
		const jobs = [];
		for (let i = 0; i < messages; i++) {
			jobs.push(await enqueueOutbound(credentials, settings, { to: `whatsapp:+55119${String(90000000 + i)}`, messages: [{ kind: 'text', body: `lembrete ${i}`, mediaUrls: [] }] }));
		}
		await Promise.all(jobs.map(async ({ jobId }) => (await queue.getJob(jobId))!.waitUntilFinished(queueEvents, 60_000)));
		const seconds = (performance.now() - t) / 1000;
		await queueEvents.close();
		return { messages, messagesPerSecond: Math.round(messages / seconds) };
	} finally {
		await closeOutboundQueues();
		await closeRedisConnections();
		await events.quit().catch(() => undefined);
		redisProcess.kill('SIGTERM');
	}
}

export function whatsAppMarkdown(measuredAt: string, r: WhatsAppBenchResult): string {
	const queue = 'skipped' in r.queue ? `Outbound queue: skipped (${r.queue.skipped}).` : `Outbound queue (BullMQ, limiter above the load, Twilio stand-in): ${r.queue.messagesPerSecond} messages/s over ${r.queue.messages} messages.`;
	return [
		'# WhatsApp: webhook to reply, and the outbound queue',
		'',
		`Measured ${measuredAt}. Echo flow (WhatsApp Trigger → WhatsApp Send) in real n8n, one signed webhook at a time, until the reply exists at the Twilio stand-in:`,
		'',
		`| messages | p50 ms | p95 ms | max ms |`,
		'| ---: | ---: | ---: | ---: |',
		`| ${r.echo.messages} | ${r.echo.p50Ms} | ${r.echo.p95Ms} | ${r.echo.maxMs} |`,
		'',
		queue,
		'',
	].join('\n');
}
