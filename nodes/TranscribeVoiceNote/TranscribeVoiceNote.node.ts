import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { VoiceNoteReason } from '../../core/assistant/media';
import { LlmCallError } from '../../core/llm/errors';
import { DEFAULT_TRANSCRIPTION_MODEL, OPENAI_TRANSCRIPTION_MAX_BYTES, OPENAI_TRANSCRIPTION_MODELS, type TranscriptionFormat } from '../../core/limits/openai';
import { AudioContainerError, readAudioInfo, sniffAudioContainer, type AudioContainer } from '../../core/media/audio-container';
import { baseContentType, mediaKind, transcriptionFormat } from '../../core/media/kinds';
import { asNodeError, itemFailure } from '../shared/item-errors';
import { transcribeAudio } from './transport/openai-transcription';
import { downloadTwilioMedia, MediaDownloadError, type TwilioMediaCredentials } from './transport/twilio-media';

/** Room left in OpenAI's 25 MB request for the multipart framing and the other fields. */
const FORM_OVERHEAD_BYTES = 16 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

/** The upload format of a file OpenAI will identify, by what its bytes are (the content type can lie). */
const FORMAT_OF_CONTAINER: Record<AudioContainer, TranscriptionFormat> = { ogg: 'ogg', wav: 'wav', mp3: 'mp3', flac: 'flac', mp4: 'm4a', webm: 'webm' };

interface OpenAiCredentials {
	apiKey: string;
	baseUrl?: string;
}

/** Media problems and configuration mistakes become the item's error, with what to do. */
function toNodeError(node: INode, error: unknown, itemIndex: number) {
	if (error instanceof MediaDownloadError) return new NodeOperationError(node, error.message, { itemIndex, description: error.description });
	if (error instanceof LlmCallError) {
		return new NodeOperationError(node, `The transcription failed: ${error.message}`, {
			itemIndex,
			description: 'Check the "BestStag OpenAI API" credential (key, Base URL) and the model.',
		});
	}
	return asNodeError(node, error, itemIndex);
}

/** Failures of the service's moment (not of the setup): answered honestly, never an error branch. */
const TRANSIENT = new Set(['timeout', 'connection', 'rate_limited', 'overloaded', 'server_error']);

/**
 * Turns a WhatsApp voice note into text: downloads the audio from Twilio (Basic auth with the Twilio
 * credential) and transcribes it with OpenAI's official SDK. Without an OpenAI credential, or when the
 * audio cannot be transcribed, the item says why (`transcribed: false`, `reason`), so the workflow can
 * answer honestly; a bad or expired media URL is the item's error.
 */
