import { live } from './due';
import type { SessionState } from '../session/fold';
import { withinFraction } from './evidence';
import { evidenceWindow, isRecent, tPlus } from './recent';
import { vitalsAtDischarge } from './vitals-check';

/**
 * The modified PADSS (Marshall and Chung 1999): vital signs, activity, nausea and vomiting, pain, surgical bleeding,
 * each 0-2 (pain 2 or 1); total >= 9 is fit for discharge with a competent adult escort. Intake and output, scored by the
 * original PADSS (Chung 1995), are not part of it.
 */
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

/**
 * PADSS at `now`, from assessments made after the last dose and within the preset's evidence window only: a
 * score says how the patient is now. The nausea and vomiting part reads the nausea and vomiting entries too. The vital
 * signs part is blood pressure and pulse against their pre-dose values.
 */
export function computePadss(state: SessionState, now: number): Padss {
  const w = evidenceWindow(state, now);
  const recent = <T extends { at: number }>(a: T | undefined) =>
    a && w && a.at >= w.lastDoseAt && isRecent(w, a.at) ? a : undefined;
  const att = state.discharge.attestations;
  const a = {
    oriented: recent(att.oriented),
    steady_gait: recent(att.steady_gait),
    nausea: recent(att.nausea),
    pain: recent(att.pain),
  };
  const yes = (item: 'oriented' | 'steady_gait' | 'pain') => (a[item] ? a[item].answer === 'yes' : null);
  const twoOf = (x: boolean | null, y: boolean | null): number | null =>
    x === null || y === null ? null : Number(x) + Number(y);

  const v = vitalsAtDischarge(state, w);
  const bpAndHr = v.signs.filter((s) => s.id === 'bp' || s.id === 'heartRate');
  const vitalsKnown = bpAndHr.every((s) => s.entry && s.recent && s.changes.length > 0) && v.maxChange !== null;
  const vitals: PadssPart = vitalsKnown
    ? {
        label: 'Vital signs',
        score: withinFraction(v.maxChange!) ? 2 : withinFraction(v.maxChange!, 0.4) ? 1 : 0,
        basis: `largest change of BP and heart rate from baseline ${Math.round(v.maxChange! * 100)}%`,
      }
    : { label: 'Vital signs', score: null, basis: 'needs a baseline and a recent set after the last dose' };

  const activity: PadssPart = {
    label: 'Activity and mental status',
    score: twoOf(yes('oriented'), yes('steady_gait')),
    basis:
      a.oriented && a.steady_gait
        ? `oriented: ${a.oriented.answer}, steady gait: ${a.steady_gait.answer}`
        : 'needs oriented and steady gait attested recently',
  };

  // Vomiting, or nausea noted after the attestation, within the window caps the part: the entries say more than an older answer.
  const tagged = (word: RegExp) =>
    w
      ? state.entries.filter(
          (e) =>
            e.kind === 'observation' &&
            live(e) &&
            e.at >= w.lastDoseAt &&
            isRecent(w, e.at) &&
            e.payload.tags.some((t) => word.test(t)),
        )
      : [];
  const vomited = tagged(/vomit/i).at(-1);
  const nauseaNoted = tagged(/nausea/i)
    .filter((e) => !a.nausea || e.at > a.nausea.at)
    .at(-1);
  const level = a.nausea?.answer;
  const attestedScore =
    level === undefined ? null : level === 'resolved' || level === 'minimal' ? 2 : level === 'moderate' ? 1 : 0;
  const cap = vomited || nauseaNoted ? 1 : 2;
  const nausea: PadssPart = {
    label: 'Nausea and vomiting',
    score: attestedScore === null ? null : Math.min(attestedScore, cap),
    basis: [
      level ? `nausea ${level}` : 'needs nausea attested recently',
      vomited && w ? `vomiting noted at ${tPlus(w, vomited.at)}` : null,
      nauseaNoted && w ? `nausea noted at ${tPlus(w, nauseaNoted.at)}` : null,
    ]
      .filter(Boolean)
      .join(', '),
  };

  // Pain acceptable to the patient (controlled with oral analgesics, if any): 2; not acceptable: 1 (the modified PADSS has no 0).
  const painYes = yes('pain');
  const pain: PadssPart = {
    label: 'Pain',
    score: painYes === null ? null : painYes ? 2 : 1,
    basis: a.pain ? `pain acceptable to the patient: ${a.pain.answer}` : 'needs pain attested recently',
  };

  const bleeding: PadssPart = {
    label: 'Surgical bleeding',
    score: 2,
    basis: 'not applicable to this treatment: scored 2',
  };

  const parts = [vitals, activity, nausea, pain, bleeding];
  const total = parts.every((p) => p.score !== null) ? parts.reduce((sum, p) => sum + p.score!, 0) : null;
  return { parts, total, fit: total !== null && total >= PADSS_FIT };
}
