import { useEffect, useRef, useState } from 'react';
import type { SyncState } from '@core/sync/view';
import type { ClinicConnectionView } from '@core/sync/view';
import { bridge, call, RoomCallError } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

/**
 * Admin: where the room sends its record (the clinic database), its name and login there, and the clinic's CA certificate
 * the room verifies the database with (its fingerprint shown once saved, to compare with what clinic-db printed); the
 * password is kept and never shown.
 */
export function ClinicAdmin({ adminKey, onLocked }: { adminKey: string; onLocked: () => void }) {
  const [view, setView] = useState<ClinicConnectionView | null>(null);
  const [address, setAddress] = useState('');
  const [room, setRoom] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [ca, setCa] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // The newest state the room pushed: an answer to a call can arrive after a push that is newer than it.
  const pushed = useRef<{ n: number; state: SyncState | null }>({ n: 0, state: null });

  const show = (v: ClinicConnectionView) => {
    setView(v);
    setAddress(v.address);
    setRoom(v.room);
    setLogin(v.login);
    setCa(v.ca);
  };
  const failed = (err: Error) => {
    if (err instanceof RoomCallError && err.code === 'admin_locked') onLocked();
    setError(err.message);
  };

  /** An answer, unless the room pushed a newer state while it was on its way. */
  const newest = (answer: ClinicConnectionView, before: number): ClinicConnectionView =>
    pushed.current.n !== before && pushed.current.state ? { ...answer, state: pushed.current.state } : answer;
  const load = () => {
    setError(null);
    const before = pushed.current.n;
    call('getClinicConnection', { adminKey })
      .then((answer) => show(newest(answer, before)))
      .catch(failed);
  };
  useEffect(() => {
    load();
    // The state follows the room's own sync pushes: no polling, so the admin area still locks when left alone.
    return bridge?.on('sync-state', (state) => {
      pushed.current = { n: pushed.current.n + 1, state };
      setView((v) => (v ? { ...v, state } : v));
    });
    // Loaded once per admin key: `load` reads only that key and the push count, kept in a ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [adminKey]);

  /** The CA certificate read from a file the admin picks (ca.crt), into the field, to save with the rest. */
  const readCaFile = (file: File | undefined) => {
    if (!file) return;
    if (file.size > 20_000) {
      setError("That file is too large to be the clinic's CA certificate: choose ca.crt from clinic-db's folder.");
      return;
    }
    file
      .text()
      .then((text) => {
        setCa(text);
        setError(null);
      })
      .catch(() => setError('The file could not be read. Choose it again, or paste the certificate.'));
  };

  const save = async () => {
    setSaved(false);
    try {
      const before = pushed.current.n;
      const answer = await call('setClinicConnection', {
        adminKey,
        address,
        room,
        login,
        ca,
        ...(password ? { password } : {}),
      });
      // The worker may have tried the new connection and pushed its state before this answer came back: keep the newer.
      show(newest(answer, before));
      setPassword('');
      setError(null);
      setSaved(true);
    } catch (err) {
      failed(err as Error);
    }
  };

  // The fields appear once the saved connection is read: typing into them earlier would be overwritten by it.
  if (!view) {
    return (
      <section className="admin-section" aria-label="Clinic database" aria-busy={!error}>
        <h3>Clinic database</h3>
        {error ? (
          <>
            <ErrorLine error={error} />
            <button type="button" onClick={load}>
              Read the saved connection again
            </button>
          </>
        ) : (
          <p className="hint">Reading the saved connection…</p>
        )}
      </section>
    );
  }
  return (
    <section className="admin-section" aria-label="Clinic database">
      <h3>Clinic database</h3>
      <p>
        The room sends every entry to the clinic&apos;s database when one is set here, and keeps recording whether or
        not it is reachable.
      </p>
      <label>
        Clinic database address
        <input
          type="text"
          value={address}
          placeholder="postgres://clinic-db:5432/clinic"
          onChange={(e) => setAddress(e.target.value)}
        />
      </label>
      <label>
        Room name at the clinic
        <input type="text" value={room} onChange={(e) => setRoom(e.target.value)} />
      </label>
      <label>
        Room login
        <input type="text" value={login} onChange={(e) => setLogin(e.target.value)} />
      </label>
      <label>
        Room password{view.passwordSaved ? ' (saved; type a new one to change it)' : ''}
        <input type="password" value={password} autoComplete="off" onChange={(e) => setPassword(e.target.value)} />
      </label>
      <label>
        Clinic CA certificate
        <textarea
          value={ca}
          rows={4}
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN CERTIFICATE----- (ca.crt, from the clinic's IT)"
          style={{ width: '100%', fontFamily: 'monospace', fontSize: '0.8rem' }}
          onChange={(e) => setCa(e.target.value)}
        />
      </label>
      <label>
        Read the CA certificate from a file
        <input type="file" accept=".crt,.pem,.cer" onChange={(e) => readCaFile(e.target.files?.[0])} />
      </label>
      <p className="hint">The room sends only over TLS, to the clinic database this certificate vouches for.</p>
      <button type="button" onClick={() => void save()}>
        Save clinic connection
      </button>
      {saved && <p role="status">Saved.</p>}
      {view.caFingerprint && (
        <p>
          CA certificate saved, SHA-256 fingerprint{' '}
          <code style={{ overflowWrap: 'anywhere' }}>{view.caFingerprint}</code>: compare it with the one clinic-db
          printed.
        </p>
      )}
      <ErrorLine error={error} />
      <p role="status" aria-label="Clinic connection state">
        {view.state.line || 'Not connected to a clinic database.'}
      </p>
    </section>
  );
}
