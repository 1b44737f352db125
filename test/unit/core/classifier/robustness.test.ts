import { OFFLINE_THRESHOLD, classifyOffline } from '../../../../core/classifier';
import { splitCorpus } from '../../../../core/classifier/corpus';
import { applyThreshold, trainIntentModel, type IntentModel } from '../../../../core/classifier/model';
import { INTENTS, isIntent } from '../../../../core/intents/taxonomy';

const now = new Date('2026-03-13T12:00:00Z');

const HOSTILE = [
	'',
	' ',
	'\n\t',
	'...',
	'?!',
	'🍕',
	'🙏🏽🙏🏽🙏🏽',
	'👨‍👩‍👧‍👦',
	'\u0000\u0001\u0007 sair \u001b[31m',
	'\uD800 lone surrogate \uDFFF',
	'\u202Eevil rtl',
	'z̴̢̛a̷l̸g̶o̵ ̵t̷e̶x̴t̶',
	'constructor',
	'__proto__',
	'toString',
	'hasOwnProperty valueOf',
	'me lembra '.repeat(1000),
	'a'.repeat(10_000),
	'kkkk'.repeat(2_500),
	'🍕'.repeat(5_000),
	'12:30 99/99/9999 31/02 25h 0h00 -1 1e9 NaN',
	'SELECT * FROM users; --',
	'<script>alert(1)</script>',
	'${process.exit()}',
	'ｍｅ ｌｅｍｂｒａ ａｍａｎｈã',
];

describe('classifyOffline robustness', () => {
	let fresh: IntentModel;
	beforeAll(() => {
		// Trained from scratch, apart from the one classifyOffline caches.
		fresh = trainIntentModel(splitCorpus().train);
	});

	it('never throws, and always answers with a valid intent, a 0–1 confidence and the offline engine', () => {
		for (const text of HOSTILE) {
			const result = classifyOffline(text, { now });
			expect(isIntent(result.intent)).toBe(true);
			expect(result.confidence).toBeGreaterThanOrEqual(0);
			expect(result.confidence).toBeLessThanOrEqual(1);
			expect(result.engine).toBe('offline');
		}
	});

	it('survives non-string input from untyped callers', () => {
		for (const value of [undefined, null, 42, {}, []]) {
			expect(classifyOffline(value as unknown as string).intent).toBe('unknown');
		}
	});

	it('answers unknown with confidence 1 for empty or punctuation-only text', () => {
		for (const text of ['', '   ', '\n', '...', '!!!']) {
			expect(classifyOffline(text, { now })).toEqual({
				intent: 'unknown',
				confidence: 1,
				entities: { datetime: null, title: null },
				engine: 'offline',
			});
		}
	});

	it('is deterministic: same text, same answer; same corpus, same model', () => {
		const texts = splitCorpus().heldOut.map((e) => e.text);
		const first = texts.map((t) => classifyOffline(t, { now }));
		expect(texts.map((t) => classifyOffline(t, { now }))).toEqual(first);
		// A second model trained from scratch agrees to the last digit with the cached one.
		expect(texts.map((t) => applyThreshold(fresh.predict(t), OFFLINE_THRESHOLD).confidence)).toEqual(first.map((r) => r.confidence));
	});

	it('answers unknown below the threshold, keeping the best intent’s probability as confidence', () => {
		expect(applyThreshold({ intent: 'task.create', confidence: OFFLINE_THRESHOLD - 0.01, rule: null }, OFFLINE_THRESHOLD)).toEqual({
			intent: 'unknown',
			confidence: OFFLINE_THRESHOLD - 0.01,
			rule: null,
		});
		expect(applyThreshold({ intent: 'task.create', confidence: OFFLINE_THRESHOLD, rule: null }, OFFLINE_THRESHOLD).intent).toBe('task.create');

		// End to end: held-out messages the model is unsure about come out as unknown.
		const unsure = splitCorpus()
			.heldOut.map((e) => e.text)
			.filter((text) => {
				const p = fresh.predict(text);
				return p.intent !== 'unknown' && p.confidence < OFFLINE_THRESHOLD;
			});
		expect(unsure.length).toBeGreaterThan(0);
		for (const text of unsure) expect(classifyOffline(text, { now }).intent).toBe('unknown');
	});

	it('lets the opt-out and help keywords through whatever the model thinks, at confidence 1', () => {
		for (const text of ['sair', 'SAIR', 'Sair!', 'parar', 'PARE', 'stop', 'STOP 🙏', 'descadastrar', 'unsubscribe', 'sair por favor']) {
			expect(classifyOffline(text, { now })).toMatchObject({ intent: 'opt_out', confidence: 1 });
		}
		for (const text of ['menu', 'MENU', 'ajuda', 'Ajuda?', 'help']) {
			expect(classifyOffline(text, { now })).toMatchObject({ intent: 'help', confidence: 1 });
		}
		// A keyword inside a sentence is the model's call, not the rule's.
		expect(classifyOffline('sair da reunião mais cedo amanhã, me lembra às 16h', { now }).intent).not.toBe('opt_out');
	});

	it('extracts date and title only for intents that act on them', () => {
		expect(classifyOffline('me lembra amanhã às 9h de ligar pro João', { now }).entities).toEqual({
			datetime: '2026-03-14T09:00:00-03:00',
			title: 'ligar pro João',
		});
		expect(classifyOffline('marca uma reunião com o João amanhã às 15h', { now }).entities).toEqual({
			datetime: '2026-03-14T15:00:00-03:00',
			title: 'reunião com o João',
		});
		// A question has a date but no title.
		expect(classifyOffline('o que tenho na agenda amanhã?', { now }).entities).toEqual({
			datetime: '2026-03-14T09:00:00-03:00',
			title: null,
		});
		expect(classifyOffline('bom dia! amanhã tem jogo', { now }).entities).toEqual({ datetime: null, title: null });
		expect(classifyOffline('resumo do dia de amanhã', { now }).entities).toEqual({ datetime: null, title: null });
	});

	it('uses the user’s time zone for the date', () => {
		const result = classifyOffline('me lembra amanhã às 9h de ligar pro João', { now, timeZone: 'Europe/Lisbon' });
		expect(result.entities.datetime).toBe('2026-03-14T09:00:00+00:00');
	});

	it('rejects invalid options with a RangeError, whatever the message', () => {
		expect(() => classifyOffline('bom dia', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
		expect(() => classifyOffline('me lembra amanhã', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
		expect(() => classifyOffline('bom dia', { now: new Date('nope') })).toThrow(RangeError);
	});

	it('knows every intent of the taxonomy', () => {
		const seen = new Set(splitCorpus().train.map((e) => e.intent));
		expect([...INTENTS].filter((i) => !seen.has(i))).toEqual([]);
	});
});
