import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';
import twilio from 'twilio';

import { DataPathStore } from '../nodes/shared/datapath/store';
import { startAirtableStore } from '../sandbox/airtable/server';
import { startN8n } from '../sandbox/n8n/harness';
import { resolveNodeBinary } from '../sandbox/n8n/node-runtime';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../sandbox/services';
import { startTwilioStandIn } from '../sandbox/twilio/server';
import { percentile } from './load';

/**
 * The whole assistant under conversation load: the project's inbound workflow (buffered mode) in
 * real n8n, Redis with AOF fsync on every write, `beststag flusher` as its own process, the strict
 * Airtable stand-in (5 requests/s per base, 429 beyond), the Twilio stand-in. `users` people each
 * send a realistic message every `everyMs`, signed like Twilio; a turn is timed from the webhook
 * POST to its reply existing at the Twilio stand-in. The trivial Webhook → Respond flow is timed
 * in the same run, as the floor.
 */
export interface AssistantBenchOptions {
	projectRoot: string;
	portBase: number;
	users?: number;
	everyMs?: number;
	durationSeconds?: number;
	log?: (line: string) => void;
}

export interface AssistantBenchResult {
	users: number;
	messagesPerSecond: number;
	durationSeconds: number;
	sent: number;
	answered: number;
	turnMs: { p50: number; p95: number; p99: number; max: number };
	trivialWebhookMs: { p50: number; p95: number };
	airtable: { requests: number; requestsPerMessage: number; rateLimited: number; drainSeconds: number };
	/** n8n's CPU time (all its processes) per message, and per trivial webhook call, ms. */
	cpuMsPerTurn: number;
	cpuMsPerTrivialWebhook: number;
	/** The machine's 1-minute load average before and after the load: other work on the machine skews every figure. */
	loadAverage: { before: number; after: number };
}

const ACCOUNT = 'AC' + '4'.repeat(32);
const AUTH = 'd'.repeat(32);
const AIRTABLE_TOKEN = 'patBenchAssistant.0123456789abcdef';
// A conversation mix: greetings, tasks, lists, reminders, the menu.
const MIX = ['oi', 'anota aí comprar pão', 'minhas tarefas', 'me lembra amanhã às 9h de ligar pro João', 'menu', 'anota aí pagar o boleto amanhã', 'tarefas', 'bom dia!'];

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

