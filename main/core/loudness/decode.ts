/**
 * Streams an audio file through audio-decode in small chunks, so a long track never
 * sits in memory whole. Anything that cannot be decoded becomes one plain sentence.
 */
import { decodeChunked } from 'audio-decode';
import { parseFile } from 'music-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { RoomError } from '../pure/errors';
import type { ChannelOrder } from './channels';

export type AudioFormat = 'wav' | 'mp3' | 'flac' | 'oga' | 'opus';

export interface AudioStreamInfo {
  format: AudioFormat;
  /** The channel count the file declares, when the decoder may report fewer (see below). */
  declaredChannels: number | null;
  channelOrder: ChannelOrder;
}

/** Read size: small enough to keep memory flat, large enough to keep the decoders fast. */
const READ_BYTES = 64 * 1024;

export const undecodableSentence = (file: string): string =>
  `This file could not be decoded as audio: ${path.basename(file)}. Check it plays in another player, or convert it to MP3, OGG, FLAC or WAV.`;

const undecodable = (file: string): RoomError => new RoomError('audio-undecodable', undecodableSentence(file));

const ascii = (b: Uint8Array, at: number, text: string): boolean =>
  b.length >= at + text.length && [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));

/** Recognises the container from the first bytes (audio-type, which audio-decode uses, is not a direct dependency). */
export function sniffFormat(head: Uint8Array): AudioFormat | null {
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return 'wav';
  if (ascii(head, 0, 'fLaC')) return 'flac';
  if (ascii(head, 0, 'OggS')) {
    const firstPacket = 27 + (head[26] ?? 0);
    if (ascii(head, firstPacket, '\x01vorbis')) return 'oga';
    if (ascii(head, firstPacket, 'OpusHead')) return 'opus';
    if (ascii(head, firstPacket, '\x7fFLAC')) return 'flac';
    return null;
  }
  if (ascii(head, 0, 'ID3')) return 'mp3';
  // MPEG audio frame sync with a layer set (AAC's ADTS sync has layer 0).
  if (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0 && (((head[1] ?? 0) >> 1) & 3) !== 0) return 'mp3';
  return null;
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = new Uint8Array(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * audio-decode turns MP3 audio whose two channels are identical into one channel (its
 * decoder cannot tell mono from dual mono), so the file's own header says how many
 * channels to measure.
 */
async function declaredChannels(file: string, format: AudioFormat): Promise<number | null> {
  if (format !== 'mp3') return null;
  try {
    const meta = await parseFile(file, { duration: false, skipCovers: true });
    return meta.format.numberOfChannels ?? null;
  } catch {
    return null;
  }
}

/**
 * Decodes `file` chunk by chunk, handing each chunk (planar channels) to `onChunk`.
 * Throws a RoomError with a sentence for a missing or undecodable file.
 */
export async function decodeFile(
  file: string,
  onChunk: (channels: Float32Array[], sampleRate: number, info: AudioStreamInfo) => void,
): Promise<AudioStreamInfo> {
  let head: Uint8Array;
  try {
    head = await readHead(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new RoomError(
        'audio-missing',
        `This file could not be found: ${path.basename(file)}. Check it is still in its folder.`,
      );
    throw new RoomError(
      'audio-unreadable',
      `This file could not be read: ${path.basename(file)}. Check the app may open it.`,
    );
  }
  const format = sniffFormat(head);
  if (!format) throw undecodable(file);
  const info: AudioStreamInfo = {
    format,
    declaredChannels: await declaredChannels(file, format),
    channelOrder: format === 'oga' || format === 'opus' ? 'vorbis' : 'wav',
  };
  let samples = 0;
  try {
    const stream = fs.createReadStream(file, { highWaterMark: READ_BYTES });
    try {
      for await (const chunk of decodeChunked(stream, format)) {
        const length = chunk.channelData[0]?.length ?? 0;
        if (length === 0) continue;
        samples += length;
        onChunk(chunk.channelData, chunk.sampleRate, info);
      }
    } finally {
      stream.destroy();
    }
  } catch (err) {
    if (err instanceof RoomError) throw err;
    throw undecodable(file);
  }
  if (samples === 0) throw undecodable(file);
  return info;
}
