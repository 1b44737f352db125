import type { INodePropertyOptions } from 'n8n-workflow';

import { AirtableCrm } from '../../../../../nodes/AirtableCrm/AirtableCrm.node';
import { operationFor, OPERATIONS } from '../../../../../nodes/AirtableCrm/actions/router';
import { mockExecuteContext } from '../../../../support/execute-context';
import { TOKEN } from '../../../sandbox/airtable/helpers';
import { phoneOf, useCrmHarness } from '../harness';

const crm = useCrmHarness();

const { properties } = new AirtableCrm().description;

/** The editor's Operation dropdown values per resource. */
function dropdowns(): Record<string, string[]> {
	const resources = (properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]).map((o) => String(o.value));
	return Object.fromEntries(
		resources.map((resource) => {
			const dropdown = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
			return [resource, ((dropdown?.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value)).sort()];
		}),
	);
}

describe('AirtableCrm router', () => {
	it('offers in the editor exactly the operations it can run', () => {
		const routed = Object.fromEntries(Object.entries(OPERATIONS).map(([resource, ops]) => [resource, Object.keys(ops).sort()]));
		expect(dropdowns()).toEqual(routed);
	});

	it('knows no operation outside the map, inherited names included', () => {
		expect(operationFor('task', 'complete')).toBe(OPERATIONS.task.complete);
		expect(operationFor('task', 'delete')).toBeUndefined();
		expect(operationFor('task', 'description')).toBeUndefined();
		expect(operationFor('constructor', 'name')).toBeUndefined();
	});

	it('runs the chosen operation with the node credential, through the node', async () => {
		const { ctx, credentialReads } = mockExecuteContext({
			items: [{}, {}],
			parameters: { resource: 'task', operation: 'create', phone: phoneOf, title: 'pelo roteador' },
			credentials: { airtableCrmApi: { accessToken: TOKEN, baseId: crm.store.baseId, endpointUrl: crm.store.url } },
		});
		const [out] = await new AirtableCrm().execute.call(ctx);
		expect(credentialReads).toEqual(['airtableCrmApi']);
		expect(out.map((item) => [item.json.created, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[true, { item: 1 }],
		]);
	});

	it('refuses an unknown resource or operation before touching Airtable', async () => {
		const { ctx, credentialReads } = mockExecuteContext({ parameters: { resource: 'task', operation: 'delete' } });
		await expect(new AirtableCrm().execute.call(ctx)).rejects.toThrow('The operation "delete" is not supported for "task".');
		expect(credentialReads).toEqual([]);
	});
});
