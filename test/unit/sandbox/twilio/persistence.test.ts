import { rmSync } from 'node:fs';

import { ANA, BOT, contentBody, startCallbackReceiver, startTestStandIn, tempDataDir, waitForStatus } from './helpers';

describe('persistence and start-up', () => {
	it('keeps messages and templates across a restart on the same data dir', async () => {
		const dataDir = tempDataDir();
		try {
			const first = await startTestStandIn({ dataDir, statusDelayMs: 5 });
			const template = await first.client.content.v1.contents.create(contentBody({ language: 'pt_BR', types: { 'twilio/text': { body: 'Oi {{1}}' } } }));
			const sent = await first.client.messages.create({ to: ANA, from: BOT, contentSid: template.sid, contentVariables: '{"1":"Ana"}' });
			const delivered = await waitForStatus(first.client, sent.sid, 'delivered');
			await first.close();
			await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();

			const second = await startTestStandIn({ dataDir });
			try {
				expect(await (await fetch(`${second.url}/healthz`)).json()).toEqual({ ok: true, messages: 1 });
				const [again] = await second.client.messages.list({ to: ANA });
				expect(again.toJSON()).toEqual(delivered.toJSON());
				expect((await second.client.content.v1.contents(template.sid).fetch()).types).toEqual(template.types);
				expect((await second.api('GET', `/standin/v1/Messages/${sent.sid}`)).body).toMatchObject({ body: 'Oi Ana', content_sid: template.sid });
			} finally {
				await second.close();
			}
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('resumes a message’s lifecycle, callbacks included, after a restart', async () => {
		const dataDir = tempDataDir();
		const receiver = await startCallbackReceiver();
		try {
			const slow = await startTestStandIn({ dataDir, statusDelayMs: 60_000 });
			const sent = await slow.client.messages.create({ to: ANA, from: BOT, body: 'interrompida', statusCallback: receiver.url });
			await slow.close();

			const quick = await startTestStandIn({ dataDir, statusDelayMs: 10 });
			try {
				expect((await receiver.waitFor(sent.sid, 2)).map((r) => r.params.MessageStatus)).toEqual(['sent', 'delivered']);
			} finally {
				await quick.close();
			}
		} finally {
			await receiver.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('creates seed templates under fixed SIDs, approved when asked, and keeps them on the next start', async () => {
		const dataDir = tempDataDir();
		const seed = {
			sid: 'HX00000000000000000000000000000001',
			friendly_name: 'boas_vindas',
			language: 'pt_BR',
			types: { 'twilio/text': { body: 'Bem-vindo à BestStag, {{1}}!' } },
			approval: { name: 'boas_vindas', category: 'utility' },
		};
		try {
			for (let start = 0; start < 2; start++) {
				const standIn = await startTestStandIn({ dataDir, templates: [seed] });
				try {
					expect(await standIn.client.content.v1.contents.list()).toHaveLength(1);
					expect((await standIn.client.content.v1.contents(seed.sid).approvalFetch().fetch()).whatsapp).toMatchObject({ status: 'approved', category: 'UTILITY' });
				} finally {
					await standIn.close();
				}
			}
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('refuses bad options at start-up with the cause and the fix', async () => {
		await expect(startTestStandIn({ accountSid: 'AC123' })).rejects.toThrow(/"AC" followed by 32 hex digits/);
		await expect(startTestStandIn({ authToken: '' })).rejects.toThrow(/needs an auth token/);
		await expect(startTestStandIn({ statusDelayMs: -1 })).rejects.toThrow(/statusDelayMs/);
		await expect(startTestStandIn({ failures: [{ to: 'ana', errorCode: 63016 }] })).rejects.toThrow(/Failure rule 1: "to"/);
		await expect(startTestStandIn({ templates: [{ sid: 'HX1', language: 'pt_BR', types: {} }] })).rejects.toThrow(/not a Content SID/);
	});
});
