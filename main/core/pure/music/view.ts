/**
 * What the renderer sees of the music library (the interface agreed between the music library,
 * the player and the music admin). Plain types, no zod: the renderer imports this file.
 */
import type { Phase } from '../timeline/timeline';

/** The session's phases: a music set has music for each, the same ones as the timeline. */
export type SessionPhase = Phase;

export interface MusicTrackView {
  /** Stable within the listing: `${setId}/${phase}/${index}`. */
  key: string;
  /** Path inside the music library, for display only. */
  file: string;
  title: string;
  artist: string;
  durationSec: number;
  /**
   * What the renderer plays: the browser host's `/media/<path segments, each encodeURIComponent>?token=<token>`,
   * the Electron shell's `app://room/media/<same>` (served by the shell's app:// handler under /media/).
   */
  url: string;
  /** Even-loudness playback gain (null: not measured yet, play at 0 dB). */
  gainDb: number | null;
  /** Sudden loudness rise: shown to the admin. */
  riseFlagged: boolean;
  /** False when the file is not in the library (the player skips and flags it). */
  available: boolean;
}

export interface MusicSetView {
  id: string;
  name: string;
  description: string;
  source: 'shipped' | 'clinic';
  phases: Record<SessionPhase, MusicTrackView[]>;
}

export interface MusicLibraryView {
  sets: MusicSetView[];
  /** Sentences, one per problem in a set file that could not be read. */
  problems: string[];
}
