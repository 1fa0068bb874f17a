import type { SessionState } from '../session/fold';
import { compareToBaseline, withinFraction } from './evidence';

/** PADSS (Chung), each part 0-2; total >= 9 is fit for discharge with a competent adult escort (CLINICAL.md section 4). */
export interface PadssPart {
  label: string;
  score: number | null;
  /** What the score rests on, or what is needed to score it. */
  basis: string;
}
export interface Padss {
  parts: PadssPart[];
  /** Null until every part can be scored from the record. */
  total: number | null;
  fit: boolean;
}
export const PADSS_FIT = 9;

export function computePadss(state: SessionState): Padss {
  const a = state.discharge.attestations;
  const yes = (item: 'oriented' | 'steady_gait' | 'fluids' | 'voided') => (a[item] ? a[item].answer === 'yes' : null);
  const twoOf = (x: boolean | null, y: boolean | null): number | null => (x === null || y === null ? null : Number(x) + Number(y));

  const comparison = compareToBaseline(state);
  const vitals: PadssPart = comparison
    ? {
        label: 'Vital signs',
        score: withinFraction(comparison.maxChange) ? 2 : withinFraction(comparison.maxChange, 0.4) ? 1 : 0,
        basis: `largest change from baseline ${Math.round(comparison.maxChange * 100)}%`,
      }
    : { label: 'Vital signs', score: null, basis: 'needs a baseline and a set after the last dose' };

  const activity: PadssPart = {
    label: 'Activity and mental status',
    score: twoOf(yes('oriented'), yes('steady_gait')),
    basis: a.oriented && a.steady_gait ? `oriented: ${a.oriented.answer}, steady gait: ${a.steady_gait.answer}` : 'needs oriented and steady gait attested',
  };

  const nauseaLevel = a.nausea?.answer;
  const nausea: PadssPart = {
    label: 'Pain, nausea, vomiting',
    score: nauseaLevel === undefined ? null : nauseaLevel === 'resolved' || nauseaLevel === 'minimal' ? 2 : nauseaLevel === 'moderate' ? 1 : 0,
    basis: nauseaLevel ? `nausea ${nauseaLevel}` : 'needs nausea attested',
  };

  const bleeding: PadssPart = { label: 'Bleeding', score: 2, basis: 'not applicable to this treatment: scored 2' };

  const intake: PadssPart = {
    label: 'Intake and output',
    score: twoOf(yes('fluids'), yes('voided')),
    basis: a.fluids && a.voided ? `fluids: ${a.fluids.answer}, voided: ${a.voided.answer}` : 'needs fluids and voiding attested',
  };

  const parts = [vitals, activity, nausea, bleeding, intake];
  const total = parts.every((p) => p.score !== null) ? parts.reduce((sum, p) => sum + p.score!, 0) : null;
  return { parts, total, fit: total !== null && total >= PADSS_FIT };
}
