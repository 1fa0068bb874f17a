import { useCallback, useEffect, useMemo, useState } from 'react';
import { EXPORT_FORMATS, EXPORT_LABELS, type ExportFormat } from '@core/pure/report/formats';
import { buildReport, reportOptions } from '@core/pure/report/model';
import type { Settings } from '@core/settings/schema';
import type { SessionView } from '@core/contract/contract';
import type { SavedFile } from '@core/contract/discharge-contract';
import { call, RoomCallError } from '../bridge/bridge';
import { appendEvent } from '../bridge/hooks';
import { EntryList } from '../observations/EntryList';
import { ReportView } from './ReportView';
import { recordingAuthor, useRoomStaff } from '../staff/room-staff';
import { RecorderLine } from '../staff/RecorderLine';

/** Resolves once the report on screen is drawn in full (a long one finishes just after its first frame). */
const reportComplete = () =>
  new Promise<void>((resolve) => {
    const check = () => (document.querySelector('[data-report-complete="true"]') ? resolve() : setTimeout(check, 20));
    check();
  });

const PRINT_DIALOG_SAVES_PDF =
  'This browser saves the PDF from its print dialog: choose "Save as PDF" as the printer, then Save.';

/** A session's report, read-only, with print, PDF and the exports. Opens from history or when a session closes. */
export function ReportPage({
  sessionId,
  settings,
  children,
}: {
  sessionId: string;
  settings: Settings;
  children?: React.ReactNode;
}) {
  const [view, setView] = useState<SessionView | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const [correcting, setCorrecting] = useState(false);
  const [corrector, setCorrector] = useState('');
  const roomStaff = useRoomStaff();
  // With a staff list, a correction is the person recording's (Alt+S switches), or a clinician's signature where the room asks for one.
  const byStaff = roomStaff.staff.length > 0;
  const author = recordingAuthor(roomStaff, corrector.trim());

  const load = useCallback(() => {
    call('getSession', { sessionId })
      .then(setView)
      .catch((err: Error) => setMessage({ text: err.message, error: true }));
  }, [sessionId]);
  useEffect(load, [load]);
  // Built from the log as it stands; a correction made here is appended to it and the report follows.
  const report = useMemo(
    () => (view ? buildReport(view.events, Date.now(), reportOptions(settings)) : null),
    [view, settings],
  );
  const closed = report?.state.discharge.closed ?? null;

  /** A saved file: downloaded to the person where the room gives an address (the browser room), else where it was saved. */
  const show = (saved: SavedFile) => {
    if (saved.url) {
      const link = document.createElement('a');
      link.href = saved.url;
      link.download = saved.fileName;
      link.click();
      setMessage({ text: `Downloaded ${saved.fileName}. A copy is kept in the room's exports folder.`, error: false });
    } else setMessage({ text: `Saved ${saved.fileName} to ${saved.path}.`, error: false });
  };
  const run = async (what: () => Promise<SavedFile>) => {
    try {
      show(await what());
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  };
  /** The desktop app saves the PDF itself; in a browser, which has no printer of the room's, its print dialog saves it. */
  const savePdf = async () => {
    await reportComplete();
    try {
      show(await call('saveReportPdf', { sessionId }));
    } catch (err) {
      if (err instanceof RoomCallError && err.code === 'pdf_unavailable') {
        setMessage({ text: PRINT_DIALOG_SAVES_PDF, error: false });
        window.print();
      } else setMessage({ text: (err as Error).message, error: true });
    }
  };

  return (
    <main className="report-page">
      <div className="report-actions no-print" role="toolbar" aria-label="Report actions">
        {children}
        <button type="button" onClick={() => void reportComplete().then(() => window.print())}>
          Print report
        </button>
        <button type="button" onClick={() => void savePdf()}>
          Save report as PDF
        </button>
        {closed && (
          <button type="button" aria-pressed={correcting} onClick={() => setCorrecting((c) => !c)}>
            Correct an entry
          </button>
        )}
        {EXPORT_FORMATS.map((format: ExportFormat) => (
          <button
            key={format}
            type="button"
            onClick={() => void run(() => call('exportSession', { sessionId, format }))}
          >
            Export {EXPORT_LABELS[format]}
          </button>
        ))}
        {message && (
          <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'hint'}>
            {message.text}
          </p>
        )}
      </div>
      {report && closed && correcting && (
        <section className="report-corrections no-print" aria-label="Correct an entry">
          <p>
            The session is closed: an entry can still be struck or corrected, with a reason. The original stays in the
            record, struck, and the report shows who changed it and when.
          </p>
          {byStaff ? (
            <RecorderLine />
          ) : (
            <label>
              Your name (recorded with the correction)
              <input value={corrector} onChange={(e) => setCorrector(e.target.value)} />
            </label>
          )}
          {byStaff || corrector.trim() ? (
            <EntryList
              sessionId={sessionId}
              author={author}
              entries={report.state.entries}
              firstDoseAt={report.state.doses[0]?.at ?? null}
              onRecorded={(event) => setView((current) => appendEvent(current, event, load))}
            />
          ) : (
            <p className="hint">Enter your name to strike or correct an entry.</p>
          )}
        </section>
      )}
      {report ? (
        <ReportView report={report} settings={settings} />
      ) : (
        !message && <p aria-busy="true">Opening the report…</p>
      )}
    </main>
  );
}
