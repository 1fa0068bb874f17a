import { useState, type FormEvent, type RefObject } from 'react';
import { call } from '../bridge/bridge';
import { parseClockTime } from '../ui/format';
import { ErrorLine } from '../ui/ErrorLine';
import { boosterRefusal, firstDoseRefusal, itemsNeedingDecision } from '../../../main/core/pure/discharge/dose-rules';
import type { SessionState } from '../../../main/core/pure/session/fold';

/** Record the dose or a booster: mg, time (empty = now; an earlier time is kept and shown as a late entry), lot. */
export function DoseForm(props: {
  sessionId: string;
  booster: boolean;
  defaultMg: number | null;
  author: string;
  firstInputRef?: RefObject<HTMLInputElement | null>;
  /** The session, so the form says why the dose or booster must wait and holds its button until it may be given. */
  state?: SessionState;
}) {
  const [mg, setMg] = useState(props.defaultMg === null ? '' : String(props.defaultMg));
  const [proceedBy, setProceedBy] = useState('');
  const needsDecision = !props.booster && props.state ? itemsNeedingDecision(props.state) : [];
  const [time, setTime] = useState('');
  // A booster entered late is held only by alerts raised before the time typed for it.
  const typedAt = time.trim() ? parseClockTime(time, Date.now()) : null;
  const refusal = props.state ? (props.booster ? boosterRefusal(props.state, typedAt ?? Infinity) : firstDoseRefusal(props.state, proceedBy, typedAt ?? Infinity)) : null;
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
        ...(needsDecision.length && proceedBy.trim() ? { proceedBy: proceedBy.trim() } : {}),
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
      {needsDecision.length > 0 && (
        <label>
          Clinician deciding to proceed
          <input value={proceedBy} onChange={(e) => setProceedBy(e.target.value)} size={14} />
        </label>
      )}
      <button type="submit" disabled={busy || refusal !== null} aria-describedby={refusal ? 'dose-refusal' : undefined}>
        {props.booster ? 'Record booster' : 'Record dose'}
      </button>
      {!props.booster && props.state?.preset.id === 'spravato' && (
        <p className="hint">Spravato is recorded device by device (28 mg each): this records the first device of the dose entered; the next ones follow after 5 minutes' rest.</p>
      )}
      {refusal && (
        <p id="dose-refusal" className="warning" role="status">
          {refusal.message}
        </p>
      )}
      <ErrorLine error={error} />
    </form>
  );
}
