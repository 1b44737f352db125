/** Exit codes every beststag subcommand uses. */
export const EXIT = {
	ok: 0,
	/** The command ran and failed (a service did not start, a check failed). */
	failure: 1,
	/** The command line itself is wrong (unknown option, bad value). */
	usage: 2,
	/** Stopped by Ctrl-C before it finished starting. */
	interrupted: 130,
} as const;

/** An error whose message is meant for the operator, printed without a stack trace. */
export class CliError extends Error {
	constructor(
		message: string,
		readonly exitCode: number = EXIT.failure,
	) {
		super(message);
		this.name = 'CliError';
	}
}
