import { sequentialMessageSid } from '../../../../sandbox/twilio/inbound-webhook';

describe('sequentialMessageSid', () => {
	it('gives each number of a series its own well-formed SID (0xa1 and 0x1 used to collide when padded with "a")', () => {
		const sids = Array.from({ length: 5000 }, (_, n) => sequentialMessageSid(n));
		expect(new Set(sids).size).toBe(sids.length);
		for (const sid of sids) expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
		expect(sequentialMessageSid(0xa1)).not.toBe(sequentialMessageSid(0x1));
		expect(sequentialMessageSid(1, '7')).not.toBe(sequentialMessageSid(1, '9'));
	});

	it('refuses a number or series it cannot encode', () => {
		expect(() => sequentialMessageSid(-1)).toThrow(RangeError);
		expect(() => sequentialMessageSid(1.5)).toThrow(RangeError);
		expect(() => sequentialMessageSid(1, 'g')).toThrow(RangeError);
	});
});
