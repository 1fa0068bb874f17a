import type { AlertRecord, SessionState } from '../session/fold';
import { live } from '../observations/due';

/**
 * Alerts nobody has acknowledged yet. A warning of an entry struck or corrected is left out (its correction raises its
 * own); an urgent one stays until a clinician acknowledges it with what was done: a correction does not undo what was seen.
 */
export function openAlerts(state: SessionState): AlertRecord[] {
  const liveSeqs = new Set(state.entries.filter(live).map((e) => e.seq));
  return state.alerts.filter((a) => !a.acknowledged && (a.level === 'urgent' || liveSeqs.has(a.entrySeq)));
}
