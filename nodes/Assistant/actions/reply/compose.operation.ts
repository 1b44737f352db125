import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { catalogueKeys } from '../../../../core/assistant/catalogue';
import { composeReply } from '../../../../core/assistant/compose';
import { applyContextPatch, DEFAULT_CONTEXT_TTL_SECONDS, type ContextPatch } from '../../../../core/assistant/context';
import type { Turn } from '../../../../core/assistant/turn';
import { itemFailure } from '../../../shared/item-errors';
import { turnStore } from '../../transport/turn-store';
import { forOperation, objectParameter } from '../properties';

export const description: INodeProperties[] = forOperation('reply', 'compose', [
	{
		displayName: 'Message',
		name: 'key',
		type: 'options',
		options: catalogueKeys().map((key) => ({ name: key, value: key })),
		default: 'general.not_understood',
		description: 'The catalogue message to send; its text comes in the user’s language. Workflows never carry reply text.',
	},
	{
		displayName: 'Parameters (JSON)',
		name: 'params',
		type: 'json',
		default: '{}',
		description: 'The message\'s parameters, e.g. {{ { title: $JSON.fields.Title } }}. The time zone, the turn\'s time and the user\'s name are added.',
	},
	{
		displayName: 'Collect Input Items',
		name: 'collect',
		type: 'options',
		options: [
			{ name: 'No (One Reply per Item)', value: 'none' },
			{ name: 'One Reply for All Items', value: 'one', description: 'The first item’s parameters make the one reply (e.g. after completing several tasks)' },
		],
		default: 'none',
	},
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'json',
		default: "={{ $('Decide').item.json }}",
		description: "The Decide node's item: the turn (language, time zone, context) and what to remember",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Context TTL (Seconds)',
				name: 'contextTtlSeconds',
				type: 'number',
				typeOptions: { minValue: 60 },
				default: DEFAULT_CONTEXT_TTL_SECONDS,
				description: 'How long the conversation context ("e amanhã?", "muda pra 10h", pending questions) is kept after this turn',
			},
		],
	},
]);

/**
 * Reply → Compose: the catalogue message in the turn's language as `reply: { text, buttons }`,
 * with `to`, `statusCallback` and `receivedAt` (the user's message: the 24-hour window, also once an
 * erasure removed what the trigger recorded) for the Reply node, and the conversation context saved for the
 * next turn. With "Collect Input Items: One Reply", all input items make one reply.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const store = turnStore();
	const collect = this.getNodeParameter('collect', 0, 'none') as string;
	const indexes = collect === 'one' ? [0] : items.map((_, i) => i);
	const out: INodeExecutionData[] = [];
	for (const i of indexes) {
		try {
			const decision = objectParameter(this.getNodeParameter('decision', i));
			const turn = decision.turn as Turn | undefined;
			if (!turn || typeof turn.messageSid !== 'string') {
				throw new NodeOperationError(this.getNode(), 'Decision has no turn.', { itemIndex: i, description: "Point Decision at the Decide node's item, e.g. {{ $('Decide').item.json }}." });
			}
			const key = this.getNodeParameter('key', i) as string;
			const params = objectParameter(this.getNodeParameter('params', i, '{}'));
			const composed = composeReply({ key, params, turn, decided: (decision.contextPatch ?? {}) as ContextPatch });
			const ttl = this.getNodeParameter('options.contextTtlSeconds', i, DEFAULT_CONTEXT_TTL_SECONDS) as number;
			if (composed.forget) await store.forgetContext(turn.phone);
			else await store.saveContext(turn.phone, applyContextPatch(turn.context, composed.context, new Date()), ttl);
			out.push({ json: { to: turn.from, reply: { text: composed.reply.text, buttons: composed.reply.buttons ?? [] }, key, locale: turn.locale, statusCallback: turn.statusCallback ?? '', receivedAt: turn.receivedAt } as never, pairedItem: { item: i } });
		} catch (error) {
			out.push(itemFailure(this, error, i));
		}
	}
	return [out];
}
