import {
	consultantPhonesFromEnv,
	handoffReferenceFor,
	handoffState,
	handoffSummaryText,
	handoffTemplateFromEnv,
	handoffTemplateVariables,
	HandoffConfigError,
	handoffEnv,
	parseRecentMessages,
	summarizeHandoff,
	withResumeNotice,
} from '../../../../core/assistant/handoff';

describe('summarizeHandoff', () => {
	it('keeps the last messages, oldest first, ending with the request', () => {
		const s = summarizeHandoff({ recentMessages: ['oi', 'minhas tarefas', 'não consigo pagar o boleto'], reason: 'quero falar com um humano', openTasks: 2 });
		expect(s).toEqual({ messages: ['oi', 'minhas tarefas', 'não consigo pagar o boleto', 'quero falar com um humano'], openTasks: 2, reason: 'quero falar com um humano' });
	});

	it('keeps at most N, dropping blanks and a repeat of the previous message', () => {
		const s = summarizeHandoff({ recentMessages: ['a1', 'a2', ' ', 'a3', 'a3', 'a4', 'a5'], reason: 'a5', openTasks: 0, maxMessages: 3 });
		expect(s.messages).toEqual(['a3', 'a4', 'a5']);
	});

	it('puts each message on one line and cuts long ones', () => {
		const s = summarizeHandoff({ recentMessages: ['linha 1\nlinha 2', 'x'.repeat(500)], reason: 'humano', openTasks: 1 });
		expect(s.messages[0]).toBe('linha 1 linha 2');
		expect(s.messages[1].length).toBeLessThanOrEqual(200);
		expect(s.messages[1].endsWith('…')).toBe(true);
	});

	it('refuses a negative or fractional task count and a zero maximum', () => {
		expect(() => summarizeHandoff({ recentMessages: [], reason: 'x', openTasks: -1 })).toThrow(RangeError);
		expect(() => summarizeHandoff({ recentMessages: [], reason: 'x', openTasks: 1.5 })).toThrow(/openTasks/);
		expect(() => summarizeHandoff({ recentMessages: [], reason: 'x', openTasks: 0, maxMessages: 0 })).toThrow(/maxMessages/);
	});

	it('writes the summary text in the consultant\'s language', () => {
		const s = summarizeHandoff({ recentMessages: ['oi'], reason: 'humano', openTasks: 3 });
		expect(handoffSummaryText(s, 'pt-BR')).toBe('• "oi"\n• "humano"\nTarefas abertas: 3');
		expect(handoffSummaryText(s, 'en')).toBe('• "oi"\n• "humano"\nOpen tasks: 3');
	});
});

describe('parseRecentMessages', () => {
	it.each<[unknown, string[]]>([
		[['oi', ' tudo bem? '], ['oi', 'tudo bem?']],
		[[{ text: 'oi' }, { text: 2 }, null, { text: 'e aí' }], ['oi', 'e aí']],
		['["oi","tchau"]', ['oi', 'tchau']],
		['oi\n\ntchau', ['oi', 'tchau']],
		['[not json', ['[not json']],
		['', []],
		[undefined, []],
		[42, []],
	])('%j → %j', (input, expected) => {
		expect(parseRecentMessages(input)).toEqual(expected);
	});
});

describe('handoffState', () => {
	const row = (key: string, fields: Record<string, unknown>) => ({ key, fields });

	it('is not paused without hand-offs', () => {
		expect(handoffState([])).toEqual({ paused: false });
	});

	it('is paused while one is open or assigned, naming the oldest', () => {
		const rows = [row('HO-2', { Status: 'assigned', 'Opened At': '2026-11-30T12:00:00Z' }), row('HO-1', { Status: 'open', 'Opened At': '2026-11-30T10:00:00Z' }), row('HO-0', { Status: 'closed' })];
		const state = handoffState(rows);
		expect(state.paused).toBe(true);
		expect(state.open?.key).toBe('HO-1');
		expect(state.resumed).toBeUndefined();
	});

	it('reports the newest closed hand-off the user was not told about, once stamped never again', () => {
		const closedA = row('HO-A', { Status: 'closed', 'Closed At': '2026-11-30T10:00:00Z' });
		const closedB = row('HO-B', { Status: 'closed', 'Closed At': '2026-11-30T11:00:00Z' });
		expect(handoffState([closedA, closedB]).resumed?.key).toBe('HO-B');
		const told = row('HO-B', { ...closedB.fields, 'Resume Notified At': '2026-11-30T11:05:00Z' });
		expect(handoffState([told]).resumed).toBeUndefined();
		expect(handoffState([told]).paused).toBe(false);
	});
});

