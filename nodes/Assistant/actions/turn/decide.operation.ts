import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { ACTIONS, decide, type Classified } from '../../../../core/assistant/decide';
import type { VoiceNoteReason } from '../../../../core/assistant/media';
import type { Turn } from '../../../../core/assistant/turn';
import { isIntent } from '../../../../core/intents/taxonomy';
import { itemFailure } from '../../../shared/item-errors';
import { turnStore } from '../../transport/turn-store';
import { forOperation } from '../properties';

export const description: INodeProperties[] = forOperation('turn', 'decide', [
	{
		displayName: 'Privacy Step',
		name: 'requireConsent',
		type: 'boolean',
		default: true,
		description: 'Whether LGPD comes first: a user who has not accepted the terms only gets the consent flow; opt-out, "voltar", "apaga meus dados" and "meus dados" go to their outputs. Turn off only in flows that have no privacy branches.',
	},
]);

/** The node's outputs for Decide: one per action, in ACTIONS order (outputs.ts draws the same list). */
export const DECIDE_OUTPUTS = ACTIONS;

/**
 * Turn → Decide: reads the turn (from Remember) and the classification (the Intent Classifier
 * adds `intent`, `confidence`, `entities`, `engine` to the same item), and sends the item to the
 * output of its action with `action`, `params`, `reason`, `log` and the `contextPatch` Compose
 * Reply saves. A malformed item goes to "unknown" as a failed item when the node continues on fail.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = ACTIONS.map(() => []);
	const requireConsent = this.getNodeParameter('requireConsent', 0, true) as boolean;
	for (let i = 0; i < items.length; i++) {
		try {
			const json = items[i].json as Record<string, unknown>;
			let turn = json.turn as Turn | undefined;
			if (!turn || typeof turn !== 'object' || typeof turn.messageSid !== 'string') {
				throw new NodeOperationError(this.getNode(), 'The item has no turn.', { itemIndex: i, description: 'Put BestStag Assistant → Turn → Remember (then the Intent Classifier) before Decide.' });
			}
			if (!isIntent(json.intent)) {
				throw new NodeOperationError(this.getNode(), `The item has no intent (got ${JSON.stringify(json.intent)}).`, { itemIndex: i, description: 'Put the Intent Classifier between Remember and Decide.' });
			}
			const classified: Classified = {
				intent: json.intent,
				confidence: typeof json.confidence === 'number' ? json.confidence : 0,
				entities: (json.entities as Classified['entities']) ?? { datetime: null, title: null },
				engine: typeof json.engine === 'string' ? json.engine : undefined,
			};
			// A voice note the Transcribe Voice Note node understood is handled as what it said.
			if (json.transcribed === true && typeof json.text === 'string') turn = { ...turn, text: json.text, texts: [...turn.texts.slice(0, -1), json.text], transcript: json.text };
			const voiceFailure = json.transcribed === false && typeof json.reason === 'string' ? (json.reason as VoiceNoteReason) : undefined;
			const decision = decide(turn, classified, { now: new Date(turn.receivedAt), requireConsent, voiceFailure });
			// A turn that writes no Messages row (nothing is stored before consent) is settled here, or the
			// trigger's crash recovery would replay it.
			if (!decision.log) await turnStore().settle(turn.messageSids ?? [turn.messageSid]);
			outputs[ACTIONS.indexOf(decision.action)].push({
				json: { turn, classification: classified, action: decision.action, params: decision.params, reason: decision.reason, log: decision.log, contextPatch: decision.context } as never,
				pairedItem: { item: i },
			});
		} catch (error) {
			outputs[ACTIONS.indexOf('unknown')].push(itemFailure(this, error, i));
		}
	}
	return outputs;
}
