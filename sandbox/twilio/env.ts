import { join } from 'node:path';

import { planPorts } from '../ports';
import { custom, envContract, flag, integerWithDefault, optionalInteger, optionalText, requiredText, textWithDefault } from '../stand-in/env';
import { parseFailuresEnv, type FailureRule } from './failures';
import type { MessagingService } from './message-create';

function parseList(raw: string | undefined): string[] {
	return (raw ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
}

/** The environment the stand-in's main reads (see README.md here); services.ts writes it. */
export const TWILIO_STANDIN_ENV = envContract({
	port: integerWithDefault('TWILIO_STANDIN_PORT', planPorts().twilio),
	host: optionalText('TWILIO_STANDIN_HOST'),
	dataDir: textWithDefault('TWILIO_STANDIN_DATA', () => join(process.cwd(), '.sandbox', 'twilio')),
	accountSid: requiredText('TWILIO_STANDIN_ACCOUNT_SID'),
	authToken: requiredText('TWILIO_STANDIN_AUTH_TOKEN'),
	statusDelayMs: optionalInteger('TWILIO_STANDIN_STATUS_DELAY_MS'),
	/** "to=code[:failed|undelivered]", comma-separated. */
	failures: custom<FailureRule[]>('TWILIO_STANDIN_FAILURES', parseFailuresEnv, (rules) =>
		rules.length === 0 ? undefined : rules.map((r) => `${r.to}=${r.errorCode}${r.status ? `:${r.status}` : ''}`).join(','),
	),
	apiKeySid: optionalText('TWILIO_STANDIN_API_KEY_SID'),
	apiKeySecret: optionalText('TWILIO_STANDIN_API_KEY_SECRET'),
	/** "MG…=whatsapp:+55…", comma-separated. */
	messagingServices: custom<MessagingService[]>(
		'TWILIO_STANDIN_MESSAGING_SERVICES',
		(raw) =>
			parseList(raw).map((entry) => {
				const [sid, from] = entry.split('=');
				return { sid, from: from ?? '' };
			}),
		(services) => (services.length === 0 ? undefined : services.map((s) => `${s.sid}=${s.from}`).join(',')),
	),
	readReceipts: flag('TWILIO_STANDIN_READ_RECEIPTS', false),
});
