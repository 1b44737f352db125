import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import twilio from 'twilio';
import type { ContentCreateRequest } from 'twilio/lib/rest/content/v1/content';

import { twilioClientFor } from '../../../../sandbox/twilio/client';
import { startTwilioStandIn, type RunningTwilioStandIn, type TwilioStandInOptions } from '../../../../sandbox/twilio/server';

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'standin-test-token-0123456789';
/** BestStag's WhatsApp sender and two users. */
export const BOT = 'whatsapp:+5511900000000';
export const ANA = 'whatsapp:+5511987654321';
export const BRUNO = 'whatsapp:+5521998765432';

export interface TestStandIn extends RunningTwilioStandIn {
	dataDir: string;
	/** The official client, pointed at the stand-in. */
	client: twilio.Twilio;
	/** A raw request with the account's Basic credentials, for the stand-in's own endpoints. */
	api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Loose }>;
	/** Closes the server and deletes its data dir (unless the test passed its own). */
	dispose(): Promise<void>;
}

/** Response bodies are checked with expect() rather than typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export function tempDataDir(): string {
	return mkdtempSync(join(tmpdir(), 'twilio-standin-'));
}

export async function startTestStandIn(options: Partial<TwilioStandInOptions> = {}): Promise<TestStandIn> {
	const dataDir = options.dataDir ?? tempDataDir();
	const standIn = await startTwilioStandIn({ port: 0, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, statusDelayMs: 20, ...options, dataDir });
	const authorization = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
	return {
		...standIn,
		dataDir,
		client: twilioClientFor(standIn.url, ACCOUNT_SID, AUTH_TOKEN),
		async api(method, path, body) {
			const response = await fetch(`${standIn.url}${path}`, {
				method,
				headers: { authorization, 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			return { status: response.status, body: text ? JSON.parse(text) : undefined };
		},
		async dispose() {
			await standIn.close();
			if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

/** The error a client call rejects with, failing the test if it resolves. */
export async function restError(call: Promise<unknown>): Promise<InstanceType<typeof twilio.RestException>> {
	const error: unknown = await call.then(
		() => {
			throw new Error('expected the call to fail');
		},
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(twilio.RestException);
	return error as InstanceType<typeof twilio.RestException>;
}

export interface ReceivedCallback {
	/** The URL the stand-in posted to, as Twilio signs it. */
	url: string;
	signature: string;
	params: Record<string, string>;
}

export interface CallbackReceiver {
	/** http://127.0.0.1:port/status?tenant=beststag: a query string, as real callback URLs often have. */
	url: string;
	received: ReceivedCallback[];
	/** Resolves once `count` callbacks arrived for `sid`. */
	waitFor(sid: string, count: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
	close(): Promise<void>;
}

/** A local webhook receiver, standing in for n8n's status-callback endpoint. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
	const received: ReceivedCallback[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
			const port = (server.address() as AddressInfo).port;
			received.push({ url: `http://127.0.0.1:${port}${req.url}`, signature: String(req.headers['x-twilio-signature'] ?? ''), params });
			res.writeHead(204).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/status?tenant=beststag`,
		received,
		async waitFor(sid, count, timeoutMs = 3000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const mine = received.filter((r) => r.params.MessageSid === sid);
				if (mine.length >= count) return mine;
				if (Date.now() > deadline) throw new Error(`Only ${mine.length} of ${count} callbacks arrived for ${sid}: ${JSON.stringify(mine.map((r) => r.params.MessageStatus))}`);
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** Polls the message through the client until it reaches `status`. */
export async function waitForStatus(client: twilio.Twilio, sid: string, status: string, timeoutMs = 3000): Promise<Loose> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const message = await client.messages(sid).fetch();
		if (message.status === status) return message;
		if (Date.now() > deadline) throw new Error(`Message ${sid} is still ${message.status}, expected ${status}.`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/**
 * A Content API create body in the wire format. twilio-node types the parameter in camelCase but
 * sends the object unchanged, so callers build the snake_case body and cast it.
 */
export function contentBody(body: Record<string, unknown>): ContentCreateRequest {
	return body as unknown as ContentCreateRequest;
}
