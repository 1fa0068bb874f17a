/** An audio file's own description (length, title, artist, embedded ReplayGain), read in the worker threads like its loudness. */
import path from 'node:path';
import { parseFile } from 'music-metadata';

export interface TrackInfo {
  /** The length the file declares, in seconds; null when it says none. */
  durationSec: number | null;
  title: string;
  artist: string;
  replayGainDb: number | null;
}

export type InfoReply = { ok: true; file: string; info: TrackInfo } | { ok: false; file: string; error: string };

/** The sentence for a file the reader could not make sense of. */
export function metadataProblem(name: string, err: unknown): string {
  const detail = err instanceof Error ? err.message.replace(/\.$/, '') : 'unknown format';
  return `${name} could not be read as audio (${detail}). Check it plays in another player, or convert it to MP3, OGG, FLAC or WAV.`;
}

/**
 * Reads the file's tags and length (music-metadata; covers skipped). Never rejects: a failure comes back as a sentence.
 * `scan: false` takes the length the file's headers declare instead of counting every frame (the import then measures
 * the exact length as it decodes the file for its loudness).
 */
export async function readTrackInfo(file: string, { scan = true }: { scan?: boolean } = {}): Promise<InfoReply> {
  try {
    const meta = await parseFile(file, { duration: scan, skipCovers: true });
    const durationSec = meta.format.duration;
    return {
      ok: true,
      file,
      info: {
        durationSec: typeof durationSec === 'number' && Number.isFinite(durationSec) ? durationSec : null,
        title: meta.common.title ?? '',
        artist: meta.common.artist ?? '',
        replayGainDb: meta.common.replaygain_track_gain?.dB ?? null,
      },
    };
  } catch (err) {
    return { ok: false, file, error: metadataProblem(path.basename(file), err) };
  }
}
