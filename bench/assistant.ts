import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { airtableBaseBudget } from '../core/rate-limit/airtable-budget';
import { baseKeys } from '../nodes/shared/datapath/keys';
import { InboundJournal } from '../nodes/shared/inbound-journal';
import { DataPathStore } from '../nodes/shared/datapath/store';
import { startAirtableStore } from '../sandbox/airtable/server';
import { TURN_EXECUTION_SETTINGS } from '../sandbox/n8n/execution-settings';
import { startN8n, type RunningN8n } from '../sandbox/n8n/harness';
import { postgresBinaries, startPostgres, type RunningPostgres } from '../sandbox/n8n/postgres';
import { resolveNodeBinary } from '../sandbox/n8n/node-runtime';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../sandbox/services';
import { postInboundMessage, sequentialMessageSid } from '../sandbox/twilio/inbound-webhook';
import { startTwilioStandIn } from '../sandbox/twilio/server';
import { cpuSharesByPackage, type CpuShare } from './cpu-profile';
import { percentile } from './load';

/**
 * The whole assistant under conversation load, measuring issue 8's targets: the project's inbound
 * workflow (buffered mode) in real n8n, Redis with AOF fsync on every write, `beststag flusher` as
 * its own process, the strict Airtable stand-in (5 requests/s per base, 30 s of 429s after one),
 * the Twilio stand-in. Messages are offered open-loop (on a schedule, whether or not the last one
 * was answered), signed like Twilio, round-robin over `users` people with a realistic mix; a turn
 * is timed from the webhook POST to its reply existing at the Twilio stand-in.
 *
 * Phases: warm-up (each user's first turn loads their replica; not measured), steady load,
 * a burst, recovery at the steady rate, then a `kill -9` of n8n in the middle of steady load and
 * a restart on the same user folder. The trivial Webhook → Respond flow is timed during the steady
 * phase, as the floor.
 */
export interface AssistantBenchOptions {
	projectRoot: string;
	portBase: number;
	/** People sending (default 20). */
	users?: number;
	/** Offered messages per second in the steady phases (default 4). */
	rate?: number;
	/** Seconds of steady load (default 300, issue 8's 5 minutes). */
	durationSeconds?: number;
	/** The burst: messages per second and seconds (default 10 msg/s for 30 s); 0 seconds skips it. */
	burstRate?: number;
	burstSeconds?: number;
	/** Seconds at the steady rate after the burst (default 30). */
	recoverySeconds?: number;
	/** Seconds of steady load around the kill -9 of n8n (default 40, killed half-way); 0 skips it. */
	killSeconds?: number;
	/** n8n execution settings: "turn" (sandbox/n8n/execution-settings.ts, the default) or "default" (n8n's own). */
	tuning?: 'turn' | 'default';
	/** Profile n8n's CPU (`node --cpu-prof`) and report where its busy time went, by package. */
	cpuProfile?: boolean;
	/** Run n8n in queue mode with this many `n8n worker` processes (PostgreSQL from Debian); 0 (default) runs one n8n process. */
	queueWorkers?: number;
	log?: (line: string) => void;
}

