import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { BESTSTAG_SCHEMA } from '../../../../airtable-schema';
import { CrmInputError, findByFieldsFormula, type Criterion } from '../../../../core/airtable/crm';
import { forOperation, limitProperty } from '../../helpers/properties';
import { readItems } from '../../helpers/read-items';
import type { AirtableGateway } from '../../transport/request';

interface CriterionParameter {
	field: string;
	valueType: 'text' | 'number' | 'boolean' | 'empty';
	value: string;
}

export const description: INodeProperties[] = forOperation('record', 'findByFields', [
	{
		displayName: 'Table',
		name: 'table',
		type: 'options',
		options: BESTSTAG_SCHEMA.tables.map((t) => ({ name: t.name, value: t.name, description: t.description })),
		default: 'Users',
	},
	{
		displayName: 'Match All Of',
		name: 'criteria',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Records whose fields equal all these values. Values are always treated as data, never as formula.',
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{ displayName: 'Field Name', name: 'field', type: 'string', default: '', placeholder: 'Phone', description: 'Exactly as in the base (see SCHEMA.md)' },
					{
						displayName: 'Value Type',
						name: 'valueType',
						type: 'options',
						options: [
							{ name: 'Text', value: 'text' },
							{ name: 'Number', value: 'number' },
							{ name: 'Yes/No', value: 'boolean' },
							{ name: 'Empty', value: 'empty' },
						],
						default: 'text',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	limitProperty,
]);

function toCriterion(c: CriterionParameter): Criterion {
	switch (c.valueType) {
		case 'number': {
			const n = Number(c.value);
			if (!Number.isFinite(Number(c.value)) || c.value.trim() === '') throw new CrmInputError('Value', `"${c.value}" is not a number (field "${c.field}").`);
			return { field: c.field, value: n };
		}
		case 'boolean':
			return { field: c.field, value: ['true', '1', 'yes', 'sim'].includes(String(c.value).trim().toLowerCase()) };
		case 'empty':
			return { field: c.field, value: null };
		default:
			return { field: c.field, value: String(c.value ?? '') };
	}
}

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	return readItems(this, gateway, (i) => {
		const table = this.getNodeParameter('table', i) as string;
		const rows = (this.getNodeParameter('criteria', i, {}) as { condition?: CriterionParameter[] }).condition ?? [];
		return { table, filterByFormula: findByFieldsFormula(BESTSTAG_SCHEMA, table, rows.map(toCriterion)), maxRecords: this.getNodeParameter('limit', i) as number };
	});
}
