import autocannon from 'autocannon';

export interface LoadResult {
	connections: number;
	durationSeconds: number;
	requests: number;
	non2xx: number;
	errors: number;
	/** Completed 2xx responses per second. */
	throughputPerSecond: number;
	latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
}

export function percentile(sortedAscending: number[], p: number): number {
	if (sortedAscending.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sortedAscending.length) - 1;
	return sortedAscending[Math.min(sortedAscending.length - 1, Math.max(0, rank))];
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Drives one URL with autocannon at a fixed concurrency for a fixed time. Latencies come from
 * every single response (autocannon's own histogram has no p95).
 */
export async function runLoad(options: {
	url: string;
	method?: 'GET' | 'POST';
	body?: string;
	connections: number;
	durationSeconds: number;
}): Promise<LoadResult> {
	const latencies: number[] = [];
	let ok = 0;
	let finish!: (result: autocannon.Result) => void;
	let fail!: (error: Error) => void;
	const finished = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
	const instance = autocannon(
		{
			url: options.url,
			method: options.method ?? 'GET',
			body: options.body,
			headers: options.body ? { 'content-type': 'application/json' } : undefined,
			connections: options.connections,
			duration: options.durationSeconds,
			timeout: 30,
		},
		(error, result) => (error ? fail(error) : finish(result)),
	);
	instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
		latencies.push(responseTime);
		if (statusCode >= 200 && statusCode < 300) ok++;
	});
	const result = await finished;
	latencies.sort((a, b) => a - b);
	const mean = latencies.reduce((s, v) => s + v, 0) / Math.max(1, latencies.length);
	return {
		connections: options.connections,
		durationSeconds: options.durationSeconds,
		requests: latencies.length,
		non2xx: result.non2xx,
		errors: result.errors,
		throughputPerSecond: round(ok / options.durationSeconds),
		latencyMs: {
			p50: round(percentile(latencies, 50)),
			p95: round(percentile(latencies, 95)),
			p99: round(percentile(latencies, 99)),
			max: round(latencies[latencies.length - 1] ?? NaN),
			mean: round(mean),
		},
	};
}
