import { useState, type FormEvent } from 'react';
import type { RoomInfo } from '@core/contract/contract';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { PinInput } from './PinInput';

/** The computer's own time zone, as the browser knows it: the clinic's unless the admin says otherwise. */
const computerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';

/**
 * A fresh room's first screen: the admin PIN, the clinic's name and time zone, and its first clinician with their
 * personal PIN, who then records. "Set up later" opens the room as it is: sessions are recorded, but no dose is until
 * a clinician exists.
 */
export function FirstRunSetup({ onDone, onLater }: { onDone: (info: RoomInfo) => void; onLater: () => void }) {
  const [adminPin, setAdminPin] = useState('');
  const [adminPinAgain, setAdminPinAgain] = useState('');
  const [clinicName, setClinicName] = useState('');
  const [timeZone, setTimeZone] = useState(computerZone);
  const [clinicianName, setClinicianName] = useState('');
  const [clinicianPin, setClinicianPin] = useState('');
  const [clinicianPinAgain, setClinicianPinAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (adminPin !== adminPinAgain) return setError('The two admin PINs are not the same. Type the admin PIN twice.');
    setBusy(true);
    try {
      onDone(
        await call('completeSetup', { adminPin, clinicName, timeZone, clinicianName, clinicianPin, clinicianPinAgain }),
      );
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <main className="start setup">
      <h2>Set up this room</h2>
      <p className="hint">
        Once, on a new room: the admin PIN that opens Admin, the clinic, and its first clinician with a personal PIN.
        The clinician records from here and signs doses and discharges; an admin adds the rest of the staff under Admin,
        Staff.
      </p>
      <form onSubmit={submit} aria-label="Set up this room" className="form-grid">
        <label>
          Admin PIN (4 to 12 digits)
          <PinInput value={adminPin} onValue={setAdminPin} autoFocus />
        </label>
        <label>
          Admin PIN again
          <PinInput value={adminPinAgain} onValue={setAdminPinAgain} />
        </label>
        <label>
          Clinic name
          <input value={clinicName} onChange={(e) => setClinicName(e.target.value)} />
        </label>
        <label>
          Clinic time zone (IANA name)
          <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
        </label>
        <label>
          First clinician's name
          <input value={clinicianName} onChange={(e) => setClinicianName(e.target.value)} />
        </label>
        <label>
          Clinician's PIN (6 to 12 digits)
          <PinInput value={clinicianPin} onValue={setClinicianPin} />
        </label>
        <label>
          Clinician's PIN again
          <PinInput value={clinicianPinAgain} onValue={setClinicianPinAgain} />
        </label>
        <ErrorLine error={error} />
        <div className="row">
          <button type="submit" disabled={busy}>
            Finish setup
          </button>
          <button type="button" onClick={onLater}>
            Set up later
          </button>
        </div>
      </form>
    </main>
  );
}
