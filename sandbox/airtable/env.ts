import { join } from 'node:path';

import { planPorts } from '../ports';
import { envContract, flag, integerWithDefault, optionalInteger, optionalText, requiredText, textWithDefault } from '../stand-in/env';

/** The environment the store's main reads (see README.md here); services.ts writes it. */
export const AIRTABLE_STORE_ENV = envContract({
	port: integerWithDefault('AIRTABLE_STORE_PORT', planPorts().airtable),
	dataDir: textWithDefault('AIRTABLE_STORE_DATA', () => join(process.cwd(), '.sandbox', 'airtable')),
	token: requiredText('AIRTABLE_STORE_TOKEN'),
	baseId: optionalText('AIRTABLE_STORE_BASE_ID'),
	/** Requests per second per base; 0 turns the limit off. */
	rateLimitPerSecond: optionalInteger('AIRTABLE_STORE_RATE_LIMIT'),
	/** Milliseconds a base keeps answering 429 after one (Airtable: 30 s); 0 forgives at once. */
	rateLimitPenaltyMs: optionalInteger('AIRTABLE_STORE_RATE_LIMIT_PENALTY_MS'),
	/** 0 starts with an empty base. */
	loadSchema: flag('AIRTABLE_STORE_LOAD_SCHEMA', true),
});
