import { alwaysCritical, inChecklistOrder, type ChecklistItemId } from './checklist';
import type { RouteId } from '../timeline/routes';

/** The renderer reads the same rules the room enforces. */

/** Discharge evidence counts when taken within this many minutes before the discharge (PACU practice: re-assessed every 30 min). */
export const EVIDENCE_WINDOW_MIN = 30;
/** A blood pressure over the warning threshold is re-checked after this many minutes (CLINICAL.md section 3). */
export const BP_RECHECK_MIN = 5;
/** Checklist items that must be "yes" before any dose, whatever the route (a preset may add more). */
export const DEFAULT_CRITICAL_CHECKLIST: readonly ChecklistItemId[] = inChecklistOrder(['consent', 'pregnancy']);
/** No preset may allow a discharge sooner than this after the last dose. */
export const CLINIC_DISCHARGE_FLOOR_MIN = 60;

interface RulesOfPreset {
  id: RouteId;
  evidenceWindowMin?: number;
  bpRecheckMin?: number;
  preDoseBpRequired?: boolean;
  criticalChecklist?: readonly ChecklistItemId[];
}

/** A preset's discharge and dosing rules, with the defaults filled for a session started before they existed. */
export function presetRules(p: RulesOfPreset) {
  const critical = new Set<ChecklistItemId>([...(p.criticalChecklist ?? DEFAULT_CRITICAL_CHECKLIST), ...alwaysCritical(p.id)]);
  return {
    evidenceWindowMin: p.evidenceWindowMin ?? EVIDENCE_WINDOW_MIN,
    bpRecheckMin: p.bpRecheckMin ?? BP_RECHECK_MIN,
    preDoseBpRequired: p.id === 'spravato' || (p.preDoseBpRequired ?? true),
    critical,
  };
}
