import { existsSync, readFileSync } from 'node:fs';

/** The last `lines` lines of a log file, for an error message; "(no log)" when it does not exist. */
export function logTail(file: string, lines = 30): string {
	if (!existsSync(file)) return '(no log)';
	return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}
