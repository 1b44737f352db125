import { buildProgram, main } from '../../../cli/beststag';
import { EXIT } from '../../../cli/errors';

describe('beststag CLI', () => {
	let out: jest.SpyInstance;
	let err: jest.SpyInstance;
	beforeEach(() => {
		out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
		err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
	});
	afterEach(() => jest.restoreAllMocks());

	it('lists its subcommands in --help', async () => {
		expect(await main(['node', 'beststag', '--help'])).toBe(EXIT.ok);
		const help = out.mock.calls.map((c) => String(c[0])).join('');
		for (const command of ['start', 'status', 'bench']) expect(help).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
	});

	it('gives every subcommand its own --help', async () => {
		for (const command of buildProgram().commands.map((c) => c.name())) {
			out.mockClear();
			expect(await main(['node', 'beststag', command, '--help'])).toBe(EXIT.ok);
			expect(out.mock.calls.map((c) => String(c[0])).join('')).toContain(`Usage: beststag ${command}`);
		}
	});

	it('exits with the usage code on an unknown command or option', async () => {
		expect(await main(['node', 'beststag', 'nope'])).toBe(EXIT.usage);
		expect(await main(['node', 'beststag', 'start', '--nope'])).toBe(EXIT.usage);
	});

	it('explains a bad port base and fails without starting anything', async () => {
		expect(await main(['node', 'beststag', 'start', '--port-base', '80', '--data-dir', '/tmp/beststag-cli-test'])).toBe(EXIT.failure);
		expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/beststag: Port base 80 is out of range/);
	});

	it('reports a missing sandbox from status with a failure code', async () => {
		expect(await main(['node', 'beststag', 'status', '--data-dir', '/tmp/beststag-no-sandbox'])).toBe(EXIT.failure);
		expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/No running sandbox/);
	});
});
