import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { properties } from './actions/description';
import { router } from './actions/router';

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
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
