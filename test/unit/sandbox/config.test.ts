import { sandboxConfig } from '../../../sandbox/config';

describe('sandboxConfig', () => {
	const root = '/repo';

	it('runs fully local with nothing set', () => {
		expect(sandboxConfig(root, {}, {})).toEqual({
			projectRoot: root,
			portBase: 5678,
			dataDir: '/repo/.sandbox',
			ownerEmail: 'owner@beststag.local',
			n8nLogLevel: 'warn',
			echoN8nLogs: false,
		});
	});

	it('prefers the command line over .env values', () => {
		const config = sandboxConfig(root, { portBase: '7000', dataDir: '/tmp/x' }, { BESTSTAG_PORT_BASE: '6000', BESTSTAG_SANDBOX_DIR: 'other' });
		expect(config.portBase).toBe(7000);
		expect(config.dataDir).toBe('/tmp/x');
	});

	it('reads the environment when no flag is given', () => {
		const config = sandboxConfig(root, {}, { BESTSTAG_PORT_BASE: '6000', BESTSTAG_SANDBOX_DIR: 'state', BESTSTAG_N8N_LOG_LEVEL: 'debug' });
		expect(config).toMatchObject({ portBase: 6000, dataDir: '/repo/state', n8nLogLevel: 'debug' });
	});

	it('names the bad setting in its errors', () => {
		expect(() => sandboxConfig(root, { portBase: 'abc' }, {})).toThrow('--port-base must be a whole number, got "abc"');
		expect(() => sandboxConfig(root, {}, { BESTSTAG_PORT_BASE: '12.5' })).toThrow('BESTSTAG_PORT_BASE must be a whole number');
		expect(() => sandboxConfig(root, {}, { BESTSTAG_N8N_LOG_LEVEL: 'loud' })).toThrow(/BESTSTAG_N8N_LOG_LEVEL must be one of/);
	});
});
