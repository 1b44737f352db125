import { exportCorpus } from '../../../../../core/classifier';
import { buildSystemPrompt, selectFewShot } from '../../../../../core/llm/prompt';
import { DEFAULT_MODELS, createLlmEngine, modelFor, type LlmProvider } from '../../../../../nodes/shared/llm/engine-factory';
import { ANTHROPIC_KEY, lastBody, OPENAI_KEY, startStandIns, type StandIns } from '../../../core/llm/helpers';

let standIns: StandIns;
beforeAll(async () => {
	standIns = await startStandIns();
});
afterAll(() => standIns.close());

const settings = (provider: LlmProvider) =>
	provider === 'openai' ? { provider, apiKey: OPENAI_KEY, baseURL: `${standIns.openai.url}/v1` } : { provider, apiKey: ANTHROPIC_KEY, baseURL: standIns.anthropic.url };

describe('one LLM engine factory', () => {
	it.each(['openai', 'anthropic'] as const)('builds the %s engine with its default model when none is named', async (provider) => {
		const engine = createLlmEngine({ ...settings(provider), model: '  ' });
		expect(engine.name).toBe(provider);
		expect(engine.model).toBe(DEFAULT_MODELS[provider]);
		const result = await engine.classify('me lembra de pagar o boleto amanhã');
		expect(result.intent).toBe('reminder.create');
		expect(lastBody(standIns[provider]).model).toBe(DEFAULT_MODELS[provider]);
	});

	it('keeps a named model, trimmed', () => {
		expect(createLlmEngine({ ...settings('openai'), model: ' gpt-4.1-mini ' }).model).toBe('gpt-4.1-mini');
		expect(modelFor('anthropic', 'claude-haiku-4-5')).toBe('claude-haiku-4-5');
	});

	it('picks few-shot examples from the classifier corpus by default', async () => {
		await createLlmEngine(settings('anthropic')).classify('bom dia');
		expect(lastBody(standIns.anthropic).system).toBe(buildSystemPrompt(selectFewShot(exportCorpus())));
		await createLlmEngine({ ...settings('anthropic'), examples: [] }).classify('bom dia');
		expect(lastBody(standIns.anthropic).system).toBe(buildSystemPrompt(selectFewShot([])));
	});

	it('rejects an unknown provider and a blank key with what to do', () => {
		expect(() => createLlmEngine({ provider: 'mistral' as LlmProvider, apiKey: 'k' })).toThrow(/Unknown LLM provider "mistral": use one of openai, anthropic/);
		expect(() => createLlmEngine({ provider: 'openai', apiKey: ' ' })).toThrow(/needs an API key/);
	});
});
