import fc from 'fast-check';

import { renderMessage } from '../../../../core/assistant/catalogue';
import {
	deliveryInstant,
	deliveryStatusChange,
	inQuietHours,
	localWhen,
	parseQuietHours,
	parseReminderButton,
	quietHoursFor,
	reminderButtonId,
	resolveReminderTap,
	sentFields,
	templateSafe,
	timeZoneOf,
	type ReminderState,
} from '../../../../core/assistant/reminders';

const SP = 'America/Sao_Paulo';
// 2026-11-29 is a Sunday; São Paulo is UTC-3 all year (no DST since 2019).
const at = (local: string) => Date.parse(`${local}-03:00`);
const quiet = parseQuietHours('22:00-07:00');

describe('reminder buttons', () => {
	it('round-trips every choice through its quick-reply id', () => {
		for (const choice of ['done', 'snooze', 'tomorrow'] as const) {
			expect(parseReminderButton(reminderButtonId('rm_SMabc123', choice))).toEqual({ key: 'rm_SMabc123', choice });
		}
		expect(reminderButtonId('rm_1', 'snooze')).toBe('reminder:rm_1:snooze');
	});

	it('refuses payloads that are not reminder buttons', () => {
		for (const payload of ['option_1', 'reminder:rm_1:later', 'reminder::done', 'reminder:rm 1:done', 'consent:yes', '', null, 'reminder:rm_1:done:x']) {
			expect(parseReminderButton(payload)).toBeNull();
		}
	});

	it('the catalogue offers Feito, Adiar 1h and Amanhã with those ids, and Done/Snooze 1h/Tomorrow in English', () => {
		const pt = renderMessage('pt-BR', 'reminders.delivery', { key: 'rm_x', text: 'pagar o boleto' });
		expect(pt.text).toContain('pagar o boleto');
		expect(pt.buttons).toEqual([
			{ id: 'reminder:rm_x:done', title: 'Feito' },
			{ id: 'reminder:rm_x:snooze', title: 'Adiar 1h' },
			{ id: 'reminder:rm_x:tomorrow', title: 'Amanhã' },
		]);
		expect(renderMessage('en', 'reminders.delivery', { key: 'rm_x', text: 'pay the bill' }).buttons?.map((b) => b.title)).toEqual(['Done', 'Snooze 1h', 'Tomorrow']);
	});
});

describe('quiet hours', () => {
	it('parses HH:MM-HH:MM and off, and refuses anything else with the format', () => {
		expect(parseQuietHours('22:00-07:00')).toEqual({ startMinute: 1320, endMinute: 420 });
		expect(parseQuietHours(' 9:30 - 12:00 ')).toEqual({ startMinute: 570, endMinute: 720 });
		expect(parseQuietHours('off')).toEqual({ startMinute: 0, endMinute: 0 });
		for (const bad of ['22-07', '24:00-07:00', '22:00', 'noite', '22:60-07:00']) expect(() => parseQuietHours(bad)).toThrow(/HH:MM-HH:MM/);
	});

	it("uses the user's cell when it parses, else the default", () => {
		expect(quietHoursFor('23:30-06:00')).toEqual({ startMinute: 1410, endMinute: 360 });
		expect(quietHoursFor('de noite', '21:00-08:00')).toEqual({ startMinute: 1260, endMinute: 480 });
		expect(quietHoursFor(undefined)).toEqual(quiet);
		expect(() => quietHoursFor('', 'never')).toThrow(/HH:MM-HH:MM/);
	});

	it('a reminder due at 23:10 local goes at 07:00 the next morning; one due at 06:59 at 07:00 the same day', () => {
		expect(deliveryInstant(at('2026-11-29T23:10:00'), at('2026-11-29T23:10:30'), SP, quiet)).toBe(at('2026-11-30T07:00:00'));
		expect(deliveryInstant(at('2026-11-30T06:59:00'), at('2026-11-30T06:59:00'), SP, quiet)).toBe(at('2026-11-30T07:00:00'));
		expect(deliveryInstant(at('2026-11-30T07:00:00'), at('2026-11-30T07:00:05'), SP, quiet)).toBe(at('2026-11-30T07:00:05'));
		expect(deliveryInstant(at('2026-11-29T21:59:00'), at('2026-11-29T21:59:30'), SP, quiet)).toBe(at('2026-11-29T21:59:30'));
	});

	it('follows the user time zone, not the server', () => {
		// 23:30 in São Paulo is 02:30 UTC and 03:30 in Lisbon (winter): quiet for both users, ending at 07:00 each.
		const due = at('2026-11-29T23:30:00');
		expect(deliveryInstant(due, due, 'Europe/Lisbon', quiet)).toBe(Date.parse('2026-11-30T07:00:00Z'));
		expect(deliveryInstant(due, due, SP, quiet)).toBe(at('2026-11-30T07:00:00'));
		// 20:00 in São Paulo is 23:00 in Lisbon: quiet there only.
		const evening = at('2026-11-29T20:00:00');
		expect(deliveryInstant(evening, evening, SP, quiet)).toBe(evening);
		expect(deliveryInstant(evening, evening, 'Europe/Lisbon', quiet)).toBe(Date.parse('2026-11-30T07:00:00Z'));
	});

	it('handles windows that do not cross midnight, and no window', () => {
		const lunch = parseQuietHours('12:00-14:00');
		expect(deliveryInstant(at('2026-11-29T13:00:00'), at('2026-11-29T13:00:00'), SP, lunch)).toBe(at('2026-11-29T14:00:00'));
		expect(deliveryInstant(at('2026-11-29T23:00:00'), at('2026-11-29T23:00:00'), SP, parseQuietHours('off'))).toBe(at('2026-11-29T23:00:00'));
	});

	it('never sends inside quiet hours nor before the due time (property)', () => {
		const zones = ['America/Sao_Paulo', 'America/Manaus', 'Europe/Lisbon', 'America/New_York', 'Asia/Kolkata'];
		const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
		fc.assert(
			fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }), fc.integer({ min: -86_400_000, max: 86_400_000 }), fc.constantFrom(...zones), hhmm, hhmm, (due, lag, zone, start, end) => {
				const window = parseQuietHours(`${start}-${end}`);
				const now = due + lag;
				const send = deliveryInstant(due, now, zone, window);
				expect(send).toBeGreaterThanOrEqual(Math.max(due, now));
				expect(inQuietHours(send, zone, window)).toBe(false);
				expect(send - Math.max(due, now)).toBeLessThanOrEqual(25 * 3_600_000);
			}),
			{ numRuns: 300 },
		);
	});
});

