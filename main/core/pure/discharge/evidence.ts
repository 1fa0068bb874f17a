import { live } from '../observations/due';
import type { EntryRecord, SessionState } from '../session/fold';

/** What the record says, read for discharge: the baseline, the latest readings and scores. */

export type VitalsEntry = Extract<EntryRecord, { kind: 'vitals' }>;
export type ScoreEntry = Extract<EntryRecord, { kind: 'score' }>;

const isVitals = (e: EntryRecord): e is VitalsEntry => e.kind === 'vitals' && live(e);
const isScore = (e: EntryRecord): e is ScoreEntry => e.kind === 'score' && live(e);
const last = <T>(list: T[]): T | null => list[list.length - 1] ?? null;

export const liveVitals = (state: SessionState): VitalsEntry[] => state.entries.filter(isVitals);
export const liveScores = (state: SessionState): ScoreEntry[] => state.entries.filter(isScore);

/** The baseline: the latest live pre-dose set with blood pressure or heart rate. */
export function baselineVitals(state: SessionState): VitalsEntry | null {
  const firstDose = state.doses[0]?.at ?? Infinity;
  return last(liveVitals(state).filter((e) => e.at < firstDose && (e.payload.values.systolic !== undefined || e.payload.values.heartRate !== undefined)));
}

/** The latest live MOAA/S, or with `since`, the latest taken at or after that time (the gate asks after the last dose). */
export function latestMoaas(state: SessionState, since: number | null = null): (ScoreEntry & { score: number }) | null {
  const entry = last(liveScores(state).filter((e) => e.payload.content.scale === 'moaas' && (since === null || e.at >= since)));
  return entry && entry.payload.content.scale === 'moaas' ? { ...entry, score: entry.payload.content.score } : null;
}

export const cadssTotal = (e: ScoreEntry): number | null => (e.payload.content.scale === 'cadss6' ? e.payload.content.items.reduce((sum, i) => sum + i.answer, 0) : null);

/** Within 20% means at most 20%: the boundary itself passes. A tiny tolerance absorbs floating point. */
export const WITHIN_FRACTION = 0.2;
export const withinFraction = (change: number, fraction = WITHIN_FRACTION) => Math.abs(change) <= fraction + 1e-9;

export const percent = (change: number) => `${change >= 0 ? '+' : '-'}${Math.round(Math.abs(change) * 100)}%`;
