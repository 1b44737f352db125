/**
 * workflows/CHANGELOG.md: one "## `<file>.json`" section per workflow file, one "### <version>"
 * entry per version, newest first, each with at least one line saying what changed. Pure.
 */

/** Semantic version x.y.z with optional pre-release and build parts (https://semver.org/#backusnaur-form-grammar-for-valid-semver-versions). */
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** Versions with a written entry, per workflow file name. */
export type Changelog = Map<string, Map<string, string>>;

/**
 * Reads the changelog's sections. A section heading names its file in backticks
 * ("## `beststag-ping.json` · BestStag · Ping"); an entry heading starts with the version
 * ("### 1.1.0 (2026-11-29)"). Returns file → version → entry text (empty when nothing is written).
 */
export function parseChangelog(markdown: string): Changelog {
	const changelog: Changelog = new Map();
	let entries: Map<string, string> | undefined;
	let current: { version: string; lines: string[] } | undefined;
	const close = () => {
		if (entries && current) entries.set(current.version, current.lines.join('\n').trim());
		current = undefined;
	};
	for (const line of markdown.split(/\r?\n/)) {
		const section = /^##\s+`([^`]+)`/.exec(line);
		if (section) {
			close();
			entries = changelog.get(section[1]) ?? new Map();
			changelog.set(section[1], entries);
			continue;
		}
		if (/^##\s/.test(line)) {
			close();
			entries = undefined;
			continue;
		}
		const entry = /^###\s+v?(\S+)/.exec(line);
		if (entry && entries) {
			close();
			current = { version: entry[1], lines: [] };
			continue;
		}
		current?.lines.push(line);
	}
	close();
	return changelog;
}

/** Compares two semantic versions by major, minor and patch (pre-release parts sort before the release). */
export function compareVersions(a: string, b: string): number {
	const parse = (v: string) => {
		const [core, pre] = v.split('+')[0].split(/-(.*)/s);
		return { nums: core.split('.').map(Number), pre: pre ?? '' };
	};
	const x = parse(a);
	const y = parse(b);
	for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] - y.nums[i];
	if (x.pre === y.pre) return 0;
	if (!x.pre) return 1;
	if (!y.pre) return -1;
	return x.pre < y.pre ? -1 : 1;
}
