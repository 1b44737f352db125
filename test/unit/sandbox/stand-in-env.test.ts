import fc from 'fast-check';

import { PORTAL_ENV } from '../../../portal/env';
import { AIRTABLE_STORE_ENV } from '../../../sandbox/airtable/env';
import { sandboxConfig } from '../../../sandbox/config';
import { ANTHROPIC_STANDIN_ENV, OPENAI_STANDIN_ENV } from '../../../sandbox/llm/env';
import { parseFault, type StandInFault } from '../../../sandbox/llm/faults';
import { planPorts } from '../../../sandbox/ports';
import { loadOrCreateSecrets } from '../../../sandbox/secrets';
import { SANDBOX_SERVICES } from '../../../sandbox/services';
import { envContract, flag, integerWithDefault, optionalText, requiredText } from '../../../sandbox/stand-in/env';
import { TWILIO_STANDIN_ENV } from '../../../sandbox/twilio/env';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('envContract', () => {
	const contract = envContract({
		port: integerWithDefault('X_PORT', 5681),
		token: requiredText('X_TOKEN'),
		baseId: optionalText('X_BASE'),
		loadSchema: flag('X_LOAD', true),
	});

	it('round-trips values through the environment, filling defaults for what was left out', () => {
		const env = contract.toEnv({ token: 'tok', baseId: 'app1' });
		expect(env).toEqual({ X_TOKEN: 'tok', X_BASE: 'app1' });
		expect(contract.fromEnv(env)).toEqual({ port: 5681, token: 'tok', baseId: 'app1', loadSchema: true });
		expect(contract.fromEnv(contract.toEnv({ port: 7000, token: 't', loadSchema: false }))).toEqual({ port: 7000, token: 't', baseId: undefined, loadSchema: false });
	});

	it('names the variable that is missing or malformed', () => {
		expect(() => contract.fromEnv({})).toThrow('X_TOKEN is required.');
		expect(() => contract.fromEnv({ X_TOKEN: ' ' })).toThrow('X_TOKEN is required.');
		expect(() => contract.fromEnv({ X_TOKEN: 't', X_PORT: '56a' })).toThrow('X_PORT must be a whole number, got "56a".');
		expect(() => contract.fromEnv({ X_TOKEN: 't', X_PORT: '1.5' })).toThrow(/X_PORT must be a whole number/);
		expect(() => contract.fromEnv({ X_TOKEN: 't', X_LOAD: 'yes' })).toThrow('X_LOAD must be 1 or 0, got "yes".');
	});

	it('treats an empty variable as unset', () => {
		expect(contract.fromEnv({ X_TOKEN: 't', X_PORT: '', X_BASE: '' })).toMatchObject({ port: 5681, baseId: undefined });
	});
});

