import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Command } from 'commander';

import { BESTSTAG_SCHEMA } from '../../airtable-schema';
import { applySchema, planSchema } from '../../airtable-schema/apply';
import { renderSchemaDoc } from '../../airtable-schema/doc';
import { MetadataClient } from '../../airtable-schema/metadata-client';
import { describeChange } from '../../airtable-schema/schema-diff';
import { packageRoot } from '../../nodes/shared/package-info';
import { loadDotEnv, sandboxConfig } from '../../sandbox/config';
import { readEndpoints } from '../../sandbox/endpoints';
import { CliError, EXIT } from '../errors';

interface TargetOptions {
	endpoint?: string;
	token?: string;
	base?: string;
	sandbox?: boolean;
}

/** Real Airtable from flags or .env (AIRTABLE_PAT, AIRTABLE_BASE_ID), or the running sandbox store. */
function target(options: TargetOptions): { client: MetadataClient; where: string } {
	const root = packageRoot();
	loadDotEnv(root);
	if (options.sandbox) {
		const endpoints = readEndpoints(sandboxConfig(root).dataDir);
		const store = endpoints.services.airtable;
		if (!store?.credentials) throw new CliError('The running sandbox has no Airtable store.');
		return {
			client: new MetadataClient({ endpointUrl: store.url, token: store.credentials.token, baseId: store.credentials.baseId }),
			where: `the sandbox store (${store.url}, base ${store.credentials.baseId})`,
		};
	}
	const token = options.token ?? process.env.AIRTABLE_PAT;
	const baseId = options.base ?? process.env.AIRTABLE_BASE_ID;
	const endpointUrl = options.endpoint ?? process.env.AIRTABLE_ENDPOINT_URL ?? 'https://api.airtable.com';
	if (!token || !baseId) {
		throw new CliError('Say which base: --token and --base (or AIRTABLE_PAT and AIRTABLE_BASE_ID in .env), or --sandbox for the running sandbox.', EXIT.usage);
	}
	return { client: new MetadataClient({ endpointUrl, token, baseId }), where: `${endpointUrl} base ${baseId}` };
}

function targetOptions(command: Command): Command {
	return command
		.option('--sandbox', 'use the Airtable store of the running sandbox')
		.option('--endpoint <url>', 'API endpoint (default https://api.airtable.com, or AIRTABLE_ENDPOINT_URL)')
		.option('--token <pat>', 'personal access token with schema.bases:read/write (or AIRTABLE_PAT)')
		.option('--base <id>', 'base id, app... (or AIRTABLE_BASE_ID)');
}

export function registerSchema(program: Command): void {
	const schema = program.command('schema').description('The BestStag Airtable base as code: plan and apply it to a base, regenerate its doc');

	targetOptions(schema.command('plan'))
		.description('Show how a base differs from the schema, without changing anything')
		.action(async (options: TargetOptions) => {
			const { client, where } = target(options);
			const plan = await planSchema(client, BESTSTAG_SCHEMA);
			if (plan.changes.length === 0) {
				console.log(`No changes: ${where} matches schema version ${BESTSTAG_SCHEMA.version}.`);
				return;
			}
			console.log(`Changes for ${where}:`);
			for (const change of plan.changes) console.log(`  ${describeChange(change)}`);
			console.log(`\n${plan.applicable.length} to apply with "schema apply", ${plan.destructive.length} to do by hand (!).`);
		});

	targetOptions(schema.command('apply'))
		.description('Create the missing tables and fields, and update descriptions')
		.option('--allow-destructive', 'go ahead even when the base has drift (!) that apply will not touch')
		.action(async (options: TargetOptions & { allowDestructive?: boolean }) => {
			const { client, where } = target(options);
			const plan = await planSchema(client, BESTSTAG_SCHEMA);
			if (plan.destructive.length > 0 && !options.allowDestructive) {
				for (const change of plan.destructive) console.log(`  ${describeChange(change)}`);
				throw new CliError(`${where} has ${plan.destructive.length} change(s) that would delete, retype or rename (above). Review them, then run again with --allow-destructive to apply the rest; apply never performs them.`);
			}
			const applied = await applySchema(client, BESTSTAG_SCHEMA, plan, (line) => console.log(`  ${line}`));
			console.log(`Applied ${applied} change(s) to ${where}.`);
		});

	schema
		.command('doc')
		.description('Regenerate airtable-schema/SCHEMA.md from the schema code')
		.option('--stdout', 'print the doc instead of writing the file')
		.action((options: { stdout?: boolean }) => {
			const doc = renderSchemaDoc(BESTSTAG_SCHEMA);
			if (options.stdout) {
				process.stdout.write(doc);
				return;
			}
			const file = join(packageRoot(), 'airtable-schema', 'SCHEMA.md');
			writeFileSync(file, doc);
			console.log(`Written ${file}`);
		});
}
