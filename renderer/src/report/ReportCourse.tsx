import { STATUS_WORDS, tPlus, who } from './report-text';
import { DOSE_WITHOUT_RESCUE_CHECK } from '@core/pure/care/rescue';
import type { SessionReport } from '@core/pure/report/model';
import { ArcChart } from '../ui/ArcChart';
import { VitalsChart } from '../observations/VitalsChart';
import type { Settings } from '@core/settings/schema';

/** The doses: each with its time, signature and any decision to go ahead; struck ones kept. */
export function DosesSection({ r, clock }: { r: SessionReport; clock: (t: number) => string }) {
  return (
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
      {(r.care.rescueCheck || r.care.doseWithoutRescueCheck) && (
        <p aria-label="Rescue check">
          {r.care.doseWithoutRescueCheck
            ? DOSE_WITHOUT_RESCUE_CHECK
            : r.care.rescueCheck &&
              `Rescue check of ${r.care.rescueCheck.day}: done by ${who(r.care.rescueCheck.by, r.care.rescueCheck.role)} at ${clock(r.care.rescueCheck.checkedAt)}${r.care.rescueCheck.afterFirstDose ? ', after the first dose' : ''}.`}
        </p>
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
  );
}

/** The arc and the vitals chart, drawn once the first rows are on screen. */
export function ChartsSection({
  r,
  clock,
  complete,
  chartStart,
  chartEnd,
  settings,
}: {
  r: SessionReport;
  clock: (t: number) => string;
  complete: boolean;
  chartStart: number;
  chartEnd: number;
  settings: Settings;
}) {
  return (
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
        <VitalsChart
          entries={r.state.entries}
          start={chartStart}
          end={chartEnd}
          thresholds={settings.thresholds}
          eachReading={false}
        />
      ) : (
        <div className="chart-placeholder" />
      )}
    </section>
  );
}

/** Every observation, vitals set and score, with its corrections beside it. */
export function EntriesSection({ clock, rows }: { clock: (t: number) => string; rows: SessionReport['entries'] }) {
  return (
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
              <td className="report-when">{tPlus(e.tPlusMs)}</td>
              <td>
                {clock(e.at)}
                {e.late && ` (late, recorded ${clock(e.recordedAt)})`}
              </td>
              <td className="report-who">{who(e.author, e.role)}</td>
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
  );
}
