import type { RouteId } from '../timeline/routes';
import { AGAINST_ADVICE_ACTION_LABELS, ATTESTATION_RULES, ATTESTATION_ITEMS } from '../discharge/attestations';
import { checklistFor, CHECKLIST_LABELS } from '../discharge/checklist';
import { dischargeGate, type Condition } from '../rules/gate';
import { openAlerts } from '../rules/open-alerts';
import { computePadss, type Padss } from '../rules/padss';
import type { RemsForm } from '../rules/rems';
import { remsRecord, withRemsContext } from '../rules/rems-record';
import type { TreatmentSetting } from '../discharge/rems-fields';
import type { Outcome } from '../discharge/state';
import { describeEntry } from '../session/describe';
import { describeMusic } from '../music/playback-log';
import type { StoredEvent } from '../../session/events';
import { foldSession, type Amendment, type EntryRecord, type SessionState } from '../session/fold';
import { computeTimeline, type Timeline } from '../timeline/timeline';
import { systemTimeZone } from '../clinic-time';
import type { Settings } from '../../settings/schema';
import { careReport, type CareReport } from './care';

/**
 * The session report a clinic files, as data: one pure function of the event log, drawn by the report view,
 * printed to PDF and read by the exports. Times stay epoch milliseconds; the view formats them.
 */

const MIN = 60_000;
const MARK_LABELS = { peak_reached: 'Peak reached', returning: 'Returning', infusion_ended: 'Infusion ended' } as const;

export interface ReportLine {
  seq: number;
  at: number;
  /** Minutes since the first dose; null before it. */
  tPlusMs: number | null;
  author: string;
  /** The author's role on the staff list when it was written; null when the list did not name them. */
  role: string | null;
  text: string;
  late: boolean;
  recordedAt: number;
}
export interface ReportEntry extends ReportLine {
  kind: EntryRecord['kind'];
  /** "struck", "corrected" (replaced), "correction" (the replacement), or "" */
  status: 'struck' | 'corrected' | 'correction' | '';
  amendment: Amendment | null;
  entry: EntryRecord;
}

export interface SessionReport {
  sessionId: string;
  patientRef: string;
  presetLabel: string;
  routeId: RouteId;
  therapist: string;
  sitter: string;
  startedAt: number;
  /** When the session ended: discharge, departure, or the last event while open. */
  endAt: number;
  outcome: Outcome | 'open';
  state: SessionState;
  timeline: Timeline;
  doses: (ReportLine & {
    mg: number;
    booster: boolean;
    lot: string | null;
    route: string;
    device: { n: number; of: number } | null;
    decision: string | null;
  })[];
  /** Struck doses and marks: kept in the record (a struck dose keeps its amount, for the exports). */
  struckDoses: (ReportLine & {
    kind: 'dose' | 'mark';
    mg: number | null;
    booster: boolean;
    lot: string | null;
    amendment: Amendment;
  })[];
  marks: ReportLine[];
  entries: ReportEntry[];
  /**
   * Every alert raised, and what became of it: acknowledged (by whom, when), its reading struck or corrected since (the
   * amendment, which closes a warning as the room's own list does), or still open. The totals count the open ones as the gate does.
   */
  alerts: {
    at: number;
    level: string;
    message: string;
    acknowledged: { by: string; at: number } | null;
    readingAmended: { how: 'struck' | 'corrected'; by: string; at: number; reason: string } | null;
    open: boolean;
  }[];
  music: ReportLine[];
  checklist: { label: string; answer: string; reason: string | null; by: string | null; at: number | null }[];
  driver: { name: string; relationship: string | null; phone: string; enteredBy: string; at: number } | null;
  driverConfirmed: { name: string; relationship: string; phone: string; confirmedBy: string; at: number } | null;
  attestations: { label: string; answer: string; note: string | null; by: string; at: number }[];
  discharge: {
    at: number;
    clinician: string;
    clinicianRole: string | null;
    padss: number | null;
    conditions: { label: string; evidence: string | null }[];
  } | null;
  againstAdvice: {
    at: number;
    recordedBy: string;
    recordedByRole: string | null;
    reason: string;
    actions: string[];
    note: string | null;
  } | null;
  /** `reason`: why a session closed with no dose given. */
  closed: { at: number; by: string; reason: string | null } | null;
  /** Every signed act, in order: the printed name, role, date and time, and what the signature means (21 CFR 11.50). */
  signatures: { seq: number; at: number; name: string; role: string; meaning: string }[];
  /** Who recorded, shift by shift: each switch of the person recording, with their PIN. */
  recorders: { at: number; name: string; role: string }[];
  /** While the session is open: the gate as it stands now. */
  gate: Omit<Condition, 'line'>[] | null;
  padss: Padss;
  rems: RemsForm | null;
  /** The rescue check of the day, the orthostatic checks, the follow-up call. */
  care: CareReport;
  totals: {
    doseCount: number;
    totalMg: number;
    observations: number;
    vitals: number;
    scores: number;
    checkIns: number;
    amendments: number;
    alerts: number;
    alertsUnacknowledged: number;
    /** First dose to the end: the monitoring time. */
    monitoredMin: number | null;
    /** Last dose to the end. */
    sinceLastDoseMin: number | null;
    sessionMin: number;
  };
}

