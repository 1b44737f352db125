/**
 * The Intent Classifier's __schema__/v1.0.0.json, which n8n's editor shows as the output fields before a
 * first run: the classification the node adds to each item (core/llm/strategy.ts IntentResult).
 * Regenerate it after a change with
 *   UPDATE_OUTPUT_SCHEMAS=1 npx jest test/unit/nodes/IntentClassifier/output-schema.test.ts --selectProjects unit
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { JsonSchema } from '../../../../airtable-schema/output-schema';
import { INTENTS } from '../../../../core/intents/taxonomy';
import { IntentClassifier } from '../../../../nodes/IntentClassifier/IntentClassifier.node';
import { mockExecuteContext } from '../../../support/execute-context';
import { schemaMismatches } from '../../../support/output-schema';

const PATH = join(__dirname, '../../../../nodes/IntentClassifier/__schema__', `v${new IntentClassifier().description.version}.0.0.json`);

const EXPECTED: JsonSchema = {
	type: 'object',
	properties: {
		intent: { type: 'string', enum: [...INTENTS] },
		confidence: { type: 'number' },
		entities: { type: 'object', properties: { datetime: { type: 'string' }, title: { type: 'string' } } },
		engine: { type: 'string', enum: ['offline', 'openai', 'anthropic'] },
		cached: { type: 'boolean' },
		latencyMs: { type: 'number' },
		fallback: { type: 'string' },
		fallbackDetail: { type: 'string' },
		usage: { type: 'object', properties: { inputTokens: { type: 'number' }, outputTokens: { type: 'number' } } },
		costUsd: { type: 'number' },
		model: { type: 'string' },
	},
};
const asFile = (schema: JsonSchema) => JSON.stringify({ ...schema, version: 1 }, null, '\t') + '\n';

if (process.env.UPDATE_OUTPUT_SCHEMAS === '1') {
	mkdirSync(dirname(PATH), { recursive: true });
	writeFileSync(PATH, asFile(EXPECTED));
}

describe('Intent Classifier output schema (__schema__)', () => {
	it('is the committed file', () => {
		expect(existsSync(PATH)).toBe(true);
		expect(readFileSync(PATH, 'utf8')).toBe(asFile(EXPECTED));
	});

	it('describes what the node really adds to an item', async () => {
		const texts = ['me lembra amanhã às 9h de ligar pro João', 'bom dia', 'qual a previsão do tempo em marte?'];
		const { ctx } = mockExecuteContext({
			items: texts.map((text) => ({ text })),
			parameters: { intents: ['reminder.create', 'greeting'], strategy: 'offline', text: (i: number) => texts[i], 'options.now': '2026-11-20T13:00:00Z' },
		});
		const outputs = await new IntentClassifier().execute.call(ctx);
		const items = outputs.flat();
		expect(items).toHaveLength(3);
		for (const item of items) {
			const added = Object.fromEntries(Object.entries(item.json).filter(([key]) => key !== 'text'));
			expect(schemaMismatches(added, EXPECTED)).toEqual([]);
		}
		expect(Object.keys(items[0].json)).toEqual(expect.arrayContaining(['intent', 'confidence', 'entities', 'engine', 'cached', 'latencyMs']));
	});

	it('catches a field the schema does not list', () => {
		expect(schemaMismatches({ intent: 'greeting', mood: 'happy' }, EXPECTED)).toEqual(['$.mood: not in the schema']);
		expect(schemaMismatches({ confidence: '0.9' }, EXPECTED)).toEqual(['$.confidence: string, schema says number']);
	});
});
