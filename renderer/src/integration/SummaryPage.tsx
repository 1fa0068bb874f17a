import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Settings } from '@core/settings/schema';
import type { SessionView } from '@core/contract/contract';
import { foldSession } from '@core/pure/session/fold';
import { integrationSummary, type SummaryMoment } from '@core/pure/report/integration';
import { zonedClock, zonedDate } from '@core/pure/clinic-time';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { useRoomStaff } from '../staff/room-staff';
import './integration.css';

const musicText = (m: SummaryMoment) =>
  m.music ? `Music: ${m.music.title}${m.music.artist ? ` by ${m.music.artist}` : ''}` : 'No music was playing';
const whenText = (m: SummaryMoment) =>
  m.sinceDoseMin === null ? m.clock : `${m.clock}, ${m.sinceDoseMin} minute${m.sinceDoseMin === 1 ? '' : 's'} in`;

/**
 * The integration summary, a page of its own: what the patient takes to the integration session. The therapist chooses
 * the moments to include, adds a note, and approves it with their signature; only then does it print (or save as PDF
 * through the print dialog). It holds nothing clinical: no vitals, alerts or scores.
 */
export function SummaryPage({
  sessionId,
  settings,
  children,
}: {
  sessionId: string;
  settings: Settings;
  children?: React.ReactNode;
}) {
  const [view, setView] = useState<SessionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [leftOut, setLeftOut] = useState<Set<number> | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { signed } = useRoomStaff();
  const zone = settings.clinicTimeZone;

  const load = useCallback(() => {
    call('getSession', { sessionId })
      .then(setView)
      .catch((err: Error) => setError(err.message));
  }, [sessionId]);
  useEffect(load, [load]);
  const summary = useMemo(() => {
    const state = view ? foldSession(view.events) : null;
    return state ? integrationSummary(state, zone) : null;
  }, [view, zone]);
  if (!summary)
    return (
      <main className="integration-page" aria-busy={!error}>
        {error && <ErrorLine error={error} />}
      </main>
    );

  const chosenOut = leftOut ?? new Set(summary.moments.filter((m) => m.leftOut).map((m) => m.seq));
  const noteText = note ?? summary.note ?? '';
  const approval = summary.approval;
  // What was approved is what prints; a change made since asks for the approval again.
  const changed =
    approval !== null &&
    (noteText.trim() !== (summary.note ?? '') ||
      [...chosenOut].sort((a, b) => a - b).join() !== approval.leftOut.join());
  const printable = approval !== null && !changed;
  const shown = summary.moments.filter((m) => !chosenOut.has(m.seq));

  const approve = async () => {
    try {
      const done = await signed(
        'The integration summary',
        (signature) =>
          call('approveIntegrationSummary', {
            sessionId,
            leftOut: [...chosenOut],
            ...(noteText.trim() ? { note: noteText.trim() } : {}),
            ...signature,
          }),
        `You approve this integration summary (${shown.length} moment${shown.length === 1 ? '' : 's'}) to be given to the patient.`,
        ['therapist'],
      );
      if (!done) return;
      setLeftOut(null);
      setNote(null);
      setError(null);
      load();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <main className="integration-page">
      <div className="report-actions no-print" role="toolbar" aria-label="Summary actions">
        {children}
        <button type="button" onClick={() => void approve()} disabled={!summary.closed}>
          {approval ? 'Approve again' : 'Approve the summary'}
        </button>
        <button type="button" onClick={() => window.print()} disabled={!printable}>
          Print the summary
        </button>
        <p className="hint" role="status">
          {!summary.closed
            ? 'The summary is approved once the session is closed.'
            : !approval
              ? 'Nothing leaves the room unapproved: the therapist reviews the summary and approves it, signed, before it prints.'
              : changed
                ? 'Changed since it was approved: approve it again before printing.'
                : 'Approved: print it, or choose "Save as PDF" in the print dialog.'}
        </p>
      </div>
      <ErrorLine error={error} />
      <article className="integration-summary" aria-label="Integration summary">
        <h2>Your session, for the integration session</h2>
        <p>
          {summary.patientRef}, {summary.date}
        </p>
        <section aria-label="Intention">
          <h3>Your intention</h3>
          <p>{summary.intention ? `“${summary.intention}”` : 'No intention was written down for this session.'}</p>
        </section>
        <section aria-label="The arc of the session">
          <h3>The arc of the session</h3>
          {summary.arc.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </section>
        <section aria-label="Moments for integration">
          <h3>Moments marked for integration</h3>
          {summary.moments.length === 0 && <p>No moment was marked during the session.</p>}
          <ol className="integration-moments">
            {summary.moments.map((m) => {
              const out = chosenOut.has(m.seq);
              return (
                <li key={m.seq} className={out ? 'left-out no-print' : ''}>
                  <span className="moment-when">{whenText(m)}</span>
                  {m.quote && <q className="moment-quote">{m.quote}</q>}
                  <span className="moment-music">{musicText(m)}</span>
                  <label className="no-print">
                    <input
                      type="checkbox"
                      checked={!out}
                      onChange={(e) => {
                        const next = new Set(chosenOut);
                        if (e.target.checked) next.delete(m.seq);
                        else next.add(m.seq);
                        setLeftOut(next);
                      }}
                    />
                    Include the moment at {m.clock}
                  </label>
                </li>
              );
            })}
          </ol>
        </section>
        <section aria-label="For the integration session">
          <h3>For the integration session</h3>
          <label className="no-print integration-note">
            A note from the therapist (optional)
            <textarea value={noteText} maxLength={2000} rows={3} onChange={(e) => setNote(e.target.value)} />
          </label>
          {noteText.trim() && <p className="print-only">{noteText.trim()}</p>}
          <div className="integration-space" aria-hidden="true" />
        </section>
        {approval && (
          <footer className="integration-approval" aria-label="Approval">
            Reviewed and approved by {approval.by} ({approval.role}) on {zonedDate(approval.at, zone)} at{' '}
            {zonedClock(approval.at, zone)}.
          </footer>
        )}
      </article>
    </main>
  );
}
