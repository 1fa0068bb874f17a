import { useState, type FormEvent } from 'react';
import type { SessionState } from '@core/pure/session/fold';
import type { StoredEvent } from '@core/session/events';
import { useClock, useClockZone } from '../ui/clock';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { parseClockTime } from '../ui/format';
import { useRoomStaff } from '../staff/room-staff';

const HALF_DAY = 12 * 60 * 60_000;

/**
 * The room reopened with a clock it could not trust: its last entry and what the computer reads, side by side, and a
 * clinician's signed confirmation of the current time read from a clock they trust. Until then no time-based condition
 * holds. A typed time is taken as the nearest such time to the computer's (its clock may be behind or ahead).
 */
export function TimeCheck({
  state,
  computerNow,
  onRecorded,
}: {
  state: SessionState;
  computerNow: number;
  onRecorded: (e: StoredEvent) => void;
}) {
  const { signed } = useRoomStaff();
  const clockText = useClock();
  const zone = useClockZone();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const doubt = state.timeUnconfirmed;
  if (!doubt) return null;
  // What the room knows of the time: its last entry before the doubt (the true time is after it).
  const lastEntry = Math.max(
    state.startedAt,
    ...[...state.entries, ...state.doses, ...state.marks].filter((e) => e.seq < doubt.seq).map((e) => e.at),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const currentTime = parseClockTime(typed, computerNow + HALF_DAY, zone);
    if (currentTime === null)
      return setError('Enter the current time as hours and minutes, for example 14:05, read from a clock you trust.');
    try {
      const recorded = await signed(
        'Confirm the current time',
        (signature) => call('confirmTime', { sessionId: state.id, currentTime, ...signature }),
        `You confirm the current time is ${clockText(currentTime)} (the computer reads ${clockText(computerNow)}).`,
      );
      if (!recorded) return;
      onRecorded(recorded);
      setError(null);
      setTyped('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="time-check warning" aria-label="Time unconfirmed">
      <h2>Time unconfirmed</h2>
      <p>
        Since {clockText(doubt.at)}: {doubt.reasons.join(' ')} Until a clinician confirms the current time, the earliest
        discharge, the evidence windows and the REMS minutes do not count, and no dose is recorded.
      </p>
      <dl className="time-sides">
        <dt>The session's last entry</dt>
        <dd aria-label="The session's last entry">{clockText(lastEntry)}</dd>
        <dt>The computer's clock</dt>
        <dd aria-label="The computer's clock">{clockText(computerNow)}</dd>
      </dl>
      <form onSubmit={submit} aria-label="Confirm the current time">
        <label>
          The current time, from a clock you trust
          <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="14:05" inputMode="numeric" />
        </label>
        <button type="submit">Confirm the time</button>
      </form>
      <ErrorLine error={error} />
    </section>
  );
}
