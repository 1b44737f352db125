import { NodeConnectionTypes, NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import * as applyTap from './actions/applyTap.operation';
import * as deliverDue from './actions/deliverDue.operation';
import * as recordStatus from './actions/recordStatus.operation';

type ReminderOperation = 'deliverDue' | 'applyTap' | 'recordStatus';

const OPERATIONS: Record<ReminderOperation, { execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]> }> = { deliverDue, applyTap, recordStatus };

/**
 * Reminders that arrive: the scheduler's run (claim due reminders exactly once, respect opt-out,
 * quiet hours and the 24-hour window, queue them with Feito / Adiar 1h / Amanhã), the taps on
 * those buttons, and Twilio's delivery statuses. Works on the data path (Redis replica + outbox),
 * never waiting on Airtable except for a periodic catch-up.
 */
export class BestStagReminders implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BestStag Reminders',
		name: 'bestStagReminders',
		icon: { light: 'file:../../icons/reminders.svg', dark: 'file:../../icons/reminders.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Sends due reminders exactly once, applies their Feito / Adiar 1h / Amanhã buttons and records their delivery status',
		defaults: { name: 'BestStag Reminders' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'airtableCrmApi', required: true },
			{ name: 'twilioWhatsAppApi', required: true, displayOptions: { show: { operation: ['deliverDue'] } } },
		],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Deliver Due',
						value: 'deliverDue',
						description: 'Claim every due reminder once and send it through the outbound queue (run it from a Schedule Trigger)',
						action: 'Deliver due reminders',
					},
					{ name: 'Apply Button Tap', value: 'applyTap', description: 'Act on a Feito / Adiar 1h / Amanhã tap', action: 'Apply a reminder button tap' },
					{ name: 'Record Delivery Status', value: 'recordStatus', description: "Write a Twilio status callback onto the reminder it delivered", action: 'Record a reminder delivery status' },
				],
				default: 'deliverDue',
			},
			{
				displayName: 'Needs BESTSTAG_REDIS_URL: reminders are claimed in Redis and written through the data path (replica + outbox, sent to Airtable by "beststag flusher").',
				name: 'dataPathNotice',
				type: 'notice',
				default: '',
			},
			...deliverDue.description,
			...applyTap.description,
			...recordStatus.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		if (!Object.hasOwn(OPERATIONS, operation)) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported.`);
		return [await OPERATIONS[operation as ReminderOperation].execute.call(this)];
	}
}