/** What the report takes from the room's settings: the clinic's time zone, the REMS end-of-monitoring BP window, the staff's roles. */
export interface ReportOptions {
  timeZone: string;
  remsEndBpWithinMin: number;
  staff: readonly { name: string; role: string }[];
  /** The clinic's dosing limit: the discharge BP ceiling when the patient's own pre-dose value is lower. */
  dosingLimit?: { systolic: number; diastolic: number };
  /** The healthcare setting the REMS form names (a session ended since keeps the one it ended with). */
  remsSetting?: TreatmentSetting;
}
export const reportOptions = (
  s: Pick<Settings, 'clinicTimeZone' | 'remsEndBpWithinMin' | 'staff' | 'thresholds'> &
    Partial<Pick<Settings, 'remsSetting'>>,
): ReportOptions => ({
  timeZone: s.clinicTimeZone,
  remsEndBpWithinMin: s.remsEndBpWithinMin,
  staff: s.staff,
  dosingLimit: s.thresholds.preDoseBp,
  ...(s.remsSetting ? { remsSetting: s.remsSetting } : {}),
});
const DEFAULT_OPTIONS: ReportOptions = { timeZone: systemTimeZone(), remsEndBpWithinMin: 15, staff: [] };

export function buildReport(
  events: readonly StoredEvent[],
  now: number,
  options: ReportOptions = DEFAULT_OPTIONS,
): SessionReport {
  const state = foldSession(events);
  if (!state) throw new Error('This record has no session start: it cannot be reported.');
  const d = state.discharge;
  // The alerts still open, as the room, the gate and the board count them (a warning whose reading was struck is closed).
  const open = new Set(openAlerts(state));
  const lastEventAt = events.reduce((max, e) => Math.max(max, e.occurredAt), state.startedAt);
  const endAt = d.discharged?.at ?? d.leftAgainstAdvice?.at ?? (d.closed ? d.closed.at : Math.max(lastEventAt, now));
  const timeline = computeTimeline(state.preset, state.doses, state.marks, endAt);
  const first = state.doses[0]?.at ?? null;
  const tPlus = (at: number) => (first !== null && at >= first ? at - first : null);
  const roles = new Map(events.map((e) => [e.seq, e.authorRole ?? null]));
  const roleOfSeq = (seq: number) => roles.get(seq) ?? null;
  const line = (
    e: { seq: number; at: number; author: string; late: boolean; recordedAt: number },
    text: string,
  ): ReportLine => ({
    seq: e.seq,
    at: e.at,
    tPlusMs: tPlus(e.at),
    author: e.author,
    role: roleOfSeq(e.seq),
    text,
    late: e.late,
    recordedAt: e.recordedAt,
  });

  const entries: ReportEntry[] = state.entries.map((e) => ({
    ...line(e, describeEntry(e)),
    kind: e.kind,
    status: e.struck ? 'struck' : e.correctedBy ? 'corrected' : e.corrects !== undefined ? 'correction' : '',
    amendment: e.struck ?? e.correctedBy ?? null,
    entry: e,
  }));

  // The player's log in the words the room shows (a phase move, a hold), never its codes.
  const music = events.flatMap((e) =>
    e.kind === 'music'
      ? [
          line(
            { seq: e.seq, at: e.occurredAt, author: e.author, late: false, recordedAt: e.recordedAt },
            describeMusic(e.payload),
          ),
        ]
      : [],
  );

  const struckDoses = state.struckDosesAndMarks.flatMap(({ seq, amendment }) => {
    const e = events.find((x) => x.seq === seq);
    if (!e || (e.kind !== 'dose' && e.kind !== 'mark')) return [];
    const what =
      e.kind === 'dose' ? `${e.payload.booster ? 'Booster' : 'Dose'} ${e.payload.mg} mg` : MARK_LABELS[e.payload.mark];
    const dose = e.kind === 'dose' ? e.payload : null;
    return [
      {
        ...line(
          { seq, at: e.occurredAt, author: e.author, late: false, recordedAt: e.recordedAt },
          `${what}, struck by ${amendment.by}: ${amendment.reason}`,
        ),
        kind: e.kind,
        mg: dose?.mg ?? null,
        booster: dose?.booster ?? false,
        lot: dose?.lot ?? null,
        amendment,
      },
    ];
  });

  const checklist = checklistFor(state.preset).map((item) => {
    const a = d.checklist[item];
    return {
      label: CHECKLIST_LABELS[item],
      answer: a?.answer ?? 'not answered',
      reason: a?.reason ?? null,
      by: a?.by ?? null,
      at: a?.at ?? null,
    };
  });

  const count = (kind: EntryRecord['kind']) =>
    state.entries.filter((e) => e.kind === kind && !e.struck && !e.correctedBy).length;
  const closedAt = d.discharged?.at ?? d.leftAgainstAdvice?.at ?? null;
  const gateOptions = {
    timeZone: options.timeZone,
    endBpWithinMin: options.remsEndBpWithinMin,
    ...(options.dosingLimit ? { dosingLimit: options.dosingLimit } : {}),
    ...(options.remsSetting ? { setting: options.remsSetting } : {}),
  };
  const outcome: SessionReport['outcome'] = d.discharged
    ? 'discharged'
    : d.leftAgainstAdvice
      ? 'left_against_advice'
      : d.closed?.outcome === 'no_dose'
        ? 'no_dose'
        : 'open';

  return {
    sessionId: state.id,
    patientRef: state.patientRef,
    presetLabel: state.preset.label,
    routeId: state.preset.id,
    therapist: state.therapist,
    sitter: state.sitter,
    startedAt: state.startedAt,
    endAt,
    outcome,
    state,
    timeline,
    doses: state.doses.map((x) => ({
      ...line(x, `${x.booster ? 'Booster' : 'Dose'} ${x.mg} mg`),
      mg: x.mg,
      booster: x.booster,
      lot: x.lot ?? null,
      route: state.preset.label,
      device: x.device ?? null,
      // Given despite checklist items answered "no" or skipped: who decided to proceed, and over what.
      decision: x.decision
        ? `given despite ${x.decision.items.map((i) => `${CHECKLIST_LABELS[i.item]} (${i.answer}${i.reason ? `: ${i.reason}` : ''})`).join(', ')}: ${x.decision.clinician} decided to proceed`
        : null,
    })),
    struckDoses,
    marks: state.marks.map((m) => line(m, MARK_LABELS[m.kind])),
    entries,
    alerts: state.alerts.map((a) => {
      const entry = state.entries.find((e) => e.seq === a.entrySeq);
      const amendment = entry?.struck
        ? { how: 'struck' as const, ...entry.struck }
        : entry?.correctedBy
          ? { how: 'corrected' as const, ...entry.correctedBy }
          : null;
      return {
        at: a.at,
        level: a.level,
        message: a.message,
        acknowledged: a.acknowledged ?? null,
        readingAmended: amendment
          ? { how: amendment.how, by: amendment.by, at: amendment.at, reason: amendment.reason }
          : null,
        open: open.has(a),
      };
    }),
    music,
    checklist,
    driver: d.driver
      ? {
          name: d.driver.name,
          relationship: d.driver.relationship ?? null,
          phone: d.driver.phone,
          enteredBy: d.driver.by,
          at: d.driver.at,
        }
      : null,
    driverConfirmed: d.driverConfirmed
      ? {
          name: d.driverConfirmed.name,
          relationship: d.driverConfirmed.relationship,
          phone: d.driverConfirmed.phone,
          confirmedBy: d.driverConfirmed.by,
          at: d.driverConfirmed.at,
        }
      : null,
    attestations: ATTESTATION_ITEMS.flatMap((item) => {
      const a = d.attestations[item];
      return a
        ? [{ label: ATTESTATION_RULES[item].label, answer: a.answer, note: a.note ?? null, by: a.by, at: a.at }]
        : [];
    }),
    discharge: d.discharged
      ? {
          at: d.discharged.at,
          clinician: d.discharged.by,
          clinicianRole: roleOfSeq(d.discharged.seq),
          padss: d.discharged.padss,
          conditions: d.discharged.conditions,
        }
      : null,
    againstAdvice: d.leftAgainstAdvice
      ? {
          at: d.leftAgainstAdvice.at,
          recordedBy: d.leftAgainstAdvice.by,
          recordedByRole: roleOfSeq(d.leftAgainstAdvice.seq),
          reason: d.leftAgainstAdvice.reason,
          actions: d.leftAgainstAdvice.actions.map((a) => AGAINST_ADVICE_ACTION_LABELS[a]),
          note: d.leftAgainstAdvice.note ?? null,
        }
      : null,
    closed: d.closed ? { at: d.closed.at, by: d.closed.by, reason: d.closed.reason ?? null } : null,
    signatures: events.flatMap((e) => {
      const signature = (e.payload as { signature?: { name: string; role: string; meaning: string } }).signature;
      return signature
        ? [{ seq: e.seq, at: e.recordedAt, name: signature.name, role: signature.role, meaning: signature.meaning }]
        : [];
    }),
    recorders: events.flatMap((e) =>
      e.kind === 'recorder_changed' ? [{ at: e.occurredAt, name: e.payload.name, role: e.payload.role }] : [],
    ),
    // An open session: the conditions now; one the patient left against advice: the conditions as they stood then.
    gate:
      outcome === 'left_against_advice'
        ? (d.leftAgainstAdvice?.gateAtDeparture ?? null)
        : outcome === 'open'
          ? dischargeGate(state, endAt, '', withRemsContext(events, gateOptions)).conditions.filter(
              (c) => c.id !== 'clinician',
            )
          : null,
    padss: computePadss(state, endAt),
    // Fixed at the end of monitoring; what came after is shown beside it as addenda.
    rems: remsRecord(events, endAt, gateOptions),
    care: careReport(state),
    totals: {
      doseCount: state.doses.length,
      totalMg: state.doses.reduce((sum, x) => sum + x.mg, 0),
      observations: count('observation'),
      vitals: count('vitals'),
      scores: count('score'),
      checkIns: count('check_in'),
      amendments: events.filter((e) => e.kind === 'amendment').length,
      alerts: state.alerts.length,
      alertsUnacknowledged: open.size,
      monitoredMin: first !== null ? Math.round(((closedAt ?? endAt) - first) / MIN) : null,
      sinceLastDoseMin:
        timeline.lastDoseAt !== null ? Math.round(((closedAt ?? endAt) - timeline.lastDoseAt) / MIN) : null,
      sessionMin: Math.round((endAt - state.startedAt) / MIN),
    },
  };
}
