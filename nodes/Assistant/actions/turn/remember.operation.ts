import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { parseButtonId } from '../../../../core/assistant/buttons';
import { DEFAULT_BURST_WINDOW_MS, gatherBurst, isPrelude, type HeldMessage } from '../../../../core/assistant/burst';
import { nextLocale } from '../../../../core/assistant/language';
import { storedLocale } from '../../../../core/assistant/locale';
import { taskRows } from '../../../../core/assistant/tasks';
import { consentOf, type Turn } from '../../../../core/assistant/turn';
import { DEFAULT_TIMEZONE } from '../../../../core/airtable/crm/choices';
import { classifyOffline } from '../../../../core/classifier';
import type { InboundMessage } from '../../../../core/whatsapp/inbound';
import { itemFailure } from '../../../shared/item-errors';
import { turnStore } from '../../transport/turn-store';
import { forOperation, objectParameter } from '../properties';

/** A one-time quick reply stays answered this long (a week: WhatsApp shows old buttons for that long and more). */
const TAP_TTL_SECONDS = 7 * 24 * 60 * 60;

export const description: INodeProperties[] = forOperation('turn', 'remember', [
	{
		displayName: 'Message',
		name: 'message',
		type: 'json',
		required: true,
		default: "={{ $('WhatsApp Inbound').item.json }}",
		description: "The WhatsApp Trigger's message item",
	},
	{
		displayName: 'User',
		name: 'user',
		type: 'json',
		default: '={{ $json }}',
		description: 'The user as Airtable CRM → User → Get (buffered) returns it: found, fields, open tasks, open hand-offs',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Burst Window (Ms)',
				name: 'burstWindowMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_BURST_WINDOW_MS,
				description: 'How long a greeting or smalltalk waits for the rest of its burst ("oi" / "tudo bem?" / "me lembra..." get one answer). 0 answers every message at once. Messages that ask for something never wait.',
			},
		],
	},
]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function checkMessage(ctx: IExecuteFunctions, value: unknown, itemIndex: number): InboundMessage {
	const message = objectParameter(value) as unknown as InboundMessage;
	if (message.kind !== 'message' || typeof message.messageSid !== 'string' || typeof message.phone !== 'string') {
		throw new NodeOperationError(ctx.getNode(), 'Message is not a WhatsApp Trigger message item.', { itemIndex, description: "Point Message at the trigger's item, e.g. {{ $('WhatsApp Inbound').item.json }}." });
	}
	return message;
}

/**
 * Turn → Remember: one item per message that gets an answer (see core/assistant/burst.ts); a
 * prelude another message absorbed ends here, with no item. Never reads Airtable: the user comes
 * from the replica (the node before), the context from Redis.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const store = turnStore();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const message = checkMessage(this, this.getNodeParameter('message', i), i);
			const user = objectParameter(this.getNodeParameter('user', i, {}));
			const windowMs = this.getNodeParameter('options.burstWindowMs', i, DEFAULT_BURST_WINDOW_MS) as number;
			const fields = (user.found ? user.fields : null) as Record<string, unknown> | null;
			const timeZone = typeof fields?.Timezone === 'string' && fields.Timezone ? fields.Timezone : DEFAULT_TIMEZONE;
			const context = await store.getContext(message.phone);
			const text = message.button ? message.button.text || message.text : message.text;

			const self: HeldMessage = { messageSid: message.messageSid, text, receivedAt: message.receivedAt, greeting: false };
			const { intent } = classifyOffline(text, { timeZone });
			self.greeting = intent === 'greeting';
			let held: HeldMessage[];
			if (windowMs > 0 && isPrelude({ text, intent, hasButton: Boolean(message.button), hasMedia: message.media.length > 0, questionPending: context.pending !== null })) {
				await store.hold(message.phone, self, windowMs * 5 + 10_000);
				await sleep(windowMs);
				const taken = await store.takeIfNewest(message.phone, message.messageSid);
				// A newer message took this one, or a newer prelude will answer for it: its turn is that one's.
				if (taken.length === 0) {
					await store.settle([message.messageSid]);
					continue;
				}
				held = taken;
			} else {
				held = await store.takeAll(message.phone);
			}
			// The preludes this turn answers for are done; only this message's own row settles it.
			await store.settle(held.map((m) => m.messageSid).filter((sid) => sid !== message.messageSid));
			const burst = gatherBurst(held, self);
			const answer = message.button ? parseButtonId(message.button.payload) : null;
			const firstTap = answer?.once ? await store.claimTap(message.phone, answer.questionId, TAP_TTL_SECONDS) : true;
			const locale = nextLocale(storedLocale(fields?.Locale ?? context.locale), burst.texts.join('\n'));
			const handoff = user.handoff as { paused?: unknown; resumed?: unknown } | undefined;
			const turn: Turn = {
				messageSid: message.messageSid,
				messageSids: burst.messageSids,
				from: message.from,
				phone: message.phone,
				profileName: message.profileName,
				text,
				texts: burst.texts,
				greeted: burst.greeted,
				receivedAt: message.receivedAt,
				button: message.button ? { ...message.button, answer, firstTap } : null,
				media: message.media,
				locale: locale.locale,
				localeChanged: locale.changed,
				timeZone,
				consent: consentOf(fields),
				optInStatus: typeof fields?.['Opt-in Status'] === 'string' ? (fields['Opt-in Status'] as string) : '',
				known: Boolean(user.found),
				// The Check Hand-Off step's verdict when it ran before, else the replica's open hand-offs.
				handoffOpen: handoff ? handoff.paused === true : Number(user.openHandoffs ?? 0) > 0,
				handoffResumed: handoff?.resumed === true,
				tasks: taskRows((Array.isArray(user.tasks) ? user.tasks : Array.isArray(user.openTasks) ? user.openTasks : []) as Array<{ key?: unknown; fields?: Record<string, unknown> }>),
				userFields: fields ?? {},
				transcript: null,
				context: { ...context },
				statusCallback: statusCallbackOf(message as { statusCallback?: unknown; webhookUrl?: unknown }),
			};
			out.push({ json: { turn } as never, pairedItem: { item: i } });
		} catch (error) {
			out.push(itemFailure(this, error, i));
		}
	}
	return [out];
}

/** The trigger item's statusCallback; an item from an older trigger (a journaled turn replayed after an upgrade) has only its webhookUrl. */
function statusCallbackOf(message: { statusCallback?: unknown; webhookUrl?: unknown }): string | null {
	if (typeof message.statusCallback === 'string' && message.statusCallback !== '') return message.statusCallback;
	return typeof message.webhookUrl === 'string' ? message.webhookUrl : null;
}
