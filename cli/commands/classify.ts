import { createInterface } from 'node:readline';

import type { Command } from 'commander';

import { classifyOffline, exportCorpus } from '../../core/classifier';
import { createIntentClassifier } from '../../core/llm/strategy';
import { createLlmEngine, DEFAULT_MODELS, type LlmProvider } from '../../nodes/shared/llm/engine-factory';
import { packageRoot } from '../../nodes/shared/package-info';
import { loadDotEnv } from '../../sandbox/config';
import { CliError, EXIT } from '../errors';

const ENGINES = ['offline', 'openai', 'anthropic', 'cascade-openai', 'cascade-anthropic'] as const;
type EngineChoice = (typeof ENGINES)[number];

/** The environment variables each provider's key and address come from (the sandbox sets both). */
const ENV: Record<LlmProvider, { apiKey: string; baseUrl: string }> = {
	openai: { apiKey: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL' },
	anthropic: { apiKey: 'ANTHROPIC_API_KEY', baseUrl: 'ANTHROPIC_BASE_URL' },
};

/** Keys and base URLs come from the environment or .env, as for the sandbox. */
function classifierFor(engine: EngineChoice, model: string | undefined): LineClassifier {
	if (engine === 'offline') return async (text, opts) => classifyOffline(text, opts);
	loadDotEnv(packageRoot());
	const provider: LlmProvider = engine.endsWith('anthropic') ? 'anthropic' : 'openai';
	const env = ENV[provider];
	const apiKey = process.env[env.apiKey];
	if (!apiKey) throw new CliError(`--engine ${provider} needs ${env.apiKey} (and ${env.baseUrl} for a stand-in) in the environment or .env.`, EXIT.usage);
	const llm = createLlmEngine({ provider, apiKey, baseURL: process.env[env.baseUrl], model });
	const classifier = createIntentClassifier({ strategy: engine.startsWith('cascade') ? 'cascade' : 'llm', offline: classifyOffline, llm });
	return (text, opts) => classifier.classify(text, opts);
}

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
		.option('--engine <engine>', `${ENGINES.join(', ')}; offline (default) needs no key or network`, 'offline')
		.option('--model <name>', `LLM model (default ${DEFAULT_MODELS.openai} / ${DEFAULT_MODELS.anthropic})`)
		.option('--export-corpus', 'print the training corpus as JSON Lines {"text","intent"} and exit')
		.addHelpText('after', '\nExample:\n  echo \'{"text":"me lembra amanhã às 9h de ligar pro João"}\' | npx beststag classify')
		.action(async (options: { engine: string; model?: string; exportCorpus?: boolean }) => {
			if (options.exportCorpus) {
				for (const example of exportCorpus()) process.stdout.write(JSON.stringify(example) + '\n');
				return;
			}
			if (!(ENGINES as readonly string[]).includes(options.engine)) {
				throw new CliError(`Unknown engine "${options.engine}"; use one of ${ENGINES.join(', ')}.`, EXIT.usage);
			}
			const classify = classifierFor(options.engine as EngineChoice, options.model);
			const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
			// Lines are answered in input order, one at a time.
			for await (const line of lines) {
				if (!line.trim()) continue;
				process.stdout.write((await classifyLine(line, classify)) + '\n');
			}
		});
}
