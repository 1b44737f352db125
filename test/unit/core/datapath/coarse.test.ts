import { dropSmallMoves, flushDecision } from '../../../../core/datapath';

const at = (iso: string) => `2026-11-29T${iso}.000Z`;

describe('dropSmallMoves: a coarse field moves in Airtable only by its resolution', () => {
	const current = { 'Last Inbound At': at('12:00:00'), Name: 'Ana' };

	it('drops a Last Inbound At less than 15 minutes after the one held, keeping every other change', () => {
		expect(dropSmallMoves('Users', current, { 'Last Inbound At': at('12:14:59'), Name: 'Ana Paula' })).toEqual({ Name: 'Ana Paula' });
	});

	it('keeps a move of 15 minutes or more, and never moves the time back', () => {
		expect(dropSmallMoves('Users', current, { 'Last Inbound At': at('12:15:00') })).toEqual({ 'Last Inbound At': at('12:15:00') });
		expect(dropSmallMoves('Users', current, { 'Last Inbound At': at('11:00:00') })).toEqual({});
	});

	it('keeps the field for a user without one, an unreadable value, and other tables', () => {
		expect(dropSmallMoves('Users', { Name: 'Ana' }, { 'Last Inbound At': at('12:01:00') })).toEqual({ 'Last Inbound At': at('12:01:00') });
		expect(dropSmallMoves('Users', undefined, { 'Last Inbound At': at('12:01:00') })).toEqual({ 'Last Inbound At': at('12:01:00') });
		expect(dropSmallMoves('Users', { 'Last Inbound At': 'ontem' }, { 'Last Inbound At': at('12:01:00') })).toEqual({ 'Last Inbound At': at('12:01:00') });
		expect(dropSmallMoves('Messages', current, { 'Last Inbound At': at('12:01:00') })).toEqual({ 'Last Inbound At': at('12:01:00') });
	});

	it('does not modify its inputs', () => {
		const changed = { 'Last Inbound At': at('12:01:00') };
		dropSmallMoves('Users', current, changed);
		expect(changed).toEqual({ 'Last Inbound At': at('12:01:00') });
	});
});

describe('flushDecision: the window widens while the base is busy', () => {
	const window = { windowMs: 2_000, busyWindowMs: 5_000, quietMs: 1_000, fullBatch: 10 };

	it('sends a lone write on a quiet base after the short window', () => {
		expect(flushDecision(1, 10_000, 11_000, window, 10_000)).toEqual({ send: false, waitMs: 1_000 });
		expect(flushDecision(1, 10_000, 12_000, window, 10_000)).toEqual({ send: true });
	});

	it('keeps waiting past the short window while writes keep coming, until the base is quiet or the wide window ends', () => {
		expect(flushDecision(4, 10_000, 12_000, window, 11_800)).toEqual({ send: false, waitMs: 800 });
		expect(flushDecision(4, 10_000, 12_800, window, 11_800)).toEqual({ send: true });
		expect(flushDecision(9, 10_000, 14_900, window, 14_800)).toEqual({ send: false, waitMs: 100 });
		expect(flushDecision(9, 10_000, 15_000, window, 14_950)).toEqual({ send: true });
	});

	it('still sends a full request at once, and never widens without the newest write time or a wide window', () => {
		expect(flushDecision(10, 10_000, 10_001, window, 10_001)).toEqual({ send: true });
		expect(flushDecision(3, 10_000, 12_000, window)).toEqual({ send: true });
		expect(flushDecision(3, 10_000, 12_000, { windowMs: 2_000, fullBatch: 10 }, 11_900)).toEqual({ send: true });
	});
});
