import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readEndpoints, removeEndpoints, writeEndpoints, type SandboxEndpoints } from '../../../sandbox/endpoints';
import { planPorts } from '../../../sandbox/ports';

const sample: SandboxEndpoints = {
	version: 1,
	startedAt: '2026-11-20T13:00:00.000Z',
	supervisorPid: 123,
	portBase: 5678,
	ports: planPorts(),
	n8n: {
		editorUrl: 'http://127.0.0.1:5678/',
		baseUrl: 'http://127.0.0.1:5678',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook/',
		publicApiUrl: 'http://127.0.0.1:5678/api/v1',
		owner: { email: 'owner@beststag.local', password: 'secret' },
		apiKey: 'key',
		userFolder: '/x',
		logFile: '/x/n8n.log',
		startTimings: { installMs: 1, importMs: 2, bootMs: 3, activateMs: 4, totalMs: 10 },
	},
	portal: { url: 'http://127.0.0.1:5680/', whatsappSimulatorUrl: 'http://127.0.0.1:5680/simulator' },
	whatsappWebhookUrl: 'http://127.0.0.1:5678/webhook/whatsapp/inbound',
	services: {},
	workflows: [],
	coldStartMs: 10,
};

describe('endpoints.json', () => {
	it('round-trips and is readable by its owner only, since it holds sandbox credentials', () => {
		const dir = mkdtempSync(join(tmpdir(), 'endpoints-'));
		const file = writeEndpoints(dir, sample);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readEndpoints(dir)).toEqual(sample);
	});

	it('explains how to start a sandbox when none is running', () => {
		const dir = mkdtempSync(join(tmpdir(), 'endpoints-'));
		writeEndpoints(dir, sample);
		removeEndpoints(dir);
		expect(() => readEndpoints(dir)).toThrow(/No running sandbox: .* Start one with "npm start"/);
	});
});
