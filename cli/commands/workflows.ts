import { join, relative } from 'node:path';

import type { Command } from 'commander';

import { packageRoot } from '../../nodes/shared/package-info';
import { loadDotEnv, sandboxConfig } from '../../sandbox/config';
import { readEndpoints } from '../../sandbox/endpoints';
import { N8nPublicApi } from '../../sandbox/n8n/public-api';
import { formatProblem } from '../../sandbox/n8n/workflows/check';
import type { UnusedValue } from '../../sandbox/n8n/workflows/normalize';
import { checkFiles, exportToFolder, importFiles, normalizeFiles } from '../../sandbox/n8n/workflows/workspace';
import { CliError, EXIT } from '../errors';

interface InstanceOptions {
	url?: string;
	apiKey?: string;
	dataDir?: string;
}

/** The n8n to talk to: --url and --api-key (or N8N_URL, N8N_API_KEY), else the running sandbox's. */
function instance(options: InstanceOptions): { api: N8nPublicApi; where: string } {
	const root = packageRoot();
	loadDotEnv(root);
	const url = options.url ?? process.env.N8N_URL;
	const key = options.apiKey ?? process.env.N8N_API_KEY;
	if (url || key) {
		if (!url || !key) throw new CliError('Give both --url and --api-key (or N8N_URL and N8N_API_KEY); the key comes from n8n: Settings → n8n API.', EXIT.usage);
		return { api: new N8nPublicApi(url, key), where: url };
	}
	let endpoints;
	try {
		endpoints = readEndpoints(sandboxConfig(root, { dataDir: options.dataDir }).dataDir);
	} catch (error) {
		throw new CliError(`${(error as Error).message} Start the sandbox (npm start), or give --url and --api-key.`);
	}
	return { api: new N8nPublicApi(endpoints.n8n.baseUrl, endpoints.n8n.apiKey), where: `the sandbox's n8n (${endpoints.n8n.baseUrl})` };
}

function instanceOptions(command: Command): Command {
	return command
		.option('--url <url>', "n8n's base URL, e.g. https://n8n.example.com (or N8N_URL); default: the running sandbox")
		.option('--api-key <key>', 'an n8n API key (or N8N_API_KEY)')
		.option('--data-dir <dir>', 'the sandbox data folder, to find the running sandbox (default .sandbox)');
}

const shown = (file: string) => relative(process.cwd(), file) || file;
const describeUnused = (u: UnusedValue) => `node "${u.node}": ${u.path}${u.reason === 'credential-not-used' ? ' (credential not used)' : ''}`;

