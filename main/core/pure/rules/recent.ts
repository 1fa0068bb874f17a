import type { SessionState } from '../session/fold';
import { agoText, sinceDoseText } from '../time-text';
import { presetRules } from '../discharge/rules';

const MIN = 60_000;

/**
 * The window discharge evidence must fall in (CLINICAL.md section 7): after the last dose, and no older than the
 * preset's window (default 30 minutes) at the time of the discharge. A score, a reading or an attestation older
 * than that says how the patient was, not how they are.
 */
export interface EvidenceWindow {
  firstDoseAt: number;
  lastDoseAt: number;
  now: number;
  minutes: number;
  /** Evidence from this time on counts. */
  from: number;
}

export function evidenceWindow(state: SessionState, now: number): EvidenceWindow | null {
  const first = state.doses[0];
  const last = state.doses[state.doses.length - 1];
  if (!first || !last) return null;
  const minutes = presetRules(state.preset).evidenceWindowMin;
  return { firstDoseAt: first.at, lastDoseAt: last.at, now, minutes, from: Math.max(last.at, now - minutes * MIN) };
}

export const afterLastDose = (w: EvidenceWindow, at: number) => at >= w.lastDoseAt;
export const isRecent = (w: EvidenceWindow, at: number) => at >= w.from;

/** "T+0:02" for a time in the session. */
export const tPlus = (w: { firstDoseAt: number }, at: number) => sinceDoseText(at - w.firstDoseAt);

/** "MOAA/S 5 taken at T+0:02, 148 min ago: score again". */
export const staleText = (w: EvidenceWindow, what: string, at: number, todo: string, verb = 'taken') =>
  `${what} ${verb} at ${tPlus(w, at)}, ${agoText(w.now - at)}: ${todo}`;
