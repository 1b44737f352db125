import fc from 'fast-check';

import { compileFormula, type FieldValue } from '../../../../../sandbox/airtable/formula';
import { NOW, record } from './helpers';

const ZONES = ['UTC', 'America/Sao_Paulo', 'America/Manaus', 'America/Noronha', 'America/New_York', 'Europe/Lisbon', 'Asia/Kolkata', 'Australia/Adelaide', 'Pacific/Chatham'];
// 1970 to 2100, whole milliseconds.
const instants = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms).toISOString());

describe('formula properties', () => {
	it('a single-word field reads the same bare and in braces', () => {
		// Latin letters with accents (× and ÷ are not letters), digits and _.
		const word = fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]{0,15}$/).filter((w) => !/^(true|false)$/i.test(w));
		fc.assert(
			fc.property(word, fc.oneof(fc.string(), fc.integer()), (name, value) => {
				const fields: Record<string, FieldValue> = { [name]: value };
				const bare = compileFormula(`${name} & ''`, { knownFields: [name] });
				const braced = compileFormula(`{${name}} & ''`, { knownFields: [name] });
				expect(bare.fieldNames).toEqual([name]);
				expect(bare.evaluate(record(fields), { now: NOW })).toEqual(braced.evaluate(record(fields), { now: NOW }));
			}),
		);
	});

	it('SET_TIMEZONE keeps the instant, and its wall clock plus the printed offset is that instant', () => {
		fc.assert(
			fc.property(instants, fc.constantFrom(...ZONES), (instant, zone) => {
				const fields = { At: instant, Zone: zone };
				const same = compileFormula('IS_SAME(SET_TIMEZONE({At}, {Zone}), {At})').evaluate(record(fields), { now: NOW });
				expect(same).toBe(true);
				const printed = compileFormula("DATETIME_FORMAT(SET_TIMEZONE({At}, {Zone}), 'YYYY-MM-DDTHH:mm:ss.SSSZ')").evaluate(record(fields), { now: NOW });
				expect(new Date(printed as string).toISOString()).toBe(instant);
			}),
		);
	});

	it('DATETIME_PARSE reads back what DATETIME_FORMAT printed', () => {
		const formats = fc.constantFrom('YYYY-MM-DD HH:mm:ss', 'DD/MM/YYYY H:mm', 'MMMM D, YYYY h:mm:ss a', 'MMM Do YYYY HH:mm', 'x');
		fc.assert(
			fc.property(instants, formats, (instant, format) => {
				const source = `DATETIME_PARSE(DATETIME_FORMAT({At}, '${format}'), '${format}') = DATETIME_PARSE(DATETIME_FORMAT({At}, '${format}'), '${format}')`;
				const roundTrip = compileFormula(`DATETIME_FORMAT(DATETIME_PARSE(DATETIME_FORMAT({At}, '${format}'), '${format}'), '${format}') = DATETIME_FORMAT({At}, '${format}')`);
				expect(compileFormula(source).matches(record({ At: instant }), { now: NOW })).toBe(true);
				expect(roundTrip.matches(record({ At: instant }), { now: NOW })).toBe(true);
			}),
		);
	});

	it('ROUND to 0..4 decimals stays within half a unit of the value, and ROUNDDOWN/ROUNDUP bracket it', () => {
		fc.assert(
			fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 4 }), (value, digits) => {
				const ctx = { now: NOW };
				const at = (fn: string) => compileFormula(`${fn}({V}, ${digits})`).evaluate(record({ V: value }), ctx) as number;
				const unit = 10 ** -digits;
				expect(Math.abs(at('ROUND') - value)).toBeLessThanOrEqual(unit / 2 + 1e-9 * Math.max(1, Math.abs(value)));
				expect(Math.abs(at('ROUNDDOWN'))).toBeLessThanOrEqual(Math.abs(value) + 1e-9 * Math.max(1, Math.abs(value)));
				expect(Math.abs(at('ROUNDUP'))).toBeGreaterThanOrEqual(Math.abs(value) - 1e-9 * Math.max(1, Math.abs(value)));
			}),
		);
	});
});
