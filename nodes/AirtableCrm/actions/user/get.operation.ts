import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { taskListFormula } from '../../../../core/airtable/crm';
import { phone as canonicalPhone } from '../../../../core/airtable/crm/values';
import { formulaString } from '../../../../core/airtable/formula-escape';
import { itemFailure } from '../../../shared/item-errors';
import { forOperation, phoneProperty } from '../../helpers/properties';
import { toNodeError } from '../../helpers/node-errors';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('user', 'get', [
	phoneProperty("The user's phone. Nothing is created or changed: an unknown phone gives found = false."),
]);

/** What User → Get outputs per item, in both modes: the user (or found = false), their open tasks, how many hand-offs are open. */
export interface UserSnapshot {
	phone: string;
	found: boolean;
	id: string | null;
	fields: Record<string, unknown>;
	openTasks: Array<{ key: string; id: string | null; fields: Record<string, unknown> }>;
	/** Every task of the user known here (open, and done ones the replica still holds; direct mode: open ones). */
	tasks: Array<{ key: string; id: string | null; fields: Record<string, unknown> }>;
	openHandoffs: number;
}

/** Direct mode: three reads of Airtable (user, open tasks, hand-offs not closed); the user's only when unknown. */
export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let i = 0; i < items.length; i++) {
		try {
			const phone = canonicalPhone(this.getNodeParameter('phone', i), 'Phone');
			const [user] = await gateway.listAll('Users', { filterByFormula: `{Phone} = ${formulaString(phone)}`, maxRecords: 1 });
			let snapshot: UserSnapshot = { phone, found: false, id: null, fields: {}, openTasks: [], tasks: [], openHandoffs: 0 };
			if (user) {
				const [tasks, handoffs] = await Promise.all([
					gateway.listAll('Tasks', { filterByFormula: taskListFormula(phone, 'open'), sort: [{ field: 'Due', direction: 'asc' }] }),
					gateway.listAll('Handoffs', { filterByFormula: `AND(ARRAYJOIN({User}) = ${formulaString(phone)}, {Status} != 'closed')` }),
				]);
				const open = tasks.map((t) => ({ key: typeof t.fields['Task Key'] === 'string' && t.fields['Task Key'] ? (t.fields['Task Key'] as string) : t.id, id: t.id, fields: t.fields }));
				snapshot = { phone, found: true, id: user.id, fields: user.fields, openTasks: open, tasks: open, openHandoffs: handoffs.length };
			}
			out.push({ json: snapshot as never, pairedItem: { item: i } });
		} catch (error) {
			out.push(itemFailure(this, error, i, toNodeError));
		}
	}
	return out;
}
