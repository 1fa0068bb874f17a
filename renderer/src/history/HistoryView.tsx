import { useEffect, useState } from 'react';
import type { Settings } from '@core/settings/schema';
import type { SessionRow } from '@core/session/row';
import type { RouteId } from '@core/pure/timeline/routes';
import { outcomeLabel } from '@core/pure/report/outcomes';
import { call } from '../bridge/bridge';
import { clockText } from '@core/pure/time-text';
import { ReportPage } from '../report/ReportPage';
import { ErrorLine } from '../ui/ErrorLine';
import { dateText } from '../ui/format';
import { ROUTES } from '@core/pure/timeline/routes';
import { RemsFormCell, useRemsForms } from './RemsFiling';
import { useClockZone } from '../ui/clock';
import { FollowUpList } from '../care/FollowUpList';
import { SummaryPage } from '../integration/SummaryPage';
import { CoursePage } from '../integration/CoursePage';

/**
 * The next-day follow-up calls due and done; past sessions by date, patient reference, route and outcome, and for
 * Spravato the REMS form's state and days left; search by patient reference; open one read-only.
 */
export function HistoryView({ settings }: { settings: Settings }) {
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  // The integration summary of a session, or the course of a patient, opened from a row.
  const [other, setOther] = useState<{ summary: string } | { course: string } | null>(null);
  const remsIds = rows ? rows.filter((row) => ROUTES[row.presetId as RouteId]?.rems).map((row) => row.id) : [];
  const rems = useRemsForms(remsIds);
  const zone = useClockZone();

  useEffect(() => {
    const patientRef = query.trim();
    // An answer for an older search can arrive after the newer one: only the current search's answer is shown.
    let current = true;
    call('listSessions', { ...(patientRef ? { patientRef } : {}), limit: 200 })
      .then((r) => {
        if (!current) return;
        setRows(r);
        setError(null);
      })
      .catch((err: Error) => current && setError(err.message));
    return () => {
      current = false;
    };
  }, [query]);

  if (other) {
    const back = (
      <button type="button" onClick={() => setOther(null)}>
        Back to the session history
      </button>
    );
    return 'summary' in other ? (
      <SummaryPage sessionId={other.summary} settings={settings}>
        {back}
      </SummaryPage>
    ) : (
      <main className="history">
        <CoursePage patientRef={other.course}>{back}</CoursePage>
      </main>
    );
  }
  if (open) {
    return (
      <ReportPage sessionId={open} settings={settings}>
        <button type="button" onClick={() => setOpen(null)}>
          Back to the session history
        </button>
      </ReportPage>
    );
  }
  const label = (id: string) => settings.presets[id as RouteId]?.label ?? id;
  return (
    <main className="history">
      <h2>Session history</h2>
      <FollowUpList settings={settings} />
      <label className="history-search">
        Search by patient reference
        <input type="search" maxLength={40} value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      <ErrorLine error={error ?? rems.error} />
      {rows && rows.length === 0 && <p>No sessions{query.trim() ? ` for "${query.trim()}"` : ''}.</p>}
      {rows && rows.length > 0 && (
        <table aria-label="Past sessions">
          <thead>
            <tr>
              <th>Date</th>
              <th>Patient</th>
              <th>Route</th>
              <th>Outcome</th>
              <th>REMS form</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.outcome === 'left_against_advice' ? 'against-advice-row' : ''}>
                <td>
                  {dateText(row.createdAt, zone)} {clockText(row.createdAt, zone)}
                </td>
                <td>{row.patientRef}</td>
                <td>{label(row.presetId)}</td>
                <td>{outcomeLabel(row.outcome)}</td>
                <td>
                  {rems.forms
                    .filter((f) => f.sessionId === row.id)
                    .map((f) => (
                      <RemsFormCell
                        key={f.sessionId}
                        status={f}
                        timeZone={settings.clinicTimeZone}
                        onFiled={rems.reload}
                      />
                    ))}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => setOpen(row.id)}
                    aria-label={`Open the report of ${row.patientRef}, ${dateText(row.createdAt, zone)} ${clockText(row.createdAt, zone)}`}
                  >
                    Open the report
                  </button>
                  <button
                    type="button"
                    onClick={() => setOther({ summary: row.id })}
                    aria-label={`Integration summary of ${row.patientRef}, ${dateText(row.createdAt, zone)} ${clockText(row.createdAt, zone)}`}
                  >
                    Integration summary
                  </button>
                  <button
                    type="button"
                    onClick={() => setOther({ course: row.patientRef })}
                    aria-label={`Course of ${row.patientRef}`}
                  >
                    Course
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
