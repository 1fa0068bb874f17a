import type { Preset } from '../../timeline/presets';
import type { MarkKind } from '../timeline/timeline';
import { clinicianRequestAlert, signalLostAlert, SIGNAL_BACK_TAG, type AlertFlag } from '../observations/vitals';
import type { EntryKind, Payload, StoredEvent } from '../../session/events';
import { applyDischargeEvent, isDischargeEvent } from '../discharge/fold-step';
import { emptyDischargeState, type DischargeState } from '../discharge/state';
import { applyCareEvent, isCareEvent } from '../care/fold-step';
import { emptyCareState, type CareState } from '../care/state';
import { applyIntegrationEvent, isIntegrationEvent } from '../integration/fold-step';
import { emptyIntegrationState, type IntegrationState } from '../integration/state';

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
  /** Checklist items answered "no" or skipped that a named clinician decided to proceed despite. */
  decision?: Payload<'dose'>['decision'];
  /** Spravato: device n of the planned number. */
  device?: Payload<'dose'>['device'];
}
export interface MarkRecord {
  seq: number;
  kind: MarkKind;
  at: number;
  recordedAt: number;
  author: string;
  late: boolean;
}

export interface Amendment {
  seq: number;
  reason: string;
  by: string;
  at: number;
}

/** An observation, vitals set, score or check-in as the list shows it. Struck and corrected ones stay. */
export type EntryRecord = {
  [K in EntryKind]: {
    seq: number;
    kind: K;
    at: number;
    recordedAt: number;
    author: string;
    late: boolean;
    payload: Payload<K>;
    struck?: Amendment;
    correctedBy?: Amendment;
    /** This entry is the correction of that one. */
    corrects?: number;
  };
}[EntryKind];

/** What the music player did, for the record and the report. */
export interface MusicRecord {
  seq: number;
  kind: 'music';
  at: number;
  recordedAt: number;
  author: string;
  payload: Payload<'music'>;
}

