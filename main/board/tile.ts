import { dischargeGate } from '../core/pure/rules/gate';
import { alertSummary, openAlerts } from '../core/pure/rules/open-alerts';
import { withRemsContext } from '../core/pure/rules/rems-record';
import { DEFAULT_REMS_OPTIONS } from '../core/pure/rules/rems';
import { dueItems } from '../core/pure/rules/due';
import { foldSession, type SessionState } from '../core/pure/session/fold';
import type { StoredEvent } from '../core/session/events';
import { clockText, durationText, untilText } from '../core/pure/time-text';
import { computeTimeline, PHASE_LABELS } from '../core/pure/timeline/timeline';
import { rescueDoneText } from '../core/pure/care/rescue';
import { followUpStatus, followUpWaiting } from '../core/pure/care/follow-up';

export type PatientLabel = 'initials' | 'chart';

/** One room on the chair board: what the clinical lead needs from across the station. */
export interface RoomTile {
  room: string;
  /** False when the room's last report is older than the board's limit (2 minutes). */
  reporting: boolean;
  lastReportAt: number | null;
  /** The room's hash chain as the board last checked it: null when intact, else its first broken link in a sentence. */
  chain: string | null;
  session: SessionTile | null;
  /** Today's rescue check, as the room's sessions carry it: "Done by Sam (sitter) at 07:52", or that it is not (yet) known. */
  rescueCheck: string;
  /** Discharged sessions whose next-day follow-up call is due or overdue and not yet recorded. */
  followUpsDue: number;
}

export interface SessionTile {
  sessionId: string;
  patient: string;
  route: string;
  dosed: boolean;
  /** "T+0:45:12", or "Not dosed". */
  elapsed: string;
  phase: string;
  /** "Peak in 4:10", or null when no phase follows. */
  next: string | null;
  /** Vitals and check-ins due now or overdue, in words. */
  due: { label: string; status: 'due' | 'overdue' }[];
  /** The room's open alerts as the room holds them (the same module), with the escalation line of one left open too long. */
  alerts: { urgent: number; warning: number; escalation: string | null };
  /** Each open alert, in the room's order (urgent first, then the newest): what it says and since when ("14:02"). */
  openAlerts: { level: 'urgent' | 'warning'; message: string; since: string }[];
  /** Null before the first dose: discharge readiness means nothing yet. */
  discharge: { met: number; total: number; ready: boolean } | null;
  /** The music log's last word, with its time: "Shoreline started at 14:02". What the log says, not that it still plays. */
  music: string;
  therapist: string;
  /** The time of the last entry in the room's record ("14:02"): a tile that stops moving shows it. */
  lastEntryAt: string;
  /** The latest signed act: "Dr Kim (clinician) at 10:12: ordered the dose of 60 mg (IM injection)". */
  lastSignature: string | null;
  /** Who recorded last in the room, by the switches with their PIN: "Sam (sitter)". */
  recording: string | null;
  /** Today's rescue check of the room: "Done by Sam (sitter) at 07:52", or "Not recorded today". */
  rescueCheck: string;
}

/**
 * The patient as the clinic chose to show it: the reference as recorded (chart ID), or, kept private, a name's initials
 * ("Jane Doe": "JD") and a chart ID's letters with its last four characters ("MRN-559210": "MRN …9210"), so two
 * patients in the clinic's numbering are still told apart.
 */
