import { date, who } from './report-text';
import type { SessionReport } from '@core/pure/report/model';
import { followUpCallText } from '@core/pure/care/follow-up';
import { dayText } from '@core/pure/clinic-time';
import { countText } from '@core/pure/count-text';

/** The discharge: the escort, the conditions with their evidence, the attestations. */
export function DischargeSection({ r, clock }: { r: SessionReport; clock: (t: number) => string }) {
  return (
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
      {(r.care.orthostaticRequired || r.care.orthostatic.length > 0) && (
        <div aria-label="Orthostatic checks">
          <h4>Orthostatic checks</h4>
          {r.care.orthostatic.length === 0 ? (
            <p>None recorded.</p>
          ) : (
            <ul>
              {r.care.orthostatic.map((o) => (
                <li key={o.seq}>
                  {clock(o.at)}: {o.text}, by {o.author}. {o.hold ?? 'Passes.'}
                </li>
              ))}
            </ul>
          )}
        </div>
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
  );
}

/** The next-day follow-up call, due or made. */
export function FollowUpSection({ r, clock, zone }: { r: SessionReport; clock: (t: number) => string; zone: string }) {
  return (
    <>
      {(r.care.followUpDue || r.care.followUpCalls.length > 0) && (
        <section className="report-section" aria-label="Follow-up call">
          <h3>Follow-up call</h3>
          {r.care.followUpDue && <p>Due {dayText(r.care.followUpDue.dueDay)}, the day after the discharge.</p>}
          {r.care.followUpCalls.length === 0 ? (
            <p>Not made yet.</p>
          ) : (
            <ul>
              {r.care.followUpCalls.map((c) => (
                <li key={c.seq}>
                  {date(c.at, zone)}, {clock(c.at)}, by {who(c.by, c.role)}: {followUpCallText(c)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

/** Every signed act, with its meaning. */
export function SignaturesSection({
  r,
  clock,
  zone,
}: {
  r: SessionReport;
  clock: (t: number) => string;
  zone: string;
}) {
  return (
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
                <td className="report-when">
                  {date(sig.at, zone)}, {clock(sig.at)}
                </td>
                <td className="report-who">{sig.name}</td>
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
              {clock(change.at)}: {who(change.name, change.role)} switched in with their PIN and recorded from then on.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The session's totals. */
export function TotalsSection({ r }: { r: SessionReport }) {
  const t = r.totals;
  return (
    <section className="report-section" aria-label="Totals">
      <h3>Totals</h3>
      <p>
        {countText(t.doseCount, 'dose')}, {t.totalMg} mg in all. {countText(t.observations, 'observation')},{' '}
        {countText(t.vitals, 'vitals set')}, {countText(t.scores, 'score')}, {countText(t.checkIns, 'check-in')},{' '}
        {countText(t.amendments, 'amendment')}. {countText(t.alerts, 'alert')} ({t.alertsUnacknowledged} open).{' '}
        {t.monitoredMin !== null &&
          `Monitored ${t.monitoredMin} min from the first dose; ${t.sinceLastDoseMin} min after the last dose. `}
        Session {t.sessionMin} min.
      </p>
    </section>
  );
}
