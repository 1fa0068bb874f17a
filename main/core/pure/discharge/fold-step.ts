import type { StoredEvent } from '../../session/events';
import type { RemsAnswerField, RemsAnswers } from './rems-fields';
import type { DischargeState } from './state';

const DISCHARGE_KINDS = new Set<string>([
  'checklist_answer',
  'driver_details',
  'driver_confirmed',
  'attestation',
  'rems_answers',
  'discharged',
  'left_against_advice',
  'session_closed',
]);
export type DischargeEvent = Extract<
  StoredEvent,
  {
    kind:
      | 'checklist_answer'
      | 'driver_details'
      | 'driver_confirmed'
      | 'attestation'
      | 'rems_answers'
      | 'discharged'
      | 'left_against_advice'
      | 'session_closed';
  }
>;
export const isDischargeEvent = (e: StoredEvent): e is DischargeEvent => DISCHARGE_KINDS.has(e.kind);

/** The fold's step for the discharge's events: the latest answer to each question stands; the log keeps every one. */
export function applyDischargeEvent(d: DischargeState, e: DischargeEvent): void {
  const signed = { seq: e.seq, by: e.author, at: e.occurredAt };
  switch (e.kind) {
    case 'checklist_answer':
      d.checklist[e.payload.item] = {
        ...signed,
        answer: e.payload.answer,
        ...(e.payload.reason ? { reason: e.payload.reason } : {}),
      };
      break;
    case 'driver_details':
      d.driver = { ...signed, ...e.payload };
      break;
    case 'driver_confirmed':
      d.driverConfirmed = { ...signed, ...e.payload };
      break;
    case 'attestation':
      d.attestations[e.payload.item] = {
        ...signed,
        answer: e.payload.answer,
        ...(e.payload.note ? { note: e.payload.note } : {}),
      };
      break;
    case 'rems_answers':
      for (const [field, value] of Object.entries(e.payload.answers)) {
        if (field === 'notObtained' || field === 'reasons' || value === undefined) continue;
        const reason = e.payload.answers.reasons?.[field as RemsAnswerField];
        d.rems[field as RemsAnswerField] = {
          ...signed,
          value: value as NonNullable<RemsAnswers[RemsAnswerField]>,
          ...(reason ? { reason } : {}),
        };
        delete d.remsNotObtained[field as RemsAnswerField];
      }
      for (const { field, reason } of e.payload.answers.notObtained ?? []) {
        d.remsNotObtained[field] = { ...signed, reason };
        if (field in d.rems) delete d.rems[field as RemsAnswerField];
      }
      break;
    case 'discharged':
      d.discharged = { ...signed, ...e.payload };
      break;
    case 'left_against_advice':
      d.leftAgainstAdvice = { ...signed, ...e.payload };
      break;
    case 'session_closed':
      d.closed = { ...signed, outcome: e.payload.outcome, ...(e.payload.reason ? { reason: e.payload.reason } : {}) };
      break;
  }
}
