import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { corpusSplit, exportCorpus } from '../../../../core/classifier';
import {
	HELD_OUT_FRACTION,
	HOME_ASSISTANT,
	HOME_ASSISTANT_SOURCE_PREFIX,
	INTENT_FILES,
	findLabelConflicts,
	rawHomeAssistantExamples,
	rawOwnExamples,
	splitCorpus,
} from '../../../../core/classifier/corpus';
import { normalizedKey } from '../../../../core/classifier/normalize';
import { INTENTS, isIntent, type Intent } from '../../../../core/intents/taxonomy';

const ROOT = join(__dirname, '..', '..', '..', '..');
const CORPUS_DIR = join(ROOT, 'core', 'classifier', 'corpus');
const HOME_ASSISTANT_DIR = join(ROOT, '..', 'shared', 'data', 'home-assistant-intents-pt-br');

/** Pairs the issue calls confusable get more examples. */
const CONFUSABLE: Intent[] = [
	'task.create',
	'reminder.create',
	'calendar.create',
	'task.list',
	'calendar.query',
	'digest.request',
	'opt_out',
	'calendar.cancel',
	'task.complete',
	'smalltalk',
	'calendar.update',
];

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
	return counts;
}

describe('classifier corpus', () => {
	const own = rawOwnExamples();

	it('has at least 100 of our own examples per intent, and 150 for the confusable ones', () => {
		const perIntent = countBy(own, (e) => e.intent);
		const short = INTENTS.filter((intent) => (perIntent.get(intent) ?? 0) < (CONFUSABLE.includes(intent) ? 150 : 100));
		expect(short).toEqual([]);
	});

	it('is mostly Portuguese with a real share of English', () => {
		const english = own.filter((e) => e.lang === 'en').length / own.length;
		expect(english).toBeGreaterThan(0.1);
		expect(english).toBeLessThan(0.25);
	});

	it('covers informal writing: no accents, abbreviations, laughter, emoji, one-word commands', () => {
		const texts = own.map((e) => e.text);
		const has = (re: RegExp) => texts.filter((t) => re.test(t)).length;
		expect(has(/\b(?:vc|pfv|tb|q|hj|amnh|blz|vlw|tmj|obg)\b/i)).toBeGreaterThan(40);
		expect(has(/\b(?:amanha|nao|reuniao|voce|tarefa|agenda)\b/)).toBeGreaterThan(20);
		expect(has(/k{3,}|haha|rsrs/i)).toBeGreaterThan(5);
		expect(has(/\p{Extended_Pictographic}/u)).toBeGreaterThan(60);
		for (const command of ['menu', 'SAIR', 'ajuda', 'stop']) expect(texts).toContain(command);
	});

	it('never gives the same message two labels', () => {
		expect(findLabelConflicts([...own, ...rawHomeAssistantExamples()])).toEqual([]);
	});

	it('labels everything with a taxonomy intent', () => {
		for (const e of [...own, ...rawHomeAssistantExamples()]) expect(isIntent(e.intent)).toBe(true);
	});
});

/** The corpus is data (issue 11 §3): one JSON file per intent that someone who does not write TypeScript can extend. */
describe('corpus data files', () => {
	const intentDir = join(CORPUS_DIR, 'intents');
	const files = readdirSync(intentDir).filter((f) => f.endsWith('.json'));

	it('has exactly one file per taxonomy intent, named after its label', () => {
		const labels = files.map((f) => f.replace(/\.json$/, ''));
		expect(labels.filter((label) => !isIntent(label))).toEqual([]);
		expect([...labels].sort()).toEqual([...INTENTS].sort());
	});

	it.each(files)('%s is {"boundary", "pt", "en"} with non-empty, trimmed, unique strings, as the engine loads it', (file) => {
		const data = JSON.parse(readFileSync(join(intentDir, file), 'utf8')) as Record<string, unknown>;
		expect(Object.keys(data).sort()).toEqual(['boundary', 'en', 'pt']);
		expect(typeof data.boundary).toBe('string');
		expect((data.boundary as string).length).toBeGreaterThan(20);
		for (const lang of ['pt', 'en'] as const) {
			const texts = data[lang] as unknown[];
			expect(Array.isArray(texts)).toBe(true);
			expect(texts.filter((t) => typeof t !== 'string' || t.trim() === '' || t !== t.trim())).toEqual([]);
			expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
		}
		// The statically imported copy the engine trains on is this very file.
		expect(INTENT_FILES[file.replace(/\.json$/, '') as Intent]).toEqual(data);
	});

	it('documents every intent’s boundary in the labelling guide', () => {
		const guide = readFileSync(join(CORPUS_DIR, 'README.md'), 'utf8');
		for (const intent of INTENTS) expect(guide).toContain(`\`${intent}\``);
	});

	it('keeps a source and licence on every Home Assistant row, with labels from the taxonomy', () => {
		expect(HOME_ASSISTANT.licence).toBe('CC-BY-4.0');
		expect(HOME_ASSISTANT.rows.length).toBeGreaterThan(100);
		for (const row of HOME_ASSISTANT.rows) {
			expect(isIntent(row.intent)).toBe(true);
			expect(row.source).toMatch(/^tests\/pt-br\/[\w-]+\.yaml$/);
			expect(row.licence).toBe('CC-BY-4.0');
		}
	});
});