export class TranscribeVoiceNote implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transcribe Voice Note',
		name: 'transcribeVoiceNote',
		icon: { light: 'file:../../icons/voiceNote.svg', dark: 'file:../../icons/voiceNote.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["model"]}}',
		description: "Transcribes a WhatsApp voice note (downloaded from Twilio) with OpenAI, so it is handled like text; says why when it can't",
		defaults: { name: 'Transcribe Voice Note' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'twilioWhatsAppApi', required: true },
			// Optional: without it every voice note comes out with reason "no_openai_key".
			{ name: 'bestStagOpenAiApi', required: false },
		],
		properties: [
			{
				displayName:
					'Without an OpenAI credential, voice notes come out with <code>transcribed: false</code> and <code>reason: "no_openai_key"</code>, so the flow can reply that voice notes need it.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Media URL',
				name: 'mediaUrl',
				type: 'string',
				default: "={{ $json.media && $json.media[0] ? $json.media[0].url : '' }}",
				description: "The voice note's Twilio media URL, usually the WhatsApp Trigger's first media",
			},
			{
				displayName: 'Content Type',
				name: 'contentType',
				type: 'string',
				default: "={{ $json.media && $json.media[0] ? $json.media[0].contentType : '' }}",
				description: 'Its content type as the webhook gave it (WhatsApp voice notes are audio/ogg)',
			},
			{
				displayName: 'Model',
				name: 'model',
				type: 'options',
				options: OPENAI_TRANSCRIPTION_MODELS.map((model) => ({ name: model, value: model })),
				default: DEFAULT_TRANSCRIPTION_MODEL,
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Language',
						name: 'language',
						type: 'string',
						default: '',
						placeholder: 'pt',
						description: "ISO-639-1 code of the speech (e.g. pt, en), such as the user's Locale; blank lets the model detect it",
					},
					{ displayName: 'Prompt', name: 'prompt', type: 'string', default: '', description: 'Words to expect (names, products), in the language of the speech' },
					{ displayName: 'Timeout (Ms)', name: 'timeoutMs', type: 'number', typeOptions: { minValue: 1000 }, default: DEFAULT_TIMEOUT_MS, description: 'For the download and for the transcription, each' },
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const twilio = await this.getCredentials<TwilioMediaCredentials>('twilioWhatsAppApi');
		const openai = this.getNode().credentials?.bestStagOpenAiApi ? await this.getCredentials<OpenAiCredentials>('bestStagOpenAiApi') : undefined;
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const input = items[i].json;
			const emit = (json: IDataObject) => out.push({ json: { ...input, ...json }, pairedItem: { item: i } });
			const without = (reason: VoiceNoteReason, voiceNote?: IDataObject, error?: string) =>
				emit({ transcribed: false, reason, ...(voiceNote ? { voiceNote } : {}), ...(error ? { error } : {}) });
			try {
				const url = String(this.getNodeParameter('mediaUrl', i, '') ?? '').trim();
				const declaredType = String(this.getNodeParameter('contentType', i, '') ?? '');
				if (!url || mediaKind(declaredType) !== 'audio') {
					without('not_a_voice_note');
					continue;
				}
				const voiceNote: IDataObject = { contentType: baseContentType(declaredType), url };
				if (!openai) {
					without('no_openai_key', voiceNote);
					continue;
				}
				if (!transcriptionFormat(declaredType)) {
					without('unsupported_format', voiceNote);
					continue;
				}
				const timeoutMs = this.getNodeParameter('options.timeoutMs', i, DEFAULT_TIMEOUT_MS) as number;
				let media;
				try {
					media = await downloadTwilioMedia(url, declaredType, twilio, { maxBytes: OPENAI_TRANSCRIPTION_MAX_BYTES - FORM_OVERHEAD_BYTES, timeoutMs });
				} catch (error) {
					if (error instanceof MediaDownloadError && error.reason === 'too_large') {
						without('too_large', voiceNote);
						continue;
					}
					throw toNodeError(this.getNode(), error, i);
				}
				const container = sniffAudioContainer(media.data);
				voiceNote.contentType = baseContentType(media.contentType);
				voiceNote.bytes = media.data.length;
				if (!container) {
					without('unsupported_format', voiceNote);
					continue;
				}
				try {
					const seconds = readAudioInfo(media.data)?.durationSeconds;
					if (seconds !== undefined) voiceNote.durationSeconds = Math.round(seconds * 10) / 10;
				} catch (error) {
					// A damaged container: OpenAI will say so; the duration is only a hint.
					if (!(error instanceof AudioContainerError)) throw toNodeError(this.getNode(), error, i);
				}
				const language = String(this.getNodeParameter('options.language', i, '') ?? '').trim().toLowerCase();
				if (language && !/^[a-z]{2}$/.test(language)) {
					throw new NodeOperationError(this.getNode(), `Language "${language}" is not an ISO-639-1 code.`, { itemIndex: i, description: 'Use two letters, e.g. pt or en, or leave it blank.' });
				}
				let transcript;
				try {
					transcript = await transcribeAudio(
						{
							apiKey: openai.apiKey,
							baseURL: openai.baseUrl,
							model: this.getNodeParameter('model', i, DEFAULT_TRANSCRIPTION_MODEL) as string,
							language: language || undefined,
							prompt: String(this.getNodeParameter('options.prompt', i, '') ?? '') || undefined,
							timeoutMs,
						},
						{ data: media.data, format: FORMAT_OF_CONTAINER[container], contentType: voiceNote.contentType as string },
					);
				} catch (error) {
					if (error instanceof LlmCallError && TRANSIENT.has(error.kind)) {
						without('transcription_unavailable', voiceNote, error.message);
						continue;
					}
					throw toNodeError(this.getNode(), error, i);
				}
				Object.assign(voiceNote, { model: transcript.model, latencyMs: transcript.latencyMs });
				const text = transcript.text.trim();
				if (!text) without('empty_transcript', voiceNote);
				else emit({ text, transcribed: true, voiceNote });
			} catch (error) {
				out.push(itemFailure(this, error, i, toNodeError));
			}
		}
		return [out];
	}
}
