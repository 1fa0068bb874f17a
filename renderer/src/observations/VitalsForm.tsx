import { useState, type FormEvent } from 'react';
import type { StoredEvent } from '@core/session/events';
import {
  VITAL_SIGNS,
  VITALS_FIELDS,
  vitalsLabel,
  vitalsProblem,
  type VitalsValues,
} from '@core/pure/observations/vitals';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { parseClockTime } from '../ui/format';
import { useClockZone } from '../ui/clock';

type Fields = Record<keyof VitalsValues, string>;
const EMPTY = Object.fromEntries(VITALS_FIELDS.map((f) => [f, ''])) as Fields;

/** Parses the form; a field that is not a number is named. */
export function readVitals(fields: Fields): { values: VitalsValues } | { error: string } {
  const values: VitalsValues = {};
  for (const f of VITALS_FIELDS) {
    const raw = fields[f].trim();
    if (raw === '') continue;
    const n = Number(raw.replace(',', '.'));
    if (!Number.isFinite(n)) return { error: `${vitalsLabel(f)} "${raw}" is not a number.` };
    values[f] = n;
  }
  const problem = vitalsProblem(values);
  return problem ? { error: problem } : { values };
}

/**
 * BP, HR, SpO2, RR: any subset. The time is taken at the first keystroke in the form, or, for a reading entered late
 * (a BP taken before a dose recorded afterwards), the time typed under "Taken at".
 */
export function VitalsForm(props: {
  label?: string;
  initial?: VitalsValues;
  submitLabel?: string;
  /** Offers "Taken at" for a reading entered late (not for a correction, which keeps its reading's time). */
  withTime?: boolean;
  /** Resolves to null when nothing was recorded and the form keeps what was typed (a signature cancelled). */
  onSubmit: (values: VitalsValues, takenAt: number) => Promise<StoredEvent | null>;
  onRecorded: (e: StoredEvent) => void;
}) {
  const [fields, setFields] = useState<Fields>(() => ({
    ...EMPTY,
    ...Object.fromEntries(Object.entries(props.initial ?? {}).map(([k, v]) => [k, String(v)])),
  }));
  const [takenAt, setTakenAt] = useState<number | null>(null);
  const [typedTime, setTypedTime] = useState('');
  const [error, setError] = useState<string | null>(null);
  const zone = useClockZone();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const read = readVitals(fields);
    if ('error' in read) return setError(read.error);
    const typed = typedTime.trim() ? parseClockTime(typedTime, Date.now(), zone) : null;
    if (typedTime.trim() && typed === null)
      return setError('Enter the time the vitals were taken as hours and minutes, such as 14:05, or leave it empty.');
    try {
      const recorded = await props.onSubmit(read.values, typed ?? takenAt ?? Date.now());
      if (!recorded) return;
      props.onRecorded(recorded);
      setFields(EMPTY);
      setTakenAt(null);
      setTypedTime('');
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <form onSubmit={submit} aria-label={props.label ?? 'Vitals'} className="vitals-form">
      {VITALS_FIELDS.map((f) => (
        <label key={f} title={vitalsLabel(f)}>
          <span aria-hidden="true">{VITAL_SIGNS[f].short}</span>
          <input
            aria-label={vitalsLabel(f)}
            value={fields[f]}
            inputMode="numeric"
            size={4}
            onChange={(e) => {
              if (takenAt === null) setTakenAt(Date.now());
              setFields({ ...fields, [f]: e.target.value });
            }}
          />
        </label>
      ))}
      {props.withTime && (
        <label className="vitals-time">
          Taken at
          <input value={typedTime} onChange={(e) => setTypedTime(e.target.value)} placeholder="now" size={5} />
        </label>
      )}
      <button type="submit">{props.submitLabel ?? 'Save vitals'}</button>
      <ErrorLine error={error} />
    </form>
  );
}

export const recordVitals = (sessionId: string, author: string) => (values: VitalsValues, occurredAt: number) =>
  call('recordVitals', { sessionId, values, occurredAt, author });
