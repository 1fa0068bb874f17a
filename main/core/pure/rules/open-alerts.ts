import type { AlertRecord, EntryRecord, SessionState } from '../session/fold';
import { URGENT_ESCALATION_MIN } from '../discharge/rules';

const MIN = 60_000;
/** Entries that count: not struck, not replaced by a correction (as rules/due.ts `live`). */
const isLive = (e: EntryRecord) => !e.struck && !e.correctedBy;

/**
 * Alerts nobody has acknowledged yet, urgent first, then the newest: the room, the glance, the gate and the chair board
 * all read them here. A warning of an entry struck or corrected is left out: striking or correcting a
 * reading that raised an alert is itself a clinician's signed act, with its reason, and its correction raises its own.
 * An urgent one stays until a clinician acknowledges it with what was done: a correction does not undo what was seen.
 * One that closed by itself (a monitor's SpO2 signal back) is no longer open.
 */
export function openAlerts(state: SessionState): AlertRecord[] {
  const liveSeqs = new Set(state.entries.filter(isLive).map((e) => e.seq));
  // An entry's correction, by the entry it replaces: a correction that raises the same urgent alert carries it on, once.
  const correctionOf = new Map(
    state.entries.flatMap((e) => (e.corrects !== undefined ? [[e.corrects, e.seq] as const] : [])),
  );
  const carriedOn = (a: AlertRecord) => {
    const next = correctionOf.get(a.entrySeq);
    return (
      next !== undefined &&
      state.alerts.some((b) => b.entrySeq === next && b.signal === a.signal && b.level === 'urgent')
    );
  };
  return state.alerts
    .filter(
      (a) => !a.acknowledged && !a.closed && (liveSeqs.has(a.entrySeq) || (a.level === 'urgent' && !carriedOn(a))),
    )
    .sort(urgentFirst);
}

/** The one order every screen lists alerts in: urgent before warning, then the newest first. */
export function urgentFirst(a: AlertRecord, b: AlertRecord): number {
  return a.level === b.level ? b.at - a.at : a.level === 'urgent' ? -1 : 1;
}

/** What the chair board and the glance show of a room's alerts: the open ones counted by level, and the oldest escalation line. */
export interface AlertSummary {
  urgent: number;
  warning: number;
  /** The first open alert, as the screens name it (urgent first, then the newest). */
  first: string | null;
  escalation: string | null;
}

export function alertSummary(state: SessionState, now: number): AlertSummary {
  const open = openAlerts(state);
  return {
    urgent: open.filter((a) => a.level === 'urgent').length,
    warning: open.filter((a) => a.level === 'warning').length,
    first: open[0]?.message ?? null,
    escalation: escalations(state, now)[0]?.line ?? null,
  };
}

/** What the room says of an urgent alert left open too long (CLINICAL.md section 3). */
export const ESCALATION_ACTION = 'call the prescriber; follow the emergency plan';

/**
 * The escalation line of an urgent alert still not acknowledged `URGENT_ESCALATION_MIN` (10) minutes after it was raised,
 * for the screens to show beside it; null for a warning, an acknowledged alert, or one younger than that.
 */
export function alertEscalation(alert: AlertRecord, now: number): string | null {
  if (alert.level !== 'urgent' || alert.acknowledged || now - alert.at < URGENT_ESCALATION_MIN * MIN) return null;
  return `"${alert.message.replace(/\.$/, '')}" is still open ${Math.floor((now - alert.at) / MIN)} min after it was raised: ${ESCALATION_ACTION}.`;
}

/** Every open urgent alert due its escalation now, oldest first, each with its line. */
export function escalations(state: SessionState, now: number): { alert: AlertRecord; line: string }[] {
  return openAlerts(state)
    .flatMap((alert) => {
      const line = alertEscalation(alert, now);
      return line ? [{ alert, line }] : [];
    })
    .sort((a, b) => a.alert.at - b.alert.at);
}
