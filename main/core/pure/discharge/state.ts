import type { AgainstAdviceAction, AttestationAnswer, AttestationItem } from './attestations';
import type { ChecklistAnswer, ChecklistItemId } from './checklist';
import type { RemsAnswerField, RemsAnswers, RemsFieldId } from './rems-fields';

/** Who recorded something, and when (clinical time). */
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
  /** Seen in person by a staff member: the staff member is `by`, the time `at`. */
  driverConfirmed: (Signed & Required<DriverDetails>) | null;
  attestations: Partial<Record<AttestationItem, Signed & { answer: AttestationAnswer; note?: string }>>;
  rems: Partial<Record<RemsAnswerField, Signed & { value: NonNullable<RemsAnswers[RemsAnswerField]> }>>;
  /** Fields answered "not obtained": the latest answer to a field stands, a value or this. */
  remsNotObtained: Partial<Record<RemsFieldId, Signed & { reason: string }>>;
  discharged: (Signed & { padss: number | null; conditions: { label: string; evidence: string | null }[] }) | null;
  leftAgainstAdvice: (Signed & { reason: string; actions: AgainstAdviceAction[]; note?: string }) | null;
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
