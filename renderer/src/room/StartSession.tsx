import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Settings } from '@core/settings/schema';
import { ROUTE_IDS, ROUTES, type RouteId } from '@core/pure/timeline/routes';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { useRoomStaff } from '../staff/room-staff';
import { RecorderLine } from '../staff/RecorderLine';
import { RescueCheckPanel, useRescueCheck } from '../care/RescueCheck';
import { LastSession } from '../integration/LastSession';

/**
 * Start a session: patient reference, route, planned dose, therapist, sitter. With a staff list, the therapist and the
 * sitter are chosen from the people on it (the record names who they are and their role); without one, typed.
 */
export function StartSession({ settings, onStarted }: { settings: Settings; onStarted: () => void }) {
  const { staff } = useRoomStaff();
  const [patientRef, setPatientRef] = useState('');
  const [presetId, setPresetId] = useState<RouteId>(settings.defaultPresetId);
  const [dose, setDose] = useState('');
  // A route given in devices (Spravato: 28 mg each) is planned as a number of devices: 28, 56 or 84 mg.
  const devices = ROUTES[presetId].devices;
  const onList = staff.length > 0;
  const people = staff.filter((s) => s.role !== 'admin');
  const leading = people.filter((s) => s.role === 'therapist' || s.role === 'clinician');
  const therapists = leading.length ? leading : people;
  const sitters = people.filter((s) => s.role === 'sitter');
  const [therapist, setTherapist] = useState(therapists[0]?.name ?? '');
  const [sitter, setSitter] = useState(sitters[0]?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rescue = useRescueCheck();
  // The patient reference takes the keys from the frame after the form is first drawn: focused while the first screen
  // was being committed (autoFocus), it held that screen back longer than the rest of its rendering took.
  const patientField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (document.activeElement === document.body) patientField.current?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const mg = Number(dose.replace(',', '.'));
    if (dose.trim() === '' || !Number.isFinite(mg)) {
      setError('Enter the planned dose in mg as a number.');
      return;
    }
    setBusy(true);
    try {
      await call('startSession', { patientRef, presetId, plannedDoseMg: mg, therapist, sitter });
      onStarted();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="start">
      <h2>Start a session</h2>
      <RecorderLine />
      <form onSubmit={submit} aria-label="Start a session" className="form-grid">
        <label>
          Patient reference
          <input
            value={patientRef}
            onChange={(e) => setPatientRef(e.target.value)}
            placeholder="chart ID or initials"
            ref={patientField}
          />
        </label>
        <label>
          Route
          <select
            value={presetId}
            onChange={(e) => {
              const next = e.target.value as RouteId;
              // A typed dose that is not a number of the new route's devices is chosen again.
              const nextDevices = ROUTES[next].devices;
              if (nextDevices && Number(dose) % nextDevices.mg !== 0) setDose('');
              setPresetId(next);
            }}
          >
            {ROUTE_IDS.map((id) => (
              <option key={id} value={id}>
                {settings.presets[id].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Planned dose (mg)
          {devices ? (
            <select value={dose} onChange={(e) => setDose(e.target.value)}>
              <option value="" disabled>
                choose
              </option>
              {Array.from({ length: devices.most }, (_, i) => i + 1).map((n) => (
                <option key={n} value={String(n * devices.mg)}>
                  {n * devices.mg} mg ({n} device{n > 1 ? 's' : ''})
                </option>
              ))}
            </select>
          ) : (
            <input value={dose} onChange={(e) => setDose(e.target.value)} inputMode="decimal" />
          )}
        </label>
        {onList ? (
          <>
            <label>
              Therapist
              <select value={therapist} onChange={(e) => setTherapist(e.target.value)}>
                {therapists.map((s) => (
                  <option key={s.id} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Sitter
              <select value={sitter} onChange={(e) => setSitter(e.target.value)}>
                <option value="">no sitter</option>
                {people.map((s) => (
                  <option key={s.id} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <>
            <label>
              Therapist
              <input value={therapist} onChange={(e) => setTherapist(e.target.value)} />
            </label>
            <label>
              Sitter
              <input value={sitter} onChange={(e) => setSitter(e.target.value)} />
            </label>
          </>
        )}
        <ErrorLine error={error} />
        <button type="submit" disabled={busy}>
          Start session
        </button>
      </form>
      <LastSession patientRef={patientRef} />
      <RescueCheckPanel view={rescue.view} loadError={rescue.error} onRecorded={rescue.take} />
    </main>
  );
}
