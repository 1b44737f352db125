import * as exportData from '../../../../../../nodes/AirtableCrm/actions/user/export.operation';
import * as privacyChoice from '../../../../../../nodes/AirtableCrm/actions/user/privacyChoice.operation';
import { CONSENT_TEXT_VERSION } from '../../../../../../core/assistant/catalogue/privacy';
import { expectFailedItem, items, phoneOf, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

describe('user: privacyChoice', () => {
	it('the consent prompt stores only the phone and the consent state on a new Users row, and no AuditLog entry', async () => {
		const phone = phoneOf(301);
		const { out } = await crm.run(privacyChoice, { items: items(1), parameters: { phone, choice: 'consent_prompted', consentVersion: CONSENT_TEXT_VERSION } });
		expect(out[0].json.created).toBe(true);
		const [row] = (await crm.records('Users')).filter((r) => r.fields.Phone === phone);
		expect(Object.keys(row.fields).sort()).toEqual(['Consent Prompted At', 'Consent Status', 'Consent Version', 'Phone']);
		expect(row.fields['Consent Status']).toBe('pending');
		expect((await crm.records('AuditLog')).filter((r) => r.fields.Actor === phone)).toEqual([]);
	});

	it('accepting stamps time and version, opts in, and logs consent.accepted with the version', async () => {
		const phone = phoneOf(302);
		const before = Date.now();
		await crm.run(privacyChoice, { items: items(1), parameters: { phone, choice: 'consent_accepted', consentVersion: '2026-11-29' } });
		const [row] = (await crm.records('Users')).filter((r) => r.fields.Phone === phone);
		expect(row.fields).toMatchObject({ 'Consent Status': 'accepted', 'Consent Version': '2026-11-29', 'Opt-in Status': 'opted_in' });
		expect(Date.parse(row.fields['Consent At'])).toBeGreaterThanOrEqual(before - 1000);
		const audit = (await crm.records('AuditLog')).filter((r) => r.fields.Actor === phone);
		expect(audit).toHaveLength(1);
		expect(audit[0].fields).toMatchObject({ Event: 'consent.accepted', Severity: 'info' });
		expect(JSON.parse(audit[0].fields.Details)).toEqual({ consentVersion: '2026-11-29' });
	});

	it('opting out and back in stamp their times and are audited; a rerun of the same execution logs once', async () => {
		const phone = phoneOf(303);
		await crm.run(privacyChoice, { items: items(1), parameters: { phone, choice: 'opted_out' } });
		// n8n retrying the node in the same execution: the same AuditLog entry, not a second one.
		await crm.run(privacyChoice, { items: items(1), parameters: { phone, choice: 'opted_out' } });
		let [row] = (await crm.records('Users')).filter((r) => r.fields.Phone === phone);
		expect(row.fields['Opt-in Status']).toBe('opted_out');
		expect(row.fields['Opted Out At']).toBeDefined();
		await crm.run(privacyChoice, { items: items(1), parameters: { phone, choice: 'opted_in' } });
		[row] = (await crm.records('Users')).filter((r) => r.fields.Phone === phone);
		expect(row.fields['Opt-in Status']).toBe('opted_in');
		const events = (await crm.records('AuditLog')).filter((r) => r.fields.Actor === phone).map((r) => r.fields.Event);
		expect(events.sort()).toEqual(['user.opted_in', 'user.opted_out']);
	});

	it('refuses a consent choice without a version, and an unknown choice, writing nothing', async () => {
		const phone = phoneOf(304);
		const { out } = await crm.run(privacyChoice, { items: items(2), continueOnFail: true, parameters: { phone, choice: (i: number) => (i === 0 ? 'consent_accepted' : 'maybe'), consentVersion: '' } });
		expectFailedItem(out[0], 0, /Consent Version is required/);
		expectFailedItem(out[1], 1, /Choice must be one of/);
		expect((await crm.records('Users')).filter((r) => r.fields.Phone === phone)).toEqual([]);
	});
});

describe('user: export', () => {
	it('counts every table and lists the latest items in the user\'s language and time zone', async () => {
		const phone = phoneOf(310);
		const [userId] = await crm.seed('Users', [{ Phone: phone, Name: 'Ana', Locale: 'pt-BR', Timezone: 'America/Sao_Paulo', 'Opt-in Status': 'opted_in', 'Consent Status': 'accepted', 'Consent At': '2026-11-29T12:00:00.000Z', 'Consent Version': '2026-11-29' }]);
		await crm.seed('Tasks', Array.from({ length: 7 }, (_, i) => ({ Title: `tarefa ${i}`, User: [userId], Status: i === 0 ? 'done' : 'todo', Due: `2026-12-0${i + 1}T12:00:00.000Z` })));
		await crm.seed('Reminders', [{ Text: 'ligar pro João', User: [userId], 'Due At': '2026-12-01T17:00:00.000Z', Status: 'scheduled' }]);
		await crm.seed('Messages', [{ 'Message SID': `SM${'a'.repeat(32)}`, User: [userId], Direction: 'inbound', Text: 'oi', At: '2026-11-29T12:00:00.000Z' }]);
		// Another user's rows are not theirs.
		const [otherId] = await crm.seed('Users', [{ Phone: phoneOf(311) }]);
		await crm.seed('Tasks', [{ Title: 'de outra pessoa', User: [otherId], Status: 'todo' }]);

		const { out, requests } = await crm.run(exportData, { items: items(1), parameters: { phone, latest: 3 } });
		expect(requests).toBe(5);
		const json = out[0].json as { found: boolean; locale: string; counts: Record<string, number>; messages: string[]; exportParams: { tasks: Array<{ text: string; when: string }> } };
		expect(json).toMatchObject({ found: true, locale: 'pt-BR', counts: { tasks: 7, reminders: 1, messages: 1, handoffs: 0 } });
		expect(json.exportParams.tasks.map((t) => t.text)).toEqual(['tarefa 6', 'tarefa 5', 'tarefa 4']);
		// 12:00 UTC is 09:00 in São Paulo.
		expect(json.exportParams.tasks[0].when).toBe('07/12/2026 09:00');
		const text = json.messages.join('\n');
		expect(text).toContain('*Tarefas: 7*');
		expect(text).toContain('Nome: Ana');
		expect(text).toContain('Consentimento: aceito em 29/11/2026 09:00 (versão 2026-11-29)');
		expect(text).not.toContain('de outra pessoa');
	});

	it('a phone nobody stored gets an empty export, not an error', async () => {
		const { out } = await crm.run(exportData, { items: items(1), parameters: { phone: phoneOf(399), latest: 5 } });
		expect(out[0].json).toMatchObject({ found: false, counts: { tasks: 0, reminders: 0, messages: 0, handoffs: 0 } });
	});
});