export function registerWorkflows(program: Command): void {
	const workflows = program
		.command('workflows')
		.description('Keep workflows/ and n8n in step: check and normalize the files, export edits from n8n, import the files into n8n');
	const defaultDir = () => join(packageRoot(), 'workflows');

	workflows
		.command('check')
		.argument('[paths...]', 'workflow files or folders (default: workflows/)')
		.option('--since <commit>', 'also require a higher version for each workflow changed since this git commit (e.g. HEAD, origin/main)')
		.option('--fix', 'normalize the files first (as `workflows normalize` does), then check')
		.description('Validate workflow files: shape, node types and versions, connections, credentials, no secrets or phone numbers, normalized, version and changelog')
		.action((paths: string[], options: { since?: string; fix?: boolean }) => {
			const targets = paths.length ? paths : [defaultDir()];
			if (options.fix) {
				for (const o of normalizeFiles(targets, { projectRoot: packageRoot() })) if (o.changed) console.log(`normalized ${shown(o.file)}`);
			}
			const reports = checkFiles(targets, { projectRoot: packageRoot(), since: options.since });
			let count = 0;
			for (const report of reports) {
				for (const problem of report.problems) console.error(formatProblem(report.file, problem));
				count += report.problems.length;
				if (report.problems.length === 0) console.log(`ok   ${report.file}`);
			}
			if (count > 0) throw new CliError(`${count} problem(s) in ${reports.filter((r) => r.problems.length).length} of ${reports.length} workflow file(s).`);
		});

	workflows
		.command('normalize')
		.argument('[paths...]', 'workflow files or folders (default: workflows/)')
		.option('--drop-unused', 'also drop values n8n would drop (parameters the node does not use as set); without it such files are left alone')
		.description('Rewrite workflow files as n8n saves them: only parameters someone set, stable key order, nothing volatile (run `npm run build` first)')
		.action((paths: string[], options: { dropUnused?: boolean }) => {
			const outcomes = normalizeFiles(paths.length ? paths : [defaultDir()], { projectRoot: packageRoot(), dropUnused: options.dropUnused });
			let refused = 0;
			for (const o of outcomes) {
				if (o.error) {
					refused++;
					console.error(`${shown(o.file)}: not normalized: ${o.error}`);
				} else if (o.unused.length > 0 && !options.dropUnused) {
					refused++;
					console.error(`${shown(o.file)}: left unchanged: it sets values n8n would drop (${o.unused.map(describeUnused).join('; ')}). Fix them, or rerun with --drop-unused.`);
				} else {
					console.log(`${o.changed ? 'normalized' : 'unchanged '} ${shown(o.file)}${o.addedVersion ? ` (version ${o.addedVersion} added: give it a changelog entry)` : ''}`);
				}
			}
			if (refused > 0) throw new CliError(`${refused} file(s) not normalized.`);
		});

	instanceOptions(workflows.command('export'))
		.option('--dir <dir>', 'the workflows folder (default: workflows/)')
		.option('--include-new', 'also write workflows that exist only in n8n, as new files')
		.option('--dry-run', 'say what would change without writing')
		.description('Pull the workflows edited in n8n back into workflows/ (matched by id, then name), normalized')
		.action(async (options: InstanceOptions & { dir?: string; includeNew?: boolean; dryRun?: boolean }) => {
			const { api, where } = instance(options);
			const outcomes = await exportToFolder(api, options.dir ?? defaultDir(), { projectRoot: packageRoot(), includeNew: options.includeNew, dryRun: options.dryRun });
			console.log(`From ${where}:`);
			for (const o of outcomes) {
				const note =
					o.status === 'missing'
						? ' (not in n8n: import it with `beststag workflows import`)'
						: o.status === 'new' && !options.includeNew
							? ' (only in n8n: --include-new writes it)'
							: '';
				console.log(`${o.status.padEnd(9)} ${shown(o.file)}  ${o.name}${note}`);
				for (const u of o.unused) console.log(`          dropped ${describeUnused(u)}`);
			}
			if (outcomes.some((o) => o.status === 'updated' || (o.status === 'new' && options.includeNew))) {
				console.log('Review the diff, raise meta.beststag.version with a changelog entry, then run `beststag workflows check`.');
			}
		});

	instanceOptions(workflows.command('import'))
		.argument('[paths...]', 'workflow files or folders (default: workflows/)')
		.option('--skip-check', 'import even when `workflows check` finds problems')
		.description('Load workflow files into n8n (update by id or name, else create), publishing those marked "active": true')
		.action(async (paths: string[], options: InstanceOptions & { skipCheck?: boolean }) => {
			const { api, where } = instance(options);
			const { refused, outcomes } = await importFiles(api, paths.length ? paths : [defaultDir()], { projectRoot: packageRoot(), skipCheck: options.skipCheck });
			if (refused.length > 0) {
				for (const report of refused) for (const problem of report.problems) console.error(formatProblem(report.file, problem));
				throw new CliError('Nothing imported: fix the problems above (or pass --skip-check).');
			}
			console.log(`Into ${where}:`);
			for (const o of outcomes) console.log(`${o.action.padEnd(8)} ${o.id}  ${o.name}${o.activation ? ` (${o.activation})` : ''}`);
		});
}
