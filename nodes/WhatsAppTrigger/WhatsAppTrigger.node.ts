import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { InboundPayloadError, parseTwilioWebhook } from '../../core/whatsapp/inbound';
import { statusCallbackUrl, webhookPath } from '../../core/whatsapp/status-callback';
import { conversationStore, DEDUPE_TTL_MS } from '../shared/conversation-store';
import { InboundJournal } from '../shared/inbound-journal';
import { redisConnection, redisUrlFromEnv } from '../shared/redis';
import { formParams, hasBodyHash, publicRequestUrl, verifyTwilioRequest, type TwilioParams } from '../shared/twilio-signature';

const FAILED_STATUSES = new Set(['failed', 'undelivered']);
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
/** How often the trigger looks for accepted messages whose turn never finished, ms. */
const REPLAY_SCAN_MS = 15_000;

/** The journal of accepted messages, when Redis is configured; without it a crash cannot be recovered from. */
function journal(): InboundJournal | undefined {
	const url = redisUrlFromEnv();
	return url ? new InboundJournal(redisConnection(url)) : undefined;
}

/** n8n keeps the body bytes it read on the request (rawBody), and can read them on demand (readRawBody). */
interface RawBodyRequest {
	rawBody?: Buffer | string;
	readRawBody?: () => Promise<void>;
	originalUrl?: string;
	url?: string;
}

/** "application/json; charset=utf-8" → "application/json". */
function mediaType(header: string | string[] | undefined): string {
	return String(Array.isArray(header) ? header[0] : (header ?? ''))
		.split(';')[0]
		.trim()
		.toLowerCase();
}

async function rawBodyOf(req: RawBodyRequest): Promise<string | undefined> {
	if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
	if (req.rawBody === undefined) return undefined;
	return typeof req.rawBody === 'string' ? req.rawBody : req.rawBody.toString('utf8');
}

/** The parser reads one value per field: a repeated form key gives its first value (all values were verified). */
function firstValues(params: TwilioParams): Record<string, string> {
	return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? (value[0] ?? '') : value]));
}

/**
 * Twilio's WhatsApp webhook as a verified trigger: the X-Twilio-Signature is checked with the twilio
 * library against exactly what Twilio signed (the public URL of this request with its query string,
 * every form value, or the body hash of a JSON webhook); anything else gets 403 and runs nothing.
 * A redelivered MessageSid is acknowledged and dropped, and status callbacks (delivery failures
 * such as 63016) come out of their own output. A message's `phone` is the person's canonical key
 * (Brazilian mobiles with their ninth digit); `from` is the address WhatsApp reported, for replies.
 */
