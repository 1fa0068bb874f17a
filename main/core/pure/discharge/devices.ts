import type { SessionState } from '../session/fold';
import { clockText } from '../time-text';

/** Spravato is given as nasal spray devices of 28 mg each, with 5 minutes' rest between them (Spravato label). */
export const SPRAVATO_DEVICE_MG = 28;
export const DEVICE_REST_MIN = 5;
const MIN = 60_000;

export interface DeviceProgress {
  given: number;
  planned: number;
  /** When the next device may be given (after the rest), or null when all are given. */
  nextFrom: number | null;
}

/** Devices given so far and planned, for a Spravato session with its first device recorded. */
export function deviceProgress(state: SessionState): DeviceProgress | null {
  if (state.preset.id !== 'spravato' || !state.doses[0]) return null;
  const planned = state.doses[0].device?.of ?? state.doses.length;
  const given = state.doses.length;
  const last = state.doses[given - 1]!;
  return { given, planned, nextFrom: given < planned ? last.at + DEVICE_REST_MIN * MIN : null };
}

/** The sentence refusing a Spravato first dose that is not whole devices, or null. */
export function spravatoDoseProblem(mg: number): string | null {
  if (mg % SPRAVATO_DEVICE_MG !== 0 || mg < SPRAVATO_DEVICE_MG || mg > 3 * SPRAVATO_DEVICE_MG) {
    return `A Spravato dose is given as devices of ${SPRAVATO_DEVICE_MG} mg: enter 28, 56 (2 devices) or 84 mg (3 devices).`;
  }
  return null;
}

/** The sentence refusing the next device now, or null when it may be given at `at`; its times in `zone` (null: the machine's). */
export function nextDeviceProblem(state: SessionState, at: number, zone: string | null): string | null {
  const progress = deviceProgress(state);
  if (!progress) return null;
  if (progress.nextFrom === null) return `All ${progress.planned} devices of this dose are recorded. Spravato has no booster: record another dose only in a new session.`;
  if (at < progress.nextFrom) {
    const last = state.doses[state.doses.length - 1]!;
    return `Rest ${DEVICE_REST_MIN} minutes between devices: device ${progress.given + 1} of ${progress.planned} can be given from ${clockText(progress.nextFrom, zone)} (device ${progress.given} at ${clockText(last.at, zone)}).`;
  }
  return null;
}
