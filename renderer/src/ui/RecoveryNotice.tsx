import { useEffect, useState, type FormEvent } from 'react';
import type { RecoveryView } from '@core/db/recovery-view';
import { call } from '../bridge/bridge';
import { ErrorLine } from './ErrorLine';

/**
 * When the room's records were found damaged at open: what happened, in the room's sentence, and (when there is
 * a backup the room shows read-only) the admin's one way to restore it, behind the admin PIN when one is set.
 */
export function RecoveryNotice({ served }: { served?: RecoveryView | undefined }) {
  const [recovery, setRecovery] = useState<RecoveryView | null>(served ?? null);
  const [pinSet, setPinSet] = useState(false);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    (served ? Promise.resolve(served) : call('getRecovery', {}))
      .then((view) => {
        setRecovery(view);
        if (view) return call('getAdminStatus', {}).then((s) => setPinSet(s.pinSet));
      })
      .catch(() => undefined);
  }, [served]);

  if (!recovery) return null;
  const restore = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const adminKey = pinSet ? (await call('unlockAdmin', { pin })).adminKey : undefined;
      setRecovery(await call('restoreBackup', adminKey ? { adminKey } : {}));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="recovery no-print" aria-label="Damaged records">
      <p role="alert" className="warning">
        {recovery.message}
      </p>
      {recovery.backup && !recovery.restored && (
        <form onSubmit={restore}>
          {pinSet && (
            <label>
              Admin PIN
              <input
                type="password"
                inputMode="numeric"
                autoComplete="off"
                value={pin}
                onChange={(e) => setPin(e.target.value)}
              />
            </label>
          )}
          <button type="submit" disabled={busy}>
            Restore the backup
          </button>
          <ErrorLine error={error} />
        </form>
      )}
    </section>
  );
}
