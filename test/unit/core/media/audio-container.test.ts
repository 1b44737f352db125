import fc from 'fast-check';

import { AudioContainerError, oggCrc32, readAudioInfo, sniffAudioContainer, transcriptTag } from '../../../../core/media/audio-container';
import { oggOpusVoiceNote, wavVoiceNote } from '../../../../sandbox/media/voice-note-file';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('audio containers', () => {
	it('recognises each supported container by its magic bytes, and nothing else', () => {
		expect(sniffAudioContainer(text('OggS\0\x02'))).toBe('ogg');
		expect(sniffAudioContainer(text('RIFF\x10\0\0\0WAVEfmt '))).toBe('wav');
		expect(sniffAudioContainer(text('fLaC\0\0\0\x22'))).toBe('flac');
		expect(sniffAudioContainer(text('\0\0\0\x20ftypM4A '))).toBe('mp4');
		expect(sniffAudioContainer(bytes(0x1a, 0x45, 0xdf, 0xa3, 0x01))).toBe('webm');
		expect(sniffAudioContainer(text('ID3\x04\0'))).toBe('mp3');
		expect(sniffAudioContainer(bytes(0xff, 0xfb, 0x90, 0x64))).toBe('mp3');
		expect(sniffAudioContainer(text('#!AMR\n'))).toBeUndefined(); // WhatsApp's AMR: OpenAI refuses it
		expect(sniffAudioContainer(text('%PDF-1.7'))).toBeUndefined();
		expect(sniffAudioContainer(bytes(0xff, 0xf1, 0x50))).toBeUndefined(); // ADTS AAC (layer bits 00)
		expect(sniffAudioContainer(new Uint8Array(0))).toBeUndefined();
	});

	it('computes the Ogg CRC of RFC 3533 (the check value of CRC-32/MPEG-2 without its final inversion)', () => {
		// Known: the CRC of "123456789" with poly 0x04c11db7, init 0, no reflection, no xorout is 0x89A1897F.
		expect(oggCrc32(text('123456789'))).toBe(0x89a1897f);
	});

	it('reads back the transcript, language and duration of a sandbox Ogg/Opus voice note', () => {
		const file = oggOpusVoiceNote({ transcript: 'me lembra amanhã às 9h de pagar o boleto', language: 'pt', durationSeconds: 3.2 });
		const info = readAudioInfo(file)!;
		expect(info.container).toBe('ogg');
		expect(transcriptTag(info)).toBe('me lembra amanhã às 9h de pagar o boleto');
		expect(info.tags.LANGUAGE).toBe('pt');
		expect(info.durationSeconds).toBeCloseTo(3.2, 1);
	});

	it('reads back the transcript and duration of a sandbox WAV', () => {
		const info = readAudioInfo(wavVoiceNote({ transcript: 'anota comprar pão', durationSeconds: 1.5 }))!;
		expect(info).toMatchObject({ container: 'wav', durationSeconds: 1.5 });
		expect(transcriptTag(info)).toBe('anota comprar pão');
	});

	it('has no transcript for a file without the tag', () => {
		expect(transcriptTag(readAudioInfo(oggOpusVoiceNote({}))!)).toBeUndefined();
		expect(transcriptTag(readAudioInfo(wavVoiceNote({}))!)).toBeUndefined();
	});

	it('refuses a damaged Ogg file: a flipped byte fails the CRC, a cut file is short', () => {
		const file = oggOpusVoiceNote({ transcript: 'oi' });
		const flipped = file.slice();
		flipped[40] ^= 0x01;
		expect(() => readAudioInfo(flipped)).toThrow(AudioContainerError);
		expect(() => readAudioInfo(file.subarray(0, file.length - 2))).toThrow(/cut short/);
	});

	it('refuses a WAV whose chunk runs past the end', () => {
		const file = wavVoiceNote({ transcript: 'oi' });
		expect(() => readAudioInfo(file.subarray(0, file.length - 10))).toThrow(/cut short/);
	});

	it('round-trips any transcript text, Unicode included', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (transcript) => {
				expect(transcriptTag(readAudioInfo(oggOpusVoiceNote({ transcript }))!)).toBe(transcript);
				expect(transcriptTag(readAudioInfo(wavVoiceNote({ transcript }))!)).toBe(transcript.replace(/\0+$/, ''));
			}),
			{ numRuns: 100 },
		);
	});
});
