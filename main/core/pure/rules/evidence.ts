import { live } from './due';
import type { EntryRecord, SessionState } from '../session/fold';
import type { VitalsValues } from '../observations/vitals';

/** What the record says, read for discharge: the baseline, the latest readings and scores. */

export type VitalsEntry = Extract<EntryRecord, { kind: 'vitals' }>;
export type ScoreEntry = Extract<EntryRecord, { kind: 'score' }>;

const isVitals = (e: EntryRecord): e is VitalsEntry => e.kind === 'vitals' && live(e);
const isScore = (e: EntryRecord): e is ScoreEntry => e.kind === 'score' && live(e);
const last = <T>(list: T[]): T | null => list[list.length - 1] ?? null;

export const liveVitals = (state: SessionState): VitalsEntry[] => state.entries.filter(isVitals);
export const liveScores = (state: SessionState): ScoreEntry[] => state.entries.filter(isScore);

/**
 * The baseline, value by value: each value's latest live reading before the first dose. A later partial set (a pulse
 * oximeter's heart rate and SpO2) so never hides the blood pressure taken before it.
 */
export function baselineValues(state: SessionState): VitalsValues {
  const firstDose = state.doses[0]?.at ?? Infinity;
  const baseline: VitalsValues = {};
  for (const e of liveVitals(state)) if (e.at < firstDose) Object.assign(baseline, e.payload.values);
  return baseline;
}

/** The latest live MOAA/S, or with `since`, the latest taken at or after that time (the gate asks after the last dose). */
export function latestMoaas(state: SessionState, since: number | null = null): (ScoreEntry & { score: number }) | null {
  const entry = last(
    liveScores(state).filter((e) => e.payload.content.scale === 'moaas' && (since === null || e.at >= since)),
  );
  return entry && entry.payload.content.scale === 'moaas' ? { ...entry, score: entry.payload.content.score } : null;
}

export const cadssTotal = (e: ScoreEntry): number | null =>
  e.payload.content.scale === 'cadss6' ? e.payload.content.items.reduce((sum, i) => sum + i.answer, 0) : null;

/** Within 20% means at most 20%: the boundary itself passes. A tiny tolerance absorbs floating point. */
export const WITHIN_FRACTION = 0.2;
export const withinFraction = (change: number, fraction = WITHIN_FRACTION) => Math.abs(change) <= fraction + 1e-9;

export const percent = (change: number) => `${change >= 0 ? '+' : '-'}${Math.round(Math.abs(change) * 100)}%`;
