import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { INTENTS } from '../../core/intents/taxonomy';
import { DEFAULT_CASCADE_THRESHOLD, DEFAULT_CACHE_TTL_MS } from '../../core/llm/strategy';
import { itemFailure } from '../shared/item-errors';
import { DEFAULT_MODELS, LLM_PROVIDER_OPTIONS } from '../shared/llm/engine-factory';
import { classifierFor, type EngineSettings } from './engine';
import { configuredOutputs, outputIndex } from './outputs';

const ROUTABLE = INTENTS.filter((intent) => intent !== 'unknown');
const DEFAULT_CACHE_TTL_SECONDS = DEFAULT_CACHE_TTL_MS / 1000;

/**
 * Routes each WhatsApp message to the output of its intent, so a non-developer wires the flow
 * visually. Offline by default; OpenAI or Anthropic as the engine or as the cascade's second opinion.
 */
export class IntentClassifier implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intent Classifier',
		name: 'intentClassifier',
		icon: { light: 'file:../../icons/intentClassifier.svg', dark: 'file:../../icons/intentClassifier.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["strategy"] === "offline" ? "offline" : $parameter["strategy"] + " · " + $parameter["provider"]}}',
		description: 'Understands informal pt-BR (and English) WhatsApp messages and routes them by intent, with dates and titles extracted',
		defaults: { name: 'Intent Classifier' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{ name: 'bestStagOpenAiApi', required: true, displayOptions: { show: { strategy: ['llm', 'cascade'], provider: ['openai'] } } },
			{ name: 'bestStagAnthropicApi', required: true, displayOptions: { show: { strategy: ['llm', 'cascade'], provider: ['anthropic'] } } },
		],
		properties: [
			{
				displayName: 'Text',
				name: 'text',
				type: 'string',
				default: '={{ $json.text }}',
				required: true,
				description: 'The message to classify, usually the WhatsApp Trigger\'s text',
			},
			{
				displayName: 'Strategy',
				name: 'strategy',
				type: 'options',
				options: [
					{ name: 'Offline (No Key, No Network)', value: 'offline', description: "BestStag's own pt-BR model" },
					{ name: 'Cascade', value: 'cascade', description: 'Offline first; ask the LLM only when the offline answer is unsure' },
					{ name: 'LLM Only', value: 'llm', description: 'Always ask the LLM; offline is the fallback when it fails' },
				],
				default: 'offline',
			},
			{
				displayName: 'LLM Provider',
				name: 'provider',
				type: 'options',
				options: LLM_PROVIDER_OPTIONS,
				default: 'openai',
				displayOptions: { show: { strategy: ['llm', 'cascade'] } },
			},
			{
				displayName: 'Model',
				name: 'model',
				type: 'string',
				default: '',
				placeholder: `${DEFAULT_MODELS.openai} / ${DEFAULT_MODELS.anthropic}`,
				description: "Blank uses the provider's default small model",
				displayOptions: { show: { strategy: ['llm', 'cascade'] } },
			},
			{
				displayName: 'Intents With Their Own Output',
				name: 'intents',
				type: 'multiOptions',
				options: ROUTABLE.map((intent) => ({ name: intent, value: intent })),
				default: [...ROUTABLE],
				description: 'Every other intent, and unknown, goes to the Fallback output',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{ displayName: 'Cache TTL (Seconds)', name: 'cacheTtlSeconds', type: 'number', typeOptions: { minValue: 0 }, default: DEFAULT_CACHE_TTL_SECONDS, description: 'How long a classification is reused for the same text (0 = no cache). Shared through Redis when BESTSTAG_REDIS_URL is set.' },
					{ displayName: 'Cascade Threshold', name: 'threshold', type: 'number', typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 }, default: DEFAULT_CASCADE_THRESHOLD, description: 'Offline confidence below which the cascade asks the LLM' },
					{ displayName: 'LLM Timeout (Ms)', name: 'timeoutMs', type: 'number', typeOptions: { minValue: 500 }, default: 8000 },
					{ displayName: 'Reference Time', name: 'now', type: 'string', default: '', description: 'ISO instant that "amanhã" and "em 2 horas" are relative to; blank means now' },
					{ displayName: 'Time Zone', name: 'timeZone', type: 'string', default: 'America/Sao_Paulo', description: "The user's IANA time zone, e.g. from the Users table" },
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const intents = this.getNodeParameter('intents', 0, []) as string[];
		const outputs: INodeExecutionData[][] = Array.from({ length: intents.length + 1 }, () => []);
		const settings: EngineSettings = {
			strategy: this.getNodeParameter('strategy', 0) as EngineSettings['strategy'],
			provider: this.getNodeParameter('provider', 0, 'openai') as EngineSettings['provider'],
			model: this.getNodeParameter('model', 0, '') as string,
			threshold: this.getNodeParameter('options.threshold', 0, DEFAULT_CASCADE_THRESHOLD) as number,
			timeoutMs: this.getNodeParameter('options.timeoutMs', 0, 8000) as number,
			cacheTtlSeconds: this.getNodeParameter('options.cacheTtlSeconds', 0, DEFAULT_CACHE_TTL_SECONDS) as number,
		};
		const classifier = await classifierFor(this, settings);

		for (let i = 0; i < items.length; i++) {
			try {
				const text = this.getNodeParameter('text', i) as string;
				if (typeof text !== 'string') {
					throw new NodeOperationError(this.getNode(), `The text must be a string, got ${typeof text}.`, { itemIndex: i, description: 'Point "Text" at the message text, e.g. {{ $json.text }}.' });
				}
				const nowText = this.getNodeParameter('options.now', i, '') as string;
				const now = nowText ? new Date(nowText) : undefined;
				if (now && Number.isNaN(now.getTime())) {
					throw new NodeOperationError(this.getNode(), `Reference Time "${nowText}" is not an ISO instant.`, { itemIndex: i });
				}
				const timeZone = (this.getNodeParameter('options.timeZone', i, '') as string) || undefined;
				const result = await classifier.classify(text, { now, timeZone });
				outputs[outputIndex(intents, result.intent)].push({ json: { ...items[i].json, ...result }, pairedItem: { item: i } });
			} catch (error) {
				// Never drop an item: with continue-on-fail it goes to Fallback (or to the error output, if set).
				outputs[intents.length].push(itemFailure(this, error, i));
			}
		}
		return outputs;
	}
}