export interface AlertRecord extends AlertFlag {
  /** The entry that raised it. */
  entrySeq: number;
  at: number;
  acknowledged?: { by: string; at: number; note?: string };
  /** Closed by itself: what it warned of ended (the SpO2 signal came back), said by the entry `entrySeq`. */
  closed?: { at: number; entrySeq: number };
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
  /** Observations, vitals, scores and check-ins, in clinical-time order. */
  entries: EntryRecord[];
  /** Doses and marks struck by an amendment: kept for the record, left out of the arc. */
  struckDosesAndMarks: { seq: number; amendment: Amendment }[];
  alerts: AlertRecord[];
  /** Music events, in sequence order. */
  music: MusicRecord[];
  status: 'open' | 'dosed';
  lastSeq: number;
  /** Checklist, driver, attestations, REMS form, and how the session ended. */
  discharge: DischargeState;
  /** Jumps of the computer's clock noticed during the session (room time, and by how much). */
  clockJumps: { seq: number; at: number; jumpMs: number }[];
  /** How far the computer's clock is from the room's time, from the jumps: the screen subtracts it from its own clock. */
  clockOffsetMs: number;
  /** Set when the room, reopened, could not trust the clock: until a clinician confirms the time, no time-based condition holds. */
  timeUnconfirmed: { seq: number; at: number; reasons: string[] } | null;
  /** Each time a clinician confirmed the time: what they confirmed, and what the computer said then. */
  timeConfirmations: { seq: number; at: number; by: string; confirmedTime: number; computerTime: number }[];
  /** The rescue check, the orthostatic checks and the follow-up call. */
  care: CareState;
  /** The intention, the moments marked for integration, and the therapist's approval of the summary. */
  integration: IntegrationState;
  /** Monitors the person recording confirmed are on this patient: their readings are recorded. */
  monitors: { seq: number; device: string; at: number; by: string }[];
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
        entries: [],
        struckDosesAndMarks: [],
        alerts: [],
        music: [],
        status: 'open',
        lastSeq: e.seq,
        discharge: emptyDischargeState(),
        clockJumps: [],
        clockOffsetMs: 0,
        timeUnconfirmed: null,
        timeConfirmations: [],
        care: emptyCareState(),
        integration: emptyIntegrationState(),
        monitors: [],
      };
      continue;
    }
    if (!state) continue;
    state.lastSeq = e.seq;
    if (isDischargeEvent(e)) {
      applyDischargeEvent(state.discharge, e);
      continue;
    }
    if (isCareEvent(e)) {
      applyCareEvent(state.care, e);
      continue;
    }
    if (isIntegrationEvent(e)) {
      applyIntegrationEvent(state.integration, e);
      continue;
    }
    switch (e.kind) {
      case 'dose':
        insertByTime(state.doses, {
          seq: e.seq,
          at: e.occurredAt,
          recordedAt: e.recordedAt,
          mg: e.payload.mg,
          booster: e.payload.booster,
          ...(e.payload.lot ? { lot: e.payload.lot } : {}),
          ...(e.payload.decision ? { decision: e.payload.decision } : {}),
          ...(e.payload.device ? { device: e.payload.device } : {}),
          author: e.author,
          late: isLate(e),
        });
        state.status = 'dosed';
        break;
      case 'mark':
        insertByTime(state.marks, {
          seq: e.seq,
          kind: e.payload.mark,
          at: e.occurredAt,
          recordedAt: e.recordedAt,
          author: e.author,
          late: isLate(e),
        });
        break;
      case 'observation':
      case 'vitals':
      case 'score':
      case 'check_in': {
        const entry = {
          seq: e.seq,
          kind: e.kind,
          at: e.occurredAt,
          recordedAt: e.recordedAt,
          author: e.author,
          late: isLate(e),
          payload: e.payload,
        } as EntryRecord;
        insertByTime(state.entries, entry);
        if (e.kind === 'vitals' || e.kind === 'score') addAlerts(state, e.seq, e.occurredAt, e.payload.alerts);
        if (e.kind === 'observation') {
          addAlerts(state, e.seq, e.occurredAt, requestAlerts(e.payload.tags, e.author, e.payload.text));
          if (e.payload.tags?.includes(SIGNAL_BACK_TAG))
            for (const alert of state.alerts)
              if (alert.signal === 'spo2_signal' && !alert.closed) alert.closed = { at: e.occurredAt, entrySeq: e.seq };
        }
        break;
      }
      case 'alert_ack':
        for (const alert of state.alerts) {
          if (alert.entrySeq === e.payload.targetSeq && alert.signal === e.payload.signal && !alert.acknowledged)
            alert.acknowledged = {
              by: e.author,
              at: e.occurredAt,
              ...(e.payload.note ? { note: e.payload.note } : {}),
            };
        }
        break;
      case 'amendment':
        applyAmendment(state, e);
        break;
      case 'clock_jump':
        state.clockJumps.push({ seq: e.seq, at: e.occurredAt, jumpMs: e.payload.jumpMs });
        state.clockOffsetMs += e.payload.jumpMs;
        break;
      case 'monitor_confirmed':
        state.monitors.push({ seq: e.seq, device: e.payload.device, at: e.occurredAt, by: e.author });
        break;
      case 'time_unconfirmed':
        state.timeUnconfirmed = { seq: e.seq, at: e.occurredAt, reasons: e.payload.reasons };
        break;
      case 'time_confirmed':
        // What was recorded while the time was in doubt carries the room's guess: moved by what the confirmation showed it off by.
        if (state.timeUnconfirmed && e.payload.roomTime !== undefined)
          retime(state, state.timeUnconfirmed.seq, e.payload.confirmedTime - e.payload.roomTime);
        state.timeUnconfirmed = null;
        state.clockOffsetMs = e.payload.computerTime - e.payload.confirmedTime;
        state.timeConfirmations.push({
          seq: e.seq,
          at: e.occurredAt,
          by: e.author,
          confirmedTime: e.payload.confirmedTime,
          computerTime: e.payload.computerTime,
        });
        break;
      case 'music':
        state.music.push({
          seq: e.seq,
          kind: 'music',
          at: e.occurredAt,
          recordedAt: e.recordedAt,
          author: e.author,
          payload: e.payload,
        });
        break;
    }
  }
  return state;
}

