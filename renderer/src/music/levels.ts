/**
 * html5 audio cannot amplify (volume tops out at 1), so every track plays under this headroom: a track whose
 * even-loudness gain is up to +6 dB can still be brought up to the target instead of staying quiet.
 */
export const HEADROOM_DB = -6;

/** A track's own playback level (0..1) from its even-loudness gain; the room volume multiplies it (Howler.volume). */
export function trackLevel(gainDb: number | null): number {
  return Math.min(1, Math.max(0, 10 ** ((HEADROOM_DB + (gainDb ?? 0)) / 20)));
}

/** A media element error code as a sentence for the flag and the log. */
export function loadErrorReason(code: unknown): string {
  switch (code) {
    case 2:
      return 'The file could not be read.';
    case 3:
      return 'The file could not be decoded: it may be damaged.';
    case 4:
      return 'The file is missing or is not an audio format this room plays.';
    default:
      return 'The file could not be loaded.';
  }
}
