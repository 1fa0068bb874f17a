import { useState } from 'react';
import { deviceProgress, nextDeviceProblem } from '@core/pure/rules/devices';
import { routeOf } from '@core/pure/timeline/routes';
import { urgentAlertRefusal } from '@core/pure/rules/dose-rules';
import type { StoredEvent } from '@core/session/events';
import type { SessionState } from '@core/pure/session/fold';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { useClockZone } from '../ui/clock';
import { useRoomStaff } from '../staff/room-staff';

/** Spravato: the next device of the dose, held until the 5-minute rest has passed, with the time it may be given; each device is signed. */
export function NextDevice({
  state,
  now,
  onRecorded,
}: {
  state: SessionState;
  now: number;
  onRecorded: (e: StoredEvent) => void;
}) {
  const { signed } = useRoomStaff();
  const zone = useClockZone();
  const [error, setError] = useState<string | null>(null);
  const progress = deviceProgress(state);
  if (!progress || progress.nextFrom === null) return null;
  // The rest between devices, then any urgent alert a clinician has not acknowledged yet.
  const waiting = nextDeviceProblem(state, now, zone) ?? urgentAlertRefusal(state)?.message ?? null;
  const next = progress.given + 1;
  const { shortName, devices } = routeOf(state.preset);
  const mg = devices?.mg ?? 0;
  return (
    <div className="next-device">
      <button
        type="button"
        disabled={waiting !== null}
        aria-describedby={waiting ? 'device-wait' : undefined}
        onClick={async () => {
          try {
            const recorded = await signed(
              `Record ${shortName} device ${next} of ${progress.planned}`,
              (signature) => call('recordDose', { sessionId: state.id, mg, booster: false, ...signature }),
              `You order ${shortName} device ${next} of ${progress.planned} (${mg} mg).`,
            );
            if (!recorded) return;
            onRecorded(recorded);
            setError(null);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      >
        Record device {next} of {progress.planned}
      </button>
      {waiting && (
        <p id="device-wait" className="hint" role="status">
          {waiting}
        </p>
      )}
      <ErrorLine error={error} />
    </div>
  );
}
