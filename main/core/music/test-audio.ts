/**
 * Short WAV tracks made in memory: a soft tone with gentle fades, for the player's tests
 * and for demos on machines without the shipped music. 16-bit PCM, a few milliseconds
 * for a 20-second track. Runs anywhere (no Node APIs): write the bytes where they are needed.
 */
export interface ToneOptions {
  durationSec: number;
  /** 220 Hz unless given. */
  frequencyHz?: number;
  /** Peak level, 0-1; 0.25 (-12 dBFS) unless given. */
  amplitude?: number;
  /** 22050 unless given. */
  sampleRate?: number;
  /** 1 (mono) unless given. */
  channels?: 1 | 2;
  /** Fade in and out, in seconds; 0.05 unless given (no click at either end). */
  fadeSec?: number;
}

/** A WAV file holding a sine tone, as bytes. */
export function synthesizeToneWav(options: ToneOptions): Uint8Array {
  const { durationSec, frequencyHz = 220, amplitude = 0.25, sampleRate = 22050, channels = 1, fadeSec = 0.05 } = options;
  if (!(durationSec > 0) || durationSec > 3600) throw new RangeError('A test tone lasts more than 0 seconds and at most an hour.');
  const frames = Math.round(durationSec * sampleRate);
  const dataBytes = frames * channels * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);

  const fadeFrames = Math.max(1, Math.round(fadeSec * sampleRate));
  const step = (2 * Math.PI * frequencyHz) / sampleRate;
  let offset = 44;
  for (let i = 0; i < frames; i++) {
    const edge = Math.min(1, i / fadeFrames, (frames - 1 - i) / fadeFrames);
    const value = Math.round(Math.sin(i * step) * amplitude * Math.max(0, edge) * 32767);
    for (let c = 0; c < channels; c++) {
      view.setInt16(offset, value, true);
      offset += 2;
    }
  }
  return bytes;
}

/** The length in seconds a WAV made by synthesizeToneWav says it has (from its header). */
export function wavDurationSec(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byteRate = view.getUint32(28, true);
  const dataBytes = view.getUint32(40, true);
  return dataBytes / byteRate;
}