describe('a tap on a reminder', () => {
	const sent: ReminderState = { key: 'rm_1', text: 'pagar o boleto', status: 'sent', dueAt: new Date(at('2026-11-29T14:00:00')).toISOString(), messageSid: 'SM1', deliveryStatus: 'delivered', taskId: 'recTASK0000000001' };
	const now = at('2026-11-29T14:02:00');

	it('Feito marks it done and completes its task', () => {
		const r = resolveReminderTap(sent, 'done', { nowMs: now, timeZone: SP });
		expect(r).toMatchObject({ outcome: 'done', fields: { Status: 'done', 'Done At': new Date(now).toISOString() }, completeTaskId: 'recTASK0000000001', reply: { key: 'reminders.done' } });
		expect(resolveReminderTap({ ...sent, taskId: undefined }, 'done', { nowMs: now, timeZone: SP }).completeTaskId).toBeUndefined();
	});

	it('Adiar 1h makes it due one hour after the tap', () => {
		const r = resolveReminderTap(sent, 'snooze', { nowMs: now, timeZone: SP });
		expect(r.outcome).toBe('snoozed');
		expect(r.dueMs).toBe(now + 3_600_000);
		expect(r.fields).toEqual({ Status: 'scheduled', 'Due At': new Date(now + 3_600_000).toISOString(), 'Error Code': null });
		expect(r.reply).toEqual({ key: 'reminders.snoozed', params: { text: 'pagar o boleto', when: { day: 'today', date: '29/11', time: '15:02' } } });
	});

	it('Amanhã makes it due tomorrow at the local time it was due, whatever day the tap comes', () => {
		expect(resolveReminderTap(sent, 'tomorrow', { nowMs: now, timeZone: SP }).dueMs).toBe(at('2026-11-30T14:00:00'));
		// Tapped after midnight: "amanhã" is the day after the tap.
		expect(resolveReminderTap(sent, 'tomorrow', { nowMs: at('2026-11-30T00:30:00'), timeZone: SP }).dueMs).toBe(at('2026-12-01T14:00:00'));
		expect(resolveReminderTap(sent, 'tomorrow', { nowMs: now, timeZone: SP }).reply.key).toBe('reminders.rescheduled');
	});

	it('the reply names when it will really arrive when the new time falls in quiet hours', () => {
		const evening = at('2026-11-29T21:30:00');
		const r = resolveReminderTap({ ...sent, dueAt: new Date(evening).toISOString() }, 'snooze', { nowMs: evening, timeZone: SP, quiet });
		expect(r.dueMs).toBe(at('2026-11-29T22:30:00'));
		expect(r.reply.params.when).toEqual({ day: 'tomorrow', date: '30/11', time: '07:00' });
		expect(resolveReminderTap(sent, 'snooze', { nowMs: now, timeZone: SP, quiet }).reply.params.when).toEqual({ day: 'today', date: '29/11', time: '15:02' });
	});

	it('a second tap changes nothing and says so', () => {
		const snoozed = { ...sent, status: 'scheduled', dueAt: new Date(now + 3_600_000).toISOString() };
		expect(resolveReminderTap(snoozed, 'snooze', { nowMs: now + 5_000, timeZone: SP })).toMatchObject({ outcome: 'ignored', reason: 'already_rescheduled', fields: {} });
		expect(resolveReminderTap({ ...sent, status: 'done' }, 'done', { nowMs: now, timeZone: SP })).toMatchObject({ outcome: 'ignored', reason: 'already_done', reply: { key: 'reminders.already_done' } });
		expect(resolveReminderTap({ ...sent, status: 'done' }, 'snooze', { nowMs: now, timeZone: SP }).outcome).toBe('ignored');
		expect(resolveReminderTap({ ...sent, status: 'skipped' }, 'done', { nowMs: now, timeZone: SP })).toMatchObject({ outcome: 'ignored', reason: 'not_active' });
	});

	it('a snooze from an older delivery is stale; Feito from it still counts', () => {
		expect(resolveReminderTap(sent, 'snooze', { nowMs: now, timeZone: SP, repliedMessageSid: 'SM0' })).toMatchObject({ outcome: 'ignored', reason: 'stale' });
		expect(resolveReminderTap(sent, 'done', { nowMs: now, timeZone: SP, repliedMessageSid: 'SM0' }).outcome).toBe('done');
		expect(resolveReminderTap(sent, 'snooze', { nowMs: now, timeZone: SP, repliedMessageSid: 'SM1' }).outcome).toBe('snoozed');
	});

	it('refuses an unreadable Due At for a snooze', () => {
		expect(() => resolveReminderTap({ ...sent, dueAt: 'sexta' }, 'snooze', { nowMs: now, timeZone: SP })).toThrow(/Due At/);
	});
});

