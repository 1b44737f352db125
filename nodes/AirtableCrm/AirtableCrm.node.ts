import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { properties } from './actions/description';
import { router } from './actions/router';
import { bufferedProperties, writeModeOf } from './buffered/description';
import { bufferedRouter } from './buffered/router';

/** Thin adapter: each operation's editor parameters live beside its execute, the logic in core/airtable. */
export class AirtableCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Airtable CRM',
		name: 'airtableCrm',
		icon: { light: 'file:../../icons/airtableCrm.svg', dark: 'file:../../icons/airtableCrm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Read and write BestStag's Airtable base: users, messages, tasks, reminders, calendar, email, hand-offs and leads",
		defaults: { name: 'Airtable CRM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'airtableCrmApi', required: true }],
		properties: [...properties, ...bufferedProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		if (writeModeOf((name, index, fallback) => this.getNodeParameter(name, index, fallback), resource, operation) === 'buffered') return bufferedRouter.call(this, resource, operation);
		return router.call(this);
	}
}
