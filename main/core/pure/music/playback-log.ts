import { durationText } from '../time-text';
import { PHASE_LABELS, type Phase } from '../timeline/timeline';

/**
 * What the player writes to the session log (kind 'music'):
 * every start, skip, pause/resume, quiet/resume, hold/release, phase move, set chosen, failed track, volume change,
 * and each track the therapist marked as resonating.
 */
export const MUSIC_ACTIONS = [
  'start',
  'skip',
  'pause',
  'resume',
  'quiet',
  'quiet_off',
  'hold',
  'release',
  'phase_move',
  'set_chosen',
  'track_failed',
  'volume',
  /** The therapist marked the track playing as one that resonated (a key during the session). */
  'resonated',
] as const;
export type MusicAction = (typeof MUSIC_ACTIONS)[number];

export interface MusicLogPayload {
  action: MusicAction;
  setId: string;
  setName?: string;
  /** The phase whose set is playing (for a phase move: the phase moved into). */
  phase: Phase;
  /** For a phase move: the phase left. */
  fromPhase?: Phase;
  file?: string;
  title?: string;
  artist?: string;
  /** A phase move's way ("crossfade", "at track end"), or why a track failed. */
  detail?: string;
  /** For a start: where in the track it started (seconds), when the room reopened mid-track. */
  fromSec?: number;
  /** For a volume change: the room volume it settled at, 0..1. */
  volume?: number;
}

/** The author of what the player does by itself (a track starting, a phase move). */
export const MUSIC_PLAYER_AUTHOR = 'Music player';

const trackName = (p: MusicLogPayload) =>
  p.title ? `"${p.title}"${p.artist ? ` by ${p.artist}` : ''}` : (p.file ?? 'a track');

/** One line for a music event, the same on screen and in the report. */
export function describeMusic(p: MusicLogPayload): string {
  const set = p.setName ?? p.setId;
  const phase = PHASE_LABELS[p.phase];
  switch (p.action) {
    case 'start':
      return p.fromSec
        ? `Music: ${trackName(p)} went on from ${durationText(p.fromSec)} after the room reopened (${phase}, set ${set})`
        : `Music: ${trackName(p)} started (${phase}, set ${set})`;
    case 'skip':
      return `Music: ${trackName(p)} skipped`;
    case 'pause':
      return 'Music paused';
    case 'resume':
      return 'Music resumed';
    case 'quiet':
      return 'Music quieted';
    case 'quiet_off':
      return 'Music brought back after quiet';
    case 'hold':
      return `Music held in ${phase}`;
    case 'release':
      return `Music hold released (${phase})`;
    case 'phase_move':
      return `Music moved ${p.fromPhase ? `from ${PHASE_LABELS[p.fromPhase]} ` : ''}to ${phase}${p.detail ? ` (${p.detail})` : ''}`;
    case 'set_chosen':
      return `Music set chosen: ${set}`;
    case 'volume':
      return `Music volume set to ${Math.round((p.volume ?? 0) * 100)}%`;
    case 'resonated':
      return `Music: ${trackName(p)} marked as resonating`;
    case 'track_failed':
      return `Music: ${trackName(p)} could not be played and was skipped${p.detail ? `: ${p.detail}` : ''}`;
  }
}