describe('delivery status', () => {
	const state: ReminderState = { key: 'rm_1', text: 't', status: 'sent', dueAt: '2026-11-29T17:00:00.000Z', messageSid: 'SM1', deliveryStatus: 'sent' };

	it('moves forward only, for the same message', () => {
		expect(deliveryStatusChange(state, { messageSid: 'SM1', status: 'delivered' })).toEqual({ 'Delivery Status': 'delivered' });
		expect(deliveryStatusChange({ ...state, deliveryStatus: 'read' }, { messageSid: 'SM1', status: 'delivered' })).toBeNull();
		expect(deliveryStatusChange(state, { messageSid: 'SM2', status: 'delivered' })).toBeNull();
		expect(deliveryStatusChange(state, { messageSid: 'SM1', status: 'receiving' })).toBeNull();
	});

	it('a failure records the code and fails the reminder, unless it is already done', () => {
		expect(deliveryStatusChange(state, { messageSid: 'SM1', status: 'failed', errorCode: 63016 })).toEqual({ 'Delivery Status': 'failed', 'Error Code': '63016', Status: 'failed' });
		expect(deliveryStatusChange({ ...state, status: 'done' }, { messageSid: 'SM1', status: 'undelivered', errorCode: '' })).toEqual({ 'Delivery Status': 'undelivered', 'Error Code': 'unknown' });
	});

	it('a callback that beats the scheduler recording the send still lands, with its SID', () => {
		expect(deliveryStatusChange({ ...state, status: 'sending', messageSid: undefined, deliveryStatus: undefined }, { messageSid: 'SM9', status: 'sent' })).toEqual({ 'Delivery Status': 'sent', 'Message SID': 'SM9' });
	});

	it('recording the send does not undo a faster callback or a tap', () => {
		const fields = sentFields({ ...state, status: 'sending', deliveryStatus: 'delivered' }, { messageSid: 'SM1', status: 'queued', atMs: 0 });
		expect(fields).toEqual({ 'Sent At': '1970-01-01T00:00:00.000Z', 'Message SID': 'SM1', Status: 'sent' });
		expect(sentFields({ ...state, status: 'done', messageSid: undefined, deliveryStatus: undefined }, { messageSid: 'SM2', status: 'queued', atMs: 0 })).toEqual({
			'Sent At': '1970-01-01T00:00:00.000Z',
			'Message SID': 'SM2',
			'Delivery Status': 'queued',
			'Error Code': null,
		});
	});
});

describe('helpers', () => {
	it('words a local time relative to now', () => {
		const now = at('2026-11-29T10:00:00');
		expect(localWhen(at('2026-11-29T15:30:00'), now, SP)).toEqual({ day: 'today', date: '29/11', time: '15:30' });
		expect(localWhen(at('2026-11-30T09:00:00'), now, SP)).toEqual({ day: 'tomorrow', date: '30/11', time: '09:00' });
		expect(localWhen(at('2026-12-02T09:00:00'), now, SP)).toEqual({ day: 'date', date: '02/12', time: '09:00' });
	});

	it('keeps template values on one line and falls back to São Paulo for a bad zone', () => {
		expect(templateSafe(' ligar\n\tpro   João     amanhã ')).toBe('ligar pro João amanhã');
		expect(timeZoneOf('Europe/Lisbon')).toBe('Europe/Lisbon');
		expect(timeZoneOf('Mars/Base')).toBe(SP);
		expect(timeZoneOf('')).toBe(SP);
	});
});