export interface LatencySummary {
	count: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

export interface AssistantBenchResult {
	users: number;
	rate: number;
	tuning: string;
	/** n8n worker processes (queue mode); 0 for one n8n process. */
	queueWorkers: number;
	/** Workers that had exited by the end of the burst's recovery (their capacity was missing from the figures). */
	queueWorkersExited: number;
	durationSeconds: number;
	steady: { sent: number; accepted: number; answered: number; turnMs: LatencySummary };
	trivialWebhookMs: { p50: number; p95: number };
	/** n8n's CPU time (all its processes, status callbacks included) per steady turn that ran, and per trivial webhook call, ms. */
	cpuMsPerTurn: number;
	cpuMsPerTrivialWebhook: number;
	airtable: {
		/** Requests during the steady phase per steady message. */
		requestsPerMessage: number;
		/** Requests from the start of the steady phase until the outbox drained after recovery, per message offered in that time. */
		requestsPerMessageAmortized: number;
		/** The most requests that reached the base in any 1 s of the whole run, warm-up included. */
		maxRequestsInAnySecond: number;
		budgetPerSecond: number;
		rateLimited: number;
		drainSeconds: number;
	};
	/** From a steady turn's webhook POST to its Messages row accepted by Airtable, ms. */
	stalenessMs: LatencySummary & { notSeen: number };
	burst?: { rate: number; seconds: number; sent: number; accepted: number; answered: number; turnMs: LatencySummary; recovery: { bucketP95Ms: number[]; recoveredAfterSeconds: number | null } };
	kill?: { sent: number; accepted: number; refused: number; restartSeconds: number; missingRows: number; doubledRows: number; rowsChecked: number; answered: number; unsettledAfterReplays: number };
	loadAverage: { before: number; after: number };
	/** With `cpuProfile`: n8n's busy CPU time over the whole run by package (cpu-profile.ts). */
	cpuByPackage?: CpuShare[];
}

const ACCOUNT = 'AC' + '4'.repeat(32);
const AUTH = 'd'.repeat(32);
const AIRTABLE_TOKEN = 'patBenchAssistant.0123456789abcdef';
// A conversation mix: greetings, tasks, lists, reminders, the menu.
// Requests only: a lone greeting is a prelude that waits the burst window (2 s) by design, for the
// request that usually follows it, so it would measure the window, not the data path.
const MIX = ['oi! anota aí comprar café', 'anota aí comprar pão', 'minhas tarefas', 'me lembra amanhã às 9h de ligar pro João', 'menu', 'anota aí pagar o boleto amanhã', 'tarefas', 'bom dia! minhas tarefas de hoje'];
const REPLY_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU time (user + system, ms) of every process in a process group, from /proc (Linux; clock ticks of 10 ms). */
function groupCpuMs(pgid: number | undefined): number {
	if (pgid === undefined) return NaN;
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// Fields after the ")" that closes the command name: state(3) ppid(4) pgrp(5) ... utime(14) stime(15).
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// The process ended while we read.
		}
	}
	return ticks * 10;
}

function summary(values: number[]): LatencySummary {
	const sorted = [...values].sort((a, b) => a - b);
	const r = (n: number) => Math.round(n);
	return { count: sorted.length, p50: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)), p99: r(percentile(sorted, 99)), max: r(sorted[sorted.length - 1] ?? NaN) };
}

/** One offered message and what became of it. */
interface Turn {
	sid: string;
	phone: string;
	phase: 'warmup' | 'steady' | 'burst' | 'recovery' | 'kill';
	sentAt: number;
	/** The webhook answered 2xx: the message was accepted. */
	accepted?: boolean;
	repliedAt?: number;
	inAirtableAt?: number;
}

