import type { SessionState } from '../session/fold';
import {
  CHECKLIST_LABELS,
  checklistOpenSentence,
  unansweredChecklist,
  type ChecklistItemId,
} from '../discharge/checklist';
import { presetRules } from '../discharge/rules';
import { clockText } from '../time-text';
import { openAlerts } from './open-alerts';
import { liveScores, liveVitals } from './evidence';
import { BOOSTER_MIN_MOAAS } from '../discharge/rules';

const MIN = 60_000;
const bpText = (e: { payload: { values: { systolic?: number; diastolic?: number } } }) =>
  `${e.payload.values.systolic}/${e.payload.values.diastolic}`;
const minutesBetween = (from: number, to: number) => Math.round((to - from) / MIN);

/**
 * The room refuses with these sentences, and the dose form shows them beside a disabled button. The times in them are
 * written in the zone each rule is given (`zone`: the clinic's, from the settings; null: the machine's).
 */

export interface DoseRefusal {
  code:
    | 'checklist_open'
    | 'checklist_critical'
    | 'baseline_bp_unrecorded'
    | 'pre_dose_bp_missing'
    | 'pre_dose_bp_stale'
    | 'pre_dose_bp_review'
    | 'urgent_alert_open'
    | 'alert_open'
    | 'proceed_decision_needed'
    | 'booster_over_cap'
    | 'booster_bp_needed'
    | 'booster_moaas_needed'
    | 'infusion_ended';
  message: string;
}

/** Checklist items answered "no" or skipped that a clinician may decide to proceed despite, with their reasons. */
export function itemsNeedingDecision(
  state: SessionState,
): { item: ChecklistItemId; answer: 'no' | 'skipped'; reason?: string }[] {
  const { critical } = presetRules(state.preset);
  return Object.entries(state.discharge.checklist).flatMap(([item, a]) =>
    a && a.answer !== 'yes' && !critical.has(item as ChecklistItemId)
      ? [{ item: item as ChecklistItemId, answer: a.answer, ...(a.reason ? { reason: a.reason } : {}) }]
      : [],
  );
}

/**
 * An urgent alert not yet acknowledged (by a clinician, with what was done) holds every dose, boosters included.
 * A dose entered late is held only by alerts raised at or before its own time: what came after it cannot have stopped it.
 */
export function urgentAlertRefusal(state: SessionState, at = Infinity): DoseRefusal | null {
  const urgent = openAlerts(state).find((a) => a.level === 'urgent' && a.at <= at);
  return urgent
    ? {
        code: 'urgent_alert_open',
        message: `"${urgent.message.replace(/\.$/, '')}" is urgent and not acknowledged: a clinician acknowledges it, with what was done, before a dose is recorded.`,
      }
    : null;
}

/**
 * Why a booster cannot be recorded now, or null. A booster is already the clinician's signed order; on top of it: every
 * alert looked at first (an urgent one by a clinician); the boosters of the session together within the preset's cap
 * against the plan (default: the planned dose), when `mg` is given; and the patient seen since the last dose, within the
 * evidence window before the booster: a blood pressure, and a MOAA/S of 4 or more as the latest score (clinic
 * convention). `at` is the booster's time; a screen that does not know it yet passes Infinity and the window is not checked.
 */
