import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';

import type { SandboxEndpoints } from '../../sandbox/endpoints';
import { groupMembers, isSameProcess, startTimeOf } from '../../sandbox/process/identity';
import { pidFilePath, type PidFileContent } from '../../sandbox/process/pid-file';
import { launchChromium } from '../support/browser';
import { twilioClientFor } from '../../sandbox/twilio/client';
import { postInboundMessage } from '../../sandbox/twilio/inbound-webhook';
import { freePortBlock } from '../support/free-ports';
import { PROJECT_ROOT } from '../support/n8n';

jest.setTimeout(240_000);

interface StartedCli {
	child: ChildProcess;
	output(): string;
}

/** `beststag start` exactly as an operator runs it; resolves once it says it is up. */
async function startCli(base: number, dataDir: string): Promise<StartedCli> {
	let output = '';
	const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli', 'beststag.js'), 'start', '--port-base', String(base), '--data-dir', dataDir], {
		cwd: PROJECT_ROOT,
		env: { PATH: process.env.PATH, HOME: process.env.HOME },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
	const deadline = Date.now() + 180_000;
	while (!output.includes('Ctrl-C')) {
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`beststag start did not come up:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return { child, output: () => output };
}

/** Ctrl-C, as an operator stops it; resolves with the exit code. */
function interrupt(child: ChildProcess): Promise<number | null> {
	const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
	child.kill('SIGINT');
	return exited;
}

/** `beststag start` exactly as an operator runs it, on free ports and a throwaway data folder. */
describe('beststag start (the sandbox)', () => {
	let child: ChildProcess;
	let output = '';
	let endpoints: SandboxEndpoints;
	const dataDir = mkdtempSync(join(tmpdir(), 'beststag-sandbox-'));
	const endpointsFile = join(dataDir, 'endpoints.json');

	beforeAll(async () => {
		const base = await freePortBlock(15);
		const started = await startCli(base, dataDir);
		child = started.child;
		output = started.output();
		started.child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
		started.child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
		endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8')) as SandboxEndpoints;
		expect(endpoints.ports.n8n).toBe(base);
	});

	afterAll(async () => {
		if (!child || child.exitCode !== null) return;
		// SIGTERM first: the supervisor stops its children (redis-server, flusher, stand-ins) with it.
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
		if (child.exitCode === null) child.kill('SIGKILL');
	});

	it('prints the editor, webhook and portal URLs', () => {
		expect(output).toContain(endpoints.n8n.editorUrl);
		expect(output).toContain(endpoints.n8n.webhookBaseUrl);
		expect(output).toContain(endpoints.portal.url);
		expect(output).not.toContain(endpoints.n8n.owner.password);
	});

	it('answers the ping webhook through the custom node', async () => {
		const body = (await (await fetch(`${endpoints.n8n.webhookBaseUrl}beststag/ping?message=oi`)).json()) as { echo: string };
		expect(body.echo).toBe('oi');
	});

	it('shows, through the public API and the recorded key, active workflows built on n8n-nodes-beststag nodes', async () => {
		const response = await fetch(`${endpoints.n8n.publicApiUrl}/workflows?active=true`, { headers: { 'X-N8N-API-KEY': endpoints.n8n.apiKey } });
		const { data } = (await response.json()) as { data: Array<{ active: boolean; nodes: Array<{ type: string }> }> };
		const ours = data.filter((w) => w.active && w.nodes.some((n) => n.type.startsWith('n8n-nodes-beststag.')));
		expect(ours.length).toBeGreaterThanOrEqual(1);
	});

	it('lets the recorded owner log in to the editor', async () => {
		const response = await fetch(`${endpoints.n8n.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: endpoints.n8n.owner.email, password: endpoints.n8n.owner.password }),
		});
		expect(response.status).toBe(200);
	});

	it('serves the portal with every service up and no secret in its status', async () => {
		const status = await (await fetch(`${endpoints.portal.url}api/status`)).text();
		const parsed = JSON.parse(status) as { running: boolean; services: Array<{ name: string; up: boolean }>; outbox?: Record<string, number> };
		expect(parsed.running).toBe(true);
		// The data path's outbox depth per base (writes waiting for Airtable), shown on the portal's front page.
		expect(parsed.outbox).toEqual(expect.any(Object));
		expect(parsed.services.map((s) => s.name)).toEqual(expect.arrayContaining(['n8n', 'portal']));
		expect(parsed.services.every((s) => s.up)).toBe(true);
		expect(status).not.toContain(endpoints.n8n.apiKey);
		expect(status).not.toContain(endpoints.n8n.owner.password);
		const page = await (await fetch(endpoints.portal.url)).text();
		expect(page).toContain('Portal do gestor');
	});

	describe('the WhatsApp assistant flow, through the stand-ins', () => {
		const phone = '+5511977776666';
		let sid = 0;
		const say = async (text: string) => {
			const url = endpoints.whatsappWebhookUrl!;
			const { accountSid, authToken } = endpoints.services.twilio.credentials!;
			const messageSid = `SM${String(++sid).padStart(32, 'a')}`;
			const { response } = await postInboundMessage(authToken, url, { accountSid, from: phone, to: 'whatsapp:+14155238886', body: text, profileName: 'Ana', messageSid });
			expect(response.status).toBe(200);
		};
		// The store is as strict as Airtable (30 s of 429s after a 429) and n8n's limiter cannot see
		// this test's reads, so the test reads only once n8n has sent nothing to the store for a
		// second, and leaves the second after its reads free for n8n.
		const quietRead = async <T>(read: (base: Airtable.Base) => Promise<T>): Promise<T> => {
			const store = endpoints.services.airtable;
			const count = async () => ((await (await fetch(new URL('/healthz', store.url))).json()) as { requests: number }).requests;
			for (let last = await count(), stableSince = Date.now(); Date.now() - stableSince < 1_100; ) {
				await new Promise((r) => setTimeout(r, 100));
				const now = await count();
				if (now !== last) [last, stableSince] = [now, Date.now()];
			}
			const base = new Airtable({ apiKey: store.credentials!.token, endpointUrl: store.url.replace(/\/$/, ''), noRetryIfRateLimited: false }).base(store.credentials!.baseId);
			const result = await read(base);
			await new Promise((r) => setTimeout(r, 1_100));
			return result;
		};
		const replies = async (count: number) => {
			const { accountSid, authToken } = endpoints.services.twilio.credentials!;
			const client = twilioClientFor(endpoints.services.twilio.url, accountSid, authToken);
			for (let i = 0; i < 100; i++) {
				const sent = await client.messages.list({ to: `whatsapp:${phone}` });
				if (sent.length >= count) return sent.map((m) => m.body).reverse();
				await new Promise((r) => setTimeout(r, 150));
			}
			throw new Error(`Expected ${count} replies to ${phone}; the inbound workflow did not answer in time.`);
		};

		it('records a failed delivery (63016, outside the window) in Airtable through the Status output', async () => {
			const { accountSid, authToken } = endpoints.services.twilio.credentials!;
			const failing = '+5511966665555';
			const auth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
			const rule = await fetch(new URL('/standin/v1/Failures', endpoints.services.twilio.url), {
				method: 'PUT',
				headers: { authorization: auth, 'content-type': 'application/json' },
				body: JSON.stringify({ failures: [{ to: `whatsapp:${failing}`, errorCode: 63016 }] }),
			});
			expect(rule.status).toBe(200);
			const url = endpoints.whatsappWebhookUrl!;
			await postInboundMessage(authToken, url, { accountSid, from: failing, to: 'whatsapp:+14155238886', body: 'oi', messageSid: `SM${'f'.repeat(32)}` });
			let failed: Airtable.Records<Airtable.FieldSet> = [];
			// The flusher shares the base's 5 requests/s, and a 429 pauses it for 30 s: read only when the store is quiet (the client waits out a 429 the race still meets).
			for (let i = 0; i < 60 && failed.length === 0; i++) {
				failed = await quietRead((base) => base('Messages').select({ filterByFormula: "{Status} = 'failed'" }).all());
			}
			expect(failed).toHaveLength(1);
			expect(failed[0].get('Error Code')).toBe('63016');
		});

		it('records the inbound webhook URL', () => {
			expect(endpoints.whatsappWebhookUrl).toBe(`${endpoints.n8n.webhookBaseUrl}whatsapp/inbound`);
		});

		it('notes a task, lists it, and stops messaging after "sair"', async () => {
			// Consent first (LGPD): the prompt, then "SIM".
			await say('quero usar o assistente');
			expect((await replies(1))[0]).toMatch(/Você aceita\?$/);
			await say('SIM');
			expect((await replies(2))[1]).toMatch(/^Combinado!/);

			await say('anota aí comprar pão');
			expect((await replies(3))[2]).toMatch(/^✅ Anotado: \*comprar pão\* \(nº 1\)/);

			await say('minhas tarefas');
			expect((await replies(4))[3]).toMatch(/1\.\*? comprar pão/);

			// The turns wrote through the data path: the flusher brings the rows to Airtable within seconds.
			const mine = () =>
				quietRead(async (base) => [
					await base('Tasks').select({ filterByFormula: `ARRAYJOIN({User}) = '${phone}'` }).all(),
					await base('Messages').select({ filterByFormula: `ARRAYJOIN({User}) = '${phone}'` }).all(),
				]);
			let [tasks, logged] = await mine();
			for (let i = 0; i < 30 && (tasks.length === 0 || logged.length < 2); i++) [tasks, logged] = await mine();
			expect(tasks.map((t) => t.get('Title'))).toEqual(['comprar pão']);
			expect(logged).toHaveLength(2);

			// Opting out stops proactive messages, not answers: the user still gets replies.
			await say('sair');
			expect((await replies(5))[4]).toMatch(/^Pronto, não vou mais te mandar avisos/);
			await say('minhas tarefas');
			expect((await replies(6))[5]).toMatch(/comprar pão/);
		});
	});

	it('lets a person chat through the WhatsApp simulator, buttons included', async () => {
		const simulator = endpoints.portal.whatsappSimulatorUrl;
		expect(output).toContain(simulator);
		expect(await (await fetch(simulator)).text()).toContain('Simulador de WhatsApp');
		const api = new URL('/api/simulator/messages', simulator).href;
		const phone = '+5521955554444';
		const sent = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, name: 'Bia', text: 'menu' }) });
		expect(sent.status).toBe(200);
		let chat: Array<{ direction: string; body: string; buttons: string[]; status: string }> = [];
		for (let i = 0; i < 100 && chat.filter((m) => m.direction === 'out').length === 0; i++) {
			await new Promise((r) => setTimeout(r, 150));
			chat = (await (await fetch(`${api}?phone=${encodeURIComponent(phone)}`)).json()) as typeof chat;
		}
		expect(chat[0]).toMatchObject({ direction: 'in', body: 'menu' });
		// A new number is asked for consent first, with quick replies.
		const reply = chat.find((m) => m.direction === 'out')!;
		expect(reply.body).toContain('Você aceita?');
		expect(reply.buttons).toEqual(['SIM', 'NÃO']);
		const bad = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '123', text: 'oi' }) });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: string }).error).toMatch(/Telefone inválido/);
	});

	it('works in a real browser: type a message, see the reply, tap a button', async () => {
		const browser = await launchChromium();
		try {
			const page = await browser.newPage({ viewport: { width: 480, height: 820 } });
			await page.goto(endpoints.portal.whatsappSimulatorUrl);
			await page.fill('#phone', '+5531933332222');
			await page.dispatchEvent('#phone', 'change');
			await page.fill('#text', 'oi, quero usar');
			await page.press('#text', 'Enter');
			const prompt = page.locator('.bubble.out', { hasText: 'Você aceita?' });
			await prompt.waitFor({ timeout: 20_000 });
			await prompt.getByRole('button', { name: 'SIM' }).click();
			await page.locator('.bubble.out', { hasText: 'Combinado!' }).waitFor({ timeout: 20_000 });
			await page.fill('#text', 'menu');
			await page.press('#text', 'Enter');
			const reply = page.locator('.bubble.out', { hasText: 'Posso ajudar com' });
			await reply.waitFor({ timeout: 20_000 });
			await page.locator('.bubble.in', { hasText: 'menu' }).waitFor();
			await reply.getByRole('button', { name: 'Minhas tarefas' }).click();
			await page.locator('.bubble.out', { hasText: 'Nenhuma tarefa aberta' }).waitFor({ timeout: 20_000 });
			// Delivery ticks follow the stand-in's status callbacks.
			await page.locator('.bubble.out .ticks.delivered, .bubble.out .ticks.read').first().waitFor({ timeout: 20_000 });
			if (process.env.BESTSTAG_SCREENSHOT) await page.screenshot({ path: process.env.BESTSTAG_SCREENSHOT });
		} finally {
			await browser.close();
		}
	});

	it('stops everything on Ctrl-C, leaving no process and no endpoints file', async () => {
		const pids = [child.pid!];
		const code = await interrupt(child);
		expect(code).toBe(0);
		expect(output).toContain('Parado / stopped.');
		expect(existsSync(endpointsFile)).toBe(false);
		for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
		await expect(fetch(`${endpoints.n8n.baseUrl}/healthz`)).rejects.toThrow();
		await expect(fetch(`${endpoints.portal.url}healthz`)).rejects.toThrow();
	});
});

