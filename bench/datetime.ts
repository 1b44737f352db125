import { loadavg } from 'node:os';

import { extractDateTime } from '../core/datetime';
import { loadDateSet, type DateCase, type DateKind } from './date-set';
import { percentile } from './load';

/** Date/time extraction accuracy on the project's own labelled date set (test/data/datetime), per kind. */

export interface DateKindResult {
	kind: string;
	description: string;
	cases: number;
	/** Cases whose datetime and title are both exactly right. */
	exact: number;
	/** Cases whose datetime alone is right. */
	datetimeCorrect: number;
	/** exact / cases, rounded to 3 decimals. */
	accuracy: number;
}

export interface DateMiss {
	kind: string;
	text: string;
	now: string;
	want: { datetime: string | null; title: string | null };
	got: { datetime: string | null; title: string | null };
}

export interface DatesBenchResult {
	cases: number;
	exact: number;
	accuracy: number;
	kinds: DateKindResult[];
	/** Every case that is not exact, so a regression names its input. */
	misses: DateMiss[];
	/** Warm extraction time per message over three passes of the whole set, in microseconds. */
	latencyMicros: { p50: number; p99: number };
	/** 1-minute load average while measuring: on a shared machine the p99 is mostly scheduling. */
	loadAverage: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function run(c: DateCase) {
	const r = extractDateTime(c.text, { now: new Date(c.now), timeZone: c.timeZone });
	return { datetime: r.datetime, title: r.title };
}

/** Scores every case of `kinds` (default: the whole date set read from test/data/datetime); throws what loadDateSet throws. */
export function benchDates(kinds: DateKind[] = loadDateSet()): DatesBenchResult {
	const misses: DateMiss[] = [];
	const results = kinds.map((k): DateKindResult => {
		let exact = 0;
		let datetimeCorrect = 0;
		for (const c of k.cases) {
			const got = run(c);
			if (got.datetime === c.datetime) datetimeCorrect++;
			if (got.datetime === c.datetime && got.title === c.title) exact++;
			else misses.push({ kind: k.kind, text: c.text, now: c.now, want: { datetime: c.datetime, title: c.title }, got });
		}
		return { kind: k.kind, description: k.description, cases: k.cases.length, exact, datetimeCorrect, accuracy: round(exact / k.cases.length) };
	});

	const all = kinds.flatMap((k) => k.cases);
	const micros: number[] = [];
	for (let pass = 0; pass < 3; pass++) {
		for (const c of all) {
			const start = process.hrtime.bigint();
			run(c);
			micros.push(Number(process.hrtime.bigint() - start) / 1000);
		}
	}
	micros.sort((a, b) => a - b);

	const exact = results.reduce((sum, r) => sum + r.exact, 0);
	return {
		cases: all.length,
		exact,
		accuracy: round(exact / all.length),
		kinds: results,
		misses,
		latencyMicros: { p50: Math.round(percentile(micros, 50)), p99: Math.round(percentile(micros, 99)) },
		loadAverage: Math.round(loadavg()[0] * 10) / 10,
	};
}

export function datesMarkdown(measuredAt: string, r: DatesBenchResult): string {
	const lines = [
		'# Date/time extraction by kind',
		'',
		`Measured ${measuredAt} on the project's date set (test/data/datetime, one file per kind; labelling guide in its README).`,
		'A case is exact when both the instant (with the user\'s offset) and the task title are right.',
		'',
		'| kind | cases | exact | datetime right | accuracy |',
		'| --- | ---: | ---: | ---: | ---: |',
		...r.kinds.map((k) => `| ${k.kind} | ${k.cases} | ${k.exact} | ${k.datetimeCorrect} | ${k.accuracy} |`),
		`| **all** | ${r.cases} | ${r.exact} | ${r.kinds.reduce((s, k) => s + k.datetimeCorrect, 0)} | ${r.accuracy} |`,
		'',
		`Extraction latency (warm, per message, three passes): p50 ${r.latencyMicros.p50} µs, p99 ${r.latencyMicros.p99} µs, at a 1-minute load average of ${r.loadAverage}.`,
		'',
	];
	if (r.misses.length > 0) {
		lines.push('Misses:', '', '| kind | text | expected | got |', '| --- | --- | --- | --- |');
		for (const m of r.misses) {
			lines.push(`| ${m.kind} | ${m.text} | ${m.want.datetime} / ${m.want.title} | ${m.got.datetime} / ${m.got.title} |`);
		}
		lines.push('');
	}
	return lines.join('\n');
}
