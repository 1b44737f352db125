import { BESTSTAG_SCHEMA } from '../../../../airtable-schema';
import { compileFormula } from '../../../../sandbox/airtable/formula';
import {
	awaitsDeliveryStatus,
	REPLY_STATUS_HOLD_MS,
	CrmInputError,
	filesUntrackedStatus,
	MESSAGE_STATUSES,
	emailFields,
	eventFields,
	findByFieldsFormula,
	leadFields,
	messageFields,
	newReminderFields,
	newTaskFields,
	openHandoffFields,
	remindersDueFormula,
	taskChangeFields,
	openTaskByTitleFormula,
	taskListFormula,
	userFields,
} from '../../../../core/airtable/crm';

const NOW = new Date('2026-11-20T13:00:00Z');
const SID = 'SM' + 'a'.repeat(32);
const rec = (fields: Record<string, unknown>, id = 'recAAAAAAAAAAAAAA') => ({ id, createdTime: '2026-11-01T00:00:00.000Z', fields: fields as never });

describe('CRM field mapping', () => {
	it('normalises the phone and stamps opt-in changes', () => {
		expect(userFields({ phone: '(11) 98765-4321', name: ' Ana ', optInStatus: 'opted_out' }, NOW)).toEqual({
			Phone: '+5511987654321',
			Name: 'Ana',
			'Opt-in Status': 'opted_out',
			'Opted Out At': NOW.toISOString(),
		});
	});

	it('stores quiet hours as written when they parse', () => {
		expect(userFields({ phone: '+5511987654321', quietHours: '23:00-06:30' }, NOW)).toEqual({ Phone: '+5511987654321', 'Quiet Hours': '23:00-06:30' });
		expect(userFields({ phone: '+5511987654321', quietHours: 'off' }, NOW)['Quiet Hours']).toBe('off');
	});

	it('leaves blank inputs out, so an upsert never erases a field', () => {
		expect(userFields({ phone: '+5511987654321', name: '', email: '   ', timezone: undefined }, NOW)).toEqual({ Phone: '+5511987654321' });
	});

	it.each([
		[{ phone: 'abc' }, 'Phone'],
		[{ phone: '+5511987654321', email: 'not-an-email' }, 'Email'],
		[{ phone: '+5511987654321', timezone: 'Mars/Olympus' }, 'Timezone'],
		[{ phone: '+5511987654321', role: 'boss' }, 'Role'],
		[{ phone: '+5511987654321', digestTime: '7h' }, 'Digest Time'],
		[{ phone: '+5511987654321', quietHours: 'de noite' }, 'Quiet Hours'],
	])('rejects %p naming the parameter %s', (input, parameter) => {
		try {
			userFields(input, NOW);
			throw new Error('expected a CrmInputError');
		} catch (error) {
			expect(error).toBeInstanceOf(CrmInputError);
			expect((error as CrmInputError).parameter).toBe(parameter);
		}
	});

	it('logs a message linked to its user by phone, with the intent checked against the taxonomy', () => {
		expect(messageFields({ messageSid: SID, phone: '+5511987654321', direction: 'inbound', text: 'oi', intent: 'greeting', confidence: 0.93 }, NOW)).toEqual({
			'Message SID': SID,
			User: ['+5511987654321'],
			Direction: 'inbound',
			Text: 'oi',
			Intent: 'greeting',
			Confidence: 0.93,
			At: NOW.toISOString(),
		});
		expect(() => messageFields({ messageSid: SID, phone: '+5511987654321', direction: 'inbound', intent: 'opt-out' }, NOW)).toThrow(/Intent must be one of/);
		expect(() => messageFields({ messageSid: 'SM123', phone: '+5511987654321', direction: 'inbound' }, NOW)).toThrow(/32 hex digits/);
	});

	it('creates tasks as todo with defaults and stamps completion', () => {
		expect(newTaskFields({ title: 'ligar pro João', phone: '11987654321', due: '2026-11-21T09:00:00-03:00' })).toEqual({
			Title: 'ligar pro João',
			User: ['+5511987654321'],
			Status: 'todo',
			Due: '2026-11-21T12:00:00.000Z',
			Priority: 'normal',
			Source: 'whatsapp',
		});
		expect(taskChangeFields({ status: 'done' }, NOW)).toEqual({ Status: 'done', 'Completed At': NOW.toISOString() });
		expect(taskChangeFields({ status: 'todo' }, NOW)).toEqual({ Status: 'todo', 'Completed At': null });
		expect(() => newTaskFields({ title: '  ', phone: '11987654321' })).toThrow('Title is required.');
	});

	it('refuses reminders in the past', () => {
		expect(() => newReminderFields({ text: 'x', phone: '11987654321', dueAt: '2026-11-20T12:00:00Z' }, NOW)).toThrow(/in the past/);
		expect(newReminderFields({ text: 'tomar remédio', phone: '11987654321', dueAt: '2026-11-20T13:30:00Z' }, NOW)).toMatchObject({
			Status: 'scheduled',
			'Due At': '2026-11-20T13:30:00.000Z',
		});
	});

	it('keys events and emails by provider and external id, rejecting an end before the start', () => {
		expect(eventFields({ phone: '11987654321', provider: 'google', externalId: 'ev1', start: '2026-11-21T12:00:00Z' })).toMatchObject({
			Provider: 'google',
			'External ID': 'ev1',
			Status: 'confirmed',
		});
		expect(() => eventFields({ phone: '11987654321', provider: 'google', externalId: 'ev1', start: '2026-11-21T12:00:00Z', end: '2026-11-21T11:00:00Z' })).toThrow(/before Start/);
		expect(emailFields({ phone: '11987654321', provider: 'microsoft', externalId: 'm1', triageScore: 87.4, needsReply: true })).toMatchObject({
			'Triage Score': 87,
			'Needs Reply': true,
		});
	});

	it('opens handoffs with a readable reference and lowercases lead emails', () => {
		expect(openHandoffFields({ phone: '11987654321' }, NOW, () => 0.5)).toMatchObject({ Reference: 'HO-20261120-8000', Status: 'open' });
		expect(leadFields({ name: 'Ana', email: 'Ana@Acme.com.br', temperature: 'hot' })).toMatchObject({ Email: 'ana@acme.com.br', Temperature: 'hot' });
	});
});

