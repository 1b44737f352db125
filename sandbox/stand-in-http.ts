import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Server-side pieces every local stand-in (Airtable, Twilio, OpenAI, Anthropic) needs alike. */

/** Resolves with the bound address once listening; rejects on EADDRINUSE and the like. */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address() as AddressInfo);
		});
	});
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares secrets in constant time (hashing first makes the lengths equal). */
export function secretEquals(given: string, expected: string): boolean {
	return timingSafeEqual(digest(given), digest(expected));
}
