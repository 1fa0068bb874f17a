import { useState, type FormEvent } from 'react';
import type { AdminStatus } from '@core/admin/view';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

/** First run: choose the admin PIN (twice). Afterwards: enter it. The room says how long to wait after wrong tries. */
export function PinGate({ status, onOpen }: { status: AdminStatus; onOpen: (adminKey: string) => void }) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstRun = !status.pinSet;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (firstRun && pin !== again) {
      setError('The two PINs are not the same. Enter the new PIN twice.');
      return;
    }
    setBusy(true);
    try {
      const { adminKey } = firstRun ? await call('setAdminPin', { pin }) : await call('unlockAdmin', { pin });
      onOpen(adminKey);
    } catch (err) {
      setError((err as Error).message);
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form-grid pin-gate"
      onSubmit={submit}
      aria-label={firstRun ? 'Set the admin PIN' : 'Enter the admin PIN'}
    >
      {firstRun ? (
        <p className="hint">
          No admin PIN is set on this room yet. Choose one of 4 to 12 digits: it opens the settings and the music sets.
          Therapists and sitters never need it during a session.
        </p>
      ) : (
        <p className="hint">The settings and the music sets are for the clinic admin.</p>
      )}
      <label>
        {firstRun ? 'New admin PIN' : 'Admin PIN'}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          autoFocus
        />
      </label>
      {firstRun && (
        <label>
          New admin PIN again
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        </label>
      )}
      <ErrorLine error={error} />
      <button type="submit" disabled={busy}>
        {firstRun ? 'Set PIN and open admin' : 'Open admin'}
      </button>
    </form>
  );
}
