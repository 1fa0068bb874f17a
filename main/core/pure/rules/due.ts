import type { EntryRecord, SessionState } from '../session/fold';
import type { Timeline } from '../timeline/timeline';
import { presetRules } from '../discharge/rules';
import { routeOf } from '../timeline/routes';
import { alertEscalation, openAlerts } from './open-alerts';
import { clockText } from '../time-text';
import { VITAL_SIGNS, VITALS_FIELDS, type AlertSignal } from '../observations/vitals';

const MIN = 60_000;
/** A scheduled item may be met up to this long before its time. */
export const EARLY_WINDOW_MS = 5 * MIN;
/** ...and turns overdue this long after it. */
export const VITALS_GRACE_MS = 5 * MIN;
export const CHECK_IN_GRACE_MS = 1 * MIN;

export type DueStatus = 'upcoming' | 'due' | 'overdue' | 'done' | 'missed';
export interface DueItem {
  id: string;
  kind: 'vitals' | 'score' | 'check_in';
  label: string;
  dueAt: number;
  required: boolean;
  status: DueStatus;
  /** The entry that met it. */
  metBy?: number;
  /**
   * An urgent alert's re-check: the escalation line once the alert is still open 10 minutes after it was raised ("...:
   * call the prescriber; follow the emergency plan."), whatever the re-check's own status.
   */
  escalation?: string;
}

/** Entries that count: not struck, not replaced by a correction. */
export const live = (e: EntryRecord) => !e.struck && !e.correctedBy;
/** A scheduled vitals set is met by a reading that includes blood pressure. */
const hasBp = (e: EntryRecord): e is Extract<EntryRecord, { kind: 'vitals' }> =>
  e.kind === 'vitals' && e.payload.values.systolic !== undefined;

function statusAt(dueAt: number, now: number, grace: number): DueStatus {
  if (now < dueAt - EARLY_WINDOW_MS) return 'upcoming';
  return now <= dueAt + grace ? 'due' : 'overdue';
}

/**
 * What is due, quietly: the preset's vitals schedule (baseline before dosing, the preset's minutes after
 * the first dose with +40 required, then its cadence, and a pre-discharge set) and a check-in every N
 * minutes. Each is met by the matching entry; a later scheduled set met makes an earlier optional one
 * "missed" rather than overdue. A pure function of the session, the time and the clinic's time zone, in which its
 * labels write clock times (null: the machine's).
 */
