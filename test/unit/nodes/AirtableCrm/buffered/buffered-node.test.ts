import { BUFFERED_OPERATIONS, bufferedProperties, writeModeOf } from '../../../../../nodes/AirtableCrm/buffered/description';
import { BUFFERED } from '../../../../../nodes/AirtableCrm/buffered/operations';
import { dataPathStore } from '../../../../../nodes/AirtableCrm/buffered/store';

describe('Airtable CRM buffered mode', () => {
	it('implements exactly the operations whose Write Mode offers Buffered', () => {
		const offered = Object.entries(BUFFERED_OPERATIONS).flatMap(([resource, ops]) => ops.map((op) => `${resource}.${op}`));
		const implemented = Object.entries(BUFFERED).flatMap(([resource, ops]) => Object.keys(ops).map((op) => `${resource}.${op}`));
		expect(implemented.sort()).toEqual(offered.sort());
		const modes = bufferedProperties.filter((p) => p.name === 'writeMode');
		expect(modes.map((p) => p.displayOptions?.show?.resource?.[0])).toEqual(Object.keys(BUFFERED_OPERATIONS));
		for (const mode of modes) expect(mode.default).toBe('direct');
	});

	it('reads the mode once, and only where buffered mode exists', () => {
		const get = (value: string) => (name: string, _index: number, fallback: unknown) => (name === 'writeMode' ? value : fallback);
		expect(writeModeOf(get('buffered'), 'task', 'create')).toBe('buffered');
		expect(writeModeOf(get('direct'), 'task', 'create')).toBe('direct');
		// A stale parameter on an operation without a buffered path never diverts it.
		expect(writeModeOf(get('buffered'), 'record', 'findByFields')).toBe('direct');
		expect(writeModeOf(get('buffered'), 'reminder', 'listDue')).toBe('direct');
		expect(writeModeOf(get('buffered'), 'task', 'complete')).toBe('buffered');
	});

	it('refuses to run buffered without Redis and says what to set', () => {
		expect(() => dataPathStore({})).toThrow(/set BESTSTAG_REDIS_URL.*Write Mode "Direct"/s);
	});
});
