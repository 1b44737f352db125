import { createInterface } from 'node:readline';

import type { Command } from 'commander';

import { classifyOffline, exportCorpus } from '../../core/classifier';
import { CliError, EXIT } from '../errors';

interface ClassifyLine {
	text?: unknown;
	now?: unknown;
	tz?: unknown;
}

export type LineClassifier = (text: string, options: { now?: Date; timeZone?: string }) => Promise<{
	intent: string;
	confidence: number;
	entities: { datetime: string | null; title: string | null };
}>;

/** One JSON line in, one JSON line out; a bad line gets an error line, never a silent skip. */
export async function classifyLine(line: string, classify: LineClassifier): Promise<string> {
	let input: ClassifyLine;
	try {
		input = JSON.parse(line) as ClassifyLine;
	} catch (error) {
		return JSON.stringify({ error: `not JSON: ${(error as Error).message}` });
	}
	if (typeof input !== 'object' || input === null || typeof input.text !== 'string') {
		return JSON.stringify({ error: 'each line needs {"text": "..."} (optional "now": ISO instant, "tz": IANA zone)' });
	}
	const now = input.now === undefined ? undefined : new Date(String(input.now));
	if (now && Number.isNaN(now.getTime())) return JSON.stringify({ error: `"now" is not an ISO instant: ${JSON.stringify(input.now)}` });
	try {
		const result = await classify(input.text, { now, timeZone: typeof input.tz === 'string' ? input.tz : undefined });
		return JSON.stringify({
			intent: result.intent,
			confidence: Math.round(result.confidence * 1000) / 1000,
			entities: { datetime: result.entities.datetime, title: result.entities.title },
		});
	} catch (error) {
		return JSON.stringify({ error: (error as Error).message });
	}
}

export function registerClassify(program: Command): void {
	program
		.command('classify')
		.description('Classify WhatsApp messages: JSON Lines {"text","now","tz"} on stdin, one result line per input on stdout')
		.option('--engine <engine>', 'offline (default, no key or network)', 'offline')
		.option('--export-corpus', 'print the training corpus as JSON Lines {"text","intent"} and exit')
		.addHelpText('after', '\nExample:\n  echo \'{"text":"me lembra amanhã às 9h de ligar pro João"}\' | npx beststag classify')
		.action(async (options: { engine: string; exportCorpus?: boolean }) => {
			if (options.exportCorpus) {
				for (const example of exportCorpus()) process.stdout.write(JSON.stringify(example) + '\n');
				return;
			}
			if (options.engine !== 'offline') throw new CliError(`Unknown engine "${options.engine}"; use offline.`, EXIT.usage);
			const classify: LineClassifier = async (text, opts) => classifyOffline(text, opts);
			const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
			// Lines are answered in input order, one at a time.
			for await (const line of lines) {
				if (!line.trim()) continue;
				process.stdout.write((await classifyLine(line, classify)) + '\n');
			}
		});
}