function addAlerts(state: SessionState, entrySeq: number, at: number, flags: AlertFlag[]): void {
  for (const flag of flags) state.alerts.push({ ...flag, entrySeq, at });
}

function applyAmendment(state: SessionState, e: Extract<StoredEvent, { kind: 'amendment' }>): void {
  const amendment: Amendment = { seq: e.seq, reason: e.payload.reason, by: e.author, at: e.recordedAt };
  const target = e.payload.targetSeq;
  const doseIndex = state.doses.findIndex((d) => d.seq === target);
  const markIndex = state.marks.findIndex((m) => m.seq === target);
  if (doseIndex >= 0 || markIndex >= 0) {
    // A dose or mark is struck, never edited: it leaves the arc and stays in the record.
    if (doseIndex >= 0) state.doses.splice(doseIndex, 1);
    else state.marks.splice(markIndex, 1);
    state.struckDosesAndMarks.push({ seq: target, amendment });
    if (state.doses.length === 0) state.status = 'open';
    return;
  }
  const entry = state.entries.find((x) => x.seq === target);
  if (!entry) return;
  if (e.payload.action === 'strike') {
    entry.struck = amendment;
    return;
  }
  entry.correctedBy = amendment;
  const correction = {
    ...entry,
    seq: e.seq,
    recordedAt: e.recordedAt,
    author: e.author,
    late: false,
    payload: e.payload.replacement,
    corrects: target,
  } as EntryRecord;
  delete correction.correctedBy;
  delete correction.struck;
  insertByTime(state.entries, correction);
  if (correction.kind === 'vitals' || correction.kind === 'score')
    addAlerts(state, e.seq, correction.at, correction.payload.alerts);
  // A request for a clinician (F5) stays open when its entry is corrected; one added by the correction is raised.
  if (correction.kind === 'observation' && entry.kind === 'observation') {
    const asked = (tags: readonly string[]) => clinicianRequestAlert(tags, '') !== null;
    const flag = clinicianRequestAlert(correction.payload.tags, e.author);
    if (flag && !asked(entry.payload.tags)) addAlerts(state, e.seq, correction.at, [flag]);
  }
}

/** The alerts an observation's tags raise: the request for a clinician (F5), a monitor's SpO2 signal lost. */
function requestAlerts(tags: readonly string[] | undefined, by: string, text: string | undefined): AlertFlag[] {
  return [clinicianRequestAlert(tags ?? [], by), signalLostAlert(tags ?? [], text)].filter(
    (f): f is AlertFlag => f !== null,
  );
}

/** Moves every dose, mark, entry and alert recorded after `afterSeq` by `deltaMs`, keeping each list in time order. */
function retime(state: SessionState, afterSeq: number, deltaMs: number): void {
  if (!deltaMs) return;
  const move = <T extends { seq: number; at: number }>(list: T[]) => {
    for (const item of list) if (item.seq > afterSeq) item.at += deltaMs;
    list.sort((a, b) => a.at - b.at);
  };
  move(state.doses);
  move(state.marks);
  move(state.entries);
  move(state.care.orthostatic);
  move(state.integration.moments);
  for (const alert of state.alerts) if (alert.entrySeq > afterSeq) alert.at += deltaMs;
}

/** Keeps a list in clinical-time order; entries nearly always arrive in order, so this is usually a push. */
function insertByTime<T extends { at: number }>(list: T[], item: T): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.at > item.at) i--;
  list.splice(i, 0, item);
}
