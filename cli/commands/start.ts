import type { Command } from 'commander';

import { packageRoot } from '../../nodes/shared/package-info';
import { loadDotEnv, sandboxConfig } from '../../sandbox/config';
import { ManagedProcess } from '../../sandbox/process/managed-process';
import { startSandbox, type RunningSandbox } from '../../sandbox/start';
import { EXIT } from '../errors';

function banner(lines: Array<[string, string]>): string {
	const width = Math.max(...lines.map(([label]) => label.length));
	return lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
}

export function registerStart(program: Command): void {
	program
		.command('start')
		.description('Run the whole system offline: n8n with the BestStag package and workflows, plus the local stand-ins')
		.option('--port-base <n>', 'first of the sandbox ports; every other port is an offset from it (default 5678, or BESTSTAG_PORT_BASE)')
		.option('--data-dir <dir>', 'where the sandbox keeps its data (default .sandbox, or BESTSTAG_SANDBOX_DIR)')
		.addHelpText(
			'after',
			'\nPorts (offsets from --port-base): n8n +0, n8n task broker +1, portal +2, Airtable +3, Twilio +4, Google +5,\nMicrosoft +6, Notion +7, Monday +8, Gamma +9, OpenAI +10, Anthropic +11.\nEverything the running system exposes, credentials included, is written to <data-dir>/endpoints.json.',
		)
		.action(async (options: { portBase?: string; dataDir?: string }) => {
			const root = packageRoot();
			const envFile = loadDotEnv(root);
			const config = sandboxConfig(root, options);
			console.log(`BestStag sandbox starting${envFile ? ` (settings from ${envFile})` : ' (offline defaults)'}...`);
			// Handlers go in before anything starts, so Ctrl-C during start-up leaves no orphans.
			const running: { sandbox?: RunningSandbox } = {};
			let interrupts = 0;
			const onSignal = (signal: NodeJS.Signals) => {
				interrupts++;
				if (interrupts > 1) {
					console.log('Forcing stop.');
					ManagedProcess.killAllNow();
					process.exit(EXIT.failure);
				}
				console.log(`\n${signal}: parando / stopping...`);
				if (running.sandbox) {
					void running.sandbox.stop();
				} else {
					void ManagedProcess.stopAll().then(() => process.exit(EXIT.interrupted));
				}
			};
			process.on('SIGINT', onSignal);
			process.on('SIGTERM', onSignal);

			const sandbox = await startSandbox(config);
			running.sandbox = sandbox;
			const e = sandbox.endpoints;
			console.log(
				[
					'',
					`BestStag no ar / is up, em / in ${(e.coldStartMs / 1000).toFixed(1)} s`,
					banner([
						['n8n editor', e.n8n.editorUrl],
						['n8n login', `${e.n8n.owner.email} (password in ${sandbox.endpointsFile})`],
						['webhooks', e.n8n.webhookBaseUrl],
						['portal', e.portal.url],
						['WhatsApp simulator', e.portal.whatsappSimulatorUrl],
						['endpoints', sandbox.endpointsFile],
					]),
					'',
					`Health check: curl ${e.n8n.webhookBaseUrl}beststag/ping`,
					'Ctrl-C para parar / to stop.',
				].join('\n'),
			);
			await sandbox.done;
			console.log('Parado / stopped.');
		});
}
