import { outcomeLabel } from '@core/pure/report/outcomes';
import { date, who } from './report-text';
import type { SessionReport } from '@core/pure/report/model';

/** The report's head: who, when, the route and the outcome. */
export function ReportHead({ r, clock, zone }: { r: SessionReport; clock: (t: number) => string; zone: string }) {
  return (
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
  );
}

/** A departure against medical advice, in capitals, before everything else. */
export function AgainstAdvice({ r, clock }: { r: SessionReport; clock: (t: number) => string }) {
  return (
    <>
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
    </>
  );
}
