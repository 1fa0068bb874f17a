import { useState } from 'react';
import type { StoredEvent } from '@core/session/events';
import type { SessionState } from '@core/pure/session/fold';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

/** The intention set before the dose, in the patient's words: kept as text for the integration summary. */
export function IntentionField({
  state,
  author,
  onRecorded,
}: {
  state: SessionState;
  author: string;
  onRecorded: (e: StoredEvent) => void;
}) {
  const saved = state.integration.intention;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="intention"
      aria-label="Intention"
      onSubmit={async (e) => {
        e.preventDefault();
        if (busy) return;
        setBusy(true);
        try {
          onRecorded(await call('recordIntention', { sessionId: state.id, text, author }));
          setText('');
          setError(null);
        } catch (err) {
          setError((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      {saved && <p aria-label="Intention kept">Intention: &ldquo;{saved.text}&rdquo;</p>}
      <label>
        {saved ? 'Change the intention' : "The patient's intention, in their words"}
        <input value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Save the intention
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
