import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { properties } from './actions/description';
import { router } from './actions/router';
import { configuredOutputs } from './outputs';

/**
 * The WhatsApp turn's own steps: Turn → Remember (who, what, burst, context), Turn → Decide (one
 * output per action), Reply → Compose (a catalogue message in the user's language) and Reply →
 * Answer Briefly (an LLM's brief answer to what was not understood, within a daily budget). Thin
 * adapter: the logic is core/assistant.
 */
export class BeststagAssistant implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BestStag Assistant',
		name: 'beststagAssistant',
		icon: { light: 'file:../../icons/beststagAssistant.svg', dark: 'file:../../icons/beststagAssistant.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["resource"] + " → " + $parameter["operation"]}}',
		description: "BestStag's conversation steps: remember the turn, decide the action, compose the reply in the user's language",
		defaults: { name: 'BestStag Assistant' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		// Only Reply → Answer Briefly (LLM) uses them, and both are optional: without one it answers no_llm.
		credentials: [
			{ name: 'bestStagOpenAiApi', required: false, displayOptions: { show: { resource: ['reply'], operation: ['answer'], provider: ['openai'] } } },
			{ name: 'bestStagAnthropicApi', required: false, displayOptions: { show: { resource: ['reply'], operation: ['answer'], provider: ['anthropic'] } } },
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
