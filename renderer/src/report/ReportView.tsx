import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Settings } from '@core/settings/schema';
import type { SessionReport } from '@core/pure/report/model';
import { RemsReportPage } from './RemsReportPage';
import { AgainstAdvice, ReportHead } from './ReportHead';
import { ChartsSection, DosesSection, EntriesSection } from './ReportCourse';
import { AlertsSection, ChecklistSection, MusicSection } from './ReportRecord';
import { DischargeSection, FollowUpSection, SignaturesSection, TotalsSection } from './ReportDischarge';
import { zonedClock } from '@core/pure/clinic-time';
import { date } from './report-text';

const MIN = 60_000;
/** Rows drawn at once; a long session's remaining rows and its charts follow right after the first frame. */
const FIRST_ROWS = 40;
/** The events the REMS page's signatures come from: its answers (a clinician's judgement is signed) and the discharge. */
const remsSeqs = (r: SessionReport) =>
  new Set([
    ...Object.values(r.state.discharge.rems).map((a) => a.seq),
    ...Object.values(r.state.discharge.remsNotObtained).map((a) => a.seq),
    ...(r.state.discharge.discharged ? [r.state.discharge.discharged.seq] : []),
  ]);

/** A CSS string literal: the text, its quotes and backslashes escaped, on one line. */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;

/**
 * Every printed page's head and foot (CSS page-margin boxes, which Chromium prints, the desktop app's PDF included):
 * the patient reference and the session's date at the top, "page n of m" at the bottom, so a loose page is still placed.
 */
export const pageMarks = (patientRef: string, sessionDate: string) => `@media print {
  @page {
    @top-left { content: ${cssString(`Patient ${patientRef}`)}; font-size: 8pt; color: #333; }
    @top-right { content: ${cssString(`Session of ${sessionDate}`)}; font-size: 8pt; color: #333; }
    @bottom-right { content: "page " counter(page) " of " counter(pages); font-size: 8pt; color: #333; }
  }
}`;

/**
 * The session report a clinic files: print-ready, readable in black and white. Read-only.
 * A 3-hour session can hold thousands of entries: the first screen is drawn at once, the rest and the charts
 * in the next task, so opening a past session answers at once; data-report-complete says all is drawn (print waits for it).
 */
export function ReportView({ report: r, settings }: { report: SessionReport; settings: Settings }) {
  const [complete, setComplete] = useState(false);
  useEffect(() => {
    setComplete(false);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setComplete(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [r]);
  // The filed record is in the clinic's time zone, as its REMS page and exports are, whatever the machine's.
  const zone = settings.clinicTimeZone;
  const sessionDate = date(r.startedAt, zone);
  // A constructed sheet: the page's security policy admits no inline <style>, and CSSOM is the way it allows.
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(pageMarks(r.patientRef, sessionDate));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [r.patientRef, sessionDate]);
  const clock = useCallback((t: number) => zonedClock(t, zone), [zone]);
  const rows = complete ? r.entries : r.entries.slice(0, FIRST_ROWS);
  const chartStart = (r.timeline.firstDoseAt ?? r.startedAt) - 5 * MIN;
  const chartEnd = Math.max(r.timeline.earliestDischargeAt ?? r.endAt, r.endAt) + 10 * MIN;
  // Drawn once per report: when the rest of a long one follows, only its rows and charts are drawn again.
  const head = useMemo(
    () => (
      <>
        <ReportHead r={r} clock={clock} zone={zone} />
        <AgainstAdvice r={r} clock={clock} />
        <DosesSection r={r} clock={clock} />
      </>
    ),
    [r, clock, zone],
  );
  const rest = useMemo(
    () => (
      <>
        <AlertsSection r={r} clock={clock} />
        <MusicSection r={r} clock={clock} />
        <ChecklistSection r={r} clock={clock} />
        <DischargeSection r={r} clock={clock} />
        <FollowUpSection r={r} clock={clock} zone={zone} />
        <SignaturesSection r={r} clock={clock} zone={zone} />
        <TotalsSection r={r} />
        <footer className="report-foot">
          Session {r.sessionId}. Every entry is kept; corrections are shown beside what they correct.
        </footer>
        {r.rems && (
          <RemsReportPage
            form={r.rems}
            patientRef={r.patientRef}
            signatures={r.signatures.filter((sig) => remsSeqs(r).has(sig.seq))}
          />
        )}
      </>
    ),
    [r, clock, zone],
  );
  return (
    <article
      className="report"
      aria-label="Session report"
      data-report-session={r.sessionId}
      data-report-ready="true"
      data-report-complete={complete ? 'true' : 'false'}
      aria-busy={!complete}
    >
      {head}
      <ChartsSection
        r={r}
        clock={clock}
        complete={complete}
        chartStart={chartStart}
        chartEnd={chartEnd}
        settings={settings}
      />
      <EntriesSection clock={clock} rows={rows} />
      {rest}
    </article>
  );
}
