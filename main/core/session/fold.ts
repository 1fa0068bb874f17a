import type { Preset } from '../timeline/presets';
import type { MarkKind } from '../timeline/timeline';
import type { StoredEvent } from './events';

/** An entry is "late" when written this long after it happened; it keeps its real time and says so. */
export const LATE_ENTRY_MS = 2 * 60_000;
export const isLate = (e: { occurredAt: number; recordedAt: number }) => e.recordedAt - e.occurredAt >= LATE_ENTRY_MS;

export interface DoseRecord {
  seq: number;
  at: number;
  recordedAt: number;
  mg: number;
  booster: boolean;
  lot?: string;
  author: string;
  late: boolean;
}
export interface MarkRecord {
  seq: number;
  kind: MarkKind;
  at: number;
  recordedAt: number;
  author: string;
  late: boolean;
}

export interface SessionState {
  id: string;
  patientRef: string;
  preset: Preset;
  plannedDoseMg: number;
  therapist: string;
  sitter: string;
  startedAt: number;
  /** In clinical-time order. */
  doses: DoseRecord[];
  marks: MarkRecord[];
  status: 'open' | 'dosed';
  lastSeq: number;
}

/**
 * The session's state: one pure fold over its events, in sequence order.
 * Returns null for a log that does not begin with session_started.
 */
export function foldSession(events: readonly StoredEvent[]): SessionState | null {
  return applyEvents(null, events);
}

/**
 * The fold's step, applied to a state the caller owns (the room keeps one per open session and feeds it
 * each new event, so an append never re-reads the log). foldSession(all) equals applying them one by one.
 */
export function applyEvents(state: SessionState | null, events: readonly StoredEvent[]): SessionState | null {
  for (const e of events) {
    if (e.kind === 'session_started') {
      state = {
        id: e.sessionId,
        patientRef: e.payload.patientRef,
        preset: e.payload.preset,
        plannedDoseMg: e.payload.plannedDoseMg,
        therapist: e.payload.therapist,
        sitter: e.payload.sitter,
        startedAt: e.occurredAt,
        doses: [],
        marks: [],
        status: 'open',
        lastSeq: e.seq,
      };
      continue;
    }
    if (!state) continue;
    state.lastSeq = e.seq;
    switch (e.kind) {
      case 'dose':
        insertByTime(state.doses, {
          seq: e.seq,
          at: e.occurredAt,
          recordedAt: e.recordedAt,
          mg: e.payload.mg,
          booster: e.payload.booster,
          ...(e.payload.lot ? { lot: e.payload.lot } : {}),
          author: e.author,
          late: isLate(e),
        });
        state.status = 'dosed';
        break;
      case 'mark':
        insertByTime(state.marks, { seq: e.seq, kind: e.payload.mark, at: e.occurredAt, recordedAt: e.recordedAt, author: e.author, late: isLate(e) });
        break;
    }
  }
  return state;
}

/** Keeps a list in clinical-time order; entries nearly always arrive in order, so this is usually a push. */
function insertByTime<T extends { at: number }>(list: T[], item: T): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.at > item.at) i--;
  list.splice(i, 0, item);
}
