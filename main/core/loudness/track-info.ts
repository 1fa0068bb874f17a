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

/** Reads the file's tags and length (music-metadata; covers skipped). Never rejects: a failure comes back as a sentence. */
export async function readTrackInfo(file: string): Promise<InfoReply> {
  try {
    const meta = await parseFile(file, { duration: true, skipCovers: true });
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
