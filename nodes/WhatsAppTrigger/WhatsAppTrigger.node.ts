import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { InboundPayloadError, parseTwilioWebhook } from '../../core/whatsapp/inbound';
import { conversationStore, DEDUPE_TTL_MS } from '../shared/conversation-store';
import { verifyTwilioSignature } from '../shared/twilio-signature';

const FAILED_STATUSES = new Set(['failed', 'undelivered']);
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Twilio's WhatsApp webhook as a verified trigger: the X-Twilio-Signature is checked with the twilio
 * library, a redelivered MessageSid is acknowledged and dropped, and status callbacks (delivery
 * failures such as 63016) come out of their own output.
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
				description: 'The webhook path; set "&lt;n8n webhook URL&gt;/&lt;path&gt;" as the WhatsApp sender\'s incoming-message and status callback URL in Twilio',
			},
			{
				displayName: 'Status Updates',
				name: 'statusUpdates',
				type: 'options',
				options: [
					{ name: 'Failures Only', value: 'failures', description: 'Only failed or undelivered messages start the workflow (one execution per problem, not per tick)' },
					{ name: 'All', value: 'all', description: 'Every status (queued, sent, delivered, read, failed) starts the workflow' },
				],
				default: 'failures',
				description: 'Which delivery status callbacks come out of the Status output',
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

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const params = Object.fromEntries(Object.entries((req.body ?? {}) as IDataObject).map(([k, v]) => [k, String(v)]));

		if (!(this.getNodeParameter('skipSignatureCheck', false) as boolean)) {
			const credentials = await this.getCredentials<{ authToken: string }>('twilioWhatsAppApi');
			const signature = req.header('x-twilio-signature') ?? '';
			// Twilio signs the public URL it posted to, which n8n builds from WEBHOOK_URL.
			const url = this.getNodeWebhookUrl('default') ?? '';
			if (!verifyTwilioSignature(credentials.authToken, signature, url, params)) {
				res.status(403).type('text/plain').send('Forbidden: invalid or missing X-Twilio-Signature');
				return { noWebhookResponse: true };
			}
		}

		let item;
		try {
			item = parseTwilioWebhook(params, new Date());
		} catch (error) {
			if (!(error instanceof InboundPayloadError)) throw new NodeOperationError(this.getNode(), error as Error);
			res.status(400).type('text/plain').send(`Bad request: ${error.message}`);
			return { noWebhookResponse: true };
		}

		const store = conversationStore();
		const key = item.kind === 'status' ? `${item.messageSid}:${item.status}` : item.messageSid;
		const first = await store.firstDelivery(key, DEDUPE_TTL_MS);
		res.status(200).type('text/xml').send(EMPTY_TWIML);
		if (!first) return { noWebhookResponse: true };
		const onlyFailures = this.getNodeParameter('statusUpdates', 'failures') === 'failures';
		if (item.kind === 'status' && onlyFailures && !FAILED_STATUSES.has(item.status)) return { noWebhookResponse: true };
		if (item.kind === 'message') await store.setLastInbound(item.phone, item.receivedAt);

		// The URL Twilio called, so a WhatsApp Send can have delivery statuses reported back here.
		const data = [{ json: { ...(item as unknown as IDataObject), webhookUrl: this.getNodeWebhookUrl('default') ?? null } }];
		return { noWebhookResponse: true, workflowData: item.kind === 'message' ? [data, []] : [[], data] };
	}
}
