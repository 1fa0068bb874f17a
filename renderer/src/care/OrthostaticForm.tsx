import { useState, type FormEvent } from 'react';
import type { StoredEvent } from '@core/session/events';
import type { SessionState } from '@core/pure/session/fold';
import { useClock } from '../ui/clock';
import { orthostaticHold, orthostaticText } from '@core/pure/care/orthostatic';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';

const FIELDS = [
  ['lying', 'systolic', 'Lying systolic BP'],
  ['lying', 'diastolic', 'Lying diastolic BP'],
  ['lying', 'heartRate', 'Lying heart rate'],
  ['standing', 'systolic', 'Standing systolic BP'],
  ['standing', 'diastolic', 'Standing diastolic BP'],
  ['standing', 'heartRate', 'Standing heart rate'],
] as const;
type Key = `${(typeof FIELDS)[number][0]}.${(typeof FIELDS)[number][1]}`;

/** A number as typed, or null when it is not one (the form then says so in a sentence). */
const typed = (text: string) => {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
};

/**
 * The orthostatic check before discharge: blood pressure and heart rate lying, then standing, and whether the patient felt
 * dizzy or lightheaded on standing. The person recording saves it; the discharge conditions above say whether it holds.
 */
export function OrthostaticForm({
  state,
  author,
  onRecorded,
}: {
  state: SessionState;
  author: string;
  onRecorded: (e: StoredEvent) => void;
}) {
  const clockText = useClock();
  const [values, setValues] = useState<Partial<Record<Key, string>>>({});
  const [symptoms, setSymptoms] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = state.care.orthostatic.at(-1);
  const hold = latest ? orthostaticHold(latest) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const read = (position: 'lying' | 'standing') => ({
      systolic: typed(values[`${position}.systolic`] ?? ''),
      diastolic: typed(values[`${position}.diastolic`] ?? ''),
      heartRate: typed(values[`${position}.heartRate`] ?? ''),
    });
    const lying = read('lying');
    const standing = read('standing');
    const missing = FIELDS.find(([position, field]) => (position === 'lying' ? lying : standing)[field] === null);
    if (missing)
      return setError(
        `Enter the ${missing[2].toLowerCase().replace(' bp', ' BP')} as a number: the check takes BP and heart rate lying, then standing.`,
      );
    setBusy(true);
    try {
      const recorded = await call('recordOrthostatic', {
        sessionId: state.id,
        lying: lying as { systolic: number; diastolic: number; heartRate: number },
        standing: standing as { systolic: number; diastolic: number; heartRate: number },
        symptoms,
        author,
      });
      onRecorded(recorded);
      setValues({});
      setSymptoms(false);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="orthostatic-form" aria-label="Orthostatic check" onSubmit={(e) => void submit(e)}>
      <h3>Orthostatic check: lying, then standing</h3>
      <div className="row">
        {FIELDS.map(([position, field, label]) => (
          <label key={`${position}.${field}`}>
            {label}
            <input
              inputMode="numeric"
              size={4}
              value={values[`${position}.${field}`] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [`${position}.${field}`]: e.target.value }))}
            />
          </label>
        ))}
        <label className="check">
          <input type="checkbox" checked={symptoms} onChange={(e) => setSymptoms(e.target.checked)} />
          Dizzy or lightheaded on standing
        </label>
        <button type="submit" disabled={busy}>
          Save orthostatic check (as {author})
        </button>
      </div>
      {latest && (
        <p className="hint">
          Latest: {orthostaticText(latest)}, at {clockText(latest.at)} by {latest.author}
          {hold ? '' : ': passes'}.
        </p>
      )}
      <ErrorLine error={error} />
    </form>
  );
}
