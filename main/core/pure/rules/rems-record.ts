import type { StoredEvent } from '../../session/events';
import { zonedDate } from '../clinic-time';
import { foldSession, isLate, type SessionState } from '../session/fold';
import { dischargeGate, type ConditionId, type GateOptions } from './gate';
import {
  remsApplies,
  remsForm,
  type RemsAddendum,
  type RemsContext,
  type RemsEvidence,
  type RemsField,
  type RemsFiling,
  type RemsForm,
  type RemsReadiness,
} from './rems';
import {
  addDays,
  daysBetween,
  REMS_FILING_DAYS,
  type RemsFieldId,
  type TreatmentSetting,
} from '../discharge/rems-fields';

/**
 * The REMS Patient Monitoring Form as the record holds it (CLINICAL.md section 9): what only the event log can say (when
 * the patient was first ready to leave, every dissociation attestation), the form fixed at the end of monitoring with
 * what came after as addenda, and its filing with the REMS within 7 days.
 */

/** The kinds that end monitoring: the discharge, the departure against advice, the close. */
const ENDS = new Set<string>(['discharged', 'left_against_advice', 'session_closed']);
/** Kinds that can change a discharge condition: the moments the gate is read at. */
const MOVES_THE_GATE = new Set<string>([
  'dose',
  'mark',
  'observation',
  'vitals',
  'score',
  'alert_ack',
  'amendment',
  'attestation',
  'driver_confirmed',
  'time_confirmed',
]);
/** Conditions that are not the patient's readiness: the time itself (the question is "without the 2-hour minimum"), the form, the signature. */
const NOT_READINESS = new Set<ConditionId>(['time_since_last_dose', 'rems_form', 'clinician']);

/** The event that ended monitoring (the discharge, the departure against advice, or the close), or null while it goes on. */
export function endOfMonitoring(state: SessionState): { seq: number; at: number } | null {
  const d = state.discharge;
  const end = d.discharged ?? d.leftAgainstAdvice ?? d.closed;
  return end ? { seq: end.seq, at: end.at } : null;
}

/**
 * The first moment every other discharge condition held (the gate read over the record, the time condition and the form
 * left out), with each condition's evidence then; null when they never all held. The gate changes only when an event
 * arrives (evidence only ever ages out of its window), so it is read at each event's time.
 */
export function readinessOf(
  events: readonly StoredEvent[],
  options: GateOptions,
  endAt = Infinity,
): RemsReadiness | null {
  const state = foldSession(events);
  const first = state?.doses[0];
  if (!state || !first) return null;
  const times = [
    ...new Set(
      events
        .filter((e) => MOVES_THE_GATE.has(e.kind) && e.occurredAt >= first.at && e.occurredAt <= endAt)
        .map((e) => e.occurredAt),
    ),
  ].sort((a, b) => a - b);
  for (const t of times) {
    // The record as it stood at t, as corrected since (a correction keeps the corrected entry's time).
    const then = foldSession(
      events.filter(
        (e) => e.kind === 'session_started' || e.kind === 'amendment' || (e.occurredAt <= t && !ENDS.has(e.kind)),
      ),
    );
    if (!then?.doses.length) continue;
    const others = dischargeGate(then, t, 'the discharging clinician', {
      ...options,
      withoutRemsForm: true,
    }).conditions.filter((c) => !NOT_READINESS.has(c.id));
    if (others.every((c) => c.met)) {
      // Each condition by the short part of its label ("Pre-discharge vitals"), with what the record showed.
      return {
        at: t,
        evidence: others.map((c) => ({
          text: `${c.label.split(':')[0]}: ${c.evidence ?? 'met'}`,
          at: t,
          by: '',
          late: false,
          recordedAt: t,
        })),
      };
    }
  }
  return null;
}

/** Every dissociation attestation of the session, oldest first (the fold keeps only the latest). */
function dissociationAttestations(events: readonly StoredEvent[]): RemsContext['dissociationAttestations'] {
  return events.flatMap((e) =>
    e.kind === 'attestation' && e.payload.item === 'dissociation'
      ? [
          {
            seq: e.seq,
            at: e.occurredAt,
            recordedAt: e.recordedAt,
            by: e.author,
            answer: e.payload.answer,
            late: isLate(e),
          },
        ]
      : [],
  );
}

