import { useCallback, useEffect, useState } from 'react';
import { zonedDate } from '@core/pure/clinic-time';
import { daysLeftText, type RemsFilingStatus } from '@core/pure/rules/rems-record';
import { FILING_METHODS, usDate, type FilingMethod } from '@core/pure/discharge/rems-fields';
import type { StoredEvent } from '@core/session/events';
import { bridge, call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { recordingAuthor, useRoomStaff } from '../staff/room-staff';
import { RecorderLine } from '../staff/RecorderLine';

/** Events after which a form's state may have changed: answered, ended, closed, filed. */
const CHANGES_A_FORM = new Set<StoredEvent['kind']>([
  'rems_answers',
  'rems_filed',
  'discharged',
  'left_against_advice',
  'session_closed',
  'amendment',
]);
/** The room-level line lists the forms not filed with this many days left or fewer (overdue ones too). */
export const DUE_SOON_DAYS = 2;

/**
 * Where the REMS forms stand: the sessions asked for (the history's Spravato rows), or the room's last 30 days. Asked
 * again when a session's form may have changed, and every 10 minutes (the days left change at midnight).
 */
export function useRemsForms(sessionIds: string[] | null): {
  forms: RemsFilingStatus[];
  error: string | null;
  reload: () => void;
} {
  const [forms, setForms] = useState<RemsFilingStatus[]>([]);
  const [error, setError] = useState<string | null>(null);
  const key = sessionIds === null ? null : sessionIds.join(',');
  const reload = useCallback(() => {
    if (key === '') return setForms([]);
    call('listRemsForms', key === null ? {} : { sessionIds: key.split(',') })
      .then((f) => {
        setForms(f);
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, [key]);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, 10 * 60_000);
    const off = bridge?.on('session-event', ({ event }) => CHANGES_A_FORM.has(event.kind) && reload());
    return () => {
      clearInterval(timer);
      off?.();
    };
  }, [reload]);
  return { forms, error, reload };
}

/** "Complete: to file, 3 days left"; "2 answers missing, 1 day overdue"; "Filed 11/23/2026 by fax (Sam)". */
export function remsStateText(s: RemsFilingStatus): string {
  if (s.state === 'filed' && s.filed)
    return `Filed ${usDate(s.filed.filedOn)} ${s.filed.method === 'fax' ? 'by fax' : 'online'} (${s.filed.by})`;
  const what =
    s.state === 'complete'
      ? s.ended
        ? 'Complete: to file'
        : 'Complete so far'
      : `${s.missing.length} ${s.missing.length === 1 ? 'answer' : 'answers'} missing`;
  return `${what}, due ${usDate(s.dueDate)}, ${daysLeftText(s.daysLeft)}`;
}

/**
 * A Spravato session's REMS form in the history: its state and days left, and marking it filed (the date and how), by
 * the person recording, once monitoring has ended and the form is complete.
 */
export function RemsFormCell({
  status,
  timeZone,
  onFiled,
}: {
  status: RemsFilingStatus;
  timeZone: string;
  onFiled: () => void;
}) {
  const roomStaff = useRoomStaff();
  const [open, setOpen] = useState(false);
  const [filedOn, setFiledOn] = useState(() => zonedDate(Date.now(), timeZone));
  const [method, setMethod] = useState<FilingMethod>('online');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const who = `the REMS form of ${status.patientRef}, ${usDate(status.treatmentDate)}`;
  const overdue = status.state !== 'filed' && status.daysLeft < 0;

  const save = async () => {
    try {
      await call('markRemsFiled', {
        sessionId: status.sessionId,
        author: recordingAuthor(roomStaff, name.trim()),
        filedOn,
        method,
      });
      setOpen(false);
      setError(null);
      onFiled();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <div className="rems-filing">
      <span className={overdue ? 'warning' : status.state === 'filed' ? '' : 'hint'}>{remsStateText(status)}</span>
      {status.state === 'missing' && <span className="hint"> · still missing: {status.missing.join('; ')}</span>}
      {status.state !== 'missing' && status.ended && !open && (
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-label={`${status.state === 'filed' ? 'Filed again' : 'Mark filed'}: ${who}`}
        >
          {status.state === 'filed' ? 'Filed again' : 'Mark filed'}
        </button>
      )}
      {open && (
        <form
          className="rems-filing-form"
          aria-label={`Filing ${who}`}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {roomStaff.staff.length ? (
            <RecorderLine />
          ) : (
            <label>
              Your name (recorded with the filing)
              <input value={name} onChange={(e) => setName(e.target.value)} />
            </label>
          )}
          <label>
            Filed on
            <input type="date" value={filedOn} onChange={(e) => setFiledOn(e.target.value)} />
          </label>
          <label>
            How
            <select value={method} onChange={(e) => setMethod(e.target.value as FilingMethod)}>
              {FILING_METHODS.map((m) => (
                <option key={m} value={m}>
                  {m === 'fax' ? 'by fax' : 'online (SPRAVATOrems.com)'}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Save: filed</button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <ErrorLine error={error} />
        </form>
      )}
    </div>
  );
}

/** One quiet line for the room: the REMS forms not yet filed whose 7 days end within 2 days (or have ended). Nothing when none. */
export function RemsDueLine() {
  const { forms } = useRemsForms(null);
  const due = forms
    .filter((s) => s.state !== 'filed' && s.daysLeft <= DUE_SOON_DAYS)
    .sort((a, b) => a.daysLeft - b.daysLeft);
  if (!due.length) return null;
  return (
    <p className="rems-due-line" role="status" aria-label="REMS forms due">
      REMS monitoring {due.length === 1 ? 'form' : 'forms'} to file:{' '}
      {due
        .map(
          (s) =>
            `${s.patientRef} (${usDate(s.treatmentDate)}): ${remsStateText(s).replace(/^Complete: to file, /, '')}`,
        )
        .join('; ')}
      .
    </p>
  );
}
