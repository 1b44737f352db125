import net from 'node:net';

import type { PortPlan } from './ports';

/** Whether something already listens on this loopback port. */
export function inUse(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(true));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
	});
}

/** Fails early, naming every busy port, instead of letting one service die half-way through start-up. */
export async function assertPortsFree(ports: PortPlan, names: Array<keyof PortPlan>): Promise<void> {
	const busy: string[] = [];
	for (const name of names) if (await inUse(ports[name])) busy.push(`${name} (${ports[name]})`);
	if (busy.length > 0) {
		throw new Error(
			`These sandbox ports are already in use: ${busy.join(', ')}. Stop whatever holds them (another "npm start"?) or move every port with --port-base N.`,
		);
	}
}