const contexts = new WeakMap<readonly StoredEvent[], { key: string; context: RemsContext }>();
/**
 * The form's context from the event log. The room's screen asks every second: the answer is kept per log (a new event
 * makes a new log) and per options.
 */
export function remsContext(events: readonly StoredEvent[], options: GateOptions, endAt = Infinity): RemsContext {
  const key = JSON.stringify([options.timeZone, options.endBpWithinMin, options.dosingLimit ?? null, endAt]);
  const kept = contexts.get(events);
  if (kept && kept.key === key) return kept.context;
  const context = {
    readiness: readinessOf(events, options, endAt),
    dissociationAttestations: dissociationAttestations(events),
  };
  contexts.set(events, { key, context });
  return context;
}

/** The gate's options with the form's context, for a screen or handler that holds the event log. */
export const withRemsContext = <O extends GateOptions>(events: readonly StoredEvent[], options: O): O => ({
  ...options,
  context: remsContext(events, options),
});

/** The healthcare setting kept with the end of monitoring (a session ended before it was kept: none). */
function settingAtEnd(events: readonly StoredEvent[], endSeq: number): TreatmentSetting | null {
  const end = events.find((e) => e.seq === endSeq);
  const setting =
    end && (end.kind === 'discharged' || end.kind === 'left_against_advice') ? end.payload.remsSetting : undefined;
  return setting && setting.name.trim() ? { ...setting } : null;
}

function filingsOf(events: readonly StoredEvent[]): RemsFiling[] {
  return events.flatMap((e) =>
    e.kind === 'rems_filed'
      ? [{ seq: e.seq, filedOn: e.payload.filedOn, method: e.payload.method, by: e.author, at: e.recordedAt }]
      : [],
  );
}

const seqs = (f: RemsField | undefined) =>
  new Set((f?.evidence ?? []).flatMap((e) => (e.seq === undefined ? [] : [e.seq])));

/** Events after the end that touch a field: an answer to it, or a correction of an entry it was read from. */
function touching(
  later: readonly StoredEvent[],
  id: RemsFieldId,
  before: RemsField,
  after: RemsField | undefined,
): StoredEvent[] {
  const read = new Set([...seqs(before), ...seqs(after)]);
  return later.filter((e) =>
    e.kind === 'rems_answers'
      ? (e.payload.answers as Record<string, unknown>)[id] !== undefined ||
        (e.payload.answers.notObtained ?? []).some((n) => n.field === id)
      : e.kind === 'amendment' && (read.has(e.payload.targetSeq) || read.has(e.seq)),
  );
}

function addendum(e: StoredEvent, id: RemsFieldId, now: RemsField | undefined): RemsAddendum {
  const base = { at: e.recordedAt, by: e.author, role: e.authorRole ?? null, value: now?.value ?? null };
  if (e.kind === 'amendment') {
    return {
      ...base,
      what: e.payload.action === 'strike' ? 'struck an entry it was read from' : 'corrected an entry it was read from',
      reason: e.payload.reason,
    };
  }
  const answers = e.kind === 'rems_answers' ? e.payload.answers : null;
  const notObtained = answers?.notObtained?.find((n) => n.field === id);
  return {
    ...base,
    what: notObtained ? 'answered "not obtained"' : 'answered again',
    reason: (answers?.reasons as Record<string, string> | undefined)?.[id] ?? notObtained?.reason ?? '',
  };
}

/**
 * The form as it is filed. While monitoring goes on: the record as it stands, read at `now`. Once it has ended (the
 * discharge, the departure against advice, or the close), the form is fixed: read from the events up to the end, at the
 * end. A field empty then may still be answered (it is marked as answered after the end); a correction or a changed
 * answer written after the end is an addendum beside the value the form was fixed with, with who, when and why: the
 * printed form never changes silently. Null for a session the REMS form is not for.
 */
