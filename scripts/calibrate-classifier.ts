/**
 * Regenerates core/classifier/threshold.ts from a fresh calibration (core/classifier/calibration.ts):
 * 5-fold cross-validation on the train split. It writes a file, so it lives here and not in the fs-free core.
 *
 *   npm run calibrate:classifier          builds, then writes core/classifier/threshold.ts
 *   node dist/scripts/calibrate-classifier.js   prints the file without writing it
 *
 * Throws (exits non-zero) when no package.json is found above the script, i.e. when it runs outside the repository.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { calibrateThreshold, renderThresholdFile } from '../core/classifier/calibration';
import { splitCorpus } from '../core/classifier/corpus';

/** The repository root, found from this file whether it runs from scripts/ or from dist/scripts/. */
function repositoryRoot(): string {
	let dir = __dirname;
	while (!existsSync(join(dir, 'package.json'))) {
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`No package.json above ${__dirname}; run the calibration from inside the repository.`);
		dir = parent;
	}
	return dir;
}

const file = renderThresholdFile(calibrateThreshold(splitCorpus().train));
if (process.argv.includes('--write')) {
	const target = join(repositoryRoot(), 'core', 'classifier', 'threshold.ts');
	writeFileSync(target, file);
	process.stdout.write(`Wrote ${target}\n`);
} else {
	process.stdout.write(file);
}