describe('CRM formulas', () => {
	const ana = rec({ User: ['+5511987654321'], Status: 'todo', Title: 'Relatório', Due: '2026-11-19T12:00:00.000Z' });
	const bob = rec({ User: ['+5521999990000'], Status: 'todo', Title: 'Relatório' }, 'recBBBBBBBBBBBBBB');
	const done = rec({ User: ['+5511987654321'], Status: 'done', Title: 'Antigo' }, 'recCCCCCCCCCCCCCC');

	it("selects one user's open and overdue tasks", () => {
		const open = compileFormula(taskListFormula('11987654321', 'open'));
		expect([ana, bob, done].filter((r) => open.matches(r, { now: NOW })).map((r) => r.id)).toEqual([ana.id]);
		const overdue = compileFormula(taskListFormula('11987654321', 'overdue'));
		expect(overdue.matches(ana, { now: NOW })).toBe(true);
		expect(overdue.matches(ana, { now: new Date('2026-11-18T00:00:00Z') })).toBe(false);
	});

	it('selects scheduled reminders that are due', () => {
		const due = compileFormula(remindersDueFormula());
		expect(due.matches(rec({ Status: 'scheduled', 'Due At': '2026-11-20T12:59:00.000Z' }), { now: NOW })).toBe(true);
		expect(due.matches(rec({ Status: 'scheduled', 'Due At': '2026-11-20T13:01:00.000Z' }), { now: NOW })).toBe(false);
		expect(due.matches(rec({ Status: 'sent', 'Due At': '2026-11-20T12:00:00.000Z' }), { now: NOW })).toBe(false);
	});

	it.each(["x' , TRUE(), '", "'} & {Secret", 'a"b\\c\n{Status}', "O'Brien"])('keeps hostile search text %p a literal', (nasty) => {
		const formula = compileFormula(findByFieldsFormula(BESTSTAG_SCHEMA, 'Tasks', [{ field: 'Title', value: nasty }]));
		expect(formula.fieldNames).toEqual(['Title']);
		expect(formula.matches(rec({ Title: nasty }))).toBe(true);
		expect(formula.matches(rec({ Title: 'Relatório' }))).toBe(false);
	});

	it('refuses fields the schema does not have', () => {
		expect(() => findByFieldsFormula(BESTSTAG_SCHEMA, 'Tasks', [{ field: 'Secret', value: 1 }])).toThrow('Table "Tasks" has no field "Secret"');
		expect(() => findByFieldsFormula(BESTSTAG_SCHEMA, 'Nope', [{ field: 'Title', value: 1 }])).toThrow(/Unknown table "Nope"/);
	});
});

