import { useMemo, useState, type FormEvent } from 'react';
import { remsForm, type RemsField, type RemsOptions } from '@core/pure/rules/rems';
import { remsRecord } from '@core/pure/rules/rems-record';
import {
  PATIENT_SEXES,
  REMS_ANSWER_FIELDS,
  type RemsAnswerField,
  type RemsAnswers,
  type RemsFieldId,
} from '@core/pure/discharge/rems-fields';
import type { StoredEvent } from '@core/session/events';
import type { SessionState } from '@core/pure/session/fold';
import { zonedClock } from '@core/pure/clinic-time';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { signedWhenAsked, useRoomStaff } from '../staff/room-staff';

const NOT_OBTAINED = 'not obtained';
/** Serious adverse events: "none", or what happened (typed beside it). */
const DESCRIBE = 'describe';
type Kind = 'yesNo' | 'text' | 'minutes' | 'date' | 'sex' | 'sae';
const KIND: Partial<Record<RemsAnswerField, Kind>> = {
  patientBirthDate: 'date',
  patientSex: 'sex',
  monitoringProvider: 'text',
  monitoringProviderPhone: 'text',
  monitoringProviderEmail: 'text',
  lot: 'text',
  readyToLeaveAfterMin: 'minutes',
  seriousAdverseEvents: 'sae',
};
const kindOf = (id: RemsFieldId): Kind => KIND[id as RemsAnswerField] ?? 'yesNo';
const isAnswerField = (id: RemsFieldId): id is RemsAnswerField =>
  (REMS_ANSWER_FIELDS as readonly string[]).includes(id);

/**
 * The SPRAVATO® REMS monitoring form: what the record fills is shown with its evidence; the rest is asked for here.
 * Where the record answers a question (sedation, dissociation, respiratory depression, enrolment, ready to leave), a
 * different answer asks for the note saying why, which the clinician signs. Once monitoring has ended the form is
 * fixed: a change asks why, and shows beside the value as an addendum. Any field still empty can be answered "not
 * obtained" with the reason.
 */
