import type { Thresholds } from '@core/observations/thresholds';
import type { SessionState } from '@core/pure/session/fold';
import type { MarkKind, Timeline } from '@core/pure/timeline/timeline';
import type { StoredEvent } from '@core/session/events';
import { VitalsChart } from '../observations/VitalsChart';
import { ArcChart } from '../ui/ArcChart';
import { useClock } from '../ui/clock';
import { ErrorLine } from '../ui/ErrorLine';
import { SessionClocks } from './SessionClocks';
import { TimeCheck } from './TimeCheck';

/** A mark the therapist gives with one key: what they see ("peak reached"), or the end of an infusion. */
export interface MarkButton {
  kind: MarkKind;
  label: string;
  key: string;
  code: string;
}

/**
 * What the room reads in a second: any jump of the computer's clock, the time check after a restart, the clocks, the
 * marks, the arc and (during the session) the vitals chart.
 */
export function RoomNow(props: {
  state: SessionState;
  timeline: Timeline;
  now: number;
  covered: boolean;
  showVitals: boolean;
  marks: MarkButton[];
  onMark: (kind: MarkKind) => void;
  message: string | null;
  thresholds: Thresholds;
  onRecorded: (e: StoredEvent) => void;
}) {
  const { state, timeline, now, covered, showVitals, marks, onMark, message, thresholds, onRecorded } = props;
  const clock = useClock();
  // The infusion's end is marked once after the last dose: its button rests until a clinician strikes that mark.
  const lastDose = state.doses.at(-1);
  const infusionEndMarked =
    lastDose !== undefined && state.marks.some((m) => m.kind === 'infusion_ended' && m.at >= lastDose.at);
  const chartStart = (timeline.firstDoseAt ?? state.startedAt) - 5 * 60_000;
  const chartEnd = Math.max(timeline.earliestDischargeAt ?? now, now) + 10 * 60_000;
  return (
    <div className="room-now" inert={covered}>
      {state.clockJumps.length > 0 && (
        <p role="status" className="warning clock-jump">
          {state.clockJumps
            .map(
              (j) =>
                `The computer's clock jumped ${j.jumpMs > 0 ? 'forward' : 'back'} by ${Math.round(Math.abs(j.jumpMs) / 60_000)} min at ${clock(j.at)}`,
            )
            .join('; ')}
          . The room keeps its own time: elapsed time and the discharge rules are unchanged.
        </p>
      )}
      <TimeCheck state={state} computerNow={now + state.clockOffsetMs} onRecorded={onRecorded} />
      <SessionClocks timeline={timeline} now={now} unconfirmed={state.timeUnconfirmed !== null} />
      <section className="marks" aria-label="Marks">
        <h2>What you see</h2>
        {marks.map((m) => (
          <button
            key={m.kind}
            type="button"
            onClick={() => onMark(m.kind)}
            aria-keyshortcuts={m.key}
            disabled={!state.doses.length || (m.kind === 'infusion_ended' && infusionEndMarked)}
          >
            {m.label} <kbd>{m.key}</kbd>
          </button>
        ))}
        <ErrorLine error={message} />
      </section>
      <ArcChart
        timeline={timeline}
        marks={state.marks}
        entries={state.entries}
        slotMin={state.preset.slotMin}
        now={now}
      />
      {showVitals && <VitalsChart entries={state.entries} start={chartStart} end={chartEnd} thresholds={thresholds} />}
    </div>
  );
}
