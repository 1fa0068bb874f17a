import { zonedClock, zonedDate } from '@core/pure/clinic-time';
import type { RemsField, RemsForm } from '@core/pure/rules/rems';
import { usDate } from '@core/pure/discharge/rems-fields';
import type { SessionReport } from '@core/pure/report/model';

const sourceWords = (f: RemsField) =>
  f.source === 'answer'
    ? `answered by ${f.by}`
    : f.source === 'not_obtained'
      ? `not obtained (${f.by}): ${f.reason}`
      : f.source === 'record'
        ? 'from the record'
        : f.source === 'settings'
          ? "from the clinic's settings"
          : 'MISSING';

/**
 * The SPRAVATO® REMS Patient Monitoring Form as its own printed page of the report: every field of the current form in
 * its sections and order, each with where its answer came from, what the record shows where it answers the question,
 * the evidence it was read from (late entries marked), the clinic's time zone, and once monitoring has ended, the form
 * as it was fixed then with every later change printed beside the value it would have changed (an addendum: who,
 * when, why). The filing with the REMS and its 7-day due date close the page.
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
  const when = (t: number) => `${usDate(zonedDate(t, form.timeZone))} ${clock(t)}`;
  return (
    <section className="report-section rems-page" aria-label="REMS patient monitoring form">
      <h3>SPRAVATO® REMS Patient Monitoring Form</h3>
      <p className="hint">
        Patient {patientRef}. Dates and times in {form.timeZone}. End of monitoring {clock(form.endAt)}; the
        end-of-monitoring BP counts within {form.endBpWithinMin} minutes before it.{' '}
        {form.fixed && 'Fixed at the end of monitoring: later changes are printed as addenda beside the values. '}
        {form.complete ? 'Complete.' : `Incomplete: ${form.missing.join('; ')}.`}
      </p>
      {sections.map((section) => (
        <table key={section} className="rems-table">
          <caption>{section}</caption>
          <tbody>
            {form.fields
              .filter((f) => f.section === section)
              .map((f) => (
                <tr key={f.id} className={f.value === null || f.missing ? 'rems-missing' : ''}>
                  <th scope="row">{f.label}</th>
                  <td>
                    {f.value ?? 'MISSING'}
                    {f.late && ' (recorded late)'}
                  </td>
                  <td>
                    {sourceWords(f)}
                    {f.source === 'answer' && f.reason && `; why: ${f.reason}`}
                    {f.record && f.source !== 'record' && `; the record shows ${f.record.shows}`}
                    {f.afterEnd && `; answered after the end of monitoring by ${f.afterEnd.by}, ${when(f.afterEnd.at)}`}
                    {f.missing && f.value !== null && `; STILL MISSING: ${f.missing}`}
                    {f.evidence.length > 0 && (
                      <ul className="rems-evidence">
                        {f.evidence.map((e) => (
                          <li key={`${e.at}-${e.text}`}>
                            {e.text}
                            {e.by && `, ${e.by}`}
                            {e.late && `, LATE ENTRY (recorded ${clock(e.recordedAt)})`}
                          </li>
                        ))}
                      </ul>
                    )}
                    {f.addenda.length > 0 && (
                      <ul className="rems-addenda" aria-label={`Addenda to ${f.label}`}>
                        {f.addenda.map((a, i) => (
                          <li key={i}>
                            ADDENDUM {when(a.at)}, {a.by}
                            {a.role && ` (${a.role})`}: {a.what}; now {a.value ?? 'no value'}. Reason:{' '}
                            {a.reason || 'none given'}
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
      <table className="rems-table" aria-label="REMS filing">
        <caption>Filing with the REMS</caption>
        <tbody>
          <tr>
            <th scope="row">Due (within 7 days of the session)</th>
            <td>{form.dueDate ? usDate(form.dueDate) : 'after the dose'}</td>
          </tr>
          <tr>
            <th scope="row">Filed</th>
            <td>
              {form.filings.length === 0
                ? 'Not marked filed yet.'
                : form.filings
                    .map(
                      (filing) =>
                        `${usDate(filing.filedOn)} ${filing.method === 'fax' ? 'by fax' : 'online'}, marked by ${filing.by} at ${when(filing.at)}`,
                    )
                    .join('; ')}
            </td>
          </tr>
        </tbody>
      </table>
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
