import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '@core/settings/schema';
import type { RouteId } from '@core/pure/timeline/routes';
import {
  FOLLOW_UP_STATUS_LABELS,
  followUpCallText,
  type FollowUpRow,
  type FollowUpStatus,
} from '@core/pure/care/follow-up';
import { useClock, useClockZone } from '../ui/clock';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { dateText } from '../ui/format';
import { RecorderLine } from '../staff/RecorderLine';
import { recordingAuthor, useRoomStaff } from '../staff/room-staff';

/** Calls to make first: the overdue, then today's, then tomorrow's; then those done, newest first. */
const ORDER: Record<FollowUpStatus, number> = { overdue: 0, due: 1, upcoming: 2, done: 3 };
const sorted = (rows: FollowUpRow[]) =>
  [...rows].sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] ||
      (a.status === 'done' ? (b.call?.at ?? 0) - (a.call?.at ?? 0) : a.dueFrom - b.dueFrom),
  );

/**
 * The next-day follow-up calls: every discharged session's call, due, overdue or done, with the form to record one (how the
 * night went, any adverse effect and what it was, the patient's mood) as the person recording. Recording it adds to the closed
 * session's record; its report then shows it.
 */
export function FollowUpList({ settings }: { settings: Settings }) {
  const clockText = useClock();
  const zone = useClockZone();
  const [rows, setRows] = useState<FollowUpRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [calling, setCalling] = useState<FollowUpRow | null>(null);
  const load = useCallback(() => {
    call('listFollowUps', {})
      .then((r) => {
        setRows(sorted(r));
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, []);
  useEffect(load, [load]);
  const label = (id: string) => settings.presets[id as RouteId]?.label ?? id;
  const waiting = rows?.filter((r) => r.status === 'due' || r.status === 'overdue').length ?? 0;

  return (
    <section className="follow-ups" aria-label="Follow-up calls">
      <h3>Follow-up calls{rows ? `: ${waiting === 0 ? 'none due' : `${waiting} due`}` : ''}</h3>
      <ErrorLine error={error} />
      {rows && rows.length === 0 && (
        <p className="hint">No follow-up call yet: each discharged session's call is due the next day.</p>
      )}
      {rows && rows.length > 0 && (
        <table aria-label="Follow-up calls due and done">
          <thead>
            <tr>
              <th>Discharged</th>
              <th>Patient</th>
              <th>Route</th>
              <th>Due</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.sessionId} className={`follow-up-${row.status}`}>
                <td>
                  {dateText(row.dischargedAt, zone)} {clockText(row.dischargedAt)}
                </td>
                <td>{row.patientRef}</td>
                <td>{label(row.presetId)}</td>
                <td>{row.dueDay}</td>
                <td>
                  {FOLLOW_UP_STATUS_LABELS[row.status]}
                  {row.call &&
                    `: ${row.call.by}${row.call.role ? ` (${row.call.role})` : ''}, ${dateText(row.call.at, zone)} ${clockText(row.call.at)}. ${followUpCallText(row.call)}`}
                </td>
                <td>
                  {row.status !== 'done' && (
                    <button
                      type="button"
                      aria-label={`Record the call for ${row.patientRef}, discharged ${dateText(row.dischargedAt, zone)}`}
                      onClick={() => setCalling(row)}
                    >
                      Record the call
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {calling && (
        <FollowUpCallForm
          row={calling}
          onDone={() => {
            setCalling(null);
            load();
          }}
          onCancel={() => setCalling(null)}
        />
      )}
    </section>
  );
}

function FollowUpCallForm({ row, onDone, onCancel }: { row: FollowUpRow; onDone: () => void; onCancel: () => void }) {
  const clockText = useClock();
  const zone = useClockZone();
  const roomStaff = useRoomStaff();
  const [typedName, setTypedName] = useState('');
  const author = recordingAuthor(roomStaff, typedName.trim());
  const [night, setNight] = useState('');
  const [adverse, setAdverse] = useState<'yes' | 'no' | null>(null);
  const [adverseText, setAdverseText] = useState('');
  const [mood, setMood] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!adverse) return setError('Answer whether there was any adverse effect: yes or no.');
    setBusy(true);
    try {
      await call('recordFollowUpCall', {
        sessionId: row.sessionId,
        night,
        adverseEffect: adverse,
        ...(adverse === 'yes' ? { adverseEffectText: adverseText } : {}),
        mood,
        author,
      });
      onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="follow-up-form"
      aria-label={`Follow-up call for ${row.patientRef}`}
      onSubmit={(e) => void submit(e)}
    >
      <h4>
        Follow-up call for {row.patientRef}, discharged {dateText(row.dischargedAt, zone)} {clockText(row.dischargedAt)}
      </h4>
      {roomStaff.staff.length ? (
        <RecorderLine />
      ) : (
        <label>
          Your name (recorded with the call)
          <input value={typedName} onChange={(e) => setTypedName(e.target.value)} />
        </label>
      )}
      <label>
        How the night went
        <textarea value={night} onChange={(e) => setNight(e.target.value)} rows={2} maxLength={1000} />
      </label>
      <fieldset>
        <legend>Any adverse effect?</legend>
        <label className="check">
          <input type="radio" name="adverse" checked={adverse === 'no'} onChange={() => setAdverse('no')} />
          No adverse effect
        </label>
        <label className="check">
          <input type="radio" name="adverse" checked={adverse === 'yes'} onChange={() => setAdverse('yes')} />
          Yes, an adverse effect
        </label>
      </fieldset>
      {adverse === 'yes' && (
        <label>
          What the adverse effect was
          <input value={adverseText} onChange={(e) => setAdverseText(e.target.value)} maxLength={1000} />
        </label>
      )}
      <label>
        Mood
        <input value={mood} onChange={(e) => setMood(e.target.value)} maxLength={300} />
      </label>
      <div className="row">
        <button type="submit" disabled={busy}>
          Save the follow-up call
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <ErrorLine error={error} />
    </form>
  );
}
