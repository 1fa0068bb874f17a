import { useState } from 'react';
import type { AlertRecord } from '@core/pure/session/fold';
import type { StoredEvent } from '@core/session/events';
import { call } from '../bridge/bridge';
import { useClock } from '../ui/clock';
import { ErrorLine } from '../ui/ErrorLine';
import { signedWhenAsked, useRoomStaff } from '../staff/room-staff';

/** Alerts on the clinician's screen only: visual, warning or urgent, until someone acknowledges them. */
export function Alerts({
  sessionId,
  author,
  alerts,
  amended,
  onRecorded,
}: {
  sessionId: string;
  author: string;
  alerts: readonly AlertRecord[];
  amended: ReadonlySet<number>;
  onRecorded: (e: StoredEvent) => void;
}) {
  const { signed } = useRoomStaff();
  const clock = useClock();
  const [error, setError] = useState<string | null>(null);
  /** Every alert is acknowledged with a short note of what was seen or done (a pre-dose BP: what was reviewed and decided). */
  const [notes, setNotes] = useState<Record<string, string>>({});
  // The room's open alerts, already in their order (urgent first, then the newest).
  const open = alerts;
  if (open.length === 0 && !error) return null;
  return (
    <section aria-label="Alerts" className="alerts">
      <h2>Alerts</h2>
      <ul>
        {open.map((a) => (
          <li key={`${a.entrySeq}-${a.signal}`} className={`alert-${a.level}`}>
            <span className="alert-level">{a.level}</span> {a.message}{' '}
            <span className="hint">
              {clock(a.at)}
              {amended.has(a.entrySeq) && ' · its reading was corrected or struck since'}
            </span>
            <label>
              What was done
              <input
                value={notes[`${a.entrySeq}-${a.signal}`] ?? ''}
                onChange={(e) => setNotes({ ...notes, [`${a.entrySeq}-${a.signal}`]: e.target.value })}
                aria-label={`What was done: ${a.message}`}
                placeholder={
                  a.signal === 'pre_dose_bp'
                    ? 'reviewed and decided'
                    : a.level === 'urgent'
                      ? 'what was done'
                      : 'seen or done'
                }
              />
            </label>
            <button
              type="button"
              aria-label={`Acknowledge: ${a.message}`}
              onClick={async () => {
                try {
                  const note = notes[`${a.entrySeq}-${a.signal}`]?.trim();
                  // A warning is the person recording's to acknowledge; an urgent alert (after its note) and a BP above the dosing
                  // limit are a clinician's signature: the room says which.
                  const recorded = await signedWhenAsked(
                    signed,
                    `Acknowledge: ${a.message}`,
                    (signature) =>
                      call('acknowledgeAlert', {
                        sessionId,
                        targetSeq: a.entrySeq,
                        signal: a.signal,
                        author,
                        ...(note ? { note } : {}),
                        ...(signature ?? {}),
                      }),
                    `You acknowledge "${a.message.replace(/\.$/, '')}"${note ? ` and record what was done: ${note}` : a.signal === 'pre_dose_bp' ? ': you have reviewed this blood pressure before the dose' : ''}.`,
                  );
                  if (!recorded) return;
                  onRecorded(recorded);
                  setError(null);
                } catch (err) {
                  setError((err as Error).message);
                }
              }}
            >
              Acknowledge
            </button>
          </li>
        ))}
      </ul>
      <ErrorLine error={error} />
    </section>
  );
}