export async function benchAssistant(options: AssistantBenchOptions): Promise<AssistantBenchResult> {
	const users = options.users ?? 20;
	const everyMs = options.everyMs ?? 5_000;
	const duration = options.durationSeconds ?? 60;
	const log = options.log ?? (() => undefined);
	const dir = mkdtempSync(join(tmpdir(), 'beststag-bench-assistant-'));
	const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
	if (!binary) throw new Error('redis-server is not installed: run "npm run setup".');
	const redisPort = options.portBase + 4;
	mkdirSync(join(dir, 'redis'));
	const redisProcess = spawn(binary, ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', join(dir, 'redis'), '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
	const redisUrl = `redis://127.0.0.1:${redisPort}`;
	const airtable = await startAirtableStore({ port: options.portBase + 3, token: AIRTABLE_TOKEN, dataDir: join(dir, 'airtable') });
	const standIn = await startTwilioStandIn({ port: options.portBase + 2, dataDir: join(dir, 'twilio'), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 5_000 });
	let flusher: ChildProcess | undefined;
	let rateLimited = 0;
	const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
	redis.on('error', () => undefined);
	log('[bench] assistant: starting n8n with the inbound workflow in buffered mode...');
	const n8n = await startN8n({
		projectRoot: options.projectRoot,
		userFolder: join(dir, 'n8n'),
		port: options.portBase,
		taskBrokerPort: options.portBase + 1,
		workflowDirs: [join(options.projectRoot, 'workflows'), join(options.projectRoot, 'bench', 'workflows')],
		credentials: [
			{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
			{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: standIn.url } },
		],
		extraEnv: { BESTSTAG_REDIS_URL: redisUrl },
		tuning: { N8N_LOG_LEVEL: 'warn' },
	});
	try {
		flusher = spawn(resolveNodeBinary(options.projectRoot), [join(options.projectRoot, 'dist', 'cli', 'beststag.js'), 'flusher'], {
			env: { PATH: process.env.PATH, BESTSTAG_REDIS_URL: redisUrl, BESTSTAG_AIRTABLE_TOKEN: AIRTABLE_TOKEN, BESTSTAG_AIRTABLE_URL: airtable.url },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		flusher.stdout?.on('data', (chunk: Buffer) => (rateLimited += (chunk.toString().match(/answered 429/g) ?? []).length));

		const hook = `${n8n.webhookBaseUrl}whatsapp/inbound`;
		const phoneOf = (u: number) => `+5511977${String(u).padStart(6, '0')}`;
		// The newest message to a phone (Twilio lists newest first): a reply has come when it changes.
		const newestTo = async (phone: string): Promise<string | undefined> => {
			const url = `${standIn.url}/2010-04-01/Accounts/${ACCOUNT}/Messages.json?To=${encodeURIComponent(`whatsapp:${phone}`)}&PageSize=1`;
			const body = (await (await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:${AUTH}`).toString('base64')}` } })).json()) as { messages: Array<{ sid: string }> };
			return body.messages[0]?.sid;
		};
		let seq = 0;
		/** Sends one message; resolves with the ms until its reply, or undefined after 30 s. */
		const turn = async (u: number, text: string): Promise<number | undefined> => {
			const sid = `SM${(++seq).toString(16).padStart(32, 'a')}`;
			const phone = phoneOf(u);
			const before = await newestTo(phone);
			const params = { MessageSid: sid, SmsMessageSid: sid, AccountSid: ACCOUNT, From: `whatsapp:${phone}`, To: SANDBOX_WHATSAPP_SENDER, Body: text, NumMedia: '0', ProfileName: `User ${u}`, WaId: phone.slice(1), SmsStatus: 'received' };
			const t = performance.now();
			await fetch(hook, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH, hook, params) },
				body: new URLSearchParams(params).toString(),
			});
			while (performance.now() - t < 30_000) {
				if ((await newestTo(phone)) !== before) return performance.now() - t;
				await sleep(25);
			}
			return undefined;
		};

		// Warm-up: every user's first turn (their first replica load), not measured.
		log(`[bench] assistant: warming up ${users} users...`);
		await Promise.all(Array.from({ length: users }, (_, u) => turn(u, 'oi')));
		await sleep(2_000);
		const airtableBefore = ((await (await fetch(`${airtable.url}/healthz`)).json()) as { requests: number }).requests;

		log(`[bench] assistant: ${users} users, one message every ${everyMs / 1000} s each (${((users * 1000) / everyMs).toFixed(1)} msg/s), ${duration} s...`);
		const latencies: number[] = [];
		const loadBefore = loadavg()[0];
		const cpuBefore = groupCpuMs(n8n.process.pid);
		let sent = 0;
		const end = performance.now() + duration * 1_000;
		const trivial: number[] = [];
		const trivialLoop = (async () => {
			while (performance.now() < end) {
				const t = performance.now();
				await fetch(`${n8n.webhookBaseUrl}bench/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ping":1}' });
				trivial.push(performance.now() - t);
				await sleep(500);
			}
		})();
		await Promise.all(
			Array.from({ length: users }, async (_, u) => {
				await sleep((u * everyMs) / users);
				for (let k = 0; performance.now() < end; k++) {
					const next = performance.now() + everyMs;
					sent++;
					const ms = await turn(u, MIX[(u + k) % MIX.length]);
					if (ms !== undefined) latencies.push(ms);
					await sleep(Math.max(0, next - performance.now()));
				}
			}),
		);
		await trivialLoop;
		const loadAfter = loadavg()[0];

		const store = new DataPathStore(redis);
		const drainStart = performance.now();
		while ((await store.outboxDepth(airtable.baseId)) > 0 && performance.now() - drainStart < 120_000) await sleep(100);
		const drainSeconds = (performance.now() - drainStart) / 1000;
		const airtableRequests = ((await (await fetch(`${airtable.url}/healthz`)).json()) as { requests: number }).requests - airtableBefore;
		// Let late replies and status callbacks finish, then price the load and, apart, the trivial webhook.
		await sleep(6_000);
		const cpuLoad = groupCpuMs(n8n.process.pid) - cpuBefore;
		const trivialCpuStart = groupCpuMs(n8n.process.pid);
		for (let i = 0; i < 100; i++) await fetch(`${n8n.webhookBaseUrl}bench/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ping":1}' });
		const cpuPerTrivial = (groupCpuMs(n8n.process.pid) - trivialCpuStart) / 100;

		latencies.sort((a, b) => a - b);
		trivial.sort((a, b) => a - b);
		const r = (n: number) => Math.round(n);
		return {
			users,
			messagesPerSecond: Math.round(((users * 1000) / everyMs) * 10) / 10,
			durationSeconds: duration,
			sent,
			answered: latencies.length,
			turnMs: { p50: r(percentile(latencies, 50)), p95: r(percentile(latencies, 95)), p99: r(percentile(latencies, 99)), max: r(latencies[latencies.length - 1] ?? NaN) },
			trivialWebhookMs: { p50: r(percentile(trivial, 50)), p95: r(percentile(trivial, 95)) },
			cpuMsPerTurn: Math.round((cpuLoad - cpuPerTrivial * trivial.length) / Math.max(1, sent)),
			cpuMsPerTrivialWebhook: Math.round(cpuPerTrivial * 10) / 10,
			loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadAfter * 10) / 10 },
			airtable: { requests: airtableRequests, requestsPerMessage: Math.round((airtableRequests / Math.max(1, sent)) * 100) / 100, rateLimited, drainSeconds: Math.round(drainSeconds * 10) / 10 },
		};
	} finally {
		if (flusher && flusher.exitCode === null) {
			const exited = new Promise((resolve) => flusher!.once('exit', resolve));
			flusher.kill('SIGTERM');
			await exited;
		}
		await n8n.stop();
		await standIn.close();
		await airtable.close();
		redis.disconnect();
		redisProcess.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
}

export function assistantMarkdown(measuredAt: string, r: AssistantBenchResult): string {
	return [
		'# The assistant under conversation load (data path: replica + outbox + flusher)',
		'',
		`Measured ${measuredAt}. ${r.users} users, each sending a realistic pt-BR message every ${Math.round(r.users / r.messagesPerSecond)} s (${r.messagesPerSecond} msg/s offered; ${(r.sent / r.durationSeconds).toFixed(1)} msg/s achieved, as each user waits for its reply before the next message) for ${r.durationSeconds} s, signed like Twilio, through the project's inbound workflow in buffered mode in real n8n; a turn is timed from the webhook POST to its reply at the Twilio stand-in (polled every 25 ms; a turn unanswered after 30 s counts as not answered). Redis with appendfsync always; "beststag flusher" as its own process; the Airtable stand-in enforces 5 requests/s per base. Every user's first turn (their replica load) is a warm-up and not counted.`,
		'',
		'| sent | answered | turn p50 ms | turn p95 ms | turn p99 ms | max ms | trivial webhook p50 ms | p95 ms |',
		'| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		`| ${r.sent} | ${r.answered} | ${r.turnMs.p50} | ${r.turnMs.p95} | ${r.turnMs.p99} | ${r.turnMs.max} | ${r.trivialWebhookMs.p50} | ${r.trivialWebhookMs.p95} |`,
		'',
		`n8n CPU (all its processes, status callbacks included): ${r.cpuMsPerTurn} ms per turn; ${r.cpuMsPerTrivialWebhook} ms per trivial webhook call.`,
		'',
		`Machine load (1-minute average) ${r.loadAverage.before} before and ${r.loadAverage.after} after the run, on ${cpus().length} CPUs: other processes on the machine skew every figure.`,
		'',
		`Airtable: ${r.airtable.requests} requests for ${r.sent} messages (${r.airtable.requestsPerMessage} per message, flush included), ${r.airtable.rateLimited} answered 429; the outbox was empty ${r.airtable.drainSeconds} s after the load ended.`,
		'',
	].join('\n');
}
