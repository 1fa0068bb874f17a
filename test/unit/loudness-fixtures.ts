/** Reference signals, WAV writing and tool helpers for the loudness tests (no committed audio). */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'room-loudness-'));

export const dbToAmp = (db: number): number => Math.pow(10, db / 20);

/** A sine of peak level `dbfs`, `phaseDeg` at sample 0. */
export function sine(freq: number, dbfs: number, seconds: number, rate: number, phaseDeg = 0): Float32Array {
  const n = Math.round(seconds * rate);
  const a = dbToAmp(dbfs);
  const out = new Float32Array(n);
  const phase = (phaseDeg * Math.PI) / 180;
  for (let i = 0; i < n; i++) out[i] = a * Math.sin((2 * Math.PI * freq * i) / rate + phase);
  return out;
}

/** Deterministic uniform numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gaussian white noise with RMS `rms` (Box-Muller). */
export function whiteNoise(rms: number, seconds: number, rate: number, seed: number): Float32Array {
  const rnd = seeded(seed);
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++)
    out[i] = rms * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return out;
}

/** Pink noise (Paul Kellet's filter over white noise), scaled to RMS `rms`. */
export function pinkNoise(rms: number, seconds: number, rate: number, seed: number): Float32Array {
  const white = whiteNoise(1, seconds, rate, seed);
  let b0 = 0,
    b1 = 0,
    b2 = 0,
    b3 = 0,
    b4 = 0,
    b5 = 0,
    b6 = 0;
  let sum = 0;
  for (let i = 0; i < white.length; i++) {
    const w = white[i]!;
    b0 = 0.99886 * b0 + w * 0.0555179;
    b1 = 0.99332 * b1 + w * 0.0750759;
    b2 = 0.969 * b2 + w * 0.153852;
    b3 = 0.8665 * b3 + w * 0.3104856;
    b4 = 0.55 * b4 + w * 0.5329522;
    b5 = -0.7616 * b5 - w * 0.016898;
    const p = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
    b6 = w * 0.115926;
    white[i] = p;
    sum += p * p;
  }
  const scale = rms / Math.sqrt(sum / white.length);
  for (let i = 0; i < white.length; i++) white[i]! *= scale;
  return white;
}

export const concat = (...parts: Float32Array[]): Float32Array => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Writes planar channels as a WAV file: 16-bit PCM or 32-bit float. */
export function writeWav(
  file: string,
  channels: Float32Array[],
  rate: number,
  encoding: 'pcm16' | 'float32' = 'float32',
): string {
  const n = channels[0]!.length;
  const bytes = encoding === 'pcm16' ? 2 : 4;
  const data = Buffer.alloc(n * channels.length * bytes);
  let o = 0;
  for (let i = 0; i < n; i++) {
    for (const ch of channels) {
      const v = ch[i]!;
      if (encoding === 'pcm16') o = data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32768))), o);
      else o = data.writeFloatLE(v, o);
    }
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(encoding === 'pcm16' ? 1 : 3, 20);
  header.writeUInt16LE(channels.length, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * channels.length * bytes, 28);
  header.writeUInt16LE(channels.length * bytes, 32);
  header.writeUInt16LE(bytes * 8, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  fs.writeFileSync(file, Buffer.concat([header, data]));
  return file;
}

export const hasTool = (tool: string): boolean => spawnSync(tool, ['-version'], { stdio: 'ignore' }).status === 0;

/** Encodes `wav` with ffmpeg to `out` (codec chosen from the extension). */
export function encode(wav: string, out: string, extra: string[] = []): string {
  const codec = out.endsWith('.mp3')
    ? ['-c:a', 'libmp3lame', '-b:a', '192k']
    : out.endsWith('.ogg')
      ? ['-c:a', 'libvorbis', '-q:a', '5']
      : ['-c:a', 'flac'];
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-i', wav, ...extra, ...codec, out]);
  return out;
}

/** ffmpeg's ebur128 integrated loudness to 3 decimals (its summary prints only 1). */
export function ffmpegIntegratedLufs(file: string): number {
  const out = execFileSync(
    'ffmpeg',
    [
      '-nostats',
      '-hide_banner',
      '-nostdin',
      '-i',
      file,
      '-vn',
      '-af',
      'ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.I:file=-',
      '-f',
      'null',
      '-',
    ],
    { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] },
  ).toString();
  return Number.parseFloat(out.slice(out.lastIndexOf('lavfi.r128.I=') + 'lavfi.r128.I='.length));
}

const root = path.resolve(import.meta.dirname, '../..');

/** The built worker and CLI (vitest's global setup builds dist/ when sources changed). */
export const LOUDNESS_WORKER = path.join(root, 'dist/loudness/loudness-worker.js');
export const ANALYZE_CLI = path.join(root, 'dist/loudness/analyze.js');
