import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { newOwnerLogin, type OwnerLogin } from './n8n/owner';

/** Sandbox-only secrets, generated once and kept so logins and keys survive restarts. */
export interface SandboxSecrets {
	owner: OwnerLogin;
	n8nApiKey?: string;
	n8nEncryptionKey: string;
	/** The local Airtable store's personal access token and base id. */
	airtable: { token: string; baseId: string };
	/** The Twilio stand-in's account. */
	twilio: { accountSid: string; authToken: string };
	/** API keys of the OpenAI and Anthropic stand-ins. */
	llm: { openaiKey: string; anthropicKey: string };
}

function newLlmSecrets(): SandboxSecrets['llm'] {
	return { openaiKey: `sk-sandbox-${randomAlnum(32)}`, anthropicKey: `sk-ant-sandbox-${randomAlnum(32)}` };
}

function newTwilioSecrets(): SandboxSecrets['twilio'] {
	return { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
	return Array.from(randomBytes(length), (b) => ALNUM[b % ALNUM.length]).join('');
}

function newAirtableSecrets(): SandboxSecrets['airtable'] {
	// Shaped like Airtable's own: pat<14>.<64 hex>, app<14>.
	return { token: `pat${randomAlnum(14)}.${randomBytes(32).toString('hex')}`, baseId: `app${randomAlnum(14)}` };
}

export function loadOrCreateSecrets(dataDir: string, ownerEmail: string): SandboxSecrets {
	const file = join(dataDir, 'secrets.json');
	if (existsSync(file)) {
		const saved = JSON.parse(readFileSync(file, 'utf8')) as SandboxSecrets;
		let changed = false;
		if (saved.owner.email !== ownerEmail) {
			saved.owner = newOwnerLogin(ownerEmail);
			changed = true;
		}
		if (!saved.airtable) {
			saved.airtable = newAirtableSecrets();
			changed = true;
		}
		if (!saved.twilio) {
			saved.twilio = newTwilioSecrets();
			changed = true;
		}
		if (!saved.llm) {
			saved.llm = newLlmSecrets();
			changed = true;
		}
		if (changed) saveSecrets(dataDir, saved);
		return saved;
	}
	const created: SandboxSecrets = {
		owner: newOwnerLogin(ownerEmail),
		n8nEncryptionKey: randomBytes(24).toString('base64url'),
		airtable: newAirtableSecrets(),
		twilio: newTwilioSecrets(),
		llm: newLlmSecrets(),
	};
	saveSecrets(dataDir, created);
	return created;
}

export function saveSecrets(dataDir: string, secrets: SandboxSecrets): void {
	mkdirSync(dataDir, { recursive: true });
	writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
}
