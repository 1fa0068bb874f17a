import { useState, type FormEvent } from 'react';
import type { StoredEvent } from '../../../main/core/session/events';
import type { SessionState } from '../../../main/core/pure/session/fold';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { clockText } from '../../../main/core/pure/time-text';

/**
 * The driver or escort. Ahead of time ("details"): name and phone, so the clinic can call them.
 * At discharge ("confirm"): name, relationship and phone, confirmed by the staff member who saw them in person.
 */
export function DriverForm({
  state,
  author,
  mode,
  onRecorded,
}: {
  state: SessionState;
  author: string;
  mode: 'details' | 'confirm';
  onRecorded: (e: StoredEvent) => void;
}) {
  const known = state.discharge.driverConfirmed ?? state.discharge.driver;
  const [name, setName] = useState(known?.name ?? '');
  const [relationship, setRelationship] = useState(known?.relationship ?? '');
  const [phone, setPhone] = useState(known?.phone ?? '');
  const [error, setError] = useState<string | null>(null);
  const confirmed = state.discharge.driverConfirmed;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const args = { sessionId: state.id, name, phone, author };
      onRecorded(
        mode === 'confirm'
          ? await call('confirmDriver', { ...args, relationship })
          : await call('recordDriver', { ...args, ...(relationship.trim() ? { relationship } : {}) }),
      );
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <form
      onSubmit={submit}
      className="driver-form"
      aria-label={mode === 'confirm' ? 'Driver present' : 'Driver details'}
    >
      <label>
        Driver's name
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Relationship
        <input value={relationship} onChange={(e) => setRelationship(e.target.value)} size={10} />
      </label>
      <label>
        Driver's phone
        <input value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" size={12} />
      </label>
      <button type="submit">
        {mode === 'confirm' ? `Confirm driver present in person (as ${author})` : 'Save driver details'}
      </button>
      {mode === 'confirm' && confirmed && (
        <p className="hint">
          Confirmed in person by {confirmed.by} at {clockText(confirmed.at)}.
        </p>
      )}
      <ErrorLine error={error} />
    </form>
  );
}