export function boosterRefusal(
  state: SessionState,
  at: number,
  mg: number | undefined,
  zone: string | null,
): DoseRefusal | null {
  const clock = (t: number) => clockText(t, zone);
  // An infusion whose end is marked is over: a further dose would run after the end the discharge wait counts from.
  const ended = state.marks.find((m) => m.kind === 'infusion_ended' && m.at <= at);
  if (ended)
    return {
      code: 'infusion_ended',
      message: `The infusion ended at ${clock(ended.at)}: no booster after its end. If it is still running, a clinician strikes "Infusion ended" first.`,
    };
  const urgent = urgentAlertRefusal(state, at);
  if (urgent) return urgent;
  const open = openAlerts(state).find((a) => a.at <= at);
  if (open)
    return {
      code: 'alert_open',
      message: `"${open.message.replace(/\.$/, '')}" is not acknowledged: acknowledge it before recording a booster.`,
    };

  const rules = presetRules(state.preset);
  if (mg !== undefined) {
    const cap = Math.round(state.plannedDoseMg * rules.boosterCapPercent) / 100;
    const given = state.doses.filter((d) => d.booster).reduce((sum, d) => sum + d.mg, 0);
    const capText = `${rules.boosterCapPercent}% of the planned ${state.plannedDoseMg} mg dose, the route preset's booster cap`;
    if (cap <= 0)
      return {
        code: 'booster_over_cap',
        message: `No booster is allowed on this route: its preset's booster cap is 0% of the planned dose.`,
      };
    if (given + mg > cap + 1e-9) {
      return {
        code: 'booster_over_cap',
        message:
          given > 0
            ? `A booster of ${mg} mg would bring the boosters to ${given + mg} mg, over the cap of ${cap} mg (${capText}): at most ${Math.max(0, cap - given)} mg more may be given. Check the amount.`
            : `A booster of ${mg} mg is over the cap of ${cap} mg (${capText}). Check the amount.`,
      };
    }
  }

  // Seen since the last dose before it, and recently: the window is the discharge's evidence window.
  const last = state.doses.filter((d) => d.at <= at).at(-1) ?? state.doses.at(-1);
  if (!last) return null;
  const window = rules.evidenceWindowMin;
  const from = Number.isFinite(at) ? Math.max(last.at, at - window * MIN) : last.at;
  const since = `since the last dose at ${clock(last.at)}`;
  const bps = liveVitals(state).filter((e) => e.payload.values.systolic !== undefined && e.at >= last.at && e.at <= at);
  const bp = bps.at(-1);
  if (!bp)
    return {
      code: 'booster_bp_needed',
      message: `Take a blood pressure before the booster: none is recorded ${since}.`,
    };
  if (bp.at < from) {
    return {
      code: 'booster_bp_needed',
      message: `Take a blood pressure before the booster: the latest (${bpText(bp)} at ${clock(bp.at)}) is ${minutesBetween(bp.at, at)} min old, and a booster needs one within ${window} min before it.`,
    };
  }
  const moaas = liveScores(state)
    .filter((e) => e.payload.content.scale === 'moaas' && e.at >= last.at && e.at <= at)
    .at(-1);
  const score = moaas && moaas.payload.content.scale === 'moaas' ? moaas.payload.content.score : null;
  if (!moaas || score === null)
    return {
      code: 'booster_moaas_needed',
      message: `Score MOAA/S before the booster: none is recorded ${since}, and a booster needs ${BOOSTER_MIN_MOAAS} or more within ${window} min before it.`,
    };
  if (moaas.at < from) {
    return {
      code: 'booster_moaas_needed',
      message: `Score MOAA/S again before the booster: the latest (${score} at ${clock(moaas.at)}) is ${minutesBetween(moaas.at, at)} min old, and a booster needs ${BOOSTER_MIN_MOAAS} or more within ${window} min before it.`,
    };
  }
  if (score < BOOSTER_MIN_MOAAS) {
    return {
      code: 'booster_moaas_needed',
      message: `The latest MOAA/S is ${score} (at ${clock(moaas.at)}): a booster needs ${BOOSTER_MIN_MOAAS} or more (responds to name in a normal tone). Wait, and score again.`,
    };
  }
  return null;
}

/**
 * Why the first dose cannot be recorded now, or null (CLINICAL.md section 6). In order: the checklist answered;
 * every critical item "yes" (consent always, Spravato's REMS enrolment, the preset's own); a blood pressure taken
 * before the dose (Spravato always, other routes unless the clinic turned it off) and its alert reviewed by a clinician;
 * no urgent alert open; and any other "no" or skip carried by the signing clinician's decision to proceed (`proceedBy`).
 */
