import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { EnvValues } from '../stand-in/env';
import { runStandInMain } from '../stand-in/main';
import { checkPort, serveStandIn } from '../stand-in/server';
import { parseAddress } from './addresses';
import { createCallbackSender } from './callbacks';
import { ContentService, type SeedTemplate } from './content';
import { TwilioDatabase } from './database';
import { TWILIO_STANDIN_ENV } from './env';
import { SANDBOX_REMINDER_TEMPLATES } from './reminder-templates';
import { checkFailureRules, FailureRules, type FailureRule } from './failures';
import { isSid } from './ids';
import { InboundMediaService } from './inbound-media';
import { Lifecycle } from './lifecycle';
import { MessageService, type MessagingService } from './messages';
import { twilioHandler, type ApiKey } from './router';

/**
 * The local Twilio: an HTTP server that answers the parts of Twilio's REST API BestStag's WhatsApp
 * nodes use (Messages, Content API), from a SQLite file, with signed status callbacks. The official
 * client reaches it through client.ts's twilioClientFor(). See README.md here.
 */

export interface TwilioStandInOptions {
	/** 0 picks a free port. */
	port: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Where the SQLite file (twilio.sqlite) lives; created if missing. */
	dataDir: string;
	/** The account clients authenticate as: "AC" + 32 hex digits. */
	accountSid: string;
	authToken: string;
	/** Time each message spends in a status before the next one. Default 200 ms. */
	statusDelayMs?: number;
	/** Recipients whose messages fail, and how. The admin endpoint can replace them while running. */
	failures?: FailureRule[];
	/** API keys accepted as Basic credentials besides AccountSid:AuthToken. */
	apiKeys?: ApiKey[];
	/** Messaging Services a message may name instead of From, each with its sender. */
	messagingServices?: MessagingService[];
	/** After delivered, WhatsApp messages also become read. Default false. */
	readReceipts?: boolean;
	/** Content templates to create at start-up (kept if their SID already exists). */
	templates?: SeedTemplate[];
	/** The clock for dates. */
	now?: () => Date;
}

export interface RunningTwilioStandIn {
	/** http://127.0.0.1:port, for twilioClientFor(). */
	url: string;
	accountSid: string;
	authToken: string;
	/** Replaces the failure rules, as PUT /standin/v1/Failures does. */
	setFailures(rules: FailureRule[]): void;
	close(): Promise<void>;
}

const DEFAULT_STATUS_DELAY_MS = 200;

function checkOptions(options: TwilioStandInOptions): number {
	if (!isSid('AC', options.accountSid)) {
		throw new Error(`The Twilio stand-in needs an account SID: "AC" followed by 32 hex digits (TWILIO_STANDIN_ACCOUNT_SID), got "${options.accountSid}".`);
	}
	if (typeof options.authToken !== 'string' || options.authToken.trim() === '') {
		throw new Error('The Twilio stand-in needs an auth token: the secret clients will send with the account SID (TWILIO_STANDIN_AUTH_TOKEN).');
	}
	checkPort('Twilio stand-in', options.port);
	const delay = options.statusDelayMs ?? DEFAULT_STATUS_DELAY_MS;
	if (!Number.isInteger(delay) || delay < 0) throw new RangeError(`statusDelayMs must be a whole number of milliseconds (0 or more), got ${delay}.`);
	for (const key of options.apiKeys ?? []) {
		if (!isSid('SK', key.sid) || !key.secret) throw new Error(`API key "${key.sid}" needs an "SK" + 32 hex digits SID and a non-empty secret.`);
	}
	for (const service of options.messagingServices ?? []) {
		if (!isSid('MG', service.sid) || !parseAddress(service.from)) {
			throw new Error(`Messaging Service "${service.sid}" needs an "MG" + 32 hex digits SID and a sender such as "whatsapp:+5511900000000".`);
		}
	}
	return delay;
}

export async function startTwilioStandIn(options: TwilioStandInOptions): Promise<RunningTwilioStandIn> {
	const delayMs = checkOptions(options);
	const failures = new FailureRules(checkFailureRules(options.failures ?? []));
	const clock = options.now ?? (() => new Date());
	const now = () => clock().getTime();
	mkdirSync(options.dataDir, { recursive: true });
	const db = new TwilioDatabase(join(options.dataDir, 'twilio.sqlite'));
	const stop = new AbortController();
	try {
		const contents = new ContentService(db, options.accountSid, now);
		contents.seed(options.templates ?? []);
		const lifecycle = new Lifecycle({
			db,
			delayMs,
			readReceipts: options.readReceipts ?? false,
			now,
			send: createCallbackSender(options.authToken, stop.signal),
			signal: stop.signal,
		});
		const messages = new MessageService({
			db,
			accountSid: options.accountSid,
			contents,
			failures,
			lifecycle,
			messagingServices: options.messagingServices ?? [],
			now,
		});
		const served = await serveStandIn({
			label: 'Twilio stand-in',
			port: options.port,
			host: options.host,
			handler: twilioHandler({
				accountSid: options.accountSid,
				authToken: options.authToken,
				apiKeys: options.apiKeys ?? [],
				messages,
				contents,
				inboundMedia: new InboundMediaService(db.sql, options.accountSid, now),
				failures,
				startedMs: now(),
			}),
			// Timers and callbacks stop first, so nothing writes to the database after it closes.
			onClosing: async () => {
				stop.abort();
				await lifecycle.drain();
			},
			onClose: () => db.close(),
		});
		lifecycle.resume();
		return {
			url: served.url,
			accountSid: options.accountSid,
			authToken: options.authToken,
			setFailures: (rules) => failures.replace(checkFailureRules(rules)),
			close: served.close,
		};
	} catch (error) {
		stop.abort();
		db.close();
		throw error;
	}
}

/** The stand-in's options from its environment contract (env.ts). */
function fromEnv({ apiKeySid, apiKeySecret, ...settings }: EnvValues<(typeof TWILIO_STANDIN_ENV)['vars']>): TwilioStandInOptions {
	return { ...settings, apiKeys: apiKeySid ? [{ sid: apiKeySid, secret: apiKeySecret ?? '' }] : [], templates: SANDBOX_REMINDER_TEMPLATES };
}

if (require.main === module) void runStandInMain({ name: 'twilio stand-in', env: TWILIO_STANDIN_ENV, start: (env) => startTwilioStandIn(fromEnv(env)), describe: (s) => `(account ${s.accountSid})` });
