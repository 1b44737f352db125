import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type JsonObject,
} from 'n8n-workflow';

import { planReply, type PlannedMessage, type QuickReplyButton } from '../../core/whatsapp/outbound-plan';
import { conversationStore } from '../shared/conversation-store';
import { asNodeError, itemFailure, type NodeError } from '../shared/item-errors';
import { enqueueOutbound } from '../shared/outbound-queue';
import { redisUrlFromEnv } from '../shared/redis';
import { sendPlanned, type SenderCredentials } from '../shared/whatsapp-send';

/** A Twilio REST error (it has a code and an HTTP status) keeps both, with Twilio's help link; anything else as usual. */
function twilioNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	const e = error as { code?: number; status?: number; message: string; moreInfo?: string };
	if (error instanceof NodeOperationError || e.code === undefined || e.status === undefined) return asNodeError(node, error, itemIndex);
	return new NodeApiError(node, { message: e.message, code: e.code } as JsonObject, {
		itemIndex,
		message: `Twilio refused the message (error ${e.code})`,
		description: `${e.message}${e.moreInfo ? ` See ${e.moreInfo}` : ''}`,
		httpCode: String(e.status),
	});
}

/**
 * The Buttons parameter: a list from an expression, JSON text of a list, or titles separated by
 * commas or new lines. A list's entries are titles or `{ id, title }`.
 * @throws SyntaxError when the text starts like JSON and is not
 */
function buttonsOf(value: unknown): Array<string | QuickReplyButton> {
	if (Array.isArray(value)) return value.map((b) => (b && typeof b === 'object' ? { id: String((b as QuickReplyButton).id ?? ''), title: String((b as QuickReplyButton).title ?? '') } : String(b)));
	const text = String(value ?? '').trim();
	if (text.startsWith('[')) {
		// Bad JSON throws here; the caller reports it on the item.
		const parsed = JSON.parse(text) as unknown;
		return buttonsOf(Array.isArray(parsed) ? parsed : [parsed]);
	}
	return list(text);
}

const list = (value: unknown): string[] =>
	String(value ?? '')
		.split(/[\n,]/)
		.map((s) => s.trim())
		.filter(Boolean);

/**
 * Replies on WhatsApp through Twilio, following WhatsApp's rules so messages are not lost: nothing
 * proactive to an opted-out user (replies to their own messages still go), an approved template outside the 24-hour window, at most three
 * quick replies, and long text split at natural boundaries.
 */