describe('handoffReferenceFor', () => {
	const now = new Date('2026-11-30T15:00:00Z');

	it('is stable for a seed and day, in the HO-YYYYMMDD-XXXXXX shape', () => {
		const a = handoffReferenceFor('SM0123456789abcdef0123456789abcdef', now);
		expect(a).toMatch(/^HO-20261130-[0-9A-F]{6}$/);
		expect(handoffReferenceFor('SM0123456789abcdef0123456789abcdef', now)).toBe(a);
		expect(handoffReferenceFor('SM0123456789abcdef0123456789abcdee', now)).not.toBe(a);
	});

	it('spreads seeds (no collisions among 2,000 message SIDs of a day)', () => {
		const refs = new Set(Array.from({ length: 2000 }, (_, i) => handoffReferenceFor(`SM${i.toString(16).padStart(32, '0')}`, now)));
		expect(refs.size).toBe(2000);
	});

	it('refuses a blank seed', () => {
		expect(() => handoffReferenceFor('  ', now)).toThrow(/seed/);
	});
});

describe('environment', () => {
	it('reads consultant phones, canonical and without repeats', () => {
		expect(consultantPhonesFromEnv({ BESTSTAG_CONSULTANT_PHONES: '+55 11 98765-4321, whatsapp:+5511987654321;\n+551184658433' })).toEqual(['+5511987654321', '+5511984658433']);
		expect(consultantPhonesFromEnv({})).toEqual([]);
		expect(() => consultantPhonesFromEnv({ BESTSTAG_CONSULTANT_PHONES: '+5511987654321, ana' })).toThrow(HandoffConfigError);
		expect(() => consultantPhonesFromEnv({ BESTSTAG_CONSULTANT_PHONES: 'ana' })).toThrow(/"ana" is not a phone number/);
	});

	it('passes on only the hand-off variables that are set', () => {
		expect(handoffEnv({ BESTSTAG_CONSULTANT_PHONES: ' +5511987654321 ', BESTSTAG_BUSINESS_HOURS: '', PATH: '/bin', OTHER_SECRET: 'x' })).toEqual({ BESTSTAG_CONSULTANT_PHONES: '+5511987654321' });
	});

	it('reads the template Content SID', () => {
		expect(handoffTemplateFromEnv({})).toBeNull();
		expect(handoffTemplateFromEnv({ BESTSTAG_HANDOFF_TEMPLATE_SID: ' HX0123456789abcdef0123456789abcdef ' })).toBe('HX0123456789abcdef0123456789abcdef');
		expect(() => handoffTemplateFromEnv({ BESTSTAG_HANDOFF_TEMPLATE_SID: 'SM0123' })).toThrow(/HX followed by 32 hex/);
		expect(handoffTemplateVariables('Ana', 'HO-1', 'quero\nfalar')).toEqual({ '1': 'Ana', '2': 'HO-1', '3': 'quero falar' });
	});
});

describe('withResumeNotice', () => {
	it('puts "I\'m back" before the reply in the user\'s language, once resumed', () => {
		const reply = { text: 'Anotado ✅', buttons: [{ id: 'q1:undo', title: 'Desfazer' }] };
		expect(withResumeNotice(reply, 'pt-BR', false)).toBe(reply);
		const both = withResumeNotice(reply, 'pt-BR', true);
		expect(both.text).toMatch(/^Voltei! 👋 .*\n\nAnotado ✅$/s);
		expect(both.buttons).toEqual(reply.buttons);
		expect(withResumeNotice({ text: '' }, 'en', true).text).toMatch(/^I'm back!/);
	});
});
