import fc from 'fast-check';

import { WHATSAPP_BODY_LIMIT, WHATSAPP_QUICK_REPLY_TITLE_LIMIT, whatsappTextLength } from '../../../../core/limits/whatsapp';
import { fittingPrefixLength, graphemeBoundaries, graphemeLength, graphemes, truncateGraphemes } from '../../../../core/text/graphemes';
import { fitTemplateVariables, fitsQuickReply, planReply } from '../../../../core/whatsapp/outbound-plan';
import { splitMessage } from '../../../../core/whatsapp/split';

const FLAG = '🇧🇷';
const THUMB = '👍🏽';
const FAMILY = '👨‍👩‍👧‍👦';
const ACCENT = 'e\u0301'; // é as e + combining acute
const HARD = [FLAG, THUMB, FAMILY, ACCENT, '🙂', 'ç', 'ã', '\r\n', 'क्षि'];

/** True when every cut between consecutive parts is a grapheme boundary of the whole text. */
function cutsOnGraphemes(text: string, parts: string[]): boolean {
	const allowed = new Set(graphemeBoundaries(text));
	let offset = 0;
	for (const part of parts.slice(0, -1)) {
		offset += part.length;
		if (!allowed.has(offset)) return false;
	}
	return true;
}

const loneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

// Text made of the pieces that break naive cutting, with spaces and line breaks between them.
const awkwardText = fc
	.array(fc.oneof(fc.constantFrom(...HARD, ' ', '\n', '\n\n', '. ', 'palavra'), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 400 })
	.map((pieces) => pieces.join(''));

describe('splitMessage counts as Twilio counts and never breaks a character', () => {
	it("splits 'a' + 🙂×1000 (2001 UTF-16 units) into whole emoji: 1599 + 402 units", () => {
		const text = 'a' + '🙂'.repeat(1000);
		const parts = splitMessage(text);
		expect(parts.map((p) => p.length)).toEqual([1599, 402]);
		expect(parts[0]).toBe('a' + '🙂'.repeat(799));
		expect(parts[1]).toBe('🙂'.repeat(201));
		expect(parts.some(loneSurrogate)).toBe(false);
		expect(parts.join('')).toBe(text);
	});

	it.each([
		['flags', FLAG],
		['skin tones', THUMB],
		['ZWJ families', FAMILY],
		['combining accents', ACCENT],
	])('never splits %s', (_, unit) => {
		for (const prefix of ['', 'a', 'ab', 'abc']) {
			const text = prefix + unit.repeat(Math.ceil(3300 / unit.length));
			const parts = splitMessage(text);
			expect(parts.join('')).toBe(text);
			for (const part of parts) {
				expect(whatsappTextLength(part)).toBeLessThanOrEqual(WHATSAPP_BODY_LIMIT);
				expect(graphemes(part).slice(prefix && part === parts[0] ? 1 : 0).every((g) => g === unit || prefix.includes(g))).toBe(true);
			}
		}
	});

	it('property: any string, split and joined, gives back the original; no part exceeds the limit; cuts fall between graphemes', () => {
		fc.assert(
			fc.property(fc.oneof(awkwardText, fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), fc.integer({ min: 10, max: 120 }), (text, limit) => {
				const parts = splitMessage(text, limit);
				expect(parts.join('')).toBe(text);
				for (const part of parts) expect(whatsappTextLength(part)).toBeLessThanOrEqual(limit);
				expect(parts.every((p) => p.length > 0)).toBe(true);
				// A grapheme longer than the limit cannot stay whole; every other cut is between graphemes.
				if (graphemes(text).every((g) => g.length <= limit)) expect(cutsOnGraphemes(text, parts)).toBe(true);
			}),
			{ numRuns: 400 },
		);
	});

	it('property: the same holds with characters (code points) as the measure', () => {
		const codePoints = (t: string) => [...t].length;
		fc.assert(
			fc.property(awkwardText, fc.integer({ min: 10, max: 60 }), (text, limit) => {
				const parts = splitMessage(text, limit, codePoints);
				expect(parts.join('')).toBe(text);
				for (const part of parts) expect(codePoints(part)).toBeLessThanOrEqual(limit);
				expect(cutsOnGraphemes(text, parts)).toBe(true);
			}),
			{ numRuns: 200 },
		);
	});

	it('still prefers a sentence end to a hard cut', () => {
		const text = `${'Primeira frase curta. '.repeat(40)}${'🇧🇷'.repeat(500)}`;
		const [first] = splitMessage(text);
		expect(first.trimEnd().endsWith('.')).toBe(true);
	});

	it('cuts a single grapheme longer than the limit between code points, never inside a surrogate pair', () => {
		const zalgo = 'a' + '\u0301'.repeat(30) + '🙂';
		const parts = splitMessage(zalgo, 10);
		expect(parts.join('')).toBe(zalgo);
		expect(parts.some(loneSurrogate)).toBe(false);
	});

	it('refuses a limit below 10', () => expect(() => splitMessage('x', 9)).toThrow(RangeError));
});

