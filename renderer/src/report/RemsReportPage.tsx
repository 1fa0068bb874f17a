import { zonedClock } from '@core/pure/clinic-time';
import type { RemsField, RemsForm } from '@core/pure/rules/rems';
import type { SessionReport } from '@core/pure/report/model';

const sourceWords = (f: RemsField) =>
  f.source === 'answer'
    ? `answered by ${f.by}`
    : f.source === 'not_obtained'
      ? `not obtained (${f.by}): ${f.reason}`
      : f.source === 'record'
        ? 'from the record'
        : 'MISSING';

/**
 * The SPRAVATO® REMS Patient Monitoring Form as its own printed page of the report: the form's sections in its
 * order, each field with where its answer came from, the evidence it was read from (late entries marked), and the
 * clinic's time zone its date and times are written in.
 */
export function RemsReportPage({
  form,
  patientRef,
  signatures,
}: {
  form: RemsForm;
  patientRef: string;
  signatures: SessionReport['signatures'];
}) {
  const sections = [...new Set(form.fields.map((f) => f.section))];
  const clock = (t: number) => zonedClock(t, form.timeZone);
  return (
    <section className="report-section rems-page" aria-label="REMS patient monitoring form">
      <h3>SPRAVATO® REMS Patient Monitoring Form</h3>
      <p className="hint">
        Patient {patientRef}. Dates and times in {form.timeZone}. End of monitoring {clock(form.endAt)}; the
        end-of-monitoring BP counts within {form.endBpWithinMin} minutes before it.{' '}
        {form.complete ? 'Complete.' : `Incomplete: ${form.missing.join('; ')}.`}
      </p>
      {sections.map((section) => (
        <table key={section} className="rems-table">
          <caption>{section}</caption>
          <tbody>
            {form.fields
              .filter((f) => f.section === section)
              .map((f) => (
                <tr key={f.id} className={f.value === null ? 'rems-missing' : ''}>
                  <th scope="row">{f.label}</th>
                  <td>
                    {f.value ?? 'MISSING'}
                    {f.late && ' (recorded late)'}
                  </td>
                  <td>
                    {sourceWords(f)}
                    {f.evidence.length > 0 && (
                      <ul className="rems-evidence">
                        {f.evidence.map((e) => (
                          <li key={`${e.at}-${e.text}`}>
                            {e.text}, {e.by}
                            {e.late && `, LATE ENTRY (recorded ${clock(e.recordedAt)})`}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
      <table className="rems-table" aria-label="REMS signatures">
        <caption>Signatures</caption>
        <tbody>
          {signatures.length === 0 ? (
            <tr>
              <td>No signed answer or discharge yet.</td>
            </tr>
          ) : (
            signatures.map((sig) => (
              <tr key={sig.seq}>
                <th scope="row">
                  {sig.name} ({sig.role})
                </th>
                <td>{clock(sig.at)}</td>
                <td>{sig.meaning}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
