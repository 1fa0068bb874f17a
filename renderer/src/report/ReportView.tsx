import { useEffect, useState } from 'react';
import type { Settings } from '../../../main/core/settings/schema';
import type { SessionReport } from '../../../main/core/pure/report/model';
import { outcomeLabel } from '../../../main/core/pure/report/outcomes';
import { ArcChart } from '../room/ArcChart';
import { RemsReportPage } from './RemsReportPage';
import { elapsedText } from '../../../main/core/pure/time-text';
import { zonedClock } from '../../../main/core/pure/clinic-time';
import { VitalsChart } from '../observations/VitalsChart';

const MIN = 60_000;
const date = (t: number, timeZone: string) =>
  new Date(t).toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric', timeZone });
/** "Sam (sitter)": who recorded it, with their role on the staff list when it was written. */
const who = (name: string, role: string | null) => (role ? `${name} (${role})` : name);
const tPlus = (ms: number | null) => (ms === null ? 'pre-dose' : `T+${elapsedText(ms, false)}`);
/** Rows drawn at once; a long session's remaining rows and its charts follow right after the first frame. */
const FIRST_ROWS = 40;
const STATUS_WORDS = {
  struck: 'struck',
  corrected: 'corrected (replaced below)',
  correction: 'correction',
  '': '',
} as const;
/** The events the REMS page's signatures come from: its answers (a clinician's judgement is signed) and the discharge. */
const remsSeqs = (r: SessionReport) =>
  new Set([
    ...Object.values(r.state.discharge.rems).map((a) => a.seq),
    ...Object.values(r.state.discharge.remsNotObtained).map((a) => a.seq),
    ...(r.state.discharge.discharged ? [r.state.discharge.discharged.seq] : []),
  ]);

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
  const clock = (t: number) => zonedClock(t, zone);
  const rows = complete ? r.entries : r.entries.slice(0, FIRST_ROWS);
  const chartStart = (r.timeline.firstDoseAt ?? r.startedAt) - 5 * MIN;
  const chartEnd = Math.max(r.timeline.earliestDischargeAt ?? r.endAt, r.endAt) + 10 * MIN;
  return (
    <article
      className="report"
      aria-label="Session report"
      data-report-session={r.sessionId}
      data-report-ready="true"
      data-report-complete={complete ? 'true' : 'false'}
      aria-busy={!complete}
    >
      <header className="report-head">
        <h2 className="report-title">Session report</h2>
        <dl className="report-facts">
          <dt>Patient</dt>
          <dd>{r.patientRef}</dd>
          <dt>Date</dt>
          <dd>
            {date(r.startedAt, zone)}, {clock(r.startedAt)} to {clock(r.endAt)}
          </dd>
          <dt>Times in</dt>
          <dd>{zone}</dd>
          <dt>Route</dt>
          <dd>{r.presetLabel}</dd>
          <dt>Therapist</dt>
          <dd>{r.therapist}</dd>
          {r.sitter && (
            <>
              <dt>Sitter</dt>
              <dd>{r.sitter}</dd>
            </>
          )}
          <dt>Outcome</dt>
          <dd className={`outcome outcome-${r.outcome}`} aria-label="Outcome">
            {outcomeLabel(r.outcome, 'In progress (not closed)')}
            {r.discharge && ` at ${clock(r.discharge.at)} by ${who(r.discharge.clinician, r.discharge.clinicianRole)}`}
            {r.againstAdvice && ` at ${clock(r.againstAdvice.at)}: not a discharge`}
            {r.outcome === 'no_dose' &&
              r.closed &&
              `: ${r.closed.reason ?? ''} (closed at ${clock(r.closed.at)} by ${r.closed.by})`}
          </dd>
        </dl>
      </header>

      {r.againstAdvice && (
        <section className="report-section against-advice" aria-label="Left against medical advice">
          <h3>LEFT AGAINST MEDICAL ADVICE</h3>
          <p>
            At {clock(r.againstAdvice.at)}, recorded by{' '}
            {who(r.againstAdvice.recordedBy, r.againstAdvice.recordedByRole)}. Reason: {r.againstAdvice.reason}
          </p>
          <p>
            What was done: {r.againstAdvice.actions.length ? r.againstAdvice.actions.join(', ') : 'nothing recorded'}.
          </p>
          {r.againstAdvice.note && <p>Note: {r.againstAdvice.note}</p>}
        </section>
      )}

      <section className="report-section" aria-label="Doses">
        <h3>Doses</h3>
        <table>
          <thead>
            <tr>
              <th>Time</th>
              <th>T+</th>
              <th>Dose</th>
              <th>Route</th>
              <th>Lot</th>
              <th>Given by</th>
            </tr>
          </thead>
          <tbody>
            {r.doses.map((d) => (
              <tr key={d.seq}>
                <td>
                  {clock(d.at)}
                  {d.late && ` (late entry, recorded ${clock(d.recordedAt)})`}
                </td>
                <td>{tPlus(d.tPlusMs)}</td>
                <td>
                  {d.device ? `Device ${d.device.n} of ${d.device.of}:` : d.booster ? 'Booster' : 'Dose'} {d.mg} mg
                </td>
                <td>{d.route}</td>
                <td>{d.lot ?? 'not recorded'}</td>
                <td>{who(d.author, d.role)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.doses.some((d) => d.decision) && (
          <ul className="report-decisions" aria-label="Decisions to proceed">
            {r.doses.flatMap((d) =>
              d.decision
                ? [
                    <li key={d.seq}>
                      Dose at {clock(d.at)}: {d.decision}
                    </li>,
                  ]
                : [],
            )}
          </ul>
        )}
        {r.struckDoses.length > 0 && (
          <ul className="report-struck">
            {r.struckDoses.map((s) => (
              <li key={s.seq}>
                {clock(s.at)} {s.text}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="report-section report-charts" aria-label="Arc and vitals">
        <h3>The arc</h3>
        {complete ? (
          <ArcChart timeline={r.timeline} marks={r.state.marks} slotMin={r.state.preset.slotMin} now={r.endAt} />
        ) : (
          <div className="chart-placeholder" />
        )}
        {r.marks.length > 0 && (
          <p>
            Marks:{' '}
            {r.marks
              .map((m) => `${m.text} at ${clock(m.at)} (${tPlus(m.tPlusMs)}) by ${who(m.author, m.role)}`)
              .join('; ')}
          </p>
        )}
        <h3>Vitals</h3>
        {complete ? (
          <VitalsChart entries={r.state.entries} start={chartStart} end={chartEnd} thresholds={settings.thresholds} />
        ) : (
          <div className="chart-placeholder" />
        )}
      </section>

      <section className="report-section" aria-label="Observations and scores">
        <h3>Observations, vitals and scores</h3>
        <table>
          <thead>
            <tr>
              <th>T+</th>
              <th>Time</th>
              <th>By</th>
              <th>Entry</th>
              <th>Amendment</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.seq} className={e.status === 'struck' || e.status === 'corrected' ? 'struck' : ''}>
                <td>{tPlus(e.tPlusMs)}</td>
                <td>
                  {clock(e.at)}
                  {e.late && ` (late, recorded ${clock(e.recordedAt)})`}
                </td>
                <td>{who(e.author, e.role)}</td>
                <td>{e.status === 'struck' || e.status === 'corrected' ? <s>{e.text}</s> : e.text}</td>
                <td>
                  {STATUS_WORDS[e.status]}
                  {e.amendment && `: ${e.amendment.reason} (${e.amendment.by}, ${clock(e.amendment.at)})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-label="Alerts">
        <h3>Alerts and acknowledgements</h3>
        {r.alerts.length === 0 ? (
          <p>No alerts.</p>
        ) : (
          <ul>
            {r.alerts.map((a, i) => (
              <li key={i}>
                {clock(a.at)} {a.level.toUpperCase()}: {a.message}{' '}
                {a.acknowledged
                  ? `Acknowledged by ${a.acknowledged.by} at ${clock(a.acknowledged.at)}.`
                  : 'Not acknowledged.'}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="report-section" aria-label="Music">
        <h3>Music</h3>
        {r.music.length === 0 ? (
          <p>No music is recorded in this session's log.</p>
        ) : (
          <ul>
            {r.music.map((m) => (
              <li key={m.seq}>
                {clock(m.at)} ({tPlus(m.tPlusMs)}) {m.text}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="report-section" aria-label="Day-of checklist">
        <h3>Day-of checklist</h3>
        <table>
          <tbody>
            {r.checklist.map((c) => (
              <tr key={c.label}>
                <td>{c.label}</td>
                <td>
                  {c.answer}
                  {c.reason && `: ${c.reason}`}
                </td>
                <td>{c.by && c.at !== null ? `${c.by}, ${clock(c.at)}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-label="Discharge record">
        <h3>{r.againstAdvice ? 'Discharge (not completed: the patient left against advice)' : 'Discharge'}</h3>
        <p>
          Driver or escort:{' '}
          {r.driverConfirmed
            ? `${r.driverConfirmed.name} (${r.driverConfirmed.relationship}), ${r.driverConfirmed.phone}; confirmed present in person by ${r.driverConfirmed.confirmedBy} at ${clock(r.driverConfirmed.at)}.`
            : r.driver
              ? `${r.driver.name}, ${r.driver.phone} (expected; not confirmed in person).`
              : 'none recorded.'}
        </p>
        {r.discharge && (
          <>
            <p>
              Discharged at {clock(r.discharge.at)} by {who(r.discharge.clinician, r.discharge.clinicianRole)}
              {r.discharge.padss !== null && `; PADSS ${r.discharge.padss}/10`}.
            </p>
            <ul>
              {r.discharge.conditions.map((c) => (
                <li key={c.label}>
                  {c.label}: {c.evidence ?? 'met'}
                </li>
              ))}
            </ul>
          </>
        )}
        {r.gate && (
          <ul>
            {r.gate.map((c) => (
              <li key={c.id}>
                {c.label}: {c.met ? 'met' : 'not met'}
                {c.evidence && ` (${c.evidence})`}
              </li>
            ))}
          </ul>
        )}
        {r.attestations.length > 0 && (
          <ul>
            {r.attestations.map((a) => (
              <li key={a.label}>
                {a.label}: {a.answer}
                {a.note && ` (${a.note})`}, {a.by} at {clock(a.at)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="report-section" aria-label="Signatures">
        <h3>Signatures</h3>
        {r.signatures.length === 0 ? (
          <p>No signed acts.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Time</th>
                <th>Printed name</th>
                <th>Role</th>
                <th>Meaning</th>
              </tr>
            </thead>
            <tbody>
              {r.signatures.map((sig) => (
                <tr key={sig.seq}>
                  <td>
                    {date(sig.at, zone)}, {clock(sig.at)}
                  </td>
                  <td>{sig.name}</td>
                  <td>{sig.role}</td>
                  <td>{sig.meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h4>Who recorded</h4>
        {r.recorders.length === 0 ? (
          <p>No change of the person recording during the session.</p>
        ) : (
          <ul aria-label="Changes of the person recording">
            {r.recorders.map((change, i) => (
              <li key={`${change.at}-${i}`}>
                {clock(change.at)}: {who(change.name, change.role)} switched in with their PIN and recorded from then
                on.
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="report-section" aria-label="Totals">
        <h3>Totals</h3>
        <p>
          {r.totals.doseCount} dose{r.totals.doseCount === 1 ? '' : 's'}, {r.totals.totalMg} mg in all.{' '}
          {r.totals.observations} observations, {r.totals.vitals} vitals sets, {r.totals.scores} scores,{' '}
          {r.totals.checkIns} check-ins, {r.totals.amendments} amendments. {r.totals.alerts} alerts (
          {r.totals.alertsUnacknowledged} not acknowledged).{' '}
          {r.totals.monitoredMin !== null &&
            `Monitored ${r.totals.monitoredMin} min from the first dose; ${r.totals.sinceLastDoseMin} min after the last dose. `}
          Session {r.totals.sessionMin} min.
        </p>
      </section>
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
    </article>
  );
}
