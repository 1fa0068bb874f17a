import { useState, type FormEvent } from 'react';
import type { StoredEvent } from '@core/session/events';
import type { SessionState } from '@core/pure/session/fold';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { presetRules } from '@core/pure/discharge/rules';
import type { EscortPresence } from '@core/pure/discharge/escort';
import { useClock } from '../ui/clock';

/**
 * The driver or escort. Ahead of time ("details"): name and phone, so the clinic can call them.
 * At discharge ("confirm"): name, relationship and phone, confirmed by the staff member who saw them in person, or, where
 * the clinic's escort rule lets the escort wait nearby, reached by phone while staff walk the patient to the car.
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
  const mayWait = presetRules(state.preset).escortRule === 'waiting_reachable';
  const [presence, setPresence] = useState<EscortPresence>('in_person');
  const clock = useClock();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const args = { sessionId: state.id, name, phone, author };
      onRecorded(
        mode === 'confirm'
          ? await call('confirmDriver', { ...args, relationship, ...(mayWait ? { presence } : {}) })
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
      {mode === 'confirm' && mayWait && (
        <fieldset className="escort-presence">
          <legend>How the escort was confirmed</legend>
          <label className="check">
            <input
              type="radio"
              name="escort-presence"
              checked={presence === 'in_person'}
              onChange={() => setPresence('in_person')}
            />
            Seen in person
          </label>
          <label className="check">
            <input
              type="radio"
              name="escort-presence"
              checked={presence === 'waiting_reachable'}
              onChange={() => setPresence('waiting_reachable')}
            />
            Waiting nearby, reached by phone; staff walk the patient to the car
          </label>
        </fieldset>
      )}
      <button type="submit">
        {mode !== 'confirm'
          ? 'Save driver details'
          : presence === 'waiting_reachable' && mayWait
            ? `Confirm driver waiting nearby (as ${author})`
            : `Confirm driver present in person (as ${author})`}
      </button>
      {mode === 'confirm' && confirmed && (
        <p className="hint">
          {confirmed.presence === 'waiting_reachable'
            ? 'Confirmed waiting nearby, reached by phone,'
            : 'Confirmed in person'}{' '}
          by {confirmed.by} at {clock(confirmed.at)}.
        </p>
      )}
      <ErrorLine error={error} />
    </form>
  );
}
