/**
 * Reading audio containers without decoding them: which container a file is (by its magic bytes), its
 * duration, and its text tags (Ogg Vorbis comments, WAV LIST/INFO). The node uses the duration as a
 * hint; the sandbox's OpenAI stand-in reads the transcript that sandbox voice notes carry in a tag.
 * Pure: bytes in, values out.
 */

export type AudioContainer = 'ogg' | 'wav' | 'mp3' | 'flac' | 'mp4' | 'webm';

/** What the container says about itself. */
export interface AudioInfo {
	container: AudioContainer;
	/** Seconds of audio, when the container states it (Ogg granule position, WAV data size). */
	durationSeconds?: number;
	/** Tags by upper-case name (Vorbis comment field names; WAV INFO ids such as ICMT). */
	tags: Record<string, string>;
}

/** Thrown for bytes that claim a container (magic bytes) but do not hold together. */
export class AudioContainerError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AudioContainerError';
	}
}

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

/**
 * The container of an audio file by its first bytes, or undefined when it is none of the formats
 * OpenAI transcribes. (m4a and mp4 are both "mp4"; Ogg covers ogg, oga and opus files.)
 */
export function sniffAudioContainer(bytes: Uint8Array): AudioContainer | undefined {
	if (bytes.length >= 4 && ascii(bytes, 0, 4) === 'OggS') return 'ogg';
	if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'wav';
	if (bytes.length >= 4 && ascii(bytes, 0, 4) === 'fLaC') return 'flac';
	if (bytes.length >= 8 && ascii(bytes, 4, 4) === 'ftyp') return 'mp4';
	if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
	if (bytes.length >= 3 && ascii(bytes, 0, 3) === 'ID3') return 'mp3';
	// An MPEG audio frame header: 11 sync bits, a layer that is not "reserved".
	if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) !== 0) return 'mp3';
	return undefined;
}

// ── Ogg ───────────────────────────────────────────────────────────────────────────────────────

const OGG_CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let i = 0; i < 256; i++) {
		let r = i << 24;
		for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
		table[i] = r >>> 0;
	}
	return table;
})();

/**
 * The CRC-32 of an Ogg page (polynomial 0x04c11db7, no reflection, initial 0), computed with the CRC
 * field zeroed. Source: https://www.rfc-editor.org/rfc/rfc3533#section-6
 */
