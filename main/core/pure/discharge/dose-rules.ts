import { live } from '../observations/due';
import type { SessionState } from '../session/fold';
import { CHECKLIST_LABELS, checklistOpenSentence, unansweredChecklist, type ChecklistItemId } from './checklist';
import { presetRules } from './rules';
import { clockText } from '../time-text';
import { openAlerts } from './open-alerts';

/** The room refuses with these sentences, and the dose form shows them beside a disabled button. */

export interface DoseRefusal {
  code: 'checklist_open' | 'checklist_critical' | 'pre_dose_bp_missing' | 'pre_dose_bp_review' | 'urgent_alert_open' | 'alert_open' | 'proceed_decision_needed';
  message: string;
}

/** Checklist items answered "no" or skipped that a clinician may decide to proceed despite, with their reasons. */
export function itemsNeedingDecision(state: SessionState): { item: ChecklistItemId; answer: 'no' | 'skipped'; reason?: string }[] {
  const { critical } = presetRules(state.preset);
  return Object.entries(state.discharge.checklist).flatMap(([item, a]) =>
    a && a.answer !== 'yes' && !critical.has(item as ChecklistItemId) ? [{ item: item as ChecklistItemId, answer: a.answer, ...(a.reason ? { reason: a.reason } : {}) }] : [],
  );
}

/**
 * An urgent alert not yet acknowledged (by a clinician, with what was done) holds every dose, boosters included.
 * A dose entered late is held only by alerts raised at or before its own time: what came after it cannot have stopped it.
 */
export function urgentAlertRefusal(state: SessionState, at = Infinity): DoseRefusal | null {
  const urgent = openAlerts(state).find((a) => a.level === 'urgent' && a.at <= at);
  return urgent
    ? { code: 'urgent_alert_open', message: `"${urgent.message.replace(/\.$/, '')}" is urgent and not acknowledged: a clinician acknowledges it, with what was done, before a dose is recorded.` }
    : null;
}

/** Why a booster cannot be recorded now, or null: every alert looked at first, an urgent one by a clinician. */
export function boosterRefusal(state: SessionState, at = Infinity): DoseRefusal | null {
  const urgent = urgentAlertRefusal(state, at);
  if (urgent) return urgent;
  const open = openAlerts(state).find((a) => a.at <= at);
  return open ? { code: 'alert_open', message: `"${open.message.replace(/\.$/, '')}" is not acknowledged: acknowledge it before recording a booster.` } : null;
}

/**
 * Why the first dose cannot be recorded now, or null (CLINICAL.md section 6). In order: the checklist answered;
 * every critical item "yes" (consent always, Spravato's REMS enrolment, the preset's own); a blood pressure taken
 * before the dose (Spravato always, other routes unless the clinic turned it off) and its alert reviewed by a clinician;
 * no urgent alert open; and any other "no" or skip carried by the signing clinician's decision to proceed (`proceedBy`).
 */
export function firstDoseRefusal(state: SessionState, proceedBy: string | undefined, at = Infinity): DoseRefusal | null {
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
  const bps = state.entries.filter((e) => e.kind === 'vitals' && live(e) && e.payload.values.systolic !== undefined);
  if (rules.preDoseBpRequired && !bps.some((e) => e.at <= at)) {
    return {
      code: 'pre_dose_bp_missing',
      message: bps.length
        ? `Take a blood pressure before the dose: the one recorded is after the dose's time (${clockText(at)}). Enter the reading taken before it with its time under "Taken at", or check the dose time.`
        : 'Take a blood pressure before the dose: none is recorded in this session yet.',
    };
  }
  // A reading corrected or struck (a typo) no longer holds the dose: its correction raises its own alert if it is still high.
  const unreviewed = openAlerts(state).find((a) => a.signal === 'pre_dose_bp');
  if (unreviewed) {
    return { code: 'pre_dose_bp_review', message: `${unreviewed.message.replace(': review before dosing.', '.')} A clinician reviews it and acknowledges the alert before the dose is recorded.` };
  }
  const urgent = urgentAlertRefusal(state, at);
  if (urgent) return urgent;

  const pending = itemsNeedingDecision(state);
  if (pending.length && !proceedBy?.trim()) {
    const list = pending.map((p) => `"${CHECKLIST_LABELS[p.item]}" (${p.answer}${p.reason ? `: ${p.reason}` : ''})`).join(', ');
    return { code: 'proceed_decision_needed', message: `Going ahead despite ${list} is the signing clinician's decision: tick "Go ahead despite these answers" and sign. The decision is recorded with the dose.` };
  }
  return null;
}
