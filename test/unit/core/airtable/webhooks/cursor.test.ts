import { checkPage, cursorResyncReason, shouldReadMore } from '../../../../../core/airtable/webhooks/cursor';
import type { WebhookPayload } from '../../../../../core/airtable/webhooks/types';

const DAY = 24 * 60 * 60 * 1000;
const p = (n: number): WebhookPayload => ({ timestamp: '2026-03-02T12:00:00.000Z', baseTransactionNumber: n, payloadFormat: 'v0', actionMetadata: { source: 'client' } });

describe('cursor bookkeeping', () => {
	it('needs a resync for a new webhook and for a cursor saved 7 days ago or more', () => {
		const now = Date.parse('2026-03-09T12:00:00.000Z');
		expect(cursorResyncReason(undefined, now)).toBe('new-webhook');
		expect(cursorResyncReason({ cursor: 5, cursorSavedAtMs: now - 7 * DAY + 1 }, now)).toBeUndefined();
		expect(cursorResyncReason({ cursor: 5, cursorSavedAtMs: now - 7 * DAY }, now)).toBe('cursor-expired');
	});

	it('moves the cursor to the page cursor, and counts payloads deleted before they were read', () => {
		expect(checkPage(3, { payloads: [p(1), p(2)], cursor: 5, mightHaveMore: false })).toEqual({ next: 5, missing: 0 });
		expect(checkPage(3, { payloads: [], cursor: 3, mightHaveMore: false })).toEqual({ next: 3, missing: 0 });
		// Asked from 3, but the page holds 7 and 8: payloads 3–6 expired.
		expect(checkPage(3, { payloads: [p(7), p(8)], cursor: 9, mightHaveMore: false })).toEqual({ next: 9, missing: 4 });
		expect(() => checkPage(10, { payloads: [], cursor: 4, mightHaveMore: false })).toThrow(/another webhook/);
	});

	it('reads on while mightHaveMore, up to the page budget', () => {
		const more = { payloads: [p(1)], cursor: 2, mightHaveMore: true };
		expect(shouldReadMore(more, 1, 3)).toBe(true);
		expect(shouldReadMore(more, 3, 3)).toBe(false);
		expect(shouldReadMore({ ...more, mightHaveMore: false }, 1, 3)).toBe(false);
	});
});
