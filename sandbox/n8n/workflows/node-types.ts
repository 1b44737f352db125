/**
 * The node and credential types a workflow file may use, loaded the way n8n knows them: this
 * package's own nodes and credentials (package.json "n8n"), n8n-nodes-base and, when installed,
 * @n8n/n8n-nodes-langchain (their published `dist/types/nodes.json` and `credentials.json`, the
 * descriptions n8n's editor is served). An adapter: it reads files; the checks that use it are pure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { INodeType, INodeTypeDescription, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

/** What the workflow checks and the normalizer need to know about installed node types. */
export interface NodeTypeRegistry {
	/** The description of `type` at `version`, or undefined when that type or version is unknown. */
	describe(type: string, version: number): INodeTypeDescription | undefined;
	/** Every version known for `type` (empty when the type is unknown), ascending. */
	versions(type: string): number[];
	/** True when a credential type of this name is installed. */
	hasCredentialType(name: string): boolean;
	/** The packages whose types were loaded, for messages ("n8n-nodes-base, n8n-nodes-beststag"). */
	readonly packages: string[];
	/** The same types in the shape n8n-workflow's Workflow class asks for. */
	readonly nodeTypes: INodeTypes;
}

const versionsOf = (description: INodeTypeDescription): number[] =>
	Array.isArray(description.version) ? description.version : [description.version];

/** Builds a registry from descriptions keyed by full type name ("n8n-nodes-base.webhook"). */
export function registryFromDescriptions(
	descriptions: Map<string, INodeTypeDescription[]>,
	credentialTypes: Iterable<string>,
	packages: string[],
): NodeTypeRegistry {
	const credentials = new Set(credentialTypes);
	const describe = (type: string, version: number) => descriptions.get(type)?.find((d) => versionsOf(d).includes(version));
	const asNodeType = (description: INodeTypeDescription | undefined): INodeType | undefined =>
		description ? ({ description } as INodeType) : undefined;
	const nodeTypes: INodeTypes = {
		getByName: (type: string) => asNodeType(descriptions.get(type)?.[0]) as INodeType,
		getByNameAndVersion: (type: string, version?: number) =>
			asNodeType(version === undefined ? descriptions.get(type)?.[0] : describe(type, version)) as INodeType,
		getKnownTypes: () => ({}),
	};
	return {
		describe,
		versions: (type) => [...new Set((descriptions.get(type) ?? []).flatMap(versionsOf))].sort((a, b) => a - b),
		hasCredentialType: (name) => credentials.has(name),
		packages,
		nodeTypes,
	};
}

interface PackageJson {
	name: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

function readJson<T>(file: string): T {
	return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The folder of an installed package, looked up from `fromDir` as Node resolves it; undefined when absent. */
function packageDir(name: string, fromDir: string): string | undefined {
	try {
		return dirname(require.resolve(`${name}/package.json`, { paths: [fromDir] }));
	} catch {
		return undefined;
	}
}

/** Instances of every class a module exports (n8n loads node and credential classes the same way). */
function exportedInstances(file: string): unknown[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(file) as Record<string, unknown>;
	return Object.values(module)
		.filter((value): value is new () => unknown => typeof value === 'function')
		.map((Class) => new Class());
}

function nodeDescriptions(instance: unknown): INodeTypeDescription[] {
	const versioned = instance as Partial<IVersionedNodeType>;
	if (versioned.nodeVersions) return Object.values(versioned.nodeVersions).map((n) => n.description as INodeTypeDescription);
	const description = (instance as Partial<INodeType>).description;
	return description ? [description as INodeTypeDescription] : [];
}

export interface LoadNodeTypesOptions {
	/** The folder holding this package's package.json. */
	projectRoot: string;
	/**
	 * Where this package's nodes come from: 'dist' (the built files package.json lists, what n8n
	 * runs) or 'source' (the matching .ts files; for tests under ts-jest, never stale). Default: the
	 * same as this module's own (source under ts-jest, dist when built).
	 */
	from?: 'dist' | 'source';
}

/**
 * Loads this package's node and credential types plus those of n8n-nodes-base and, when installed,
 * @n8n/n8n-nodes-langchain. Throws when n8n-nodes-base is not installed or a listed node file is
 * missing (run `npm run build` first for 'dist').
 */
export function loadNodeTypes(options: LoadNodeTypesOptions): NodeTypeRegistry {
	const { projectRoot } = options;
	const descriptions = new Map<string, INodeTypeDescription[]>();
	const credentialTypes: string[] = [];
	const packages: string[] = [];
	const add = (type: string, description: INodeTypeDescription) => {
		const list = descriptions.get(type) ?? [];
		list.push(description);
		descriptions.set(type, list);
	};

	const own = readJson<PackageJson>(join(projectRoot, 'package.json'));
	const from = options.from ?? (__filename.endsWith('.ts') ? 'source' : 'dist');
	const builtPath = (file: string) =>
		from === 'source' ? join(projectRoot, file.replace(/^dist\//, '').replace(/\.js$/, '.ts')) : join(projectRoot, file);
	for (const file of own.n8n?.nodes ?? []) {
		const path = builtPath(file);
		if (!existsSync(path)) throw new Error(`${own.name} lists the node ${file}, but ${path} does not exist; run \`npm run build\`.`);
		for (const instance of exportedInstances(path)) for (const d of nodeDescriptions(instance)) add(`${own.name}.${d.name}`, d);
	}
	for (const file of own.n8n?.credentials ?? []) {
		const path = builtPath(file);
		if (!existsSync(path)) throw new Error(`${own.name} lists the credential ${file}, but ${path} does not exist; run \`npm run build\`.`);
		for (const instance of exportedInstances(path)) {
			const name = (instance as { name?: unknown }).name;
			if (typeof name === 'string') credentialTypes.push(name);
		}
	}
	packages.push(own.name);

	for (const name of ['n8n-nodes-base', '@n8n/n8n-nodes-langchain']) {
		const dir = packageDir(name, projectRoot);
		if (!dir) {
			if (name === 'n8n-nodes-base') throw new Error('n8n-nodes-base is not installed; run `npm run setup`.');
			continue;
		}
		const nodesFile = join(dir, 'dist', 'types', 'nodes.json');
		const credentialsFile = join(dir, 'dist', 'types', 'credentials.json');
		if (!existsSync(nodesFile)) continue;
		for (const d of readJson<INodeTypeDescription[]>(nodesFile)) add(`${name}.${d.name}`, d);
		if (existsSync(credentialsFile)) for (const c of readJson<Array<{ name: string }>>(credentialsFile)) credentialTypes.push(c.name);
		packages.push(name);
	}
	return registryFromDescriptions(descriptions, credentialTypes, packages);
}
