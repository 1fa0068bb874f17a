import type { ConditionId } from './conditions';
import type { AgainstAdviceAction, AttestationAnswer, AttestationItem } from './attestations';
import type { ChecklistAnswer, ChecklistItemId } from './checklist';
import type { RemsAnswerField, RemsAnswers, RemsFieldId } from './rems-fields';
import type { EscortPresence } from './escort';

/** Who recorded something, and when (clinical time). */
/** A discharge condition as the gate saw it at a moment the record keeps (the patient leaving against advice). */
export interface ConditionSnapshot {
  id: ConditionId;
  label: string;
  met: boolean;
  evidence: string | null;
  missing: string | null;
}

export interface Signed {
  seq: number;
  by: string;
  at: number;
}
export interface DriverDetails {
  name: string;
  relationship?: string;
  phone: string;
}
export const OUTCOMES = ['discharged', 'left_against_advice', 'no_dose'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The discharge side of a session, folded from its events. The renderer folds it too. */
export interface DischargeState {
  checklist: Partial<Record<ChecklistItemId, Signed & { answer: ChecklistAnswer; reason?: string }>>;
  /** Entered ahead (at the checklist or any time): who will take the patient home. */
  driver: (Signed & DriverDetails) | null;
  /**
   * Confirmed by a staff member (`by`, at `at`): seen in person, or (`presence: 'waiting_reachable'`, where the preset's
   * escort rule allows it) reached by phone waiting nearby. Unset presence is in person.
   */
  driverConfirmed: (Signed & Required<DriverDetails> & { presence?: EscortPresence }) | null;
  attestations: Partial<Record<AttestationItem, Signed & { answer: AttestationAnswer; note?: string }>>;
  /** `reason`: why an answer differs from what the record shows, or changed after the end of monitoring. */
  rems: Partial<
    Record<RemsAnswerField, Signed & { value: NonNullable<RemsAnswers[RemsAnswerField]>; reason?: string }>
  >;
  /** Fields answered "not obtained": the latest answer to a field stands, a value or this. */
  remsNotObtained: Partial<Record<RemsFieldId, Signed & { reason: string }>>;
  discharged: (Signed & { padss: number | null; conditions: { label: string; evidence: string | null }[] }) | null;
  leftAgainstAdvice:
    | (Signed & {
        reason: string;
        actions: AgainstAdviceAction[];
        note?: string;
        gateAtDeparture?: ConditionSnapshot[];
      })
    | null;
  closed: (Signed & { outcome: Outcome; reason?: string }) | null;
}

export const emptyDischargeState = (): DischargeState => ({
  checklist: {},
  driver: null,
  driverConfirmed: null,
  attestations: {},
  rems: {},
  remsNotObtained: {},
  discharged: null,
  leftAgainstAdvice: null,
  closed: null,
});