export function RemsPanel({
  state,
  events,
  author,
  endAt,
  options,
  onRecorded,
}: {
  state: SessionState;
  /** The session's event log: what the folded state does not keep (every attestation, when the patient was ready, the form as fixed). */
  events?: readonly StoredEvent[];
  author: string;
  endAt: number;
  options?: RemsOptions;
  onRecorded: (e: StoredEvent) => void;
}) {
  const form = useMemo(
    () => (events && options ? remsRecord(events, endAt, options) : null) ?? remsForm(state, endAt, options),
    // The form is read again when the record or the time changes.
    [events, state, endAt, options],
  );
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [details, setDetails] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const { signed } = useRoomStaff();
  const clock = (t: number) => zonedClock(t, form.timeZone);

  /** The answer as the form sends it, or undefined when the field is not being answered. */
  const valueOf = (f: RemsField): string | number | undefined => {
    const raw = (draft[f.id] ?? '').trim();
    if (raw === '' || raw === NOT_OBTAINED) return undefined;
    if (kindOf(f.id) === 'minutes') return /^\d+$/.test(raw) ? Number(raw) : raw;
    if (kindOf(f.id) === 'sae' && raw === DESCRIBE) return (details[f.id] ?? '').trim();
    return raw;
  };
  /** Why a reason is asked: the answer differs from the record, or the form is fixed and the field already has its value. */
  const reasonAsked = (f: RemsField): string | null => {
    const v = valueOf(f);
    if (v === undefined) return null;
    if (form.fixed && f.value !== null && f.missing === null)
      return `Why does "${f.label}" change after the end of monitoring?`;
    if (f.record && String(v) !== f.record.value)
      return `Why does "${f.label}" differ from the record (${f.record.shows})?`;
    return null;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const answers: Record<string, unknown> = {};
    const why: Record<string, string> = {};
    const notObtained: { field: RemsFieldId; reason: string }[] = [];
    for (const f of form.fields) {
      if (draft[f.id] === NOT_OBTAINED) {
        notObtained.push({ field: f.id, reason: reasons[f.id] ?? '' });
        continue;
      }
      const v = valueOf(f);
      if (v === undefined || !isAnswerField(f.id)) continue;
      answers[f.id] = v;
      // A reason left empty is not sent: the room then says why one is needed, in its own sentence.
      if (reasonAsked(f) && (reasons[f.id] ?? '').trim()) why[f.id] = reasons[f.id]!.trim();
    }
    const sent = { draft, reasons, details };
    const labelOf = (id: string) => form.fields.find((f) => f.id === id)?.label ?? id;
    try {
      // The form's clinical questions (sedation, dissociation, vital signs, ready to leave...) are a clinician's, signed; the
      // room says when a signature is needed, and the rest is recorded by whoever is recording.
      const recorded = await signedWhenAsked(
        signed,
        'Answers on the REMS monitoring form',
        (signature) =>
          call('answerRems', {
            sessionId: state.id,
            answers: {
              ...(answers as RemsAnswers),
              ...(Object.keys(why).length ? { reasons: why } : {}),
              ...(notObtained.length ? { notObtained } : {}),
            },
            author,
            ...(signature ?? {}),
          }),
        `You answer on the REMS form: ${Object.entries(answers)
          .map(([id, v]) => `${labelOf(id)} ${String(v)}${why[id] ? ` (why: ${why[id]})` : ''}`)
          .concat(notObtained.map((n) => `${labelOf(n.field)} not obtained (${n.reason})`))
          .join('; ')}.`,
      );
      // Cancelled: the answers stay as typed.
      if (!recorded) return;
      onRecorded(recorded);
      // Only what was sent is cleared: a field typed while the room was saving stays.
      const unsent = (now: Record<string, string>, was: Record<string, string>) =>
        Object.fromEntries(Object.entries(now).filter(([k, v]) => was[k] !== v));
      setDraft((now) => unsent(now, sent.draft));
      setReasons((now) => unsent(now, sent.reasons));
      setDetails((now) => unsent(now, sent.details));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const set = (id: string, value: string) => setDraft((now) => ({ ...now, [id]: value }));

  const input = (f: RemsField) => {
    const kind = kindOf(f.id);
    const value = draft[f.id] === NOT_OBTAINED ? '' : (draft[f.id] ?? '');
    // "Not obtained" is for a field with no value the record cannot fill: an answer is changed by answering again.
    const canNotObtain =
      !f.record &&
      f.source !== 'answer' &&
      (f.asked || f.value === null) &&
      !(form.fixed && f.value !== null && f.missing === null);
    const notObtainedOption = canNotObtain && <option value={NOT_OBTAINED}>not obtained</option>;
    const keep = <option value="">{f.value === null ? 'choose' : 'keep'}</option>;
    if (!f.asked) {
      return f.value === null || f.source === 'not_obtained'
        ? canNotObtain && (
            <select
              aria-label={`${f.label}: not obtained?`}
              value={draft[f.id] ?? ''}
              onChange={(e) => set(f.id, e.target.value)}
            >
              {keep}
              {notObtainedOption}
            </select>
          )
        : null;
    }
    if (kind === 'yesNo' || kind === 'sex' || kind === 'sae') {
      const options = kind === 'yesNo' ? ['yes', 'no'] : kind === 'sex' ? [...PATIENT_SEXES] : ['none', DESCRIBE];
      return (
        <select aria-label={f.label} value={draft[f.id] ?? ''} onChange={(e) => set(f.id, e.target.value)}>
          {keep}
          {options.map((o) => (
            <option key={o} value={o}>
              {o === DESCRIBE ? 'yes: describe' : o}
            </option>
          ))}
          {notObtainedOption}
        </select>
      );
    }
    return (
      <>
        <input
          aria-label={f.label}
          type={kind === 'date' ? 'date' : 'text'}
          value={value}
          // No browser-checked types: the room says what is wrong in its own sentence, never the browser's bubble.
          inputMode={
            kind === 'minutes'
              ? 'numeric'
              : f.id === 'monitoringProviderPhone'
                ? 'tel'
                : f.id === 'monitoringProviderEmail'
                  ? 'email'
                  : undefined
          }
          onChange={(e) => set(f.id, e.target.value)}
          size={kind === 'minutes' ? 4 : 14}
        />
        {canNotObtain && (
          <select
            aria-label={`${f.label}: not obtained?`}
            value={draft[f.id] === NOT_OBTAINED ? NOT_OBTAINED : ''}
            onChange={(e) => set(f.id, e.target.value)}
          >
            <option value="">answer</option>
            {notObtainedOption}
          </select>
        )}
      </>
    );
  };

  return (
    <form className="rems" aria-label="REMS monitoring form" onSubmit={submit}>
      <h3>
        SPRAVATO® REMS monitoring form {form.complete ? '(complete)' : `(${form.missing.length} missing)`}
        {form.fixed && ` · fixed at the end of monitoring, ${clock(form.endAt)}: a change is an addendum`}
      </h3>
      <table>
        <tbody>
          {form.fields.map((f) => {
            const asked = reasonAsked(f);
            return (
              <tr key={f.id} className={f.value === null || f.missing ? 'rems-missing' : ''}>
                <td>{f.label}</td>
                <td>
                  {f.value ?? <span className="warning">missing</span>}
                  {f.late && <span className="warning"> (recorded late)</span>}
                  {f.source === 'answer' && (
                    <span className="hint">
                      {' '}
                      · {f.by}
                      {f.reason ? `: ${f.reason}` : ''}
                    </span>
                  )}
                  {f.source === 'not_obtained' && (
                    <span className="hint">
                      {' '}
                      · {f.by}: {f.reason}
                    </span>
                  )}
                  {f.source === 'settings' && <span className="hint"> · from the clinic's settings</span>}
                  {f.source === 'record' && (
                    <span className="hint">
                      {' '}
                      · from the record
                      {f.evidence.length > 0 &&
                        `: ${f.evidence.map((x) => `${x.text}${x.late ? ' (late)' : ''}`).join('; ')}`}
                    </span>
                  )}
                  {f.basis && f.source === 'record' && <span className="hint"> · {f.basis}</span>}
                  {f.record && f.source !== 'record' && (
                    <span className="hint"> · the record shows {f.record.shows}</span>
                  )}
                  {f.afterEnd && (
                    <span className="hint">
                      {' '}
                      · answered after the end of monitoring ({f.afterEnd.by}, {clock(f.afterEnd.at)})
                    </span>
                  )}
                  {f.missing && f.value !== null && <span className="warning"> · {f.missing}</span>}
                  {f.addenda.map((a, i) => (
                    <span key={i} className="warning">
                      {' '}
                      · addendum {clock(a.at)}, {a.by}: {a.what}, now {a.value ?? 'no value'}: {a.reason}
                    </span>
                  ))}
                </td>
                <td>
                  {input(f)}
                  {kindOf(f.id) === 'sae' && draft[f.id] === DESCRIBE && (
                    <input
                      aria-label="What serious adverse event?"
                      value={details[f.id] ?? ''}
                      onChange={(e) => setDetails({ ...details, [f.id]: e.target.value })}
                      size={24}
                    />
                  )}
                  {draft[f.id] === NOT_OBTAINED && (
                    <input
                      aria-label={`Why was "${f.label}" not obtained?`}
                      value={reasons[f.id] ?? ''}
                      onChange={(e) => setReasons({ ...reasons, [f.id]: e.target.value })}
                      size={24}
                    />
                  )}
                  {asked && (
                    <input
                      aria-label={asked}
                      value={reasons[f.id] ?? ''}
                      onChange={(e) => setReasons({ ...reasons, [f.id]: e.target.value })}
                      size={24}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit" disabled={Object.values(draft).every((v) => v.trim() === '')}>
        Save the monitoring form
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
