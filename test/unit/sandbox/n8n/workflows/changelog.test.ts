import { SEMVER, compareVersions, parseChangelog } from '../../../../../sandbox/n8n/workflows/changelog';

describe('parseChangelog', () => {
	const text = [
		'# Workflow changelog',
		'Intro that mentions `a.json`.',
		'## `a.json` · A',
		'### 1.1.0 (2026-11-29)',
		'- Added a branch.',
		'### 1.0.0',
		'',
		'## `b.json`',
		'### v2.0.0',
		'- Renamed the webhook.',
		'## Notes',
		'### 9.9.9',
		'- not a workflow section',
	].join('\n');

	it('reads each file section and its version entries', () => {
		const log = parseChangelog(text);
		expect([...log.keys()]).toEqual(['a.json', 'b.json']);
		expect(log.get('a.json')?.get('1.1.0')).toBe('- Added a branch.');
		expect(log.get('b.json')?.get('2.0.0')).toBe('- Renamed the webhook.');
	});

	it('keeps an empty entry empty, so the check can ask for a line', () => {
		expect(parseChangelog(text).get('a.json')?.get('1.0.0')).toBe('');
	});

	it('ignores versions outside a workflow section', () => {
		expect(parseChangelog(text).get('b.json')?.has('9.9.9')).toBe(false);
	});
});

describe('versions', () => {
	it('accepts semantic versions only', () => {
		for (const ok of ['1.0.0', '0.1.0', '10.20.30', '1.0.0-rc.1', '1.0.0+build.5']) expect(SEMVER.test(ok)).toBe(true);
		for (const bad of ['1', '1.0', 'v1.0.0', '01.0.0', '1.0.0.0', '']) expect(SEMVER.test(bad)).toBe(false);
	});

	it('orders by major, minor, patch, a pre-release before its release', () => {
		const sorted = ['1.10.0', '1.2.0', '2.0.0', '1.2.0-rc.1', '0.9.9', '1.2.1'].sort(compareVersions);
		expect(sorted).toEqual(['0.9.9', '1.2.0-rc.1', '1.2.0', '1.2.1', '1.10.0', '2.0.0']);
	});
});
