import { useState, type FormEvent } from 'react';
import { remsForm, type RemsOptions } from '@core/pure/rules/rems';
import type { RemsAnswers, RemsFieldId } from '@core/pure/discharge/rems-fields';
import type { StoredEvent } from '@core/session/events';
import type { SessionState } from '@core/pure/session/fold';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { signedWhenAsked, useRoomStaff } from '../staff/room-staff';

const TEXT_FIELDS = new Set(['monitoringProvider', 'lot']);
const NOT_OBTAINED = 'not obtained';

/**
 * The SPRAVATO® REMS monitoring form: what the record fills is shown with its evidence; the rest is asked for here.
 * Any field still empty, or asked, can be answered "not obtained" with the reason.
 */
export function RemsPanel({
  state,
  author,
  endAt,
  options,
  onRecorded,
}: {
  state: SessionState;
  author: string;
  endAt: number;
  options?: RemsOptions;
  onRecorded: (e: StoredEvent) => void;
}) {
  const form = remsForm(state, endAt, options);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const { signed } = useRoomStaff();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const answers: Record<string, unknown> = {};
    const notObtained: { field: RemsFieldId; reason: string }[] = [];
    for (const [field, raw] of Object.entries(draft)) {
      if (raw.trim() === '') continue;
      if (raw === NOT_OBTAINED) notObtained.push({ field: field as RemsFieldId, reason: reasons[field] ?? '' });
      else answers[field] = field === 'readyToLeaveAfterMin' ? Number(raw) : raw;
    }
    const sent = { draft, reasons };
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
            answers: { ...(answers as RemsAnswers), ...(notObtained.length ? { notObtained } : {}) },
            author,
            ...(signature ?? {}),
          }),
        `You answer on the REMS form: ${Object.entries(answers)
          .map(([id, v]) => `${labelOf(id)} ${String(v)}`)
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
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const set = (id: string, value: string) => setDraft((now) => ({ ...now, [id]: value }));

  return (
    <form className="rems" aria-label="REMS monitoring form" onSubmit={submit}>
      <h3>SPRAVATO® REMS monitoring form {form.complete ? '(complete)' : `(${form.missing.length} missing)`}</h3>
      <table>
        <tbody>
          {form.fields.map((f) => (
            <tr key={f.id} className={f.value === null ? 'rems-missing' : ''}>
              <td>{f.label}</td>
              <td>
                {f.value ?? <span className="warning">missing</span>}
                {f.late && <span className="warning"> (recorded late)</span>}
                {f.source === 'answer' && <span className="hint"> · {f.by}</span>}
                {f.source === 'not_obtained' && (
                  <span className="hint">
                    {' '}
                    · {f.by}: {f.reason}
                  </span>
                )}
                {f.source === 'record' && (
                  <span className="hint">
                    {' '}
                    · from the record
                    {f.evidence.length > 0 &&
                      `: ${f.evidence.map((x) => `${x.text}${x.late ? ' (late)' : ''}`).join('; ')}`}
                  </span>
                )}
              </td>
              <td>
                {f.asked &&
                  (TEXT_FIELDS.has(f.id) || f.id === 'readyToLeaveAfterMin') &&
                  draft[f.id] !== NOT_OBTAINED && (
                    <input
                      aria-label={f.label}
                      value={draft[f.id] ?? ''}
                      inputMode={f.id === 'readyToLeaveAfterMin' ? 'numeric' : 'text'}
                      onChange={(e) => set(f.id, e.target.value)}
                      size={f.id === 'readyToLeaveAfterMin' ? 4 : 12}
                    />
                  )}
                {(f.asked || f.value === null) && (
                  <select
                    aria-label={
                      TEXT_FIELDS.has(f.id) || f.id === 'readyToLeaveAfterMin' || !f.asked
                        ? `${f.label}: not obtained?`
                        : f.label
                    }
                    value={
                      draft[f.id] === NOT_OBTAINED || !(TEXT_FIELDS.has(f.id) || f.id === 'readyToLeaveAfterMin')
                        ? (draft[f.id] ?? '')
                        : ''
                    }
                    onChange={(e) => set(f.id, e.target.value)}
                  >
                    <option value="">{f.value === null ? 'choose' : 'keep'}</option>
                    {f.asked && !TEXT_FIELDS.has(f.id) && f.id !== 'readyToLeaveAfterMin' && (
                      <>
                        <option value="yes">yes</option>
                        <option value="no">no</option>
                      </>
                    )}
                    {/* "Not obtained" is for a question nobody answered: an answer is changed by answering again. */}
                    {f.source !== 'answer' && <option value={NOT_OBTAINED}>not obtained</option>}
                  </select>
                )}
                {draft[f.id] === NOT_OBTAINED && (
                  <input
                    aria-label={`Why was "${f.label}" not obtained?`}
                    value={reasons[f.id] ?? ''}
                    onChange={(e) => setReasons({ ...reasons, [f.id]: e.target.value })}
                    size={24}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" disabled={Object.values(draft).every((v) => v.trim() === '')}>
        Save the monitoring form
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
