import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { writeItems } from '../../../../../nodes/AirtableCrm/helpers/write-items';
import type { AirtableBaseClient } from '../../../../../nodes/AirtableCrm/transport/client';
import { memoryLimiter } from '../../../../../nodes/AirtableCrm/transport/rate-limiter';
import { AirtableGateway } from '../../../../../nodes/AirtableCrm/transport/request';

const node = { name: 'Create Tasks', type: 'n8n-nodes-beststag.airtableCrm', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

/** Just enough of n8n's execution context for writeItems: the input items, the node, and the continue-on-fail switch. */
function context(items: number, continueOnFail: boolean): IExecuteFunctions {
	return {
		getInputData: () => Array.from({ length: items }, (_, i) => ({ json: { i } })),
		getNode: () => node,
		continueOnFail: () => continueOnFail,
	} as unknown as IExecuteFunctions;
}

function rateLimitedClient(): AirtableBaseClient & { calls: number } {
	const client = {
		calls: 0,
		async makeRequest(): Promise<never> {
			client.calls++;
			throw { error: 'TOO_MANY_REQUESTS', statusCode: 429, message: 'Rate limit exceeded' };
		},
	};
	return client;
}

describe('the CRM node after Airtable answers 429', () => {
	const build = (i: number) => ({ table: 'Tasks', mode: 'create' as const, fields: { Title: `task ${i}` } });

	it('fails every item of the run at once with the cause and the wait, sending nothing more to the paused base (continue on fail)', async () => {
		const client = rateLimitedClient();
		const gateway = new AirtableGateway({ accessToken: 'pat', baseId: 'appCRM' }, { client, limiter: memoryLimiter(), sleep: async () => undefined });
		const started = Date.now();
		const out = await writeItems(context(25, true), gateway, build);
		// 25 items are 3 requests of up to 10; only the first was sent.
		expect(client.calls).toBe(1);
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(out).toHaveLength(25);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.error).toMatch(/^Airtable is refusing this base for (29|30) s \(rate limit\)$/);
			expect(item.json.details).toMatch(/Nothing was written\./);
		});
	});

	it('throws a node error naming the item, with the explanation, when the node does not continue on fail', async () => {
		const gateway = new AirtableGateway({ accessToken: 'pat', baseId: 'appCRM' }, { client: rateLimitedClient(), limiter: memoryLimiter(), sleep: async () => undefined });
		await expect(writeItems(context(3, false), gateway, build)).rejects.toMatchObject({
			message: 'Airtable is refusing this base for 30 s (rate limit)',
			description: expect.stringContaining('Wait node of 30 s'),
			httpCode: '429',
		});
	});
});
