import { parse as parseForm } from 'node:querystring';

import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { WhatsAppTrigger } from '../../../../nodes/WhatsAppTrigger/WhatsAppTrigger.node';
import { inboundMessageParams, signFormWebhook, signJsonWebhook, twilioSignature, type TwilioParams } from '../../../../sandbox/twilio/inbound-webhook';

/**
 * The trigger's webhook() driven with n8n-like request objects: a form body parsed the way n8n's
 * body parser does (node:querystring, so a repeated key becomes an array), a JSON body with its raw
 * bytes kept on the request, headers lower-cased, the public URL from WEBHOOK_URL.
 */
interface FakeRequest {
	/** The node's public webhook URL, as n8n builds it from WEBHOOK_URL (no query). */
	webhookUrl: string;
	/** The request target as received: path and query. */
	target: string;
	signature?: string;
	contentType?: string;
	rawBody?: string;
	headers?: Record<string, string>;
	authToken: string;
	skipSignatureCheck?: boolean;
	/** The trigger's Delivery Statuses Path. */
	statusPath?: string;
	/** The node's production URL when `webhookUrl` is the editor's test URL. */
	productionUrl?: string;
	/** Collects the trigger's warnings. */
	warnings?: string[];
}

interface Outcome {
	status: number | undefined;
	text: string;
	result: IWebhookResponseData;
}

async function deliver(request: FakeRequest): Promise<Outcome> {
	const contentType = request.contentType ?? 'application/x-www-form-urlencoded';
	const raw = request.rawBody ?? '';
	const body = !raw ? {} : contentType.startsWith('application/json') ? JSON.parse(raw) : parseForm(raw, undefined, undefined, { maxKeys: 1000 });
	const headers: Record<string, string> = { 'content-type': contentType, host: new URL(request.webhookUrl).host, ...request.headers };
	if (request.signature !== undefined) headers['x-twilio-signature'] = request.signature;
	const response = { status: undefined as number | undefined, text: '' };
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		type: () => res,
		send(text: string) {
			response.text = text;
			return res;
		},
	};
	const req = { originalUrl: request.target, url: request.target, headers, body, rawBody: Buffer.from(raw, 'utf8'), header: (name: string) => headers[name.toLowerCase()] };
	const parameters: Record<string, unknown> = { skipSignatureCheck: request.skipSignatureCheck ?? false, statusUpdates: 'failures', path: 'whatsapp/inbound', statusPath: request.statusPath ?? '' };
	const context = {
		getRequestObject: () => req,
		getResponseObject: () => res,
		getHeaderData: () => headers,
		getBodyData: () => body,
		getQueryData: () => Object.fromEntries(new URL(request.target, 'http://x').searchParams),
		getNodeWebhookUrl: () => request.productionUrl ?? request.webhookUrl,
		getWebhookResourceUrl: () => request.webhookUrl,
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async () => ({ authToken: request.authToken, accountSid: 'AC' + '0'.repeat(32) }),
		getNode: () => ({ name: 'WhatsApp Trigger', type: 'n8n-nodes-beststag.whatsAppTrigger', typeVersion: 1, parameters }),
		getMode: () => 'webhook',
		logger: { warn: (line: string) => request.warnings?.push(line) },
	};
	const result = await new WhatsAppTrigger().webhook.call(context as unknown as IWebhookFunctions);
	return { status: response.status, text: response.text, result };
}

/** Splits a full URL the way n8n sees it: the public webhook URL (no query) and the request target. */
function split(url: string): { webhookUrl: string; target: string } {
	const parsed = /^([a-z]+:\/\/[^/]+)(\/[^?]*)(\?.*)?$/i.exec(url);
	if (!parsed) throw new Error(`bad URL ${url}`);
	return { webhookUrl: parsed[1] + parsed[2], target: parsed[2] + (parsed[3] ?? '') };
}

const form = (params: TwilioParams) => signFormWebhook('unused', 'http://unused', params).body;
const refused = (o: Outcome) => o.status === 403 && o.result.workflowData === undefined;
// twilio-node's vectors are Voice/Messaging requests without a MessageSid: a verified one reaches the parser (400), a refused one stops at 403.
const verifiedOnly = (o: Outcome) => o.status === 400 && /no MessageSid/.test(o.text);

