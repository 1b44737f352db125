import { DEFAULT_PORT_BASE, planPorts, PORT_OFFSETS } from '../../../sandbox/ports';

describe('planPorts', () => {
	it('keeps n8n on its usual 5678 by default', () => {
		const ports = planPorts();
		expect(DEFAULT_PORT_BASE).toBe(5678);
		expect(ports.n8n).toBe(5678);
		expect(ports.portal).toBe(5680);
	});

	it('moves every port together with the base, without collisions', () => {
		const ports = planPorts(30000);
		for (const [name, offset] of Object.entries(PORT_OFFSETS)) expect(ports[name as keyof typeof ports]).toBe(30000 + offset);
		expect(new Set(Object.values(ports)).size).toBe(Object.keys(ports).length);
	});

	it.each([0, 80, 1023, 65530, 1.5, NaN])('rejects base %p with a clear range', (base) => {
		expect(() => planPorts(base)).toThrow(/Port base .* is out of range: use an integer from 1024 to/);
	});
});
