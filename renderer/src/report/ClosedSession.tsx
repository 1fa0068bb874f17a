import type { SessionState } from '@core/pure/session/fold';
import type { Settings } from '@core/settings/schema';
import { useClock } from '../ui/clock';
import { ReportPage } from './ReportPage';

/** A closed session: how it ended, its report, and the way to the next session. Changes now are amendments only. */
export function ClosedSession({
  state,
  settings,
  onLeave,
}: {
  state: SessionState;
  settings: Settings;
  onLeave?: (() => void) | undefined;
}) {
  const clock = useClock();
  const closed = state.discharge.closed!;
  const against = closed.outcome === 'left_against_advice';
  return (
    <ReportPage sessionId={state.id} settings={settings}>
      <p role="status" className={against ? 'closed-banner against-advice' : 'closed-banner'}>
        Session closed at {clock(closed.at)}:{' '}
        {against
          ? 'the patient LEFT AGAINST MEDICAL ADVICE'
          : closed.outcome === 'no_dose'
            ? `no dose given (${closed.reason ?? ''})`
            : 'the patient was discharged'}
        .
      </p>
      {onLeave && (
        <button type="button" onClick={onLeave}>
          Start the next session
        </button>
      )}
    </ReportPage>
  );
}
