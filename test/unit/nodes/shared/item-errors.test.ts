import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { BestStagPing } from '../../../../nodes/BestStagPing/BestStagPing.node';
import { IntentClassifier } from '../../../../nodes/IntentClassifier/IntentClassifier.node';
import { asNodeError, failedItem, itemFailure } from '../../../../nodes/shared/item-errors';
import { WhatsAppSend } from '../../../../nodes/WhatsAppSend/WhatsAppSend.node';
import { mockExecuteContext } from '../../../support/execute-context';

describe('one failed-item contract', () => {
	it('throws the node error when the node stops on failure', () => {
		const { ctx } = mockExecuteContext({ items: [{}, {}] });
		expect(() => itemFailure(ctx, new Error('boom'), 1)).toThrow(NodeOperationError);
		try {
			itemFailure(ctx, new Error('boom'), 1);
		} catch (error) {
			expect((error as NodeOperationError).context.itemIndex).toBe(1);
		}
	});

	it('returns { error, details } paired with its input item', () => {
		const { ctx } = mockExecuteContext({ items: [{}, {}], continueOnFail: true });
		expect(itemFailure(ctx, new Error('boom'), 1)).toEqual({ json: { error: 'boom', details: null }, pairedItem: { item: 1 } });
	});

	it('carries what to do: the node error\'s description', () => {
		const { ctx } = mockExecuteContext();
		const failure = new NodeOperationError(ctx.getNode(), 'Bad phone', { itemIndex: 0, description: 'Check the "Phone" parameter.' });
		expect(failedItem(failure, 0).json).toEqual({ error: 'Bad phone', details: 'Check the "Phone" parameter.' });
	});

	it('is an item n8n sends down the error output: only the keys it recognises, error set, no item.error to rewrite it', () => {
		// n8n-core workflow-execute.ts handleNodeErrorOutput: json.error set and every key in error/message/details;
		// normalizeNodeErrors would replace the json of an item with .error by { error } alone.
		const { ctx } = mockExecuteContext();
		const item = failedItem(new NodeOperationError(ctx.getNode(), 'x', { description: 'y' }), 0);
		expect(Object.keys(item.json).every((key) => ['error', 'message', 'details'].includes(key))).toBe(true);
		expect(item.json.error).toBeTruthy();
		expect(item.error).toBeUndefined();
	});

	it('leaves n8n errors as they are and wraps anything else', () => {
		const { ctx } = mockExecuteContext();
		const api = new NodeApiError(ctx.getNode(), { message: 'x' }, { message: 'Refused', itemIndex: 0 });
		expect(asNodeError(ctx.getNode(), api, 0)).toBe(api);
		expect(asNodeError(ctx.getNode(), 'a string', 0).message).toBe('a string');
	});
});

/** Every node's failed item, as the flow sees it with "On Error: Continue". */
describe('every node honours the same contract', () => {
	const shapeOf = (item: INodeExecutionData) => ({ keys: Object.keys(item.json), paired: item.pairedItem });
	const contract = (itemIndex: number) => ({ keys: ['error', 'details'], paired: { item: itemIndex } });

	it('BestStag Ping', async () => {
		const { ctx } = mockExecuteContext({ items: [{}, {}], continueOnFail: true, parameters: { message: (i: number) => (i === 1 ? 'x'.repeat(1001) : 'oi'), includeRuntime: false } });
		const [out] = await new BestStagPing().execute.call(ctx);
		expect(out[0].json.pong).toBe(true);
		expect(shapeOf(out[1])).toEqual(contract(1));
		expect(out[1].json.details).toBe('Check the "Message" parameter.');
	});

	it('Intent Classifier: the failed item goes to Fallback', async () => {
		const { ctx } = mockExecuteContext({
			items: [{ from: 'whatsapp:+5511987654321', text: 'bom dia' }],
			continueOnFail: true,
			parameters: { intents: ['greeting'], strategy: 'offline', text: 'bom dia', 'options.now': 'ontem' },
		});
		const outputs = await new IntentClassifier().execute.call(ctx);
		expect(outputs[0]).toEqual([]);
		expect(shapeOf(outputs[1][0])).toEqual(contract(0));
		expect(outputs[1][0].json.error).toBe('Reference Time "ontem" is not an ISO instant.');
	});

	it('WhatsApp Send', async () => {
		const { ctx } = mockExecuteContext({
			continueOnFail: true,
			parameters: { to: '5511', text: 'oi' },
			credentials: { twilioWhatsAppApi: { accountSid: 'AC0123', authToken: 't', from: 'whatsapp:+14155238886' } },
		});
		const [out] = await new WhatsAppSend().execute.call(ctx);
		expect(shapeOf(out[0])).toEqual(contract(0));
		expect(out[0].json).toEqual({ error: '"5511" is not a WhatsApp address.', details: 'Use whatsapp:+5511987654321 (the trigger\'s "from").' });
	});

	it('stops the workflow instead when the node does not continue on fail', async () => {
		const { ctx } = mockExecuteContext({ parameters: { message: 'x'.repeat(1001), includeRuntime: false } });
		await expect(new BestStagPing().execute.call(ctx)).rejects.toThrow(NodeOperationError);
	});
});
