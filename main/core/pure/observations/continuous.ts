/**
 * A monitor's continuous SpO2 and pulse (1 Hz or periodic), kept as the record keeps them: a summary per minute
 * (lowest and median) and every desaturation (below the warning threshold for 15 s or more) as its own entry with
 * its depth and length. One pure step per sample; the caller keeps the state.
 */

export const DESATURATION_MIN_MS = 15_000;
export const SIGNAL_LOST_MS = 30_000;
const MINUTE = 60_000;

export interface ContinuousSample {
  /** The monitor's own time of the sample. */
  deviceTime: number;
  /** The room's time it arrived. */
  receivedAt: number;
  spo2?: number;
  heartRate?: number;
}

export interface MinuteSummary {
  /** The start of the monitor's minute. */
  minute: number;
  samples: number;
  lowest: { spo2?: number; heartRate?: number };
  median: { spo2?: number; heartRate?: number };
  /** The monitor's time of the last sample, and the room's time it arrived. */
  deviceTime: number;
  receivedAt: number;
}

export interface Desaturation {
  /** The monitor's time the SpO2 fell below the threshold. */
  startedAt: number;
  /** Its length so far (ongoing) or in all (ended), in seconds. */
  lengthSec: number;
  lowestSpo2: number;
  /** The threshold it fell below. */
  below: number;
  ongoing: boolean;
  deviceTime: number;
  receivedAt: number;
}

export interface ContinuousState {
  minute: number | null;
  spo2: number[];
  heartRate: number[];
  last: ContinuousSample | null;
  /** The current run below the threshold, and whether it has lasted long enough to be an episode (reported once). */
  low: { startedAt: number; lowest: number; reported: boolean } | null;
}

export const emptyContinuous = (): ContinuousState => ({
  minute: null,
  spo2: [],
  heartRate: [],
  last: null,
  low: null,
});

export interface ContinuousStep {
  state: ContinuousState;
  /** The minute that closed with this sample, if one did. */
  summary: MinuteSummary | null;
  /** A desaturation that reached 15 s (ongoing) or ended after reaching it. */
  desaturation: Desaturation | null;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** The summary of the minute the state holds (null when it holds none). */
export function closeMinute(state: ContinuousState): MinuteSummary | null {
  if (state.minute === null || !state.last || (state.spo2.length === 0 && state.heartRate.length === 0)) return null;
  const min = (v: number[]) => (v.length ? Math.min(...v) : undefined);
  const pick = (o: { spo2?: number; heartRate?: number }) => ({
    ...(o.spo2 !== undefined ? { spo2: o.spo2 } : {}),
    ...(o.heartRate !== undefined ? { heartRate: o.heartRate } : {}),
  });
  return {
    minute: state.minute,
    samples: Math.max(state.spo2.length, state.heartRate.length),
    lowest: pick({ spo2: min(state.spo2), heartRate: min(state.heartRate) }),
    median: pick({ spo2: median(state.spo2), heartRate: median(state.heartRate) }),
    deviceTime: state.last.deviceTime,
    receivedAt: state.last.receivedAt,
  };
}

/** One sample in: the minute it closes and the desaturation it reports, if any. */
export function stepContinuous(state: ContinuousState, sample: ContinuousSample, warning: number): ContinuousStep {
  const minute = Math.floor(sample.deviceTime / MINUTE) * MINUTE;
  let summary: MinuteSummary | null = null;
  let next: ContinuousState = state;
  if (state.minute !== null && minute !== state.minute) {
    summary = closeMinute(state);
    next = { ...state, minute, spo2: [], heartRate: [] };
  } else if (state.minute === null) next = { ...state, minute };
  next = {
    ...next,
    spo2: sample.spo2 !== undefined ? [...next.spo2, sample.spo2] : next.spo2,
    heartRate: sample.heartRate !== undefined ? [...next.heartRate, sample.heartRate] : next.heartRate,
    last: sample,
  };

  let desaturation: Desaturation | null = null;
  if (sample.spo2 !== undefined) {
    const low = next.low;
    const episode = (l: NonNullable<ContinuousState['low']>, ongoing: boolean, end: number): Desaturation => ({
      startedAt: l.startedAt,
      lengthSec: Math.round((end - l.startedAt) / 1000),
      lowestSpo2: l.lowest,
      below: warning,
      ongoing,
      deviceTime: sample.deviceTime,
      receivedAt: sample.receivedAt,
    });
    if (sample.spo2 < warning) {
      const run = low
        ? { ...low, lowest: Math.min(low.lowest, sample.spo2) }
        : { startedAt: sample.deviceTime, lowest: sample.spo2, reported: false };
      if (!run.reported && sample.deviceTime - run.startedAt >= DESATURATION_MIN_MS) {
        desaturation = episode(run, true, sample.deviceTime);
        run.reported = true;
      }
      next = { ...next, low: run };
    } else if (low) {
      // Back at or above the threshold: a run that was an episode ends with its depth and length; a shorter dip was one sample's noise.
      if (low.reported) desaturation = episode(low, false, sample.deviceTime);
      next = { ...next, low: null };
    }
  }
  return { state: next, summary, desaturation };
}
