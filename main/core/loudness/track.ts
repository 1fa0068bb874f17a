/** One track's analysis as the worker runs it: hash, look in the cache, else measure and store. */
import path from 'node:path';
import { RoomError } from '../pure/errors';
import { hashFile, readCached, writeCached } from './cache';
import type { LoudnessMeasurement } from './meter';
import { measureFile } from './measure-file';

export interface TrackRequest {
  file: string;
  /** Where results are cached by content hash; null measures without caching. */
  cacheDir: string | null;
  /** The file's sha256 when the caller has it already (the import hashes each file once, as it copies it). */
  hash?: string;
}

export type TrackReply =
  | { ok: true; file: string; hash: string | null; fromCache: boolean; measurement: LoudnessMeasurement }
  | { ok: false; file: string; error: string };

export async function analyzeTrack({ file, cacheDir, hash: known }: TrackRequest): Promise<TrackReply> {
  try {
    if (!cacheDir) return { ok: true, file, hash: null, fromCache: false, measurement: await measureFile(file) };
    const hash = known ?? (await hashFile(file));
    const cached = readCached(cacheDir, hash);
    if (cached) return { ok: true, file, hash, fromCache: true, measurement: cached };
    const measurement = await measureFile(file);
    try {
      writeCached(cacheDir, hash, measurement);
    } catch {
      // A cache that cannot be written only costs a second measurement next time.
    }
    return { ok: true, file, hash, fromCache: false, measurement };
  } catch (err) {
    return { ok: false, file, error: sentenceFor(err, file) };
  }
}

export function sentenceFor(err: unknown, file: string): string {
  if (err instanceof RoomError) return err.message;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT')
    return `This file could not be found: ${path.basename(file)}. Check it is still in its folder.`;
  return `The loudness of ${path.basename(file)} could not be measured. Try again; if it keeps failing, convert the file to MP3, OGG, FLAC or WAV.`;
}
