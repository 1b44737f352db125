import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { newOwnerLogin, type OwnerLogin } from './n8n/owner';

/** Sandbox-only secrets, generated once and kept so logins and keys survive restarts. */
export interface SandboxSecrets {
	owner: OwnerLogin;
	n8nApiKey?: string;
	n8nEncryptionKey: string;
}

export function loadOrCreateSecrets(dataDir: string, ownerEmail: string): SandboxSecrets {
	const file = join(dataDir, 'secrets.json');
	if (existsSync(file)) {
		const saved = JSON.parse(readFileSync(file, 'utf8')) as SandboxSecrets;
		if (saved.owner.email === ownerEmail) return saved;
		saved.owner = newOwnerLogin(ownerEmail);
		saveSecrets(dataDir, saved);
		return saved;
	}
	const created: SandboxSecrets = {
		owner: newOwnerLogin(ownerEmail),
		n8nEncryptionKey: randomBytes(24).toString('base64url'),
	};
	saveSecrets(dataDir, created);
	return created;
}

export function saveSecrets(dataDir: string, secrets: SandboxSecrets): void {
	mkdirSync(dataDir, { recursive: true });
	writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
}
