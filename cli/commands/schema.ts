import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Command } from 'commander';

import { BESTSTAG_SCHEMA } from '../../airtable-schema';
import { renderSchemaDoc } from '../../airtable-schema/doc';
import { packageRoot } from '../../core/runtime/package-info';

export function registerSchema(program: Command): void {
	const schema = program.command('schema').description('The BestStag Airtable base as code: its doc, and (with the store) plan/apply');
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