export function firstDoseRefusal(
  state: SessionState,
  proceedBy: string | undefined,
  at: number,
  zone: string | null,
): DoseRefusal | null {
  const clock = (t: number) => clockText(t, zone);
  const open = unansweredChecklist(state.preset, state.discharge.checklist);
  if (open.length) return { code: 'checklist_open', message: checklistOpenSentence(open) };

  const rules = presetRules(state.preset);
  for (const item of rules.critical) {
    const a = state.discharge.checklist[item];
    if (a && a.answer !== 'yes') {
      return {
        code: 'checklist_critical',
        message: `"${CHECKLIST_LABELS[item]}" is answered "${a.answer}"${a.reason ? ` (${a.reason})` : ''}: the dose cannot be given without it. Answer "yes" once it is in place, or close the session without a dose.`,
      };
    }
  }

  // Before the dose's own time: a dose entered late counts only a BP taken before it (entered with its time under "Taken at").
  const bps = liveVitals(state).filter((e) => e.payload.values.systolic !== undefined);
  if (rules.preDoseBpRequired) {
    const before = bps.filter((e) => e.at <= at);
    if (!before.length) {
      return {
        code: 'pre_dose_bp_missing',
        message: bps.length
          ? `Take a blood pressure before the dose: the one recorded is after the dose's time (${clock(at)}). Enter the reading taken before it with its time under "Taken at", or check the dose time.`
          : 'Take a blood pressure before the dose: none is recorded in this session yet.',
      };
    }
    // The latest before the dose speaks for it: taken in this session (not before it started, unless the dose itself is
    // an earlier late entry) and within the preset's minutes of the dose.
    const latest = before.at(-1)!;
    const windowMin = rules.preDoseBpWithinMin;
    if (at >= state.startedAt && latest.at < state.startedAt) {
      return {
        code: 'pre_dose_bp_stale',
        message: `The blood pressure on record (${bpText(latest)}, taken at ${clock(latest.at)}) is from before this session started (${clock(state.startedAt)}): take the pre-dose blood pressure now, within ${windowMin} min of the dose.`,
      };
    }
    if (Number.isFinite(at) && latest.at < at - windowMin * MIN) {
      return {
        code: 'pre_dose_bp_stale',
        message: `The latest blood pressure (${bpText(latest)} at ${clock(latest.at)}) was taken ${minutesBetween(latest.at, at)} min before the dose: the pre-dose blood pressure counts within ${windowMin} min of the dose. Take it again.`,
      };
    }
  }
  // "Baseline blood pressure within limits: yes" is checked against the record at the dose, where the clinic does not
  // require a pre-dose reading: a "yes" with no blood pressure on record before the dose is an answer nothing shows.
  if (state.discharge.checklist.baseline_bp?.answer === 'yes' && !bps.some((e) => e.at <= at)) {
    return {
      code: 'baseline_bp_unrecorded',
      message: `The checklist answers "${CHECKLIST_LABELS.baseline_bp}: yes", but no blood pressure is recorded before the dose: record the baseline reading first, or answer "no" and say why.`,
    };
  }
  // A reading corrected or struck (a typo) no longer holds the dose: its correction raises its own alert if it is still high.
  const unreviewed = openAlerts(state).find((a) => a.signal === 'pre_dose_bp');
  if (unreviewed) {
    return {
      code: 'pre_dose_bp_review',
      message: `${unreviewed.message.replace(': review before dosing.', '.')} A clinician reviews it and acknowledges the alert before the dose is recorded.`,
    };
  }
  const urgent = urgentAlertRefusal(state, at);
  if (urgent) return urgent;

  const pending = itemsNeedingDecision(state);
  if (pending.length && !proceedBy?.trim()) {
    const list = pending
      .map((p) => `"${CHECKLIST_LABELS[p.item]}" (${p.answer}${p.reason ? `: ${p.reason}` : ''})`)
      .join(', ');
    return {
      code: 'proceed_decision_needed',
      message: `Going ahead despite ${list} is the signing clinician's decision: tick "Go ahead despite these answers" and sign. The decision is recorded with the dose.`,
    };
  }
  return null;
}

/**
 * "Baseline blood pressure within limits: yes" is an answer the record can check: refused when the latest blood pressure
 * taken before the dose is at or above the clinic's dosing limit (its thresholds' pre-dose BP), unless a clinician reviewed
 * that reading. "No" or a skip, with why, stays the person's to give. Null when the record does not contradict it.
 */
export function baselineBpYesRefusal(
  state: SessionState,
  limit: { systolic: number; diastolic: number },
  zone: string | null,
): string | null {
  const firstDose = state.doses[0]?.at ?? Infinity;
  const latest = liveVitals(state)
    .filter((e) => e.at < firstDose && e.payload.values.systolic !== undefined)
    .at(-1);
  if (!latest) return null;
  const { systolic = 0, diastolic = 0 } = latest.payload.values;
  if (systolic < limit.systolic && diastolic < limit.diastolic) return null;
  // A clinician who reviewed the reading (acknowledged its pre-dose alert) judged it within this patient's limits.
  const reviewed = state.alerts.some((a) => a.entrySeq === latest.seq && a.signal === 'pre_dose_bp' && a.acknowledged);
  if (reviewed) return null;
  return `The blood pressure on record, ${bpText(latest)} at ${clockText(latest.at, zone)}, is at or above the ${limit.systolic}/${limit.diastolic} limit: answer "no" and say why, take it again after rest, or a clinician reviews it (acknowledges its alert) first.`;
}
