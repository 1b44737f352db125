#!/usr/bin/env node
import { Command, CommanderError } from 'commander';

import { packageInfo } from '../nodes/shared/package-info';
import { registerBench } from './commands/bench';
import { registerClassify } from './commands/classify';
import { registerFlusher } from './commands/flusher';
import { registerSchema } from './commands/schema';
import { registerStart } from './commands/start';
import { registerStatus } from './commands/status';
import { registerStore } from './commands/store';
import { registerWorkflows } from './commands/workflows';
import { CliError, EXIT } from './errors';

/** The single entry point for operators: `npx beststag <command>`. */
export function buildProgram(): Command {
	const program = new Command('beststag')
		.description('BestStag operator CLI: run the offline sandbox, benchmarks and maintenance tasks')
		.version(packageInfo().version)
		.showHelpAfterError('(add --help for usage)')
		.exitOverride();
	registerStart(program);
	registerStatus(program);
	registerBench(program);
	registerClassify(program);
	registerSchema(program);
	registerStore(program);
	registerFlusher(program);
	registerWorkflows(program);
	return program;
}

export async function main(argv: string[]): Promise<number> {
	const program = buildProgram();
	try {
		await program.parseAsync(argv);
		return EXIT.ok;
	} catch (error) {
		if (error instanceof CommanderError) {
			// --help and --version end here too, with exit code 0.
			return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
		}
		if (error instanceof CliError) {
			console.error(`beststag: ${error.message}`);
			return error.exitCode;
		}
		console.error(`beststag: ${(error as Error).message}`);
		if (process.env.BESTSTAG_DEBUG) console.error(error);
		return EXIT.failure;
	}
}

if (require.main === module) {
	// `beststag classify --export-corpus | head` closes the pipe early; that is not a failure.
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(EXIT.ok);
		throw error;
	});
	// exitCode, not exit(): a forced exit would cut off output still queued for a pipe.
	void main(process.argv).then((code) => (process.exitCode = code));
}
