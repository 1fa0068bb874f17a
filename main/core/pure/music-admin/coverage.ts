/**
 * Each phase's music against how long that phase lasts for a route preset, in plain words for the admin.
 */
import type { Preset } from '../../timeline/presets';
import { PHASE_LABELS, PHASES, type Phase } from '../timeline/timeline';

/** Settling before the dose: CLINICAL.md's day-of checklist and intention setting, up to 20 minutes. */
export const SETTLING_MIN = 20;
/** The after phase lasts at least this long, even where discharge comes before the effects' latest end. */
export const AFTER_MIN = 15;

/** How long each phase lasts for a preset (minutes), at the long end of its ranges. */
export function phaseMinutes(
  preset: Pick<Preset, 'peak' | 'effectsEnd' | 'earliestDischargeMin' | 'slotMin'>,
): Record<Phase, number> {
  return {
    settling: SETTLING_MIN,
    onset: preset.peak.min,
    peak: preset.peak.max - preset.peak.min,
    return: preset.effectsEnd.max - preset.peak.max,
    after: Math.max(AFTER_MIN, Math.max(preset.earliestDischargeMin, preset.slotMin ?? 0) - preset.effectsEnd.max),
  };
}

export interface PhaseCoverage {
  phase: Phase;
  musicSec: number;
  phaseSec: number;
  short: boolean;
  /** One plain sentence: covered, too short (and what then happens), or silent. */
  sentence: string;
}

const minutes = (sec: number) => `${Math.round(sec / 60)} min`;

export function coverage(
  preset: Parameters<typeof phaseMinutes>[0],
  musicSec: Record<Phase, number>,
  onRunOut: 'repeat' | 'next',
): PhaseCoverage[] {
  const lengths = phaseMinutes(preset);
  return PHASES.map((phase) => {
    const phaseSec = lengths[phase] * 60;
    const music = musicSec[phase];
    const label = PHASE_LABELS[phase];
    let sentence: string;
    if (music === 0)
      sentence = `${label}: no music for a phase of up to ${minutes(phaseSec)}. ${onRunOut === 'repeat' ? 'The room will be silent in this phase' : "The next phase's music will play early"}; add tracks.`;
    else if (music < phaseSec)
      sentence = `${label}: ${minutes(music)} of music for a phase of up to ${minutes(phaseSec)}: too short, ${onRunOut === 'repeat' ? 'the tracks will repeat' : "the music will run out and the next phase's will start"}.`;
    else sentence = `${label}: ${minutes(music)} of music covers the phase (up to ${minutes(phaseSec)}).`;
    return { phase, musicSec: music, phaseSec, short: music < phaseSec, sentence };
  });
}
