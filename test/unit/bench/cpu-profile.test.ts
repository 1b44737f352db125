import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cpuSharesByPackage, packageOf } from '../../../bench/cpu-profile';

describe('cpu-profile: n8n busy time by package', () => {
	it('names the package of a script URL, scoped or not, and V8 pseudo-frames by their names', () => {
		expect(packageOf('file:///x/node_modules/n8n/node_modules/n8n-core/dist/execution-engine/x.js', 'run')).toBe('n8n-core');
		expect(packageOf('file:///x/node_modules/@n8n/db/dist/repo.js', 'save')).toBe('@n8n/db');
		expect(packageOf('node:internal/streams/readable', 'read')).toBe('node:internal');
		expect(packageOf('file:///home/.n8n/nodes/node_modules/n8n-nodes-beststag/dist/nodes/x.js', 'f')).toBe('n8n-nodes-beststag');
		expect(packageOf('', '(garbage collector)')).toBe('(garbage collector)');
		expect(packageOf('', 'compile')).toBe('(native)');
	});

	it('sums self time over every profile in the folder, leaves idle out, busiest first', () => {
		const dir = mkdtempSync(join(tmpdir(), 'cpu-profile-'));
		const frame = (id: number, url: string, functionName = 'f') => ({ id, callFrame: { url, functionName } });
		const nodes = [frame(1, '', '(idle)'), frame(2, 'file:///a/node_modules/n8n-core/x.js'), frame(3, 'file:///a/node_modules/@n8n/db/y.js'), frame(4, '', '(garbage collector)')];
		writeFileSync(join(dir, 'main.cpuprofile'), JSON.stringify({ nodes, samples: [1, 2, 2, 3, 4], timeDeltas: [5000, 3000, 3000, 2000, 2000] }));
		writeFileSync(join(dir, 'runner.cpuprofile'), JSON.stringify({ nodes, samples: [3], timeDeltas: [2000] }));
		writeFileSync(join(dir, 'notes.txt'), 'not a profile');
		expect(cpuSharesByPackage(dir)).toEqual([
			{ where: 'n8n-core', ms: 6, percentOfBusy: 50 },
			{ where: '@n8n/db', ms: 4, percentOfBusy: 33.3 },
			{ where: '(garbage collector)', ms: 2, percentOfBusy: 16.7 },
		]);
	});
});
