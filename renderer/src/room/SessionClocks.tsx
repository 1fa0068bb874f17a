import { PHASE_LABELS, type Timeline } from '@core/pure/timeline/timeline';
import { elapsedText, untilText } from '@core/pure/time-text';
import { useClock } from '../ui/clock';

/** The time since the first dose in large type, the phase with its next boundary, the clock and the earliest discharge. */
export function SessionClocks({
  timeline,
  now,
  unconfirmed = false,
}: {
  timeline: Timeline;
  now: number;
  unconfirmed?: boolean;
}) {
  const clock = useClock();
  return (
    <section className="clocks" aria-label="Clocks">
      <div className="clock-main">
        <div className="label">Since first dose</div>
        <div className="t-plus" role="timer" aria-label="Time since first dose">
          {timeline.dosed ? `T+${elapsedText(timeline.elapsedMs)}` : 'Not dosed'}
        </div>
        {unconfirmed && <div className="hint warning">time unconfirmed</div>}
      </div>
      <div>
        <div className="label">Phase</div>
        <div className="phase" aria-label="Current phase">
          {PHASE_LABELS[timeline.phase]}
        </div>
        {timeline.next && (
          <div className="countdown" aria-label="Next phase">
            {PHASE_LABELS[timeline.next.phase]} {untilText(timeline.next.inMs)}
          </div>
        )}
      </div>
      <div>
        <div className="label">Clock</div>
        <div className="wall-clock" aria-label="Clock time">
          {clock(now)}
        </div>
      </div>
      {timeline.earliestDischargeAt !== null && (
        <div>
          <div className="label">Earliest discharge</div>
          <div className="discharge-at" aria-label="Earliest discharge">
            {clock(timeline.earliestDischargeAt)}
            {unconfirmed
              ? ' (held: time unconfirmed)'
              : timeline.earliestDischargeAt > now
                ? ` (${untilText(timeline.earliestDischargeAt - now)})`
                : ' (time reached)'}
          </div>
          <div className="hint">{timeline.dischargeRule}</div>
        </div>
      )}
    </section>
  );
}
