/**
 * How much music each phase needs so that the room never falls silent: the longest
 * the phase runs for any shipped route (CLINICAL.md section 1; oral is the longest),
 * plus a margin for boosters and for the therapist holding a phase. The shipped sets
 * meet these; the music admin shows a clinic's own sets against them.
 *
 * settling  25 min  up to 20 before the dose
 * onset     65 min  dose to peak: oral, up to 60
 * peak      95 min  up to 90 when the therapist holds the peak or a booster restarts it
 * return   155 min  oral: effects end up to 240 min after the dose, 150 after the peak
 * after     65 min  integration, up to 60
 */
import { phaseDurations, PHASES, type MusicSet, type SessionPhase } from './set-format';

export const PHASE_COVER_MINUTES: Record<SessionPhase, number> = {
  settling: 25,
  onset: 65,
  peak: 95,
  return: 155,
  after: 65,
};

export interface PhaseCover {
  phase: SessionPhase;
  musicSec: number;
  neededSec: number;
  /** Seconds missing; 0 when the phase is covered. */
  shortBySec: number;
}

/** Each phase's music against what it must cover, in phase order. */
export function phaseCover(set: MusicSet): PhaseCover[] {
  const totals = phaseDurations(set);
  return PHASES.map((phase) => {
    const neededSec = PHASE_COVER_MINUTES[phase] * 60;
    return { phase, musicSec: totals[phase], neededSec, shortBySec: Math.max(0, neededSec - totals[phase]) };
  });
}
