import * as findByFields from '../../../../../../nodes/AirtableCrm/actions/record/findByFields.operation';
import { expectFailedItem, items, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

beforeAll(async () => {
	await crm.seed('Users', [
		{ Phone: phoneOf(0), Name: 'Ana', Locale: 'pt-BR' },
		{ Phone: phoneOf(1), Name: "O'Brien", Locale: 'en' },
		{ Phone: phoneOf(2), Name: 'Bia', Locale: 'pt-BR' },
	]);
});

const byLocale = (locale: string) => ({ condition: [{ field: 'Locale', valueType: 'text', value: locale }] });

describe('record: findByFields', () => {
	it('runs one query per item and pairs every record found with its item', async () => {
		const { out, requests } = await crm.run(findByFields, { items: items(2), parameters: { table: 'Users', criteria: (i: number) => byLocale(i === 0 ? 'pt-BR' : 'en'), limit: 50 } });
		expect(requests).toBe(2);
		expect(pairing(out)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
		expect(out[2].json.fields).toMatchObject({ Name: "O'Brien" });
	});

	it('treats values as data, never as formula', async () => {
		const { out } = await crm.run(findByFields, { items: items(1), parameters: { table: 'Users', criteria: { condition: [{ field: 'Name', valueType: 'text', value: "O'Brien" }] }, limit: 50 } });
		expect(out).toHaveLength(1);
		const injected = await crm.run(findByFields, { items: items(1), parameters: { table: 'Users', criteria: { condition: [{ field: 'Name', valueType: 'text', value: "x' OR TRUE() OR '" }] }, limit: 50 } });
		expect(injected.out).toEqual([]);
	});

	it('with continue-on-fail, an unknown field fails its item alone; without it, the node stops', async () => {
		const { out } = await crm.run(findByFields, {
			items: items(2),
			continueOnFail: true,
			parameters: { table: 'Users', criteria: (i: number) => (i === 0 ? { condition: [{ field: 'Nome', valueType: 'text', value: 'Ana' }] } : byLocale('en')), limit: 50 },
		});
		expectFailedItem(out[0], 0, /Table "Users" has no field "Nome"/);
		expect(pairing(out.slice(1))).toEqual([{ item: 1 }]);
		const error = await stoppedWith(crm.run(findByFields, { items: items(1), parameters: { table: 'Users', criteria: {}, limit: 50 } }));
		expect(error.message).toMatch(/Add at least one field/);
	});
});
