import { percentile } from '../../../bench/load';

describe('percentile', () => {
	const values = Array.from({ length: 100 }, (_, i) => i + 1);

	it('uses the nearest-rank method', () => {
		expect(percentile(values, 50)).toBe(50);
		expect(percentile(values, 95)).toBe(95);
		expect(percentile(values, 99)).toBe(99);
		expect(percentile(values, 100)).toBe(100);
		expect(percentile([7], 95)).toBe(7);
	});

	it('is NaN for no samples rather than a made-up number', () => {
		expect(percentile([], 50)).toBeNaN();
	});
});
