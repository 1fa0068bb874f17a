import { dischargeGate } from '../core/pure/rules/gate';
import { DEFAULT_REMS_OPTIONS } from '../core/pure/rules/rems';
import { withRemsContext } from '../core/pure/rules/rems-record';
import { alertSummary } from '../core/pure/rules/open-alerts';
import { dueItems } from '../core/pure/rules/due';
import { foldSession, type SessionState } from '../core/pure/session/fold';
import type { StoredEvent } from '../core/session/events';
import { clockText, durationText } from '../core/pure/time-text';
import { computeTimeline, PHASE_LABELS } from '../core/pure/timeline/timeline';

export type PatientLabel = 'initials' | 'chart';

/** One room on the chair board: what the clinical lead needs from across the station. */
export interface RoomTile {
  room: string;
  /** False when the room's last report is older than the board's limit (2 minutes). */
  reporting: boolean;
  lastReportAt: number | null;
  session: SessionTile | null;
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
  discharge: { met: number; total: number; ready: boolean };
  music: string;
  /** The latest signed act: "Dr Kim (clinician) at 10:12: ordered the dose of 60 mg (IM injection)". */
  lastSignature: string | null;
  /** Who recorded last in the room, by the switches with their PIN: "Sam (sitter)". */
  recording: string | null;
}

/** The patient as the clinic chose to show it: the reference as recorded (chart ID), or its initials. */
export function patientText(ref: string, label: PatientLabel): string {
  if (label === 'chart') return ref;
  const words = ref.trim().split(/\s+/);
  if (words.length > 1 && words.every((w) => /^[A-Za-z]/.test(w)))
    return words
      .map((w) => w[0]!.toUpperCase())
      .join('')
      .slice(0, 3);
  const letters = /^[A-Za-z]{1,3}/.exec(ref.trim())?.[0];
  return letters ? letters.toUpperCase() : '—';
}

function musicText(state: SessionState): string {
  const last = [...state.music]
    .reverse()
    .find((m) => m.payload.action !== 'volume' && m.payload.action !== 'set_chosen');
  if (!last) return 'No music yet';
  const what = last.payload.title ?? last.payload.setName ?? 'music';
  switch (last.payload.action) {
    case 'pause':
      return `Paused: ${what}`;
    case 'quiet':
      return 'Quiet';
    case 'hold':
      return `Held: ${what}`;
    case 'track_failed':
      return `Track failed: ${what}`;
    default:
      return `Playing: ${what}`;
  }
}

/** The clinic sees each signed act's signer and role (the PIN never leaves the room). */
function lastSignature(events: readonly StoredEvent[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const signature = (e.payload as { signature?: { name: string; role: string; meaning: string } }).signature;
    if (signature) return `${signature.name} (${signature.role}) at ${clockText(e.recordedAt)}: ${signature.meaning}`;
  }
  return null;
}

function recordingText(events: readonly StoredEvent[]): string | null {
  const last = [...events].reverse().find((e) => e.kind === 'recorder_changed');
  return last?.kind === 'recorder_changed' ? `${last.payload.name} (${last.payload.role})` : null;
}

/**
 * The tile for a room's session, from its events through the room's own fold, timeline, due list and
 * discharge gate: the board computes nothing clinical of its own.
 */
export function sessionTile(events: readonly StoredEvent[], now: number, label: PatientLabel): SessionTile | null {
  const state = foldSession(events);
  if (!state) return null;
  const timeline = computeTimeline(state.preset, state.doses, state.marks, now);
  const due = dueItems(state, timeline, now)
    .filter((d): d is typeof d & { status: 'due' | 'overdue' } => d.status === 'due' || d.status === 'overdue')
    .map((d) => ({
      label: `${d.label} ${d.status === 'overdue' ? 'overdue since' : 'due at'} ${clockText(d.dueAt)}`,
      status: d.status,
    }));
  const alerts = alertSummary(state, now);
  // The REMS form's "ready to leave" is read from the event log, as the room reads it.
  const gate = dischargeGate(state, now, state.therapist, withRemsContext(events, DEFAULT_REMS_OPTIONS));
  return {
    sessionId: state.id,
    patient: patientText(state.patientRef, label),
    route: state.preset.label,
    dosed: timeline.dosed,
    elapsed: timeline.dosed ? `T+${durationText(timeline.elapsedMs / 1000)}` : 'Not dosed',
    phase: PHASE_LABELS[timeline.phase],
    next: timeline.next ? `${PHASE_LABELS[timeline.next.phase]} in ${durationText(timeline.next.inMs / 1000)}` : null,
    due,
    alerts: { urgent: alerts.urgent, warning: alerts.warning, escalation: alerts.escalation },
    discharge: { met: gate.conditions.filter((c) => c.met).length, total: gate.conditions.length, ready: gate.ready },
    music: musicText(state),
    lastSignature: lastSignature(events),
    recording: recordingText(events),
  };
}