export function patientText(ref: string, label: PatientLabel): string {
  const trimmed = ref.trim();
  if (label === 'chart') return trimmed;
  const words = trimmed.split(/\s+/);
  if (words.length > 1 && words.every((w) => /^[A-Za-z][A-Za-z'.-]*$/.test(w)))
    return words
      .map((w) => w[0]!.toUpperCase())
      .join('')
      .slice(0, 3);
  const letters = /^[A-Za-z]{1,4}/.exec(trimmed)?.[0]?.toUpperCase() ?? '';
  const rest = trimmed.slice(letters.length).replace(/[^A-Za-z0-9]/g, '');
  if (!rest) return letters || '—';
  return `${letters ? `${letters} ` : ''}…${rest.slice(-4)}`;
}

/** What the music log last said and when: the board cannot hear the room, so it never claims the music is playing now. */
function musicText(state: SessionState, timeZone: string): string {
  const last = [...state.music]
    .reverse()
    .find((m) => m.payload.action !== 'volume' && m.payload.action !== 'set_chosen');
  if (!last) return 'Nothing in the music log';
  const what = last.payload.title ?? last.payload.setName ?? 'the music';
  const at = clockText(last.at, timeZone);
  switch (last.payload.action) {
    case 'pause':
      return `${what} paused at ${at}`;
    case 'quiet':
      return `Quieted at ${at}`;
    case 'hold':
      return `Held at ${at}: ${what}`;
    case 'track_failed':
      return `${what} failed at ${at}`;
    default:
      return `${what} started at ${at}`;
  }
}

/** The clinic sees each signed act's signer and role (the PIN never leaves the room). */
function lastSignature(events: readonly StoredEvent[], timeZone: string): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const signature = (e.payload as { signature?: { name: string; role: string; meaning: string } }).signature;
    if (signature)
      return `${signature.name} (${signature.role}) at ${clockText(e.recordedAt, timeZone)}: ${signature.meaning}`;
  }
  return null;
}

function recordingText(events: readonly StoredEvent[]): string | null {
  const last = [...events].reverse().find((e) => e.kind === 'recorder_changed');
  return last?.kind === 'recorder_changed' ? `${last.payload.name} (${last.payload.role})` : null;
}

/**
 * The tile for a room's session, from its events through the room's own fold, timeline, due list and
 * discharge gate: the board computes nothing clinical of its own. Clock times are written in `timeZone`, the clinic's.
 */
export function sessionTile(
  events: readonly StoredEvent[],
  now: number,
  label: PatientLabel,
  timeZone: string,
): SessionTile | null {
  const state = foldSession(events);
  if (!state) return null;
  const timeline = computeTimeline(state.preset, state.doses, state.marks, now);
  const due = dueItems(state, timeline, now, timeZone)
    .filter((d): d is typeof d & { status: 'due' | 'overdue' } => d.status === 'due' || d.status === 'overdue')
    .map((d) => ({
      label: `${d.label} ${d.status === 'overdue' ? 'overdue since' : 'due at'} ${clockText(d.dueAt, timeZone)}`,
      status: d.status,
    }));
  const alerts = alertSummary(state, now);
  const lastEntry = events.reduce((max, e) => Math.max(max, e.occurredAt), state.startedAt);
  // The REMS form's "ready to leave" is read from the event log, as the room reads it.
  const gate = dischargeGate(
    state,
    now,
    state.therapist,
    withRemsContext(events, { ...DEFAULT_REMS_OPTIONS, timeZone }),
  );
  return {
    sessionId: state.id,
    patient: patientText(state.patientRef, label),
    route: state.preset.label,
    dosed: timeline.dosed,
    elapsed: timeline.dosed ? `T+${durationText(timeline.elapsedMs / 1000)}` : 'Not dosed',
    phase: PHASE_LABELS[timeline.phase],
    next: timeline.next ? `${PHASE_LABELS[timeline.next.phase]} ${untilText(timeline.next.inMs)}` : null,
    due,
    alerts: { urgent: alerts.urgent, warning: alerts.warning, escalation: alerts.escalation },
    openAlerts: openAlerts(state).map((a) => ({
      level: a.level,
      // Followed by ", since 14:02" on the board: the sentence's own full stop would end it early.
      message: a.message.replace(/\.$/, ''),
      since: clockText(a.at, timeZone),
    })),
    discharge: timeline.dosed
      ? { met: gate.conditions.filter((c) => c.met).length, total: gate.conditions.length, ready: gate.ready }
      : null,
    music: musicText(state, timeZone),
    therapist: state.therapist,
    lastEntryAt: clockText(lastEntry, timeZone),
    lastSignature: lastSignature(events, timeZone),
    recording: recordingText(events),
    rescueCheck: rescueText(events, now, timeZone) ?? 'Not recorded today',
  };
}

/** The room's rescue check that holds now (its clinic day not over), among these events: "Done by Sam (sitter) at 07:52"; null when none. */
function rescueText(events: Iterable<StoredEvent>, now: number, timeZone: string | null): string | null {
  let found: { by: string; role: string; checkedAt: number } | null = null;
  for (const e of events) {
    if (
      e.kind === 'rescue_check' &&
      e.payload.checkedAt <= now &&
      now < e.payload.validUntil &&
      (!found || e.payload.checkedAt > found.checkedAt)
    )
      found = e.payload;
  }
  return found ? rescueDoneText(found, (t) => clockText(t, timeZone)) : null;
}

/**
 * What the board shows of a room's care beside its session, from every session of the room it holds: today's rescue check
 * (carried by the room's sessions: a room that has not started a session today has not reported it yet) and the number of
 * next-day follow-up calls due or overdue.
 */
export function roomCare(
  sessions: Iterable<readonly StoredEvent[]>,
  now: number,
  hasSession: boolean,
  timeZone: string | null,
): Pick<RoomTile, 'rescueCheck' | 'followUpsDue'> {
  let followUpsDue = 0;
  const all: StoredEvent[] = [];
  for (const events of sessions) {
    all.push(...events);
    const due = events.find((e) => e.kind === 'follow_up_due');
    if (
      due?.kind === 'follow_up_due' &&
      followUpWaiting(
        followUpStatus(
          due.payload,
          events.some((e) => e.kind === 'follow_up_call'),
          now,
        ),
      )
    )
      followUpsDue++;
  }
  const rescue = rescueText(all, now, timeZone);
  return { rescueCheck: rescue ?? (hasSession ? 'Not recorded today' : 'Not reported yet today'), followUpsDue };
}
