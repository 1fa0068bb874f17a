import { useState, type FormEvent } from 'react';
import { AGAINST_ADVICE_ACTION_LABELS, AGAINST_ADVICE_ACTIONS, type AgainstAdviceAction } from '../../../main/core/pure/discharge/attestations';
import type { StoredEvent } from '../../../main/core/session/events';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

/** Leaving against advice: its own explicit path, never a discharge. Reason, who records it, what was done. */
export function AgainstAdviceForm({ sessionId, author, onRecorded, onCancel }: { sessionId: string; author: string; onRecorded: (e: StoredEvent[]) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [actions, setActions] = useState<AgainstAdviceAction[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onRecorded(await call('recordLeftAgainstAdvice', { sessionId, reason, actions, author, ...(note.trim() ? { note } : {}) }));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="against-advice-form" aria-label="Leaving against advice" onSubmit={submit}>
      <h3>The patient is leaving against medical advice</h3>
      <label>
        Reason the patient is leaving
        <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </label>
      <fieldset>
        <legend>What was done</legend>
        {AGAINST_ADVICE_ACTIONS.map((a) => (
          <label key={a} className="check">
            <input type="checkbox" checked={actions.includes(a)} onChange={(e) => setActions(e.target.checked ? [...actions, a] : actions.filter((x) => x !== a))} />
            {AGAINST_ADVICE_ACTION_LABELS[a]}
          </label>
        ))}
      </fieldset>
      <label>
        Note
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="hint">Recorded by {author}. This is recorded as leaving against advice, not as a discharge.</p>
      <button type="submit">Record departure against advice</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