export class WhatsAppSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Send (Twilio)',
		name: 'whatsAppSend',
		icon: { light: 'file:../../icons/whatsAppSend.svg', dark: 'file:../../icons/whatsAppSend.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"to " + $parameter["to"]}}',
		description: 'Sends WhatsApp text, media, quick-reply buttons or approved templates through Twilio',
		defaults: { name: 'WhatsApp Send' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'twilioWhatsAppApi', required: true }],
		properties: [
			{ displayName: 'To', name: 'to', type: 'string', required: true, default: '={{ $json.from }}', description: 'The WhatsApp address, whatsapp:+5511987654321 (a bare +55... number is accepted).' },
			{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 4 }, default: '', description: 'Longer than 1600 characters is split into several messages' },
			{
				displayName: 'Buttons',
				name: 'buttons',
				type: 'string',
				default: '',
				placeholder: 'Sim, Não, Talvez',
				description: 'Quick replies: titles separated by commas or new lines, or a JSON list of objects with an ID and a title, as the Compose Reply node gives them (or an expression giving one), so a tap sends back the ID as ButtonPayload. Up to 3 become buttons; more become a numbered list.',
			},
			{
				displayName: 'Language',
				name: 'locale',
				type: 'options',
				options: [
					{ name: 'Portuguese (Brazil)', value: 'pt-BR' },
					{ name: 'English', value: 'en' },
				],
				default: 'pt-BR',
				description: 'The language of the line asking to answer by number, when the buttons become a numbered list',
			},
			{ displayName: 'Media URLs', name: 'mediaUrls', type: 'string', default: '', description: 'Public URLs of images, audio or documents, separated by commas or new lines (up to 10)' },
			{
				displayName: 'Opt-in Status',
				name: 'optInStatus',
				type: 'string',
				default: '',
				placeholder: '={{ $json.fields["Opt-in Status"] }}',
				description: 'The user\'s status from the Users table. "opted_out" sends nothing proactive; replies to the user\'s own messages still go (see Message Kind).',
			},
			{
				displayName: 'Message Kind',
				name: 'messageKind',
				type: 'options',
				options: [
					{ name: 'Proactive (Reminder, Digest, Notification)', value: 'proactive', description: 'Started by BestStag: never sent to an opted-out user' },
					{ name: 'Reply to the User', value: 'reply', description: "Answers the user's own message: sent even after an opt-out (it is their conversation), inside the 24-hour window only" },
				],
				default: 'proactive',
				description: 'Whether this message answers the user or is started by BestStag. Opting out stops only proactive messages.',
			},
			{ displayName: 'Is Opt-Out Confirmation', name: 'isOptOutConfirmation', type: 'boolean', default: false, description: 'Whether this is the reply confirming an opt-out (same as Message Kind: Reply)' },
			{
				displayName: 'Last Inbound At',
				name: 'lastInboundAt',
				type: 'string',
				default: '',
				description: "When the user last wrote (ISO 8601). Blank uses what the WhatsApp Trigger recorded. More than 24 hours ago means only an approved template may be sent.",
			},
			{ displayName: 'Template Content SID', name: 'templateSid', type: 'string', default: '', placeholder: 'HXxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', description: 'Approved WhatsApp template sent instead of free text outside the 24-hour window' },
			{ displayName: 'Template Variables (JSON)', name: 'templateVariables', type: 'json', default: '{}', description: 'E.g. {"1": "Ana"}.' },
			{
				displayName: 'Delivery',
				name: 'delivery',
				type: 'options',
				options: [
					{ name: 'Send Now', value: 'now', description: 'Send during this execution (replies to a user)' },
					{ name: 'Queue', value: 'queue', description: 'Hand to the outbound queue: throttled, retried, failures kept (reminders, digests). Needs BESTSTAG_REDIS_URL.' },
				],
				default: 'now',
			},
			{
				displayName: 'Messages per Second',
				name: 'messagesPerSecond',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10,
				description: 'How fast the queue sends from this sender',
				displayOptions: { show: { delivery: ['queue'] } },
			},
			{ displayName: 'Status Callback URL', name: 'statusCallback', type: 'string', default: '', description: "Where Twilio reports delivery (usually the WhatsApp Trigger's URL)" },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials<SenderCredentials>('twilioWhatsAppApi');
		if (!credentials.from && !credentials.messagingServiceSid) {
			throw new NodeOperationError(this.getNode(), 'The Twilio credential has neither a WhatsApp Sender nor a Messaging Service SID.', {
				description: 'Set one of them in the "BestStag Twilio WhatsApp API" credential.',
			});
		}
		const store = conversationStore();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const rawTo = String(this.getNodeParameter('to', i)).trim();
				if (!/^(whatsapp:)?\+[1-9]\d{7,14}$/.test(rawTo)) {
					throw new NodeOperationError(this.getNode(), `"${rawTo}" is not a WhatsApp address.`, { itemIndex: i, description: 'Use whatsapp:+5511987654321 (the trigger\'s "from").' });
				}
				const to = rawTo.startsWith('whatsapp:') ? rawTo : `whatsapp:${rawTo}`;
				const phone = to.slice('whatsapp:'.length);
				let variables: Record<string, string> = {};
				const rawVariables = this.getNodeParameter('templateVariables', i, '{}');
				try {
					variables = typeof rawVariables === 'string' ? JSON.parse(rawVariables || '{}') : (rawVariables as Record<string, string>);
				} catch {
					throw new NodeOperationError(this.getNode(), 'Template Variables is not valid JSON.', { itemIndex: i, description: 'e.g. {"1": "Ana"}' });
				}
				let buttons: Array<string | QuickReplyButton>;
				try {
					buttons = buttonsOf(this.getNodeParameter('buttons', i, ''));
				} catch {
					throw new NodeOperationError(this.getNode(), 'Buttons is not valid JSON.', { itemIndex: i, description: 'Use titles separated by commas, or a JSON list like [{"id": "menu:tasks", "title": "Minhas tarefas"}].' });
				}
				const text = String(this.getNodeParameter('text', i, ''));
				const plan = planReply({
					to,
					text,
					buttons,
					locale: this.getNodeParameter('locale', i, 'pt-BR') === 'en' ? 'en' : 'pt-BR',
					mediaUrls: list(this.getNodeParameter('mediaUrls', i, '')),
					optInStatus: String(this.getNodeParameter('optInStatus', i, '')) || null,
					isOptOutConfirmation: this.getNodeParameter('isOptOutConfirmation', i, false) as boolean,
					messageKind: this.getNodeParameter('messageKind', i, 'proactive') === 'reply' ? 'reply' : 'proactive',
					lastInboundAt: String(this.getNodeParameter('lastInboundAt', i, '')) || (await store.getLastInbound(phone)),
					templateSid: String(this.getNodeParameter('templateSid', i, '')) || null,
					templateVariables: variables,
					now: new Date(),
				});
				if ('skip' in plan) {
					out.push({ json: { to, sent: [], skipped: plan.skip }, pairedItem: { item: i } });
					continue;
				}
				const statusCallback = String(this.getNodeParameter('statusCallback', i, '')) || undefined;
				if (this.getNodeParameter('delivery', i, 'now') === 'queue') {
					const redisUrl = redisUrlFromEnv();
					if (!redisUrl) {
						throw new NodeOperationError(this.getNode(), 'The outbound queue needs Redis.', { itemIndex: i, description: 'Set BESTSTAG_REDIS_URL for n8n, or choose Delivery: Send Now.' });
					}
					const messagesPerSecond = this.getNodeParameter('messagesPerSecond', i, 10) as number;
					const queued = await enqueueOutbound(credentials, { redisUrl, messagesPerSecond }, { to, messages: plan.send, statusCallback });
					out.push({ json: { to, sent: [], queued: true, ...queued }, pairedItem: { item: i } });
					continue;
				}
				const sent: Array<{ sid: string; status: string; kind: PlannedMessage['kind'] }> = [];
				for (const message of plan.send) sent.push(await sendPlanned(credentials, to, message, statusCallback));
				// When Twilio accepted the last part: a turn's latency ends here.
				out.push({ json: { to, sent, text, acceptedAt: new Date().toISOString() }, pairedItem: { item: i } });
			} catch (error) {
				out.push(itemFailure(this, error, i, twilioNodeError));
			}
		}
		return [out];
	}
}
