import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };

type Icon = string | { light: string; dark: string };

/** The icon a node or credential class declares, loaded from its TypeScript source. */
async function iconOf(distPath: string): Promise<{ name: string; icon: Icon }> {
	const source = join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const module = (await import(source)) as Record<string, new () => { description?: { icon: Icon; name: string }; icon?: Icon; name: string }>;
	const instance = new (Object.values(module)[0])();
	if (instance.description) return { name: instance.description.name, icon: instance.description.icon };
	return { name: instance.name, icon: instance.icon as Icon };
}

describe('node and credential icons', () => {
	it('every node has a light and a dark icon of its own, and both files exist', async () => {
		const nodes = await Promise.all(packageJson.n8n.nodes.map(iconOf));
		const files = nodes.flatMap(({ icon }) => (typeof icon === 'string' ? [icon] : [icon.light, icon.dark]));
		expect(new Set(files).size).toBe(files.length);
		for (const { name, icon } of nodes) {
			expect({ name, themed: typeof icon === 'object' }).toEqual({ name, themed: true });
		}
		for (const file of files) expect(file).toMatch(/^file:\.\.\/\.\.\/icons\/[\w.]+\.svg$/);
		for (const file of files) expect(existsSync(join(ROOT, 'icons', file.split('/').pop()!))).toBe(true);
	});

	it('every credential names an icon file that exists', async () => {
		for (const { icon } of await Promise.all(packageJson.n8n.credentials.map(iconOf))) {
			const files = typeof icon === 'string' ? [icon] : [icon.light, icon.dark];
			for (const file of files) expect(existsSync(join(ROOT, 'icons', file.split('/').pop()!))).toBe(true);
		}
	});
});
