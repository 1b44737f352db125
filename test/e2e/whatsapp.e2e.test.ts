import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import twilio from 'twilio';

import type { RunningN8n } from '../../sandbox/n8n/harness';
import { startTwilioStandIn } from '../../sandbox/twilio/server';
import { twilioClientFor } from '../../sandbox/twilio/client';
import { encodeForm, inboundMessageParams, postWebhook, signFormWebhook, twilioSignature, type TwilioParams } from '../../sandbox/twilio/inbound-webhook';
import { freePortBlock } from '../support/free-ports';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';

jest.setTimeout(240_000);

const ACCOUNT = 'AC' + '1'.repeat(32);
const TOKEN = 'a'.repeat(32);
const SENDER = 'whatsapp:+14155238886';
const TEMPLATE = 'HX0000000000000000000000000000beef';

/** WhatsApp in and out through real n8n: signed Twilio webhooks in, the Twilio stand-in out. */
describe('WhatsApp trigger and send in real n8n', () => {
	let n8n: RunningN8n;
	let standIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let client: twilio.Twilio;
	let sid = 0;

	const hookUrl = () => `${n8n.webhookBaseUrl}test/whatsapp`;
	const post = (params: TwilioParams, signature?: string, url = hookUrl()) =>
		fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				...(signature === undefined ? {} : { 'x-twilio-signature': signature }),
			},
			body: encodeForm(params),
		});
	const inbound = (from: string, body: string, messageSid = `SM${String(++sid).padStart(32, '0')}`) =>
		inboundMessageParams({ accountSid: ACCOUNT, from, to: SENDER, body, profileName: 'Ana', messageSid });
	const signed = (params: TwilioParams, url = hookUrl()) => postWebhook(signFormWebhook(TOKEN, url, params));
	const sentTo = async (phone: string) => client.messages.list({ to: `whatsapp:${phone}` });
	const executions = async () => (await n8n.api.request<{ data: unknown[] }>('GET', '/executions?workflowId=bsTestWhatsApp01&limit=250')).data.data.length;
	const settle = async (check: () => Promise<boolean>) => {
		for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
	};

	beforeAll(async () => {
		const port = await freePortBlock(1);
		standIn = await startTwilioStandIn({
			port,
			dataDir: mkdtempSync(join(tmpdir(), 'twilio-standin-')),
			accountSid: ACCOUNT,
			authToken: TOKEN,
			statusDelayMs: 50,
			templates: [
				{
					sid: TEMPLATE,
					friendly_name: 'beststag_reengage',
					language: 'pt_BR',
					variables: { 1: 'você' },
					types: { 'twilio/text': { body: 'Olá {{1}}! Tem novidades no BestStag. Responda para continuar.' } },
					approval: { name: 'beststag_reengage', category: 'UTILITY' },
				},
			],
		});
		client = twilioClientFor(standIn.url, ACCOUNT, TOKEN);
		n8n = await startTestN8n({
			workflowDirs: [join(PROJECT_ROOT, 'test', 'e2e', 'workflows')],
			credentials: [
				{
					id: 'bsTwilioSandbox1',
					name: 'BestStag Twilio WhatsApp (sandbox)',
					type: 'twilioWhatsAppApi',
					data: { accountSid: ACCOUNT, authToken: TOKEN, from: SENDER, baseUrl: standIn.url },
				},
			],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await standIn?.close();
	});

	it('answers a forged or missing signature with 403 and runs nothing', async () => {
		const before = await executions();
		const params = inbound('+5511900000001', 'oi');
		expect((await post(params, 'forged-signature')).status).toBe(403);
		expect((await post(params)).status).toBe(403);
		const tampered = { ...params, Body: 'transfere tudo' };
		expect((await post(tampered, twilioSignature(TOKEN, hookUrl(), params))).status).toBe(403);
		await new Promise((r) => setTimeout(r, 500));
		expect(await executions()).toBe(before);
		expect(await sentTo('+5511900000001')).toHaveLength(0);
	});

	it('replies once to a MessageSid delivered twice', async () => {
		const params = inbound('+5511900000002', 'oi, tudo bem?');
		const first = await signed(params);
		expect(first.status).toBe(200);
		expect(await first.text()).toContain('<Response>');
		expect((await signed(params)).status).toBe(200);
		await settle(async () => (await sentTo('+5511900000002')).length > 0);
		await new Promise((r) => setTimeout(r, 1000));
		const replies = await sentTo('+5511900000002');
		expect(replies.map((m) => m.body)).toEqual(['Você disse: oi, tudo bem?']);
		expect(replies[0].from).toBe(SENDER);
	});

	it('accepts a sender URL with a query string, signed with it, and refuses it signed without', async () => {
		const tagged = `${hookUrl()}?src=campanha&tenant=acme`;
		const before = await executions();
		const unsigned = inbound('+5511900000007', 'oi');
		expect((await post(unsigned, twilioSignature(TOKEN, hookUrl(), unsigned), tagged)).status).toBe(403);
		expect((await signed(inbound('+5511900000007', 'oi da campanha'), tagged)).status).toBe(200);
		await settle(async () => (await sentTo('+5511900000007')).length > 0);
		expect((await sentTo('+5511900000007')).map((m) => m.body)).toEqual(['Você disse: oi da campanha']);
		expect(await executions()).toBe(before + 1);
	});

	it('replies to the address WhatsApp reported, without the ninth digit', async () => {
		await signed(inbound('+551184658433', 'sem nono dígito'));
		await settle(async () => (await sentTo('+551184658433')).length > 0);
		expect((await sentTo('+551184658433')).map((m) => m.body)).toEqual(['Você disse: sem nono dígito']);
		expect(await sentTo('+5511984658433')).toHaveLength(0);
	});

	it('splits a long reply at sentence boundaries', async () => {
		await signed(inbound('+5511900000003', 'longo'));
		await settle(async () => (await sentTo('+5511900000003')).length >= 3);
		const parts = (await sentTo('+5511900000003')).map((m) => m.body);
		expect(parts.length).toBeGreaterThanOrEqual(3);
		for (const part of parts) {
			expect(part.length).toBeLessThanOrEqual(1600);
			expect(part.trim().endsWith('.')).toBe(true);
		}
	});

	it('renders up to three quick-reply buttons', async () => {
		await signed(inbound('+5511900000004', 'menu'));
		await settle(async () => (await sentTo('+5511900000004')).length > 0);
		const [message] = await sentTo('+5511900000004');
		const auth = `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`;
		const rendered = (await (await fetch(`${standIn.url}/standin/v1/Messages/${message.sid}`, { headers: { authorization: auth } })).json()) as { actions: Array<{ title: string }> };
		expect(rendered.actions.map((a) => a.title)).toEqual(['Tarefas', 'Agenda', 'Ajuda']);
	});

	it('sends nothing to an opted-out user', async () => {
		const before = await executions();
		await signed(inbound('+5511900000005', 'optout-test'));
		await settle(async () => (await executions()) > before);
		await new Promise((r) => setTimeout(r, 800));
		expect(await sentTo('+5511900000005')).toHaveLength(0);
	});

	it('uses the approved template outside the 24-hour window', async () => {
		await signed(inbound('+5511900000006', 'old-window'));
		await settle(async () => (await sentTo('+5511900000006')).length > 0);
		const [message] = await sentTo('+5511900000006');
		expect(message.body).toBe('Olá Ana! Tem novidades no BestStag. Responda para continuar.');
	});
});
