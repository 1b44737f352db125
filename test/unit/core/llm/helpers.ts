import type { OfflineClassification, OfflineEngine } from '../../../../core/llm/types';
import type { StandInAnswer } from '../../../../sandbox/llm/answer';
import { startAnthropicStandIn } from '../../../../sandbox/llm/anthropic-server';
import { startOpenAiStandIn } from '../../../../sandbox/llm/openai-server';
import type { RunningStandIn } from '../../../../sandbox/llm/standin';
import { freePortBlock } from '../../../support/free-ports';

export const OPENAI_KEY = 'sk-test-openai-0123456789';
export const ANTHROPIC_KEY = 'sk-ant-test-0123456789';

/** What the stand-ins "think": a few keywords, unknown otherwise. The LLM answer in these tests is this. */
export function keywordClassifier(text: string): StandInAnswer {
	if (/lembr/i.test(text)) return { intent: 'reminder.create', confidence: 0.91 };
	if (/reuni/i.test(text)) return { intent: 'calendar.create', confidence: 0.88 };
	if (/e-?mails?/i.test(text)) return { intent: 'email.summary', confidence: 0.83 };
	return { intent: 'unknown', confidence: 0.4 };
}

export interface StandIns {
	openai: RunningStandIn;
	anthropic: RunningStandIn;
	close(): Promise<void>;
}

export async function startStandIns(): Promise<StandIns> {
	const port = await freePortBlock(2);
	const openai = await startOpenAiStandIn({ port, apiKey: OPENAI_KEY, classify: keywordClassifier });
	const anthropic = await startAnthropicStandIn({ port: port + 1, apiKey: ANTHROPIC_KEY, classify: keywordClassifier });
	return {
		openai,
		anthropic,
		close: async () => {
			await Promise.all([openai.close(), anthropic.close()]);
		},
	};
}

/** An offline engine stand-in with classifyOffline's shape: sure about greetings, unsure about the rest. */
export const offlineStub: OfflineEngine & { calls: number } = Object.assign(
	(text: string): OfflineClassification => {
		offlineStub.calls++;
		if (/^bom dia/i.test(text.trim())) return { intent: 'greeting', confidence: 0.97, entities: { datetime: null, title: null }, engine: 'offline' };
		if (text.trim() === '') return { intent: 'unknown', confidence: 1, entities: { datetime: null, title: null }, engine: 'offline' };
		return { intent: 'unknown', confidence: 0.3, entities: { datetime: '2026-03-10T12:00:00.000Z', title: 'dentista' }, engine: 'offline' };
	},
	{ calls: 0 },
);

/** The last request a stand-in received. */
export function lastBody(standIn: RunningStandIn): Record<string, unknown> {
	const last = standIn.requests[standIn.requests.length - 1];
	if (!last) throw new Error('The stand-in has received no request.');
	return last.body as Record<string, unknown>;
}

/**
 * Starts both stand-ins for the test file (beforeAll), clears their faults after each test and closes
 * them after all; returns a getter, since they exist only once beforeAll ran.
 */
export function useStandIns(): () => StandIns {
	let standIns: StandIns | undefined;
	beforeAll(async () => {
		standIns = await startStandIns();
	});
	afterEach(() => {
		standIns?.openai.faults.clear();
		standIns?.anthropic.faults.clear();
	});
	afterAll(async () => {
		await standIns?.close();
	});
	return () => {
		if (!standIns) throw new Error('The stand-ins start in beforeAll; call the getter inside a test or hook.');
		return standIns;
	};
}
