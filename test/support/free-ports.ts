import { inUse } from '../../sandbox/port-check';

/** Finds `count` consecutive free loopback ports, so a test never collides with a running sandbox. */
export async function freePortBlock(count: number): Promise<number> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const base = 20_000 + Math.floor(Math.random() * 20_000);
		let ok = true;
		for (let p = base; p < base + count && ok; p++) ok = !(await inUse(p));
		if (ok) return base;
	}
	throw new Error(`No block of ${count} free ports found between 20000 and 40000.`);
}
