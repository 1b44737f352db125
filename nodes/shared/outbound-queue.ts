import { createHash } from 'node:crypto';

import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';

import { isTransientStatus } from '../../core/retry/backoff';
import type { PlannedMessage } from '../../core/whatsapp/outbound-plan';
import { redisConnection } from './redis';
import { sendPlanned, type SenderCredentials } from './whatsapp-send';

/**
 * The outbound WhatsApp queue for proactive messages (reminders, digests). One BullMQ queue per
 * sender, with BullMQ's own limiter (messages per second), retries with exponential backoff for
 * transient failures, and failed jobs kept for operators to see.
 *
 * Credentials never go into Redis: a job names its sender, and only n8n processes that hold that
 * sender's credential (because a workflow sent with it) run a worker for its queue.
 */
export interface OutboundJob {
	to: string;
	messages: PlannedMessage[];
	statusCallback?: string;
	/** Where the worker records the outcome, for senders that must know it after a crash (reminders). */
	receipt?: OutboundReceipt;
}

/**
 * A Redis hash the worker fills as the job goes: `sid`, `status` and `at` (epoch ms) once Twilio
 * accepted a part (the last part's values win), or `error` and `code` when the job fails for good.
 * With `sidKeyPrefix`, `<prefix><MessageSid>` is set to `sidValue` too (so a status callback finds
 * its sender). Both keys expire after `ttlSeconds`.
 */
export interface OutboundReceipt {
	key: string;
	ttlSeconds: number;
	sidKeyPrefix?: string;
	sidValue?: string;
}

export interface QueueSettings {
	redisUrl: string;
	messagesPerSecond: number;
	attempts?: number;
	backoffMs?: number;
}

const queues = new Map<string, Queue<OutboundJob>>();
const workers = new Map<string, { worker: Worker<OutboundJob>; connection: Redis }>();

/** A stable queue name per account and sender, without secrets. */
export function queueNameFor(credentials: SenderCredentials): string {
	const sender = credentials.messagingServiceSid || credentials.from || 'default';
	const digest = createHash('sha256').update(`${credentials.accountSid}|${sender}|${credentials.baseUrl ?? ''}`).digest('hex').slice(0, 12);
	return `beststag-whatsapp-${digest}`;
}

async function recordSent(redisUrl: string, receipt: OutboundReceipt | undefined, sid: string, status: string): Promise<void> {
	if (!receipt) return;
	const multi = redisConnection(redisUrl).multi().hset(receipt.key, 'sid', sid, 'status', status, 'at', String(Date.now())).expire(receipt.key, receipt.ttlSeconds);
	if (receipt.sidKeyPrefix) multi.set(`${receipt.sidKeyPrefix}${sid}`, receipt.sidValue ?? '', 'EX', receipt.ttlSeconds);
	await multi.exec();
}

async function recordFailure(redisUrl: string, receipt: OutboundReceipt | undefined, message: string, code: string): Promise<void> {
	if (!receipt) return;
	await redisConnection(redisUrl).multi().hset(receipt.key, 'error', message, 'code', code).expire(receipt.key, receipt.ttlSeconds).exec();
}

async function deliver(credentials: SenderCredentials, redisUrl: string, job: Job<OutboundJob>): Promise<Array<{ sid: string; status: string }>> {
	const sent: Array<{ sid: string; status: string }> = [];
	// Parts already sent in an earlier attempt are not sent again.
	const done = (job.progress as { sent?: number } | undefined)?.sent ?? 0;
	for (let i = done; i < job.data.messages.length; i++) {
		try {
			const result = await sendPlanned(credentials, job.data.to, job.data.messages[i], job.data.statusCallback);
			sent.push({ sid: result.sid, status: result.status });
			await recordSent(redisUrl, job.data.receipt, result.sid, result.status);
			await job.updateProgress({ sent: i + 1 });
		} catch (error) {
			const status = (error as { status?: number }).status;
			const code = (error as { code?: number }).code;
			// Twilio's 4xx answers (bad number, unapproved template...) will not get better by retrying.
			const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
			if ((status !== undefined && !isTransientStatus(status)) || lastAttempt) {
				await recordFailure(redisUrl, job.data.receipt, (error as Error).message, String(code ?? status ?? 'network'));
			}
			if (status !== undefined && !isTransientStatus(status)) {
				throw new UnrecoverableError(`Twilio refused the message (HTTP ${status}, error ${code ?? '?'}): ${(error as Error).message}`);
			}
			throw error;
		}
	}
	return sent;
}

/** Starts (once per process) the worker for this sender's queue, and returns the queue. */
export function outboundQueue(credentials: SenderCredentials, settings: QueueSettings): Queue<OutboundJob> {
	const name = queueNameFor(credentials);
	let queue = queues.get(name);
	if (!queue) {
		queue = new Queue<OutboundJob>(name, { connection: redisConnection(settings.redisUrl) });
		queues.set(name, queue);
	}
	if (!workers.has(name)) {
		// BullMQ's blocking reads need their own connection, one that never gives up on a command.
		const connection = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
		connection.on('error', () => undefined);
		const worker = new Worker<OutboundJob>(name, (job) => deliver(credentials, settings.redisUrl, job), {
			connection,
			limiter: { max: Math.max(1, Math.floor(settings.messagesPerSecond)), duration: 1000 },
			concurrency: 1,
		});
		worker.on('error', () => undefined);
		workers.set(name, { worker, connection });
	}
	return queue;
}

/**
 * Hands one job to the sender's queue. With `options.jobId` the add is idempotent: BullMQ keeps the
 * job already stored under that id (waiting, active, completed or failed) and adds nothing.
 * Source: https://docs.bullmq.io/guide/jobs/job-ids
 */
export async function enqueueOutbound(credentials: SenderCredentials, settings: QueueSettings, job: OutboundJob, options: { jobId?: string } = {}): Promise<{ jobId: string; queue: string }> {
	const queue = outboundQueue(credentials, settings);
	const added = await queue.add('send', job, {
		...(options.jobId ? { jobId: options.jobId } : {}),
		attempts: settings.attempts ?? 5,
		backoff: { type: 'exponential', delay: settings.backoffMs ?? 1000 },
		removeOnComplete: { count: 1000 },
		// Failed jobs stay, so an operator can see what was not delivered and why.
		removeOnFail: false,
	});
	return { jobId: String(added.id), queue: queue.name };
}

/** The BullMQ state of a job in the sender's queue ('waiting', 'active', 'completed', 'failed'...), or undefined when the queue has no such job. */
export async function outboundJobState(credentials: SenderCredentials, settings: QueueSettings, jobId: string): Promise<string | undefined> {
	const job = await outboundQueue(credentials, settings).getJob(jobId);
	return job ? String(await job.getState()) : undefined;
}

export async function closeOutboundQueues(): Promise<void> {
	await Promise.all([...workers.values()].map(async ({ worker, connection }) => {
		await worker.close();
		await connection.quit().catch(() => connection.disconnect());
	}));
	await Promise.all([...queues.values()].map((q) => q.close()));
	workers.clear();
	queues.clear();
}