export function oggCrc32(page: Uint8Array): number {
	let crc = 0;
	for (const byte of page) crc = ((crc << 8) ^ OGG_CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
	return crc >>> 0;
}

interface OggPage {
	granule: bigint;
	packets: Uint8Array[];
	/** The last packet continues on the next page. */
	open: boolean;
}

function readOggPages(bytes: Uint8Array): OggPage[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const pages: OggPage[] = [];
	let at = 0;
	while (at < bytes.length) {
		if (at + 27 > bytes.length || ascii(bytes, at, 4) !== 'OggS') throw new AudioContainerError(`Ogg page ${pages.length} at byte ${at} has no "OggS" capture pattern.`);
		if (bytes[at + 4] !== 0) throw new AudioContainerError(`Ogg page ${pages.length} has stream structure version ${bytes[at + 4]}, not 0.`);
		const segments = bytes[at + 26];
		const headerLength = 27 + segments;
		if (at + headerLength > bytes.length) throw new AudioContainerError(`Ogg page ${pages.length} is cut short in its segment table.`);
		const lacing = bytes.subarray(at + 27, at + headerLength);
		const bodyLength = lacing.reduce((sum, n) => sum + n, 0);
		const end = at + headerLength + bodyLength;
		if (end > bytes.length) throw new AudioContainerError(`Ogg page ${pages.length} is cut short: ${end - bytes.length} bytes missing.`);
		const page = bytes.slice(at, end);
		const stated = view.getUint32(at + 22, true);
		page.fill(0, 22, 26);
		if (oggCrc32(page) !== stated) throw new AudioContainerError(`Ogg page ${pages.length} fails its CRC check.`);
		const packets: Uint8Array[] = [];
		let start = at + headerLength;
		let length = 0;
		let open = false;
		for (const n of lacing) {
			length += n;
			open = n === 255;
			if (!open) {
				packets.push(bytes.subarray(start, start + length));
				start += length;
				length = 0;
			}
		}
		if (open) packets.push(bytes.subarray(start, start + length));
		pages.push({ granule: view.getBigInt64(at + 6, true), packets, open });
		at = end;
	}
	return pages;
}

/** Joins the pages' packets, gluing a packet continued across pages. */
function oggPackets(pages: OggPage[]): Uint8Array[] {
	const packets: Uint8Array[] = [];
	let carry: Uint8Array | undefined;
	for (const page of pages) {
		page.packets.forEach((packet, i) => {
			const joined = carry ? concat(carry, packet) : packet;
			carry = undefined;
			if (page.open && i === page.packets.length - 1) carry = joined;
			else packets.push(joined);
		});
	}
	if (carry) packets.push(carry);
	return packets;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

/**
 * A Vorbis comment block (after its packet's magic): vendor string, then "NAME=value" fields.
 * Source: https://www.xiph.org/vorbis/doc/v-comment.html
 */
function readVorbisComments(block: Uint8Array): Record<string, string> {
	const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
	const decoder = new TextDecoder('utf-8', { fatal: false });
	const need = (at: number, n: number) => {
		if (at + n > block.length) throw new AudioContainerError('The Vorbis comment block is cut short.');
	};
	need(0, 4);
	let at = 4 + view.getUint32(0, true);
	need(at, 4);
	const count = view.getUint32(at, true);
	at += 4;
	const tags: Record<string, string> = {};
	for (let i = 0; i < count; i++) {
		need(at, 4);
		const length = view.getUint32(at, true);
		at += 4;
		need(at, length);
		const field = decoder.decode(block.subarray(at, at + length));
		at += length;
		const eq = field.indexOf('=');
		if (eq > 0) {
			const name = field.slice(0, eq).toUpperCase();
			// A repeated field keeps its first value.
			if (!(name in tags)) tags[name] = field.slice(eq + 1);
		}
	}
	return tags;
}

function readOgg(bytes: Uint8Array): AudioInfo {
	const pages = readOggPages(bytes);
	const packets = oggPackets(pages);
	const [head, comments] = packets;
	if (!head || !comments) throw new AudioContainerError('The Ogg stream has no identification and comment headers.');
	let rate: number;
	let preSkip = 0;
	let tags: Record<string, string>;
	// Opus: https://www.rfc-editor.org/rfc/rfc7845#section-5 ; Vorbis: https://xiph.org/vorbis/doc/Vorbis_I_spec.html#x1-600004.2
	if (ascii(head, 0, 8) === 'OpusHead' && head.length >= 19) {
		rate = 48_000;
		preSkip = head[10] | (head[11] << 8);
		if (ascii(comments, 0, 8) !== 'OpusTags') throw new AudioContainerError('The Opus stream has no OpusTags header.');
		tags = readVorbisComments(comments.subarray(8));
	} else if (head[0] === 1 && ascii(head, 1, 6) === 'vorbis' && head.length >= 16) {
		rate = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(12, true);
		if (comments[0] !== 3 || ascii(comments, 1, 6) !== 'vorbis') throw new AudioContainerError('The Vorbis stream has no comment header.');
		tags = readVorbisComments(comments.subarray(7));
	} else {
		throw new AudioContainerError('The Ogg stream is neither Opus nor Vorbis.');
	}
	const last = pages.reduce((max, page) => (page.granule > max ? page.granule : max), 0n);
	const samples = Number(last) - preSkip;
	return { container: 'ogg', durationSeconds: rate > 0 && samples > 0 ? samples / rate : 0, tags };
}

// ── WAV ───────────────────────────────────────────────────────────────────────────────────────

/** RIFF chunks; a LIST/INFO chunk's sub-chunks are zero-terminated texts. Source: https://www.mmsp.ece.mcgill.ca/Documents/AudioFormats/WAVE/WAVE.html */
function readWav(bytes: Uint8Array): AudioInfo {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const decoder = new TextDecoder('utf-8', { fatal: false });
	const tags: Record<string, string> = {};
	let byteRate: number | undefined;
	let dataBytes: number | undefined;
	let at = 12;
	while (at + 8 <= bytes.length) {
		const id = ascii(bytes, at, 4);
		const size = view.getUint32(at + 4, true);
		const body = at + 8;
		if (body + size > bytes.length) throw new AudioContainerError(`The WAV chunk "${id}" at byte ${at} is cut short.`);
		if (id === 'fmt ' && size >= 16) byteRate = view.getUint32(body + 8, true);
		if (id === 'data') dataBytes = size;
		if (id === 'LIST' && size >= 4 && ascii(bytes, body, 4) === 'INFO') {
			let sub = body + 4;
			while (sub + 8 <= body + size) {
				const subId = ascii(bytes, sub, 4);
				const subSize = view.getUint32(sub + 4, true);
				if (sub + 8 + subSize > body + size) throw new AudioContainerError(`The WAV INFO entry "${subId}" is cut short.`);
				const text = decoder.decode(bytes.subarray(sub + 8, sub + 8 + subSize)).replace(/\0+$/, '');
				if (!(subId in tags)) tags[subId] = text;
				sub += 8 + subSize + (subSize % 2);
			}
		}
		at = body + size + (size % 2);
	}
	if (byteRate === undefined) throw new AudioContainerError('The WAV file has no "fmt " chunk.');
	return { container: 'wav', durationSeconds: dataBytes !== undefined && byteRate > 0 ? dataBytes / byteRate : undefined, tags };
}

/**
 * The container, duration and tags of an audio file. Ogg (Opus or Vorbis) and WAV are read fully;
 * other containers are only recognised (no duration, no tags).
 * @returns undefined when the bytes are no supported audio container
 * @throws AudioContainerError when an Ogg or WAV file is damaged (cut short, bad CRC, missing headers)
 */
export function readAudioInfo(bytes: Uint8Array): AudioInfo | undefined {
	const container = sniffAudioContainer(bytes);
	if (container === 'ogg') return readOgg(bytes);
	if (container === 'wav') return readWav(bytes);
	return container ? { container, tags: {} } : undefined;
}

/** The tag that carries a sandbox voice note's transcript: Vorbis DESCRIPTION, or WAV ICMT (comment). */
export function transcriptTag(info: AudioInfo): string | undefined {
	return info.container === 'wav' ? info.tags.ICMT : info.tags.DESCRIPTION;
}
