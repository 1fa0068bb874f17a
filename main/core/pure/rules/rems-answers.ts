import type { StoredEvent } from '../../session/events';
import { zonedDate } from '../clinic-time';
import { foldSession } from '../session/fold';
import type { GateOptions } from './gate';
import { contradictionSentence, remsForm, type RemsForm } from './rems';
import { remsRecord, withRemsContext } from './rems-record';
import {
  daysBetween,
  REMS_ANSWER_FIELDS,
  REMS_DERIVED_FIELDS,
  REMS_LABELS,
  usDate,
  type RemsAnswerField,
  type RemsAnswers,
  type RemsDerivedField,
  type RemsFieldId,
} from '../discharge/rems-fields';

/** The answers as a call carries them: the form's fields, the reasons for answers that differ, the fields not obtained. */
export type RemsAnswersArgs = RemsAnswers & {
  reasons?: Partial<Record<RemsAnswerField, string>>;
  notObtained?: { field: RemsFieldId; reason: string }[];
};

const isDerived = (id: string): id is RemsDerivedField => (REMS_DERIVED_FIELDS as readonly string[]).includes(id);

/** The form the answers are checked against: as filed (fixed at the end of monitoring), or as it stands before the dose. */
export function formForAnswers(events: readonly StoredEvent[], now: number, options: GateOptions): RemsForm {
  const state = foldSession(events)!;
  return remsRecord(events, now, options) ?? remsForm(state, now, withRemsContext(events, options));
}

/**
 * Why these answers cannot be taken, as the sentence the room says; null when they can. Answers never contradict the
 * record: an answer different from what the record shows (sedation after a MOAA/S below 5, say) needs its reason, the
 * clinician's signed note. "Not obtained" is for a field with no value, never one the record fills or one answered.
 * Once monitoring has ended the form is fixed: changing a field that has its value is an addendum, with its reason.
 */
export function remsAnswerProblem(
  events: readonly StoredEvent[],
  answers: RemsAnswersArgs,
  now: number,
  options: GateOptions,
): { code: string; message: string } | null {
  const form = formForAnswers(events, now, options);
  const field = (id: RemsFieldId) => form.fields.find((f) => f.id === id);
  const reasons = answers.reasons ?? {};
  const state = foldSession(events)!;

  for (const id of Object.keys(reasons) as RemsAnswerField[]) {
    if (answers[id] === undefined)
      return {
        code: 'rems_reason_alone',
        message: `A reason was given for "${REMS_LABELS[id]}" without an answer: answer it, or leave the reason out.`,
      };
  }
  for (const id of REMS_ANSWER_FIELDS) {
    const value = answers[id];
    if (value === undefined) continue;
    const f = field(id);
    const reason = reasons[id]?.trim();
    // The record's own answer, given after the end, changes nothing.
    const sameAsRecord = f?.source === 'record' && f.record !== undefined && String(value) === f.record.value;
    if (form.fixed && f && f.value !== null && f.missing === null && !reason && !sameAsRecord) {
      return {
        code: 'rems_fixed',
        message: `The form was fixed at the end of monitoring with "${REMS_LABELS[id]}" ${f.value === 'not obtained' ? 'not obtained' : `"${f.value}"`}: a change now is an addendum beside it. Say why it changes.`,
      };
    }
    if (isDerived(id) && f?.record && String(value) !== f.record.value && !reason)
      return { code: 'rems_contradicts_record', message: contradictionSentence(id, f.record) };
  }
  if (answers.patientBirthDate !== undefined) {
    const on = state.doses[0] ? zonedDate(state.doses[0].at, options.timeZone) : zonedDate(now, options.timeZone);
    const days = daysBetween(answers.patientBirthDate, on);
    if (!(days >= 0))
      return {
        code: 'rems_birth_date',
        message: `The date of birth ${usDate(answers.patientBirthDate)} is after the treatment date: check the year.`,
      };
    if (days > 125 * 366)
      return {
        code: 'rems_birth_date',
        message: `The date of birth ${usDate(answers.patientBirthDate)} is more than 125 years before the treatment: check the year.`,
      };
  }
  for (const { field: id } of answers.notObtained ?? []) {
    const f = field(id);
    const label = f?.label ?? id;
    if (f?.record)
      return {
        code: 'rems_from_record',
        message: `The record answers "${label}": it shows ${f.record.shows}. "Not obtained" is for a field the record cannot fill.`,
      };
    if (f && f.source !== null && f.source !== 'answer' && f.source !== 'not_obtained' && f.value !== null) {
      return {
        code: 'rems_from_record',
        message: `"${label}" is filled from the ${f.source === 'settings' ? "clinic's settings" : 'record'} (${f.value}): "not obtained" is for a field with no value.`,
      };
    }
  }
  return null;
}

export { isDerived as isRemsDerivedField };
