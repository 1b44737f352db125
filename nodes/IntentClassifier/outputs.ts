import type { INodeParameters } from 'n8n-workflow';

/**
 * One output per selected intent, then "Fallback". n8n evaluates this function's source in the
 * editor to draw the outputs, so it must stand alone: no imports, no outer variables.
 */
export const configuredOutputs = (parameters: INodeParameters) => {
	const intents = Array.isArray(parameters.intents) ? (parameters.intents as string[]) : [];
	return [...intents.map((intent) => ({ type: 'main', displayName: intent })), { type: 'main', displayName: 'Fallback' }];
};

/** The output an item goes to: its intent's, or the last one (Fallback). */
export function outputIndex(intents: string[], intent: string): number {
	const index = intents.indexOf(intent);
	return index === -1 ? intents.length : index;
}
