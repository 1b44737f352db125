import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { DEFAULT_TIME_ZONE } from '../core/datetime';

/**
 * The project's own labelled date set: test/data/datetime/<kind>.json, one file per kind of date/time expression
 * (labelling guide: test/data/datetime/README.md). The unit tests require every case to pass; `beststag bench
 * --suites dates` reports accuracy per kind. Read from disk because the set is test data, not part of the build.
 */

export interface DateCase {
	/** The file's kind, e.g. "weekday-abbreviations". */
	kind: string;
	text: string;
	/** Reference instant, ISO 8601 in UTC. */
	now: string;
	/** IANA zone of the user. */
	timeZone: string;
	/** Expected DateTimeExtraction.datetime. */
	datetime: string | null;
	/** Expected DateTimeExtraction.title. */
	title: string | null;
}

export interface DateKind {
	kind: string;
	description: string;
	/** The reference instant in words, as people check the expectations. */
	reference: string;
	cases: DateCase[];
}

interface RawFile {
	kind?: unknown;
	description?: unknown;
	reference?: unknown;
	now?: unknown;
	timeZone?: unknown;
	cases?: unknown;
}

/** test/data/datetime of the checkout, found from this file both as TypeScript (bench/) and compiled (dist/bench/). */
export function dateSetDir(from: string = __dirname): string {
	for (let dir = from; ; dir = dirname(dir)) {
		const candidate = join(dir, 'test', 'data', 'datetime');
		if (existsSync(candidate)) return candidate;
		if (dirname(dir) === dir) {
			throw new Error(`The date set test/data/datetime was not found above ${from}; run from the development checkout.`);
		}
	}
}

function text(value: unknown, what: string): string {
	if (typeof value !== 'string' || value === '') throw new Error(`${what} must be a non-empty string.`);
	return value;
}

function nullableText(value: unknown, what: string): string | null {
	if (value === null) return null;
	if (typeof value !== 'string') throw new Error(`${what} must be a string or null.`);
	return value;
}

/**
 * Reads every <kind>.json in `dir`, sorted by file name, with each case's `now` and `timeZone` filled from the
 * file's defaults. Throws Error naming the file and the field when a file is malformed (a kind that differs from the
 * file name, a missing text, a missing expected value, an unparseable `now`).
 */
export function loadDateSet(dir: string = dateSetDir()): DateKind[] {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const where = join(dir, name);
			const raw = JSON.parse(readFileSync(where, 'utf8')) as RawFile;
			const kind = text(raw.kind, `${where}: "kind"`);
			if (`${kind}.json` !== name) throw new Error(`${where}: "kind" is "${kind}" but the file is ${name}; they must agree.`);
			if (!Array.isArray(raw.cases) || raw.cases.length === 0) throw new Error(`${where}: "cases" must be a non-empty array.`);
			const cases = (raw.cases as Record<string, unknown>[]).map((c, i): DateCase => {
				const at = `${where}: case ${i}`;
				const now = text(c.now ?? raw.now, `${at} "now" (or the file's "now")`);
				if (Number.isNaN(Date.parse(now))) throw new Error(`${at}: "now" ${now} is not an ISO 8601 instant.`);
				if (!('datetime' in c) || !('title' in c)) throw new Error(`${at}: "datetime" and "title" are both required (null when absent).`);
				return {
					kind,
					text: text(c.text, `${at} "text"`),
					now,
					timeZone: text(c.timeZone ?? raw.timeZone ?? DEFAULT_TIME_ZONE, `${at} "timeZone"`),
					datetime: nullableText(c.datetime, `${at} "datetime"`),
					title: nullableText(c.title, `${at} "title"`),
				};
			});
			return { kind, description: text(raw.description, `${where}: "description"`), reference: text(raw.reference, `${where}: "reference"`), cases };
		});
}

/** Every case of the date set, all kinds together. */
export const DATETIME_FIXTURES: readonly DateCase[] = loadDateSet().flatMap((k) => k.cases);
