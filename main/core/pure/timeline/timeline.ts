import type { Preset } from '../../timeline/presets';
import { CLINIC_DISCHARGE_FLOOR_MIN, routeOf } from './routes';

/** Session phases, in order. The music follows the same ones. */
export const PHASES = ['settling', 'onset', 'peak', 'return', 'after'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  settling: 'Settling (before the dose)',
  onset: 'Onset',
  peak: 'Peak',
  return: 'Return',
  after: 'After (integration)',
};

export type MarkKind = 'peak_reached' | 'returning' | 'infusion_ended';
export interface TimelineDose {
  at: number;
}
export interface TimelineMark {
  kind: MarkKind;
  at: number;
}

/** A range in epoch milliseconds. */
export interface Span {
  from: number;
  to: number;
}

export interface Timeline {
  dosed: boolean;
  phase: Phase;
  firstDoseAt: number | null;
  lastDoseAt: number | null;
  /** Since the first dose; 0 before it. */
  elapsedMs: number;
  /** Drawn as min-max bands. Null before the first dose. */
  bands: { onset: Span; peak: Span; effectsEnd: Span } | null;
  /** Phase changes, in time order. */
  boundaries: { phase: Phase; at: number }[];
  next: { phase: Phase; at: number; inMs: number } | null;
  earliestDischargeAt: number | null;
  /** What set the earliest discharge, in words. */
  dischargeRule: string | null;
}

const MIN = 60_000;

interface Points {
  onsetMin: number;
  onsetMax: number;
  peakStart: number;
  peakEnd: number;
  endMin: number;
  endMax: number;
}

function fromDose(p: Preset, at: number): Points {
  return {
    onsetMin: at + p.onset.min * MIN,
    onsetMax: at + p.onset.max * MIN,
    peakStart: at + p.peak.min * MIN,
    peakEnd: at + p.peak.max * MIN,
    endMin: at + p.effectsEnd.min * MIN,
    endMax: at + p.effectsEnd.max * MIN,
  };
}

type Step = { type: 'dose'; at: number } | { type: 'mark'; kind: MarkKind; at: number };

/**
 * The session's arc at `now`: a pure function of the preset, the doses, the therapist's marks and the time.
 * A booster restarts the curve from its own time for every point not yet passed; a mark re-anchors what
 * follows it to what was observed, from its own moment on. The earliest discharge counts from the LAST dose and no
 * mark moves it.
 */
export function computeTimeline(preset: Preset, doses: TimelineDose[], marks: TimelineMark[], now: number): Timeline {
  const steps: Step[] = [
    ...doses.map((d): Step => ({ type: 'dose', at: d.at })),
    ...marks.map((m): Step => ({ type: 'mark', kind: m.kind, at: m.at })),
  ].sort((a, b) => a.at - b.at || (a.type === 'dose' ? -1 : 1));

  let points: Points | null = null;
  let firstDoseAt: number | null = null;
  let lastDoseAt: number | null = null;
  let infusionEndedAt: number | null = null;

  for (const step of steps) {
    if (step.type === 'dose') {
      firstDoseAt ??= step.at;
      lastDoseAt = step.at;
      const fresh = fromDose(preset, step.at);
      if (!points) points = fresh;
      else {
        const restarted: Points = { ...points };
        for (const key of Object.keys(points) as (keyof Points)[]) {
          if (points[key] > step.at) restarted[key] = fresh[key];
        }
        points = restarted;
      }
      continue;
    }
    if (!points) continue; // A mark before any dose says nothing about the arc.
    // Nor does an observation stamped after `now` (the room's clock a moment ahead of the screen's): applied early, it
    // would put the session in a phase it never was in (before a "peak reached", the onset) until its time came.
    // The infusion's end still counts, as it sets the discharge wait.
    if (step.kind !== 'infusion_ended' && step.at > now) continue;
    if (step.kind === 'infusion_ended') {
      infusionEndedAt = step.at;
    } else if (step.kind === 'peak_reached') {
      const shift: number = step.at - points.peakStart;
      points = {
        onsetMin: Math.min(points.onsetMin, step.at),
        onsetMax: Math.min(points.onsetMax, step.at),
        peakStart: step.at,
        peakEnd: points.peakEnd + shift,
        endMin: Math.max(points.endMin + shift, step.at),
        endMax: points.endMax + shift,
      };
    } else {
      const shift: number = step.at - points.peakEnd;
      points = {
        onsetMin: Math.min(points.onsetMin, step.at),
        onsetMax: Math.min(points.onsetMax, step.at),
        peakStart: Math.min(points.peakStart, step.at),
        peakEnd: step.at,
        endMin: Math.max(points.endMin + shift, step.at),
        endMax: Math.max(points.endMax + shift, step.at),
      };
    }
  }

  if (!points || firstDoseAt === null || lastDoseAt === null) {
    return {
      dosed: false,
      phase: 'settling',
      firstDoseAt: null,
      lastDoseAt: null,
      elapsedMs: 0,
      bands: null,
      boundaries: [],
      next: null,
      earliestDischargeAt: null,
      dischargeRule: null,
    };
  }

  const boundaries: { phase: Phase; at: number }[] = [
    { phase: 'onset', at: firstDoseAt },
    { phase: 'peak', at: points.peakStart },
    { phase: 'return', at: points.peakEnd },
    { phase: 'after', at: points.endMax },
  ];
  let phase: Phase = 'settling';
  for (const b of boundaries) if (now >= b.at) phase = b.phase;
  const upcoming = boundaries.find((b) => b.at > now) ?? null;

  const discharge = earliestDischarge(preset, lastDoseAt, infusionEndedAt);
  return {
    dosed: true,
    phase,
    firstDoseAt,
    lastDoseAt,
    elapsedMs: Math.max(0, now - firstDoseAt),
    bands: {
      onset: { from: points.onsetMin, to: points.onsetMax },
      peak: { from: points.peakStart, to: points.peakEnd },
      effectsEnd: { from: points.endMin, to: points.endMax },
    },
    boundaries,
    next: upcoming ? { ...upcoming, inMs: upcoming.at - now } : null,
    earliestDischargeAt: discharge.at,
    dischargeRule: discharge.rule,
  };
}

function earliestDischarge(
  preset: Preset,
  lastDoseAt: number,
  infusionEndedAt: number | null,
): { at: number; rule: string } {
  const minutes = Math.max(preset.earliestDischargeMin, preset.dischargeFloorMin ?? 0);
  let at = lastDoseAt + minutes * MIN;
  let rule = `${minutes} min after the last dose`;
  if (routeOf(preset).infusion) {
    const wait = preset.dischargeAfterInfusionEndMin ?? CLINIC_DISCHARGE_FLOOR_MIN;
    const infusionEnd = infusionEndedAt ?? lastDoseAt + (preset.infusionMin ?? 0) * MIN;
    const afterInfusion = infusionEnd + wait * MIN;
    if (afterInfusion > at) {
      at = afterInfusion;
      rule = `${wait} min after the infusion ended`;
    }
    // Until the end is marked, the planned length gives only an estimate; the discharge gate waits for the mark.
    if (infusionEndedAt === null)
      rule = `an estimate: ${rule}, with the infusion planned at ${preset.infusionMin ?? 0} min; mark its end`;
  }
  return { at, rule };
}
