import { useState, type FormEvent } from 'react';
import {
  AGAINST_ADVICE_ACTION_LABELS,
  AGAINST_ADVICE_ACTIONS,
  AGAINST_ADVICE_NOTHING_DONE,
  type AgainstAdviceAction,
} from '@core/pure/discharge/attestations';
import type { StoredEvent } from '@core/session/events';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { useRoomStaff } from '../staff/room-staff';

/** Leaving against advice: its own explicit path, never a discharge. Reason, what was done, signed by the clinician who records it. */
export function AgainstAdviceForm({
  sessionId,
  onRecorded,
  onCancel,
}: {
  sessionId: string;
  onRecorded: (e: StoredEvent[]) => void;
  onCancel: () => void;
}) {
  const { signed } = useRoomStaff();
  const [reason, setReason] = useState('');
  const [actions, setActions] = useState<AgainstAdviceAction[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // What the form still needs is said before a clinician is asked to sign it.
    if (!reason.trim()) return setError('Enter the reason the patient is leaving.');
    if (actions.length === 0 && !note.trim()) return setError(AGAINST_ADVICE_NOTHING_DONE);
    try {
      const recorded = await signed(
        'Record the departure against advice',
        (signature) =>
          call('recordLeftAgainstAdvice', {
            sessionId,
            reason,
            actions,
            ...signature,
            ...(note.trim() ? { note } : {}),
          }),
        `You record that the patient left against medical advice${reason.trim() ? `: ${reason.trim()}` : ''}. This is not a discharge.`,
      );
      // Cancelled: the form keeps what was typed.
      if (recorded) onRecorded(recorded);
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
            <input
              type="checkbox"
              checked={actions.includes(a)}
              onChange={(e) => setActions(e.target.checked ? [...actions, a] : actions.filter((x) => x !== a))}
            />
            {AGAINST_ADVICE_ACTION_LABELS[a]}
          </label>
        ))}
      </fieldset>
      <label>
        Note
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="hint">A clinician signs it. This is recorded as leaving against advice, not as a discharge.</p>
      <button type="submit">Record departure against advice</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