export async function benchAssistant(options: AssistantBenchOptions): Promise<AssistantBenchResult> {
	const users = options.users ?? 20;
	const rate = options.rate ?? 4;
	const duration = options.durationSeconds ?? 300;
	const burstRate = options.burstRate ?? 10;
	const burstSeconds = options.burstSeconds ?? 30;
	const recoverySeconds = options.recoverySeconds ?? 30;
	const killSeconds = options.killSeconds ?? 40;
	const tuning = options.tuning ?? 'turn';
	const queueWorkers = options.queueWorkers ?? 0;
	const log = options.log ?? (() => undefined);
	if (queueWorkers > 0 && !postgresBinaries()) throw new Error('Queue mode needs PostgreSQL (n8n keeps its executions there): run "npm run setup -- --queue" or "apt-get install postgresql".');
	const dir = mkdtempSync(join(tmpdir(), 'beststag-bench-assistant-'));
	const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
	if (!binary) throw new Error('redis-server is not installed: run "npm run setup".');
	const redisPort = options.portBase + 4;
	mkdirSync(join(dir, 'redis'));
	const redisProcess = spawn(binary, ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', join(dir, 'redis'), '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
	const redisUrl = `redis://127.0.0.1:${redisPort}`;
	const airtable = await startAirtableStore({ port: options.portBase + 3, token: AIRTABLE_TOKEN, dataDir: join(dir, 'airtable') });
	const standIn = await startTwilioStandIn({ port: options.portBase + 2, dataDir: join(dir, 'twilio'), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 2_000 });
	const budget = airtableBaseBudget();
	let flusher: ChildProcess | undefined;
	const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
	redis.on('error', () => undefined);
	// As root, PostgreSQL runs as the postgres user, who must reach its folder: one of its own, opened just that far.
	const postgresDir = queueWorkers > 0 ? mkdtempSync(join(tmpdir(), 'beststag-bench-postgres-')) : undefined;
	if (postgresDir) chmodSync(postgresDir, 0o711);
	let postgres: RunningPostgres | undefined;
	/** Stops every service the run started besides n8n and the flusher, and removes the run's folders. */
	const releaseServices = async () => {
		await postgres?.stop();
		await standIn.close();
		await airtable.close();
		redis.disconnect();
		redisProcess.kill('SIGTERM');
		// BENCH_KEEP=1 keeps the run folder (n8n database with its failed executions, stand-in data) for inspection.
		if (!process.env.BENCH_KEEP) for (const folder of [dir, postgresDir]) if (folder) rmSync(folder, { recursive: true, force: true });
	};
	try {
		if (postgresDir) postgres = await startPostgres({ dir: join(postgresDir, 'cluster'), port: options.portBase + 5 });
	} catch (error) {
		await releaseServices();
		throw error;
	}
	const n8nOptions = {
		projectRoot: options.projectRoot,
		userFolder: join(dir, 'n8n'),
		port: options.portBase,
		taskBrokerPort: options.portBase + 1,
		workflowDirs: [join(options.projectRoot, 'workflows'), join(options.projectRoot, 'bench', 'workflows')],
		credentials: [
			{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
			{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: standIn.url } },
		],
		extraEnv: { BESTSTAG_REDIS_URL: redisUrl, ...(options.cpuProfile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${join(dir, 'cpu')}` } : {}) },
		tuning: { N8N_LOG_LEVEL: 'warn', ...(tuning === 'turn' ? TURN_EXECUTION_SETTINGS : {}) },
		queue: postgres ? { redisUrl, postgres, workers: queueWorkers, firstPort: options.portBase + 6 } : undefined,
	};
	let cpuByPackage: CpuShare[] | undefined;
	let result: AssistantBenchResult;
	log(`[bench] assistant: starting n8n (${tuning} execution settings${queueWorkers > 0 ? `, queue mode with ${queueWorkers} worker(s)` : ''}) with the inbound workflow in buffered mode...`);
	let n8n: RunningN8n;
	try {
		n8n = await startN8n(n8nOptions);
	} catch (error) {
		await releaseServices();
		throw error;
	}
	let polling = true;
	const pollers: Array<Promise<void>> = [];
	try {
		flusher = spawn(resolveNodeBinary(options.projectRoot), [join(options.projectRoot, 'dist', 'cli', 'beststag.js'), 'flusher'], {
			env: { PATH: process.env.PATH, BESTSTAG_REDIS_URL: redisUrl, BESTSTAG_AIRTABLE_TOKEN: AIRTABLE_TOKEN, BESTSTAG_AIRTABLE_URL: airtable.url },
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		const storeHealth = async () => (await (await fetch(`${airtable.url}/healthz`)).json()) as { requests: number; rateLimited: number; busiestSecond: Record<string, number> };
		const phoneOf = (u: number) => `+5511977${String(u).padStart(6, '0')}`;
		const turns: Turn[] = [];
		const unanswered = new Map<string, Turn[]>();
		let seq = 0;

		// While n8n restarts after the kill, messages are refused as Twilio would see it (nothing listens), and the
		// restart's own start-up calls (login, activation) are not starved by load it cannot accept yet.
		let n8nDown = false;
		/** Offers one message now; resolves once the webhook answered (or failed). */
		const offer = async (u: number, text: string, phase: Turn['phase']) => {
			const sid = sequentialMessageSid(++seq);
			const phone = phoneOf(u);
			const turn: Turn = { sid, phone, phase, sentAt: performance.now() };
			turns.push(turn);
			if (n8nDown) {
				turn.accepted = false;
				return;
			}
			const hook = `${n8n.webhookBaseUrl}whatsapp/inbound`;
			try {
				const { response } = await postInboundMessage(AUTH, hook, { accountSid: ACCOUNT, from: phone, to: SANDBOX_WHATSAPP_SENDER, body: text, messageSid: sid, profileName: `User ${u}` }, { timeoutMs: REPLY_TIMEOUT_MS });
				turn.accepted = response.ok;
			} catch {
				turn.accepted = false;
			}
			if (turn.accepted) unanswered.set(phone, [...(unanswered.get(phone) ?? []), turn]);
		};

		// Replies: the newest 100 messages at the Twilio stand-in, every 50 ms; a new one answers its phone's oldest open turn.
		const seen = new Set<string>();
		const auth = `Basic ${Buffer.from(`${ACCOUNT}:${AUTH}`).toString('base64')}`;
		pollers.push((async () => {
			while (polling) {
				try {
					const body = (await (await fetch(`${standIn.url}/2010-04-01/Accounts/${ACCOUNT}/Messages.json?PageSize=100`, { headers: { authorization: auth } })).json()) as { messages: Array<{ sid: string; to: string }> };
					const now = performance.now();
					for (const m of body.messages.reverse()) {
						if (seen.has(m.sid)) continue;
						seen.add(m.sid);
						const open = unanswered.get(m.to.replace(/^whatsapp:/, ''));
						const turn = open?.shift();
						if (turn) turn.repliedAt = now;
					}
				} catch {
					// The stand-in is busy; try again.
				}
				await sleep(50);
			}
		})());
		// Staleness: a turn's Messages row is in Airtable once the flusher acknowledged it (the replica learns its record id).
		pollers.push((async () => {
			while (polling) {
				await sleep(250);
				const waiting = turns.filter((t) => t.phase === 'steady' && t.accepted && t.inAirtableAt === undefined);
				if (waiting.length > 0) {
					const pipeline = redis.pipeline();
					for (const t of waiting) pipeline.hget(baseKeys(airtable.baseId).record('Messages', t.sid), '_id');
					const ids = (await pipeline.exec().catch(() => null)) ?? [];
					const now = performance.now();
					waiting.forEach((t, i) => {
						if (ids[i]?.[1]) t.inAirtableAt = now;
					});
				}
			}
		})());

		/** Offers `perSecond` messages per second for `seconds`, round-robin over the users, without waiting for replies. */
		const load = async (perSecond: number, seconds: number, phase: Turn['phase'], during?: (elapsedMs: number) => Promise<void> | void) => {
			const start = performance.now();
			const total = Math.round(perSecond * seconds);
			const pending: Array<Promise<void>> = [];
			for (let i = 0; i < total; i++) {
				await sleep(Math.max(0, start + (i * 1000) / perSecond - performance.now()));
				await during?.(performance.now() - start);
				const u = i % users;
				pending.push(offer(u, MIX[(u + Math.floor(i / users)) % MIX.length], phase));
			}
			await Promise.all(pending);
		};
		const answeredWithin = async (phase: Turn['phase']) => {
			const deadline = performance.now() + REPLY_TIMEOUT_MS;
			while (performance.now() < deadline && turns.some((t) => t.phase === phase && t.accepted && t.repliedAt === undefined)) await sleep(200);
		};

		log(`[bench] assistant: warming up ${users} users...`);
		// Every user first gets the consent prompt (LGPD) and accepts it, as a real user does.
		await Promise.all(Array.from({ length: users }, (_, u) => offer(u, 'oi', 'warmup')));
		await answeredWithin('warmup');
		await sleep(1_000);
		await Promise.all(Array.from({ length: users }, (_, u) => offer(u, 'sim', 'warmup')));
		await answeredWithin('warmup');
		await sleep(2_000);

		log(`[bench] assistant: ${users} users, ${rate} msg/s for ${duration} s...`);
		const health0 = await storeHealth();
		const loadBefore = loadavg()[0];
		const n8nCpuMs = () => [n8n.process, ...n8n.workers].reduce((sum, p) => sum + groupCpuMs(p.pid), 0);
		const cpuBefore = n8nCpuMs();
		const trivial: number[] = [];
		const steadyEnds = performance.now() + duration * 1_000;
		const trivialLoop = (async () => {
			while (performance.now() < steadyEnds) {
				const t = performance.now();
				await fetch(`${n8n.webhookBaseUrl}bench/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ping":1}' });
				trivial.push(performance.now() - t);
				await sleep(500);
			}
		})();
		await load(rate, duration, 'steady');
		await trivialLoop;
		const steadyRequests = (await storeHealth()).requests - health0.requests;
		await answeredWithin('steady');
		const cpuLoad = n8nCpuMs() - cpuBefore;
		const trivialCpuStart = n8nCpuMs();
		for (let i = 0; i < 50; i++) await fetch(`${n8n.webhookBaseUrl}bench/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ping":1}' });
		const cpuPerTrivial = (n8nCpuMs() - trivialCpuStart) / 50;

		let burst: AssistantBenchResult['burst'];
		if (burstSeconds > 0) {
			log(`[bench] assistant: burst of ${burstRate} msg/s for ${burstSeconds} s, then ${recoverySeconds} s at ${rate} msg/s...`);
			await load(burstRate, burstSeconds, 'burst');
			const recoveryStart = performance.now();
			await load(rate, recoverySeconds, 'recovery');
			await answeredWithin('recovery');
			// A turn unanswered within the timeout counts as the timeout, in the steady figure and after the burst alike.
			const capped = (t: Turn) => Math.min(REPLY_TIMEOUT_MS, (t.repliedAt ?? Infinity) - t.sentAt);
			const steadyP95 = summary(turns.filter((t) => t.phase === 'steady').map(capped)).p95;
			// p95 of the turns offered in each 5 s of recovery; recovered once a bucket and every later one are within 10% of the steady p95.
			const buckets = Array.from({ length: Math.ceil(recoverySeconds / 5) }, (_, b) =>
				summary(turns.filter((t) => t.phase === 'recovery' && t.sentAt >= recoveryStart + b * 5_000 && t.sentAt < recoveryStart + (b + 1) * 5_000).map(capped)).p95,
			);
			const firstGood = buckets.findIndex((_, b) => buckets.slice(b).every((p) => p <= steadyP95 * 1.1));
			const burstTurns = turns.filter((t) => t.phase === 'burst');
			await answeredWithin('burst');
			burst = {
				rate: burstRate,
				seconds: burstSeconds,
				sent: burstTurns.length,
				accepted: burstTurns.filter((t) => t.accepted).length,
				answered: burstTurns.filter((t) => t.repliedAt !== undefined && t.repliedAt - t.sentAt <= REPLY_TIMEOUT_MS).length,
				turnMs: summary(burstTurns.filter((t) => t.repliedAt).map((t) => t.repliedAt! - t.sentAt)),
				recovery: { bucketP95Ms: buckets, recoveredAfterSeconds: firstGood < 0 ? null : firstGood * 5 },
			};
		}
		const loadAfter = loadavg()[0];
		const queueWorkersExited = n8n.workers.filter((w) => !w.running).length;
		if (queueWorkersExited > 0) log(`[bench] assistant: ${queueWorkersExited} of ${queueWorkers} n8n workers exited during the load; see their logs in ${n8nOptions.userFolder}.`);

		const store = new DataPathStore(redis);
		const drainStart = performance.now();
		while ((await store.outboxDepth(airtable.baseId)) > 0 && performance.now() - drainStart < 120_000) await sleep(100);
		const drainSeconds = (performance.now() - drainStart) / 1000;
		const health1 = await storeHealth();
		await sleep(1_000);
		const steadyTurns = turns.filter((t) => t.phase === 'steady');
		const amortizedMessages = turns.filter((t) => t.phase !== 'warmup' && t.phase !== 'kill').length;

		let kill: AssistantBenchResult['kill'];
		let healthBeforeCheck: Awaited<ReturnType<typeof storeHealth>> | undefined;
		if (killSeconds > 0) {
			log(`[bench] assistant: kill -9 of n8n half-way through ${killSeconds} s at ${rate} msg/s, then a restart...`);
			let restartSeconds = NaN;
			let restarting: Promise<void> | undefined;
			await load(rate, killSeconds, 'kill', (elapsed) => {
				if (restarting || elapsed < (killSeconds * 1000) / 2) return;
				const t = performance.now();
				n8nDown = true;
				for (const p of [n8n.process, ...n8n.workers]) if (p.running) process.kill(-p.pid!, 'SIGKILL');
				restarting = Promise.all([n8n.process, ...n8n.workers].map((p) => p.exited)).then(async () => {
					n8n = await startN8n({ ...n8nOptions, owner: n8n.owner, apiKey: n8n.apiKey });
					restartSeconds = (performance.now() - t) / 1000;
					n8nDown = false;
				});
			});
			await restarting;
			// The load may have ended before n8n was back: a few more turns through the restarted n8n.
			for (let u = 0; u < users; u++) await offer(u, 'anota aí revisar o contrato', 'kill');
			await answeredWithin('kill');
			// Turns the kill cut short come back from the inbound journal (the trigger replays them after 120 s).
			const journal = new InboundJournal(redis);
			const replayDeadline = performance.now() + 420_000;
			while ((await journal.depth()) > 0 && performance.now() < replayDeadline) await sleep(1_000);
			while ((await store.outboxDepth(airtable.baseId)) > 0 && performance.now() < replayDeadline + 60_000) await sleep(200);
			await sleep(1_500);
			// The budget and 429 figures are taken before this check's own reads, which are not BestStag's traffic.
			healthBeforeCheck = await storeHealth();
			const rows = (await new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: false }).base(airtable.baseId)('Messages').select({ fields: ['Message SID'] }).all()).map((r) => String(r.get('Message SID')));
			const counts = new Map<string, number>();
			for (const sid of rows) counts.set(sid, (counts.get(sid) ?? 0) + 1);
			// The warm-up's "oi" and "sim" come before consent, when by design (LGPD) no Messages row is written.
			const accepted = turns.filter((t) => t.accepted && t.phase !== 'warmup');
			const killTurns = turns.filter((t) => t.phase === 'kill');
			kill = {
				sent: killTurns.length,
				accepted: killTurns.filter((t) => t.accepted).length,
				refused: killTurns.filter((t) => !t.accepted).length,
				restartSeconds: Math.round(restartSeconds * 10) / 10,
				rowsChecked: accepted.length,
				missingRows: accepted.filter((t) => !counts.has(t.sid)).length,
				doubledRows: accepted.filter((t) => (counts.get(t.sid) ?? 0) > 1).length,
				answered: killTurns.filter((t) => t.repliedAt).length,
				unsettledAfterReplays: await journal.depth(),
			};
		}
		const healthEnd = healthBeforeCheck ?? (await storeHealth());

		const answered = steadyTurns.filter((t) => t.repliedAt !== undefined && t.repliedAt - t.sentAt <= REPLY_TIMEOUT_MS);
		const fresh = steadyTurns.filter((t) => t.accepted);
		result = {
			users,
			rate,
			tuning,
			queueWorkers,
			queueWorkersExited,
			durationSeconds: duration,
			steady: { sent: steadyTurns.length, accepted: fresh.length, answered: answered.length, turnMs: summary(answered.map((t) => t.repliedAt! - t.sentAt)) },
			trivialWebhookMs: { p50: Math.round(percentile([...trivial].sort((a, b) => a - b), 50)), p95: Math.round(percentile([...trivial].sort((a, b) => a - b), 95)) },
			// Per turn that ran (its reply came, even late), so turns n8n never got to do not thin the figure out.
			cpuMsPerTurn: Math.round((cpuLoad - cpuPerTrivial * trivial.length) / Math.max(1, steadyTurns.filter((t) => t.repliedAt !== undefined).length)),
			cpuMsPerTrivialWebhook: Math.round(cpuPerTrivial * 10) / 10,
			airtable: {
				requestsPerMessage: Math.round((steadyRequests / Math.max(1, steadyTurns.length)) * 100) / 100,
				requestsPerMessageAmortized: Math.round(((health1.requests - health0.requests) / Math.max(1, amortizedMessages)) * 100) / 100,
				maxRequestsInAnySecond: healthEnd.busiestSecond[airtable.baseId] ?? 0,
				budgetPerSecond: budget.perSecond,
				rateLimited: healthEnd.rateLimited,
				drainSeconds: Math.round(drainSeconds * 10) / 10,
			},
			stalenessMs: { ...summary(fresh.filter((t) => t.inAirtableAt).map((t) => t.inAirtableAt! - t.sentAt)), notSeen: fresh.filter((t) => !t.inAirtableAt).length },
			burst,
			kill,
			loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadAfter * 10) / 10 },
		};
	} finally {
		polling = false;
		await Promise.allSettled(pollers);
		if (flusher && flusher.exitCode === null) {
			const exited = new Promise((resolve) => flusher!.once('exit', resolve));
			flusher.kill('SIGTERM');
			await exited;
		}
		await n8n.stop();
		// n8n writes its profile as it exits.
		if (options.cpuProfile && existsSync(join(dir, 'cpu'))) cpuByPackage = cpuSharesByPackage(join(dir, 'cpu'));
		await releaseServices();
	}
	return cpuByPackage ? { ...result, cpuByPackage } : result;
}

const mark = (ok: boolean) => (ok ? 'met' : '**not met**');

/** The run as Markdown, each figure beside issue 8's target. */
export function assistantMarkdown(measuredAt: string, r: AssistantBenchResult): string {
	const s = r.steady.turnMs;
	const lines = [
		'# The assistant under conversation load (data path: replica + outbox + flusher)',
		'',
		`Measured ${measuredAt} with \`npm run bench -- --suites assistant${r.queueWorkers > 0 ? ` --assistant-queue-workers ${r.queueWorkers}` : ''}\`. ${r.users} users, ${r.rate} msg/s offered open-loop (on a schedule, whether or not the last message was answered) for ${r.durationSeconds} s, signed like Twilio, through the project's inbound workflow in buffered mode in real n8n (${r.tuning} execution settings; ${r.queueWorkers > 0 ? `queue mode: the main process takes webhooks, ${r.queueWorkers} \`n8n worker\` process(es) run the executions, Debian's PostgreSQL as n8n's database${r.queueWorkersExited > 0 ? `; **${r.queueWorkersExited} worker(s) exited during the load**` : ''}` : 'one n8n process, SQLite'}); a turn is timed from the webhook POST to its reply at the Twilio stand-in (the stand-in is polled every 50 ms; unanswered after 30 s counts as not answered). Redis with appendfsync always; "beststag flusher" as its own process; the Airtable stand-in enforces 5 requests/s per base with Airtable's 30 s penalty. Every user's first turn (their replica load) is a warm-up and not counted.`,
		'',
		'| target (issue 8) | measured | |',
		'| --- | --- | --- |',
		`| every message answered (within 30 s) | ${r.steady.answered} of ${r.steady.sent} (${r.steady.accepted} accepted by the webhook) | ${mark(r.steady.answered === r.steady.sent)} |`,
		`| turn p95 ≤ 250 ms | p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, max ${s.max} ms | ${mark(s.p95 <= 250)} |`,
		`| turn p50 ≤ 5 × trivial webhook p50 | trivial webhook p50 ${r.trivialWebhookMs.p50} ms (p95 ${r.trivialWebhookMs.p95} ms) in the same run | ${mark(s.p50 <= 5 * r.trivialWebhookMs.p50)} |`,
		`| ≤ 0.3 Airtable requests per message | ${r.airtable.requestsPerMessage} in the steady phase; ${r.airtable.requestsPerMessageAmortized} amortized over steady + burst + recovery until the outbox drained | ${mark(r.airtable.requestsPerMessage <= 0.3)} |`,
		`| never above the budget in any 1 s | at most ${r.airtable.maxRequestsInAnySecond} requests in any 1 s at the stand-in (budget ${r.airtable.budgetPerSecond}/s) | ${mark(r.airtable.maxRequestsInAnySecond <= r.airtable.budgetPerSecond)} |`,
		`| zero 429s | ${r.airtable.rateLimited} | ${mark(r.airtable.rateLimited === 0)} |`,
		`| staleness p99 ≤ 10 s (turn → its Messages row in Airtable) | p50 ${r.stalenessMs.p50} ms, p95 ${r.stalenessMs.p95} ms, p99 ${r.stalenessMs.p99} ms (${r.stalenessMs.notSeen} not seen) | ${mark(r.stalenessMs.p99 <= 10_000 && r.stalenessMs.notSeen === 0)} |`,
		`| CPU per turn beside the trivial webhook's | ${r.cpuMsPerTurn} ms per turn (status callbacks included${r.queueWorkers > 0 ? '; main and workers together' : ''}), ${r.cpuMsPerTrivialWebhook} ms per trivial webhook call | reported |`,
	];
	if (r.burst) {
		const b = r.burst;
		lines.push(
			`| ${b.rate} msg/s for ${b.seconds} s: nothing lost | ${b.answered} of ${b.sent} answered (${b.accepted} accepted) | ${mark(b.answered === b.sent)} |`,
			`| burst p95 ≤ 1 s | p50 ${b.turnMs.p50} ms, p95 ${b.turnMs.p95} ms, p99 ${b.turnMs.p99} ms | ${mark(b.turnMs.p95 <= 1_000)} |`,
			`| back under the steady figures within 30 s | p95 per 5 s after the burst: ${b.recovery.bucketP95Ms.join(', ')} ms; ${b.recovery.recoveredAfterSeconds === null ? 'not recovered' : `recovered after ${b.recovery.recoveredAfterSeconds} s`} | ${mark(b.recovery.recoveredAfterSeconds !== null && b.recovery.recoveredAfterSeconds <= 30)} |`,
		);
	}
	if (r.kill) {
		const k = r.kill;
		lines.push(
			`| kill -9 of n8n mid-load: every accepted message has exactly one Messages row | ${k.sent} offered around the kill (${k.accepted} accepted, ${k.refused} refused while n8n was down or starting, back after ${k.restartSeconds} s); of all ${k.rowsChecked} accepted messages after consent ${k.missingRows} without a row, ${k.doubledRows} with two; ${k.unsettledAfterReplays} still in the inbound journal | ${mark(k.missingRows === 0 && k.doubledRows === 0)} |`,
		);
	}
	if (r.cpuByPackage) {
		lines.push('', "Where n8n's busy CPU time went (`node --cpu-prof`, self time by package; with the kill phase on, the n8n started after the kill, its replays and later turns):", '', '| package | ms | % of busy |', '| --- | ---: | ---: |', ...r.cpuByPackage.map((c) => `| ${c.where} | ${c.ms} | ${c.percentOfBusy} |`));
	}
	lines.push(
		'',
		`Airtable: the outbox was empty ${r.airtable.drainSeconds} s after the load ended. Machine load (1-minute average) ${r.loadAverage.before} before and ${r.loadAverage.after} after the load, on ${cpus().length} CPUs shared with other work: every latency and CPU figure is skewed by it.`,
		'',
	);
	return lines.join('\n');
}
