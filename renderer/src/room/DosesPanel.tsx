import type { RefObject } from 'react';
import { CHECKLIST_LABELS } from '@core/pure/discharge/checklist';
import { rescueCheckRefusal } from '@core/pure/care/rescue';
import type { SessionState } from '@core/pure/session/fold';
import { elapsedText } from '@core/pure/time-text';
import { routeOf } from '@core/pure/timeline/routes';
import type { StoredEvent } from '@core/session/events';
import { RescueCheckPanel, useRescueCheck } from '../care/RescueCheck';
import { useClock } from '../ui/clock';
import { DoseForm } from './DoseForm';
import { NextDevice } from './NextDevice';
import { NoDoseClose } from './NoDoseClose';

/**
 * The doses given, and what comes next: before the first, today's rescue check, the dose form and closing without a
 * dose; after it, the booster form, or a device route's next device.
 */
export function DosesPanel(props: {
  state: SessionState;
  now: number;
  author: string;
  rescue: ReturnType<typeof useRescueCheck>;
  doseInput: RefObject<HTMLInputElement | null>;
  boosterInput: RefObject<HTMLInputElement | null>;
  onRecorded: (e: StoredEvent) => void;
}) {
  const { state, now, author, rescue, onRecorded } = props;
  const clock = useClock();
  const firstDose = state.doses[0];
  return (
    <section className="doses" aria-label="Doses">
      <h2>Doses</h2>
      <ul>
        {state.doses.map((d) => (
          <li key={d.seq}>
            {d.device ? `Device ${d.device.n} of ${d.device.of}:` : d.booster ? 'Booster' : 'Dose'} {d.mg} mg at{' '}
            {clock(d.at)}
            {firstDose && ` (T+${elapsedText(d.at - firstDose.at, false)})`}
            {d.lot && `, lot ${d.lot}`}, by {d.author}
            {d.decision &&
              ` · given despite ${d.decision.items.map((i) => `${CHECKLIST_LABELS[i.item]} (${i.answer}${i.reason ? `: ${i.reason}` : ''})`).join(', ')}: ${d.decision.clinician} decided to proceed`}
            {d.late && <span className="late"> · late entry, recorded {clock(d.recordedAt)}</span>}
          </li>
        ))}
      </ul>
      {firstDose ? (
        routeOf(state.preset).devices ? (
          <NextDevice state={state} now={now} onRecorded={onRecorded} />
        ) : (
          <DoseForm
            key="booster"
            sessionId={state.id}
            booster
            defaultMg={null}
            firstInputRef={props.boosterInput}
            state={state}
            onRecorded={onRecorded}
          />
        )
      ) : (
        <>
          <RescueCheckPanel view={rescue.view} loadError={rescue.error} onRecorded={rescue.take} />
          <DoseForm
            key="dose"
            sessionId={state.id}
            booster={false}
            defaultMg={state.plannedDoseMg}
            firstInputRef={props.doseInput}
            state={state}
            roomRefusal={rescueCheckRefusal(rescue.view)}
            onRecorded={onRecorded}
          />
          <NoDoseClose sessionId={state.id} author={author} onRecorded={onRecorded} />
        </>
      )}
    </section>
  );
}
