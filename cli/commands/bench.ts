import { cpus } from 'node:os';
import { join } from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import type { Command } from 'commander';

import { TUNING_PROFILES } from '../../bench/profiles';
import { packageRoot } from '../../nodes/shared/package-info';
import { CliError, EXIT } from '../errors';

const SUITES = ['baseline', 'airtable', 'classifier', 'whatsapp', 'dates', 'assistant', 'reminders'] as const;

function parseList(raw: string, what: string): number[] {
	const values = raw.split(',').map((v) => Number(v.trim()));
	if (values.some((v) => !Number.isInteger(v) || v < 1)) throw new CliError(`${what} must be positive whole numbers separated by commas, got "${raw}".`, EXIT.usage);
	return values;
}

export function registerBench(program: Command): void {
	program
		.command('bench')
		.description('Measure BestStag through real n8n and write bench/results/*.json and *.md')
		.option('--suites <list>', `which benchmarks to run (${SUITES.join(', ')})`, SUITES.join(','))
		.option('--duration <seconds>', 'seconds of load per baseline measurement', '10')
		.option('--connections <list>', 'baseline concurrency levels', '1,10')
		.option('--profiles <list>', 'n8n tuning profiles to compare in the baseline', TUNING_PROFILES.map((p) => p.name).join(','))
		.option('--port-base <n>', 'first of the ports the benchmark services use (five; the assistant suite in queue mode also 6 + 2 per worker)', '5878')
		.option('--out <dir>', 'where to write the results', 'bench/results')
		.option('--assistant-seconds <n>', 'seconds of steady conversation load in the assistant suite (default 300, issue 8\'s 5 minutes; 60 with --quick)')
		.option('--assistant-rate <n>', 'messages per second offered in the assistant suite\'s steady phases', '4')
		.option('--assistant-burst-seconds <n>', 'seconds of the assistant suite\'s 10 msg/s burst (0 skips it)', '30')
		.option('--assistant-kill-seconds <n>', 'seconds of load around the assistant suite\'s kill -9 of n8n (0 skips it)', '40')
		.option('--assistant-tuning <name>', 'n8n execution settings in the assistant suite: turn (sandbox/n8n/execution-settings.ts) or default (n8n\'s own)', 'turn')
		.option('--quick', 'a shorter assistant suite: 60 s of steady load instead of 300 s')
		.option('--assistant-queue-workers <n>', 'run n8n in queue mode with this many worker processes in the assistant suite (PostgreSQL from Debian; 0 runs one n8n process)', '0')
		.option('--assistant-cpu-profile', 'profile n8n\'s CPU in the assistant suite and report its busy time by package')
		.action(async (options: { suites: string; duration: string; connections: string; profiles: string; portBase: string; out: string; assistantSeconds?: string; assistantRate: string; assistantBurstSeconds: string; assistantKillSeconds: string; assistantTuning: string; quick?: boolean; assistantCpuProfile?: boolean; assistantQueueWorkers: string }) => {
			const suites = options.suites.split(',').map((s) => s.trim());
			const unknown = suites.filter((s) => !(SUITES as readonly string[]).includes(s));
			if (unknown.length) throw new CliError(`Unknown suite(s) ${unknown.join(', ')}; known: ${SUITES.join(', ')}.`, EXIT.usage);
			const root = packageRoot();
			let bench: typeof import('../../bench/baseline');
			let report: typeof import('../../bench/report');
			try {
				bench = await import('../../bench/baseline');
				report = await import('../../bench/report');
			} catch (error) {
				throw new CliError(`The benchmarks need the development checkout (npm run setup): ${(error as Error).message}`);
			}
			const [durationSeconds] = parseList(options.duration, '--duration');
			const portBase = parseList(options.portBase, '--port-base')[0];
			const out = join(root, options.out);
			const n8nVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
			const env = { measuredAt: new Date().toISOString(), node: process.version, n8n: n8nVersion, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', durationSeconds };

			if (suites.includes('baseline')) {
				const runs = await bench.runBaseline({
					projectRoot: root,
					portBase,
					durationSeconds,
					connections: parseList(options.connections, '--connections'),
					profiles: options.profiles.split(',').map((p) => p.trim()),
					log: (line) => console.log(line),
				});
				const written = report.writeBaselineReport(out, env, runs);
				console.log(`\n${readFileSync(written.markdown, 'utf8')}\nWritten: ${written.json}, ${written.markdown}`);
			}
			if (suites.includes('classifier')) {
				const { benchClassifier, classifierMarkdown } = await import('../../bench/classifier');
				console.log('[bench] classifier: held-out accuracy (ours and NLP.js), datetime accuracy, latency...');
				const result = await benchClassifier();
				mkdirSync(out, { recursive: true });
				writeFileSync(join(out, 'classifier.json'), JSON.stringify({ environment: env, ...result }, null, 2) + '\n');
				const markdown = classifierMarkdown(env.measuredAt, result);
				writeFileSync(join(out, 'classifier.md'), markdown);
				console.log(`\n${markdown}\nWritten: ${join(out, 'classifier.json')}, ${join(out, 'classifier.md')}`);
			}
			if (suites.includes('dates')) {
				const { benchDates, datesMarkdown } = await import('../../bench/datetime');
				console.log('[bench] dates: extraction accuracy on the labelled date set, by kind...');
				const result = benchDates();
				mkdirSync(out, { recursive: true });
				writeFileSync(join(out, 'dates.json'), JSON.stringify({ environment: env, ...result }, null, 2) + '\n');
				const markdown = datesMarkdown(env.measuredAt, result);
				writeFileSync(join(out, 'dates.md'), markdown);
				console.log(`\n${markdown}\nWritten: ${join(out, 'dates.json')}, ${join(out, 'dates.md')}`);
			}
			if (suites.includes('whatsapp')) {
				const { benchWhatsApp, whatsAppMarkdown } = await import('../../bench/whatsapp');
				console.log('[bench] whatsapp: webhook-to-reply latency in real n8n, outbound queue throughput...');
				const result = await benchWhatsApp(root, portBase);
				mkdirSync(out, { recursive: true });
				writeFileSync(join(out, 'whatsapp.json'), JSON.stringify({ environment: env, ...result }, null, 2) + '\n');
				const markdown = whatsAppMarkdown(env.measuredAt, result);
				writeFileSync(join(out, 'whatsapp.md'), markdown);
				console.log(`\n${markdown}\nWritten: ${join(out, 'whatsapp.json')}, ${join(out, 'whatsapp.md')}`);
			}
			if (suites.includes('assistant')) {
				const { benchAssistant, assistantMarkdown } = await import('../../bench/assistant');
				if (options.assistantTuning !== 'turn' && options.assistantTuning !== 'default') throw new CliError(`--assistant-tuning must be "turn" or "default", got "${options.assistantTuning}".`, EXIT.usage);
				const wholeOrZero = (raw: string, what: string) => (raw.trim() === '0' ? 0 : parseList(raw, what)[0]);
				const result = await benchAssistant({
					projectRoot: root,
					portBase,
					durationSeconds: options.assistantSeconds ? parseList(options.assistantSeconds, '--assistant-seconds')[0] : options.quick ? 60 : 300,
					rate: parseList(options.assistantRate, '--assistant-rate')[0],
					burstSeconds: wholeOrZero(options.assistantBurstSeconds, '--assistant-burst-seconds'),
					killSeconds: wholeOrZero(options.assistantKillSeconds, '--assistant-kill-seconds'),
					tuning: options.assistantTuning,
					cpuProfile: options.assistantCpuProfile,
					queueWorkers: wholeOrZero(options.assistantQueueWorkers, '--assistant-queue-workers'),
					log: (line) => console.log(line),
				});
				mkdirSync(out, { recursive: true });
				writeFileSync(join(out, 'assistant.json'), JSON.stringify({ environment: env, ...result }, null, 2) + '\n');
				const markdown = assistantMarkdown(env.measuredAt, result);
				writeFileSync(join(out, 'assistant.md'), markdown);
				console.log(`\n${markdown}\nWritten: ${join(out, 'assistant.json')}, ${join(out, 'assistant.md')}`);
			}
			if (suites.includes('reminders')) {
				const { benchReminders, remindersMarkdown } = await import('../../bench/reminders');
				const result = await benchReminders({ projectRoot: root, portBase, log: (line) => console.log(line) });
				mkdirSync(out, { recursive: true });
				writeFileSync(join(out, 'reminders.json'), JSON.stringify({ environment: env, ...result }, null, 2) + '\n');
				const markdown = remindersMarkdown(env.measuredAt, result);
				writeFileSync(join(out, 'reminders.md'), markdown);
				console.log(`\n${markdown}\nWritten: ${join(out, 'reminders.json')}, ${join(out, 'reminders.md')}`);
			}
			if (suites.includes('airtable')) {
				const { benchAirtableStore } = await import('../../bench/airtable-store');
				const { benchAirtableCrm } = await import('../../bench/airtable-crm');
				console.log('[bench] airtable: local store throughput...');
				const store = await benchAirtableStore();
				console.log('[bench] airtable: CRM node requests per operation, in real n8n...');
				const crm = await benchAirtableCrm(root, portBase);
				mkdirSync(out, { recursive: true });
				writeFileSync(join(out, 'airtable.json'), JSON.stringify({ environment: env, store, crm }, null, 2) + '\n');
				const markdown = report.storeMarkdown(env, store, crm);
				writeFileSync(join(out, 'airtable.md'), markdown);
				console.log(`\n${markdown}\nWritten: ${join(out, 'airtable.json')}, ${join(out, 'airtable.md')}`);
			}
		});
}
