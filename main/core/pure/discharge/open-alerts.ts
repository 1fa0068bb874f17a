import type { AlertRecord, SessionState } from '../session/fold';
import { live } from '../observations/due';

/** Alerts nobody has acknowledged yet, leaving out those of an entry struck or corrected (its correction raises its own). */
export function openAlerts(state: SessionState): AlertRecord[] {
  const liveSeqs = new Set(state.entries.filter(live).map((e) => e.seq));
  return state.alerts.filter((a) => !a.acknowledged && liveSeqs.has(a.entrySeq));
}
