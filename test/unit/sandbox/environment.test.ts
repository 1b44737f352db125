import { n8nEnvironment, OFFLINE_DISABLED_MODULES } from '../../../sandbox/n8n/environment';

const options = {
	userFolder: '/data/n8n',
	nodeBinary: '/opt/node24/bin/node',
	port: 6000,
	taskBrokerPort: 6001,
	owner: { email: 'owner@example.com', passwordHash: '$2a$10$abc' },
};

describe('n8nEnvironment', () => {
	it('keeps n8n on loopback with every call-home switched off', () => {
		const env = n8nEnvironment(options, { PATH: '/usr/bin', SECRET_TOKEN: 'x' });
		expect(env).toMatchObject({
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: '6000',
			N8N_RUNNERS_BROKER_PORT: '6001',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DISABLED_MODULES: OFFLINE_DISABLED_MODULES.join(','),
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_WEBHOOK_URL: 'http://127.0.0.1:6000/',
		});
		expect(OFFLINE_DISABLED_MODULES).toContain('mcp-registry');
	});

	it('does not leak unrelated variables from the parent environment', () => {
		expect(n8nEnvironment(options, { PATH: '/usr/bin', SECRET_TOKEN: 'x' })).not.toHaveProperty('SECRET_TOKEN');
	});

	it('puts Node 24 first on PATH, because n8n starts its task runner as plain `node`', () => {
		expect(n8nEnvironment(options, { PATH: '/usr/bin' }).PATH).toBe('/opt/node24/bin:/usr/bin');
	});

	it('provisions the owner from the environment', () => {
		expect(n8nEnvironment(options, {})).toMatchObject({
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: 'owner@example.com',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: '$2a$10$abc',
		});
	});

	it('lets tuning and extra settings override the defaults', () => {
		const env = n8nEnvironment({ ...options, tuning: { N8N_DISABLED_MODULES: 'mcp-registry,insights' }, extra: { N8N_LOG_LEVEL: 'debug' } }, {});
		expect(env.N8N_DISABLED_MODULES).toBe('mcp-registry,insights');
		expect(env.N8N_LOG_LEVEL).toBe('debug');
	});
});
