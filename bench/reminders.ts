import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';

import { DataPathStore } from '../nodes/shared/datapath/store';
import { ReminderStore, reminderKeys } from '../nodes/shared/reminders/store';
import { startAirtableStore } from '../sandbox/airtable/server';
import { startN8n } from '../sandbox/n8n/harness';
import { resolveNodeBinary } from '../sandbox/n8n/node-runtime';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../sandbox/services';
import { SANDBOX_REMINDER_TEMPLATES } from '../sandbox/twilio/reminder-templates';
import { startTwilioStandIn } from '../sandbox/twilio/server';
import { percentile } from './load';

/**
 * Reminder delivery lag: the project's scheduler workflow as shipped (Schedule Trigger every
 * minute) in real n8n, Redis with AOF fsync on every write, the flusher, the Airtable and Twilio
 * stand-ins. `reminders` reminders fall due at random instants over `spreadSeconds`; each one's
 * lag is from its Due At to Twilio accepting its message (the outbound worker's receipt in Redis).
 * The schedule's period bounds the lag (a reminder due just after a run waits for the next one),
 * so the time from claim to Twilio's answer is reported apart.
 */
export interface RemindersBenchOptions {
	projectRoot: string;
	portBase: number;
	reminders?: number;
	spreadSeconds?: number;
	log?: (line: string) => void;
}

export interface RemindersBenchResult {
	reminders: number;
	sent: number;
	/** Messages at Twilio beyond one per reminder (must be 0). */
	duplicates: number;
	schedulePeriodSeconds: number;
	lagMs: { p50: number; p95: number; max: number };
	claimToTwilioMs: { p50: number; p95: number; max: number };
}

const ACCOUNT = 'AC' + '6'.repeat(32);
const AUTH = 'e'.repeat(32);
const AIRTABLE_TOKEN = 'patBenchReminders.0123456789abcdef';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stats = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), max: Math.round(sorted[sorted.length - 1] ?? NaN) };
};

export async function benchReminders(options: RemindersBenchOptions): Promise<RemindersBenchResult> {
	const count = options.reminders ?? 60;
	const spreadMs = (options.spreadSeconds ?? 120) * 1000;
	const log = options.log ?? (() => undefined);
	const dir = mkdtempSync(join(tmpdir(), 'beststag-bench-reminders-'));
	const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
	if (!binary) throw new Error('redis-server is not installed: run "npm run setup".');
	const redisPort = options.portBase + 4;
	mkdirSync(join(dir, 'redis'));
	const redisProcess = spawn(binary, ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', join(dir, 'redis'), '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
	const redisUrl = `redis://127.0.0.1:${redisPort}`;
	const airtable = await startAirtableStore({ port: options.portBase + 3, token: AIRTABLE_TOKEN, dataDir: join(dir, 'airtable') });
	const standIn = await startTwilioStandIn({ port: options.portBase + 2, dataDir: join(dir, 'twilio'), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 5_000, templates: SANDBOX_REMINDER_TEMPLATES });
	const workflows = join(dir, 'workflows');
	mkdirSync(workflows);
	copyFileSync(join(options.projectRoot, 'workflows', 'beststag-reminders.json'), join(workflows, 'beststag-reminders.json'));
	let flusher: ChildProcess | undefined;
	const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
	redis.on('error', () => undefined);
	log('[bench] reminders: starting n8n with the scheduler workflow (every minute)...');
	const n8n = await startN8n({
		projectRoot: options.projectRoot,
		userFolder: join(dir, 'n8n'),
		port: options.portBase,
		taskBrokerPort: options.portBase + 1,
		workflowDirs: [workflows],
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
			stdio: 'ignore',
		});
		const data = new DataPathStore(redis);
		const store = new ReminderStore(redis, airtable.baseId);
		const start = Date.now();
		const due = new Map<string, number>();
		// What a turn's buffered writes leave: the user (inside the 24-hour window, quiet hours off) and the reminder, filed in the due index.
		for (let i = 0; i < count; i++) {
			const phone = `+5511966${String(i).padStart(6, '0')}`;
			const key = `rm_bench_${i}`;
			const at = start + 10_000 + Math.floor(Math.random() * spreadMs);
			await data.write(airtable.baseId, [
				{ table: 'Users', keyField: 'Phone', key: phone, fields: { 'Opt-in Status': 'opted_in', 'Quiet Hours': 'off', Locale: 'pt-BR', 'Last Inbound At': new Date(start).toISOString() } },
				{ table: 'Reminders', keyField: 'Reminder Key', key, fields: { Text: `lembrete ${i}`, User: [phone], 'Due At': new Date(at).toISOString(), Status: 'scheduled' }, owner: phone, parents: [{ table: 'Users', keyField: 'Phone', key: phone }] },
			]);
			await store.index(key, at);
			due.set(key, at);
		}
		log(`[bench] reminders: ${count} reminders due over ${spreadMs / 1000} s; waiting for the scheduler...`);
		const keys = reminderKeys(airtable.baseId);
		const lags: number[] = [];
		const claimToTwilio: number[] = [];
		const deadline = start + 10_000 + spreadMs + 150_000;
		const pending = new Set(due.keys());
		while (pending.size > 0 && Date.now() < deadline) {
			for (const key of [...pending]) {
				const claim = await store.getClaim(key);
				if (!claim) continue;
				const receipt = await redis.hgetall(keys.receipt(claim.job));
				if (!receipt.at) continue;
				lags.push(Number(receipt.at) - due.get(key)!);
				claimToTwilio.push(Number(receipt.at) - claim.at);
				pending.delete(key);
			}
			await sleep(1_000);
		}
		await sleep(2_000);
		const url = `${standIn.url}/2010-04-01/Accounts/${ACCOUNT}/Messages.json?PageSize=1000`;
		const listed = (await (await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:${AUTH}`).toString('base64')}` } })).json()) as { messages: unknown[] };
		return {
			reminders: count,
			sent: lags.length,
			duplicates: Math.max(0, listed.messages.length - lags.length),
			schedulePeriodSeconds: 60,
			lagMs: stats(lags),
			claimToTwilioMs: stats(claimToTwilio),
		};
	} finally {
		flusher?.kill('SIGTERM');
		await n8n.stop();
		await standIn.close();
		await airtable.close();
		await redis.quit().catch(() => redis.disconnect());
		redisProcess.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The suite's Markdown report. */
export function remindersMarkdown(measuredAt: string, r: RemindersBenchResult): string {
	return [
		'# Reminder delivery lag',
		'',
		`Measured ${measuredAt} by \`npm run bench -- --suites reminders\`: the shipped scheduler workflow (Schedule Trigger every ${r.schedulePeriodSeconds} s) in real n8n,`,
		`${r.reminders} reminders due at random instants over two minutes, Redis (AOF, fsync always), the flusher and the stand-ins.`,
		'',
		'| figure | p50 | p95 | max |',
		'| --- | --- | --- | --- |',
		`| lag, Due At → accepted by Twilio (ms) | ${r.lagMs.p50} | ${r.lagMs.p95} | ${r.lagMs.max} |`,
		`| claim → accepted by Twilio (ms) | ${r.claimToTwilioMs.p50} | ${r.claimToTwilioMs.p95} | ${r.claimToTwilioMs.max} |`,
		'',
		`Sent ${r.sent} of ${r.reminders}; duplicate messages: ${r.duplicates}.`,
		'The lag is bounded by the schedule period (a reminder due just after a run waits for the next); the claim → Twilio time is the scheduler\'s own cost.',
		'',
	].join('\n');
}
