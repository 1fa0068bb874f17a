import { alwaysCritical, inChecklistOrder, type ChecklistItemId } from './checklist';
import { ROUTES, type RouteId } from '../timeline/routes';
import { DEFAULT_ESCORT_RULE, type EscortRule } from './escort';

/** The renderer reads the same rules the room enforces. */

/** Discharge evidence counts when taken within this many minutes before the discharge (PACU practice: re-assessed every 30 min). */
export const EVIDENCE_WINDOW_MIN = 30;
/** A blood pressure past a warning threshold (high or low) is re-checked after this many minutes (CLINICAL.md section 3). */
export const BP_RECHECK_MIN = 5;
/** Every urgent alert brings a re-check of its sign this many minutes after its reading (clinic convention). */
export const URGENT_RECHECK_MIN = 3;
/** An urgent alert still open this long after it was raised brings the escalation line (clinic convention). */
export const URGENT_ESCALATION_MIN = 10;
/** The pre-dose blood pressure counts when taken at most this many minutes before the dose (clinic convention). */
export const PRE_DOSE_BP_WITHIN_MIN = 60;
/** The boosters of a session together at most this percent of the planned dose (clinic convention: the planned dose). */
export const BOOSTER_CAP_PERCENT = 100;
/** A booster needs a MOAA/S of at least this, within the evidence window before it (clinic convention). */
export const BOOSTER_MIN_MOAAS = 4;
/** Checklist items that must be "yes" before any dose, whatever the route (a preset may add more). */
export const DEFAULT_CRITICAL_CHECKLIST: readonly ChecklistItemId[] = inChecklistOrder(['consent', 'pregnancy']);
export { CLINIC_DISCHARGE_FLOOR_MIN } from '../timeline/routes';

interface RulesOfPreset {
  id: RouteId;
  evidenceWindowMin?: number;
  bpRecheckMin?: number;
  urgentRecheckMin?: number;
  preDoseBpRequired?: boolean;
  preDoseBpWithinMin?: number;
  boosterCapPercent?: number;
  escortRule?: EscortRule;
  criticalChecklist?: readonly ChecklistItemId[];
  orthostaticCheck?: boolean;
}

/** A preset's discharge and dosing rules, with the defaults filled for a session started before they existed. */
export function presetRules(p: RulesOfPreset) {
  const critical = new Set<ChecklistItemId>([
    ...(p.criticalChecklist ?? DEFAULT_CRITICAL_CHECKLIST),
    ...alwaysCritical(p.id),
  ]);
  return {
    evidenceWindowMin: p.evidenceWindowMin ?? EVIDENCE_WINDOW_MIN,
    bpRecheckMin: p.bpRecheckMin ?? BP_RECHECK_MIN,
    urgentRecheckMin: p.urgentRecheckMin ?? URGENT_RECHECK_MIN,
    preDoseBpRequired: ROUTES[p.id].preDoseBpAlways || (p.preDoseBpRequired ?? true),
    preDoseBpWithinMin: p.preDoseBpWithinMin ?? PRE_DOSE_BP_WITHIN_MIN,
    boosterCapPercent: p.boosterCapPercent ?? BOOSTER_CAP_PERCENT,
    escortRule: p.escortRule ?? DEFAULT_ESCORT_RULE,
    critical,
    /** A session started before the orthostatic check existed is not held by it. */
    orthostaticCheck: p.orthostaticCheck ?? false,
  };
}
