import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { WhatsAppSend } from '../../../../nodes/WhatsAppSend/WhatsAppSend.node';
import { twilioClientFor } from '../../../../sandbox/twilio/client';
import { startTwilioStandIn } from '../../../../sandbox/twilio/server';
import { mockExecuteContext } from '../../../support/execute-context';
import { freePortBlock } from '../../../support/free-ports';

jest.setTimeout(60_000);

const ACCOUNT = 'AC' + '3'.repeat(32);
const TOKEN = 'c'.repeat(32);
const FROM = 'whatsapp:+14155238886';
const TO = 'whatsapp:+5511987650042';

/** The WhatsApp Send node run as n8n would, sending to the Twilio stand-in. */
describe('WhatsApp Send and an opted-out user', () => {
	let standIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	beforeAll(async () => {
		standIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'send-optout-')), accountSid: ACCOUNT, authToken: TOKEN, statusDelayMs: 20 });
	});
	afterAll(() => standIn.close());

	const run = async (text: string, parameters: Record<string, unknown>) => {
		const { ctx } = mockExecuteContext({
			parameters: { to: TO, text, buttons: '', mediaUrls: '', optInStatus: 'opted_out', lastInboundAt: new Date(Date.now() - 60_000).toISOString(), templateSid: '', templateVariables: '{}', delivery: 'now', statusCallback: '', ...parameters },
			credentials: { twilioWhatsAppApi: { accountSid: ACCOUNT, authToken: TOKEN, from: FROM, baseUrl: standIn.url } },
		});
		const [out] = await new WhatsAppSend().execute.call(ctx);
		return out[0].json;
	};
	const bodies = async () => (await twilioClientFor(standIn.url, ACCOUNT, TOKEN).messages.list({ to: TO })).map((m) => m.body);

	it('answers the user\'s own message (Message Kind: Reply) and refuses a proactive one', async () => {
		expect(await run('Sua lista: 1. pagar boleto', { messageKind: 'reply' })).toMatchObject({ to: TO, sent: [{ kind: 'text' }] });
		expect(await run('⏰ Lembrete: pagar boleto', { messageKind: 'proactive' })).toEqual({ to: TO, sent: [], skipped: 'opted_out' });
		// A node that never set the kind (a reminder flow built before it existed) stays on the safe side.
		expect(await run('Resumo do dia', {})).toEqual({ to: TO, sent: [], skipped: 'opted_out' });
		expect(await bodies()).toEqual(['Sua lista: 1. pagar boleto']);
	});
});
