import { useEffect, useState } from 'react';
import type { CourseRow } from '@core/pure/report/course';
import { outcomeLabel } from '@core/pure/report/outcomes';
import { dateText } from '../ui/format';
import { useClockZone } from '../ui/clock';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import './integration.css';

/** The course of one patient's sessions, rows oldest first, read from the room's record. */
export function useCourse(patientRef: string): { rows: CourseRow[] | null; error: string | null } {
  const [rows, setRows] = useState<CourseRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setRows(null);
    call('getPatientCourse', { patientRef })
      .then((r) => {
        if (!current) return;
        setRows(r);
        setError(null);
      })
      .catch((err: Error) => current && setError(err.message));
    return () => {
      current = false;
    };
  }, [patientRef]);
  return { rows, error };
}

export const doseText = (r: CourseRow) =>
  r.doseMg === null ? 'no dose' : `${r.doseMg} mg${r.boostersMg.length ? ` + ${r.boostersMg.join(' + ')} mg` : ''}`;

const W = 520;
const H = 150;
const PAD = 28;

/**
 * The course across sessions, drawn small: the total dose of each session as a bar, its highest CADSS-6 (0 to 24) as a
 * point and its lowest MOAA/S (0 to 5) as a square, so the next dose is chosen on how the last ones went.
 */
function CourseChart({ rows }: { rows: CourseRow[] }) {
  const zone = useClockZone();
  const maxMg = Math.max(...rows.map((r) => r.totalMg), 1);
  const step = (W - 2 * PAD) / rows.length;
  const y = (fraction: number) => H - PAD - fraction * (H - 2 * PAD);
  const described = rows
    .map(
      (r) =>
        `${dateText(r.startedAt, zone)}: ${r.totalMg} mg, CADSS-6 ${r.highestCadss ?? 'not scored'}, lowest MOAA/S ${r.lowestMoaas ?? 'not scored'}`,
    )
    .join('; ');
  return (
    <figure className="course-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Course chart: ${described}`}>
        <line className="axis" x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} />
        {rows.map((r, i) => {
          const x = PAD + i * step + step / 2;
          return (
            <g key={r.sessionId}>
              <rect
                className="course-dose"
                x={x - step / 4}
                width={step / 2}
                y={y(r.totalMg / maxMg)}
                height={H - PAD - y(r.totalMg / maxMg)}
              />
              <text className="course-label" x={x} y={H - PAD + 14} textAnchor="middle">
                {dateText(r.startedAt, zone)} · {r.totalMg} mg
              </text>
              {r.highestCadss !== null && (
                <circle className="course-cadss" cx={x - 6} cy={y(r.highestCadss / 24)} r={4} />
              )}
              {r.lowestMoaas !== null && (
                <rect className="course-moaas" x={x + 2} y={y(r.lowestMoaas / 5) - 4} width={8} height={8} />
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">
        Bars: total dose (mg). Circles: highest CADSS-6 (0 to 24). Squares: lowest MOAA/S (0 to 5). Higher is up.
      </figcaption>
    </figure>
  );
}

/** The course of a patient, for the clinician choosing the next dose: each session in a row, and the chart across them. */
export function CoursePage({ patientRef, children }: { patientRef: string; children?: React.ReactNode }) {
  const { rows, error } = useCourse(patientRef);
  const zone = useClockZone();
  return (
    <section className="course" aria-label={`Course of ${patientRef}`}>
      <div className="report-actions no-print">{children}</div>
      <h2>Course of {patientRef}</h2>
      <ErrorLine error={error} />
      {!rows && !error && <p aria-busy="true">Reading the sessions</p>}
      {rows && (
        <>
          <CourseChart rows={rows} />
          <table aria-label="Sessions of the course">
            <thead>
              <tr>
                <th>Date</th>
                <th>Route</th>
                <th>Dose and boosters</th>
                <th>Lowest MOAA/S</th>
                <th>Highest CADSS-6</th>
                <th>Highest BP</th>
                <th>Alerts</th>
                <th>Ready to leave</th>
                <th>Adverse effects</th>
                <th>Follow-up call</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.sessionId}>
                  <td>{dateText(r.startedAt, zone)}</td>
                  <td>{r.route}</td>
                  <td>{doseText(r)}</td>
                  <td>{r.lowestMoaas ?? '-'}</td>
                  <td>{r.highestCadss ?? '-'}</td>
                  <td>{r.highestBp ? `${r.highestBp.systolic}/${r.highestBp.diastolic ?? '-'}` : '-'}</td>
                  <td>
                    {r.alerts.urgent + r.alerts.warning === 0
                      ? 'none'
                      : `${r.alerts.urgent} urgent, ${r.alerts.warning} warning`}
                  </td>
                  <td>
                    {r.readyToLeaveMin !== null
                      ? `${r.readyToLeaveMin} min after the last dose`
                      : outcomeLabel(r.outcome)}
                  </td>
                  <td>{r.adverseEffect ?? (r.followUp ? 'none' : 'no call yet')}</td>
                  <td>{r.followUp ? `night: ${r.followUp.night}; mood: ${r.followUp.mood}` : 'not made'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
