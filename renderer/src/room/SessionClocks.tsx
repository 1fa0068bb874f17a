import { PHASE_LABELS, type Timeline } from '../../../main/core/pure/timeline/timeline';
import { formatCountdown } from '../ui/format';
import { clockText, elapsedText } from '../../../main/core/pure/time-text';

/** The time since the first dose in large type, the phase with its next boundary, the clock and the earliest discharge. */
export function SessionClocks({ timeline, now }: { timeline: Timeline; now: number }) {
  return (
    <section className="clocks" aria-label="Clocks">
      <div className="clock-main">
        <div className="label">Since first dose</div>
        <div className="t-plus" role="timer" aria-label="Time since first dose">
          {timeline.dosed ? `T+${elapsedText(timeline.elapsedMs)}` : 'Not dosed'}
        </div>
      </div>
      <div>
        <div className="label">Phase</div>
        <div className="phase" aria-label="Current phase">
          {PHASE_LABELS[timeline.phase]}
        </div>
        {timeline.next && (
          <div className="countdown" aria-label="Next phase">
            {PHASE_LABELS[timeline.next.phase]} in {formatCountdown(timeline.next.inMs)}
          </div>
        )}
      </div>
      <div>
        <div className="label">Clock</div>
        <div className="wall-clock" aria-label="Clock time">
          {clockText(now)}
        </div>
      </div>
      {timeline.earliestDischargeAt !== null && (
        <div>
          <div className="label">Earliest discharge</div>
          <div className="discharge-at" aria-label="Earliest discharge">
            {clockText(timeline.earliestDischargeAt)}
            {timeline.earliestDischargeAt > now
              ? ` (in ${formatCountdown(timeline.earliestDischargeAt - now)})`
              : ' (time reached)'}
          </div>
          <div className="hint">{timeline.dischargeRule}</div>
        </div>
      )}
    </section>
  );
}
