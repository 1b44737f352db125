import { oggCrc32 } from '../../core/media/audio-container';

/**
 * Small, valid audio files for the sandbox: a WhatsApp-like voice note (Ogg/Opus, silent) or a WAV,
 * each carrying what was "said" in a standard metadata field (Vorbis comment DESCRIPTION, WAV LIST/INFO
 * ICMT). The OpenAI stand-in cannot recognise speech, so it answers that text (core/media/audio-container.ts
 * reads it back); real OpenAI would hear silence. Used by the simulator, the tests and the bench.
 */

export interface VoiceNoteFileInput {
	/** What the voice note "says"; the stand-in's transcript. Leave it out for a file without one. */
	transcript?: string;
	/** ISO-639-1 language of the speech, e.g. "pt" (Vorbis LANGUAGE / WAV ILNG). */
	language?: string;
	/** Length of the (silent) audio; default 2 s. */
	durationSeconds?: number;
}

const OPUS_RATE = 48_000;
const OPUS_PRE_SKIP = 312;
/** 20 ms at 48 kHz. */
const FRAME_SAMPLES = 960;
/** One 20 ms CELT frame of silence: TOC 0xF8 (config 31, mono, one frame), then the silent payload. */
const SILENT_OPUS_FRAME = Uint8Array.of(0xf8, 0xff, 0xfe);
const VENDOR = 'BestStag sandbox';

function checkInput(input: VoiceNoteFileInput): number {
	const seconds = input.durationSeconds ?? 2;
	if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new RangeError(`durationSeconds must be more than 0 and at most 600, got ${seconds}.`);
	return seconds;
}

function u32(value: number): Uint8Array {
	const out = new Uint8Array(4);
	new DataView(out.buffer).setUint32(0, value, true);
	return out;
}

function join(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** One Ogg page holding whole packets (each under 255 × 255 bytes). Source: https://www.rfc-editor.org/rfc/rfc3533#section-6 */
function oggPage(packets: Uint8Array[], options: { granule: bigint; serial: number; sequence: number; flags: number }): Uint8Array {
	const lacing: number[] = [];
	for (const packet of packets) {
		for (let left = packet.length; ; left -= 255) {
			lacing.push(Math.min(left, 255));
			if (left < 255) break;
		}
	}
	if (lacing.length > 255) throw new RangeError('An Ogg page holds at most 255 segments; split the packets.');
	const header = new Uint8Array(27 + lacing.length);
	const view = new DataView(header.buffer);
	header.set(utf8('OggS'), 0);
	header[5] = options.flags;
	view.setBigInt64(6, options.granule, true);
	view.setUint32(14, options.serial, true);
	view.setUint32(18, options.sequence, true);
	header[26] = lacing.length;
	header.set(lacing, 27);
	const page = join([header, ...packets]);
	new DataView(page.buffer).setUint32(22, oggCrc32(page), true);
	return page;
}

/**
 * A silent Ogg/Opus voice note (mono, 48 kHz), as WhatsApp records them, with `transcript` in the
 * OpusTags DESCRIPTION field. Content type: audio/ogg.
 * Sources: https://www.rfc-editor.org/rfc/rfc7845 (Ogg Opus), https://www.xiph.org/vorbis/doc/v-comment.html
 * @throws RangeError for a duration outside (0, 600] s or a transcript over 16 000 bytes
 */
export function oggOpusVoiceNote(input: VoiceNoteFileInput = {}): Uint8Array {
	const seconds = checkInput(input);
	const serial = 0x42535447; // "BSTG"
	const head = new Uint8Array(19);
	head.set(utf8('OpusHead'), 0);
	head[8] = 1; // version
	head[9] = 1; // channels
	new DataView(head.buffer).setUint16(10, OPUS_PRE_SKIP, true);
	new DataView(head.buffer).setUint32(12, OPUS_RATE, true);
	const fields: string[] = [];
	if (input.transcript !== undefined) fields.push(`DESCRIPTION=${input.transcript}`);
	if (input.language) fields.push(`LANGUAGE=${input.language}`);
	const comments = join([utf8('OpusTags'), u32(utf8(VENDOR).length), utf8(VENDOR), u32(fields.length), ...fields.flatMap((f) => [u32(utf8(f).length), utf8(f)])]);
	if (comments.length > 16_000) throw new RangeError('The transcript is too long for a sandbox voice note (16 000 bytes at most).');
	const pages = [oggPage([head], { granule: 0n, serial, sequence: 0, flags: 0x02 }), oggPage([comments], { granule: 0n, serial, sequence: 1, flags: 0 })];
	const frames = Math.max(1, Math.ceil((seconds * OPUS_RATE) / FRAME_SAMPLES));
	const perPage = 50;
	for (let done = 0; done < frames; done += perPage) {
		const count = Math.min(perPage, frames - done);
		const last = done + count >= frames;
		const granule = BigInt(OPUS_PRE_SKIP + (done + count) * FRAME_SAMPLES);
		pages.push(oggPage(Array.from({ length: count }, () => SILENT_OPUS_FRAME), { granule, serial, sequence: pages.length, flags: last ? 0x04 : 0 }));
	}
	return join(pages);
}

/**
 * A silent WAV (8 kHz, mono, 16-bit PCM) with `transcript` in its LIST/INFO ICMT (comment) chunk.
 * Content type: audio/wav.
 * Source: https://www.mmsp.ece.mcgill.ca/Documents/AudioFormats/WAVE/WAVE.html
 * @throws RangeError for a duration outside (0, 600] s
 */
export function wavVoiceNote(input: VoiceNoteFileInput = {}): Uint8Array {
	const seconds = checkInput(input);
	const rate = 8000;
	const fmt = new Uint8Array(16);
	const f = new DataView(fmt.buffer);
	f.setUint16(0, 1, true); // PCM
	f.setUint16(2, 1, true); // mono
	f.setUint32(4, rate, true);
	f.setUint32(8, rate * 2, true); // byte rate
	f.setUint16(12, 2, true); // block align
	f.setUint16(14, 16, true); // bits per sample
	const chunk = (id: string, body: Uint8Array) => join([utf8(id), u32(body.length), body, body.length % 2 ? Uint8Array.of(0) : new Uint8Array(0)]);
	const info: Uint8Array[] = [];
	if (input.transcript !== undefined) info.push(chunk('ICMT', join([utf8(input.transcript), Uint8Array.of(0)])));
	if (input.language) info.push(chunk('ILNG', join([utf8(input.language), Uint8Array.of(0)])));
	const data = new Uint8Array(Math.round(seconds * rate) * 2);
	const body = join([utf8('WAVE'), chunk('fmt ', fmt), ...(info.length ? [chunk('LIST', join([utf8('INFO'), ...info]))] : []), chunk('data', data)]);
	return join([utf8('RIFF'), u32(body.length), body]);
}
