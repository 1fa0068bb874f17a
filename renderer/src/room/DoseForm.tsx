import { useState, type FormEvent, type RefObject } from 'react';
import { call } from '../bridge/bridge';
import { parseClockTime } from '../ui/format';
import { ErrorLine } from '../ui/ErrorLine';

/** Record the dose or a booster: mg, time (empty = now; an earlier time is kept and shown as a late entry), lot. */
export function DoseForm(props: {
  sessionId: string;
  booster: boolean;
  defaultMg: number | null;
  author: string;
  firstInputRef?: RefObject<HTMLInputElement | null>;
  /** Day-of checklist items still unanswered: the first dose waits for them. */
  checklistOpen?: number;
}) {
  const [mg, setMg] = useState(props.defaultMg === null ? '' : String(props.defaultMg));
  const [time, setTime] = useState('');
  const [lot, setLot] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const what = props.booster ? 'booster' : 'dose';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = Number(mg.replace(',', '.'));
    if (mg.trim() === '' || !Number.isFinite(amount)) return setError(`Enter the ${what} in mg as a number.`);
    let occurredAt: number | undefined;
    if (time.trim() !== '') {
      const parsed = parseClockTime(time, Date.now());
      if (parsed === null) return setError('Enter the time as hours and minutes, such as 14:05, or leave it empty for now.');
      occurredAt = parsed;
    }
    setBusy(true);
    try {
      await call('recordDose', {
        sessionId: props.sessionId,
        mg: amount,
        booster: props.booster,
        author: props.author,
        ...(occurredAt !== undefined ? { occurredAt } : {}),
        ...(lot.trim() ? { lot: lot.trim() } : {}),
      });
      setError(null);
      setTime('');
      if (props.booster) setMg('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label={props.booster ? 'Booster dose' : 'Record the dose'} className="dose-form">
      <label>
        {props.booster ? 'Booster (mg)' : 'Dose (mg)'}
        <input ref={props.firstInputRef} value={mg} onChange={(e) => setMg(e.target.value)} inputMode="decimal" size={6} />
      </label>
      <label>
        {props.booster ? 'Booster time' : 'Dose time'}
        <input value={time} onChange={(e) => setTime(e.target.value)} placeholder="now" size={6} />
      </label>
      <label>
        Lot
        <input value={lot} onChange={(e) => setLot(e.target.value)} size={8} />
      </label>
      <button type="submit" disabled={busy} aria-describedby={props.checklistOpen ? 'dose-checklist-open' : undefined}>
        {props.booster ? 'Record booster' : 'Record dose'}
      </button>
      {props.checklistOpen ? (
        <p id="dose-checklist-open" className="hint">
          Answer the day-of checklist first: {props.checklistOpen} {props.checklistOpen === 1 ? 'item is' : 'items are'} not answered.
        </p>
      ) : null}
      <ErrorLine error={error} />
    </form>
  );
}