export function dueItems(state: SessionState, timeline: Timeline, now: number, zone: string | null): DueItem[] {
  const clock = (t: number) => clockText(t, zone);
  const { preset } = state;
  // A dose given as devices (Spravato) is monitored from its last device (the label: "~40 min after", counted from the
  // last device, as the REMS form's "BP 40 minutes post-administration" reads it): one schedule that moves with each device.
  const devices = routeOf(preset).devices !== null;
  const firstDose = timeline.firstDoseAt;
  const scheduleFrom = devices ? timeline.lastDoseAt : firstDose;
  const after = (m: number) => (devices ? `Vitals ${m} min after the last device` : `Vitals at +${m} min`);
  const readings = state.entries.filter(live).filter(hasBp);

  const slots: DueItem[] = [
    {
      id: 'vitals-baseline',
      kind: 'vitals',
      label: 'Baseline vitals (before dosing)',
      dueAt: state.startedAt,
      required: true,
      status: 'due',
    },
  ];
  if (scheduleFrom !== null && timeline.earliestDischargeAt !== null) {
    const minutes = [...new Set(preset.vitals.atMin.filter((m) => m > 0))].sort((a, b) => a - b);
    const required = new Set(preset.vitals.requiredAtMin);
    const preDischargeAt = timeline.earliestDischargeAt - 10 * MIN;
    let last = 0;
    for (const m of minutes) {
      if (scheduleFrom + m * MIN >= preDischargeAt) break;
      slots.push({
        id: `vitals-${m}`,
        kind: 'vitals',
        label: after(m),
        dueAt: scheduleFrom + m * MIN,
        required: required.has(m),
        status: 'due',
      });
      last = m;
    }
    for (
      let m = last + preset.vitals.thenEveryMin;
      scheduleFrom + m * MIN < preDischargeAt - 5 * MIN;
      m += preset.vitals.thenEveryMin
    ) {
      slots.push({
        id: `vitals-${m}`,
        kind: 'vitals',
        label: after(m),
        dueAt: scheduleFrom + m * MIN,
        required: required.has(m),
        status: 'due',
      });
    }
    slots.push({
      id: 'vitals-pre-discharge',
      kind: 'vitals',
      label: 'Pre-discharge vitals',
      dueAt: preDischargeAt,
      required: true,
      status: 'due',
    });
  }

  // Each reading meets the latest open slot it can (the baseline only before the dose).
  const rules = presetRules(preset);
  for (const reading of readings) {
    const open = slots.filter(
      (s) =>
        s.metBy === undefined &&
        s.id !== 'vitals-pre-discharge' &&
        (s.id === 'vitals-baseline'
          ? firstDose === null || reading.at < firstDose
          : reading.at >= s.dueAt - EARLY_WINDOW_MS && (firstDose === null || reading.at >= firstDose)),
    );
    const slot = open.at(-1);
    if (slot) slot.metBy = reading.seq;
  }
  // The pre-discharge set is met as the discharge gate counts vitals: the latest reading after the last dose within the
  // evidence window of the earliest discharge, whichever other item it also met (an infusion end marked late moves that
  // time, and the set taken for it still counts).
  const preDischargeSlot = slots.find((s) => s.id === 'vitals-pre-discharge');
  const lastDose = state.doses.at(-1)?.at ?? null;
  if (preDischargeSlot && timeline.earliestDischargeAt !== null && lastDose !== null) {
    const from = Math.max(
      lastDose,
      Math.min(preDischargeSlot.dueAt - EARLY_WINDOW_MS, timeline.earliestDischargeAt - rules.evidenceWindowMin * MIN),
    );
    const reading = readings.filter((r) => r.at >= from).at(-1);
    if (reading) preDischargeSlot.metBy = reading.seq;
  }
  // A set taken after an optional one's time makes that one missed (the pre-discharge set by when it was taken).
  const takenAt = (s: DueItem) =>
    s.id === 'vitals-pre-discharge' ? (readings.find((r) => r.seq === s.metBy)?.at ?? s.dueAt) : s.dueAt;
  const lastMet = Math.max(-Infinity, ...slots.filter((s) => s.metBy !== undefined).map(takenAt));
  for (const s of slots) {
    if (s.metBy !== undefined) s.status = 'done';
    else if (s.id === 'vitals-baseline') s.status = firstDose === null ? 'due' : 'overdue';
    else if (!s.required && s.dueAt < lastMet) s.status = 'missed';
    else s.status = statusAt(s.dueAt, now, VITALS_GRACE_MS);
  }

  // Each booster brings its own blood pressure 40 minutes after it (a further device moves the schedule instead).
  for (const dose of state.doses.slice(1).filter((d) => !d.device)) {
    const dueAt = dose.at + 40 * MIN;
    const met = readings.find((r) => r.at >= dueAt - EARLY_WINDOW_MS && r.at >= dose.at);
    slots.push({
      id: `vitals-40-after-${dose.seq}`,
      kind: 'vitals',
      label: `Vitals 40 min after the booster at ${clock(dose.at)}`,
      dueAt,
      required: true,
      status: met ? 'done' : statusAt(dueAt, now, VITALS_GRACE_MS),
      ...(met ? { metBy: met.seq } : {}),
    });
  }

  // The pre-discharge set is what the discharge checks: it stays met only while it is recent (the preset's window).
  const preDischarge = slots.find((s) => s.id === 'vitals-pre-discharge');
  const metBy = preDischarge?.metBy === undefined ? undefined : readings.find((r) => r.seq === preDischarge.metBy);
  if (preDischarge && metBy && now - metBy.at > rules.evidenceWindowMin * MIN) {
    delete preDischarge.metBy;
    preDischarge.status = statusAt(preDischarge.dueAt, now, VITALS_GRACE_MS);
    preDischarge.label = `Pre-discharge vitals (the last set, at ${clock(metBy.at)}, is older than ${rules.evidenceWindowMin} min: measure again)`;
  }

  // A blood pressure past a warning threshold (high or low) is re-checked a few minutes later (preset setting, default 5).
  for (const reading of readings) {
    if (!reading.payload.alerts.some((a) => a.signal === 'bp' && a.level === 'warning')) continue;
    const dueAt = reading.at + rules.bpRecheckMin * MIN;
    const next = readings.find((r) => r.at > reading.at);
    const { systolic, diastolic } = reading.payload.values;
    slots.push({
      id: `bp-recheck-${reading.seq}`,
      kind: 'vitals',
      label: `BP re-check (BP ${systolic}/${diastolic} at ${clock(reading.at)})`,
      dueAt,
      required: true,
      status: next ? 'done' : now > dueAt ? 'overdue' : 'due',
      ...(next ? { metBy: next.seq } : {}),
    });
  }

  slots.push(...urgentRechecks(state, now, rules.urgentRecheckMin, clock));

  const items = slots;
  if (firstDose !== null) {
    const seen = state.entries.filter((e) => live(e) && e.at >= firstDose).map((e) => e.at);
    const lastCheck = Math.max(firstDose, ...seen.filter((t) => t <= now));
    const dueAt = lastCheck + preset.checkInEveryMin * MIN;
    items.push({
      id: 'check-in',
      kind: 'check_in',
      label: `Check-in (every ${preset.checkInEveryMin} min)`,
      dueAt,
      required: false,
      status: statusAt(dueAt, now, CHECK_IN_GRACE_MS),
    });
  }
  return items;
}