describe('one person, one key: Brazilian mobiles with and without the ninth digit', () => {
	const WITHOUT = 'whatsapp:+551184658433';
	const WITH = '+5511984658433';

	it('upserts the same Users record key for both spellings', () => {
		expect(userFields({ phone: WITHOUT }, NOW).Phone).toBe(WITH);
		expect(userFields({ phone: WITH }, NOW).Phone).toBe(WITH);
		expect(userFields({ phone: '(11) 8465-8433' }, NOW).Phone).toBe(WITH);
	});

	it('links tasks, reminders and messages to the same user, and lists one task list', () => {
		expect(newTaskFields({ title: 'comprar pão', phone: WITHOUT }).User).toEqual([WITH]);
		expect(newReminderFields({ text: 'tomar remédio', phone: WITHOUT, dueAt: '2026-11-20T13:30:00Z' }, NOW).User).toEqual([WITH]);
		expect(messageFields({ messageSid: SID, phone: WITHOUT, direction: 'inbound', text: 'oi' }, NOW).User).toEqual([WITH]);
		expect(taskListFormula(WITHOUT, 'open')).toBe(taskListFormula(WITH, 'open'));
		expect(openTaskByTitleFormula(WITHOUT, 'pão')).toBe(openTaskByTitleFormula(WITH, 'pão'));
	});

	it('keeps landlines and foreign numbers as they are', () => {
		expect(userFields({ phone: '+551132654321' }, NOW).Phone).toBe('+551132654321');
		expect(userFields({ phone: '+14155238886' }, NOW).Phone).toBe('+14155238886');
	});
});

describe('text a person wrote is cut, never refused, and never inside a character', () => {
	const PHONE = '+5511987654321';
	const segmenter = new Intl.Segmenter('pt-BR', { granularity: 'grapheme' });
	const graphemesOf = (text: string) => [...segmenter.segment(text)].map((s) => s.segment);

	it.each([
		['emoji', 'a' + '🙂'.repeat(600)],
		['flags', '🇧🇷'.repeat(300)],
		['skin tones', '👍🏽'.repeat(300)],
		['a family', 'x' + '👨‍👩‍👧‍👦'.repeat(100)],
		['combining accents', 'e\u0301'.repeat(600)],
	])('a task title of %s over 500 units keeps whole graphemes and ends in "…"', (_kind, title) => {
		const cut = newTaskFields({ title, phone: PHONE }).Title as string;
		expect(cut.length).toBeLessThanOrEqual(500);
		expect(cut.endsWith('…')).toBe(true);
		const kept = graphemesOf(cut.slice(0, -1));
		expect(graphemesOf(title).slice(0, kept.length)).toEqual(kept);
	});

	it('cuts reminder texts at 1000 and logged messages at 4096, leaving shorter text as it is', () => {
		expect((newReminderFields({ text: '⏰'.repeat(800), phone: PHONE, dueAt: '2026-11-20T15:00:00Z' }, NOW).Text as string).length).toBeLessThanOrEqual(1000);
		expect((messageFields({ messageSid: SID, phone: PHONE, direction: 'inbound', text: '😀'.repeat(3000) }, NOW).Text as string).length).toBeLessThanOrEqual(4096);
		expect(newTaskFields({ title: 'comprar pão 🍞', phone: PHONE }).Title).toBe('comprar pão 🍞');
	});
});

describe('filesUntrackedStatus: which statuses of a message that is no turn’s reply get a row', () => {
	it('"row" files every status; "failures" only failed and undelivered', () => {
		for (const status of MESSAGE_STATUSES) expect(filesUntrackedStatus('row', status)).toBe(true);
		expect(MESSAGE_STATUSES.filter((status) => filesUntrackedStatus('failures', status))).toEqual(['failed', 'undelivered']);
	});
});

describe('awaitsDeliveryStatus: a turn\'s row waits in the outbox for its reply\'s delivery status', () => {
	const reply = 'SM' + 'a'.repeat(32);
	it('holds a row with a Reply SID whose status is queued or sent, nothing else', () => {
		expect(awaitsDeliveryStatus({ 'Reply SID': reply, Status: 'queued' })).toBe(true);
		expect(awaitsDeliveryStatus({ 'Reply SID': reply, Status: 'sent' })).toBe(true);
		for (const status of ['delivered', 'read', 'failed', 'undelivered', 'received', undefined]) expect(awaitsDeliveryStatus({ 'Reply SID': reply, Status: status })).toBe(false);
		// No reply went out (an opted-out turn, a failed send): nothing to wait for.
		expect(awaitsDeliveryStatus({ Status: 'queued' })).toBe(false);
		expect(awaitsDeliveryStatus({ 'Reply SID': '', Status: 'queued' })).toBe(false);
		expect(REPLY_STATUS_HOLD_MS).toBeLessThan(10_000);
	});
});
