import { useState, type FormEvent } from 'react';
import type { StoredEvent } from '@core/session/events';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

/** Before any dose: close the session with the reason none was given ("BP above 140/90: dose withheld"), so the room is free for the next. */
export function NoDoseClose({
  sessionId,
  author,
  onRecorded,
}: {
  sessionId: string;
  author: string;
  onRecorded: (e: StoredEvent) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Close without a dose
      </button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      (await call('closeSession', { sessionId, author, ...(reason.trim() ? { reason: reason.trim() } : {}) })).forEach(
        onRecorded,
      );
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form onSubmit={submit} aria-label="Close without a dose" className="no-dose-form">
      <label>
        Why no dose is given
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="BP above 140/90: dose withheld"
          autoFocus
        />
      </label>
      <button type="submit">Close session: no dose given</button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
