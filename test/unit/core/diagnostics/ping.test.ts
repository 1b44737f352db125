import { buildPong, MAX_PING_MESSAGE_LENGTH, PingInputError } from '../../../../core/diagnostics/ping';

const base = { now: new Date('2026-11-20T13:00:00Z'), packageInfo: { name: 'n8n-nodes-beststag', version: '1.2.3' } };

describe('buildPong', () => {
	it('echoes the trimmed message with a bilingual reply', () => {
		const pong = buildPong({ ...base, message: '  olá  ' });
		expect(pong).toEqual({
			pong: true,
			echo: 'olá',
			reply: 'BestStag está no ar: "olá" / BestStag is up: "olá"',
			package: { name: 'n8n-nodes-beststag', version: '1.2.3' },
			respondedAt: '2026-11-20T13:00:00.000Z',
		});
	});

	it('answers an empty message without quoting it', () => {
		expect(buildPong({ ...base, message: '' }).reply).toBe('BestStag está no ar / BestStag is up');
	});

	it('adds runtime info only when asked', () => {
		const runtime = { node: 'v24.0.0', platform: 'linux', uptimeSeconds: 5 };
		expect(buildPong({ ...base, message: 'x', runtime }).runtime).toEqual(runtime);
		expect(buildPong({ ...base, message: 'x' })).not.toHaveProperty('runtime');
	});

	it('rejects a message over the limit, saying what to do', () => {
		const message = 'a'.repeat(MAX_PING_MESSAGE_LENGTH + 1);
		expect(() => buildPong({ ...base, message })).toThrow(PingInputError);
		expect(() => buildPong({ ...base, message })).toThrow(/limit is 1000.*Shorten/);
	});

	it('rejects a non-text message', () => {
		expect(() => buildPong({ ...base, message: 42 as unknown as string })).toThrow(/must be text, got number/);
	});
});