describe('beststag start after its supervisor was killed with kill -9', () => {
	it('leaves no child running, and a new start comes up cleanly on the same ports', async () => {
		const base = await freePortBlock(15);
		const dataDir = mkdtempSync(join(tmpdir(), 'beststag-killed-'));
		const first = await startCli(base, dataDir);
		const record = JSON.parse(readFileSync(pidFilePath(dataDir), 'utf8')) as PidFileContent;
		expect(record.supervisor.pid).toBe(first.child.pid);
		expect(record.processes.map((p) => p.name).sort()).toEqual(['airtable', 'anthropic', 'flusher', 'n8n', 'openai', 'portal', 'redis', 'twilio']);
		// Every process of every recorded group: n8n's includes its task runner and its watchdog.
		const all = record.processes.flatMap((p) => groupMembers(p.pid, p.startTime).map((pid) => ({ pid, startTime: startTimeOf(pid)! })));
		expect(all.length).toBeGreaterThan(record.processes.length);

		first.child.kill('SIGKILL');
		const deadline = Date.now() + 15_000;
		while (all.some(isSameProcess) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
		expect(all.filter(isSameProcess)).toEqual([]);

		const second = await startCli(base, dataDir);
		try {
			expect(second.output()).not.toContain('already in use');
			const endpoints = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8')) as SandboxEndpoints;
			expect(endpoints.ports.n8n).toBe(base);
			const body = (await (await fetch(`${endpoints.n8n.webhookBaseUrl}beststag/ping?message=de-novo`)).json()) as { echo: string };
			expect(body.echo).toBe('de-novo');
		} finally {
			expect(await interrupt(second.child)).toBe(0);
		}
		expect(existsSync(pidFilePath(dataDir))).toBe(false);
	}, 420_000);
});
