/**
 * Results cached by the sha256 of the file's bytes: one JSON file per hash in a
 * cache folder, so the same recording is measured once however it is named.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { LoudnessMeasurement } from './meter';

/** Raised whenever the measurement changes, so older cached figures are measured again. */
export const CACHE_VERSION = 1;

/** sha256 of the file's bytes, as hex, streamed in 1 MiB reads. */
export async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// JSON has no -Infinity: silent figures are stored as null.
const level = z
  .number()
  .nullable()
  .transform((v) => v ?? -Infinity);
const recordSchema = z.object({
  version: z.literal(CACHE_VERSION),
  integratedLufs: level,
  truePeakDbtp: level,
  samplePeakDbfs: level,
  maxShortTermLufs: level,
  maxShortTermRiseLu: z.number(),
  durationSec: z.number(),
  sampleRate: z.number(),
  channels: z.number(),
});

const fileFor = (cacheDir: string, hash: string): string => path.join(cacheDir, `${hash}.json`);

/** The cached measurement for `hash`, or null when there is none (or it is unreadable or out of date). */
export function readCached(cacheDir: string, hash: string): LoudnessMeasurement | null {
  let text: string;
  try {
    text = fs.readFileSync(fileFor(cacheDir, hash), 'utf8');
  } catch {
    return null;
  }
  try {
    const { version: _version, ...measurement } = recordSchema.parse(JSON.parse(text));
    return measurement;
  } catch {
    return null;
  }
}

/** Stores a measurement; written to a temporary name first so a reader never sees half a file. */
export function writeCached(cacheDir: string, hash: string, m: LoudnessMeasurement): void {
  fs.mkdirSync(cacheDir, { recursive: true });
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const record = {
    version: CACHE_VERSION,
    integratedLufs: finite(m.integratedLufs),
    truePeakDbtp: finite(m.truePeakDbtp),
    samplePeakDbfs: finite(m.samplePeakDbfs),
    maxShortTermLufs: finite(m.maxShortTermLufs),
    maxShortTermRiseLu: m.maxShortTermRiseLu,
    durationSec: m.durationSec,
    sampleRate: m.sampleRate,
    channels: m.channels,
  };
  const target = fileFor(cacheDir, hash);
  const temp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(record));
  fs.renameSync(temp, target);
}
