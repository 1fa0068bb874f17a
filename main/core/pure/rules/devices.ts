import type { SessionState } from '../session/fold';
import { clockText } from '../time-text';
import { routeOf } from '../timeline/routes';

// Spravato is given as nasal spray devices of 28 mg each, with 5 minutes' rest between them (Spravato label): the figures are the route table's.
const MIN = 60_000;

export interface DeviceProgress {
  given: number;
  planned: number;
  /** When the next device may be given (after the rest), or null when all are given. */
  nextFrom: number | null;
}

/** Devices given so far and planned, for a session of a device route with its first device recorded. */
export function deviceProgress(state: SessionState): DeviceProgress | null {
  const devices = routeOf(state.preset).devices;
  if (!devices || !state.doses[0]) return null;
  const planned = state.doses[0].device?.of ?? state.doses.length;
  const given = state.doses.length;
  const last = state.doses[given - 1]!;
  return { given, planned, nextFrom: given < planned ? last.at + devices.restMin * MIN : null };
}

/** The sentence refusing a first dose of a device route that is not whole devices, or null. */
export function deviceDoseProblem(route: { id: SessionState['preset']['id'] }, mg: number): string | null {
  const capabilities = routeOf(route);
  const devices = capabilities.devices;
  if (!devices) return null;
  if (mg % devices.mg !== 0 || mg < devices.mg || mg > devices.most * devices.mg) {
    const choice = (n: number, unit: string) => `${n * devices.mg}${unit}${n > 1 ? ` (${n} devices)` : ''}`;
    const fewer = Array.from({ length: devices.most - 1 }, (_, i) => choice(i + 1, ''));
    return `A ${capabilities.shortName} dose is given as devices of ${devices.mg} mg: enter ${fewer.join(', ')} or ${choice(devices.most, ' mg')}.`;
  }
  return null;
}

/** The sentence refusing the next device now, or null when it may be given at `at`; its times in `zone` (null: the machine's). */
export function nextDeviceProblem(state: SessionState, at: number, zone: string | null): string | null {
  const progress = deviceProgress(state);
  if (!progress) return null;
  const route = routeOf(state.preset);
  if (progress.nextFrom === null) {
    return `All ${progress.planned} devices of this dose are recorded.${route.boosters ? '' : ` ${route.shortName} has no booster: record another dose only in a new session.`}`;
  }
  if (at < progress.nextFrom) {
    const last = state.doses[state.doses.length - 1]!;
    return `Rest ${route.devices?.restMin} minutes between devices: device ${progress.given + 1} of ${progress.planned} can be given from ${clockText(progress.nextFrom, zone)} (device ${progress.given} at ${clockText(last.at, zone)}).`;
  }
  return null;
}