describe('the stand-ins’ contracts', () => {
	it('default each port to its place in the port plan', () => {
		const ports = planPorts();
		expect(AIRTABLE_STORE_ENV.fromEnv({ AIRTABLE_STORE_TOKEN: 't' }).port).toBe(ports.airtable);
		expect(TWILIO_STANDIN_ENV.fromEnv({ TWILIO_STANDIN_ACCOUNT_SID: 'AC', TWILIO_STANDIN_AUTH_TOKEN: 't' }).port).toBe(ports.twilio);
		expect(OPENAI_STANDIN_ENV.fromEnv({ OPENAI_STANDIN_KEY: 'k' }).port).toBe(ports.openai);
		expect(ANTHROPIC_STANDIN_ENV.fromEnv({ ANTHROPIC_STANDIN_KEY: 'k' }).port).toBe(ports.anthropic);
		expect(PORTAL_ENV.fromEnv({}).port).toBe(ports.portal);
	});

	it('round-trip Twilio failure rules and Messaging Services in their comma-separated forms', () => {
		const values = {
			accountSid: `AC${'a'.repeat(32)}`,
			authToken: 'secret',
			failures: [
				{ to: 'whatsapp:+5511900000009', errorCode: 63016 },
				{ to: '*', errorCode: 30008, status: 'undelivered' as const },
			],
			messagingServices: [{ sid: `MG${'b'.repeat(32)}`, from: 'whatsapp:+5511900000000' }],
			apiKeySid: `SK${'c'.repeat(32)}`,
			apiKeySecret: 'key-secret',
			readReceipts: true,
			statusDelayMs: 0,
		};
		const env = TWILIO_STANDIN_ENV.toEnv(values);
		expect(env.TWILIO_STANDIN_FAILURES).toBe('whatsapp:+5511900000009=63016,*=30008:undelivered');
		expect(TWILIO_STANDIN_ENV.fromEnv(env)).toMatchObject(values);
	});

	it('round-trip every LLM fault through its *_STANDIN_FAULT text', () => {
		const fault: fc.Arbitrary<StandInFault> = fc.oneof(
			fc.record({ type: fc.constant('rate_limit' as const), retryAfterSeconds: fc.option(fc.nat(3600), { nil: undefined }) }),
			fc.constantFrom<StandInFault>({ type: 'server_error' }, { type: 'overloaded' }),
			fc.record({ type: fc.constant('delay' as const), ms: fc.nat(60_000) }),
			fc.record({ type: fc.constant('answer' as const), value: fc.jsonValue() }),
		);
		fc.assert(
			fc.property(fault, (f) => {
				const env = OPENAI_STANDIN_ENV.toEnv({ apiKey: 'k', fault: f });
				const back = OPENAI_STANDIN_ENV.fromEnv(env).fault!;
				expect(back).toEqual(parseFault(env.OPENAI_STANDIN_FAULT));
				expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(f)));
			}),
		);
	});
});

describe('sandbox/services.ts writes exactly what each main reads', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'services-env-'));
	const config = sandboxConfig('/project', { dataDir });
	const ports = planPorts(20_000);
	const secrets = loadOrCreateSecrets(dataDir, 'owner@example.com');
	const contracts = { airtable: AIRTABLE_STORE_ENV, twilio: TWILIO_STANDIN_ENV, openai: OPENAI_STANDIN_ENV, anthropic: ANTHROPIC_STANDIN_ENV, portal: PORTAL_ENV } as const;

	// The data path's processes (redis-server and the flusher) are not stand-ins: they run under the watchdog.
	const notStandIns = ['redis', 'flusher'];
	it('knows every service: a stand-in with its env contract, or one of the data path processes', () => {
		expect(SANDBOX_SERVICES.map((s) => s.name).filter((name) => !(name in contracts) && !notStandIns.includes(name))).toEqual([]);
	});

	it.each(SANDBOX_SERVICES.filter((s) => s.name in contracts).map((s) => [s.name, s] as const))('%s', (name, service) => {
		const spec = service.spec(config, ports, '/usr/bin/node', secrets);
		const settings = contracts[name as keyof typeof contracts].fromEnv(spec.env) as { port: number };
		expect(settings.port).toBe(ports[name as keyof typeof contracts]);
		expect(spec.healthUrl).toBe(`http://127.0.0.1:${settings.port}/healthz`);
		expect(spec.lifeline).toBe('ipc');
		// Nothing else leaks into a stand-in's environment.
		const names = new Set(Object.values(contracts[name as keyof typeof contracts].vars).map((v) => v.name));
		expect(Object.keys(spec.env).filter((key) => key !== 'PATH' && !names.has(key))).toEqual([]);
	});

	it('gives the Airtable store its sandbox token and base', () => {
		const spec = SANDBOX_SERVICES.find((s) => s.name === 'airtable')!.spec(config, ports, 'node', secrets);
		expect(AIRTABLE_STORE_ENV.fromEnv(spec.env)).toMatchObject({ token: secrets.airtable.token, baseId: secrets.airtable.baseId, dataDir: join(dataDir, 'airtable') });
	});
});
