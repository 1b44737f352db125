/**
 * Every sandbox port is an offset from one base, so `--port-base N` moves them all together.
 * The default base keeps n8n on its usual 5678.
 */
export const DEFAULT_PORT_BASE = 5678;

export const PORT_OFFSETS = {
	n8n: 0,
	n8nTaskBroker: 1,
	portal: 2,
	airtable: 3,
	twilio: 4,
	google: 5,
	microsoft: 6,
	notion: 7,
	monday: 8,
	gamma: 9,
	openai: 10,
	anthropic: 11,
	redis: 12,
	redisHealth: 13,
	flusher: 14,
} as const;

export type PortName = keyof typeof PORT_OFFSETS;
export type PortPlan = Record<PortName, number>;

const MAX_OFFSET = Math.max(...Object.values(PORT_OFFSETS));

export function planPorts(base: number = DEFAULT_PORT_BASE): PortPlan {
	if (!Number.isInteger(base) || base < 1024 || base + MAX_OFFSET > 65535) {
		throw new RangeError(
			`Port base ${base} is out of range: use an integer from 1024 to ${65535 - MAX_OFFSET} (the sandbox needs ${MAX_OFFSET + 1} consecutive ports).`,
		);
	}
	const plan = {} as PortPlan;
	for (const [name, offset] of Object.entries(PORT_OFFSETS)) plan[name as PortName] = base + offset;
	return plan;
}
