import { useState } from 'react';
import type { AlertRecord } from '../../../main/core/pure/session/fold';
import type { StoredEvent } from '../../../main/core/session/events';
import { call } from '../bridge/bridge';
import { clockText } from '../../../main/core/pure/time-text';
import { ErrorLine } from '../ui/ErrorLine';

/** Alerts on the clinician's screen only: visual, warning or urgent, until someone acknowledges them. */
export function Alerts({ sessionId, author, alerts, amended, onRecorded }: { sessionId: string; author: string; alerts: AlertRecord[]; amended: ReadonlySet<number>; onRecorded: (e: StoredEvent) => void }) {
  const [error, setError] = useState<string | null>(null);
  /** An urgent alert is acknowledged with what was done. */
  const [notes, setNotes] = useState<Record<string, string>>({});
  const open = alerts.filter((a) => !a.acknowledged).sort((a, b) => (a.level === b.level ? b.at - a.at : a.level === 'urgent' ? -1 : 1));
  if (open.length === 0 && !error) return null;
  return (
    <section aria-label="Alerts" className="alerts">
      <h2>Alerts</h2>
      <ul>
        {open.map((a) => (
          <li key={`${a.entrySeq}-${a.signal}`} className={`alert-${a.level}`}>
            <span className="alert-level">{a.level}</span> {a.message} <span className="hint">{clockText(a.at)}{amended.has(a.entrySeq) && ' · its reading was corrected or struck since'}</span>
            {a.level === 'urgent' && (
              <label>
                What was done
                <input value={notes[`${a.entrySeq}-${a.signal}`] ?? ''} onChange={(e) => setNotes({ ...notes, [`${a.entrySeq}-${a.signal}`]: e.target.value })} aria-label={`What was done: ${a.message}`} />
              </label>
            )}
            <button
              type="button"
              aria-label={`Acknowledge: ${a.message}`}
              onClick={async () => {
                try {
                  const note = notes[`${a.entrySeq}-${a.signal}`]?.trim();
                  onRecorded(await call('acknowledgeAlert', { sessionId, targetSeq: a.entrySeq, signal: a.signal, author, ...(note ? { note } : {}) }));
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