export class WhatsAppTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp (Twilio) Trigger',
		subtitle: '={{"POST /webhook/" + $parameter["path"]}}',
		name: 'whatsAppTrigger',
		icon: { light: 'file:../../icons/whatsAppTrigger.svg', dark: 'file:../../icons/whatsAppTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when a WhatsApp message (or a delivery status) arrives from Twilio, verified and deduplicated',
		defaults: { name: 'WhatsApp Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Message', 'Status'],
		credentials: [{ name: 'twilioWhatsAppApi', required: true }],
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
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'whatsapp/inbound',
				required: true,
				description: 'The webhook path; set "&lt;n8n webhook URL&gt;/&lt;path&gt;" as the WhatsApp sender\'s incoming-message URL in Twilio (and as its status callback URL on the trigger that records delivery statuses)',
			},
			{
				displayName: 'Status Updates',
				name: 'statusUpdates',
				type: 'options',
				options: [
					{ name: 'Failures Only', value: 'failures', description: 'Only failed or undelivered messages start the workflow (one execution per problem, not per tick)' },
					{ name: 'Outcomes', value: 'outcomes', description: 'Delivered, failed or undelivered: one execution per message in the usual case, so each reply’s fate is recorded' },
					{ name: 'All', value: 'all', description: 'Every status (queued, sent, delivered, read, failed) starts the workflow' },
				],
				default: 'failures',
				description: 'Which delivery status callbacks come out of the Status output',
			},
			{
				displayName: 'Delivery Statuses Path',
				name: 'statusPath',
				type: 'string',
				default: '',
				placeholder: 'whatsapp/status',
				description:
					"Where Twilio reports the delivery statuses of replies to these messages: the Path of another workflow's WhatsApp Trigger on this n8n. Blank: this trigger. n8n prepares the whole workflow for every execution, so a small workflow of its own records each status for a fraction of a large one's cost. Messages come out with this URL as statusCallback.",
			},
			{
				displayName: 'Replay Unfinished Turns After (Seconds)',
				name: 'replayAfterSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 120,
				description:
					'With BESTSTAG_REDIS_URL set, every accepted message is journaled in Redis until its turn logs its Messages row. One still unlogged after this long (n8n was killed or crashed mid-turn; Twilio does not resend a message it got 200 for) starts the workflow again, at most twice. Rows are upserts on keys made from the MessageSid, so a replay never doubles them. 0 turns replays off.',
			},
			{
				displayName: 'Skip Signature Check (Local Debugging Only)',
				name: 'skipSignatureCheck',
				type: 'boolean',
				default: false,
				description: 'Whether to accept requests without a valid X-Twilio-Signature. Never turn this on in production: anyone could post fake messages.',
			},
		],
	};

	/**
	 * Replays accepted messages whose turn never logged its Messages row (the process running it
	 * died): every 15 s, on the instance that holds the workflow's triggers, entries unsettled for
	 * "Replay Unfinished Turns After" come out of the Message output again, with `replay` set to the
	 * attempt number. Does nothing without Redis, in manual runs, or when the setting is 0.
	 */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const afterSeconds = this.getNodeParameter('replayAfterSeconds', 120) as number;
		const entries = journal();
		if (!entries || afterSeconds <= 0 || this.getMode() === 'manual') return {};
		let running = false;
		const replay = async () => {
			if (running) return;
			running = true;
			try {
				const { claimed, dropped } = await entries.claimOverdue(afterSeconds * 1000);
				for (const entry of dropped) this.logger.warn(`WhatsApp Trigger: message ${entry.messageSid} was replayed ${entry.replays} time(s) without its turn logging a Messages row; giving it up.`);
				for (const entry of claimed) {
					this.logger.warn(`WhatsApp Trigger: replaying message ${entry.messageSid} (attempt ${entry.replays}): its turn did not finish.`);
					this.emit([[{ json: { ...(entry.json as IDataObject), replay: entry.replays } }], []]);
				}
			} catch (error) {
				this.logger.warn(`WhatsApp Trigger: could not read the inbound journal (${(error as Error).message}); trying again in ${REPLAY_SCAN_MS / 1000} s.`);
			} finally {
				running = false;
			}
		};
		const timer = setInterval(() => void replay(), REPLAY_SCAN_MS);
		void replay();
		return { closeFunction: async () => clearInterval(timer) };
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & RawBodyRequest;
		const res = this.getResponseObject();
		const headers = this.getHeaderData();
		const body = this.getBodyData() as unknown;
		const isForm = mediaType(headers['content-type']) === 'application/x-www-form-urlencoded';
		// Twilio called the public URL (WEBHOOK_URL's origin) with this request's own query string.
		const webhookUrl = (typeof this.getWebhookResourceUrl === 'function' ? this.getWebhookResourceUrl('default') : undefined) ?? this.getNodeWebhookUrl('default') ?? '';
		const url = publicRequestUrl(webhookUrl, req.originalUrl ?? req.url);
		const signed = hasBodyHash(url);

		if (!(this.getNodeParameter('skipSignatureCheck', false) as boolean)) {
			const credentials = await this.getCredentials<{ authToken: string }>('twilioWhatsAppApi');
			const header = headers['x-twilio-signature'];
			const verified = verifyTwilioRequest(credentials.authToken, {
				url,
				signature: typeof header === 'string' ? header : undefined,
				params: isForm ? formParams(body) : null,
				rawBody: signed ? await rawBodyOf(req) : undefined,
			});
			if (!verified) {
				res.status(403).type('text/plain').send('Forbidden: invalid or missing X-Twilio-Signature');
				return { noWebhookResponse: true };
			}
		}
		// A JSON webhook's top-level fields are read like form fields.
		const params = firstValues(formParams(body));

		let item;
		try {
			item = parseTwilioWebhook(params, new Date());
		} catch (error) {
			if (!(error instanceof InboundPayloadError)) throw new NodeOperationError(this.getNode(), error as Error);
			res.status(400).type('text/plain').send(`Bad request: ${error.message}`);
			return { noWebhookResponse: true };
		}

		// A status nobody tracks (sent, delivered, read with "Failures Only") is answered here and starts no
		// execution, without touching Redis: most callbacks are these, one or more per reply.
		const wanted = this.getNodeParameter('statusUpdates', 'failures');
		const tracked = (status: string) => wanted === 'all' || FAILED_STATUSES.has(status) || (wanted === 'outcomes' && status === 'delivered');
		if (item.kind === 'status' && !tracked(item.status)) {
			res.status(200).type('text/xml').send(EMPTY_TWIML);
			return { noWebhookResponse: true };
		}
		const store = conversationStore();
		const key = item.kind === 'status' ? `${item.messageSid}:${item.status}` : item.messageSid;
		const first = await store.firstDelivery(key, DEDUPE_TTL_MS);
		if (!first) {
			res.status(200).type('text/xml').send(EMPTY_TWIML);
			return { noWebhookResponse: true };
		}
		// The URL Twilio called (less a body hash that only fits this body), so a WhatsApp Send can have delivery statuses reported back here.
		const called = (signed ? webhookUrl : url) || null;
		const data = [{ json: { ...(item as unknown as IDataObject), webhookUrl: called, statusCallback: statusCallbackFor(this, webhookUrl, called) } }];
		// Journaled before Twilio hears 200, so a turn lost with its process is replayed (see trigger()).
		if (item.kind === 'message' && (this.getNodeParameter('replayAfterSeconds', 120) as number) > 0) await journal()?.record(item.messageSid, data[0].json);
		res.status(200).type('text/xml').send(EMPTY_TWIML);
		if (item.kind === 'message') await store.setLastInbound(item.phone, item.receivedAt);
		return { noWebhookResponse: true, workflowData: item.kind === 'message' ? [data, []] : [[], data] };
	}
}

/**
 * Where replies' statuses go: the Delivery Statuses Path's URL, else the URL Twilio called (a misset
 * path is logged, never fatal). `webhookUrl`: this request's URL, the fallback for the production one.
 */
function statusCallbackFor(ctx: IWebhookFunctions, webhookUrl: string, called: string | null): string | null {
	const statusPath = String(ctx.getNodeParameter('statusPath', '') ?? '');
	if (webhookPath(statusPath) === '') return called;
	// The other workflow listens on its active (production) URL, also while this one is tested in the editor.
	const productionUrl = ctx.getNodeWebhookUrl('default') ?? webhookUrl;
	if (productionUrl === '') return called;
	try {
		return statusCallbackUrl(productionUrl, String(ctx.getNodeParameter('path', '')), statusPath);
	} catch (error) {
		ctx.logger.warn(`WhatsApp Trigger: ${(error as Error).message} Delivery statuses come back to this trigger.`);
		return called;
	}
}
