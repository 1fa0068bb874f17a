import { cadssTotal, liveScores, liveVitals } from '../rules/evidence';
import type { SessionState } from '../session/fold';

/**
 * The course of a patient's sessions, one row each, for the clinician choosing the next dose: what was given, how deep
 * it went, the highest blood pressure, the alerts, how long until ready to leave, and what the next-day call heard.
 */
export interface CourseRow {
  sessionId: string;
  startedAt: number;
  routeId: string;
  route: string;
  /** The first dose (for Spravato, the devices together), and each booster. */
  doseMg: number | null;
  boostersMg: number[];
  totalMg: number;
  /** The deepest sedation: the lowest live MOAA/S. */
  lowestMoaas: number | null;
  /** The highest live CADSS-6 total (0 to 24). */
  highestCadss: number | null;
  highestBp: { systolic: number; diastolic: number | null } | null;
  alerts: { warning: number; urgent: number };
  /** From the last dose to the discharge. */
  readyToLeaveMin: number | null;
  outcome: string;
  /** What the next-day call heard of an adverse effect, or null when there was none (or no call yet). */
  adverseEffect: string | null;
  followUp: { night: string; adverseEffect: string; mood: string } | null;
  /** What needed attention, as short phrases: alerts, an adverse effect, a session not ended by discharge. */
  attention: string[];
}

export function courseRow(state: SessionState): CourseRow {
  const firstDoses = state.doses.filter((d) => !d.booster);
  const boosters = state.doses.filter((d) => d.booster);
  const moaas = liveScores(state).flatMap((e) =>
    e.payload.content.scale === 'moaas' ? [e.payload.content.score] : [],
  );
  const cadss = liveScores(state).flatMap((e) => {
    const t = cadssTotal(e);
    return t === null ? [] : [t];
  });
  let highestBp: CourseRow['highestBp'] = null;
  for (const v of liveVitals(state)) {
    const s = v.payload.values.systolic;
    if (s !== undefined && (!highestBp || s > highestBp.systolic))
      highestBp = { systolic: s, diastolic: v.payload.values.diastolic ?? null };
  }
  const alerts = {
    warning: state.alerts.filter((a) => a.level === 'warning').length,
    urgent: state.alerts.filter((a) => a.level === 'urgent').length,
  };
  const lastDose = state.doses.at(-1);
  const discharged = state.discharge.discharged;
  const call = state.care.followUpCalls.at(-1) ?? null;
  const adverseEffect = call?.adverseEffect === 'yes' ? (call.adverseEffectText ?? 'yes') : null;
  const outcome = state.discharge.closed?.outcome ?? 'open';
  const attention: string[] = [];
  if (alerts.urgent) attention.push(`${alerts.urgent} urgent alert${alerts.urgent === 1 ? '' : 's'}`);
  if (alerts.warning) attention.push(`${alerts.warning} warning${alerts.warning === 1 ? '' : 's'}`);
  if (adverseEffect) attention.push(`adverse effect: ${adverseEffect}`);
  if (outcome === 'left_against_advice') attention.push('left against medical advice');
  if (outcome === 'no_dose') attention.push('no dose given');
  return {
    sessionId: state.id,
    startedAt: state.startedAt,
    routeId: state.preset.id,
    route: state.preset.label,
    doseMg: firstDoses.length ? firstDoses.reduce((sum, d) => sum + d.mg, 0) : null,
    boostersMg: boosters.map((b) => b.mg),
    totalMg: state.doses.reduce((sum, d) => sum + d.mg, 0),
    lowestMoaas: moaas.length ? Math.min(...moaas) : null,
    highestCadss: cadss.length ? Math.max(...cadss) : null,
    highestBp,
    alerts,
    readyToLeaveMin: discharged && lastDose ? Math.round((discharged.at - lastDose.at) / 60_000) : null,
    outcome,
    adverseEffect,
    followUp: call ? { night: call.night, adverseEffect: adverseEffect ?? 'none', mood: call.mood } : null,
    attention,
  };
}

/** The course: every session of the patient, oldest first. */
export const patientCourse = (states: readonly SessionState[]): CourseRow[] =>
  states.map(courseRow).sort((a, b) => a.startedAt - b.startedAt);
