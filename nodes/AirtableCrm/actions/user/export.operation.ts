import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phone as canonicalPhone } from '../../../../core/airtable/crm/values';
import { storedLocale } from '../../../../core/assistant/locale';
import { EXPORT_LATEST, exportMessages, exportParams, type ExportSource } from '../../../../core/assistant/privacy-export';
import { itemFailure } from '../../../shared/item-errors';
import { toNodeError } from '../../helpers/node-errors';
import { readUserRows } from '../../helpers/privacy';
import { forOperation, phoneProperty } from '../../helpers/properties';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('user', 'export', [
	phoneProperty("The user asking for their data (LGPD access, \"meus dados\")"),
	{
		displayName: 'Latest Items',
		name: 'latest',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: EXPORT_LATEST,
		description: 'How many of the latest tasks, reminders and messages to list (all are counted)',
	},
]);

/** One output item: the catalogue's privacy.export params, the rendered messages in the user's language, and counts. */
export function exportItem(source: ExportSource, latest: number): IDataObject {
	const params = exportParams(source, latest);
	const locale = storedLocale(source.user?.Locale);
	return { found: source.user !== undefined, locale, counts: { ...params.counts }, exportParams: params as unknown as IDataObject, messages: exportMessages(params, locale) };
}

/**
 * "meus dados": what is stored about the user, read from Airtable (five paged lists: Users, Tasks,
 * Reminders, Messages, Handoffs), as `exportParams` for Compose (key privacy.export) and `messages`
 * already rendered and split for WhatsApp. Buffered mode reads the replica too (see buffered/privacy.ts).
 */
export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < this.getInputData().length; i++) {
		try {
			const phone = canonicalPhone(this.getNodeParameter('phone', i), 'Phone');
			const rows = await readUserRows(gateway, phone);
			const source: ExportSource = { phone, user: rows.user?.fields, tasks: rows.tasks, reminders: rows.reminders, messages: rows.messages, handoffs: rows.handoffs };
			out.push({ json: exportItem(source, this.getNodeParameter('latest', i, EXPORT_LATEST) as number), pairedItem: { item: i } });
		} catch (error) {
			out.push(itemFailure(this, error, i, toNodeError));
		}
	}
	return out;
}
