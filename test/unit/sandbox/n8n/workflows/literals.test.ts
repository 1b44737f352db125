import fc from 'fast-check';

import { findLiterals, findLiteralsDeep } from '../../../../../sandbox/n8n/workflows/literals';

const kinds = (text: string) => findLiterals(text, 'parameters.text').map((f) => f.kind);

describe('findLiterals', () => {
	it.each([
		['an OpenAI key', 'Authorization: sk-proj-Abcdefghijklmnopqrstuvwxyz012345'],
		['an Anthropic key', "={{ 'sk-ant-api03-abcdefghijklmnopqrstuvwx' }}"],
		['the sandbox LLM key shape', 'sk-sandbox-AbCdEfGhIjKlMnOpQrStUvWxYz012345'],
		['an Airtable personal access token', `pat${'A1b2C3d4E5f6G7'}.${'0123456789abcdef'.repeat(4)}`],
		['a Twilio auth token', 'token 0123456789abcdef0123456789abcdef'],
		['a Twilio Account SID', 'AC0123456789abcdef0123456789abcdef'],
		['a private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE'],
		['a bearer token', 'Bearer abcdefghijklmnopqrstuvwxyz0123'],
		['a password in a URL', 'https://user:s3cret@example.com/api'],
	])('finds %s', (_what, text) => {
		expect(kinds(text)).toEqual(['secret']);
	});

	it.each([
		['E.164', '+5511987654321'],
		['E.164 with separators', 'ligue +55 (11) 98765-4321'],
		['a US number', '+1 415 523 8886'],
		['a WhatsApp address', "={{ $json.from === 'whatsapp:+5511987654321' }}"],
		['a Brazilian national number', '(11) 98765-4321'],
		['a Brazilian number with area code', '11 98765-4321'],
		['a Brazilian mobile without +', 'to=5511987654321'],
	])('finds a phone number: %s', (_what, text) => {
		expect(kinds(text)).toEqual(['phone']);
	});

	it.each([
		['an expression', '={{ $json.from }}'],
		['a format with placeholders', 'whatsapp:+55 11 9XXXX-XXXX (E.164)'],
		['a UUID', '4ec391f4-4754-49c9-be68-7dfea2b1262a'],
		['an ISO date with an offset', '2026-11-29T10:00:00-03:00 and +03:00'],
		['arithmetic', '={{ $json.count + 1000000 }} and 1e+10'],
		['a Twilio Content SID', 'HX0123456789abcdef0123456789abcdef'],
		['a word starting with key', 'keyboardShortcuts'],
		['a credential expression', 'Bearer {{ $credentials.token }}'],
	])('leaves alone %s', (_what, text) => {
		expect(kinds(text)).toEqual([]);
	});

	it('never repeats the whole secret in a finding', () => {
		const token = '0123456789abcdef0123456789abcdef';
		const [finding] = findLiterals(token, 'parameters.authToken');
		expect(finding.masked).not.toContain(token);
		expect(finding.masked).toBe('012… (32 characters)');
	});

	it('walks nested values and keys, naming the path', () => {
		const found = findLiteralsDeep({ headers: [{ name: 'x', value: '+5511987654321' }], '+5511912345678': 1 }, 'parameters');
		expect(found.map((f) => f.path)).toEqual(['parameters.headers[0].value', 'parameters (key)']);
	});

	it('finds any E.164 number however it is spaced, with or without whatsapp:, inside any text', () => {
		const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max });
		const separator = fc.constantFrom('', ' ', '-', '.');
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 9 }), digits(8, 12), separator, fc.boolean(), fc.constantFrom('', 'Ligue ', "={{ $json.to === '"), (first, rest, sep, whatsapp, before) => {
				const number = `+${first}${rest.map((d, i) => (i > 0 && i % 3 === 0 ? sep : '') + d).join('')}`;
				const text = `${before}${whatsapp ? 'whatsapp:' : ''}${number} amanhã`;
				expect(kinds(text)).toEqual(['phone']);
			}),
		);
	});

	it('never flags an n8n expression that reads a value', () => {
		const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,20}$/);
		fc.assert(
			fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), (path) => {
				expect(kinds(`={{ $json.${path.join('.')} }}`)).toEqual([]);
				expect(kinds(`={{ $('${path[0]}').item.json.phone }}`)).toEqual([]);
			}),
		);
	});
});