describe('grapheme helpers', () => {
	it('counts what people see', () => {
		expect(graphemeLength(`${FLAG}${THUMB}${FAMILY}${ACCENT}a`)).toBe(5);
		expect(graphemes(`a${FAMILY}b`)).toEqual(['a', FAMILY, 'b']);
	});

	it('fits the longest whole-grapheme prefix', () => {
		expect(fittingPrefixLength('ab🙂c', 3)).toBe(2);
		expect(fittingPrefixLength('ab🙂c', 4)).toBe(4);
		expect(fittingPrefixLength(FAMILY, 5)).toBe(0);
	});

	it('truncates on a grapheme boundary with an ellipsis inside the limit', () => {
		expect(truncateGraphemes('curto', 10)).toBe('curto');
		expect(truncateGraphemes(`abc${FLAG}${FLAG}`, 6)).toBe(`abc…`);
		expect(truncateGraphemes(`abc${FLAG}${FLAG}`, 8)).toBe(`abc${FLAG}…`);
		fc.assert(
			fc.property(awkwardText, fc.integer({ min: 1, max: 50 }), (text, limit) => {
				const cut = truncateGraphemes(text, limit);
				expect(cut.length).toBeLessThanOrEqual(limit);
				expect(loneSurrogate(cut) && !loneSurrogate(text)).toBe(false);
				if (cut !== text) expect(text.startsWith(cut.slice(0, -1))).toBe(true);
			}),
		);
	});
});

describe('quick replies and templates are measured as Twilio measures them', () => {
	it('a title of 10 emoji is 20 units and fits; 11 emoji do not', () => {
		expect(fitsQuickReply('Escolha', ['🙂'.repeat(10)])).toBe(true);
		expect(fitsQuickReply('Escolha', ['🙂'.repeat(11)])).toBe(false);
		expect(fitsQuickReply('Escolha', ['x'.repeat(WHATSAPP_QUICK_REPLY_TITLE_LIMIT + 1)])).toBe(false);
		expect(fitsQuickReply('🙂'.repeat(512), ['Sim'])).toBe(true);
		expect(fitsQuickReply('🙂'.repeat(513), ['Sim'])).toBe(false);
		expect(fitsQuickReply('ok', ['a', 'b', 'c', 'd'])).toBe(false);
	});

	it('a quick-reply body that does not fit becomes split text with a numbered list, nothing broken', () => {
		const plan = planReply({ to: 'whatsapp:+5511987654321', text: FLAG.repeat(1200), buttons: ['Sim', 'Não'], now: new Date('2026-01-01T12:00:00Z'), lastInboundAt: '2026-01-01T11:00:00Z' });
		if (!('send' in plan)) throw new Error('expected a plan to send');
		const bodies = plan.send.map((m) => (m.kind === 'text' ? m.body : ''));
		expect(bodies.length).toBeGreaterThan(1);
		expect(bodies.some(loneSurrogate)).toBe(false);
		expect(bodies.every((b) => b.length <= WHATSAPP_BODY_LIMIT)).toBe(true);
		expect(bodies.join('')).toContain('1. Sim');
	});

	it('shortens a template variable that could never fit a template, on a grapheme boundary', () => {
		const fitted = fitTemplateVariables({ 1: 'Ana', 2: FAMILY.repeat(200) });
		expect(fitted[1]).toBe('Ana');
		expect(fitted[2].length).toBeLessThanOrEqual(1024);
		expect(fitted[2].endsWith(`${FAMILY}…`)).toBe(true);
	});
});
