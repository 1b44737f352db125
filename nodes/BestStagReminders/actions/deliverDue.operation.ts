import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { remindersDueFormula } from '../../../core/airtable/crm';
import { DEFAULT_QUIET_HOURS, parseQuietHours } from '../../../core/assistant/reminders';
import { loadUserRows } from '../../AirtableCrm/buffered/replica-loader';
import type { AirtableGateway } from '../../AirtableCrm/transport/request';
import { conversationStore } from '../../shared/conversation-store';
import type { DataPathStore, LoadedRecord } from '../../shared/datapath/store';
import type { QueueSettings } from '../../shared/outbound-queue';
import { requireDataPathRedisUrl } from '../../shared/datapath/config';
import { ReminderScheduler } from '../../shared/reminders/scheduler';
import { queueSender } from '../../shared/reminders/sender';
import type { SenderCredentials } from '../../shared/whatsapp-send';
import { personKey, remindersContext } from '../context';

const show = { show: { operation: ['deliverDue'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Template Content SID (Pt-BR)',
		name: 'templateSid',
		type: 'string',
		default: '',
		placeholder: 'HXxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		description:
			'Approved WhatsApp template for reminders outside the 24-hour window: {{1}} the reminder text, {{2}} its key (for button IDs reminder:{{2}}:done / :snooze / :tomorrow). Blank: BESTSTAG_REMINDER_TEMPLATE_SID.',
		displayOptions: show,
	},
	{
		displayName: 'Template Content SID (English)',
		name: 'templateSidEn',
		type: 'string',
		default: '',
		placeholder: 'HXxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		description: 'The same template for English users. Blank: BESTSTAG_REMINDER_TEMPLATE_SID_EN, else the pt-BR one.',
		displayOptions: show,
	},
	{
		displayName: 'Status Callback URL',
		name: 'statusCallback',
		type: 'string',
		default: '',
		description: "Where Twilio reports delivery: the URL of the WhatsApp Trigger whose Status output feeds Record Delivery Status (in BestStag's workflows, the delivery status workflow's, …/webhook/whatsapp/status). Blank: BESTSTAG_STATUS_CALLBACK_URL.",
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show,
		options: [
			{ displayName: 'Airtable Catch-Up Every (Minutes)', name: 'catchUpMinutes', type: 'number', typeOptions: { minValue: 1 }, default: 5, description: 'How often a run also asks Airtable for due reminders the replica does not know (created or edited in Airtable)' },
			{
				displayName: 'Clock (Tests Only)',
				name: 'now',
				type: 'string',
				default: '',
				description: 'ISO 8601 instant the run takes as "now". Honoured only when n8n runs with BESTSTAG_TEST_CLOCK=1 (sandbox and tests); refused otherwise.',
			},
			{
				displayName: 'Default Quiet Hours',
				name: 'quietHours',
				type: 'string',
				default: '',
				placeholder: '22:00-07:00',
				description: "Local hours without reminders for users whose Quiet Hours cell is blank, HH:MM-HH:MM or off. Blank: BESTSTAG_QUIET_HOURS, else 22:00-07:00.",
			},
			{ displayName: 'Max Reminders per Run', name: 'maxPerRun', type: 'number', typeOptions: { minValue: 1 }, default: 200, description: 'How many due reminders one run claims at most; the rest wait for the next run' },
			{ displayName: 'Messages per Second', name: 'messagesPerSecond', type: 'number', typeOptions: { minValue: 1 }, default: 10, description: 'How fast the outbound queue sends from this sender' },
			{ displayName: 'Wait for Sends (Seconds)', name: 'waitSeconds', type: 'number', typeOptions: { minValue: 0 }, default: 10, description: 'How long this run waits to record Message SIDs; later ones are recorded by the next run' },
		],
	},
];

/** The run's "now": the real clock, or the injected one where BESTSTAG_TEST_CLOCK=1 allows it. */
export function clockOf(ctx: IExecuteFunctions, raw: unknown, env: NodeJS.ProcessEnv = process.env): number {
	const text = String(raw ?? '').trim();
	if (!text) return Date.now();
	if (env.BESTSTAG_TEST_CLOCK !== '1') {
		throw new NodeOperationError(ctx.getNode(), 'The Clock option is for tests only.', { description: 'Leave Clock blank in production; tests and the sandbox set BESTSTAG_TEST_CLOCK=1 for n8n.' });
	}
	const ms = Date.parse(text);
	if (!Number.isFinite(ms)) throw new NodeOperationError(ctx.getNode(), `Clock "${text}" is not an ISO 8601 instant.`);
	return ms;
}

/**
 * Airtable's scheduled reminders due by `untilIso` (one listed request, at most 100 rows), each
 * with its owner's phone. The owner is found from the replica's record-id index, else by one
 * Users lookup; that user's rows are loaded into the replica on the way (as a first turn does).
 */
export async function catchUpFromAirtable(gateway: AirtableGateway, data: DataPathStore, base: string, untilIso: string): Promise<LoadedRecord[]> {
	const rows = await gateway.listAll('Reminders', { filterByFormula: remindersDueFormula(untilIso), sort: [{ field: 'Due At', direction: 'asc' }], maxRecords: 100 });
	const out: LoadedRecord[] = [];
	for (const row of rows) {
		const userId = Array.isArray(row.fields.User) ? String(row.fields.User[0] ?? '') : '';
		if (!/^rec[A-Za-z0-9]{14}$/.test(userId)) continue;
		let phone = await data.keyOfRecordId(base, 'Users', userId);
		if (!phone) {
			const [user] = await gateway.listAll('Users', { filterByFormula: `RECORD_ID() = '${userId}'`, maxRecords: 1 });
			if (!user || typeof user.fields.Phone !== 'string') continue;
			phone = personKey(user.fields.Phone);
		}
		const owner = phone;
		await data.ensureLoaded(base, owner, () => loadUserRows(gateway, owner));
		const key = typeof row.fields['Reminder Key'] === 'string' && row.fields['Reminder Key'] ? row.fields['Reminder Key'] : row.id;
		out.push({ table: 'Reminders', key, recordId: row.id, fields: { ...row.fields, User: [owner] }, owner });
	}
	return out;
}

/**
 * Deliver Due: one scheduler run (see nodes/shared/reminders/scheduler.ts for the exactly-once
 * argument). Outputs one item per reminder it queued, sent, skipped, deferred or failed.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as { quietHours?: string; maxPerRun?: number; messagesPerSecond?: number; catchUpMinutes?: number; waitSeconds?: number; now?: string };
	const nowMs = clockOf(this, options.now);
	const quietHours = options.quietHours?.trim() || process.env.BESTSTAG_QUIET_HOURS?.trim() || DEFAULT_QUIET_HOURS;
	try {
		parseQuietHours(quietHours);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { description: 'Fix Default Quiet Hours (or BESTSTAG_QUIET_HOURS).' });
	}
	const credentials = await this.getCredentials<SenderCredentials>('twilioWhatsAppApi');
	if (!credentials.from && !credentials.messagingServiceSid) {
		throw new NodeOperationError(this.getNode(), 'The Twilio credential has neither a WhatsApp Sender nor a Messaging Service SID.', { description: 'Set one of them in the "BestStag Twilio WhatsApp API" credential.' });
	}
	const context = await remindersContext(this);
	const settings: QueueSettings = { redisUrl: requireDataPathRedisUrl(), messagesPerSecond: options.messagesPerSecond ?? 10 };
	const sender = queueSender(credentials, settings, conversationStore());
	const scheduler = new ReminderScheduler(context.store, context.reminders, sender, {
		quietHours,
		templates: {
			'pt-BR': String(this.getNodeParameter('templateSid', 0, '') || process.env.BESTSTAG_REMINDER_TEMPLATE_SID || '').trim(),
			en: String(this.getNodeParameter('templateSidEn', 0, '') || process.env.BESTSTAG_REMINDER_TEMPLATE_SID_EN || '').trim(),
		},
		statusCallback: String(this.getNodeParameter('statusCallback', 0, '') || process.env.BESTSTAG_STATUS_CALLBACK_URL || '').trim() || undefined,
		limit: options.maxPerRun ?? 200,
		staleMs: 120_000,
	});
	if (await context.reminders.catchUpDue((options.catchUpMinutes ?? 5) * 60_000)) {
		try {
			await scheduler.applyCatchUp(await catchUpFromAirtable(context.gateway, context.store, context.base, new Date(nowMs).toISOString()));
		} catch (error) {
			// Airtable unreachable or rate limited: the replica's index still serves this run; the next run tries again.
			await context.reminders.resetCatchUp();
			this.logger.warn(`Reminders: the Airtable catch-up failed and will be retried next run (${(error as Error).message})`);
		}
	}
	const outcomes = await scheduler.settleQueued(await scheduler.run(nowMs), (options.waitSeconds ?? 10) * 1000);
	return outcomes.map((outcome) => ({ json: { ...outcome } }));
}
