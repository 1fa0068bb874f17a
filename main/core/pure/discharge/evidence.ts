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
export const lastDoseAt = (state: SessionState): number | null => last(state.doses)?.at ?? null;

/** The baseline: the latest live pre-dose set with blood pressure or heart rate. */
export function baselineVitals(state: SessionState): VitalsEntry | null {
  const firstDose = state.doses[0]?.at ?? Infinity;
  return last(liveVitals(state).filter((e) => e.at < firstDose && (e.payload.values.systolic !== undefined || e.payload.values.heartRate !== undefined)));
}

/** The latest live set taken after the last dose. */
export function latestVitalsAfterDose(state: SessionState): VitalsEntry | null {
  const after = lastDoseAt(state);
  if (after === null) return null;
  return last(liveVitals(state).filter((e) => e.at >= after));
}

/** The latest live MOAA/S, or with `since`, the latest taken at or after that time (the gate asks after the last dose). */
export function latestMoaas(state: SessionState, since: number | null = null): (ScoreEntry & { score: number }) | null {
  const entry = last(liveScores(state).filter((e) => e.payload.content.scale === 'moaas' && (since === null || e.at >= since)));
  return entry && entry.payload.content.scale === 'moaas' ? { ...entry, score: entry.payload.content.score } : null;
}

export const cadssTotal = (e: ScoreEntry): number | null => (e.payload.content.scale === 'cadss6' ? e.payload.content.items.reduce((sum, i) => sum + i.answer, 0) : null);

const COMPARED = [
  { field: 'systolic', label: 'Systolic' },
  { field: 'diastolic', label: 'Diastolic' },
  { field: 'heartRate', label: 'Heart rate' },
] as const;

export interface VitalsComparison {
  baseline: VitalsEntry;
  latest: VitalsEntry;
  /** Each sign measured in both, with its change as a fraction of the baseline. */
  signs: { label: string; baseline: number; latest: number; change: number }[];
  /** The largest change, as a fraction (0.2 = 20%). */
  maxChange: number;
}

/** The latest vitals after the last dose against the baseline: blood pressure and heart rate, as PADSS compares them. */
export function compareToBaseline(state: SessionState): VitalsComparison | null {
  const baseline = baselineVitals(state);
  const latest = latestVitalsAfterDose(state);
  if (!baseline || !latest) return null;
  const signs = COMPARED.flatMap(({ field, label }) => {
    const b = baseline.payload.values[field];
    const l = latest.payload.values[field];
    return b === undefined || l === undefined ? [] : [{ label, baseline: b, latest: l, change: (l - b) / b }];
  });
  if (signs.length === 0) return null;
  return { baseline, latest, signs, maxChange: Math.max(...signs.map((s) => Math.abs(s.change))) };
}

/** Within 20% means at most 20%: the boundary itself passes. A tiny tolerance absorbs floating point. */
export const WITHIN_FRACTION = 0.2;
export const withinFraction = (change: number, fraction = WITHIN_FRACTION) => Math.abs(change) <= fraction + 1e-9;

export const percent = (change: number) => `${change >= 0 ? '+' : '-'}${Math.round(Math.abs(change) * 100)}%`;
export const describeComparison = (c: VitalsComparison) => c.signs.map((s) => `${s.label} ${s.latest} vs ${s.baseline} (${percent(s.change)})`).join(', ');
