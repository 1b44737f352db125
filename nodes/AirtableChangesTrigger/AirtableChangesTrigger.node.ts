import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CONTENT_MAC_HEADER } from '../../core/airtable/webhooks/mac';
import { airtableBudgetFromEnv, sharedAirtableWindow } from '../shared/airtable-base-budget';
import { AirtableChangeSync } from '../shared/airtable-sync/change-sync';
import { DataPathReplicaSink } from '../shared/datapath/replica-sink';
import { DataPathStore } from '../shared/datapath/store';
import { redisConnection, redisUrlFromEnv } from '../shared/redis';
import { SinksInOrder } from './sinks-in-order';
import { ItemSink } from './item-sink';

interface Credentials {
	accessToken: string;
	baseId: string;
	endpointUrl?: string;
}

const KEY_PREFIX = 'beststag:airtable-sync:';
/** Hourly, at minute 7 (n8n's six-field cron: second minute hour day month weekday). */
const MAINTENANCE_CRON = '0 7 * * * *';

/**
 * The sync for this node's base and webhook URL; throws a clear error when Redis is not configured.
 * A trigger context has no webhook URL: it uses the one the webhook was registered with.
 */
async function syncFor(ctx: IHookFunctions | IWebhookFunctions | ITriggerFunctions): Promise<{ sync: AirtableChangeSync; sink: ItemSink }> {
	const url = redisUrlFromEnv();
	if (!url) {
		throw new NodeOperationError(ctx.getNode(), 'The Airtable Changes Trigger keeps its webhook, secret and cursor in Redis: set BESTSTAG_REDIS_URL (e.g. redis://127.0.0.1:6379) for n8n.');
	}
	const credentials = await ctx.getCredentials<Credentials & IDataObject>('airtableCrmApi');
	const redis = redisConnection(url);
	const tables = String(ctx.getNodeParameter('tables', '') ?? '')
		.split(',')
		.map((t) => t.trim())
		.filter(Boolean);
	const sink = new ItemSink(redis, `${KEY_PREFIX}${credentials.baseId}:resync-pending`);
	// The bot's replica (the buffered CRM mode's) lives in the same Redis, keyed by the same base id.
	const toReplica = ctx.getNodeParameter('applyToReplica', true) !== false;
	const replica = toReplica ? new DataPathReplicaSink(new DataPathStore(redis), credentials.baseId, (line) => ctx.logger?.info?.(line)) : undefined;
	// Payload reads and catch-up lists spend the base's one shared request budget, like every other BestStag client.
	const budget = sharedAirtableWindow(redis, airtableBudgetFromEnv());
	const sync = new AirtableChangeSync({
		redis,
		acquire: (baseId) => budget.acquire(baseId),
		baseId: credentials.baseId,
		token: credentials.accessToken,
		endpointUrl: credentials.endpointUrl || undefined,
		notificationUrl: 'getNodeWebhookUrl' in ctx ? (ctx.getNodeWebhookUrl('default') ?? '') : ((await redis.hget(`${KEY_PREFIX}${credentials.baseId}`, 'notificationUrl')) ?? ''),
		sink: replica ? new SinksInOrder([replica, sink]) : sink,
		tables: tables.length > 0 ? tables : undefined,
		keyPrefix: KEY_PREFIX,
	});
	return { sync, sink };
}

/**
 * Changes made in Airtable as a trigger: activating the workflow registers one Airtable webhook for
 * the base (its secret and cursor kept in Redis), each ping is verified with X-Airtable-Content-MAC
 * over the raw body (403 otherwise), and the changes since the saved cursor come out as one item each,
 * the bot's own API writes left out. Tables to reload in full come out as {kind: "resync", table}.
 * Hourly it also refreshes the webhook when due and catches up on records modified since the last run.
 */
export class AirtableChangesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BestStag Airtable Changes Trigger',
		subtitle: '={{"POST /webhook/" + $parameter["path"]}}',
		name: 'airtableChangesTrigger',
		icon: { light: 'file:../../icons/airtableChanges.svg', dark: 'file:../../icons/airtableChanges.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when someone changes records in the BestStag base in Airtable (a manager, a form, an automation)',
		defaults: { name: 'Airtable Changes' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'airtableCrmApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '={{$parameter["path"]}}',
				isFullPath: true,
			},
		],
		properties: [
			{
				displayName:
					'The token needs the scopes webhook:manage, data.records:read and schema.bases:read, n8n needs BESTSTAG_REDIS_URL, and Airtable must reach n8n\'s public webhook URL (WEBHOOK_URL).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'airtable/changes',
				required: true,
				description: 'The webhook path; activating the workflow registers "&lt;n8n webhook URL&gt;/&lt;path&gt;" with Airtable',
			},
			{
				displayName: 'Apply to the BestStag Replica',
				name: 'applyToReplica',
				type: 'boolean',
				default: true,
				description:
					'Whether to also apply each change to the replica the buffered Airtable CRM node reads (in the same Redis), so the bot sees edits made in Airtable; a local change not yet sent wins until it is sent',
			},
			{
				displayName: 'Tables',
				name: 'tables',
				type: 'string',
				default: '',
				placeholder: 'Users, Tasks, Reminders, Handoffs',
				description: 'Comma-separated table names to reload when changes may have been missed; blank means every table of the base',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return (await syncFor(this)).sync.hasWebhook();
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await (await syncFor(this)).sync.ensureWebhook();
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await (await syncFor(this)).sync.removeWebhook();
				return true;
			},
		},
	};

	/**
	 * The periodic part, run hourly by n8n's scheduler on the instance that holds the workflow's
	 * triggers: refreshes the webhook when due (daily, before the 7-day expiry) and runs the catch-up
	 * by last-modified time; what it finds comes out as items like a ping's.
	 */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const maintain = async () => {
			const { sync, sink } = await syncFor(this);
			await sync.maintain();
			const items = await itemsFrom(sink);
			if (items.length > 0) this.emit([items]);
		};
		this.helpers.registerCron({ expression: MAINTENANCE_CRON }, () => {
			maintain().catch((error: Error) => {
				this.logger.warn(`Airtable Changes Trigger: the hourly refresh and catch-up failed (${error.message}); the next hour tries again.`);
				this.saveFailedExecution?.(new NodeOperationError(this.getNode(), error));
			});
		});
		return { manualTriggerFunction: maintain };
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const { sync, sink } = await syncFor(this);
		// The MAC covers the exact bytes Airtable sent; re-serialized JSON would not match.
		const raw = (req as { rawBody?: Buffer }).rawBody;
		const check = raw ? await sync.verifyPing(raw, req.header(CONTENT_MAC_HEADER)) : { ok: false as const, reason: 'The request has no raw body to verify.' };
		if (!check.ok) {
			res.status(403).type('text/plain').send(`Forbidden: ${check.reason}`);
			return { noWebhookResponse: true };
		}
		// Airtable wants 200 or 204 with an empty body, quickly; the payloads are read after answering.
		res.status(204).end();
		await sync.pull();
		const items = await itemsFrom(sink);
		if (items.length === 0) return { noWebhookResponse: true };
		return { noWebhookResponse: true, workflowData: [items] };
	}
}

/** Tables to reload first, then the changes in order. */
async function itemsFrom(sink: ItemSink): Promise<INodeExecutionData[]> {
	return [
		...(await sink.takeResyncs()).map((table) => ({ json: { kind: 'resync', table } as IDataObject })),
		...sink.changes.map((change) => ({ json: change as unknown as IDataObject })),
	];
}
