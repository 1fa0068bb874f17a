import { useState, type FormEvent } from 'react';
import { remsForm } from '../../../main/core/discharge/rems';
import type { RemsAnswers } from '../../../main/core/discharge/rems-fields';
import type { StoredEvent } from '../../../main/core/session/events';
import type { SessionState } from '../../../main/core/session/fold';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

const TEXT_FIELDS = new Set(['monitoringProvider', 'lot']);

/** The Spravato REMS monitoring form: what the record fills is shown; the rest is asked for here. */
export function RemsPanel({ state, author, endAt, onRecorded }: { state: SessionState; author: string; endAt: number; onRecorded: (e: StoredEvent) => void }) {
  const form = remsForm(state, endAt);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const answers: Record<string, string | number> = {};
    for (const [field, raw] of Object.entries(draft)) {
      if (raw.trim() === '') continue;
      answers[field] = field === 'readyToLeaveAfterMin' ? Number(raw) : raw;
    }
    try {
      onRecorded(await call('answerRems', { sessionId: state.id, answers: answers as RemsAnswers, author }));
      setDraft({});
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <form className="rems" aria-label="REMS monitoring form" onSubmit={submit}>
      <h3>Spravato REMS monitoring form {form.complete ? '(complete)' : `(${form.missing.length} missing)`}</h3>
      <table>
        <tbody>
          {form.fields.map((f) => (
            <tr key={f.id} className={f.value === null ? 'rems-missing' : ''}>
              <td>{f.label}</td>
              <td>
                {f.value ?? <span className="warning">missing</span>}
                {f.source === 'answer' && <span className="hint"> · {f.by}</span>}
                {f.source === 'record' && <span className="hint"> · from the record</span>}
              </td>
              <td>
                {f.asked &&
                  (TEXT_FIELDS.has(f.id) || f.id === 'readyToLeaveAfterMin' ? (
                    <input
                      aria-label={f.label}
                      value={draft[f.id] ?? ''}
                      inputMode={f.id === 'readyToLeaveAfterMin' ? 'numeric' : 'text'}
                      onChange={(e) => setDraft({ ...draft, [f.id]: e.target.value })}
                      size={f.id === 'readyToLeaveAfterMin' ? 4 : 12}
                    />
                  ) : (
                    <select aria-label={f.label} value={draft[f.id] ?? ''} onChange={(e) => setDraft({ ...draft, [f.id]: e.target.value })}>
                      <option value="">{f.value === null ? 'choose' : 'keep'}</option>
                      <option value="yes">yes</option>
                      <option value="no">no</option>
                    </select>
                  ))}
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
