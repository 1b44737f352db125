import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

import { PACKAGE_NAME } from '../../nodes/shared/package-info';

const run = promisify(execFile);

export interface InstalledPackage {
	dir: string;
	/** Digest of package.json and dist/, which is what npm pack ships. */
	buildSha256: string;
	/** False when the same build was already installed and nothing was done. */
	changed: boolean;
}

/**
 * Installs this package into `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-beststag` the way a
 * self-hosted user does: `npm pack` the build, then `npm install` the tarball in n8n's nodes folder.
 * n8n-workflow stays a peer, provided by n8n itself (--legacy-peer-deps keeps npm from adding a copy).
 */
export async function installPackageIntoN8n(projectRoot: string, userFolder: string): Promise<InstalledPackage> {
	if (!existsSync(join(projectRoot, 'dist'))) {
		throw new Error(`No build found in ${projectRoot}/dist. Run "npm run setup" (or "npm run build") first.`);
	}
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const dir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	const marker = join(nodesDir, '.beststag-installed');
	const buildSha256 = digestBuild(projectRoot);
	if (existsSync(dir) && existsSync(marker) && readFileSync(marker, 'utf8') === buildSha256) {
		return { dir, buildSha256, changed: false };
	}

	const packDir = join(userFolder, 'pack');
	mkdirSync(nodesDir, { recursive: true });
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	const npmEnv = { ...process.env, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
	await run('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: projectRoot, env: npmEnv });
	const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack produced no tarball in ${packDir}.`);
	const tarballPath = join(packDir, tarball);

	const manifest = join(nodesDir, 'package.json');
	if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	try {
		await run(
			'npm',
			['install', tarballPath, '--legacy-peer-deps', '--prefer-offline', '--ignore-scripts', '--no-package-lock', '--omit=dev'],
			{ cwd: nodesDir, env: npmEnv },
		);
	} catch (error) {
		const stderr = (error as { stderr?: string }).stderr ?? '';
		throw new Error(`Installing ${PACKAGE_NAME} into ${nodesDir} failed: ${stderr.trim().split('\n').slice(-5).join(' | ')}`);
	}
	writeFileSync(marker, buildSha256);
	return { dir, buildSha256, changed: true };
}

/** Hashes what npm pack would ship, so an unchanged build is not packed and installed again. */
function digestBuild(projectRoot: string): string {
	const hash = createHash('sha256');
	const add = (path: string) => {
		if (statSync(path).isDirectory()) {
			for (const entry of readdirSync(path).sort()) add(join(path, entry));
		} else {
			hash.update(relative(projectRoot, path)).update('\0').update(readFileSync(path));
		}
	};
	add(join(projectRoot, 'package.json'));
	add(join(projectRoot, 'dist'));
	return hash.digest('hex');
}
