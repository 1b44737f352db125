export interface WaitOptions {
	timeoutMs: number;
	intervalMs?: number;
	/** Which status codes count as ready; 2xx by default. */
	accept?: (status: number) => boolean;
	method?: string;
	headers?: Record<string, string>;
	/** Stop waiting early, e.g. when the process being waited on has exited. */
	abortIf?: () => string | undefined;
}

/** Polls a URL until it answers an accepted status, or throws with the last failure. */
export async function waitForHttp(url: string, options: WaitOptions): Promise<void> {
	const accept = options.accept ?? ((status) => status >= 200 && status < 300);
	const deadline = Date.now() + options.timeoutMs;
	let last = 'no answer yet';
	while (Date.now() < deadline) {
		const aborted = options.abortIf?.();
		if (aborted) throw new Error(`Stopped waiting for ${url}: ${aborted}`);
		try {
			const response = await fetch(url, { method: options.method ?? 'GET', headers: options.headers, signal: AbortSignal.timeout(2000) });
			await response.arrayBuffer();
			if (accept(response.status)) return;
			last = `HTTP ${response.status}`;
		} catch (error) {
			last = (error as Error).message;
		}
		await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
	}
	throw new Error(`${url} was not ready after ${options.timeoutMs} ms (last: ${last}).`);
}

/** One quick health probe: true when the URL answers 2xx. */
export async function isHealthy(url: string, timeoutMs = 2000): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
		await response.arrayBuffer();
		return response.ok;
	} catch {
		return false;
	}
}