describe('train/held-out split', () => {
	const { train, heldOut } = splitCorpus();

	it('is disjoint, even after normalisation', () => {
		const trainKeys = new Set(train.map((e) => normalizedKey(e.text)));
		expect(heldOut.filter((e) => trainKeys.has(normalizedKey(e.text)))).toEqual([]);
	});

	it('holds out the same fraction of every intent, from our own examples only', () => {
		const ownTrain = countBy(
			train.filter((e) => e.source === 'beststag'),
			(e) => e.intent,
		);
		const held = countBy(heldOut, (e) => e.intent);
		for (const intent of INTENTS) {
			const total = (ownTrain.get(intent) ?? 0) + (held.get(intent) ?? 0);
			expect(held.get(intent)).toBe(Math.round(total * HELD_OUT_FRACTION));
		}
		expect(heldOut.every((e) => e.source === 'beststag')).toBe(true);
	});

	it('puts every Home Assistant sentence in training', () => {
		const fromHomeAssistant = train.filter((e) => e.source.startsWith(HOME_ASSISTANT_SOURCE_PREFIX));
		expect(fromHomeAssistant.length).toBeGreaterThan(100);
	});

	it('is what the public API and --export-corpus return', () => {
		const api = corpusSplit();
		expect(api.train).toEqual(train.map(({ text, intent }) => ({ text, intent })));
		expect(api.heldOut).toEqual(heldOut.map(({ text, intent }) => ({ text, intent })));
		expect(exportCorpus()).toEqual(api.train);
		// Fresh copies: a caller's mutation does not reach the engine's split.
		api.train.length = 0;
		expect(corpusSplit().train.length).toBe(train.length);
	});
});

describe('Home Assistant material (CC-BY-4.0)', () => {
	it('keeps the attribution next to the data', () => {
		const attribution = readFileSync(join(CORPUS_DIR, 'ATTRIBUTION.md'), 'utf8');
		expect(attribution).toContain('CC-BY-4.0');
		expect(attribution).toContain('github.com/home-assistant/intents');
		expect(attribution).toContain('aa550032a57b67c13995c032220bc4101521ead2');
		expect(HOME_ASSISTANT.attribution).toContain('ATTRIBUTION.md');
		expect(attribution).toContain('home-assistant.json');
	});

	const flat = join(HOME_ASSISTANT_DIR, 'tests_flat.jsonl');
	(existsSync(flat) ? it : it.skip)('copies each sentence verbatim from the shared data set, with its file', () => {
		const source = new Set(
			readFileSync(flat, 'utf8')
				.split('\n')
				.filter((line) => line.trim() !== '')
				.map((line) => {
					const row = JSON.parse(line) as { text: string; file: string };
					return `${row.file}\t${row.text}`;
				}),
		);
		const missing = rawHomeAssistantExamples().filter(
			(e) => !source.has(`${e.source.slice(`${HOME_ASSISTANT_SOURCE_PREFIX}tests/pt-br/`.length)}\t${e.text}`),
		);
		expect(missing).toEqual([]);
	});
});
