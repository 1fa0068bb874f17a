import type { AlertRecord, SessionState } from '../session/fold';
import { live } from '../observations/due';

/**
 * Alerts nobody has acknowledged yet. A warning of an entry struck or corrected is left out: striking or correcting a
 * reading that raised an alert is itself a clinician's signed act, with its reason, and its correction raises its own.
 * An urgent one stays until a clinician acknowledges it with what was done: a correction does not undo what was seen.
 */
export function openAlerts(state: SessionState): AlertRecord[] {
  const liveSeqs = new Set(state.entries.filter(live).map((e) => e.seq));
  // An entry's correction, by the entry it replaces: a correction that raises the same urgent alert carries it on, once.
  const correctionOf = new Map(state.entries.flatMap((e) => (e.corrects !== undefined ? [[e.corrects, e.seq] as const] : [])));
  const carriedOn = (a: AlertRecord) => {
    const next = correctionOf.get(a.entrySeq);
    return next !== undefined && state.alerts.some((b) => b.entrySeq === next && b.signal === a.signal && b.level === 'urgent');
  };
  return state.alerts.filter((a) => !a.acknowledged && (liveSeqs.has(a.entrySeq) || (a.level === 'urgent' && !carriedOn(a))));
}