/** What re-checks an urgent alert's sign: a later reading with its values, or a later MOAA/S. */
const RECHECK_OF: Partial<
  Record<AlertSignal, { what: string; kind: DueItem['kind']; meets: (e: EntryRecord) => boolean }>
> = {
  moaas: { what: 'MOAA/S', kind: 'score', meets: (e) => e.kind === 'score' && e.payload.content.scale === 'moaas' },
  ...Object.fromEntries(
    [...new Set(VITALS_FIELDS.map((f) => VITAL_SIGNS[f].signal))].map((signal) => {
      const fields = VITALS_FIELDS.filter((f) => VITAL_SIGNS[f].signal === signal);
      const what = signal === 'bp' ? 'BP' : VITAL_SIGNS[fields[0]!].label.replace(/^(?!SpO2)./, (c) => c.toLowerCase());
      return [
        signal,
        {
          what,
          kind: 'vitals',
          meets: (e: EntryRecord) => e.kind === 'vitals' && fields.every((f) => e.payload.values[f] !== undefined),
        },
      ];
    }),
  ),
};

/**
 * Every urgent alert brings a re-check of its sign a few minutes after its reading (preset setting, default 3), met by
 * the next reading of that sign and overdue after its time; while the alert stays open 10 minutes after it was raised,
 * the item carries the escalation line. An urgent alert of a reading struck or corrected still open keeps its re-check.
 */
function urgentRechecks(state: SessionState, now: number, minutes: number, clock: (t: number) => string): DueItem[] {
  const open = new Set(openAlerts(state));
  const liveSeqs = new Set(state.entries.filter(live).map((e) => e.seq));
  const items: DueItem[] = [];
  for (const alert of state.alerts) {
    if (alert.level !== 'urgent' || !(liveSeqs.has(alert.entrySeq) || open.has(alert))) continue;
    const of = RECHECK_OF[alert.signal];
    if (!of) continue;
    const dueAt = alert.at + minutes * MIN;
    const next = state.entries.find((e) => live(e) && e.at > alert.at && of.meets(e));
    const escalation = open.has(alert) ? alertEscalation(alert, now) : null;
    items.push({
      id: `urgent-recheck-${alert.entrySeq}-${alert.signal}`,
      kind: of.kind,
      label: `Re-check ${of.what} (urgent: ${alert.message.replace(/\.$/, '')}, at ${clock(alert.at)})`,
      dueAt,
      required: true,
      status: next ? 'done' : now > dueAt ? 'overdue' : 'due',
      ...(next ? { metBy: next.seq } : {}),
      ...(escalation ? { escalation } : {}),
    });
  }
  return items;
}