export function remsRecord(events: readonly StoredEvent[], now: number, options: GateOptions): RemsForm | null {
  const state = foldSession(events);
  if (!state || !remsApplies(state)) return null;
  const filings = filingsOf(events);
  const end = endOfMonitoring(state);
  const dated = (form: RemsForm, fixed: boolean): RemsForm => ({
    ...form,
    fixed,
    filings,
    dueDate: form.treatmentDate ? addDays(form.treatmentDate, REMS_FILING_DAYS) : null,
  });
  if (!end) return dated(remsForm(state, now, withRemsContext(events, options)), false);

  const upToEnd = events.filter((e) => e.seq <= end.seq);
  const atEnd = foldSession(upToEnd)!;
  const fixedOptions: GateOptions = {
    ...options,
    ...(settingAtEnd(events, end.seq) ? { setting: settingAtEnd(events, end.seq)! } : {}),
  };
  const fixed = remsForm(atEnd, end.at, { ...fixedOptions, context: remsContext(upToEnd, fixedOptions, end.at) });
  const later = events.filter((e) => e.seq > end.seq && (e.kind === 'amendment' || e.kind === 'rems_answers'));
  if (!later.length) return dated(fixed, true);

  const current = remsForm(state, end.at, { ...fixedOptions, context: remsContext(events, fixedOptions, end.at) });
  const fields = fixed.fields.map((before): RemsField => {
    const after = current.fields.find((f) => f.id === before.id);
    const touched = touching(later, before.id, before, after);
    // Empty at the end: answered since (the form was not complete yet), and marked as answered after the end.
    if (before.value === null || before.missing !== null) {
      if (!after) return before;
      const last = touched[touched.length - 1];
      return after.missing === null && last ? { ...after, afterEnd: { by: last.author, at: last.recordedAt } } : after;
    }
    // An answer to the field is an addendum; a correction is one where it changes what the field reads.
    const answered = touched.filter((e) => e.kind === 'rems_answers');
    const changed = Boolean(
      after && (after.value !== before.value || after.reason !== before.reason || after.source !== before.source),
    );
    const corrections = touched.filter((e) => e.kind === 'amendment');
    // Changed by a correction of something the field was not read from (say, a reading that moved the "ready to leave"): the corrections after the end explain it.
    const why = [
      ...answered,
      ...(changed && !answered.length
        ? corrections.length
          ? corrections
          : later.filter((e) => e.kind === 'amendment')
        : []),
    ].sort((a, b) => a.seq - b.seq);
    if (!why.length) return before;
    return { ...before, addenda: why.map((e) => addendum(e, before.id, after)) };
  });
  const missing = fields.flatMap((f) => (f.missing ? [f.missing] : []));
  return dated({ ...fixed, fields, missing, complete: missing.length === 0 }, true);
}

/** Where a session's REMS form stands for its filing: filed, complete (to file), or missing answers; and the days left. */
export interface RemsFilingStatus {
  sessionId: string;
  patientRef: string;
  /** "YYYY-MM-DD" in the clinic's zone. */
  treatmentDate: string;
  dueDate: string;
  /** Days from today (the clinic's) to the due date: 0 on the last day, negative once it has passed. */
  daysLeft: number;
  state: 'filed' | 'complete' | 'missing';
  missing: string[];
  /** Monitoring has ended (the form is fixed). */
  ended: boolean;
  filed: RemsFiling | null;
}

export function remsFilingStatus(
  sessionId: string,
  events: readonly StoredEvent[],
  now: number,
  options: GateOptions,
): RemsFilingStatus | null {
  const state = foldSession(events);
  const first = state?.doses[0];
  if (!state || !first || !remsApplies(state)) return null;
  const treatmentDate = zonedDate(first.at, options.timeZone);
  const dueDate = addDays(treatmentDate, REMS_FILING_DAYS);
  const filings = filingsOf(events);
  const filed = filings[filings.length - 1] ?? null;
  const base = {
    sessionId,
    patientRef: state.patientRef,
    treatmentDate,
    dueDate,
    daysLeft: daysBetween(zonedDate(now, options.timeZone), dueDate),
    filed,
  };
  // A form filed was complete and fixed when it was filed: its state needs no reading of the whole form.
  if (filed) return { ...base, state: 'filed', missing: [], ended: true };
  const form = remsRecord(events, now, options)!;
  return { ...base, state: form.complete ? 'complete' : 'missing', missing: form.missing, ended: form.fixed };
}

/** "3 days left", "due today", "1 day overdue". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft === 0) return 'due today';
  if (daysLeft > 0) return `${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left`;
  return `${-daysLeft} ${daysLeft === -1 ? 'day' : 'days'} overdue`;
}

export type { RemsEvidence };
