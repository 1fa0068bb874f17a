import { useState, type FormEvent, type RefObject } from 'react';
import { call } from '../bridge/bridge';
import { parseClockTime } from '../ui/format';
import { useClockZone } from '../ui/clock';
import { ErrorLine } from '../ui/ErrorLine';
import { boosterRefusal, firstDoseRefusal, itemsNeedingDecision } from '@core/pure/rules/dose-rules';
import { CHECKLIST_LABELS } from '@core/pure/discharge/checklist';
import { signRefusal } from '@core/pure/staff/permissions';
import type { SessionState } from '@core/pure/session/fold';
import { routeOf } from '@core/pure/timeline/routes';
import type { StoredEvent } from '@core/session/events';
import { useRoomStaff } from '../staff/room-staff';

/** What firstDoseRefusal is told when the box is ticked: the decision is the signing clinician's, named by the signature. */
const SIGNING_CLINICIAN = 'signing clinician';

/**
 * Record the dose or a booster: mg, time (empty = now; an earlier time is kept and shown as a late entry), lot. A dose is
 * the clinician's signed order: "Record dose" opens the signature dialog. Checklist items answered "no" or skipped are
 * listed, and going ahead despite them is a box the signing clinician ticks: their signature carries the decision.
 */
export function DoseForm(props: {
  sessionId: string;
  booster: boolean;
  defaultMg: number | null;
  firstInputRef?: RefObject<HTMLInputElement | null>;
  /** The session, so the form says why the dose or booster must wait and holds its button until it may be given. */
  state?: SessionState;
  /** What the room holds the first dose for besides the session's own rules (today's rescue check, where required). */
  roomRefusal?: string | null;
  onRecorded?: (event: StoredEvent) => void;
}) {
  const { signed, staff } = useRoomStaff();
  const zone = useClockZone();
  const [mg, setMg] = useState(props.defaultMg === null ? '' : String(props.defaultMg));
  const [goAhead, setGoAhead] = useState(false);
  const route = props.state ? routeOf(props.state.preset) : null;
  const devices = route?.devices ?? null;
  const needsDecision = !props.booster && props.state ? itemsNeedingDecision(props.state) : [];
  const [time, setTime] = useState('');
  // A booster entered late is held only by alerts raised before the time typed for it.
  const typedAt = time.trim() ? parseClockTime(time, Date.now(), zone) : null;
  // A booster's amount, once typed, is checked against the route's booster cap as it is typed.
  const typedMg =
    mg.trim() !== '' && Number.isFinite(Number(mg.replace(',', '.'))) ? Number(mg.replace(',', '.')) : undefined;
  const ruleRefusal = props.state
    ? props.booster
      ? boosterRefusal(props.state, typedAt ?? Infinity, typedMg, zone)
      : firstDoseRefusal(props.state, goAhead ? SIGNING_CLINICIAN : undefined, typedAt ?? Infinity, zone)
    : null;
  // A room with no clinician on its staff list (set up later) records the session, but no dose: the room's own sentence.
  const nobodySigns = staff.some((s) => s.role === 'clinician') ? null : signRefusal(staff, 'recordDose', '');
  const refusal =
    (props.roomRefusal ? { code: 'rescue_check_missing', message: props.roomRefusal } : null) ??
    ruleRefusal ??
    (nobodySigns ? { code: 'not_permitted', message: nobodySigns } : null);
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
      const parsed = parseClockTime(time, Date.now(), zone);
      if (parsed === null)
        return setError('Enter the time as hours and minutes, such as 14:05, or leave it empty for now.');
      occurredAt = parsed;
    }
    setBusy(true);
    const despite =
      needsDecision.length && goAhead
        ? needsDecision
            .map((p) => `"${CHECKLIST_LABELS[p.item]}" (${p.answer}${p.reason ? `: ${p.reason}` : ''})`)
            .join(', ')
        : '';
    const preset = props.state?.preset.label;
    try {
      const recorded = await signed(
        `Record the ${what} of ${amount} mg`,
        (signature) =>
          call('recordDose', {
            sessionId: props.sessionId,
            mg: amount,
            booster: props.booster,
            ...signature,
            ...(occurredAt !== undefined ? { occurredAt } : {}),
            ...(lot.trim() ? { lot: lot.trim() } : {}),
            ...(despite ? { proceedPastChecklist: true } : {}),
          }),
        `You order the ${what} of ${amount} mg${preset ? ` (${preset})` : ''}${despite ? ` and approve it despite ${despite}` : ''}.`,
      );
      // Cancelled: everything typed stays as it was.
      if (!recorded) return;
      props.onRecorded?.(recorded);
      setError(null);
      setTime('');
      setGoAhead(false);
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
        <input
          ref={props.firstInputRef}
          value={mg}
          onChange={(e) => setMg(e.target.value)}
          inputMode="decimal"
          size={6}
        />
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
        <fieldset className="go-ahead">
          <legend>Answered "no" or skipped on the checklist</legend>
          <ul>
            {needsDecision.map((p) => (
              <li key={p.item}>
                {CHECKLIST_LABELS[p.item]}: {p.answer}
                {p.reason && ` (${p.reason})`}
              </li>
            ))}
          </ul>
          <label className="check">
            <input type="checkbox" checked={goAhead} onChange={(e) => setGoAhead(e.target.checked)} />
            Go ahead despite these answers
          </label>
          <p className="hint">The signing clinician decides: their signature records the decision with the dose.</p>
        </fieldset>
      )}
      <button type="submit" disabled={busy || refusal !== null} aria-describedby={refusal ? 'dose-refusal' : undefined}>
        {props.booster ? 'Record booster' : 'Record dose'}
      </button>
      {!props.booster && devices && (
        <p className="hint">
          {route?.shortName} is recorded device by device ({devices.mg} mg each): this records the first device of the
          dose entered; the next ones follow after {devices.restMin} minutes' rest.
        </p>
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
