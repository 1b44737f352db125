import { anonymisedAuditFields, erasureAuditFields, erasurePlan, phoneDigitForms, privacyAuditFields, privacyChoiceFields } from '../../../../../core/airtable/crm';
import { BESTSTAG_SCHEMA } from '../../../../../airtable-schema';

const NOW = new Date('2026-11-29T12:00:00.000Z');

describe('privacy fields', () => {
	it('each choice writes only its fields, and decisions are audited without message text', () => {
		expect(privacyChoiceFields('consent_prompted', 'v1', NOW)).toEqual({ 'Consent Status': 'pending', 'Consent Version': 'v1', 'Consent Prompted At': NOW.toISOString() });
		expect(privacyChoiceFields('opted_out', undefined, NOW)).toEqual({ 'Opt-in Status': 'opted_out', 'Opted Out At': NOW.toISOString() });
		expect(() => privacyChoiceFields('consent_accepted', ' ', NOW)).toThrow(/Consent Version is required/);
		expect(() => privacyChoiceFields('nope', 'v1', NOW)).toThrow(/Choice must be one of/);
		expect(privacyAuditFields('consent_reminded', '+5511987654321', 'v1', NOW, 'au_x')).toBeUndefined();
		expect(privacyAuditFields('consent_declined', '+5511987654321', 'v1', NOW, 'au_x')).toMatchObject({ Event: 'consent.declined', Actor: '+5511987654321', 'Audit Key': 'au_x' });
	});

	it('every written field exists in the base schema', () => {
		const names = (table: string) => new Set(BESTSTAG_SCHEMA.tables.find((t) => t.name === table)!.fields.map((f) => f.name));
		for (const choice of ['consent_prompted', 'consent_reminded', 'consent_accepted', 'consent_declined', 'opted_out', 'opted_in']) {
			for (const field of Object.keys(privacyChoiceFields(choice, 'v1', NOW))) expect(names('Users').has(field)).toBe(true);
		}
		for (const field of Object.keys(erasureAuditFields('user:ab', { Users: 1 }, NOW, 'au_y'))) expect(names('AuditLog').has(field)).toBe(true);
	});
});

describe('erasure', () => {
	it('knows the phone as WhatsApp and Twilio write it', () => {
		expect(phoneDigitForms('+5511987654321')).toEqual(['5511987654321', '551187654321']);
		expect(phoneDigitForms('+551132654321')).toEqual(['551132654321']);
		expect(phoneDigitForms('+14155238886')).toEqual(['14155238886']);
	});

	it('covers every table of the base that can hold a person, children before the Users row', () => {
		const plan = erasurePlan('whatsapp:+5511987654321');
		const covered = new Set(plan.map((s) => s.table));
		// SyncLog holds sales-discovery sync state, keyed by asset, never a person.
		for (const table of BESTSTAG_SCHEMA.tables.map((t) => t.name).filter((t) => t !== 'SyncLog')) expect(covered.has(table)).toBe(true);
		expect(plan[plan.length - 1].table).toBe('Users');
		expect(plan.find((s) => s.table === 'AuditLog')?.action).toBe('anonymise');
		// Every table linked to Users is in the plan.
		for (const table of BESTSTAG_SCHEMA.tables) if (table.fields.some((f) => f.type === 'multipleRecordLinks' && f.options.linkedTable === 'Users')) expect(covered.has(table.name)).toBe(true);
	});

	it('escapes the phone in every formula and refuses what is not a phone', () => {
		expect(erasurePlan('+5511987654321').every((s) => s.formula.includes("'+5511987654321'") || s.formula.includes("'5511987654321'"))).toBe(true);
		expect(() => erasurePlan("' & 1=1")).toThrow(/Phone/);
	});

	it('anonymises every form of the phone in an audit row, and leaves other rows alone', () => {
		const row = { Actor: '+5511987654321', Entity: 'Users', Details: '{"by":"5511987654321","old":"551187654321"}' };
		expect(anonymisedAuditFields(row, '+5511987654321', 'user:abc')).toEqual({ Actor: 'user:abc', Details: '{"by":"user:abc","old":"user:abc"}' });
		expect(anonymisedAuditFields({ Actor: 'workflow', Details: '{}' }, '+5511987654321', 'user:abc')).toEqual({});
	});
});
