import type { MusicRecord } from '../session/fold';
import { PHASES, type Phase } from '../timeline/timeline';

/**
 * What the music did, track by track: how often each was played, skipped, held and marked as resonating, per set and per
 * phase, over every session's music log. The set editor shows them beside each track.
 */
export interface TrackCounts {
  played: number;
  skipped: number;
  held: number;
  resonated: number;
}
export type PhaseCounts = Partial<Record<Phase, TrackCounts>>;
/** setId -> track file -> its counts in each phase, and in all. */
export type MusicCounts = Record<string, Record<string, { all: TrackCounts; phases: PhaseCounts }>>;

const zero = (): TrackCounts => ({ played: 0, skipped: 0, held: 0, resonated: 0 });

/** Adds one session's music log to the counts. A hold counts for the track playing when the phase was held. */
export function addMusicLog(counts: MusicCounts, music: readonly MusicRecord[]): MusicCounts {
  let playing: { setId: string; file: string } | null = null;
  for (const m of music) {
    const p = m.payload;
    const bump = (setId: string, file: string, phase: Phase, what: keyof TrackCounts) => {
      const set = (counts[setId] ??= {});
      const track = (set[file] ??= { all: zero(), phases: {} });
      track.all[what]++;
      (track.phases[phase] ??= zero())[what]++;
    };
    if (p.action === 'start' && p.file) {
      playing = { setId: p.setId, file: p.file };
      // A track picked up again after the room reopened is the same playing, not another.
      if (!p.fromSec) bump(p.setId, p.file, p.phase, 'played');
    } else if (p.action === 'skip' && p.file) bump(p.setId, p.file, p.phase, 'skipped');
    else if (p.action === 'resonated' && p.file) bump(p.setId, p.file, p.phase, 'resonated');
    else if (p.action === 'hold' && playing) bump(playing.setId, playing.file, p.phase, 'held');
  }
  return counts;
}

export const musicCounts = (logs: readonly (readonly MusicRecord[])[]): MusicCounts =>
  logs.reduce<MusicCounts>((counts, log) => addMusicLog(counts, log), {});

/** "played 4, skipped 3, resonated 1": a track's counts in words, the phases it was counted in after. */
export function countsText(c: TrackCounts): string {
  return `played ${c.played}, skipped ${c.skipped}, held ${c.held}, resonated ${c.resonated}`;
}

export const phasesInOrder = (phases: PhaseCounts): Phase[] => PHASES.filter((p) => phases[p]);