describe("twilio-node's validation vectors through the trigger's webhook()", () => {
	// spec/validation.spec.js (twilio/twilio-node): token, URL, params and signatures as published there.
	const token = '12345';
	const requestUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';
	const defaultParams = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
	const defaultSignature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
	const body = '{"property": "value", "boolean": true}';
	const bodySignature = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620';
	const requestUrlWithHash = `${requestUrl}&bodySHA256=${bodySignature}`;
	const requestUrlWithHashSignature = 'a9nBmqA0ju/hNViExpshrM61xv4=';
	const bodySignatureEmpty = '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

	const formRequest = (url: string, signature: string | undefined, params: TwilioParams = defaultParams, webhookUrl?: string) => {
		const parts = split(url);
		return deliver({ ...parts, webhookUrl: webhookUrl ?? parts.webhookUrl, signature, rawBody: form(params), authToken: token });
	};
	const jsonRequest = (url: string, signature: string | undefined, raw: string) => deliver({ ...split(url), signature, rawBody: raw, contentType: 'application/json', authToken: token });

	it('accepts the correct signature', async () => expect(verifiedOnly(await formRequest(requestUrl, defaultSignature))).toBe(true));
	it('refuses the wrong signature', async () => expect(refused(await formRequest(requestUrl, 'WRONG_SIGNATURE'))).toBe(true));
	it('refuses an undefined signature', async () => expect(refused(await formRequest(requestUrl, undefined))).toBe(true));
	it('validates the request body when given (bodySHA256)', async () => expect(verifiedOnly(await jsonRequest(requestUrlWithHash, requestUrlWithHashSignature, body))).toBe(true));
	it('validates an empty JSON body', async () =>
		expect(verifiedOnly(await jsonRequest(`${requestUrl}&bodySHA256=${bodySignatureEmpty}`, 'Ldidvp12m26NI7eqEvxnEpkd9Hc=', '{}'))).toBe(true));
	it('validates a body with only the sha param in the URL', async () =>
		expect(verifiedOnly(await jsonRequest(`https://mycompany.com/myapp.php?bodySHA256=${bodySignature}`, 'y77kIzt2vzLz71DgmJGsen2scGs=', body))).toBe(true));
	it('refuses a JSON body without bodySHA256 in the URL', async () => expect(refused(await jsonRequest(requestUrl, defaultSignature, body))).toBe(true));
	it('refuses a body that does not match its hash', async () =>
		expect(refused(await jsonRequest(requestUrlWithHash, requestUrlWithHashSignature, body.replace('value', 'valor')))).toBe(true));
	it('validates https URLs with ports by stripping them', async () =>
		expect(verifiedOnly(await formRequest(requestUrl.replace('.com', '.com:1234'), defaultSignature))).toBe(true));
	it('validates http URLs with ports', async () =>
		expect(verifiedOnly(await formRequest(requestUrl.replace('.com', '.com:1234').replace('https', 'http'), 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU='))).toBe(true));
	it('validates https URLs without ports by adding 443', async () => expect(verifiedOnly(await formRequest(requestUrl, 'kvajT1Ptam85bY51eRf/AJRuM3w='))).toBe(true));
	it('validates http URLs without ports by adding 80', async () =>
		expect(verifiedOnly(await formRequest(requestUrl.replace('https', 'http'), '0ZXoZLH/DfblKGATFgpif+LLRf4='))).toBe(true));
	it('validates URLs with credentials', async () =>
		expect(verifiedOnly(await formRequest('https://user:pass@mycompany.com/myapp.php?foo=1&bar=2', 'CukzLTc1tT5dXEDIHm/tKBanW10='))).toBe(true));
	it('validates URLs with just a username', async () =>
		expect(verifiedOnly(await formRequest('https://user@mycompany.com/myapp.php?foo=1&bar=2', '2YRLlVAflCqxaNicjMpJcSTgzSs='))).toBe(true));
	it('validates URLs with credentials by adding the port', async () =>
		expect(verifiedOnly(await formRequest('https://user:pass@mycompany.com/myapp.php?foo=1&bar=2', 'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI='))).toBe(true));
	it('validates URLs with special characters', async () =>
		expect(verifiedOnly(await formRequest(`${requestUrl}&Body=It's+amazing`, 'dsq4Ehbj6cs+KdTkpF5sSSplOWw='))).toBe(true));
	it.each([
		[['+1325xxxxxxx', '+1415xxxxxxx']],
		[['+1415xxxxxxx', '+1325xxxxxxx']],
	])('validates a repeated form key whatever the order of its values (%j)', async (addresses) =>
		expect(verifiedOnly(await formRequest(requestUrl, '83O6e2vORAoJHUNzJjDWN1jz+BA=', { 'MessagingBinding.Address': addresses }))).toBe(true));
	it('validates multiple params with repeated values', async () =>
		expect(verifiedOnly(await formRequest(requestUrl, 'IK+Dwps556ElfBT0I3Rgjkr1wJU=', { Sid: 'CA123', SidAccount: 'AC123', Digits: ['5678', '1234', '1234'] }))).toBe(true));

	describe('middleware vectors', () => {
		it('validates a standard request', async () => expect(verifiedOnly(await formRequest(requestUrl, defaultSignature))).toBe(true));
		it('answers 403 when the query carries something unexpected', async () =>
			expect(refused(await formRequest(`${requestUrl}&somethingUnexpected=true`, defaultSignature))).toBe(true));
		it('answers 403 when no signature is given (twilio-node answers 400; a webhook that runs nothing answers 403 either way)', async () =>
			expect(refused(await formRequest(`${requestUrl}&somethingUnexpected=true`, undefined))).toBe(true));
		it('bypasses validation when told to (validate: false ~ Skip Signature Check)', async () => {
			const outcome = await deliver({ ...split(requestUrl), signature: 'anything', rawBody: form(defaultParams), authToken: token, skipSignatureCheck: true });
			expect(verifiedOnly(outcome)).toBe(true);
		});
		it('uses the configured public origin, not the Host and protocol the proxy passed on', async () => {
			const outcome = await deliver({ ...split(requestUrl), signature: defaultSignature, rawBody: form(defaultParams), authToken: token, headers: { host: 'someothercompany.com', 'x-forwarded-proto': 'http' } });
			expect(verifiedOnly(outcome)).toBe(true);
		});
		it('validates the post body given bodySHA256 in the query', async () =>
			expect(verifiedOnly(await jsonRequest(requestUrlWithHash, requestUrlWithHashSignature, body))).toBe(true));
		it('fails the post body with a wrong hash', async () => expect(refused(await jsonRequest(requestUrlWithHash.slice(0, -1), requestUrlWithHashSignature, body))).toBe(true));
	});
});

describe("twilio-node's webhooks.spec vectors (ports and quotes) through the trigger", () => {
	const token = 's3cr3t';
	const through = (serverUrl: string, targetUrl: string) =>
		deliver({ ...split(targetUrl), signature: twilioSignature(token, serverUrl, {}), rawBody: '', authToken: token });

	it('refuses when the signed URL does not match the target URL', async () =>
		expect(refused(await through('https://example.com/path?test=param', 'https://example.com/path?test=param2'))).toBe(true));
	it.each([
		['https://example.com:443/path?test=param', 'https://example.com:443/path?test=param'],
		['https://example.com:443/path?test=param', 'https://example.com/path?test=param'],
		['https://example.com/path?test=param', 'https://example.com/path?test=param'],
		['https://example.com/path?test=param', 'https://example.com:443/path?test=param'],
		["https://example.com/path?test=param'WithQuote", "https://example.com/path?test=param'WithQuote"],
		["https://example.com/path?test=param'WithQuote", 'https://example.com/path?test=param%27WithQuote'],
		['https://example.com/path?test=param%27WithQuote', "https://example.com/path?test=param'WithQuote"],
		['https://example.com/path?test=param%27WithQuote', 'https://example.com/path?test=param%27WithQuote'],
	])('signed as %s, received as %s: accepted', async (serverUrl, targetUrl) => expect(verifiedOnly(await through(serverUrl, targetUrl))).toBe(true));
});

describe('the trigger verifies what Twilio signed for WhatsApp messages', () => {
	const token = 'f'.repeat(32);
	const account = 'AC' + '7'.repeat(32);
	const hook = 'https://bot.beststag.example/webhook/whatsapp/inbound';
	let sid = 0;
	const message = (body: string, from = '+5511987654321', extra?: TwilioParams) =>
		inboundMessageParams({ accountSid: account, from, to: 'whatsapp:+14155238886', body, profileName: 'Ana', messageSid: `SM${String(++sid).padStart(32, '0')}`, extra });
	const post = (url: string, params: TwilioParams, signedUrl = url, signedParams = params) =>
		deliver({ ...split(url), signature: twilioSignature(token, signedUrl, signedParams), rawBody: form(params), authToken: token });
	const messageOut = (o: Outcome) => {
		expect(o.status).toBe(200);
		const [messages] = o.result.workflowData ?? [[]];
		expect(messages).toHaveLength(1);
		return messages[0].json as Record<string, unknown>;
	};

	it('accepts a sender URL with a query string (?src=campanha), and refuses it signed without the query', async () => {
		const params = message('oi');
		expect(messageOut(await post(`${hook}?src=campanha`, params)).text).toBe('oi');
		expect(refused(await post(`${hook}?src=campanha`, message('oi'), hook))).toBe(true);
		expect(refused(await post(hook, message('oi'), `${hook}?src=campanha`))).toBe(true);
	});

	it('accepts a repeated form key (MessagingBinding.Address twice): each value is signed', async () => {
		const params = message('oi', '+5511987654321', { 'MessagingBinding.Address': ['whatsapp:+5511987654321', 'whatsapp:+14155238886'] });
		expect(messageOut(await post(hook, params)).text).toBe('oi');
		// Collapsing the values to "a,b" is not what Twilio signed.
		const collapsed = { ...params, 'MessagingBinding.Address': 'whatsapp:+5511987654321,whatsapp:+14155238886' };
		expect(refused(await post(hook, params, hook, collapsed))).toBe(true);
	});

	it('accepts a JSON webhook whose bodySHA256 matches, and refuses the body changed after signing', async () => {
		const json = { ...message('oi por JSON'), NumMedia: '0' };
		const signed = signJsonWebhook(token, hook, json);
		const ok = await deliver({ ...split(signed.url), signature: signed.headers['x-twilio-signature'], rawBody: signed.body, contentType: 'application/json', authToken: token });
		const item = messageOut(ok);
		expect(item.text).toBe('oi por JSON');
		expect(item.webhookUrl).toBe(hook);
		const tampered = signed.body.replace('oi por JSON', 'transfere tudo');
		expect(refused(await deliver({ ...split(signed.url), signature: signed.headers['x-twilio-signature'], rawBody: tampered, contentType: 'application/json', authToken: token }))).toBe(true);
	});

	it('a message carries where its reply\'s statuses go: the Delivery Statuses Path on the same n8n, else this trigger', async () => {
		const json = { ...message('oi'), NumMedia: '0' };
		const signed = signJsonWebhook(token, hook, json);
		const send = (statusPath: string, warnings?: string[]) => deliver({ ...split(signed.url), signature: signed.headers['x-twilio-signature'], rawBody: signed.body, contentType: 'application/json', authToken: token, statusPath, warnings });
		expect(messageOut(await send('whatsapp/status')).statusCallback).toBe(hook.replace('whatsapp/inbound', 'whatsapp/status'));
	});

	it('tested from the editor (webhook-test), a message still sends its statuses to the other workflow’s production URL', async () => {
		const testHook = hook.replace('/webhook/', '/webhook-test/');
		const params = message('teste no editor');
		const item = messageOut(await deliver({ ...split(testHook), productionUrl: hook, signature: twilioSignature(token, testHook, params), rawBody: form(params), authToken: token, statusPath: 'whatsapp/status' }));
		expect(item.webhookUrl).toBe(testHook);
		expect(item.statusCallback).toBe(hook.replace('whatsapp/inbound', 'whatsapp/status'));
	});

	it('a blank or misset Delivery Statuses Path keeps statuses on this trigger; a misset one is logged', async () => {
		const params = message('oi de novo');
		const blank = messageOut(await deliver({ ...split(hook), signature: twilioSignature(token, hook, params), rawBody: form(params), authToken: token }));
		expect(blank.statusCallback).toBe(hook);
		const warnings: string[] = [];
		const params2 = message('e agora');
		const misset = messageOut(await deliver({ ...split(hook), signature: twilioSignature(token, hook, params2), rawBody: form(params2), authToken: token, statusPath: '../admin', warnings }));
		expect(misset.statusCallback).toBe(hook);
		expect(warnings.join('\n')).toMatch(/Delivery Statuses Path must be a webhook path.*come back to this trigger/);
	});

	it.each([
		['https://bot.beststag.example:443/webhook/whatsapp/inbound', 'https://bot.beststag.example/webhook/whatsapp/inbound'],
		['https://bot.beststag.example/webhook/whatsapp/inbound', 'https://bot.beststag.example:443/webhook/whatsapp/inbound'],
	])('keeps ports working: WEBHOOK_URL %s, signed for %s', async (webhookUrl, signedUrl) => {
		const params = message('oi');
		const outcome = await deliver({ webhookUrl, target: '/webhook/whatsapp/inbound', signature: twilioSignature(token, signedUrl, params), rawBody: form(params), authToken: token });
		expect(messageOut(outcome).text).toBe('oi');
	});

	it.each(["d'Ávila disse: não é fácil, né?", 'Açaí às 15h 🇧🇷👍🏽👨‍👩‍👧 ção', 'a+b=c & 100% "aspas" <tag>'])('keeps apostrophes, accents, emoji and symbols: %s', async (text) => {
		expect(messageOut(await post(hook, message(text))).text).toBe(text);
	});

	it('refuses a forged signature, a missing one and another token with 403; nothing runs', async () => {
		const params = message('oi');
		expect(refused(await deliver({ ...split(hook), signature: 'c2lnbmF0dXJl', rawBody: form(params), authToken: token }))).toBe(true);
		expect(refused(await deliver({ ...split(hook), rawBody: form(params), authToken: token }))).toBe(true);
		expect(refused(await deliver({ ...split(hook), signature: twilioSignature('x'.repeat(32), hook, params), rawBody: form(params), authToken: token }))).toBe(true);
	});

	it('runs once for the same MessageSid delivered concurrently', async () => {
		const params = message('duplicada');
		const outcomes = await Promise.all(Array.from({ length: 6 }, () => post(hook, params)));
		expect(outcomes.every((o) => o.status === 200)).toBe(true);
		expect(outcomes.filter((o) => o.result.workflowData !== undefined)).toHaveLength(1);
	});

	it('answers status callbacks nobody tracks without an execution or a deduplication entry; a failure runs once', async () => {
		// Without BESTSTAG_REDIS_URL the trigger uses the one in-process store this returns.
		const { conversationStore } = await import('../../../../nodes/shared/conversation-store');
		const firstDelivery = jest.spyOn(conversationStore({}), 'firstDelivery');
		const status = (MessageStatus: string, extra: TwilioParams = {}) => ({ MessageSid: 'SM' + 'c'.repeat(32), AccountSid: account, From: 'whatsapp:+14155238886', To: 'whatsapp:+5511987654321', MessageStatus, ...extra });
		try {
			for (const tick of ['queued', 'sent', 'delivered', 'read']) {
				const outcome = await post(hook, status(tick));
				expect(outcome.status).toBe(200);
				expect(outcome.result.workflowData).toBeUndefined();
			}
			expect(firstDelivery).not.toHaveBeenCalled();
			const failed = status('failed', { ErrorCode: '63016' });
			const [first, again] = [await post(hook, failed), await post(hook, failed)];
			expect(first.result.workflowData?.[1]).toHaveLength(1);
			expect(again.result.workflowData).toBeUndefined();
		} finally {
			firstDelivery.mockRestore();
		}
	});

	it('gives the canonical key as phone and the reported address as from', async () => {
		const item = messageOut(await post(hook, message('oi', '+551184658433')));
		expect(item.phone).toBe('+5511984658433');
		expect(item.from).toBe('whatsapp:+551184658433');
	});
});
